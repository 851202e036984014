"""Sessions 2 and 3 in Chromium, as a participant uses them: both grid self-assessments answered and
charted (one by keyboard on a phone), the overlap explorer, the emotion words, the timer and the
cycle map, whose words never reach the kernel."""
import time

from tests.browser.conftest import draw_deferred_charts, open_page, screenshot
from tests.browser.keyboard import complete_form_by_keyboard

MAP = "02-the-courage-to-be-known/02-self-assessment.ipynb"
DEFLECTION = "03-the-unspoken-divide/02-self-assessment.ipynb"
READING_2 = "02-the-courage-to-be-known/01-reading.ipynb"
EMOTIONS = "exercises/02-the-courage-to-be-known/emotion-vocabulary.ipynb"
SPEAKER = "exercises/02-the-courage-to-be-known/speaker-listener.ipynb"
CYCLE = "exercises/03-the-unspoken-divide/cycle-map.ipynb"


def test_disclosure_map_answered_one_topic_at_a_time_and_drawn(server, page):
    open_page(page, server, MAP)
    page.wait_for_selector(".os-form fieldset.os-group")
    groups = page.locator(".os-form fieldset.os-group")
    assert groups.count() == 6
    first = groups.first
    assert first.locator("legend").first.inner_text() == "My fears"
    assert first.locator(".os-item").count() == 4
    radio_group = page.get_by_role("radiogroup", name="Sharing my fears with a close friend")
    assert radio_group.count() == 1
    radio_group.get_by_role("radio", name="Fairly comfortable").check()
    page.get_by_role("radiogroup", name="Sharing my fears with a partner").get_by_role("radio", name="Very comfortable").check()
    page.get_by_role("radiogroup", name="Sharing what makes me happy with a partner").get_by_role(
        "radio", name="Prefer not to say, or no one like this").check()
    page.locator(".os-submit").click()
    page.wait_for_selector(".js-plotly-plot .main-svg")
    page.wait_for_selector(".os-save:not([hidden]) .os-code")
    words = page.locator(".os-summary").last.inner_text()
    assert "My fears: Partner 4 (Very comfortable); Close friend 3 (Fairly comfortable)" in words
    assert "My joys: all skipped." in words
    assert "were highest for “Partner”" in words
    assert page.locator(".js-plotly-plot .heatmaplayer").count() == 1
    screenshot(page, "disclosure-map-1200")


def test_deflection_profile_by_keyboard_on_a_phone(server, phone):
    open_page(phone, server, DEFLECTION)
    phone.wait_for_selector(".os-form fieldset.os-group")
    words = complete_form_by_keyboard(phone, 15)
    assert "Going quiet:" in words and "Upset with me" in words
    screenshot(phone, "deflection-profile-390")


def test_overlap_explorer_presets_and_slider(server, page):
    open_page(page, server, READING_2)
    page.wait_for_selector(".os-overlap")
    summary = page.locator("section[aria-label='The overlap in words']")
    summary.wait_for()
    assert "d = 0.22" in summary.inner_text() and "91.2%" in summary.inner_text()
    page.get_by_role("radio", name="Focusing outward rather than on inner feelings: d = 0.49").check()
    page.wait_for_function("document.querySelector(\"section[aria-label='The overlap in words']\").textContent.includes('80.6%')")
    slider = page.get_by_label("Or try your own difference (0 to 2):")
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector(\"section[aria-label='The overlap in words']\").textContent.includes('d = 0.52')")
    assert slider.get_attribute("aria-valuetext") == "d = 0.52"
    assert not page.get_by_role("radio", name="Focusing outward rather than on inner feelings: d = 0.49").is_checked()


def test_emotion_words_offer_closer_words_with_no_score(server, page):
    open_page(page, server, EMOTIONS)
    page.wait_for_selector(".os-emotions")
    draw_deferred_charts(page)
    assert page.locator(".js-plotly-plot").count() == 1  # the wheel, display only
    page.get_by_role("checkbox", name="annoyed").check()
    page.get_by_role("checkbox", name="lonely").check()
    closer = page.get_by_role("radiogroup", name="Instead of “annoyed”, which fits better?")
    closer.get_by_role("radio", name="impatient").check()
    summary = page.locator(".os-word-list").inner_text()
    assert "annoyed: more exactly, impatient" in summary and "lonely" in summary
    page.get_by_role("checkbox", name="lonely").uncheck()
    assert "lonely" not in page.locator(".os-word-list").inner_text()
    assert "score" not in page.locator(".os-emotions").inner_text().lower()


def test_turn_timer_counts_down_and_swaps(server, page):
    open_page(page, server, SPEAKER)
    timer = page.locator(".os-timer")
    timer.wait_for()
    assert timer.locator(".os-timer-clock").inner_text() == "2:00"
    timer.get_by_role("button", name="Start, 2:00 left").click()
    page.wait_for_function("document.querySelector('.os-timer-clock').textContent < '1:59'", timeout=5000)
    timer.locator(".os-submit").click()  # pause
    paused = timer.locator(".os-timer-clock").inner_text()
    time.sleep(1.5)
    assert timer.locator(".os-timer-clock").inner_text() == paused
    timer.get_by_role("button", name="Next turn").click()
    assert "Person B speaks" in timer.locator(".os-timer-who").inner_text()
    assert "Now:" in timer.locator("[role=status]").inner_text()


def test_cycle_map_draws_the_loop_and_keeps_the_words_in_the_browser(server, page):
    frames: list[str] = []

    def watch(ws):
        for event in ("framesent", "framereceived"):
            ws.on(event, lambda payload: frames.append(payload if isinstance(payload, str) else payload.decode("utf-8", "replace")))

    page.on("websocket", watch)
    open_page(page, server, CYCLE)
    page.wait_for_selector(".os-cycle")
    secret = "Quillfeather-loop-3391"
    page.get_by_role("textbox", name="What I do").fill(f"I go quiet {secret}")
    page.get_by_role("textbox", name="What my partner feels").fill("Shut out")
    page.get_by_role("radio", name="What I do").check()
    page.get_by_label("What could you do there instead?").fill(f"Say I need ten minutes {secret}")
    svg_text = page.locator(".os-cycle-svg").text_content()
    assert "I go quiet" in svg_text and "Shut out" in svg_text and "Break it here" in svg_text
    assert page.locator(".os-cycle-svg").get_attribute("role") == "img"
    words = page.locator(".os-cycle-words").text_content()
    assert "What I do: I go quiet" in words and "where you chose to break the loop" in words
    time.sleep(1.5)
    assert frames, "the kernel connection was watched"
    assert not any(secret in f for f in frames)
    screenshot(page, "cycle-map-1200")
