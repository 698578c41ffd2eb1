"""What the backup format calls things: the member names inside a backup, the backup's own file
name, and finding, listing and pruning backups by that name.

A backup file is named
``itadesk-backup-<office-slug>[-<label>]-YYYYmmdd-HHMMSS[-N].itadesk-backup.zip`` (ASCII, so it
survives any USB stick and e-mail); its members are ``manifest.json``, ``database.sqlite3`` and
``attachments/<path>``. The time in the name, not the file's time, says when it was made: file
times change when a backup is copied to a stick.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from datetime import date, datetime
from pathlib import Path

from itadesk.errors import StorageError
from itadesk.fileio import ascii_slug, os_error_th

log = logging.getLogger(__name__)

FORMAT = "itadesk-backup/1"
FORMAT_PREFIX = "itadesk-backup/"
BACKUP_SUFFIX = ".itadesk-backup.zip"
MANIFEST_NAME = "manifest.json"
DATABASE_MEMBER = "database.sqlite3"
# Only in a safety backup of a damaged database: its side files, kept byte for byte
# (such a backup is never restored, it is kept for whoever tries to rescue the data).
DAMAGED_SIDE_SUFFIXES = ("-wal", "-journal")
ATTACHMENTS_PREFIX = "attachments/"
SAFETY_LABEL = "before-restore"

NAME_RE = re.compile(
    r"^itadesk-backup-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*?)-(?P<stamp>\d{8}-\d{6})"
    r"(?:-(?P<n>\d+))?\.itadesk-backup\.zip$"
)
# Files being written: hidden, never taken for a backup.
PARTIAL_PREFIX = ".itadesk-backup-"
PARTIAL_SUFFIX = ".partial"
# A partial file whose writer has not touched it for a day is an interrupted backup's leftover.
_STALE_PARTIAL_SECONDS = 24 * 3600
_MAX_SLUG = 40
# Characters Windows refuses in file names (':' also covers drive letters and NTFS streams).
_WINDOWS_FORBIDDEN = frozenset('<>:"|?*\\')
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)


def backup_file_name(office_name: str, db_path: Path, when: datetime, label: str = "") -> str:
    """The ASCII file name of a backup made at ``when``."""
    slug = ascii_slug(office_name, max_length=_MAX_SLUG) or ascii_slug(
        Path(db_path).stem, max_length=_MAX_SLUG
    )
    slug = slug or "office"
    label_slug = ascii_slug(label, max_length=_MAX_SLUG)
    if label_slug:
        slug = f"{slug}-{label_slug}"
    return f"itadesk-backup-{slug}-{when.strftime('%Y%m%d-%H%M%S')}{BACKUP_SUFFIX}"


def is_backup_name(name: str) -> bool:
    return NAME_RE.match(name) is not None


def backup_date(path: Path) -> date | None:
    """The day a backup was made, from its name (file times change when copied to a stick)."""
    match = NAME_RE.match(Path(path).name)
    if match is None:
        return None
    return datetime.strptime(match["stamp"][:8], "%Y%m%d").date()


def free_name(target: Path) -> Path:
    """``target`` or, if a backup of the same second exists, ``…-2``, ``…-3`` …"""
    base = target.name[: -len(BACKUP_SUFFIX)]
    counter = 2
    while target.exists():
        target = target.with_name(f"{base}-{counter}{BACKUP_SUFFIX}")
        counter += 1
    return target


def list_backups(folder: Path) -> list[Path]:
    """Our backup files in ``folder``, newest first (by the time in their names)."""
    try:
        entries = list(Path(folder).iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StorageError(
            f"อ่านรายชื่อไฟล์ในโฟลเดอร์สำรอง “{folder}” ไม่ได้ ({os_error_th(exc)})"
            " — ตรวจสอบว่าแฟลชไดรฟ์หรือไดรฟ์ยังเชื่อมต่ออยู่ แล้วลองใหม่"
        ) from exc
    found: list[tuple[tuple[str, int, str], Path]] = []
    for entry in entries:
        match = NAME_RE.match(entry.name)
        if match is None or entry.is_symlink() or not entry.is_file():
            continue
        found.append(((match["stamp"], int(match["n"] or 1), entry.name), entry))
    found.sort(key=lambda item: item[0], reverse=True)
    return [path for _key, path in found]


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Delete our backups beyond the newest ``keep``, oldest first; return what was deleted.

    Files not named like our backups are never touched. A file that cannot be deleted is
    logged and skipped: housekeeping must not stop a backup."""
    if keep < 1:
        raise ValueError("keep must be at least 1: pruning never deletes every backup")
    deleted: list[Path] = []
    for path in reversed(list_backups(folder)[keep:]):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            log.warning("Could not delete old backup %s", path, exc_info=True)
            continue
        log.info("Deleted old backup %s", path)
        deleted.append(path)
    return deleted


def remove_stale_partials(folder: Path) -> None:
    """Delete what backups interrupted more than a day ago left in ``folder``."""
    limit = time.time() - _STALE_PARTIAL_SECONDS
    for entry in folder.iterdir():
        if not entry.name.startswith(PARTIAL_PREFIX) or PARTIAL_SUFFIX not in entry.name:
            continue
        with contextlib.suppress(OSError):
            if entry.is_file() and entry.stat().st_mtime < limit:
                entry.unlink()
                log.info("Removed the leftover of an interrupted backup: %s", entry)


def unsafe_member_name(name: str) -> bool:
    """True for a member name that could land outside the folder or differently on Windows:
    absolute, drive letters, '..', backslashes, control characters, reserved device names."""
    if not name or len(name) > 1024 or name.startswith("/"):
        return True
    if any(ord(char) < 32 or char in _WINDOWS_FORBIDDEN for char in name):
        return True
    for part in name.split("/"):
        if part in ("", ".", "..") or part != part.rstrip(" ."):
            return True  # Windows drops trailing dots and spaces: ".. " would become ".."
        if part.split(".")[0].strip().lower() in _WINDOWS_RESERVED:
            return True
    return False
