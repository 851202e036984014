"""The group folder: where it lives, atomic writes from many processes at once, bad files reported
and skipped, nothing written outside it, the deletion date and the wipe."""
import datetime
import json
import multiprocessing
import os
from pathlib import Path

import pytest

from open_strength import codes, group_folder
from open_strength.instruments import load

RULES = load("rules-profile")
BASELINE = load("baseline-checkin")
DAY = datetime.date(2026, 11, 25)


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv(group_folder.DATA_DIR_VARIABLE, str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def folder(root):
    return group_folder.create("test-cohort", today=DAY)[0]


def rules_share(share_id: int, value: float = 3.0, version: int | None = None) -> codes.Share:
    return codes.Share(RULES.code_number, RULES.version if version is None else version, share_id,
                       ((value,) * 5, (value + 1,) * 5), DAY)


# ---- where it lives, and its deletion date -------------------------------------------------------

def test_folder_is_per_cohort_under_the_data_root_with_a_deletion_date(root):
    folder, meta = group_folder.create("spring-2026", keep_days=7, today=DAY)
    assert folder == root / "groups" / "spring-2026" and folder.is_dir()
    assert meta.delete_on == DAY + datetime.timedelta(days=7)
    assert group_folder.read_metadata(folder) == meta
    if os.name == "posix":
        assert folder.stat().st_mode & 0o777 == 0o700
    # starting again keeps the first deletion date: it is never pushed back silently
    again, meta_again = group_folder.create("spring-2026", keep_days=30, today=DAY + datetime.timedelta(days=3))
    assert again == folder and meta_again.delete_on == meta.delete_on


def test_default_data_root_is_outside_the_repository(monkeypatch):
    monkeypatch.delenv(group_folder.DATA_DIR_VARIABLE, raising=False)
    repo = Path(__file__).resolve().parents[1]
    assert not group_folder.data_root().resolve().is_relative_to(repo)


@pytest.mark.parametrize("name", ["", "../escape", "a/b", "Spring", "-x", "x" * 41, "a b", ".."])
def test_cohort_names_that_could_reach_elsewhere_are_refused(root, name):
    with pytest.raises(group_folder.GroupFolderError, match="cannot name a cohort"):
        group_folder.cohort_folder(name)


def test_expired_folders_are_wiped_and_others_kept(root):
    old, _ = group_folder.create("old", keep_days=7, today=DAY)
    group_folder.write_share(old, rules_share(1))
    new, _ = group_folder.create("new", keep_days=7, today=DAY + datetime.timedelta(days=5))
    wiped = group_folder.wipe_expired(today=DAY + datetime.timedelta(days=7))
    assert wiped == [("old", 1)]
    assert not old.exists() and new.is_dir()


def test_wipe_refuses_a_folder_that_is_not_a_cohort_folder(root, tmp_path):
    stranger = tmp_path / "elsewhere"
    stranger.mkdir()
    (stranger / group_folder.METADATA).write_text("{}")
    with pytest.raises(group_folder.GroupFolderError, match="nothing was deleted"):
        group_folder.wipe(stranger)
    assert stranger.is_dir()


# ---- writing and reading -----------------------------------------------------------------------

def test_a_share_round_trips_and_a_reshare_replaces_it(folder):
    group_folder.write_share(folder, rules_share(42, 2.0))
    group_folder.write_share(folder, rules_share(42, 4.0))
    read = group_folder.read_all(folder)
    assert read.skipped == []
    assert list(read.collected.shares) == [(RULES.code_number, 42)]
    assert read.collected.shares[(RULES.code_number, 42)].sections[0] == (4.0,) * 5
    assert sorted(p.name for p in folder.iterdir()) == [group_folder.METADATA, f"share-{RULES.code_number}-42.json"]


def test_taking_a_share_back_deletes_its_file(folder):
    group_folder.write_share(folder, rules_share(7))
    assert group_folder.remove_share(folder, RULES.code_number, 7) is True
    assert group_folder.remove_share(folder, RULES.code_number, 7) is False
    assert group_folder.read_all(folder).collected.shares == {}


def test_writing_into_a_wiped_folder_says_so(folder):
    group_folder.wipe(folder)
    with pytest.raises(group_folder.GroupFolderError, match="not there any more"):
        group_folder.write_share(folder, rules_share(1))


def _write_at_once(folder: str, barrier, share_id: int) -> None:
    barrier.wait()
    group_folder.write_share(Path(folder), rules_share(share_id, 1.0 + (share_id % 50) / 10))


def _write_same_id(folder: str, barrier, index: int) -> None:
    barrier.wait()
    group_folder.write_share(Path(folder), rules_share(999, 1.0 + index / 10))


def _run_at_once(target, folder: Path, count: int) -> None:
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    barrier = context.Barrier(count)
    procs = [context.Process(target=target, args=(str(folder), barrier, i)) for i in range(count)]
    for proc in procs:
        proc.start()
    torn_seen = []
    while any(p.is_alive() for p in procs):  # read while they write: a reader never sees half a file
        torn_seen += group_folder.read_all(folder).skipped
    for proc in procs:
        proc.join(60)
        assert proc.exitcode == 0
    assert torn_seen == []


def test_a_hundred_processes_sharing_at_once_are_all_read_back_whole(folder):
    _run_at_once(_write_at_once, folder, 100)
    read = group_folder.read_all(folder)
    assert read.skipped == []
    assert sorted(sid for _, sid in read.collected.shares) == list(range(100))
    for (_, sid), share in read.collected.shares.items():
        assert share == rules_share(sid, 1.0 + (sid % 50) / 10)
    assert not [p for p in folder.iterdir() if p.name.startswith(group_folder.TEMP_PREFIX)]


def test_many_processes_resharing_the_same_id_leave_one_whole_share(folder):
    _run_at_once(_write_same_id, folder, 30)
    read = group_folder.read_all(folder)
    assert read.skipped == [] and len(read.collected.shares) == 1
    kept = read.collected.shares[(RULES.code_number, 999)]
    assert kept in [rules_share(999, 1.0 + i / 10) for i in range(30)]


# ---- bad files are reported and skipped; nothing else is lost ----------------------------------

def test_truncated_other_version_and_stray_files_are_each_reported_and_skipped(folder):
    for sid in range(6):
        group_folder.write_share(folder, rules_share(sid))
    truncated = group_folder.write_share(folder, rules_share(100))
    truncated.write_bytes(truncated.read_bytes()[:25])
    group_folder.write_share(folder, rules_share(101, version=RULES.version + 1))
    (folder / "notes.txt").write_text("bring biscuits")
    (folder / "share-1-5.json").write_text(json.dumps({"open_strength_share": 1,
                                                       "code": codes.encode_share(rules_share(6))}))
    (folder / f"share-{RULES.code_number}-102.json").write_text("")
    (folder / "subfolder").mkdir()

    read = group_folder.read_all(folder)
    reasons = {s.name: s.reason for s in read.skipped}
    assert sorted(sid for _, sid in read.collected.shares) == list(range(6))
    assert "cut short" in reasons[truncated.name]
    assert f"version {RULES.version + 1}" in reasons[f"share-{RULES.code_number}-101.json"]
    assert "not a share file" in reasons["notes.txt"]
    assert "does not match" in reasons["share-1-5.json"]
    assert "empty" in reasons[f"share-{RULES.code_number}-102.json"]
    assert "not a share file" in reasons["subfolder"]
    assert len(read.skipped) == 6


def test_a_file_holding_a_withdrawal_or_save_code_is_skipped(folder):
    name = f"share-{RULES.code_number}-5.json"
    (folder / name).write_text(json.dumps({"open_strength_share": 1, "code": codes.encode_withdrawal(
        codes.Withdrawal(RULES.code_number, RULES.version, 5))}))
    read = group_folder.read_all(folder)
    assert read.collected.shares == {} and "not a share" in read.skipped[0].reason


def test_a_missing_folder_is_reported_not_raised(root):
    read = group_folder.read_all(root / "groups" / "gone")
    assert read.collected.shares == {} and "not there" in read.skipped[0].reason


# ---- a share cannot write outside the folder -----------------------------------------------------

@pytest.mark.parametrize("number, share_id", [
    (RULES.code_number, -1), (RULES.code_number, codes.SHARE_ID_MAX + 1), (256, 1), (RULES.code_number, "../../x"),
    (RULES.code_number, 1.5), (RULES.code_number, True), ("../x", 1), (RULES.code_number, "5"),
])
def test_names_come_only_from_checked_integers(folder, tmp_path, number, share_id):
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    with pytest.raises(group_folder.GroupFolderError, match="not a whole number"):
        group_folder.write_share(folder, codes.Share(number, 1, share_id, ((3.0,) * 5, (3.0,) * 5), DAY))
    with pytest.raises(group_folder.GroupFolderError):
        group_folder.remove_share(folder, number, share_id)
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_every_accepted_name_stays_inside_the_folder(folder):
    for number, share_id in [(0, 0), (255, codes.SHARE_ID_MAX), (RULES.code_number, 12345)]:
        name = group_folder.share_file_name(number, share_id)
        assert (folder / name).resolve().parent == folder.resolve()
        assert group_folder.SHARE_NAME.fullmatch(name)


# ---- the page's "Send to the group", in the kernel ------------------------------------------------

def rules_answers(own: int, others: int) -> dict:
    return {"self": {i.id: own for i in RULES.items}, "others": {i.id: others for i in RULES.items}}


def sent_assessment(monkeypatch, folder):
    from open_strength import forms

    monkeypatch.setenv(group_folder.GROUP_FOLDER_VARIABLE, str(folder))
    assessment = forms.SelfAssessment(RULES)
    assessment.submit(rules_answers(2, 5), setting="group")
    return assessment


def test_send_writes_one_file_and_still_shows_the_code(monkeypatch, folder):
    assessment = sent_assessment(monkeypatch, folder)
    assert assessment.share.group_mode is True
    assessment.share._handle_custom_msg({"kind": "send", "share_id": 31, "group": "men"}, [])
    assert assessment.share.sent["kind"] == "sent"
    read = group_folder.read_all(folder)
    assert list(read.collected.shares) == [(RULES.code_number, 31)] and read.skipped == []
    sent = read.collected.shares[(RULES.code_number, 31)]
    assert sent.group == "men" and sent == codes.decode(assessment.share.share_code).share
    assessment.share._handle_custom_msg({"kind": "take-back", "share_id": 31}, [])
    assert assessment.share.sent["kind"] == "taken-back"
    assert group_folder.read_all(folder).collected.shares == {}
    assert codes.decode(assessment.share.withdraw_code).withdrawal.share_id == 31


@pytest.mark.parametrize("message", [
    {"kind": "send", "share_id": "../../outside", "group": ""},
    {"kind": "send", "share_id": -1},
    {"kind": "send", "share_id": codes.SHARE_ID_MAX + 1},
    {"kind": "send", "share_id": True},
    {"kind": "send", "share_id": 1.0},
    {"kind": "send", "share_id": None, "path": "/tmp/x", "name": "../../x.json"},
    {"kind": "take-back", "share_id": "../folder.json"},
])
def test_what_a_page_sends_cannot_write_outside_the_folder_or_name_a_file(monkeypatch, folder, tmp_path, message):
    assessment = sent_assessment(monkeypatch, folder)
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    assessment.share._handle_custom_msg(message, [])
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_extra_fields_do_not_change_the_files_name(monkeypatch, folder):
    assessment = sent_assessment(monkeypatch, folder)
    assessment.share._handle_custom_msg({"kind": "send", "share_id": 8, "number": 250, "name": "../../evil.json",
                                         "group": "../../"}, [])
    assert sorted(p.name for p in folder.iterdir()) == [group_folder.METADATA, f"share-{RULES.code_number}-8.json"]
    assert group_folder.read_all(folder).collected.shares[(RULES.code_number, 8)].group == ""


def test_outside_facilitator_mode_nothing_is_written(monkeypatch, folder):
    from open_strength import forms

    monkeypatch.delenv(group_folder.GROUP_FOLDER_VARIABLE, raising=False)
    assessment = forms.SelfAssessment(RULES)
    assert assessment.share.group_mode is False
    assessment.submit(rules_answers(2, 5), setting="group")
    assessment.share._handle_custom_msg({"kind": "send", "share_id": 3}, [])
    assert assessment.share.sent["kind"] == "failed" and assessment.share.share_code.startswith("OS-")
    assert group_folder.read_all(folder).collected.shares == {}


def test_a_wiped_folder_tells_the_participant_to_use_the_code(monkeypatch, folder):
    assessment = sent_assessment(monkeypatch, folder)
    group_folder.wipe(folder)
    assessment.share._handle_custom_msg({"kind": "send", "share_id": 3}, [])
    assert assessment.share.sent["kind"] == "failed" and "code below" in assessment.share.sent["message"]


def test_session_six_take_back_and_withdrawal_name_the_form_the_share_names(monkeypatch, folder):
    from open_strength import forms

    monkeypatch.setenv(group_folder.GROUP_FOLDER_VARIABLE, str(folder))
    post = forms.assessment_for(load("post-checkin"))
    post.submit({"self": {i.id: 4 for i in BASELINE.items}, "others": {i.id: 3 for i in BASELINE.items}})
    post.share._handle_custom_msg({"kind": "send", "share_id": 77}, [])
    assert list(group_folder.read_all(folder).collected.shares) == [(BASELINE.code_number, 77)]
    post.share._handle_custom_msg({"kind": "take-back", "share_id": 77}, [])
    assert group_folder.read_all(folder).collected.shares == {}
    assert codes.decode(post.share.withdraw_code).withdrawal.number == BASELINE.code_number


# ---- the dashboard reading the folder ------------------------------------------------------------

def test_dashboard_counts_the_folder_lists_bad_files_and_reveals_once(folder):
    from open_strength import facilitator

    for sid in range(5):
        group_folder.write_share(folder, rules_share(sid, 2.0))
    (folder / "notes.txt").write_text("x")
    board = facilitator.Dashboard(folder)
    assert "5 share(s) so far" in board.status.value and "hidden until" in board.status.value
    assert "notes.txt: not a share file" in board.folder_status.value
    board.paste.value = codes.encode_share(rules_share(50, 2.0)) + "\nnot a code"
    board.add.click()
    assert "6 share(s) so far" in board.status.value and "Line 2" in board.problems.value
    group_folder.write_share(folder, rules_share(5, 2.0))
    assert "6 share(s)" in board.status.value, "nothing changes until the folder is read again"
    board.refresh_folder()
    assert "7 share(s) so far" in board.status.value and board.results.outputs == ()
    board.show.click()
    drawn = board.results.outputs
    assert "7 shared." in "\n".join(o["data"]["text/plain"] for o in drawn)
    group_folder.write_share(folder, rules_share(6, 2.0))
    board.refresh_folder()
    assert board.results.outputs == drawn, "no live refresh of the charts in front of the room"
    assert "8 share(s) so far" in board.status.value and "would single that person out" in board.status.value
    assert board.show.disabled
    board.show.click()
    assert board.results.outputs == drawn, "a late share is never added to figures already shown"
    board.paste.value = codes.encode_withdrawal(codes.Withdrawal(RULES.code_number, RULES.version, 0))
    board.add.click()
    assert "7 share(s) so far" in board.status.value


def test_dashboard_says_so_under_the_floor(folder):
    from open_strength import facilitator

    for sid in range(4):
        group_folder.write_share(folder, rules_share(sid))
    board = facilitator.Dashboard(folder)
    board.reveal()
    text = "\n".join(o["data"]["text/plain"] for o in board.results.outputs)
    assert "4 shared. Nothing is shown for fewer than 5 people." in text
