"""What the server tells the pages about where they run. Set by `open-strength serve` and binder/start."""
from __future__ import annotations

import os
from importlib import resources

SHARED_DEVICE_VARIABLE = "OPEN_STRENGTH_SHARED_DEVICE"
HOST_VARIABLE = "OPEN_STRENGTH_HOST"


def shared_device() -> bool:
    """The whole server is for shared computers (a library, a drop-in centre): nothing is ever saved."""
    return os.environ.get(SHARED_DEVICE_VARIABLE) == "1"


def host() -> str:
    """'binder' when served by Binder, whose pages all share one browser origin; '' otherwise."""
    if os.environ.get(HOST_VARIABLE) == "binder" or "BINDER_LAUNCH_HOST" in os.environ:
        return "binder"
    return ""


def bundle(*scripts: str) -> str:
    """A widget's or page part's scripts with the shared storage rules (device_storage.js) in front:
    each takes one module, and every one that keeps something must follow the same rules."""
    static = resources.files("open_strength") / "static"
    return "\n".join((static / name).read_text(encoding="utf-8") for name in ("device_storage.js", *scripts))
