"""Capacity of facilitator mode: a whole room scanning the QR code at once, on one computer.

Prints figures; asserts nothing. Run, from the workshop's folder:

    python benchmarks/bench_room.py --participants 12           # one room of 12
    python benchmarks/bench_room.py --find-max                  # the largest room within the limit

It starts `open-strength facilitator` (on 127.0.0.1, with a temporary group folder) and drives it:

- N participants as websocket clients that do what a page does (tests/browser/room_client.py): open
  the QR link (the start page), then the session 1 form; send the answers and "Send to the group".
  Then a third of them reload the form page and send again (a re-share replaces the first). Every
  page that closes sends the shutdown request as a desktop browser does, except half of those on
  "phones", which never do (iOS Safari): their kernels wait for the idle cull.
- One real Chromium page as a probe, opening the same two pages at the same moment.

It reports, per room size: time to interactive (the page's kernel has answered and sent every
widget's state; for the probe, the form is drawn) as median and maximum over every page load; total
kernel memory at the peak and afterwards; the kernel count at the peak and afterwards; and whether
every participant's share arrived in the group folder.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.room_client import PageClient  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
START_PAGE = "index.ipynb"
FORM_PAGE = "01-where-the-rules-come-from/02-self-assessment.ipynb"
LIMIT_SECONDS = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    out = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                status = (proc / "status").read_text()
            except OSError:
                continue
            if int(next(l.split()[1] for l in status.splitlines() if l.startswith("PPid:"))) == pid:
                out.append(int(proc.name))
    return out


def kernels(server_pid: int) -> list[float]:
    """Resident memory (MB) of each kernel the participants' server started."""
    sizes = []
    for pid in children(server_pid):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            if b"ipykernel_launcher" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
        except OSError:
            continue
        sizes.append(int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmRSS:"))) / 1024)
    return sizes


class Room:
    """`open-strength facilitator` on free ports, with a temporary group folder."""

    def __init__(self) -> None:
        self.data = tempfile.TemporaryDirectory(prefix="bench-room-")
        self.port, self.board_port = free_port(), free_port()
        self.log = Path(self.data.name) / "facilitator.log"
        env = {**os.environ, "OPEN_STRENGTH_DATA_DIR": self.data.name}
        self.proc = subprocess.Popen([sys.executable, "-m", "open_strength.cli", "facilitator", "--cohort", "bench",
                                      "--ip", "127.0.0.1", "--port", str(self.port), "--dashboard-port",
                                      str(self.board_port), "--notebooks", str(ROOT / "notebooks")],
                                     stdout=self.log.open("w"), stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        deadline = time.monotonic() + 120
        while "Stop with Ctrl+C." not in self.log.read_text():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("facilitator mode did not start:\n" + self.log.read_text())
            time.sleep(0.3)
        text = self.log.read_text()
        self.link = re.search(r"(http://localhost:\d+/voila/render/index\.ipynb\?token=\S+)", text).group(1)
        self.token = self.link.rsplit("=", 1)[1]
        self.base = f"http://localhost:{self.port}"
        self.folder = Path(self.data.name) / "groups" / "bench"
        self.server_pid = next(pid for pid in children(self.proc.pid)
                               if f"--port={self.port}" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"))

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.data.cleanup()


async def participant(room: Room, number: int, share_id: int, reload: bool, phone: bool, results: dict) -> None:
    """One person: scan the QR code, open the form, send; some reload the form and send again."""
    client = PageClient(room.base, room.token)
    try:
        await client.open_page(START_PAGE)  # the QR link
        results["tti"].append(client.timings["interactive"])
        shut = not (phone and number % 2 == 0)  # half of the phones never send the close request
        await client.close(shut_down=shut)
        await client.open_page(FORM_PAGE)
        results["tti"].append(client.timings["interactive"])
        await client.submit_form(own=2 + number % 3, others=5)
        if (await client.send_to_group(share_id))["kind"] != "sent":
            results["failed"] += 1
        if reload:
            await client.close(shut_down=shut)
            client.incoming.clear()
            await client.open_page(FORM_PAGE)
            results["tti"].append(client.timings["interactive"])
            await client.submit_form(own=3, others=4)
            await client.send_to_group(share_id)
        results["kernels_peak"] = max(results["kernels_peak"], len(kernels(room.server_pid)))
    except Exception as exc:  # a participant whose page failed: counted, never hidden
        results["errors"].append(f"participant {number}: {type(exc).__name__}: {exc}")
    finally:
        if client.ws is not None:
            client.ws.close()
        client.shut()


async def probe(room: Room, results: dict) -> None:
    """A real Chromium page opening the QR link and then the form, among the crowd."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=os.environ.get("OPEN_STRENGTH_CHROMIUM", "/usr/bin/chromium"),
                                          args=CHROMIUM_ARGS)
        page = await (await browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                                has_touch=True)).new_page()
        page.set_default_timeout(180000)
        started = time.monotonic()
        await page.goto(room.link)
        await page.wait_for_selector("#os-page-footer .os-support-footer", state="attached")
        results["probe"].append(time.monotonic() - started)
        started = time.monotonic()
        await page.goto(f"{room.base}/voila/render/{FORM_PAGE}")
        await page.wait_for_selector(".os-item input", state="visible")
        results["probe"].append(time.monotonic() - started)
        await browser.close()


async def sampler(room: Room, results: dict, stop: asyncio.Event) -> None:
    while not stop.is_set():
        sizes = kernels(room.server_pid)
        results["kernels_peak"] = max(results["kernels_peak"], len(sizes))
        results["memory_peak"] = max(results["memory_peak"], sum(sizes))
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except asyncio.TimeoutError:
            pass


async def run_room(room: Room, n: int) -> dict:
    results = {"tti": [], "probe": [], "errors": [], "failed": 0, "kernels_peak": 0, "memory_peak": 0.0}
    stop = asyncio.Event()
    watcher = asyncio.create_task(sampler(room, results, stop))
    started = time.monotonic()
    people = [participant(room, i, 1000 + i, reload=(i % 3 == 0), phone=(i % 2 == 0), results=results) for i in range(n)]
    await asyncio.gather(probe(room, results), *people)
    results["wall"] = time.monotonic() - started
    stop.set()
    await watcher
    await asyncio.sleep(3)  # let closed pages' kernels finish shutting down
    after = kernels(room.server_pid)
    results["kernels_after"], results["memory_after"] = len(after), sum(after)
    sent = {int(p.name.split("-")[2].split(".")[0]) for p in room.folder.glob("share-*.json")}
    results["arrived"] = len(sent & {1000 + i for i in range(n)})
    return results


def report(n: int, r: dict) -> bool:
    every = r["tti"] + r["probe"]
    worst = max(every) if every else float("inf")
    ok = not r["errors"] and r["arrived"] == n and worst <= LIMIT_SECONDS
    print(f"\n{n} participants (+1 Chromium probe), {len(r['tti'])} client page loads in {r['wall']:.1f} s:")
    if r["tti"]:
        print(f"  time to interactive, clients: median {statistics.median(r['tti']):.2f} s, max {max(r['tti']):.2f} s")
    if r["probe"]:
        print(f"  time to interactive, Chromium probe: start page {r['probe'][0]:.2f} s"
              + (f", form {r['probe'][1]:.2f} s" if len(r["probe"]) > 1 else ""))
    print(f"  kernels: {r['kernels_peak']} at the peak, {r['kernels_after']} afterwards "
          f"(pages still open, plus phones' closed pages waiting for the idle cull)")
    print(f"  kernel memory: {r['memory_peak']:.0f} MB at the peak, {r['memory_after']:.0f} MB afterwards "
          f"({r['memory_after'] / max(r['kernels_after'], 1):.0f} MB a kernel)")
    print(f"  shares arrived: {r['arrived']} of {n}" + (f"; {r['failed']} send(s) failed" if r["failed"] else ""))
    for error in r["errors"][:5]:
        print(f"  error: {error}")
    print(f"  every page interactive within {LIMIT_SECONDS:.0f} s and every share arrived: {'yes' if ok else 'NO'}")
    return ok


def one_room(n: int) -> bool:
    room = Room()
    try:
        return report(n, asyncio.run(run_room(room, n)))
    finally:
        room.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, nargs="*", default=[12], help="room sizes to run")
    parser.add_argument("--find-max", action="store_true", help="grow the room until a page takes over the limit")
    parser.add_argument("--step", type=int, default=4)
    args = parser.parse_args()
    print(f"Machine: {os.cpu_count()} CPU(s); Python {sys.version.split()[0]}; limit {LIMIT_SECONDS:.0f} s")
    if not args.find_max:
        for n in args.participants:
            one_room(n)
        return 0
    n, best = args.step, 0
    while one_room(n):
        best = n
        n += args.step
    if best:  # refine between the last size that passed and the first that did not
        for m in range(best + 1, n):
            if not one_room(m):
                break
            best = m
    print(f"\nLargest room with every page interactive within {LIMIT_SECONDS:.0f} s: {best} participants")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
