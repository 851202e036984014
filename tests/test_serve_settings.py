"""The serve command's settings: kernel culling (25 quiet minutes by default, shorter only when asked)
and compression of static files."""
import pytest

from open_strength import cli, yaml_files


def test_culling_defaults_and_override(monkeypatch):
    for name in cli.CULL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert cli.cull_settings() == (25 * 60, 60)
    monkeypatch.setenv("OPEN_STRENGTH_CULL_IDLE_SECONDS", "20")
    monkeypatch.setenv("OPEN_STRENGTH_CULL_INTERVAL_SECONDS", " 5 ")
    assert cli.cull_settings() == (20, 5)
    arguments = cli.voila_arguments(cli.Path("notebooks"), 8866, "127.0.0.1", False)
    assert "--MappingKernelManager.cull_idle_timeout=20" in arguments
    assert "--MappingKernelManager.cull_interval=5" in arguments
    assert "--MappingKernelManager.cull_connected=True" in arguments


def test_a_culling_setting_that_is_not_seconds_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("OPEN_STRENGTH_CULL_IDLE_SECONDS", "ten")
    with pytest.raises(SystemExit, match="OPEN_STRENGTH_CULL_IDLE_SECONDS should be a whole number of seconds, not 'ten'"):
        cli.cull_settings()


def test_binder_settings_match_the_serve_command():
    from pathlib import Path

    from traitlets.config import Config

    from open_strength import cli
    from open_strength.page_config import workshop_page_config

    config = Config()
    source = (Path(__file__).resolve().parents[1] / "binder" / "jupyter_server_config.py").read_text()
    exec(compile(source, "jupyter_server_config.py", "exec"), {"get_config": lambda: config})
    voila = config.VoilaConfiguration
    assert voila.template == cli.TEMPLATE
    assert voila.extension_allowlist == cli.EXTENSION_ALLOWLIST
    assert voila.page_config_hook is workshop_page_config
    assert "jupyterlab-plotly" not in voila.extension_allowlist
    # Binder's server serves plotly.js as the serve command does (open_strength.server_extension).
    extensions = config.ServerApp.jpserver_extensions
    assert extensions.get_value({}) == {"open_strength.server_extension": True}
    assert (voila.strip_sources, voila.show_tracebacks) == (True, False)
    assert config.MappingKernelManager.cull_idle_timeout == cli.CULL_IDLE_SECONDS
    assert config.MappingKernelManager.cull_connected is True


def _serve_through(transform_class, uri, body, etag, method="GET", chunk=64 * 1024):
    """What tornado does with a static file's response: the first chunk, then the rest, through the transform."""
    from tornado.httputil import HTTPHeaders, HTTPServerRequest

    request = HTTPServerRequest(method=method, uri=uri, headers=HTTPHeaders({"Accept-Encoding": "gzip"}))
    transform = transform_class(request)
    headers = HTTPHeaders({"Content-Type": "application/javascript", "Etag": etag, "Content-Length": str(len(body))})
    pieces = [body[i:i + chunk] for i in range(0, len(body), chunk)] or [b""]
    status, headers, first = transform.transform_first_chunk(200, headers, pieces[0], len(pieces) == 1)
    out = [first] + [transform.transform_chunk(p, n == len(pieces) - 2) for n, p in enumerate(pieces[1:])]
    return headers, b"".join(out)


def _serve_dated(transform_class, uri, body, date):
    from tornado.httputil import HTTPHeaders, HTTPServerRequest

    request = HTTPServerRequest(method="GET", uri=uri, headers=HTTPHeaders({"Accept-Encoding": "gzip"}))
    transform = transform_class(request)
    headers = HTTPHeaders({"Content-Type": "text/javascript", "Last-Modified": date, "Content-Length": str(len(body)),
                           "Cache-Control": "no-cache"})
    _, _, first = transform.transform_first_chunk(200, headers, body, False)
    return first + transform.transform_chunk(b"", True)


