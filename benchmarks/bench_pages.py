"""Speed and memory of the participant dashboards, against a one-cell notebook served the same way.

Prints figures; asserts nothing. Run: `python benchmarks/bench_pages.py [--runs 5]`.
Measured in one run, on one machine, so the baseline shares the machine's load.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from keyboard import answer_all_by_keyboard, tab_to_first_item  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
FORM_PAGES = ["00-start-here/03-baseline-check-in.ipynb", "01-where-the-rules-come-from/02-self-assessment.ipynb"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(notebooks: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "open_strength.cli", "serve", "--port", str(port),
                             "--notebooks", str(notebooks)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://localhost:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/voila/static/require.min.js", timeout=2).read()
            return proc, base
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("server did not start")


def kernel_rss_mb(server_pid: int) -> list[float]:
    """Resident memory of each kernel process started by the server."""
    sizes = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            status = (proc / "status").read_text()
        except OSError:
            continue
        if "ipykernel_launcher" not in cmdline:
            continue
        ppid = int(next(l.split()[1] for l in status.splitlines() if l.startswith("PPid:")))
        if ppid != server_pid:
            continue
        rss_kb = int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmRSS:")))
        sizes.append(rss_kb / 1024)
    return sizes


def time_to_interactive(browser, url: str, ready: str) -> float:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(ready, state="visible", timeout=120000)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def submit_to_chart(browser, url: str, server_pid: int) -> tuple[float, float]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(".os-item input", timeout=120000)
    tab_to_first_item(page)
    answer_all_by_keyboard(page, submit=False)
    started = time.perf_counter()
    page.keyboard.press("Enter")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60000)
    elapsed = time.perf_counter() - started
    memory = max(kernel_rss_mb(server_pid) or [0.0])
    context.close()
    return elapsed, memory


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    baseline_dir = Path(tempfile.mkdtemp(prefix="os-baseline-"))
    shutil.copy(ROOT / "notebooks" / "index.ipynb", baseline_dir / "index.ipynb")  # the serve command wants one
    one_cell = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                           "source": ["print('ready')"]}],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    (baseline_dir / "one-cell.ipynb").write_text(json.dumps(one_cell))

    pages = sorted(p.relative_to(ROOT / "notebooks").as_posix() for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
    workshop, workshop_url = start(ROOT / "notebooks")
    baseline, baseline_url = start(baseline_dir)
    results = {}
    try:
        with sync_playwright() as p:
            chromium = os.environ.get("OPEN_STRENGTH_CHROMIUM", "/usr/bin/chromium")
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            floor = [time_to_interactive(browser, f"{baseline_url}/voila/render/one-cell.ipynb", ".jp-OutputArea-output")
                     for _ in range(args.runs)]
            floor_median = statistics.median(floor)
            print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                  f"{time.strftime('%Y-%m-%d')}")
            print(f"one-cell notebook, time to interactive: median {floor_median:.2f} s (runs: {args.runs})")
            for page in pages:
                ready = ".os-item input" if page in FORM_PAGES else "#os-page-footer .os-support-footer"
                times = [time_to_interactive(browser, f"{workshop_url}/voila/render/{page}", ready)
                         for _ in range(args.runs)]
                median = statistics.median(times)
                results[page] = median
                print(f"{page}: median {median:.2f} s, {median / floor_median:.2f}x the one-cell notebook")
            for page in FORM_PAGES:
                if page not in pages:
                    continue
                runs = [submit_to_chart(browser, f"{workshop_url}/voila/render/{page}", workshop.pid)
                        for _ in range(args.runs)]
                print(f"{page}: submit to chart drawn, median {statistics.median(r[0] for r in runs) * 1000:.0f} ms; "
                      f"kernel memory after the chart {max(r[1] for r in runs):.0f} MB")
            browser.close()
    finally:
        for proc in (workshop, baseline):
            proc.terminate()
            proc.wait(10)
        shutil.rmtree(baseline_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
