"""Every participant page, on a phone, with its form (if any) answered and charted: support footer, no outside
requests, no typeset maths or code, no serious axe violation, and the checks beyond axe (SWEEP)."""
import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from open_strength.page_config import draws_charts
from tests.browser.conftest import ROOT, draw_deferred_charts, open_page

NOTEBOOKS = ROOT / "notebooks"
PAGES = sorted(p.relative_to(NOTEBOOKS).as_posix() for p in NOTEBOOKS.glob("**/*.ipynb")
               if ".ipynb_checkpoints" not in p.parts)
PAGES += sorted("exercises/" + p.relative_to(ROOT / "exercises").as_posix()
                for p in (ROOT / "exercises").glob("**/*.ipynb"))
PAGES = sorted(set(PAGES))


# Checks beyond axe, run in the page after its form (if any) is answered and charted. Each returns
# a list of what is wrong, so a failure names the element.
SWEEP = """() => {
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"; };
  const name = (el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")}`;
  const problems = { sideways: [], smallText: [], smallTargets: [], unlabelled: [], nullTooltips: [],
                     togglesWithoutState: [], unnamedGroups: [], chartsWithoutWords: [], narrowBarCharts: [], landmarks: [],
                     pastTheEdge: [], cutOrScrolledSideways: [] };
  if (document.documentElement.scrollWidth > window.innerWidth) problems.sideways.push(document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll("#rendered_cells *, #os-page-footer *")) {
    if (el.closest("svg, .js-plotly-plot") || !visible(el)) continue;
    // Past the screen's edge, even where a box hides it (the browser still scrolls to what is there).
    const r = el.getBoundingClientRect();
    if (r.right > window.innerWidth + 0.5 || r.left < -0.5) problems.pastTheEdge.push(`${name(el)} ${Math.round(r.left)}-${Math.round(r.right)}`);
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
      problems.cutOrScrolledSideways.push(`${name(el)} ${el.scrollWidth}>${el.clientWidth}`);
    }
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (ownText && size < 16) problems.smallText.push(`${name(el)} ${size}px`);
  }
  for (const el of document.querySelectorAll("a, button, input, select, textarea, [role=button], [tabindex='0']")) {
    if (!visible(el) || el.closest(".js-plotly-plot")) continue;
    const label = el.closest("label");
    const box = (label && ["radio", "checkbox"].includes(el.type) ? label : el).getBoundingClientRect();
    const inSentence = el.tagName === "A" && el.closest("p, li, td") && !el.closest(".os-links");
    if (!inSentence && (box.width < 24 || box.height < 24)) problems.smallTargets.push(`${name(el)} ${Math.round(box.width)}x${Math.round(box.height)}`);
    const tip = el.getAttribute("title");
    if (tip === "null" || tip === "undefined" || tip === "") problems.nullTooltips.push(name(el));
    if (["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName)) {
      const labelled = (el.labels && el.labels.length) || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
      if (!labelled) problems.unlabelled.push(name(el));
    }
    if (el.tagName === "BUTTON" && !(el.textContent.trim() || el.getAttribute("aria-label"))) problems.unlabelled.push(name(el));
  }
  for (const el of document.querySelectorAll(".os-toggle, [aria-pressed]")) {
    if (!["true", "false"].includes(el.getAttribute("aria-pressed"))) problems.togglesWithoutState.push(name(el));
  }
  for (const group of document.querySelectorAll("[role=radiogroup]")) {
    const ids = (group.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const text = ids.map((id) => (document.getElementById(id) || {}).textContent || "").join(" ").trim()
      || group.getAttribute("aria-label") || "";
    if (!text) problems.unnamedGroups.push(name(group));
  }
  for (const chart of document.querySelectorAll(".js-plotly-plot")) {
    if (chart.closest("[style*='display: none'], .widget-output[style*='none']") || !visible(chart)) continue;
    const cell = chart.closest(".jp-Cell, .jp-OutputArea, .widget-output") || document.body;
    const words = chart.closest(".jp-Cell") || cell;
    if (!words.querySelector(".os-summary, [aria-label$='in words'], .os-chart-words")) problems.chartsWithoutWords.push(name(chart));
    // A bar chart's bars get most of a phone's width (its category names go above the bars, not beside).
    const size = chart._fullLayout && chart._fullLayout._size;
    if (size && chart.querySelector(".barlayer .point") && size.w < 0.75 * chart._fullLayout.width) {
      problems.narrowBarCharts.push(`${name(chart)} bars ${Math.round(size.w)} of ${chart._fullLayout.width} px`);
    }
  }
  if (document.documentElement.lang !== "en") problems.landmarks.push("no lang=en");
  if (document.querySelectorAll("[role=main], main").length !== 1) problems.landmarks.push("not one main landmark");
  if (!document.querySelector("footer#os-page-footer")) problems.landmarks.push("no footer landmark");
  return Object.fromEntries(Object.entries(problems).filter(([, v]) => v.length));
}"""


