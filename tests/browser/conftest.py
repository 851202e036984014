"""One shared Voilà server, started with the workshop's own serve command, for every browser test.

The browser is Debian's chromium driven by playwright (never a browser that playwright downloads).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str:
    for candidate in (os.environ.get("OPEN_STRENGTH_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium")


SERVER: dict = {}


def kernel_pids(server_pid: int | None = None) -> set[int]:
    """Kernel processes started by a server (the shared one unless another is named)."""
    parent = server_pid or SERVER.get("pid")
    pids = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
            status = (proc / "status").read_text()
        except OSError:
            continue
        ppid = int(next(l.split()[1] for l in status.splitlines() if l.startswith("PPid:")))
        if b"ipykernel_launcher" in cmdline and ppid == parent:
            pids.add(int(proc.name))
    return pids


def wait_until(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the workshop server did not answer at {url}")


@contextlib.contextmanager
def launch_server(port: int, *extra: str, log_name: str = "voila.log", env: dict | None = None):
    """Run the workshop's serve command on a port; yield its process; stop it afterwards."""
    ARTIFACTS.mkdir(exist_ok=True)
    handle = (ARTIFACTS / log_name).open("w")
    proc = subprocess.Popen([sys.executable, "-m", "open_strength.cli", "serve", "--port", str(port),
                             "--notebooks", str(ROOT / "notebooks"), *extra],
                            stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT,
                            env={**os.environ, **(env or {})})
    try:
        wait_for(f"http://localhost:{port}/voila/static/require.min.js")
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        handle.close()


@pytest.fixture(scope="session")
def server():
    port = free_port()
    with launch_server(port) as proc:
        SERVER["pid"] = proc.pid  # the serve command execs Voila, so this is Voila's pid
        yield f"http://localhost:{port}"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(60000)
    yield pg
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.set_default_timeout(60000)
    yield pg
    context.close()


def open_page(pg, base: str, path: str) -> list[str]:
    """Open a dashboard, wait until its cells are shown, and return every URL it requested."""
    requested: list[str] = []
    pg.on("request", lambda r: requested.append(r.url))
    pg.goto(f"{base}/voila/render/{path}")
    pg.wait_for_selector("#rendered_cells", state="visible")
    pg.wait_for_selector("#os-page-footer .os-support-footer", state="attached")
    return requested


def draw_deferred_charts(pg) -> None:
    """Scroll to each chart's kept place, as a reader would, until every chart on the page is drawn."""
    # Parts drawn by the page show before the widgets (a chart's place is one): wait until they are drawn.
    pg.wait_for_selector("html[data-os-settled]", state="attached")
    waiting = "document.querySelectorAll('.os-chart-slot:not([hidden])').length"
    # Count and scroll in one step: a chart near the view can be drawn between two separate calls.
    scroll_to_first = """() => {
        const slots = document.querySelectorAll('.os-chart-slot:not([hidden])');
        if (slots.length) slots[0].scrollIntoView();
        return slots.length;
    }"""
    for _ in range(20):
        left = pg.evaluate(scroll_to_first)
        if not left:
            return
        pg.wait_for_function(f"{waiting} < {left}")
    raise AssertionError("charts were still waiting to be drawn after scrolling to each")


def screenshot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