def test_each_static_file_is_compressed_once_and_served_whole_after(monkeypatch):
    import gzip
    import random

    from open_strength import voila_server

    transform = voila_server.compressing_transform()
    rng = random.Random(7)
    script = "".join(rng.choice(["var a = 1;\n", "function f(x) { return x; }\n", "/* plot */\n"]) for _ in range(40000)).encode()
    headers, first = _serve_through(transform, "/voila/static/9684.voila.js", script, '"abc"')
    assert headers["Content-Encoding"] == "gzip" and "Content-Length" not in headers  # streamed the first time
    assert gzip.decompress(first) == script and len(first) < len(script) / 3

    # The second time nothing is compressed: the kept bytes go out whole, with their length.
    class NoCompressing:
        def __init__(self, *args, **kwargs):
            raise AssertionError("compressed again")

    monkeypatch.setattr(gzip, "GzipFile", NoCompressing)
    headers, again = _serve_through(transform, "/voila/static/9684.voila.js", script, '"abc"')
    assert again == first and headers["Content-Length"] == str(len(first)) and headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    # A changed file has another ETag and is compressed afresh; a HEAD request never gets the body.
    with pytest.raises(AssertionError, match="compressed again"):
        _serve_through(transform, "/voila/static/9684.voila.js", script + b"x", '"def"')
    with pytest.raises(AssertionError, match="compressed again"):
        _serve_through(transform, "/voila/static/9684.voila.js", script, '"abc"', method="HEAD")
    # The extensions' files have no ETag, only a date: kept under the date and the size.
    monkeypatch.undo()
    _serve_dated(transform, "/voila/labextensions/anywidget/static/2.js", script, "Tue, 01 Dec 2026 07:59:00 GMT")
    monkeypatch.setattr(gzip, "GzipFile", NoCompressing)
    assert gzip.decompress(_serve_dated(transform, "/voila/labextensions/anywidget/static/2.js", script,
                                        "Tue, 01 Dec 2026 07:59:00 GMT")) == script
    with pytest.raises(AssertionError, match="compressed again"):
        _serve_dated(transform, "/voila/labextensions/anywidget/static/2.js", script + b"y", "Tue, 01 Dec 2026 07:59:00 GMT")
    # Pages and answers of the API are never kept, only static files.
    with pytest.raises(AssertionError, match="compressed again"):
        _serve_through(transform, "/voila/render/index.ipynb", script, '"abc"')


def test_a_download_cut_off_midway_is_not_kept_for_the_next_browser(monkeypatch):
    """A browser that leaves while a big file comes (a page closed during plotly.js): tornado stops writing
    and still finishes the response, so the transform is told "finishing" with only part of the file."""
    import gzip
    import random

    from tornado.httputil import HTTPHeaders, HTTPServerRequest

    from open_strength import voila_server

    transform_class = voila_server.compressing_transform()
    rng = random.Random(11)
    script = "".join(rng.choice(["var b = 2;\n", "function g(y) { return y; }\n"]) for _ in range(60000)).encode()
    request = HTTPServerRequest(method="GET", uri="/open-strength/static/plotly.min.js?v=1",
                                headers=HTTPHeaders({"Accept-Encoding": "gzip"}))
    cut = transform_class(request)
    headers = HTTPHeaders({"Content-Type": "application/javascript", "Etag": '"p"', "Content-Length": str(len(script))})
    cut.transform_first_chunk(200, headers, script[:65536], False)
    cut.transform_chunk(script[65536:131072], False)
    cut.transform_chunk(b"", True)  # RequestHandler.finish() after the stream closed
    headers, whole = _serve_through(transform_class, "/open-strength/static/plotly.min.js?v=1", script, '"p"')
    assert gzip.decompress(whole) == script
    # That whole copy is the one kept.
    headers, again = _serve_through(transform_class, "/open-strength/static/plotly.min.js?v=1", script, '"p"')
    assert headers["Content-Length"] == str(len(again)) and gzip.decompress(again) == script


def test_the_serve_command_compiles_the_package_before_any_kernel_starts(monkeypatch, tmp_path):
    import importlib.util
    import shutil
    from pathlib import Path

    # A copy of the package, so that the test compiles into a folder of its own.
    copy = tmp_path / "open_strength"
    shutil.copytree(Path(cli.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__", "jupyter_data"))
    monkeypatch.setattr(cli, "__file__", str(copy / "cli.py"))
    launched = []
    monkeypatch.setattr(cli.os, "execvpe", lambda *args: launched.append(args))
    cli.serve(["--notebooks", str(tmp_path)])
    assert launched, "Voila was launched"
    modules = sorted(copy.glob("*.py"))
    assert modules and all(Path(importlib.util.cache_from_source(str(m))).is_file() for m in modules)
    # Every data file has its JSON copy, so no kernel need import PyYAML.
    data_files = sorted((copy / "data").rglob("*.yaml"))
    assert data_files and all(yaml_files.copy_path(f).is_file() for f in data_files)


def test_a_package_that_cannot_be_compiled_still_serves(monkeypatch, tmp_path):
    import compileall

    monkeypatch.setattr(compileall, "compile_dir", lambda *args, **kwargs: False)  # a read-only install
    launched = []
    monkeypatch.setattr(cli.os, "execvpe", lambda *args: launched.append(args))
    cli.serve(["--notebooks", str(tmp_path)])
    assert launched
