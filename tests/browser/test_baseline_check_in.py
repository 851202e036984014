"""The mould, proved end to end: the baseline check-in answered by keyboard only, in Chromium."""
import re

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


def test_the_page_is_sent_without_widgets_and_shows_the_forms_widgets_after_the_form(server, page):
    # Voila sends the page once its cells have run; the form's widgets are built later, when the page's
    # widget manager asks the kernel for them (show.form).
    response = page.goto(f"{server}/voila/render/{PAGE}")
    sent = response.text()
    assert "application/vnd.jupyter.widget-view+json" not in sent
    assert re.search(r'"later_view": "[0-9a-f]{32}"', sent)  # the widget the page is to look for
    page.wait_for_selector("form.os-form[data-os-linked]", state="attached")
    assert page.locator("form.os-form").count() == 1, "the widgets linked to the form instead of drawing another"
    later = page.locator(".os-later-view")
    assert later.count() == 1
    # Shown just after the form's own output, where the widget's output used to be.
    assert page.evaluate("document.querySelector('.os-later-view').previousElementSibling"
                         ".contains(document.querySelector('form.os-form'))")
    page.locator(".os-item").first.locator("input[value='5']").check()
    page.locator(".os-submit-row .os-submit").click()
    page.wait_for_selector(".os-later-view .os-summary")
    assert page.locator(".os-submit-status").inner_text() == "Your results are below."


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
    page.wait_for_selector("html[data-os-settled]", state="attached")  # every widget drawn: the page is its full height
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


def test_answers_chosen_before_the_page_reaches_its_kernel_are_kept_and_charted(server, phone):
    """The form is drawn with the page: it can be answered, and even submitted, while the page is still
    connecting. Here the kernel's connection is held until the answers are in."""
    held = []
    phone.route_web_socket("**/api/kernels/**", lambda socket: held.append(socket))
    phone.goto(f"{server}/voila/render/{PAGE}")
    phone.wait_for_selector(".os-item input")
    assert phone.locator("form.os-form").count() == 1 and phone.locator("form[data-os-linked]").count() == 0
    items = phone.locator(".os-item")
    items.nth(0).locator("input[value='5']").check()
    items.nth(1).locator("input[value='skip']").check()
    items.nth(2).locator("input[value='4']").check()
    assert phone.locator(".os-progress").inner_text().startswith("3 of ")
    phone.locator(".os-submit-row .os-submit").click()
    assert "still connecting" in phone.locator(".os-submit-status").inner_text()
    assert phone.locator(".os-summary").count() == 0
    assert held, "the page did not try to reach its kernel"
    for socket in held:  # let the page connect
        kernel = socket.connect_to_server()
        socket.on_message(lambda message, kernel=kernel: kernel.send(message))
        kernel.on_message(lambda message, socket=socket: socket.send(message))
    phone.wait_for_selector("form[data-os-linked]", state="attached")
    phone.wait_for_selector(".os-summary")
    phone.wait_for_selector(".js-plotly-plot .main-svg")
    assert phone.locator(".os-submit-status").inner_text() == "Your results are below."
    assert phone.locator("form.os-form").count() == 1, "the widget linked to the form instead of drawing another"
    first_theme = phone.locator(".os-summary").first.inner_text()
    assert "Naming my feelings: 4.5." in first_theme, first_theme  # (5 + 4) / 2: the skipped one counts for nothing
    assert phone.locator(".os-item input:checked").count() == 3


def test_a_form_whose_page_part_cannot_start_is_drawn_by_its_widget(server, page):
    # The part cannot offer itself to its widget (its start fails at the last step), so the widget draws the form.
    page.add_init_script("window.openStrengthParts = Object.freeze({});")
    open_page(page, server, PAGE)
    page.wait_for_selector("form.os-form[data-os-linked] .os-item input")
    assert page.locator("form.os-form").count() == 1
    assert page.locator(".os-page-part").count() == 0, "the part that could not start is replaced, not left saying so"
    page.locator(".os-item").first.locator("input[value='2']").check()
    page.locator(".os-submit-row .os-submit").click()
    page.wait_for_selector(".js-plotly-plot .main-svg")
    assert page.locator(".os-submit-status").inner_text() == "Your results are below."


def test_the_form_loads_the_charting_library_once_its_widget_has_started_so_results_draw_at_once(server, page):
    requested = open_page(page, server, PAGE)
    page.wait_for_selector("html[data-os-settled]", state="attached")
    page.wait_for_function("window.Plotly !== undefined")  # before anything is submitted
    assert page.locator(".os-summary").count() == 0 and page.locator(".js-plotly-plot").count() == 0
    library = [u for u in requested if "/open-strength/static/plotly.min.js" in u]
    assert len(library) == 1 and not any("/jupyterlab-plotly/" in u for u in requested)
    assert page.locator("body > div[aria-hidden='true'][style*='-10000px']").count() == 0  # the trial chart is gone


def test_results_are_drawn_even_if_the_browser_never_reports_them_in_view(server, page):
    # An intersection observer that never calls back: the chart's place is found on the screen all the same.
    page.add_init_script("window.IntersectionObserver = class { observe() {} unobserve() {} disconnect() {} "
                         "takeRecords() { return []; } };")
    open_page(page, server, PAGE)
    page.wait_for_selector("form.os-form[data-os-linked] .os-item input", state="attached", timeout=60000)
    page.locator(".os-item").first.locator("input").first.check()
    page.locator(".os-submit").click()
    page.wait_for_selector(".os-summary", timeout=30000)
    # Brought into view without waiting on it: the place may already be drawn (and hidden) by now.
    page.evaluate("document.querySelector('.os-chart-slot')?.scrollIntoView()")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30000)
    assert page.locator(".os-chart-slot:visible").count() == 0, "every chart place has its chart"


def test_results_asked_for_do_not_wait_for_the_page_to_be_idle(server, page):
    # A page that is never idle (a busy phone): the results' chart is drawn all the same.
    page.add_init_script("window.requestIdleCallback = () => 0;")
    open_page(page, server, PAGE)
    page.wait_for_selector("form.os-form[data-os-linked] .os-item input", state="attached", timeout=60000)
    page.locator(".os-item").first.locator("input").first.check()
    page.locator(".os-submit").click()
    page.wait_for_selector(".os-summary", timeout=30000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30000)
    assert page.locator(".os-chart-slot:visible").count() == 0, "every chart place has its chart"
