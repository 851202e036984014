"""Voilà as facilitator mode runs it: every route behind the server's token, and a QR page.

`python -m open_strength.voila_server [voila arguments]` starts Voilà with these changes:

- The token comes from an environment variable (never the command line, which other users of the
  computer can list) and is removed from the environment before any kernel starts.
- Voilà leaves its static files, templates, extensions and files routes open even when a token is
  set; here they answer 403 without the login cookie that the token link sets. The login form is
  replaced by a plain page that says to use the QR link, so without the token nothing is served.
- With a room link in the environment (the dashboard server only), `/qr` shows that link as a QR
  code to project.
- The pages draw their charts with plotly.js from this server (open_strength.page_config), and
  never load the charting extension.
- Responses are compressed (gzip) for browsers that accept it, each static file only once.
  `open-strength serve` uses this launcher too, without a token.

Voilà itself drops `execute_request` and every other message type outside its allowed list
(comm messages, kernel_info, comm_info, shutdown), so a page cannot run code in its kernel.
"""
from __future__ import annotations

import html
import inspect
import os
import sys

TOKEN_VARIABLE = "OPEN_STRENGTH_SERVER_TOKEN"
ROOM_LINK_VARIABLE = "OPEN_STRENGTH_ROOM_LINK"
REFUSED_TEXT = ("This workshop page opens only from the link in the facilitator's QR code. "
                "Scan the code again, or ask the facilitator for the link.")


def qr_page(link: str) -> str:
    """A page to project: the QR code, large, and the same link written out."""
    import segno

    svg = segno.make(link, error="m").svg_inline(scale=10, border=2, title="QR code for the workshop")
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Open Strength: join the workshop</title>"
            "<style>body{font-family:system-ui,sans-serif;text-align:center;margin:2rem;font-size:1.4rem;color:#111}"
            "svg{display:block;margin:0 auto;width:min(65vh,90vw);height:min(65vh,90vw)}p.link{word-break:break-all;font-family:monospace;font-size:1.1rem}"
            "</style></head><body><main><h1>Join the workshop</h1>"
            "<p>Open your phone's camera and point it at this code. Your answers stay on your own page.</p>"
            f"<div role='img' aria-label='QR code that opens the workshop'>{svg}</div>"
            f"<p class='link'>{html.escape(link)}</p></main></body></html>")


STATIC_PARTS = ("/static/", "/labextensions/")  # routes whose files never change while the server runs
COMPRESSED_CACHE_LIMIT = 64 * 1024 * 1024


def compressing_transform():
    """Tornado's gzip transform at level 1, with each static file compressed once and kept.

    A page fetches about 10 MB of scripts; compressing them again for every page (and 4.8 MB of
    plotly.js for every page with a chart) held up the server's one thread for every other page,
    which is what a room opening the QR link at once waits on. A compressed file is kept under its
    path (without its query), its version (ETag or date) and its size, so a changed file is compressed afresh. Only a whole
    file is kept: when a browser leaves mid-download (a page closed while plotly.js comes), tornado
    still finishes the response, and keeping that cut-off copy would break the file for everyone after."""
    from tornado.web import GZipContentEncoding

    class CachedGZip(GZipContentEncoding):
        GZIP_LEVEL = 1
        cache: dict[tuple[str, str, str], bytes] = {}
        cached_bytes = 0

        def __init__(self, request):
            super().__init__(request)
            # The path without its query: a file's version is its ETag or date and size, and a chart's
            # second try at plotly.js (`?v=...&try=2`) is then served the copy already kept.
            self._path = request.path or ""
            self._method = request.method
            self._parts: list[bytes] | None = None
            self._key: tuple[str, str, str] | None = None
            self._served_from_cache = False
            self._expected = -1  # the file's size; what went through must add up to it to be kept
            self._through = 0

        def transform_first_chunk(self, status_code, headers, chunk, finishing):
            # Voila's own files carry an ETag; the extensions' files only their date (and they change
            # only when packages are installed, never while a server runs), so the size goes in too.
            version = headers.get("Etag") or headers.get("Last-Modified")
            if (self._gzipping and status_code == 200 and self._method == "GET" and version
                    and "Content-Encoding" not in headers and any(part in self._path for part in STATIC_PARTS)):
                self._key = (self._path, version, headers.get("Content-Length", ""))
                kept = self.cache.get(self._key)
                if kept is not None:
                    headers["Vary"] = f"{headers['Vary']}, Accept-Encoding" if "Vary" in headers else "Accept-Encoding"
                    headers["Content-Encoding"] = "gzip"
                    headers["Content-Length"] = str(len(kept))
                    self._served_from_cache = True
                    return status_code, headers, kept
                self._parts = []
                self._expected = int(headers.get("Content-Length", "-1") or -1)
            return super().transform_first_chunk(status_code, headers, chunk, finishing)

        def transform_chunk(self, chunk, finishing):
            if self._served_from_cache:
                return b""  # the whole compressed file went out with the first chunk
            out = super().transform_chunk(chunk, finishing)
            if self._parts is not None and self._gzipping:
                self._parts.append(out)
                self._through += len(chunk)  # the first chunk comes through here too (tornado)
                if finishing:
                    body = b"".join(self._parts)
                    self._parts = None
                    whole = self._through == self._expected
                    if whole and CachedGZip.cached_bytes + len(body) <= COMPRESSED_CACHE_LIMIT and self._key not in self.cache:
                        self.cache[self._key] = body
                        CachedGZip.cached_bytes += len(body)
            return out

    return CachedGZip


