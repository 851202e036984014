"""Page parts rendered by the package, checked as the HTML a participant would get."""
from open_strength import data, show


def captured(monkeypatch):
    out = []
    monkeypatch.setattr(show, "display", lambda obj, raw=False: out.append(obj))
    return out


def test_support_footer_lists_checked_lines_as_tel_links(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    out = captured(monkeypatch)
    show.support_footer()
    html = out[0]["text/html"]
    assert html.startswith("<aside class='os-support-footer'")
    assert "href='tel:988'" in html
    assert "href='tel:116123'" in html
    assert data.support_lines()["last_checked"].__str__() in html


def test_sources_attribute_partly_verified(monkeypatch):
    out = captured(monkeypatch)
    partly = next(k for k, r in data.references().items() if r["status"] == "PARTLY VERIFIED")
    verified = next(k for k, r in data.references().items() if r["status"] == "VERIFIED")
    show.sources(verified, partly)
    html = out[0]["text/html"]
    assert html.count("<li>") == 2
    assert html.count("Partly verified") == 1


def test_local_resources_warns_when_stale_and_reports_a_broken_file(monkeypatch, tmp_path):
    out = captured(monkeypatch)
    path = tmp_path / "local.yaml"
    path.write_text("last_checked: 2020-01-01\nresources:\n  - {name: Help desk, contact: ring 0}\n", encoding="utf-8")
    monkeypatch.setenv(data.LOCAL_RESOURCES_ENV, str(path))
    show.local_resources()
    assert "more than six months" in out[-1]["text/html"] and "Help desk" in out[-1]["text/html"]
    path.write_text("resources: [\n", encoding="utf-8")
    show.local_resources()
    assert "could not be read" in out[-1]["text/html"] and "line" in out[-1]["text/html"]


def test_a_broken_instrument_shows_a_message_and_the_page_goes_on(monkeypatch):
    out = captured(monkeypatch)
    show.form("no-such-instrument")
    assert "could not be loaded" in out[0]["text/html"]


def test_local_resources_without_entries_says_so(monkeypatch, tmp_path):
    out = captured(monkeypatch)
    path = tmp_path / "local.yaml"
    path.write_text("last_checked: 2026-11-01\nresources: []\n", encoding="utf-8")
    monkeypatch.setenv(data.LOCAL_RESOURCES_ENV, str(path))
    show.local_resources()
    assert "has not added local services yet" in out[-1]["text/html"]


def test_the_shipped_local_resources_file_reads():
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[1] / "facilitator-guide" / "local-resources.yaml"
    local = data.read_local_resources(shipped)
    assert isinstance(local["resources"], list)
