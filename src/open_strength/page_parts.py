"""Page parts that live in the browser alone, drawn by the page itself instead of as widgets.

A writing box, the privacy choices and the practice exercises send nothing to the kernel: what a
person writes or ticks stays in the browser, and only their setup (a prompt, a list of words) comes
from the package. As widgets they waited for Voila's widget start (the page's connection to its
kernel, then every widget's state) before they showed: about a quarter of a second after the page
had started on a laptop, more on a phone. As a part, the same script runs from the page as soon as
it has loaded: the Voila template draws the part's HTML into the page, and its module script starts
the part. (JupyterLab runs scripts only in outputs it trusts, such as those of cells run in that
session; there the part shows once its cell has run. The tests check Voila, not JupyterLab.)

A part's script is the same module a widget would have (`export default { render }`), given a model
that only answers `get` with the setup: there is nothing to send, and nothing comes back.
"""
from __future__ import annotations

import json
import secrets
from functools import lru_cache
from importlib import resources

from IPython.display import display

from .device import bundle

_STATIC = resources.files("open_strength") / "static"
FAILED_TEXT = "This part of the page could not start. Reloading the page usually brings it back."


def _script_json(value: object) -> str:
    """JSON that is safe inside a <script> element (no closing tag, no comment opener)."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


@lru_cache(maxsize=32)
def _assets(script: str, css_files: tuple[str, ...]) -> tuple[str, str]:
    """A part's styles and its script, ready for the page: read once per kernel, however many parts
    a page shows (a page of writing boxes shows several)."""
    css = "".join((_STATIC / name).read_text(encoding="utf-8") for name in css_files)
    return (f"<style>{css}</style>" if css else ""), _script_json(bundle(script))


def part_html(script: str, setup: dict, css_files: tuple[str, ...] = ()) -> str:
    """The part's place, its styles and the module script that starts it with `setup`."""
    place = f"os-part-{secrets.token_hex(6)}"
    style, source = _assets(script, tuple(css_files))
    return (f"{style}<div class='os-page-part' id='{place}'></div>"
            "<script type='module'>"
            f"const el = document.getElementById({_script_json(place)});"
            f"const setup = {_script_json(setup)};"
            f"const source = {source};"
            "const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));"
            "const model = { get: (key) => setup[key], set() {}, on() {}, off() {}, save_changes() {}, send() {} };"
            "try { (await import(url)).default.render({ model, el }); }"
            f"catch (error) {{ el.textContent = {_script_json(FAILED_TEXT)}; console.error(error); }}"
            "finally { URL.revokeObjectURL(url); }"
            "</script>")


def show_part(script: str, setup: dict, css_files: tuple[str, ...] = (), in_words: str = "") -> None:
    display({"text/html": part_html(script, setup, css_files), "text/plain": in_words}, raw=True)
