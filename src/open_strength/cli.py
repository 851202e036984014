"""The `open-strength` command: serve, dashboard, facilitator and wipe.

`serve` serves the participant pages as Voilà dashboards. Only notebooks/ is served (exercises/ is
reached through the notebooks/exercises link), so the facilitator guide, the package source and the
tests are never listed or rendered.

`facilitator` runs a group session: the same participant pages on the room's network behind a
token carried in the QR link, a second server on 127.0.0.1 for the facilitator's dashboard, and the
cohort's group folder (outside every served folder, with a deletion date). Kernels learn the folder
from an environment variable. `wipe` deletes a group folder.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from importlib import resources
from pathlib import Path

from .device import SHARED_DEVICE_VARIABLE

DEFAULT_PORT = 8866
TEMPLATE = "open-strength"
# Only the front-end extensions the pages use; everything else installed in the environment stays off.
# No charting extension: the pages draw charts with plotly.js themselves (see page_config).
EXTENSION_ALLOWLIST = ["@voila-dashboards/widgets-manager8", "@jupyter-widgets/jupyterlab-manager", "anywidget"]
CULL_IDLE_SECONDS = 25 * 60
CULL_INTERVAL_SECONDS = 60
# Tests and benchmarks shorten culling so that they can watch it happen.
CULL_VARIABLES = ("OPEN_STRENGTH_CULL_IDLE_SECONDS", "OPEN_STRENGTH_CULL_INTERVAL_SECONDS")


def cull_settings() -> tuple[int, int]:
    """Seconds of idleness before a kernel is culled, and how often to look."""
    values = []
    for name, default in zip(CULL_VARIABLES, (CULL_IDLE_SECONDS, CULL_INTERVAL_SECONDS)):
        value = os.environ.get(name, "").strip()
        if value and not value.isdigit():
            raise SystemExit(f"{name} should be a whole number of seconds, not {value!r}")
        values.append(int(value) if value else default)
    return values[0], values[1]


def template_root() -> Path:
    """A folder laid out as a Jupyter data dir (voila/templates/open-strength), shipped in the package."""
    return Path(str(resources.files("open_strength") / "jupyter_data"))


def find_notebooks(start: Path) -> Path:
    for folder in (start, *start.parents):
        candidate = folder / "notebooks" / "index.ipynb"
        if candidate.is_file():
            return candidate.parent
    raise SystemExit("Could not find notebooks/index.ipynb here or above: run this from the workshop's folder, "
                     "or pass --notebooks PATH.")


# Every server runs Voila through the workshop's launcher (compression, and in facilitator mode the token).
VOILA_LAUNCHER = [sys.executable, "-m", "open_strength.voila_server"]


def voila_arguments(notebooks: Path, port: int, ip: str, open_browser: bool) -> list[str]:
    cull_idle, cull_interval = cull_settings()
    return [
        str(notebooks),
        f"--port={port}",
        "--Voila.port_retries=0",  # a busy port is an error, never a silent move to another port
        f"--Voila.ip={ip}",
        f"--template={TEMPLATE}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--no-browser" if not open_browser else "--Voila.open_browser=True",
        # One flag per item: traitlets deprecates a list written into one flag.
        *(f"--VoilaConfiguration.extension_allowlist={name}" for name in EXTENSION_ALLOWLIST),
        # iOS Safari never sends the close request: cull idle kernels, connected or not.
        f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
        f"--MappingKernelManager.cull_interval={cull_interval}",
        "--MappingKernelManager.cull_connected=True",
        "--MappingKernelManager.cull_busy=False",
    ]


def environment(shared_device: bool = False) -> dict[str, str]:
    """The server's environment, which its kernels inherit: that is how the pages learn the mode."""
    env = dict(os.environ)
    if shared_device:
        env[SHARED_DEVICE_VARIABLE] = "1"
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(template_root()), env.get("JUPYTER_PATH")]))
    return env


