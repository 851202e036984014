"""The facilitator command without its servers: the wipe command, deletion dates enforced at start,
a group folder refused inside the workshop's folder, a busy port, and what reaches the servers."""
import datetime
import json
import socket
import subprocess
import sys

import pytest

from open_strength import cli, codes, group_folder, voila_server
from open_strength.instruments import load

from tests.conftest import ROOT

RULES = load("rules-profile")


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv(group_folder.DATA_DIR_VARIABLE, str(tmp_path / "data"))
    return tmp_path / "data"


def run(*args, env_data=None):
    import os

    env = {**os.environ}
    if env_data is not None:
        env[group_folder.DATA_DIR_VARIABLE] = str(env_data)
    return subprocess.run([sys.executable, "-m", "open_strength.cli", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env=env)


def test_wipe_deletes_a_cohorts_folder_and_says_how_many_shares(data, capsys):
    folder, _ = group_folder.create("autumn")
    for sid in range(3):
        group_folder.write_share(folder, codes.Share(RULES.code_number, RULES.version, sid, ((3.0,) * 5, (3.0,) * 5)))
    assert cli.main(["wipe", "--cohort", "autumn"]) == 0
    assert "(3 share(s))" in capsys.readouterr().out and not folder.exists()
    assert cli.main(["wipe", "--cohort", "autumn"]) == 0
    assert "nothing to delete" in capsys.readouterr().out
    assert cli.main(["wipe", "--cohort", "../etc"]) == 1
    assert "cannot name a cohort" in capsys.readouterr().err


def test_the_command_wipes_expired_folders_before_anything_else(data):
    old, _ = group_folder.create("old-group", keep_days=7, today=datetime.date.today() - datetime.timedelta(days=8))
    group_folder.write_share(old, codes.Share(RULES.code_number, RULES.version, 1, ((3.0,) * 5, (3.0,) * 5)))
    with socket.socket() as busy:  # stop the command just after its checks, before any server starts
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("facilitator", "--cohort", "new-group", "--ip", "127.0.0.1", "--port", str(port), env_data=data)
    assert result.returncode != 0 and "already in use" in result.stderr
    assert "cohort 'old-group' reached its deletion date: it was deleted (1 share(s))" in result.stdout
    assert not old.exists()
    meta = group_folder.read_metadata(data / "groups" / "new-group")
    assert meta.delete_on == datetime.date.today() + datetime.timedelta(days=7)


def test_a_group_folder_inside_the_workshop_is_refused(tmp_path):
    result = run("facilitator", "--cohort", "x", "--ip", "127.0.0.1", env_data=ROOT / "notebooks" / "tmp-data")
    assert result.returncode != 0 and "inside the workshop's folder" in result.stderr
    assert not (ROOT / "notebooks" / "tmp-data").exists()


def test_the_servers_learn_the_folder_and_token_through_their_environment(tmp_path):
    env = cli.facilitator_environment(tmp_path, "tok", room_link="http://x/?token=tok")
    assert env[group_folder.GROUP_FOLDER_VARIABLE] == str(tmp_path)
    assert env[voila_server.TOKEN_VARIABLE] == "tok" and env[voila_server.ROOM_LINK_VARIABLE].endswith("tok")
    assert voila_server.ROOM_LINK_VARIABLE not in cli.facilitator_environment(tmp_path, "tok")
    assert "open_strength" in env["JUPYTER_PATH"]


def test_the_qr_page_escapes_the_link():
    page = voila_server.qr_page("http://10.0.0.2:8866/voila/render/index.ipynb?token=a<b")
    assert "<svg" in page and "token=a&lt;b" in page and "token=a<b" not in page
