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
that answers `get` with the setup (late_model.js). Most parts send nothing and hear nothing back.

A part that must talk to the kernel (a self-assessment form) is drawn the same way, so that it can be
read and answered while the page is still connecting; its widget is shown after it, and when the
widget starts it links itself to the part instead of drawing a second one. What the part did before
that (an answer chosen, "Show my results" pressed) is handed to the widget then. The module's
`default.part`, if it has one, draws the part; `default.render` is the widget's view. In a page
served by Voila the widget is built when the page asks for its widgets (see `show.form`): the part's
setup then names the widget's model (`later_view`), and the page shows that widget after the part
once its widget manager has it (late_model.js).
"""
from __future__ import annotations

import json
import secrets
from functools import lru_cache
from importlib import resources

from IPython.display import display

from .device import bundle

_STATIC = resources.files("open_strength") / "static"
CHART_SCRIPTS = ("plotly_loader.js", "chart_slot.js")  # a chart's place, as a widget or as a part
FAILED_TEXT = "This part of the page could not start. Reloading the page usually brings it back."


def _script_json(value: object) -> str:
    """JSON that is safe inside a <script> element (no closing tag, no comment opener)."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


@lru_cache(maxsize=32)
def _assets(scripts: tuple[str, ...], css_files: tuple[str, ...]) -> tuple[str, str]:
    """A part's styles and its script, ready for the page: read once per kernel, however many parts
    a page shows (a page of writing boxes shows several)."""
    css = "".join((_STATIC / name).read_text(encoding="utf-8") for name in css_files)
    return (f"<style>{css}</style>" if css else ""), _script_json(bundle(*scripts))


def new_place() -> str:
    return f"os-part-{secrets.token_hex(6)}"


def part_html(script: str | tuple[str, ...], setup: dict, css_files: tuple[str, ...] = (), place: str = "") -> str:
    """The part's place, its styles and the module script that starts it with `setup`. Once started,
    the part's model is kept in `window.openStrengthParts[place]`, where its widget (if any) finds it."""
    place = place or new_place()
    scripts = (script,) if isinstance(script, str) else tuple(script)
    style, source = _assets(scripts, tuple(css_files))
    return (f"{style}<div class='os-page-part' id='{place}'></div>"
            "<script type='module'>"
            f"const place = {_script_json(place)};"
            "const el = document.getElementById(place);"
            f"{_late_model()}"
            f"const setup = {_script_json(setup)};"
            f"const source = {source};"
            "const model = osLateModel(setup);"
            "if (el) try {"
            # One module for every part with the same script (a page may show five writing boxes).
            "const modules = (window.openStrengthPartModules ||= {});"
            f"const key = {_script_json(' '.join(scripts))};"
            "if (!modules[key]) {"
            "const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));"
            "modules[key] = import(url).finally(() => URL.revokeObjectURL(url)); }"
            "const part = (await modules[key]).default;"
            "(part.part || part.render)({ model, el });"
            # Only a part that started is there for its widget to link to; else the widget draws it.
            "if (el.isConnected) (window.openStrengthParts ||= {})[place] = model;"
            f"}} catch (error) {{ el.textContent = {_script_json(FAILED_TEXT)}; console.error(error); }}"
            # Widgets built after the page was sent are shown whether or not the part started: if it
            # did not, they draw the part themselves (part_link.js).
            "if (el && setup.later_view) osShowLaterView(setup.later_view, el).catch((error) => console.error(error));"
            "</script>")


@lru_cache(maxsize=1)
def _late_model() -> str:
    return (_STATIC / "late_model.js").read_text(encoding="utf-8")


def show_part(script: str | tuple[str, ...], setup: dict, css_files: tuple[str, ...] = (), in_words: str = "",
              place: str = "") -> None:
    display({"text/html": part_html(script, setup, css_files, place), "text/plain": in_words}, raw=True)
