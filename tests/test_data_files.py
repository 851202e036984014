import datetime as dt

import pytest

from open_strength import data


def test_local_resources_fresh_and_stale(tmp_path):
    path = tmp_path / "local-resources.yaml"
    path.write_text("organisation: Riverside Centre\nlast_checked: 2026-01-10\nresources:\n"
                    "  - {name: Counselling, contact: 'ring reception'}\n", encoding="utf-8")
    fresh = data.read_local_resources(path, today=dt.date(2026, 3, 1))
    assert fresh["stale"] is False and fresh["age_days"] == 50
    stale = data.read_local_resources(path, today=dt.date(2026, 11, 24))
    assert stale["stale"] is True and stale["age_days"] == 318


@pytest.mark.parametrize("text, where, problem", [
    ("resources: []\n", "top level", "'last_checked' is missing"),
    ("last_checked: someday\n", "field 'last_checked'", "should be a date"),
    ("last_checked: 2026-01-10\nresources:\n  - {name: X}\n", "resource 1", "'contact' is missing"),
    ("last_checked: 2026-01-10\nresources: {a: 1}\n", "field 'resources'", "should be a list"),
    ("last_checked: [2026\n", "line 2", "not valid YAML"),
])
def test_broken_local_resources_say_what_and_where(tmp_path, text, where, problem):
    path = tmp_path / "local-resources.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(data.DataFileError) as caught:
        data.read_local_resources(path)
    assert caught.value.where == where and problem in caught.value.problem


def test_local_resources_found_from_environment_or_above(tmp_path, monkeypatch):
    guide = tmp_path / "facilitator-guide"
    guide.mkdir()
    (guide / "local-resources.yaml").write_text("last_checked: 2026-01-10\n", encoding="utf-8")
    page_dir = tmp_path / "notebooks" / "01-x"
    page_dir.mkdir(parents=True)
    monkeypatch.delenv(data.LOCAL_RESOURCES_ENV, raising=False)
    assert data.find_local_resources(page_dir) == guide / "local-resources.yaml"
    monkeypatch.setenv(data.LOCAL_RESOURCES_ENV, str(tmp_path / "elsewhere.yaml"))
    assert data.find_local_resources(page_dir) == tmp_path / "elsewhere.yaml"


def test_references_load_with_usable_statuses_only():
    refs = data.references()
    assert len(refs) >= 8
    assert {r["status"] for r in refs.values()} <= {"VERIFIED", "PARTLY VERIFIED"}
    assert refs["gerdes2018"]["short"] == "Gerdes & Levant 2018"


def test_published_figures_point_at_known_references():
    figures = data.published_figures()
    assert "manhood-sources-2018" in figures
    fig = figures["manhood-sources-2018"]
    assert fig["series"][0]["values"][0] == 64  # fathers, all men (FiveThirtyEight & SurveyMonkey 2018)


