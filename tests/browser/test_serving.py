"""What the participant server serves, and what it never does."""
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import ROOT


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def body(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8", "replace")


def test_tree_lists_participant_pages_only(server, page):
    page.goto(server + "/voila/tree")
    page.wait_for_selector("text=00-start-here")
    listing = page.locator("body").inner_text()
    assert "index.ipynb" in listing and "exercises" in listing
    for private in ("facilitator-guide", "src", "tests", "pyproject.toml", "binder", "README.md"):
        assert private not in listing


@pytest.mark.parametrize("path", [
    "/voila/render/../facilitator-guide/safety.md",
    "/voila/render/%2E%2E/facilitator-guide/README.md",
    "/voila/files/../src/open_strength/show.py",
    "/voila/files/%2E%2E/tests/conftest.py",
    "/voila/tree/..",
    "/api/contents",
    "/api/kernels",
])
def test_private_folders_and_apis_are_not_served(server, path):
    assert status(server + path) in (403, 404)


def test_exercises_are_reachable_through_the_notebooks_folder(server):
    assert status(server + "/voila/render/exercises/01-where-the-rules-come-from/trace-a-rule.ipynb") == 200


def test_a_busy_port_is_an_error_not_a_silent_move(server):
    port = server.rsplit(":", 1)[1]
    proc = subprocess.run([sys.executable, "-m", "open_strength.cli", "serve", "--port", port,
                           "--notebooks", str(ROOT / "notebooks")], capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "already in use" in (proc.stdout + proc.stderr).lower()


def test_scripts_and_pages_are_compressed_for_browsers_that_accept_it(server):
    import gzip
    import sysconfig
    from pathlib import Path

    static = Path(sysconfig.get_paths()["data"]) / "share" / "jupyter" / "labextensions" / "jupyterlab-plotly" / "static"
    biggest = max(static.glob("*.js"), key=lambda p: p.stat().st_size)
    url = f"{server}/voila/labextensions/jupyterlab-plotly/static/{biggest.name}"
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers.get("Content-Encoding") == "gzip"
        packed = response.read()
    assert gzip.decompress(packed) == biggest.read_bytes()
    assert len(packed) < biggest.stat().st_size / 2
    # Compressed once and kept: the next browser gets the same bytes, whole, with their length.
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers.get("Content-Encoding") == "gzip"
        assert response.headers.get("Content-Length") == str(len(packed))
        assert response.read() == packed
    with urllib.request.urlopen(url, timeout=60) as response:  # and plain for those that do not
        assert response.headers.get("Content-Encoding") is None and len(response.read()) == biggest.stat().st_size