def answer_and_submit_any_form(pg) -> None:
    """A participant's pass through the page's form, so that its results are checked too."""
    if not pg.locator(".os-submit-row .os-submit").count():
        return
    pg.evaluate("""() => document.querySelectorAll('.os-form .os-item').forEach((f) => {
        const radios = f.querySelectorAll('input[type=radio]'); if (radios.length > 2) radios[2].click(); })""")
    pg.locator(".os-submit-row .os-submit").first.click()
    pg.wait_for_selector(".js-plotly-plot .main-svg")
    pg.wait_for_timeout(500)


@pytest.mark.parametrize("path", PAGES)
def test_page_is_complete_private_accessible_and_works_on_a_phone(server, phone, path):
    failed = []  # every request that failed, the browser's own ones (such as its icon) too
    phone.on("console", lambda m: failed.append(m.text) if m.text.startswith("Failed to load resource") else None)
    requested = open_page(phone, server, path)
    phone.wait_for_timeout(500)
    assert phone.locator("#os-page-footer a[href^='tel:']").count() >= 3
    assert phone.locator("mjx-container, .MathJax").count() == 0, "prose must never be typeset as maths"
    # Voila hands every div.jp-MarkdownOutput to its typesetter once the page's app starts; the prose has no maths.
    assert phone.locator(".jp-MarkdownOutput").count() == 0 and phone.locator(".jp-RenderedMarkdown").count() > 0
    assert phone.locator(".jp-CodeCell .jp-InputArea").count() == 0, "no code is shown"
    assert "from open_strength import" not in phone.locator("body").inner_text()
    draw_deferred_charts(phone)
    # Every part drawn by the page has started (a page of writing boxes shares one module among them).
    notebook = ROOT / path if path.startswith("exercises/") else NOTEBOOKS / path
    code = "\n".join("".join(c["source"]) for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code")
    assert phone.locator(".os-reflection textarea").count() == code.count("show.reflection(")
    assert phone.locator(".os-page-part", has_text="could not start").count() == 0
    answer_and_submit_any_form(phone)
    outside = [u for u in requested if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
    assert outside == []
    # The charting library runs on the pages that draw charts, and only there; the others fetch it ahead
    # (a prefetch, which the browser only keeps) for the next page. JupyterLab's extension is never loaded.
    loaded_by = set(phone.evaluate("performance.getEntriesByType('resource').filter((r) => "
                                   "r.name.includes('/open-strength/static/plotly.min.js')).map((r) => r.initiatorType)"))
    assert ("script" in loaded_by) == draws_charts(str(NOTEBOOKS / path)), loaded_by
    assert loaded_by <= {"script", "link"}
    assert not any("/jupyterlab-plotly/" in u for u in requested), "the charting extension is never loaded"
    results = Axe().run(phone)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
    assert phone.evaluate(SWEEP) == {}
    assert failed == []
    # Focus is visible on the first few things a keyboard reaches.
    phone.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    for _ in range(4):
        phone.keyboard.press("Tab")
        focus = phone.evaluate("""() => { const el = document.activeElement;
            const shown = (node) => { if (!node) return false; const s = getComputedStyle(node);
                return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; };
            return {tag: el.tagName, outline: shown(el) || shown(el.closest('label')), ring: false}; }""")
        if focus["tag"] == "BODY":
            break
        assert focus["outline"] or focus["ring"], f"focus is not visible on a {focus['tag']}"
