"""The group folder: where shares land in facilitator mode, one small file per share.

It lives in the facilitator's own data folder (one folder per cohort), never inside the workshop's
folder or anything a server shows. A file's name comes only from the form's number and the share's
random id, both checked integers, so nothing a page sends can choose where a file goes. Each file
is written whole or not at all (a temporary file, then a rename). The folder carries a deletion
date in `folder.json`; the facilitator command wipes a folder once that date has come.

Reading never stops at a bad file: each one is reported with its name and what is wrong with it,
and everything else is read.
"""
from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import aggregate, codes
from .instruments import by_code_number

DATA_DIR_VARIABLE = "OPEN_STRENGTH_DATA_DIR"        # overrides where cohorts live (tests use a temporary folder)
GROUP_FOLDER_VARIABLE = "OPEN_STRENGTH_GROUP_FOLDER"  # set by facilitator mode: kernels write and read here
METADATA = "folder.json"
METADATA_KEY = "open_strength_group_folder"
SHARE_KEY = "open_strength_share"
TEMP_PREFIX = ".tmp-"
MAX_FILE_BYTES = 4096
MAX_FILES = 5000
DEFAULT_KEEP_DAYS = 7
COHORT_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
SHARE_NAME = re.compile(r"share-(\d{1,3})-(\d{1,13})\.json")


class GroupFolderError(Exception):
    """Something about the folder itself is wrong; the message says what, in plain words."""


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


@dataclass
class FolderRead:
    collected: aggregate.Collected = field(default_factory=aggregate.Collected)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class Metadata:
    cohort: str
    created: datetime.date
    delete_on: datetime.date

    def expired(self, today: datetime.date | None = None) -> bool:
        return (today or datetime.date.today()) >= self.delete_on


# ---- where folders live --------------------------------------------------------------------------