def compile_package() -> None:
    """Compile the package's modules to bytecode, and its YAML data files to JSON copies, once, before any
    kernel starts. Every page's kernel imports the modules and reads some of the files; where Python is told
    not to write bytecode (PYTHONDONTWRITEBYTECODE, common in containers), each kernel would compile the
    modules from source again (about 20 ms of every form page's start, measured), and without the copies
    each would import PyYAML (about 13 ms of every page's). A read-only install is left as it is."""
    import compileall

    from . import yaml_files

    package = Path(__file__).parent
    compileall.compile_dir(str(package), quiet=2, workers=1)
    yaml_files.write_copies(package / "data")


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="open-strength serve", description="Serve the workshop's participant pages.")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (default: this computer only)")
    parser.add_argument("--notebooks", type=Path, help="the notebooks/ folder (default: found from here)")
    parser.add_argument("--open", action="store_true", help="open the landing page in a browser")
    parser.add_argument("--shared-device", action="store_true",
                        help="for shared or public computers: nothing is saved in the browser, every page has a "
                             "quick-exit button, and downloaded files get neutral names")
    args = parser.parse_args(argv)
    notebooks = (args.notebooks or find_notebooks(Path.cwd())).resolve()
    host = "localhost" if args.ip in ("127.0.0.1", "localhost") else args.ip
    print(f"Open Strength: the workshop starts at http://{host}:{args.port}/voila/render/index.ipynb", flush=True)
    print("Stop it with Ctrl+C.", flush=True)
    if args.shared_device:
        print("Shared-computer mode: nothing is saved in the browser.", flush=True)
    compile_package()
    command = [*VOILA_LAUNCHER, *voila_arguments(notebooks, args.port, args.ip, args.open)]
    os.execvpe(command[0], command, environment(shared_device=args.shared_device))
    return 0  # not reached


DASHBOARD_PORT = 8867


def dashboard(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="open-strength dashboard",
                                     description="Open the facilitator's group dashboard, on this computer only.")
    parser.add_argument("--port", type=int, default=DASHBOARD_PORT)
    parser.add_argument("--open", action="store_true", help="open it in a browser")
    args = parser.parse_args(argv)
    notebook = find_notebooks(Path.cwd()).parent / "facilitator-guide" / "group-results.ipynb"
    print(f"Open Strength: the group dashboard is at http://localhost:{args.port}/ (this computer only)", flush=True)
    compile_package()
    command = [*VOILA_LAUNCHER, *voila_arguments(notebook, args.port, "127.0.0.1", args.open)]
    os.execvpe(command[0], command, environment())
    return 0  # not reached


# ---- facilitator mode: the room on one laptop ---------------------------------------------------

