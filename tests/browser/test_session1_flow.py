"""From the landing page to the session 1 self-assessment, as a participant would go."""
import pytest

from tests.browser.conftest import SERVER, open_page, screenshot
from tests.browser.keyboard import answer_all_by_keyboard, tab_to_first_item

SELF_ASSESSMENT = "01-where-the-rules-come-from/02-self-assessment.ipynb"


def test_landing_links_reach_every_page(server, page):
    open_page(page, server, "index.ipynb")
    links = page.locator("nav.os-links a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert SELF_ASSESSMENT in hrefs
    assert any(h.startswith("exercises/") for h in hrefs)
    assert "00-start-here/03-baseline-check-in.ipynb" in hrefs
    screenshot(page, "landing-1200")


@pytest.mark.parametrize("width", [1200, 390])
def test_landing_to_session1_by_keyboard_then_both_charts(server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60000)
    open_page(page, server, "index.ipynb")
    page.locator(f"nav.os-links a[href='{SELF_ASSESSMENT}']").click()
    page.wait_for_url(f"**/{SELF_ASSESSMENT}")
    page.wait_for_selector(".os-form")
    sections = page.locator(".os-section h3")
    assert sections.count() == 2
    # Studying alone: the second rating is about "most men I know".
    page.get_by_role("radio", name="on my own").check()
    assert "most men I know" in sections.nth(1).inner_text()
    page.get_by_role("radio", name="with a group").check()
    items = page.locator(".os-item").count()
    tab_to_first_item(page)
    assert answer_all_by_keyboard(page) == items
    page.wait_for_function("document.querySelectorAll('.os-summary').length >= 2", timeout=30000)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2")
    summaries = page.locator(".os-summary")
    assert "What I believe" in summaries.nth(0).inner_text()
    side = summaries.nth(1).inner_text()
    assert "most men in this group" in side
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"session1-self-assessment-{width}")
    context.close()


def test_the_reading_comes_first_and_each_chart_is_drawn_as_the_reader_reaches_it(server, phone):
    open_page(phone, server, "01-where-the-rules-come-from/01-reading.ipynb")
    slots = phone.locator(".os-chart-slot")
    phone.wait_for_function("document.querySelectorAll('.os-chart-slot').length == 2")
    # Far down the page, the second chart has not been drawn; its place is kept and its words are there.
    phone.wait_for_timeout(1500)
    assert phone.locator(".js-plotly-plot").count() < 2
    second = slots.nth(1)
    assert second.is_visible() and second.bounding_box()["height"] >= 100
    assert second.get_attribute("aria-hidden") == "true"
    cell = second.locator("xpath=ancestor::div[contains(@class, 'jp-Cell')][1]")
    assert "The chart in words" in cell.inner_text()
    second.scroll_into_view_if_needed()
    cell.locator(".js-plotly-plot .main-svg").first.wait_for()
    assert not second.is_visible()
    assert phone.locator(".js-plotly-plot").count() == 2


def test_a_chart_is_drawn_by_the_page_even_once_its_kernel_has_gone(server, browser):
    import os
    import signal

    from tests.browser.conftest import kernel_pids

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60000)
    before = set(kernel_pids(SERVER["pid"]))
    open_page(page, server, "01-where-the-rules-come-from/01-reading.ipynb")
    page.wait_for_function("document.querySelectorAll('.os-chart-slot').length == 2")
    (pid,) = set(kernel_pids(SERVER["pid"])) - before
    os.kill(pid, signal.SIGKILL)
    second = page.locator(".os-chart-slot").nth(1)
    second.scroll_into_view_if_needed()
    cell = second.locator("xpath=ancestor::div[contains(@class, 'jp-Cell')][1]")
    cell.locator(".js-plotly-plot .main-svg").first.wait_for()  # the page holds the chart's figure
    assert not second.is_visible()
    context.close()


def test_a_page_chart_is_drawn_when_reached_even_if_the_browser_never_reports_it_in_view(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60000)
    page.add_init_script("window.IntersectionObserver = class { observe() {} unobserve() {} disconnect() {} "
                         "takeRecords() { return []; } };")
    open_page(page, server, "01-where-the-rules-come-from/01-reading.ipynb")
    page.wait_for_function("document.querySelectorAll('.os-chart-slot').length == 2")
    second = page.locator(".os-chart-slot").nth(1)
    page.wait_for_timeout(2500)  # two looks at the page: the second chart is screens away
    assert second.is_visible(), "a chart far below is not drawn before it is reached"
    second.scroll_into_view_if_needed()
    cell = second.locator("xpath=ancestor::div[contains(@class, 'jp-Cell')][1]")
    cell.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=20000)
    assert not second.is_visible()
    context.close()


