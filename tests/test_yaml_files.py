"""The JSON copies of the package's YAML files: used while they match, never over an edited file."""
import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import open_strength
from open_strength import yaml_files

PACKAGE = Path(open_strength.__file__).parent


def test_a_copy_holds_the_same_data_as_its_file_dates_included(tmp_path):
    source = tmp_path / "lines.yaml"
    source.write_text("last_checked: 2026-11-24\nlines:\n  - {id: a, tel: '116123', n: 2}\n", encoding="utf-8")
    assert yaml_files.write_copies(tmp_path) == [yaml_files.copy_path(source)]
    source_data = yaml_files.parse(source.read_text(encoding="utf-8"))
    assert source_data["last_checked"] == datetime.date(2026, 11, 24)
    yaml_files.copy_path(source).write_text(
        yaml_files.copy_path(source).read_text(encoding="utf-8").replace('"a"', '"from the copy"'), encoding="utf-8")
    loaded = yaml_files.load(source)
    assert loaded["lines"][0]["id"] == "from the copy", "the copy was read"
    assert loaded["last_checked"] == datetime.date(2026, 11, 24)


def test_an_edited_file_wins_over_its_copy(tmp_path):
    source = tmp_path / "figures.yaml"
    source.write_text("title: before\n", encoding="utf-8")
    yaml_files.write_copies(tmp_path)
    source.write_text("title: after\n", encoding="utf-8")
    assert yaml_files.load(source) == {"title": "after"}


@pytest.mark.parametrize("damage", ["", "{not json", '{"sha1": 5}', "[1, 2]", '{"data": 1}'])
def test_a_damaged_copy_is_passed_over_for_the_file(tmp_path, damage):
    source = tmp_path / "figures.yaml"
    source.write_text("title: the file\n", encoding="utf-8")
    yaml_files.write_copies(tmp_path)
    yaml_files.copy_path(source).write_text(damage, encoding="utf-8")
    assert yaml_files.load(source) == {"title": "the file"}


def test_files_that_cannot_be_copied_exactly_get_no_copy_and_keep_their_errors(tmp_path):
    (tmp_path / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (tmp_path / "timed.yaml").write_text("at: 2026-11-24 10:30:00\n", encoding="utf-8")  # JSON has no datetimes
    (tmp_path / "good.yaml").write_text("title: fine\n", encoding="utf-8")
    assert yaml_files.write_copies(tmp_path) == [yaml_files.copy_path(tmp_path / "good.yaml")]
    with pytest.raises(yaml_files.YamlSyntaxError) as caught:
        yaml_files.load(tmp_path / "broken.yaml")
    assert caught.value.where == "line 2"
    assert yaml_files.load(tmp_path / "timed.yaml")["at"] == datetime.datetime(2026, 11, 24, 10, 30)


def test_a_folder_that_cannot_be_written_to_is_left_as_it_is(tmp_path):
    (tmp_path / "good.yaml").write_text("title: fine\n", encoding="utf-8")
    (tmp_path / yaml_files.COPY_FOLDER).write_text("a file where the folder would go", encoding="utf-8")
    assert yaml_files.write_copies(tmp_path) == []
    assert yaml_files.load(tmp_path / "good.yaml") == {"title": "fine"}


@pytest.mark.parametrize("with_copies", [True, False])
def test_a_page_kernel_reads_the_copies_and_never_imports_pyyaml(tmp_path, with_copies):
    copy = tmp_path / "open_strength"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "jupyter_data"))
    if with_copies:
        yaml_files.write_copies(copy / "data")
    # What a form page's cells do, in a fresh interpreter that finds the copied package first.
    script = ("import sys; sys.path.insert(0, sys.argv[1])\n"
              "from open_strength import show\n"
              "import open_strength, open_strength.instruments as i, open_strength.data as d\n"
              "assert open_strength.__file__.startswith(sys.argv[1])\n"
              "i.load('post-checkin'); d.support_lines(); d.references(); d.published_figures()\n"
              "print('yaml' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(not with_copies), "PyYAML is imported only where there are no copies"