def charting_library_handler(base_url: str) -> tuple:
    """The route that serves the plotly Python package's own plotly.js (see open_strength.page_config):
    with its version in the URL, browsers keep it for as long as they like. Binder's server gets the
    same route from the server extension (open_strength.server_extension)."""
    from jupyter_server.base.handlers import FileFindHandler
    from jupyter_server.utils import url_path_join

    from .page_config import CHARTING_LIBRARY_ROUTE, charting_library

    folder, _version = charting_library()
    pattern = url_path_join(base_url, CHARTING_LIBRARY_ROUTE.rsplit("/", 1)[0], r"(plotly\.min\.js)")
    return pattern, FileFindHandler, {"path": [folder] if folder else []}


def make_app_class():
    from jupyter_server.base.handlers import JupyterHandler
    from tornado import web
    from voila.app import Voila

    class RefusedHandler(web.RequestHandler):
        """In place of the login form: nothing to type a token into, just what to do."""

        def _refuse(self, *_args, **_kwargs):
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(REFUSED_TEXT)

        get = post = head = put = delete = _refuse

    class QRHandler(JupyterHandler):
        def initialize(self, link: str):
            self.link = link

        @web.authenticated
        def get(self):
            self.set_header("Cache-Control", "no-store")
            self.finish(qr_page(self.link))

    def guarded(cls):
        """The same handler, answering 403 unless the request carries the login cookie."""

        async def prepare(self):
            result = cls.prepare(self)
            if inspect.isawaitable(result):
                await result
            if self._finished:
                return
            provider = self.settings.get("identity_provider")
            if provider is None or not provider.token:
                return
            user = self.current_user if isinstance(self, JupyterHandler) else provider.get_user_cookie(self)
            if inspect.isawaitable(user):
                user = await user
            if user is None:
                raise web.HTTPError(403, REFUSED_TEXT)

        return type(f"Guarded{cls.__name__}", (cls,), {"prepare": prepare})

    class OpenStrengthVoila(Voila):
        room_link = ""

        def listen(self):
            # Voila applies tornado_settings after building its Application, too late to switch on
            # compression; add the transform directly. A page's scripts are about 10 MB: gzip makes that
            # about a third, which is what a room's Wi-Fi or a phone's connection has to carry. Level 1
            # costs a third of the default's CPU for nearly the same size (1.7 against 1.45 MB for
            # plotly.js), which matters when a whole room opens the QR link at once.
            from tornado.web import GZipContentEncoding

            if not any(issubclass(t, GZipContentEncoding) for t in self.app.transforms):
                self.app.add_transform(compressing_transform())
            return super().listen()

        def init_handlers(self):
            from .page_config import workshop_page_config

            if self.voila_configuration.page_config_hook is None:
                self.voila_configuration.page_config_hook = workshop_page_config
            library, library_handler, library_settings = charting_library_handler(self.server_url)
            handlers = [(library, guarded(library_handler), library_settings)]
            for spec in super().init_handlers():
                pattern, cls, *rest = spec
                if pattern.rstrip("/").endswith(("/login", "/logout")):
                    handlers.append((pattern, RefusedHandler))
                elif isinstance(cls, type) and issubclass(cls, web.StaticFileHandler):
                    handlers.append((pattern, guarded(cls), *rest))
                else:
                    handlers.append(spec)
            if self.room_link:
                handlers.insert(0, (self.server_url.rstrip("/") + "/qr", QRHandler, {"link": self.room_link}))
            return handlers

    return OpenStrengthVoila


def main(argv: list[str] | None = None) -> None:
    import warnings

    warnings.filterwarnings("ignore", category=DeprecationWarning, module="traitlets")  # list-valued flags
    argv = list(sys.argv[1:] if argv is None else argv)
    token = os.environ.pop(TOKEN_VARIABLE, "")
    room_link = os.environ.pop(ROOM_LINK_VARIABLE, "")
    app_class = make_app_class()
    app_class.room_link = room_link
    if token:
        argv.append(f"--Voila.token={token}")
    app_class.launch_instance(argv=argv)


if __name__ == "__main__":
    main()
