"""Facilitator mode against the real servers: `open-strength facilitator` started as a facilitator
starts it, with its group folder in a temporary data folder.

- Without the token, the participants' address serves nothing (pages, files, static files, the
  kernel's websocket), and with it, never the dashboard, the group folder, src/ or tests/.
- An execute_request sent over a kernel's websocket runs nothing.
- A participant's "Send to the group" in Chromium writes one file; the dashboard (a second server on
  127.0.0.1) counts it live, lists a stray file, and draws the charts only on reveal.
"""
from __future__ import annotations

import asyncio
import contextlib
import datetime
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from tornado import httpclient

from open_strength import codes, group_folder
from open_strength.cli import room_address
from open_strength.instruments import load
from tests.browser.conftest import ARTIFACTS, ROOT, free_port, screenshot, wait_until
from tests.browser.room_client import PageClient, message

RULES = load("rules-profile")
RULES_PAGE = "01-where-the-rules-come-from/02-self-assessment.ipynb"


def children_of(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError, StopIteration):
                status = (proc / "status").read_text()
                if int(next(l.split()[1] for l in status.splitlines() if l.startswith("PPid:"))) == pid:
                    found.append(int(proc.name))
    return found


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    data = tmp_path_factory.mktemp("facilitator-data")
    port, board_port = free_port(), free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / "facilitator-mode.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "open_strength.cli", "facilitator", "--cohort", "test-room",
                                 "--ip", "127.0.0.1", "--port", str(port), "--dashboard-port", str(board_port),
                                 "--notebooks", str(ROOT / "notebooks")],
                                stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                                env={**os.environ, group_folder.DATA_DIR_VARIABLE: str(data)})
        try:
            assert wait_until(lambda: "Stop with Ctrl+C." in log_path.read_text() or proc.poll() is not None, 120)
            output = log_path.read_text()
            assert proc.poll() is None, output
            servers = children_of(proc.pid)
            yield {
                "output": output, "proc": proc, "port": port, "board_port": board_port, "servers": servers,
                "base": f"http://localhost:{port}", "board": f"http://127.0.0.1:{board_port}",
                "room_link": re.search(r"(http://localhost:\d+/voila/render/index\.ipynb\?token=\S+)", output).group(1),
                "board_link": re.search(r"your dashboard.*?(http://127\.0\.0\.1:\d+/\?token=\S+)", output, re.I | re.S).group(1),
                "qr_link": re.search(r"(http://127\.0\.0\.1:\d+/qr\?token=\S+)", output).group(1),
                "folder": data / "groups" / "test-room",
            }
        finally:
            servers = children_of(proc.pid)
            proc.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(30)
            if proc.poll() is None:
                proc.kill()
            for pid in servers:  # never leave a server behind, even if the command failed to stop it
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


