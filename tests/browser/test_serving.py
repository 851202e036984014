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
    from pathlib import Path

    from open_strength.page_config import charting_library, charting_library_url

    biggest = Path(charting_library()[0]) / "plotly.min.js"  # the largest file a page fetches
    url = server + charting_library_url("/")
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


def test_a_browser_leaving_mid_download_does_not_break_the_file_for_the_next(tmp_path):
    """Someone opens a page and moves on while plotly.js is still coming. The server must not keep that
    cut-off copy: every chart in the room would then fail to start until the server is restarted."""
    import gzip
    import socket
    import struct
    import time
    from pathlib import Path

    from open_strength.page_config import charting_library, charting_library_url
    from tests.browser.conftest import free_port, launch_server

    whole = (Path(charting_library()[0]) / "plotly.min.js").read_bytes()
    port = free_port()
    with launch_server(port, log_name="voila-cut-download.log"):  # its own server: nothing kept in it yet
        path = charting_library_url("/")
        with socket.create_connection(("localhost", port), timeout=30) as connection:
            connection.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\n"
                               "Accept-Encoding: gzip\r\n\r\n".encode())
            received = b""
            while len(received) < 100_000:
                received += connection.recv(65536)
            # Closed at once (a reset, as a browser tab going away does), long before the file is out.
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        time.sleep(1)
        request = urllib.request.Request(f"http://localhost:{port}{path}", headers={"Accept-Encoding": "gzip"})
        for _ in range(2):  # the next browser, and the one after it (served from what was kept)
            with urllib.request.urlopen(request, timeout=60) as response:
                assert response.headers.get("Content-Encoding") == "gzip"
                assert gzip.decompress(response.read()) == whole


def test_binders_server_serves_the_pages_and_the_charting_library_as_the_serve_command_does(tmp_path):
    """Binder runs Voila as an extension of a Jupyter server, set up by binder/ (start and the server config)."""
    import json
    import os
    import re
    import time

    from open_strength.page_config import CHARTING_LIBRARY_KEY, charting_library_url
    from tests.browser.conftest import free_port

    port, token = free_port(), "binder-test-token"
    log = (ROOT / "test-artifacts").joinpath("binder-server.log")
    log.parent.mkdir(exist_ok=True)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path), "OPEN_STRENGTH_HOST": ""}
    with log.open("w") as handle:
        proc = subprocess.Popen(["bash", str(ROOT / "binder" / "start"), sys.executable, "-m", "jupyter_server",
                                 f"--config={ROOT / 'binder' / 'jupyter_server_config.py'}", f"--port={port}",
                                 "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", "--no-browser",
                                 "--allow-root", f"--ServerApp.root_dir={ROOT / 'notebooks'}"],
                                stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    try:
        base = f"http://localhost:{port}"
        for _ in range(200):
            try:
                if status(f"{base}/api/status?token={token}") == 200:
                    break
            except urllib.error.URLError:  # not listening yet
                pass
            time.sleep(0.3)
        page = body(f"{base}/voila/render/index.ipynb?token={token}")
        config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                      page, re.S).group(1))
        assert config[CHARTING_LIBRARY_KEY] == charting_library_url("/")
        assert "jupyterlab-plotly" not in [e["name"] for e in config.get("federated_extensions", [])]
        assert "open-strength.js" in page  # the workshop's own template
        with urllib.request.urlopen(base + config[CHARTING_LIBRARY_KEY], timeout=60) as response:
            assert response.read(200).lstrip().startswith(b"/**") and "javascript" in response.headers["Content-Type"]
    finally:
        proc.terminate()
        proc.wait(20)
