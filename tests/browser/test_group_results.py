"""Group results in Chromium: a participant makes a share code, and the facilitator's dashboard
(served on this computer only) takes 12 codes and 3 bad lines, counts, reveals and draws."""
import contextlib
import datetime
import subprocess
import sys

import pytest

from open_strength import codes
from open_strength.instruments import load
from tests.browser.conftest import ARTIFACTS, ROOT, free_port, open_page, screenshot, wait_for

RULES_PAGE = "01-where-the-rules-come-from/02-self-assessment.ipynb"


@pytest.fixture(scope="module")
def dashboard_url():
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "voila-dashboard.log").open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "open_strength.cli", "dashboard", "--port", str(port)],
                                stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            wait_for(f"http://localhost:{port}/voila/static/require.min.js")
            yield f"http://localhost:{port}/"
        finally:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(10)
            if proc.poll() is None:
                proc.kill()


def participant_share_code(page, server) -> str:
    open_page(page, server, RULES_PAGE)
    page.wait_for_selector(".os-form")
    items = page.locator(".os-form .os-item")
    for index in range(items.count()):
        items.nth(index).locator("input").nth(1 if index < 15 else 4).check()  # own view 2, guess about others 5
    page.locator(".os-submit").click()
    share = page.locator(".os-share")
    share.wait_for(state="visible")
    assert "never carries your answers to single questions" in share.inner_text()
    assert "video call" in share.inner_text()
    share.get_by_role("button", name="Make my share code").click()
    page.wait_for_function("document.querySelector('.os-share .os-code').value.startsWith('OS-')")
    return share.locator(".os-code").input_value()


def test_twelve_codes_and_three_bad_lines_then_reveal(server, dashboard_url, page, browser):
    real = participant_share_code(page, server)
    decoded = codes.decode(real).share
    rules = load("rules-profile")
    assert decoded.number == rules.code_number and len(decoded.sections) == 2
    assert all(v is not None for section in decoded.sections for v in section)
    assert decoded.sections[0] != decoded.sections[1]
    made = [codes.encode_share(codes.Share(rules.code_number, rules.version, 1000 + i,
                                           ((2.5,) * 5, (4.5,) * 5), datetime.date(2026, 11, 25))) for i in range(11)]
    bad = ["not a code", real[:-5], "OS-" + "Z" * 20]
    pasted = "\n".join([real] + made[:6] + bad + made[6:])

    board = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    board.set_default_timeout(60000)
    board.goto(dashboard_url)
    box = board.get_by_label("Paste share or withdrawal codes, one per line")
    box.wait_for()
    box.fill(pasted)
    board.get_by_role("button", name="Add these codes").click()
    status = board.locator(".os-count")
    board.wait_for_function("document.querySelector('.os-count').textContent.includes('12 share(s) so far')")
    assert "hidden until" in status.inner_text()
    problems = board.locator("section[aria-label='Lines not read'] li")
    assert problems.count() == 3
    assert "Line 8" in problems.nth(0).inner_text() and "not an Open Strength" in problems.nth(0).inner_text()
    assert board.locator(".js-plotly-plot").count() == 0, "nothing is drawn before the reveal"

    board.get_by_role("button", name="Reveal the group's results").click()
    board.wait_for_selector(".js-plotly-plot .main-svg")
    text = board.locator("body").inner_text()
    assert "What to say" in text and "guessed the others hold these rules more tightly" in text
    assert "12 shared." in text
    assert board.locator("a[download='group-results.csv']").count() == 1
    screenshot(board, "group-dashboard-1200")
    board.context.close()
