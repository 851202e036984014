"""Kernels don't pile up: fifty pages opened and closed, half with the close request a desktop browser
sends and half without it (as iOS Safari does: the tab just goes), and the server's kernel count
comes back to where it was within the culling interval."""
import time

from tests.browser.conftest import free_port, kernel_pids, launch_server, wait_until

PAGE = "00-start-here/01-is-this-for-you.ipynb"
IDLE, INTERVAL = 8, 2  # seconds; the real server waits 25 minutes and looks every minute
PAGES, AT_ONCE = 50, 5


def test_fifty_pages_opened_and_closed_leave_no_kernels_behind(browser):
    port = free_port()
    env = {"OPEN_STRENGTH_CULL_IDLE_SECONDS": str(IDLE), "OPEN_STRENGTH_CULL_INTERVAL_SECONDS": str(INTERVAL)}
    with launch_server(port, log_name="voila-culling.log", env=env) as proc:
        base = f"http://localhost:{port}/voila/render/{PAGE}"
        before = kernel_pids(proc.pid)
        peak = 0
        closed_politely = 0

        for start in range(0, PAGES, AT_ONCE):
            contexts = [browser.new_context() for _ in range(AT_ONCE)]
            pages = [c.new_page() for c in contexts]
            for pg in pages:
                pg.set_default_timeout(90000)
                pg.goto(base, wait_until="commit")
            for pg in pages:
                pg.wait_for_selector("#os-page-footer .os-support-footer", state="attached")
            peak = max(peak, len(kernel_pids(proc.pid) - before))
            for n, (pg, context) in enumerate(zip(pages, contexts)):
                polite = (start + n) % 2 == 0
                closed_politely += polite
                pg.close(run_before_unload=polite)
                context.close()
        assert closed_politely == PAGES // 2
        assert peak >= AT_ONCE, f"each open page had its own kernel (peak {peak})"
        started = time.monotonic()
        assert wait_until(lambda: kernel_pids(proc.pid) <= before, IDLE + 2 * INTERVAL + 30), \
            f"{len(kernel_pids(proc.pid) - before)} kernels still running {time.monotonic() - started:.0f} s after the last page closed"
