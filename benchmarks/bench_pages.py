"""Speed and memory of every participant dashboard, against a one-cell notebook served the same way.

Prints figures; asserts nothing. Run: `python benchmarks/bench_pages.py [--runs 5] [--phone]
[--preheat] [--clients 12,25] [--suite]`. Everything is measured in one run on one machine, so the
one-cell notebook shares the machine's load with the pages it is compared against.

- time to interactive: from navigation until Voila's page app has started (before that, no output
  but static text is drawn and no widget answers) and the page's own sign of being usable is visible
  (a form's first radio button, an exercise's widget, the support footer on reading and information
  pages, the one-cell notebook's printed line). The one-cell notebook's printed line is static text
  that can show before the app has started; that earlier moment is printed too. A form is drawn with
  the page and can be answered at once; the moment its widget links it to the kernel (from then,
  "Show my results" is answered) is printed too;
- submit to chart: from pressing "Show my results" to the chart's SVG, first and second submit, as
  the driver sees it; and the first submit on the page's own clock, from the key press to the chart
  finished and a frame shown (with when the kernel's answer came back);
- kernel memory after the chart (resident set of the page's kernel);
- --phone: the same under a phone-like profile (CPU slowed 4x, a slow 4G network);
- --clients: many clients fetching the charting library (plotly.js) from this one server at once;
- --preheat: Voila's preheated kernels, one pool per notebook, against the same pages without;
- --suite: the wall time of the full test suite (README's test command, without reinstalling).

Pages are closed as a desktop browser closes them (Voila then stops their kernels), so the server is
not left holding one kernel per visit while later pages are measured.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "src"))

from keyboard import answer_all_by_keyboard, tab_to_first_item  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# Chrome DevTools' "Slow 4G" preset, and a mid-range phone's CPU.
PHONE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
                 "uploadThroughput": 750 * 1024 / 8}
PHONE_CPU_SLOWDOWN = 4
PHONE_PAGES = ["index.ipynb", "00-start-here/03-baseline-check-in.ipynb", "01-where-the-rules-come-from/01-reading.ipynb"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(base: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/voila/static/require.min.js", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("server did not start")


def start(notebooks: Path, *voila_extra: str) -> tuple[subprocess.Popen, str]:
    """The workshop's own serve command, or (with extra Voila options) the same Voila arguments."""
    from open_strength import cli

    port = free_port()
    if voila_extra:
        command = [*cli.VOILA_LAUNCHER, *cli.voila_arguments(notebooks, port, "127.0.0.1", False), *voila_extra]
        env = cli.environment()
    else:
        command = [sys.executable, "-m", "open_strength.cli", "serve", "--port", str(port), "--notebooks", str(notebooks)]
        env = dict(os.environ)
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://localhost:{port}"
    wait_for(base)
    return proc, base


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
        if ppid == server_pid:
            sizes.append(int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmRSS:"))) / 1024)
    return sizes


def participant_pages() -> dict[str, str]:
    """Every dashboard, as served, with the selector that says it can be used."""
    found = {}
    paths = [p for p in (ROOT / "notebooks").glob("**/*.ipynb") if "exercises" not in p.relative_to(ROOT / "notebooks").parts]
    paths += list((ROOT / "exercises").glob("**/*.ipynb"))
    for path in sorted(paths):
        served = (path.relative_to(ROOT / "notebooks") if path.is_relative_to(ROOT / "notebooks")
                  else Path("exercises") / path.relative_to(ROOT / "exercises")).as_posix()
        code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code")
        if "show.form(" in code:
            found[served] = ".os-item input"
        elif re.search(r"show\.(reflection|device_settings|overlap_explorer|emotion_vocabulary|turn_timer|cycle_map|"
                       r"disclosure_ladder|response_practice|startup_rewrite|practice_tracker)\(", code):
            found[served] = ".os-widget, .os-reflection"
        else:
            found[served] = "#os-page-footer .os-support-footer"
    return found


def new_page(browser, phone: bool):
    context = browser.new_context(viewport={"width": 390, "height": 844} if phone else {"width": 1200, "height": 900},
                                  is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.set_default_timeout(180000)
    if phone:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
    return context, page


def leave(context, page) -> None:
    """Close the page as a desktop browser does (Voila asks the server to stop its kernel), then its
    context. Closed without that, every visit's kernel stays until culled: some 250 kernels by the end
    of a run, on the machine being measured. The close request goes out as a beacon after the page has
    gone: closing the context at once can drop it (57 of 161 visits in one run on a quiet machine),
    which a real browser, staying open, does not."""
    page.close(run_before_unload=True)
    time.sleep(0.5)
    context.close()


# On the page's own clock, from the key press on "Show my results" (the event's time): when the kernel's
# answer came back, and when the first chart was drawn (its place hidden once plotly.js has finished it)
# and the browser had shown a frame after that. The driver's own figure adds its polling and messaging.
WATCH_SUBMIT = """() => { const times = window.osSubmitTimes = {library: !!window.Plotly};
  document.addEventListener('keydown', (event) => { if (event.key === 'Enter' && times.pressed === undefined) times.pressed = event.timeStamp; }, true);
  const observer = new MutationObserver(() => {
    if (times.pressed === undefined) return;
    const status = document.querySelector('.os-submit-status'), place = document.querySelector('.os-chart-slot');
    if (!times.answered && status && status.textContent.startsWith('Your results')) times.answered = performance.now() - times.pressed;
    if (!times.finished && place && place.hidden && document.querySelector('.js-plotly-plot .main-svg')) {
      times.finished = performance.now() - times.pressed;
      requestAnimationFrame(() => setTimeout(() => { times.drawn = performance.now() - times.pressed; }, 0));
    }
    // Both watched for: on a busy machine the chart can be drawn before the form says its results are in.
    if (times.answered && times.finished) observer.disconnect();
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true}); }"""

APP_STARTED = "() => window.jupyterapp !== undefined"  # Voila sets it once its app has started
# Every script a page without charts fetches ahead (open_strength.page_config) has arrived.
PREFETCHED = """() => { const node = document.getElementById('jupyter-config-data');
  const urls = JSON.parse(node.textContent).openStrengthPrefetch || [];
  const done = performance.getEntriesByType('resource').filter((r) => r.responseEnd > 0).map((r) => r.name);
  return urls.every((u) => done.some((name) => name.endsWith(u))); }"""


def time_to_interactive(browser, url: str, ready: str, phone: bool = False, after: str = "",
                        shown: list | None = None, linked: list | None = None) -> float:
    """From navigation to usable; with `after`, that page is opened first in the same browser (a warm cache).
    With `shown`, the moment the ready element was first visible is appended to it; with `linked`, the
    moment a form drawn with the page was linked to its kernel (from then, "Show my results" is answered)."""
    context, page = new_page(browser, phone)
    if after:  # someone reads that page first: at least as long as its prefetch of the charting library takes
        page.goto(after)
        page.wait_for_selector("#os-page-footer .os-support-footer", state="attached")
        page.wait_for_function(PREFETCHED, polling=250)
    started = time.perf_counter()
    page.goto(url)
    if ready.startswith("#os-page-footer"):
        # Looked for at every frame, as below: wait_for_selector looks less and less often (up to half a
        # second apart), which added about 0.2 s to the pages timed by their footer.
        page.wait_for_function("(sel) => document.querySelector(sel) !== null", arg=ready)
    else:  # any one of them drawn and visible (a page may hold several widgets, some hidden)
        page.wait_for_function("(sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length"
                               " && getComputedStyle(el).visibility !== 'hidden')", arg=ready)
    if shown is not None:
        shown.append(time.perf_counter() - started)
    page.wait_for_function(APP_STARTED, polling=10)
    elapsed = time.perf_counter() - started
    if linked is not None:
        page.wait_for_selector("form.os-form[data-os-linked]", state="attached")
        linked.append(time.perf_counter() - started)
    leave(context, page)
    return elapsed


def submit_to_chart(browser, url: str, server_pid: int) -> tuple[float, float, float, dict] | None:
    """First submit as the driver saw it, a second submit, the largest kernel's memory after the chart, and
    the first submit on the page's own clock (WATCH_SUBMIT, in ms); None if no chart came within 60 s."""
    context, page = new_page(browser, False)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: errors.append(f"{request.url} failed: {request.failure}"))
    page.goto(url)
    page.wait_for_selector(".os-item input", state="visible")
    tab_to_first_item(page)
    answer_all_by_keyboard(page, submit=False)
    page.wait_for_timeout(1500)  # someone takes at least this long to answer; the page is idle meanwhile
    page.evaluate(WATCH_SUBMIT)
    started = time.perf_counter()
    page.keyboard.press("Enter")
    try:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60000)
    except Exception:
        print("    no chart 60 s after submit; the page said:", page.locator(".os-submit-status").inner_text(),
              "| chart places:", page.evaluate("[...document.querySelectorAll('.os-chart-slot')].map((e) => "
                                               "[e.textContent, e.dataset.osProblem])"),
              "| console errors:", errors[-5:],
              "| plotly.js:", page.evaluate("[typeof window.Plotly, window.openStrengthPlotlyTries, performance"
                                            ".getEntriesByType('resource').filter((r) => r.name.includes('plotly'))"
                                            ".map((r) => [Math.round(r.responseEnd), r.transferSize])]"),
              "| first place on screen at:", page.evaluate("(() => { const r = document.querySelector('.os-chart-slot')"
                                                           "?.getBoundingClientRect(); return r && [r.top, innerHeight]; })()"),
              flush=True)
        leave(context, page)
        return None  # counted and reported; the run goes on
    first = time.perf_counter() - started
    page.wait_for_function("window.osSubmitTimes.answered && window.osSubmitTimes.drawn")
    parts = page.evaluate("window.osSubmitTimes")
    page.locator(".os-item input").first.check()
    page.wait_for_function("document.querySelector('.os-submit-status').textContent.startsWith('Your results')")
    started = time.perf_counter()
    page.locator(".os-submit-row .os-submit").click()
    page.wait_for_function("document.querySelector('.os-submit-status').textContent.startsWith('Your results')"
                           " && document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
    second = time.perf_counter() - started
    memory = max(kernel_rss_mb(server_pid) or [0.0])
    leave(context, page)
    return first, second, memory, parts


def fetch_all(url: str, clients: int) -> tuple[float, list[float], int]:
    """`clients` fetches of one URL at the same moment; wall time, each client's time, bytes each (compressed)."""
    times: list[float] = [0.0] * clients
    size = [0]
    barrier = threading.Barrier(clients)

    def one(n: int) -> None:
        barrier.wait()
        started = time.perf_counter()
        # As a browser asks for it: compressed (the server compresses each file once and keeps it).
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        body = urllib.request.urlopen(request, timeout=300).read()
        times[n] = time.perf_counter() - started
        size[0] = len(body)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, times, size[0]


def plotly_bundle_url(base: str) -> str:
    """plotly.js: what the first chart on a page makes the browser fetch (open_strength.page_config)."""
    from open_strength.page_config import charting_library_url

    return base + charting_library_url("/")


def line(label: str, seconds: float, floor: float, pairs: list[tuple[float, float]] | None = None) -> str:
    """With `pairs` (each run of the page with the one-cell run just before it), the median of their ratios
    too: the machine's load drifts, and a pair taken a second apart shares it."""
    text = f"  {label}: median {seconds:.2f} s, {seconds / floor:.2f}x the one-cell notebook ({floor:.2f} s beside it)"
    if pairs:
        ratios = [page / one for page, one in pairs]
        text += f"; pair by pair {statistics.median(ratios):.2f}x ({min(ratios):.2f}x to {max(ratios):.2f}x)"
    return text


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--phone", action="store_true", help="also measure under a phone-like profile")
    parser.add_argument("--preheat", action="store_true", help="also measure Voila's preheated kernels")
    parser.add_argument("--clients", default="", help="comma-separated client counts fetching plotly.js at once")
    parser.add_argument("--suite", action="store_true", help="also time the full test suite")
    parser.add_argument("--only", default="", help="only pages whose path contains this text (desktop and forms)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    baseline_dir = Path(tempfile.mkdtemp(prefix="os-baseline-"))
    shutil.copy(ROOT / "notebooks" / "index.ipynb", baseline_dir / "index.ipynb")  # the serve command wants one
    one_cell = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                           "source": ["print('ready')"]}],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    (baseline_dir / "one-cell.ipynb").write_text(json.dumps(one_cell))
    # Voila's own cost of a page with a widget: what every page with a form or an exercise pays before its own work.
    one_widget = dict(one_cell, cells=[dict(one_cell["cells"][0], source=["import ipywidgets\n",
                                                                          "ipywidgets.Button(description='ready')"])])
    (baseline_dir / "one-widget.ipynb").write_text(json.dumps(one_widget))
    every_page = participant_pages()
    pages = {p: r for p, r in every_page.items() if args.only in p}
    forms = [p for p, ready in pages.items() if ready == ".os-item input"]

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}; runs per figure: {args.runs}", flush=True)
    servers = []
    try:
        workshop, workshop_url = start(ROOT / "notebooks")
        baseline, baseline_url = start(baseline_dir)
        servers += [workshop, baseline]
        one_cell_url = f"{baseline_url}/voila/render/one-cell.ipynb"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("OPEN_STRENGTH_CHROMIUM", "/usr/bin/chromium"),
                                        args=CHROMIUM_ARGS)
            time_to_interactive(browser, one_cell_url, ".jp-OutputArea-output")  # warm the disk cache
            text_shown: list[float] = []
            floor = statistics.median(time_to_interactive(browser, one_cell_url, ".jp-OutputArea-output", shown=text_shown)
                                      for _ in range(args.runs))
            print(f"time to interactive (desktop):\n  one-cell notebook: median {floor:.2f} s "
                  f"(its printed line showed at {statistics.median(text_shown):.2f} s)", flush=True)
            # The machine is shared and its load drifts: each page alternates with the one-cell notebook, and
            # is compared with the one-cell runs taken beside it.
            # The one-cell notebook against itself shows how far a ratio moves on this machine from noise alone.
            measured = [("one-cell notebook again (the noise in a ratio)", one_cell_url, ".jp-OutputArea-output"),
                        ("one-widget notebook (Voila's own widget start)", f"{baseline_url}/voila/render/one-widget.ipynb",
                         ".widget-button")]
            measured += [(page, f"{workshop_url}/voila/render/{page}", ready) for page, ready in pages.items()]
            for label, url, ready in measured:
                times, beside, linked = [], [], []
                for _ in range(args.runs):
                    beside.append(time_to_interactive(browser, one_cell_url, ".jp-OutputArea-output"))
                    times.append(time_to_interactive(browser, url, ready,
                                                     linked=linked if ready == ".os-item input" else None))
                print(line(label, statistics.median(times), statistics.median(beside), list(zip(times, beside)))
                      + (f"; linked to its kernel at {statistics.median(linked):.2f} s" if linked else ""), flush=True)

            time.sleep(2)
            print(f"  kernels still running on the workshop's server after those pages: "
                  f"{len(kernel_rss_mb(workshop.pid))}", flush=True)
            print("submit to chart drawn, and kernel memory after the chart:", flush=True)
            for page in forms:
                tried = [submit_to_chart(browser, f"{workshop_url}/voila/render/{page}", workshop.pid)
                         for _ in range(args.runs)]
                runs = [r for r in tried if r is not None]
                if len(runs) < len(tried):
                    print(f"  {page}: {len(tried) - len(runs)} of {len(tried)} submits drew no chart within 60 s",
                          flush=True)
                if not runs:
                    continue
                print(f"  {page}: first submit median {statistics.median(r[0] for r in runs) * 1000:.0f} ms "
                      f"(max {max(r[0] for r in runs) * 1000:.0f}), second submit median "
                      f"{statistics.median(r[1] for r in runs) * 1000:.0f} ms; kernel {max(r[2] for r in runs):.0f} MB",
                      flush=True)
                drawn = [r[3]["drawn"] for r in runs]
                print(f"    on the page's own clock: drawn and shown at median {statistics.median(drawn):.0f} ms "
                      f"(max {max(drawn):.0f}); plotly.js ready at {sum(r[3]['library'] for r in runs)} of {len(runs)} "
                      "submits; each (answer back / drawn): "
                      + ", ".join(f"{r[3]['answered']:.0f}/{r[3]['drawn']:.0f}" for r in runs), flush=True)

            if args.phone:
                print(f"time to interactive, phone profile (CPU {PHONE_CPU_SLOWDOWN}x slower, slow 4G):", flush=True)
                phone_floor = statistics.median(time_to_interactive(browser, one_cell_url, ".jp-OutputArea-output", True)
                                                for _ in range(args.runs))
                print(f"  one-cell notebook: median {phone_floor:.2f} s", flush=True)
                landing = f"{workshop_url}/voila/render/index.ipynb"
                for page in PHONE_PAGES:
                    if page in every_page:
                        url = f"{workshop_url}/voila/render/{page}"
                        cold = statistics.median(time_to_interactive(browser, url, every_page[page], True)
                                                 for _ in range(args.runs))
                        warm = statistics.median(time_to_interactive(browser, url, every_page[page], True, after=landing)
                                                 for _ in range(args.runs))
                        print(line(f"{page}, first page in a fresh browser", cold, phone_floor), flush=True)
                        print(f"  {page}, next page after the landing page: median {warm:.2f} s", flush=True)

            if args.preheat:
                preheated, preheated_url = start(ROOT / "notebooks", "--preheat_kernel=True", "--pool_size=1")
                servers.append(preheated)
                time.sleep(60)  # let every pool fill before measuring
                print(f"preheated kernels (one per notebook): {len(kernel_rss_mb(preheated.pid))} kernels, "
                      f"{sum(kernel_rss_mb(preheated.pid)):.0f} MB held while idle", flush=True)
                for page in forms[:2] + ["index.ipynb"]:
                    times = []
                    for _ in range(args.runs):
                        times.append(time_to_interactive(browser, f"{preheated_url}/voila/render/{page}", pages[page]))
                        time.sleep(8)  # the pool refills between visits, as it would between participants
                    print(line(f"{page} (preheated)", statistics.median(times), floor), flush=True)
            browser.close()

        for clients in [int(c) for c in args.clients.split(",") if c.strip()]:
            url = plotly_bundle_url(workshop_url)
            wall, times, size = fetch_all(url, clients)
            print(f"plotly.js ({size / 1e6:.1f} MB compressed) fetched by {clients} clients at once from this server: all done in "
                  f"{wall:.2f} s; per client median {statistics.median(times):.2f} s, max {max(times):.2f} s", flush=True)

        if args.suite:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"full test suite: {time.perf_counter() - started:.0f} s wall time", flush=True)
    finally:
        for proc in servers:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(baseline_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
