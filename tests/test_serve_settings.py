"""The serve command's kernel culling: 25 quiet minutes by default, shorter only when asked."""
import pytest

from open_strength import cli


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
    from open_strength.page_config import leave_out_unused_extensions

    config = Config()
    source = (Path(__file__).resolve().parents[1] / "binder" / "jupyter_server_config.py").read_text()
    exec(compile(source, "jupyter_server_config.py", "exec"), {"get_config": lambda: config})
    voila = config.VoilaConfiguration
    assert voila.template == cli.TEMPLATE
    assert voila.extension_allowlist == cli.EXTENSION_ALLOWLIST
    assert voila.page_config_hook is leave_out_unused_extensions
    assert (voila.strip_sources, voila.show_tracebacks) == (True, False)
    assert config.MappingKernelManager.cull_idle_timeout == cli.CULL_IDLE_SECONDS
    assert config.MappingKernelManager.cull_connected is True
