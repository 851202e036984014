"""`open-strength serve`: serve the participant pages as Voilà dashboards.

Only notebooks/ is served (exercises/ is reached through the notebooks/exercises link), so the
facilitator guide, the package source and the tests are never listed or rendered.
"""
from __future__ import annotations

import argparse
import os
import sys
from importlib import resources
from pathlib import Path

from .device import SHARED_DEVICE_VARIABLE

DEFAULT_PORT = 8866
TEMPLATE = "open-strength"
# Only the front-end extensions the pages use; everything else installed in the environment stays off.
EXTENSION_ALLOWLIST = ["@voila-dashboards/widgets-manager8", "@jupyter-widgets/jupyterlab-manager", "anywidget", "jupyterlab-plotly"]
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


def voila_arguments(notebooks: Path, port: int, ip: str, open_browser: bool) -> list[str]:
    return [
        str(notebooks),
        f"--port={port}",
        "--Voila.port_retries=0",  # a busy port is an error, never a silent move to another port
        f"--Voila.ip={ip}",
        f"--template={TEMPLATE}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--no-browser" if not open_browser else "--Voila.open_browser=True",
        f"--VoilaConfiguration.extension_allowlist={EXTENSION_ALLOWLIST!r}",
        # iOS Safari never sends the close request: cull idle kernels, connected or not.
        f"--MappingKernelManager.cull_idle_timeout={cull_settings()[0]}",
        f"--MappingKernelManager.cull_interval={cull_settings()[1]}",
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
    command = [sys.executable, "-m", "voila", *voila_arguments(notebooks, args.port, args.ip, args.open)]
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
    arguments = voila_arguments(notebook, args.port, "127.0.0.1", args.open)
    command = [sys.executable, "-m", "voila", *arguments]
    os.execvpe(command[0], command, environment())
    return 0  # not reached


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: open-strength serve [--port PORT] [--ip IP] [--open] [--shared-device]\n"
              "       open-strength dashboard [--port PORT] [--open]   (the facilitator's group results)")
        return 0
    if argv[0] == "serve":
        return serve(argv[1:])
    if argv[0] == "dashboard":
        return dashboard(argv[1:])
    print(f"open-strength: unknown command {argv[0]!r}; try 'open-strength serve'", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