def run_async(make_coroutine):
    """asyncio.run in a thread of its own: the sync browser fixture keeps an event loop in this one."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def token_of(link: str) -> str:
    return link.rsplit("token=", 1)[1]


def fetch(url: str, cookie: str = "") -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def login_cookie(room) -> str:
    async def go():
        client = PageClient(room["base"], token_of(room["room_link"]))
        response = await client.get("/voila/tree", with_token=True)
        client.shut()
        assert response.code == 200
        return "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    return run_async(go)


# ---- the command -----------------------------------------------------------------------------

def test_the_command_prints_direct_links_a_qr_code_and_the_deletion_date(room):
    out = room["output"]
    assert token_of(room["room_link"]) != token_of(room["board_link"]), "each server has its own token"
    assert sum(1 for line in out.splitlines() if line.startswith("█")) > 10, "a QR code drawn in the terminal"
    assert f"Shares go to {room['folder']}" in out
    assert f"deleted on {(datetime.date.today() + datetime.timedelta(days=7)).isoformat()}" in out
    assert "open-strength wipe --cohort test-room" in out
    assert "00-start-here" not in out and ".ipynb\n" not in out, "links, not a file tree"
    assert len(room["servers"]) == 2


def test_the_qr_page_needs_the_dashboard_token_and_holds_the_room_link(room):
    status, body = fetch(room["qr_link"])
    assert status == 200 and "<svg" in body and room["room_link"].replace("&", "&amp;") in body
    assert fetch(room["board"] + "/qr")[0] == 403
    assert fetch(room["board"] + "/qr?token=" + token_of(room["room_link"]))[0] == 403


# ---- security: without the token, nothing -------------------------------------------------------

NO_TOKEN_PATHS = [
    "/", "/voila/render/index.ipynb", "/voila/render/" + RULES_PAGE, "/voila/tree", "/voila/tree/exercises",
    "/voila/static/require.min.js", "/voila/static/voila.js",
    "/voila/templates/open-strength/static/open-strength.css",
    "/voila/labextensions/@jupyter-widgets/jupyterlab-manager/package.json",
    "/voila/files/index.ipynb", "/voila/api/themes/@jupyterlab/theme-light-extension/index.css",
    "/api/kernels", "/api/contents", "/voila/api/contents", "/login", "/logout", "/qr",
]


@pytest.mark.parametrize("path", NO_TOKEN_PATHS)
def test_without_the_token_the_participants_address_serves_nothing(room, path):
    status, body = fetch(room["base"] + path)
    assert status in (403, 404), f"{path} answered {status}"
    assert "Open Strength" not in body and "<script" not in body


@pytest.mark.parametrize("which", ["wrong", "dashboard"])
def test_a_wrong_token_or_the_dashboards_token_opens_nothing(room, which):
    token = "not-the-token" if which == "wrong" else token_of(room["board_link"])
    status, body = fetch(f"{room['base']}/voila/render/index.ipynb?token={token}")
    assert status == 403 and "QR code" in body


def test_with_the_token_the_page_loads_and_sets_a_cookie_for_what_follows(room):
    status, body = fetch(room["room_link"])
    assert status == 200 and "Open Strength" in body
    cookie = login_cookie(room)
    assert fetch(room["base"] + "/voila/static/require.min.js", cookie)[0] == 200
    assert fetch(room["base"] + "/voila/static/require.min.js")[0] == 403


def test_the_kernel_websocket_refuses_a_connection_without_the_login_cookie(room):
    async def go():
        owner = PageClient(room["base"], token_of(room["room_link"]))
        await owner.open_page("index.ipynb")  # a real kernel, reached the way its page reaches it
        stranger = PageClient(room["base"])
        stranger.kernel_id = owner.kernel_id
        with pytest.raises(httpclient.HTTPClientError) as refused:
            await stranger.connect(cookies=False)
        await owner.close()
        owner.shut()
        stranger.shut()
        return refused.value.code
    assert run_async(go) == 403


# ---- security: with the token, still never the dashboard, the folder, src/ or tests/ -----------

@pytest.mark.parametrize("path", [
    "/voila/render/../facilitator-guide/group-results.ipynb",
    "/voila/render/%2E%2E/facilitator-guide/group-results.ipynb",
    "/voila/render/%2e%2e%2ffacilitator-guide%2fgroup-results.ipynb",
    "/voila/tree/..", "/voila/tree/%2E%2E", "/voila/tree/%2E%2E/facilitator-guide",
    "/voila/files/../src/open_strength/cli.py", "/voila/files/%2E%2E/src/open_strength/cli.py",
    "/voila/files/%2E%2E/tests/conftest.py", "/voila/render/%2E%2E/tests/conftest.py",
    "/voila/api/contents/..", "/api/contents", "/api/kernels", "/qr",
    "GROUP_FOLDER", "GROUP_FOLDER_TRAVERSAL",
])
def test_the_participants_address_never_serves_dashboard_folder_src_or_tests(room, path):
    cookie = login_cookie(room)
    share_file = room["folder"] / group_folder.METADATA
    if path == "GROUP_FOLDER":
        path = "/voila/files/" + str(share_file)
    elif path == "GROUP_FOLDER_TRAVERSAL":
        path = "/voila/files/" + "%2E%2E/" * 12 + str(share_file).lstrip("/")
    status, body = fetch(room["base"] + path, cookie)
    assert status in (403, 404), f"{path} answered {status}"
    assert "delete_on" not in body and "group-results" not in body and "import" not in body


def test_the_dashboard_server_listens_on_this_computer_only(room):
    address = room_address()
    if address.startswith("127."):
        pytest.skip("this computer has no network address other than loopback")
    with socket.socket() as s:
        s.settimeout(3)
        assert s.connect_ex((address, room["board_port"])) != 0


def test_an_execute_request_over_the_kernel_websocket_runs_nothing(room, tmp_path):
    marker = tmp_path / "ran.txt"
    code = f"open({str(marker)!r}, 'w').write('ran')"

    async def go():
        client = PageClient(room["base"], token_of(room["room_link"]))
        await client.open_page(RULES_PAGE)
        for channel in ("shell", "control"):
            await client.send(message("execute_request", {"code": code, "silent": False, "store_history": False,
                                                          "user_expressions": {}, "allow_stdin": False,
                                                          "stop_on_error": True}, client.session, channel))
        # The kernel answers shell requests in order: once kernel_info is answered, an execute_request
        # sent before it would already have run.
        await client.request("kernel_info_request", {}, "kernel_info_reply")
        types = [m["header"]["msg_type"] for m in client.incoming]
        await client.close()
        client.shut()
        return types
    types = run_async(go)
    assert "kernel_info_reply" in types
    assert "execute_reply" not in types and "execute_input" not in types
    assert not marker.exists()


# ---- the session: send, count live, reveal --------------------------------------------------------

def test_a_participant_sends_and_the_dashboard_counts_live_then_reveals(room, browser):
    folder = room["folder"]
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    phone.set_default_timeout(60000)
    phone.goto(room["room_link"])  # as from the QR code
    phone.wait_for_selector("#rendered_cells", state="visible")
    phone.goto(f"{room['base']}/voila/render/{RULES_PAGE}")  # later pages: the cookie, no token
    phone.wait_for_selector(".os-form")
    items = phone.locator(".os-form .os-item")
    for index in range(items.count()):
        items.nth(index).locator("input").nth(1 if index < 15 else 4).check()
    phone.locator(".os-submit").click()
    share = phone.locator(".os-share")
    share.wait_for(state="visible")
    share.get_by_role("button", name="Send to the group").click()
    phone.wait_for_function("document.querySelector('.os-share').dataset.sent === 'sent'")
    assert "Sent." in share.inner_text()
    assert share.locator(".os-code").input_value().startswith("OS-"), "the code stays as a fallback"
    files = [p.name for p in folder.iterdir() if p.name.startswith("share-")]
    assert len(files) == 1 and files[0].startswith(f"share-{RULES.code_number}-")
    screenshot(phone, "facilitator-mode-sent-390")

    board = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    board.set_default_timeout(60000)
    board.goto(room["board_link"])
    board.wait_for_function("document.querySelector('.os-count') && "
                            "document.querySelector('.os-count').textContent.includes('1 share(s) so far')")
    for sid in range(4):  # four more people send while the facilitator watches
        group_folder.write_share(folder, codes.Share(RULES.code_number, RULES.version, 10 + sid,
                                                     ((2.0,) * 5, (4.5,) * 5), datetime.date.today()))
    (folder / "notes.txt").write_text("not a share")
    board.wait_for_function("document.querySelector('.os-count').textContent.includes('5 share(s) so far')")
    board.wait_for_selector("section[aria-label='Files not read'] li")
    assert "notes.txt: not a share file" in board.locator("section[aria-label='Files not read']").inner_text()
    assert board.locator(".js-plotly-plot").count() == 0, "a count only, until the reveal"
    board.get_by_role("button", name="Reveal the group's results").click()
    board.wait_for_selector(".js-plotly-plot .main-svg")
    assert "5 shared." in board.locator("body").inner_text()
    screenshot(board, "facilitator-mode-dashboard-1200")

    share.get_by_role("button", name="Take back what I sent").click()
    phone.wait_for_function("document.querySelector('.os-share').dataset.sent === 'taken-back'")
    assert not [p for p in folder.iterdir() if p.name.startswith(f"share-{RULES.code_number}-") and p.name == files[0]]
    board.wait_for_function("document.querySelector('.os-count').textContent.includes('4 share(s) so far')")
    qr = board.context.new_page()
    qr.goto(room["qr_link"])
    qr.wait_for_selector("svg")
    screenshot(qr, "facilitator-mode-qr-1200")
    phone.context.close()
    board.context.close()


def test_stopping_the_command_stops_both_servers(room):
    """Last in this module: the command is stopped as a service manager stops it."""
    proc = room["proc"]
    proc.send_signal(signal.SIGTERM)
    proc.wait(30)
    assert wait_until(lambda: not any(Path(f"/proc/{pid}").exists() and "zombie" not in
                                      Path(f"/proc/{pid}/status").read_text().lower() for pid in room["servers"]), 30)