def data_root() -> Path:
    """The facilitator's own data folder for the workshop (per user, outside any served folder)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "open-strength"


def check_cohort(name: str) -> str:
    if not isinstance(name, str) or not COHORT_PATTERN.fullmatch(name):
        raise GroupFolderError(f"{name!r} cannot name a cohort: use 1 to 40 lower-case letters, digits and dashes, "
                               "starting with a letter or digit (for example 'spring-2026')")
    return name


def cohort_folder(cohort: str) -> Path:
    return data_root() / "groups" / check_cohort(cohort)


def share_file_name(number: int, share_id: int) -> str:
    """The only way a share's file is named: two checked integers, nothing from the share's contents."""
    for value, top, what in ((number, 255, "form number"), (share_id, codes.SHARE_ID_MAX, "share id")):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top:
            raise GroupFolderError(f"the {what} {value!r} is not a whole number from 0 to {top}")
    return f"share-{number}-{share_id}.json"


# ---- the folder's life: create, deletion date, wipe -----------------------------------------------

def read_metadata(folder: Path) -> Metadata:
    path = Path(folder) / METADATA
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get(METADATA_KEY) != 1:
            raise ValueError("not a group folder's record")
        return Metadata(str(data["cohort"]), datetime.date.fromisoformat(data["created"]),
                        datetime.date.fromisoformat(data["delete_on"]))
    except FileNotFoundError:
        raise GroupFolderError(f"{folder} is not a group folder (it has no {METADATA})") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise GroupFolderError(f"{path} cannot be read ({exc}): wipe the folder and start again") from None


def _write_atomically(folder: Path, name: str, text: str) -> Path:
    fd, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".part", dir=folder)  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        target = folder / name
        for attempt in range(20):
            try:
                os.replace(temporary, target)
                return target
            except PermissionError:  # Windows: the dashboard is reading that file at this moment
                if os.name != "nt" or attempt == 19:
                    raise
                time.sleep(0.05)
        return target
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def create(cohort: str, keep_days: int = DEFAULT_KEEP_DAYS, today: datetime.date | None = None) -> tuple[Path, Metadata]:
    """The cohort's folder, made if needed, with its deletion date. An existing folder keeps its date."""
    if not isinstance(keep_days, int) or not 1 <= keep_days <= 366:
        raise GroupFolderError("the folder must be kept for 1 to 366 days")
    folder = cohort_folder(cohort)
    if (folder / METADATA).exists():
        return folder, read_metadata(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    today = today or datetime.date.today()
    metadata = Metadata(cohort, today, today + datetime.timedelta(days=keep_days))
    _write_atomically(folder, METADATA, json.dumps({METADATA_KEY: 1, "cohort": cohort, "created": today.isoformat(),
                                                    "delete_on": metadata.delete_on.isoformat()}, indent=1))
    return folder, metadata


def wipe(folder: Path) -> int:
    """Delete a group folder and every share in it. Returns the number of share files deleted.
    Refuses anything that is not a group folder under the data root."""
    folder = Path(folder)
    root = (data_root() / "groups").resolve()
    resolved = folder.resolve()
    if resolved.parent != root or not (resolved / METADATA).is_file():
        raise GroupFolderError(f"{folder} is not a cohort's group folder: nothing was deleted")
    count = sum(1 for p in resolved.iterdir() if SHARE_NAME.fullmatch(p.name))
    shutil.rmtree(resolved)
    return count


def cohorts() -> list[tuple[str, Path]]:
    base = data_root() / "groups"
    if not base.is_dir():
        return []
    return sorted((p.name, p) for p in base.iterdir() if p.is_dir() and (p / METADATA).is_file())


def wipe_expired(today: datetime.date | None = None) -> list[tuple[str, int]]:
    """Enforce the deletion dates: wipe every cohort folder whose date has come."""
    wiped = []
    for name, folder in cohorts():
        try:
            expired = read_metadata(folder).expired(today)
        except GroupFolderError:
            continue  # a damaged record is reported when that cohort is used, never guessed at
        if expired:
            wiped.append((name, wipe(folder)))
    return wiped


# ---- shares: write one, take one back, read them all ----------------------------------------------

def _check_folder(folder: Path) -> Path:
    folder = Path(folder)
    if not (folder / METADATA).is_file():
        raise GroupFolderError("the group folder is not there any more (it may have been wiped)")
    return folder


def write_share(folder: Path, share: codes.Share) -> Path:
    """Write one share as its own file, whole or not at all. A re-share replaces the earlier file."""
    folder = _check_folder(folder)
    name = share_file_name(share.number, share.share_id)
    text = json.dumps({SHARE_KEY: 1, "code": codes.encode_share(share)})
    return _write_atomically(folder, name, text)


def remove_share(folder: Path, number: int, share_id: int) -> bool:
    """Take a share back: its file is deleted. True if there was one."""
    folder = _check_folder(folder)
    try:
        (folder / share_file_name(number, share_id)).unlink()
        return True
    except FileNotFoundError:
        return False


def read_all(folder: Path) -> FolderRead:
    """Every share in the folder, and every other file with the reason it was skipped."""
    result = FolderRead()
    folder = Path(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        result.skipped.append(Skipped(str(folder), "the group folder is not there (it may have been wiped)"))
        return result
    if len(entries) > MAX_FILES:
        result.skipped.append(Skipped(str(folder), f"only the first {MAX_FILES} files were read"))
        entries = entries[:MAX_FILES]
    for entry in entries:
        if entry.name == METADATA or entry.name.startswith(TEMP_PREFIX):
            continue  # the folder's own record, and shares still being written
        reason = _read_one(entry, result.collected)
        if reason:
            result.skipped.append(Skipped(entry.name, reason))
    return result


def _read_one(entry: os.DirEntry, collected: aggregate.Collected) -> str | None:
    match = SHARE_NAME.fullmatch(entry.name)
    if not match or not entry.is_file(follow_symlinks=False):
        return "not a share file (share files are named share-<form>-<number>.json)"
    try:
        if entry.stat(follow_symlinks=False).st_size > MAX_FILE_BYTES:
            return "too large to be a share"
        raw = Path(entry.path).read_bytes()
    except OSError as exc:
        return f"could not be read ({exc.strerror or exc})"
    if not raw.strip():
        return "empty: it was cut short"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "cut short or damaged: it is not a complete share file"
    if not isinstance(data, dict) or data.get(SHARE_KEY) != 1 or not isinstance(data.get("code"), str):
        return "not a share file this workshop writes"
    try:
        decoded = codes.decode(data["code"])
    except codes.CodeError as exc:
        return f"its share code cannot be used: {exc.problem}"
    share = decoded.share
    if share is None:
        return "it holds a code that is not a share"
    if (share.number, share.share_id) != (int(match.group(1)), int(match.group(2))):
        return "its name does not match the share it holds"
    instrument = by_code_number(share.number)
    if instrument is None:
        return f"it is for a form this workshop does not have (number {share.number})"
    if share.version != instrument.version:
        return (f"it comes from version {share.version} of '{instrument.title}', and this workshop has version "
                f"{instrument.version}")
    one = aggregate.read_lines(data["code"])
    if one.rejected:
        return one.rejected[0].reason
    collected.shares.update(one.shares)
    return None


def folder_from_environment() -> Path | None:
    """The group folder, when the page runs in facilitator mode (the command sets the variable)."""
    value = os.environ.get(GROUP_FOLDER_VARIABLE)
    return Path(value) if value else None
