"""Keyboard-only walks through a form, as someone without a mouse would do it."""


def active(pg) -> dict:
    return pg.evaluate("""() => {
        const el = document.activeElement;
        return {tag: el.tagName, type: el.type || '', cls: el.className || '',
                inItem: !!el.closest('.os-item'), inSetting: !!el.closest('.os-setting')};
    }""")


def tab_to_first_item(pg, limit: int = 300) -> int:
    for presses in range(1, limit + 1):
        pg.keyboard.press("Tab")
        state = active(pg)
        if state["inItem"] or state["inSetting"]:
            return presses
    raise AssertionError("Tab never reached the form")


def answer_all_by_keyboard(pg, moves=(1, 2, 3), submit: bool = True) -> int:
    """From the first radio group: choose with arrow keys, Tab to the next group, Enter on submit.

    Returns the number of groups answered."""
    groups = 0
    while True:
        state = active(pg)
        if state["inSetting"]:
            pg.keyboard.press("Tab")
            continue
        if not state["inItem"]:
            break
        for _ in range(moves[groups % len(moves)]):
            pg.keyboard.press("ArrowRight")
        groups += 1
        pg.keyboard.press("Tab")
    state = active(pg)
    assert state["tag"] == "BUTTON" and "os-submit" in state["cls"], f"after the last group, focus is on {state}"
    if submit:
        pg.keyboard.press("Enter")
    return groups


def complete_form_by_keyboard(pg, items: int) -> str:
    """Answer every item of the page's form from the keyboard, submit, wait for the chart and the save
    code, check nothing scrolls sideways, and return the chart's summary in words."""
    assert pg.locator(".os-form .os-item").count() == items
    tab_to_first_item(pg)
    assert answer_all_by_keyboard(pg) == items
    pg.wait_for_selector(".js-plotly-plot .main-svg")
    pg.wait_for_selector(".os-save:not([hidden]) .os-code")
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    return pg.locator(".os-summary").last.inner_text()