def test_a_chart_whose_library_cannot_be_loaded_says_so_and_its_words_stay(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60000)
    page.route("**/open-strength/static/plotly.min.js*", lambda route: route.abort())
    open_page(page, server, "01-where-the-rules-come-from/01-reading.ipynb")
    page.wait_for_function("document.querySelectorAll('.os-chart-slot').length == 2")
    second = page.locator(".os-chart-slot").nth(1)
    second.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll('.os-chart-slot')[1].textContent.includes('could not be drawn')",
                           timeout=20000)
    assert "charting library did not load" in second.inner_text() and second.is_visible()
    cell = second.locator("xpath=ancestor::div[contains(@class, 'jp-Cell')][1]")
    assert "The chart in words" in cell.inner_text()
    assert page.locator(".js-plotly-plot").count() == 0
    context.close()


def test_a_chart_whose_library_never_arrives_says_so_then_tries_again(server, browser):
    """The first request for plotly.js stalls (no answer, no error): the place says so after the wait,
    and its second try, which gets an answer, draws the chart."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60000)
    page.add_init_script("window.openStrengthPlotlyWaitMs = 2000;")
    held = []
    page.route("**/open-strength/static/plotly.min.js*",
               lambda route: held.append(route) if not held else route.continue_())
    open_page(page, server, "01-where-the-rules-come-from/01-reading.ipynb")
    page.wait_for_function("document.querySelectorAll('.os-chart-slot').length == 2")
    first = page.locator(".os-chart-slot").first
    first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.os-chart-slot').textContent.includes('could not be drawn')",
                           timeout=20000)
    assert "took more than 2 s" in first.get_attribute("data-os-problem")
    cell = first.locator("xpath=ancestor::div[contains(@class, 'jp-Cell')][1]")
    cell.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=20000)
    assert not first.is_visible() and len(held) == 1
    held[0].abort()
    context.close()


def test_the_landing_page_fetches_the_charting_library_ahead_for_the_check_in(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60000)
    requested = open_page(page, server, "index.ipynb")
    assert not any("plotly" in u for u in requested[:requested.index(next(u for u in requested if "/kernels/" in u))])
    # Once idle, the landing page prefetches the library.
    chunk = "performance.getEntriesByType('resource').find((r) => r.name.includes('/open-strength/static/plotly.min.js'))"
    page.wait_for_function(f"(() => {{ const r = {chunk}; return r && r.responseEnd > 0; }})()")
    assert page.evaluate(f"{chunk}.initiatorType") == "link"
    page.locator("nav.os-links a[href='00-start-here/03-baseline-check-in.ipynb']").click()
    page.wait_for_selector(".os-item input")
    # The check-in loads the library for its charts (once it has settled) from the cache: at most the server's
    # "not modified" answer (a few hundred bytes of headers) comes over the network, not the 1.7 MB.
    page.wait_for_function(f"(() => {{ const r = {chunk}; return r && r.responseEnd > 0; }})()")
    assert page.evaluate(f"{chunk}.initiatorType") == "script"
    entry = page.evaluate(f"(() => {{ const r = {chunk}; return r && [r.transferSize, r.decodedBodySize]; }})()")
    assert entry is not None and entry[0] < 5000 and entry[1] > 1_000_000
    context.close()


def test_the_charting_library_is_fetched_ahead_only_after_the_page_has_drawn_its_widgets(server, page):
    # The widgets are drawn from kernel messages through the same server; a 4.8 MB fetch must not cut in.
    page.add_init_script("""(() => { const mark = () => {
        const box = document.querySelector('.os-widget');
        if (box && box.getClientRects().length) window.__drawnAt = performance.now(); else setTimeout(mark, 5); };
      mark(); })();""")
    open_page(page, server, "exercises/04-redefining-strength/disclosure-ladder.ipynb")
    chunk = "performance.getEntriesByType('resource').find((r) => r.name.includes('/open-strength/static/plotly.min.js'))"
    page.wait_for_function(f"(() => {{ const r = {chunk}; return r && r.responseEnd > 0; }})()")
    drawn, fetched = page.evaluate(f"[window.__drawnAt, {chunk}.startTime]")
    assert drawn is not None and fetched > drawn + 500, (drawn, fetched)
