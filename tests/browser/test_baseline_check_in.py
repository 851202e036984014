"""The mould, proved end to end: the baseline check-in answered by keyboard only, in Chromium."""
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import open_page, screenshot
from tests.browser.keyboard import answer_all_by_keyboard, tab_to_first_item

PAGE = "00-start-here/03-baseline-check-in.ipynb"


def test_keyboard_only_answer_submit_and_read_the_chart(server, page):
    requested = open_page(page, server, PAGE)
    page.wait_for_selector(".os-form")
    items = page.locator(".os-item").count()
    assert items >= 8
    assert page.locator(".os-item input:checked").count() == 0, "nothing is pre-selected"
    assert page.locator(".os-progress").inner_text() == f"0 of {items} answered"

    presses = tab_to_first_item(page)
    answered = answer_all_by_keyboard(page)
    assert answered == items
    page.wait_for_selector(".os-summary", timeout=30000)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    assert page.locator(".os-progress").inner_text() == f"{items} of {items} answered"
    assert page.locator(".os-item input:checked").count() == items
    summary = page.locator(".os-summary").last.inner_text()
    assert "Averages on a scale from 1" in summary
    assert "you mostly" in summary or "mixed" in summary
    assert page.locator(".os-submit-status").inner_text() == "Your results are below."
    screenshot(page, "baseline-check-in-1200")

    # No CDN or other outside request, ever.
    outside = [u for u in requested if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
    assert outside == []
    assert presses < 60


def test_axe_finds_no_serious_or_critical_violation(server, page):
    open_page(page, server, PAGE)
    page.wait_for_selector(".os-form")
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


def test_each_item_is_a_named_radio_group(server, page):
    open_page(page, server, PAGE)
    page.wait_for_selector(".os-form")
    first_text = page.locator(".os-item legend").first.inner_text().split(". ", 1)[1]
    group = page.get_by_role("radiogroup", name=first_text)
    assert group.count() == 1
    assert group.get_by_role("radio").count() >= 3


def test_page_has_language_landmarks_title_and_support(server, page):
    open_page(page, server, PAGE)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("[role=main]").count() == 1
    footer = page.locator("footer#os-page-footer")
    assert footer.count() == 1
    assert footer.locator("a[href^='tel:']").count() >= 3
    # The footer follows the content, and the page itself scrolls (not a box inside it).
    main_box = page.locator("[role=main]").bounding_box()
    assert footer.bounding_box()["y"] >= main_box["y"] + main_box["height"] - 1
    assert page.evaluate("document.documentElement.scrollHeight") > page.viewport_size["height"]
    assert page.title().startswith("Open Strength")


def test_phone_layout_has_no_sideways_scroll_and_16px_text(server, phone):
    open_page(phone, server, PAGE)
    phone.wait_for_selector(".os-form")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.os-item legend')).fontSize)")
    assert size >= 16
    box = phone.locator(".os-option").first.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    screenshot(phone, "baseline-check-in-390")
