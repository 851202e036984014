"""Answers that survive (browser storage by choice, save codes across origins) and stay private
(shared-computer mode, free text never in a kernel message), checked in Chromium."""
import json
import time

import pytest

from tests.browser.conftest import free_port, launch_server, open_page

BASELINE = "00-start-here/03-baseline-check-in.ipynb"
RULES = "01-where-the-rules-come-from/02-self-assessment.ipynb"
PRIVACY = "00-start-here/02-privacy-and-agreement.ipynb"


def storage(pg) -> dict:
    return pg.evaluate("() => ({local: Object.assign({}, localStorage), session: Object.assign({}, sessionStorage)})")


def own_keys(store: dict) -> list[str]:
    return sorted(k for k in store if k.startswith("open-strength:"))


def answer(pg, picks: dict[int, str]) -> None:
    items = pg.locator(".os-form .os-item")
    for index, value in picks.items():
        items.nth(index).locator(f"input[value='{value}']").check()


def checked(pg) -> dict[int, str]:
    found = pg.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.os-form .os-item')]
        .map((f, i) => [i, (f.querySelector('input:checked') || {}).value]).filter(([, v]) => v))""")
    return {int(k): v for k, v in found.items()}


def submit_and_read_code(pg) -> str:
    pg.locator(".os-submit").click()
    pg.wait_for_selector(".os-save:not([hidden]) .os-code")
    code = pg.get_by_role("textbox", name="Your save code", exact=True)
    code.wait_for()
    pg.wait_for_function("(el) => el.value.startsWith('OS-')", arg=code.element_handle())
    return code.input_value()


PICKS = {0: "2", 1: "5", 2: "skip", 4: "6", 7: "1"}


def test_kept_answers_come_back_after_reload_and_a_new_kernel(server, page):
    open_page(page, server, BASELINE)
    page.wait_for_selector(".os-form")
    toggle = page.locator(".os-device .os-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    answer(page, {0: "3"})
    assert own_keys(storage(page)["local"]) == [], "nothing is kept before the participant chooses"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    answer(page, PICKS)
    kept = json.loads(storage(page)["local"]["open-strength:answers:baseline-checkin"])
    assert kept["answers"]["main"] and None in kept["answers"]["main"].values(), "a skip is kept as a skip"

    page.reload()  # a reload in Voila starts a new kernel
    page.wait_for_selector(".os-form")
    page.wait_for_function("document.querySelectorAll('.os-form .os-item input:checked').length == 5")
    assert checked(page) == PICKS
    assert "are back on the form" in page.locator(".os-submit-status").inner_text()
    assert page.locator(".os-progress").inner_text().startswith("5 of ")

    page.locator(".os-device button", has_text="Forget my answers").click()
    assert "open-strength:answers:baseline-checkin" not in storage(page)["local"]
    assert checked(page) == {}


def test_an_answer_chosen_while_the_kept_ones_are_checked_is_kept_with_them(server, page):
    """The form can be answered before the page reaches its kernel, which checks the browser's kept
    answers: an answer chosen meanwhile is newer, and stays once the kept ones are back."""
    open_page(page, server, BASELINE)
    page.wait_for_selector(".os-form")
    page.locator(".os-device .os-toggle").click()
    answer(page, {0: "2", 1: "5"})
    held = []
    page.route_web_socket("**/api/kernels/**", lambda socket: held.append(socket))
    page.reload()
    page.wait_for_selector(".os-item input")
    answer(page, {3: "4"})  # while the kept answers wait for the kernel
    assert checked(page) == {3: "4"}
    for socket in held:
        kernel = socket.connect_to_server()
        socket.on_message(lambda message, kernel=kernel: kernel.send(message))
        kernel.on_message(lambda message, socket=socket: socket.send(message))
    page.wait_for_function("document.querySelector('.os-submit-status').textContent.includes('are back on the form')")
    assert checked(page) == {0: "2", 1: "5", 3: "4"}
    kept = json.loads(storage(page)["local"]["open-strength:answers:baseline-checkin"])
    assert len(kept["answers"]["main"]) == 3


def test_damaged_browser_copy_is_reported_and_set_aside(server, page):
    open_page(page, server, BASELINE)
    page.evaluate("""() => { localStorage.setItem('open-strength:keep', 'yes');
        localStorage.setItem('open-strength:answers:baseline-checkin', '{"format": "open-strength-answers", "format_ver'); }""")
    page.reload()
    page.wait_for_selector(".os-form")
    status = page.locator(".os-submit-status.os-error")
    status.wait_for(timeout=20000)
    assert "could not be used" in status.inner_text() and "set aside, not deleted" in status.inner_text()
    keys = own_keys(storage(page)["local"])
    assert "open-strength:answers:baseline-checkin" not in keys
    assert any(k.startswith("open-strength:set-aside:answers:baseline-checkin:") for k in keys)


def test_answers_survive_a_server_restart_on_the_same_origin(browser):
    port = free_port()
    context = browser.new_context()
    pg = context.new_page()
    pg.set_default_timeout(60000)
    try:
        # Served as binder/start serves it, so the Binder warning shows too.
        with launch_server(port, log_name="voila-restart.log", env={"OPEN_STRENGTH_HOST": "binder"}):
            open_page(pg, f"http://localhost:{port}", BASELINE)
            warning = pg.locator(".os-device .os-warning")
            assert "other Binder pages could read" in warning.inner_text()
            pg.locator(".os-device .os-toggle").click()
            answer(pg, PICKS)
        with launch_server(port, log_name="voila-restart.log"):
            open_page(pg, f"http://localhost:{port}", BASELINE)
            pg.wait_for_function("document.querySelectorAll('.os-form .os-item input:checked').length == 5")
            assert checked(pg) == PICKS
    finally:
        context.close()


@pytest.fixture(scope="module")
def shared_server():
    """A second origin (another port), set up for shared computers."""
    port = free_port()
    with launch_server(port, "--shared-device", log_name="voila-shared.log"):
        yield f"http://localhost:{port}"


def test_save_code_carries_answers_to_another_origin(server, shared_server, browser):
    context = browser.new_context()
    pg = context.new_page()
    pg.set_default_timeout(60000)
    try:
        open_page(pg, server, RULES)
        pg.locator(".os-setting input[value='solo']").check()
        answer(pg, {0: "4", 3: "skip", 15: "6", 29: "1"})  # both sections of the rules profile
        code = submit_and_read_code(pg)
        first_summary = pg.locator(".os-summary").last.inner_text()

        other = context.new_page()
        open_page(other, shared_server, RULES)
        assert own_keys(storage(other)["local"]) == []
        other.locator(".os-import summary").click()
        other.locator(".os-import input[type=text]").fill(code.lower())  # typed by hand, in small letters
        other.locator(".os-import button").click()
        other.wait_for_selector(".os-summary")
        assert checked(other) == {0: "4", 3: "skip", 15: "6", 29: "1"}
        assert other.locator(".os-setting input[value='solo']").is_checked()
        assert other.locator(".os-summary").last.inner_text() == first_summary
        assert "are back on the form" in other.locator(".os-import .os-status").inner_text()

        other.locator(".os-import input[type=text]").fill(code[:-3] + ("A" if code[-3] != "A" else "B") + code[-2:])
        other.locator(".os-import button").click()
        other.wait_for_function("document.querySelector('.os-import .os-status').textContent.includes('could not be brought back')")
        assert "does not check out" in other.locator(".os-import .os-status").inner_text()
        assert checked(other) == {0: "4", 3: "skip", 15: "6", 29: "1"}, "a bad code changes nothing"
    finally:
        context.close()


def test_server_wide_shared_mode_keeps_nothing_and_names_files_plainly(shared_server, page):
    open_page(page, shared_server, BASELINE)
    page.wait_for_selector(".os-quick-exit")
    assert page.locator(".os-device .os-toggle").is_hidden()
    answer(page, PICKS)
    submit_and_read_code(page)
    with page.expect_download() as download:
        page.locator(".os-save button", has_text="Download a file").click()
    name = download.value.suggested_filename
    assert name.startswith("file-") and "open-strength" not in name and "baseline" not in name
    saved = json.loads(open(download.value.path()).read())
    assert saved["answers"]["main"] and saved["code"].startswith("OS-")
    store = storage(page)
    assert own_keys(store["local"]) == [] and own_keys(store["session"]) == []

    # The downloaded file brings the answers back in a fresh tab.
    fresh = page.context.new_page()
    open_page(fresh, shared_server, BASELINE)
    fresh.locator(".os-import summary").click()
    fresh.locator(".os-import input[type=file]").set_input_files(download.value.path())
    fresh.wait_for_selector(".os-summary")
    assert checked(fresh) == PICKS


def test_chosen_shared_mode_keeps_nothing_and_quick_exit_forgets_the_tab(server, page):
    open_page(page, server, PRIVACY)
    page.locator(".os-device input[value='keep']").check()
    page.locator(".os-device input[value='shared']").check()
    page.wait_for_selector(".os-quick-exit")
    open_page(page, server, BASELINE)
    page.wait_for_selector(".os-quick-exit")
    answer(page, PICKS)
    submit_and_read_code(page)
    store = storage(page)
    assert own_keys(store["local"]) == [], "choosing a shared computer forgets what was kept"
    assert own_keys(store["session"]) == ["open-strength:shared-device"], "only the choice itself, for this tab"

    page.route("https://www.google.com/**", lambda route: route.fulfill(status=200, body="elsewhere"))
    page.locator(".os-quick-exit").click()
    page.wait_for_url("https://www.google.com/**")
    page.goto(server + "/voila/static/require.min.js")  # back on the workshop's origin, to look at its storage
    store = storage(page)
    assert own_keys(store["local"]) == [] and own_keys(store["session"]) == []


def test_free_text_never_appears_in_any_kernel_message(server, page):
    secret = "Zephyr-private-words-4417"
    frames: list[str] = []

    def watch(ws):
        ws.on("framesent", lambda payload: frames.append(payload if isinstance(payload, str) else payload.decode("utf-8", "replace")))
        ws.on("framereceived", lambda payload: frames.append(payload if isinstance(payload, str) else payload.decode("utf-8", "replace")))

    page.on("websocket", watch)
    open_page(page, server, PRIVACY)
    page.locator(".os-device input[value='keep']").check()  # kept in the browser: still never sent
    box = page.get_by_label("One thing I need from this group is:")
    box.click()
    page.keyboard.type(secret, delay=5)
    box.press("Tab")
    time.sleep(2)
    assert frames, "the page's kernel messages were captured"
    # The box is drawn by the page itself: not even its prompt travels through the kernel connection.
    assert not any(secret in f or "One thing I need from this group is:" in f for f in frames)
    assert any(secret in v for v in storage(page)["local"].values()), "kept in this browser, as chosen"

    page.reload()
    page.wait_for_selector(".os-reflection textarea")
    assert page.get_by_label("One thing I need from this group is:").input_value() == secret
    assert not any(secret in f for f in frames)
