"""Every participant page: support footer, no outside requests, no typeset maths, no serious axe violation."""
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import ROOT, open_page

NOTEBOOKS = ROOT / "notebooks"
PAGES = sorted(p.relative_to(NOTEBOOKS).as_posix() for p in NOTEBOOKS.glob("**/*.ipynb")
               if ".ipynb_checkpoints" not in p.parts)
PAGES += sorted("exercises/" + p.relative_to(ROOT / "exercises").as_posix()
                for p in (ROOT / "exercises").glob("**/*.ipynb"))
PAGES = sorted(set(PAGES))


@pytest.mark.parametrize("path", PAGES)
def test_page_is_complete_private_and_accessible(server, page, path):
    requested = open_page(page, server, path)
    page.wait_for_timeout(500)
    assert page.locator("#os-page-footer a[href^='tel:']").count() >= 3
    outside = [u for u in requested if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
    assert outside == []
    assert page.locator("mjx-container, .MathJax").count() == 0, "prose must never be typeset as maths"
    assert page.locator(".jp-CodeCell .jp-InputArea").count() == 0, "no code is shown"
    assert "from open_strength import" not in page.locator("body").inner_text()
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