@pytest.mark.parametrize("name, text, loader, message", [
    ("references.yaml", "references:\n  - {key: a, short: A 2000, citation: C, status: UNVERIFIED}\n",
     "references", "reference 1 (key 'a'): status 'UNVERIFIED' is not usable"),
    ("references.yaml", "references:\n  - {key: a, short: A 2000, status: VERIFIED}\n",
     "references", "reference 1 (key 'a'): 'citation' is missing"),
    ("support_lines.yaml", "last_checked: 2026-01-01\nlines:\n  - {id: x, country: C, service: S, status: VERIFIED,"
     " contacts: [{tel: '0808-ABC'}]}\n", "support_lines", "line 1 (id 'x'): tel '0808-ABC' should hold digits only"),
    ("support_lines.yaml", "last_checked: 2026-01-01\nlines:\n  - {id: x, country: C, service: S, status: NOT VERIFIED,"
     " contacts: []}\n", "support_lines", "an unverified line is never shown"),
    ("published_figures.yaml", "figures:\n  - {id: f, title: T, source_key: nobody, categories: [a], series: []}\n",
     "published_figures", "figure 1 (id 'f'): source_key 'nobody' is not in references.yaml"),
    ("published_figures.yaml", "effect_sizes:\n  - {id: e, source_key: k, measure: m, higher: [man, men], lower: [woman],"
     " presets: [{d: 0.2, label: L}]}\n", "effect_sizes", "effect size 1 (id 'e'): 'lower' should be two words"),
    ("published_figures.yaml", "effect_sizes:\n  - {id: e, source_key: k, measure: m, higher: [a, b], lower: [c, d],"
     " presets: [{d: 3, label: L}]}\n", "effect_sizes", "a d between 0 and 2"),
    ("feelings.yaml", "groups:\n  - {id: g, name: G, feelings: [{word: sad, closer: [low]}]}\n",
     "feelings", "group 1 (id 'g'): each feeling needs a word and at least two closer words"),
    ("feelings.yaml", "groups: []\n", "feelings", "top level: 'groups' should be a list"),
    ("response_scenarios.yaml", "styles: {active-constructive: {name: A, about: B}}\nscenarios: []\n",
     "response_scenarios", "field 'styles': should name exactly these styles"),
    ("response_scenarios.yaml", "styles:\n" + "".join(f"  {s}: {{name: N, about: A}}\n" for s in data.STYLES)
     + "scenarios:\n  - {id: s1, says: Hi, responses: [{style: active-constructive, text: T},"
       " {style: active-constructive, text: U}, {style: active-destructive, text: V}, {style: passive-destructive, text: W}]}\n",
     "response_scenarios", "scenario 1 (id 's1'): needs exactly one response with text in each of the four styles"),
    ("response_scenarios.yaml", "styles:\n" + "".join(f"  {s}: {{name: N}}\n" for s in data.STYLES) + "scenarios: []\n",
     "response_scenarios", "needs a name and an about line"),
    ("start_up.yaml", "openings: [One]\nchecks: [a, b]\n", "start_up", "field 'openings': should be a list of at least two"),
    ("start_up.yaml", "- just a list\n", "start_up", "top level: should hold 'openings' and 'checks'"),
])
def test_broken_package_data_is_reported_with_file_and_entry(tmp_path, monkeypatch, name, text, loader, message):
    (tmp_path / "references.yaml").write_text(
        "references:\n  - {key: k, short: K 2000, citation: C, status: VERIFIED}\n", encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(data, "DATA", tmp_path)
    loaders = (data.references, data.support_lines, data.published_figures, data.effect_sizes, data.feelings,
               data.response_scenarios, data.start_up)
    for cached in loaders:
        cached.cache_clear()
    try:
        with pytest.raises(data.DataFileError) as caught:
            getattr(data, loader)()
        assert str(caught.value).startswith(name) and message in str(caught.value)
    finally:
        for cached in loaders:
            cached.cache_clear()


def test_effect_size_presets_are_the_evidence_base_values():
    spec = data.effect_sizes()["alexithymia-2024"]
    assert [p["d"] for p in spec["presets"]] == [0.22, 0.49]  # Mendia et al. 2024 (evidence 3.3)
    assert data.references()[spec["source_key"]]["evidence"] == "3.3"


def test_feelings_offer_closer_words_for_every_word():
    groups = data.feelings()
    assert len(groups) >= 6
    assert all(len(f["closer"]) >= 2 and f["word"] not in f["closer"] for g in groups for f in g["feelings"])


def test_response_scenarios_are_good_news_with_one_reply_per_style():
    spec = data.response_scenarios()
    assert len(spec["scenarios"]) >= 5
    for scenario in spec["scenarios"]:
        styles = sorted(r["style"] for r in scenario["responses"])
        assert styles == sorted(data.STYLES), scenario["id"]
        # The active-constructive reply is not always in the same place, so position gives nothing away.
    positions = {[r["style"] for r in s["responses"]].index("active-constructive") for s in spec["scenarios"]}
    assert len(positions) >= 3
