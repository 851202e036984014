"""Kernels on a shared server: a closed tab frees its kernel, and a lost kernel is said in plain words."""
import os
import signal

from tests.browser.conftest import kernel_pids, open_page, wait_until

PAGE = "00-start-here/03-baseline-check-in.ipynb"


def test_closing_the_tab_shuts_its_kernel_down(server, browser):
    before = kernel_pids()
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(60000)
    open_page(page, server, PAGE)
    assert wait_until(lambda: len(kernel_pids() - before) == 1), "opening the page starts one kernel"
    mine = kernel_pids() - before
    # Playwright does not wait for the unload handlers (which send the shutdown request) to finish:
    # closing the whole browser context at once could cut that request off, which no real tab does.
    page.close(run_before_unload=True)
    try:
        assert wait_until(lambda: not (mine & kernel_pids()), 20), "the kernel is still running after the tab closed"
    finally:
        context.close()


def test_a_lost_kernel_is_reported_in_plain_words(server, page):
    before = kernel_pids()
    open_page(page, server, PAGE)
    # The form is drawn before the page reaches its kernel; a kernel lost before that is the early-submit
    # case (tests/browser/test_baseline_check_in.py). Here the kernel goes after the form is linked to it.
    page.wait_for_selector("form.os-form[data-os-linked]", state="attached", timeout=60000)
    assert wait_until(lambda: len(kernel_pids() - before) == 1)
    for pid in kernel_pids() - before:
        os.kill(pid, signal.SIGKILL)
    page.locator(".os-item").first.locator("input").first.check()
    page.locator(".os-submit").click()
    status = page.locator(".os-status.os-error")
    # The page says so once the kernel has not answered for 10 s (ACK_TIMEOUT_MS in likert_form.js).
    status.wait_for(timeout=30000)
    text = status.inner_text()
    assert text.startswith("Connection lost") and "Your answers are still on this page" in text
    assert page.locator(".os-item input:checked").count() == 1, "nothing the participant chose was lost"