def room_address() -> str:
    """This computer's address on the network its default route uses (no packet is sent)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation-only address: nothing is sent
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def other_addresses(chosen: str) -> list[str]:
    """Other IPv4 addresses this computer has, to offer when phones cannot reach the chosen one."""
    import socket

    found = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(info[4][0])
    except OSError:
        pass
    return sorted(a for a in found if a != chosen and not a.startswith("127."))


def port_is_free(ip: str, port: int) -> bool:
    import socket

    with socket.socket() as s:
        if os.name == "posix":  # as the server does: connections closing on the port do not make it busy
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, port))
            return True
        except OSError:
            return False


def terminal_qr(link: str) -> str:
    import io

    import segno

    out = io.StringIO()
    segno.make(link, error="m").terminal(out=out, compact=True)
    return out.getvalue()


def facilitator_environment(folder: Path, token: str, shared_device: bool = False, room_link: str = "") -> dict[str, str]:
    """What each server (and, through it, each kernel) learns: the group folder. The token and the
    room link are read and removed by the server before any kernel starts."""
    from . import group_folder, voila_server

    env = environment(shared_device=shared_device)
    env[group_folder.GROUP_FOLDER_VARIABLE] = str(folder)
    env[voila_server.TOKEN_VARIABLE] = token
    if room_link:
        env[voila_server.ROOM_LINK_VARIABLE] = room_link
    else:
        env.pop(voila_server.ROOM_LINK_VARIABLE, None)
    return env


def port_is_open(ip: str, port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1" if ip == "0.0.0.0" else ip, port)) == 0


def _interrupted(_signum, _frame):
    raise KeyboardInterrupt


def _stop(procs) -> None:
    import subprocess

    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def facilitator(argv: list[str]) -> int:
    import datetime
    import secrets
    import subprocess
    import signal
    import time

    from . import group_folder

    parser = argparse.ArgumentParser(
        prog="open-strength facilitator",
        description="Run a group session on this computer: the participants' pages on the room's network "
                    "(behind a QR-code link), your dashboard on this computer only, and the group folder.")
    parser.add_argument("--cohort", default="my-group",
                        help="a short name for this group, such as spring-2026 (each cohort has its own folder)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="participants' port (default 8866)")
    parser.add_argument("--dashboard-port", type=int, default=DASHBOARD_PORT, help="your dashboard's port (default 8867)")
    parser.add_argument("--ip", help="the address phones use to reach this computer (default: found from the network)")
    parser.add_argument("--keep-days", type=int, default=group_folder.DEFAULT_KEEP_DAYS,
                        help="days until the group folder is deleted, for a new folder (default 7)")
    parser.add_argument("--notebooks", type=Path, help="the notebooks/ folder (default: found from here)")
    parser.add_argument("--shared-device", action="store_true", help="as for serve: nothing is saved in browsers")
    parser.add_argument("--open", action="store_true", help="open your dashboard in a browser")
    parser.add_argument("--public-url", help="behind a reverse proxy: the address participants use, such as "
                                             "https://workshop.example.org (the link and QR code use it)")
    args = parser.parse_args(argv)
    if args.public_url and not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?", args.public_url.rstrip("/")):
        raise SystemExit("--public-url is a scheme and host only, such as https://workshop.example.org")

    notebooks = (args.notebooks or find_notebooks(Path.cwd())).resolve()
    dashboard_notebook = notebooks.parent / "facilitator-guide" / "group-results.ipynb"
    if not dashboard_notebook.is_file():
        raise SystemExit(f"Could not find the dashboard page {dashboard_notebook}.")
    repo = notebooks.parent.resolve()
    try:
        planned = group_folder.cohort_folder(args.cohort).resolve()
        if planned.is_relative_to(repo) or repo.is_relative_to(planned):
            raise group_folder.GroupFolderError(
                f"the group folder {planned} would be inside the workshop's folder {repo}, where a server could show "
                f"it: set {group_folder.DATA_DIR_VARIABLE} to a folder elsewhere")
        for name, count in group_folder.wipe_expired():
            print(f"The group folder of cohort '{name}' reached its deletion date: it was deleted "
                  f"({count} share(s)).", flush=True)
        folder, meta = group_folder.create(args.cohort, args.keep_days)
    except group_folder.GroupFolderError as exc:
        raise SystemExit(f"open-strength facilitator: {exc}") from None

    ip = args.ip or room_address()
    for address, port, who in ((ip, args.port, "participants'"), ("127.0.0.1", args.dashboard_port, "dashboard's")):
        if not port_is_free(address, port):
            raise SystemExit(f"The {who} port {port} on {address} is already in use: stop whatever uses it, or pass "
                             f"{'--port' if who.startswith('p') else '--dashboard-port'}.")
    host = "localhost" if ip in ("127.0.0.1", "0.0.0.0") else ip
    token, board_token = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    public = args.public_url.rstrip("/") if args.public_url else f"http://{host}:{args.port}"
    room_link = f"{public}/voila/render/index.ipynb?token={token}"
    board_link = f"http://127.0.0.1:{args.dashboard_port}/?token={board_token}"
    qr_link = f"http://127.0.0.1:{args.dashboard_port}/qr?token={board_token}"

    signal.signal(signal.SIGTERM, _interrupted)  # stopped by a service manager: stop both servers too
    compile_package()
    quiet = ["--Voila.log_level=WARN"]
    # Behind an HTTPS proxy the server sees plain HTTP: mark the login cookie for HTTPS only all the same.
    secure = ["--IdentityProvider.secure_cookie=True"] if public.startswith("https://") else []
    procs = [subprocess.Popen([*VOILA_LAUNCHER, *voila_arguments(notebooks, args.port, ip, False), *quiet, *secure],
                              env=facilitator_environment(folder, token, args.shared_device)),
             subprocess.Popen([*VOILA_LAUNCHER, *voila_arguments(dashboard_notebook, args.dashboard_port, "127.0.0.1", False),
                               *quiet], env=facilitator_environment(folder, board_token, room_link=room_link))]
    try:
        for address, port in (("127.0.0.1", args.dashboard_port), (ip, args.port)):
            deadline = time.monotonic() + 90
            while not port_is_open(address, port):
                if any(p.poll() is not None for p in procs):
                    raise SystemExit("A server stopped while starting: see the messages above.")
                if time.monotonic() > deadline:
                    raise SystemExit(f"The server on port {port} did not start.")
                time.sleep(0.3)
        print(f"\nOpen Strength, facilitator mode (cohort '{args.cohort}')\n", flush=True)
        print("For participants (scan the QR code, or type the link):", flush=True)
        print(f"  {room_link}", flush=True)
        print(terminal_qr(room_link), flush=True)
        print("Before the session, open that link on your own phone, on the room's Wi-Fi.", flush=True)
        print(f"\nYour dashboard (this computer only):  {board_link}", flush=True)
        print(f"The QR code to project:              {qr_link}", flush=True)
        print(f"\nShares go to {folder}", flush=True)
        print(f"It is deleted on {meta.delete_on.isoformat()} (or now: open-strength wipe --cohort {args.cohort}).",
              flush=True)
        others = other_addresses(ip)
        if others and not args.ip and not args.public_url:
            print(f"If phones cannot open the link, this computer also has {', '.join(others)}: run again with "
                  f"--ip and one of them.", flush=True)
        print("Stop with Ctrl+C.", flush=True)
        if args.open:
            import webbrowser

            webbrowser.open(board_link)
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
        print("A server stopped: facilitator mode has ended.", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(procs)
        if datetime.date.today() >= meta.delete_on:
            print(f"The group folder's deletion date has come: {group_folder.wipe(folder)} share(s) deleted.")


def wipe(argv: list[str]) -> int:
    from . import group_folder

    parser = argparse.ArgumentParser(prog="open-strength wipe", description="Delete a cohort's group folder and every share in it.")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--cohort", help="the cohort's name, as given to open-strength facilitator")
    which.add_argument("--expired", action="store_true", help="only the folders whose deletion date has come")
    args = parser.parse_args(argv)
    try:
        if args.expired:
            wiped = group_folder.wipe_expired()
            for name, count in wiped:
                print(f"Deleted the group folder of cohort '{name}' ({count} share(s)).")
            if not wiped:
                print("No group folder has reached its deletion date.")
            return 0
        folder = group_folder.cohort_folder(args.cohort)
        if not folder.exists():
            print(f"There is no group folder for cohort '{args.cohort}': nothing to delete.")
            return 0
        print(f"Deleted the group folder of cohort '{args.cohort}' ({group_folder.wipe(folder)} share(s)).")
        return 0
    except group_folder.GroupFolderError as exc:
        print(f"open-strength wipe: {exc}", file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: open-strength serve [--port PORT] [--ip IP] [--open] [--shared-device]\n"
              "       open-strength dashboard [--port PORT] [--open]   (the facilitator's group results)\n"
              "       open-strength facilitator [--cohort NAME] [--ip IP] [--port PORT] [--dashboard-port PORT]\n"
              "                                 (a group session: participants' pages, your dashboard, the group folder)\n"
              "       open-strength wipe --cohort NAME | --expired   (delete a group folder)")
        return 0
    commands = {"serve": serve, "dashboard": dashboard, "facilitator": facilitator, "wipe": wipe}
    if argv[0] in commands:
        return commands[argv[0]](argv[1:])
    print(f"open-strength: unknown command {argv[0]!r}; try 'open-strength serve'", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
