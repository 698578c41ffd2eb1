"""Backups a clerk can carry on a USB stick: one ZIP with the database and its evidence files.

Format ``itadesk-backup/1``, a file named
``itadesk-backup-<office-slug>[-<label>]-YYYYmmdd-HHMMSS[-N].itadesk-backup.zip``::

    manifest.json        format, app and schema version, time, office, and for every other
                         entry its path, size and SHA-256
    database.sqlite3     a consistent copy made with SQLite's online backup API, checked
    attachments/<path>   every file of the office's attachments folder (UTF-8 names)

A backup is written to a temporary file in the target folder and renamed to its final name only
when complete, so an interrupted backup never leaves a half file under a backup's name and never
replaces a good one. A restore checks the whole file before touching anything, keeps the current
data as a backup, extracts next to the database and swaps the new files in with renames.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import stat
import sys
import tempfile
import time
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from itadesk import __version__
from itadesk.errors import StorageError
from itadesk.fileio import os_error_th
from itadesk.paths import attachments_dir, backups_dir
from itadesk.storage import migrations as schema
from itadesk.storage.database import BUSY_TIMEOUT_MS, SQLITE_HEADER, Store, open_store
from itadesk.storage.lock import OfficeLock

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

_NAME_RE = re.compile(
    r"^itadesk-backup-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*?)-(?P<stamp>\d{8}-\d{6})"
    r"(?:-(?P<n>\d+))?\.itadesk-backup\.zip$"
)
_PARTIAL_PREFIX = ".itadesk-backup-"
_PARTIAL_SUFFIX = ".partial"
_RESTORE_PREFIX = ".itadesk-restore-"
# A partial file whose writer has not touched it for a day is an interrupted backup's leftover.
_STALE_PARTIAL_SECONDS = 24 * 3600
_CHUNK = 1 << 20
_MAX_MANIFEST_BYTES = 16 << 20
_MAX_SLUG = 40
_SPACE_MARGIN = 16 << 20
_SQLITE_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
# Characters Windows refuses in file names (':' also covers drive letters and NTFS streams).
_WINDOWS_FORBIDDEN = frozenset('<>:"|?*\\')
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
# Already compressed: deflating them again only costs time on the clerk's old PC.
_STORED_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".zip", ".7z", ".rar", ".gz"}
    | {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".mp3", ".mp4", ".m4a", ".mov"}
)
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 5, 6, 11, 13, 26
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup holds (shown to the clerk before a restore)."""

    created_at: datetime
    office_name: str
    schema_version: int
    size: int  # bytes of the backup file
    attachment_count: int
    path: Path | None = None
    app_version: str = ""
    label: str = ""
    database_file: str = ""


@dataclass(frozen=True)
class RestoreResult:
    db_path: Path
    attachments_dir: Path
    info: BackupInfo
    # The current data saved before it was replaced (None when there was no database).
    safety_backup: Path | None
    # Attachments found without a database, renamed aside instead of being deleted.
    kept_attachments: Path | None
    # Schema version after opening the restored file (higher than info's if it was migrated).
    schema_version: int

    @property
    def migrated(self) -> bool:
        return self.schema_version > self.info.schema_version


@dataclass(frozen=True)
class _Entry:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class _Manifest:
    entries: tuple[_Entry, ...]
    created_at: datetime
    office_name: str
    schema_version: int
    app_version: str
    label: str
    database_file: str
    database_damaged: bool

    @property
    def attachment_count(self) -> int:
        return sum(1 for entry in self.entries if entry.path.startswith(ATTACHMENTS_PREFIX))


@dataclass(frozen=True)
class _DatabaseCopy:
    source: Path  # the file that goes into the ZIP as database.sqlite3
    schema_version: int
    office_name: str
    damaged: bool
    sides: tuple[tuple[str, Path], ...] = ()  # (member, file) kept with a damaged database


# --------------------------------------------------------------------------- names, listing


def backup_file_name(office_name: str, db_path: Path, when: datetime, label: str = "") -> str:
    """The ASCII file name of a backup made at ``when``."""
    slug = _slug(office_name) or _slug(Path(db_path).stem) or "office"
    slug = slug[:_MAX_SLUG].strip("-")
    label_slug = _slug(label)[:_MAX_SLUG].strip("-")
    if label_slug:
        slug = f"{slug}-{label_slug}"
    return f"itadesk-backup-{slug}-{when.strftime('%Y%m%d-%H%M%S')}{BACKUP_SUFFIX}"


def is_backup_name(name: str) -> bool:
    return _NAME_RE.match(name) is not None


def backup_date(path: Path) -> date | None:
    """The day a backup was made, from its name (file times change when copied to a stick)."""
    match = _NAME_RE.match(Path(path).name)
    if match is None:
        return None
    return datetime.strptime(match["stamp"][:8], "%Y%m%d").date()


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
        match = _NAME_RE.match(entry.name)
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


# --------------------------------------------------------------------------- create


def create_backup(
    store: Store, target_dir: Path, *, label: str = "", when: datetime | None = None
) -> Path:
    """Back up the open office (database and attachments) into ``target_dir``; return the file.

    The copy is read through a connection of its own on ``store.path``: it sees exactly the
    committed data (WAL content included, never a half-done transaction of the window) and
    works from a worker thread while the window keeps its connection."""
    return create_backup_from_file(store.path, target_dir, label=label, when=when)


def create_backup_from_file(
    db_path: Path, target_dir: Path, *, label: str = "", when: datetime | None = None
) -> Path:
    """Like :func:`create_backup` for a database file that is not open here (the command
    line); the caller holds the office lock, so no window has the file open, and nothing is
    migrated."""
    return _write_backup(Path(db_path), Path(target_dir), label=label, when=when)


def _write_backup(
    db_path: Path,
    target_dir: Path,
    *,
    label: str,
    when: datetime | None,
    keep_damaged: bool = False,
) -> Path:
    db_path = db_path.absolute()
    target_dir = target_dir.absolute()
    when = (when or datetime.now()).astimezone()
    if not db_path.is_file():
        raise StorageError(
            f"ไม่พบไฟล์ฐานข้อมูล “{db_path}” จึงสำรองข้อมูลไม่ได้ — ตรวจสอบชื่อและตำแหน่งไฟล์อีกครั้ง"
        )
    files = _attachment_files(attachments_dir(db_path))
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        _remove_stale_partials(target_dir)
    except OSError as exc:
        raise _write_error(target_dir, exc) from exc
    db_partial: Path | None = None
    zip_partial: Path | None = None
    try:
        db_partial = _make_partial(target_dir, "db-")
        copy = _copy_database(db_path, db_partial, target_dir, keep_damaged=keep_damaged)
        zip_partial = _make_partial(target_dir, "")
        with zip_partial.open("r+b") as raw:
            with zipfile.ZipFile(raw, "w", allowZip64=True) as archive:
                entries = [_add_file(archive, DATABASE_MEMBER, copy.source, when)]
                for member, side in copy.sides:
                    entries.append(_add_file(archive, member, side, when))
                for relative, source in files:
                    entries.append(_add_file(archive, ATTACHMENTS_PREFIX + relative, source, None))
                manifest = _manifest_json(db_path, copy, entries, when, label)
                archive.writestr(_zip_info(MANIFEST_NAME, when), manifest)
            raw.flush()
            # The stick may be pulled right after "done": the bytes must be on it first.
            os.fsync(raw.fileno())
        final = _free_name(target_dir / backup_file_name(copy.office_name, db_path, when, label))
        os.replace(zip_partial, final)
        zip_partial = None
        _fsync_dir(target_dir)
    except OSError as exc:
        raise _write_error(target_dir, exc) from exc
    finally:
        for leftover in (db_partial, zip_partial):
            if leftover is not None:
                _unlink_quietly(leftover)
                _unlink_quietly(leftover.with_name(leftover.name + "-journal"))
    log.info("Backed up %s (%d attachments) to %s", db_path, len(files), final)
    return final


def _copy_database(
    source: Path, destination: Path, target_dir: Path, *, keep_damaged: bool
) -> _DatabaseCopy:
    """Copy ``source`` into ``destination`` with the backup API and check the copy.

    With ``keep_damaged`` (the safety backup before a restore) a damaged file is kept byte for
    byte instead, with its side files."""
    if keep_damaged and not _has_sqlite_header(source):
        # Not even SQLite's header: open nothing, SQLite could delete the side files on close.
        return _raw_copy(source)
    try:
        src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise _source_error(source, exc) from exc
    damaged: sqlite3.Error | None = None
    try:
        try:
            dst = sqlite3.connect(destination)
        except sqlite3.Error as exc:
            raise _write_error(target_dir, exc) from exc
        try:
            # pages=-1: one step, so the copy is one consistent snapshot of committed data.
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            check = dst.execute("PRAGMA integrity_check").fetchall()
            if check != [("ok",)]:
                log.error("integrity_check of the copy of %s: %s", source, check[:10])
                raise sqlite3.DatabaseError("integrity_check failed")
            application_id = dst.execute("PRAGMA application_id").fetchone()[0]
            user_version = dst.execute("PRAGMA user_version").fetchone()[0]
            office_name = _office_name(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        code = _sqlite_code(exc)
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "integrity_check" in str(exc):
            damaged = exc
        elif code in (_SQLITE_BUSY, _SQLITE_LOCKED):
            raise _source_error(source, exc) from exc
        else:
            raise _write_error(target_dir, exc) from exc
    finally:
        src.close()
    if damaged is not None:
        if keep_damaged:
            log.warning("%s is damaged (%s); keeping its bytes as they are", source, damaged)
            return _raw_copy(source)  # after close: side files SQLite kept are taken too
        raise StorageError(
            f"ฐานข้อมูล “{source}” เสียหาย จึงสำรองข้อมูลไม่ได้ (สำเนาจะใช้กู้คืนไม่ได้)"
            " — อย่าลบไฟล์สำรองเดิมที่มีอยู่ และกู้คืนจากไฟล์สำรองล่าสุดที่ยังดี"
        ) from damaged
    if application_id != schema.APPLICATION_ID:
        raise StorageError(
            f"ไฟล์ “{source}” ไม่ใช่ฐานข้อมูลของ ITADesk จึงไม่สำรองไฟล์นี้"
            " — เลือกไฟล์ฐานข้อมูลของ ITADesk (นามสกุล .sqlite3)"
        )
    return _DatabaseCopy(destination, user_version, office_name, damaged=False)


def _raw_copy(source: Path) -> _DatabaseCopy:
    sides = tuple(
        (DATABASE_MEMBER + suffix, side)
        for suffix in DAMAGED_SIDE_SUFFIXES
        if (side := source.with_name(source.name + suffix)).is_file()
    )
    return _DatabaseCopy(source, 0, "", damaged=True, sides=sides)


def _has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _office_name(conn: sqlite3.Connection) -> str:
    try:
        row = conn.execute("SELECT name FROM office WHERE id = 1").fetchone()
    except sqlite3.Error:
        return ""
    return str(row[0]) if row and row[0] is not None else ""


def _attachment_files(folder: Path) -> list[tuple[str, Path]]:
    """(ZIP-relative POSIX name, file) for every regular file under ``folder``, sorted."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise StorageError(
            f"“{folder}” ควรเป็นโฟลเดอร์ไฟล์หลักฐาน แต่เป็นไฟล์ จึงสำรองข้อมูลไม่ได้"
            " — ย้ายหรือเปลี่ยนชื่อไฟล์นั้น แล้วสำรองใหม่"
        )

    def walk_error(exc: OSError) -> None:
        raise _attachment_read_error(Path(exc.filename or folder), exc) from exc

    found: list[tuple[str, Path]] = []
    for root, dirs, names in os.walk(folder, onerror=walk_error):
        dirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            # Links could pull in files from anywhere on the PC; clerks' folders have none.
            if path.is_symlink() or not path.is_file():
                log.warning("Backup skips %s: not a regular file", path)
                continue
            relative = path.relative_to(folder).as_posix()
            if _unsafe_name(ATTACHMENTS_PREFIX + relative):
                raise StorageError(
                    f'ชื่อไฟล์หลักฐาน “{path}” ใช้บน Windows ไม่ได้ (มีอักขระ \\ / : * ? " < > |'
                    " ลงท้ายด้วยจุดหรือช่องว่าง หรือเป็นชื่อสงวน เช่น CON) จึงสำรองข้อมูลไม่ได้"
                    " — เปลี่ยนชื่อไฟล์นั้นแล้วสำรองใหม่"
                )
            found.append((relative, path))
    return found


def _add_file(archive: zipfile.ZipFile, member: str, source: Path, when: datetime | None) -> _Entry:
    try:
        info_stat = source.stat()
    except OSError as exc:
        raise _attachment_read_error(source, exc) from exc
    info = _zip_info(member, when if when is not None else info_stat.st_mtime)
    info.file_size = info_stat.st_size  # lets zipfile switch to ZIP64 for huge files
    if source.suffix.lower() in _STORED_SUFFIXES:
        info.compress_type = zipfile.ZIP_STORED
    size, digest = _copy_into_zip(archive, info, source)
    return _Entry(member, size, digest)


def _copy_into_zip(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: Path
) -> tuple[int, str]:
    """Stream ``source`` into the archive; return its size and SHA-256 as written."""
    digest = hashlib.sha256()
    size = 0
    try:
        handle = source.open("rb")
    except OSError as exc:
        raise _attachment_read_error(source, exc) from exc
    with handle, archive.open(info, "w") as out:
        while True:
            try:
                chunk = handle.read(_CHUNK)
            except OSError as exc:
                raise _attachment_read_error(source, exc) from exc
            if not chunk:
                break
            digest.update(chunk)
            out.write(chunk)  # an OSError here is the target's (disk full …)
            size += len(chunk)
    return size, digest.hexdigest()


def _manifest_json(
    db_path: Path, copy: _DatabaseCopy, entries: list[_Entry], when: datetime, label: str
) -> bytes:
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "app_version": __version__,
        "schema_version": copy.schema_version,
        "created_at": when.isoformat(timespec="seconds"),
        "office_name": copy.office_name,
        "database_file": db_path.name,
        "label": label,
        "files": [{"path": e.path, "size": e.size, "sha256": e.sha256} for e in entries],
    }
    if copy.damaged:
        manifest["database_damaged"] = True
    return json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")


def _zip_info(name: str, when: datetime | float) -> zipfile.ZipInfo:
    moment = when if isinstance(when, datetime) else datetime.fromtimestamp(when)
    # ZIP stores local time from 1980 to 2107 only.
    stamp = max(min(moment.timetuple()[:6], (2107, 12, 31, 23, 59, 58)), (1980, 1, 1, 0, 0, 0))
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def _make_partial(folder: Path, kind: str) -> Path:
    fd, name = tempfile.mkstemp(
        prefix=f"{_PARTIAL_PREFIX}{kind}", suffix=_PARTIAL_SUFFIX, dir=folder
    )
    os.close(fd)
    return Path(name)


def _free_name(target: Path) -> Path:
    """``target`` or, if a backup of the same second exists, ``…-2``, ``…-3`` …"""
    base = target.name[: -len(BACKUP_SUFFIX)]
    counter = 2
    while target.exists():
        target = target.with_name(f"{base}-{counter}{BACKUP_SUFFIX}")
        counter += 1
    return target


def _remove_stale_partials(folder: Path) -> None:
    limit = time.time() - _STALE_PARTIAL_SECONDS
    for entry in folder.iterdir():
        if not entry.name.startswith(_PARTIAL_PREFIX) or _PARTIAL_SUFFIX not in entry.name:
            continue
        with contextlib.suppress(OSError):
            if entry.is_file() and entry.stat().st_mtime < limit:
                entry.unlink()
                log.info("Removed the leftover of an interrupted backup: %s", entry)


# --------------------------------------------------------------------------- verify


def verify_backup(path: Path) -> BackupInfo:
    """Check a backup completely without changing anything; raise a Thai StorageError if it
    cannot be restored (damaged, tampered, unsafe names, not ours, newer ITADesk)."""
    with tempfile.TemporaryDirectory(prefix="itadesk-verify-") as work:
        info, _manifest = _verify(Path(path).absolute(), Path(work))
    return info


def _verify(path: Path, work: Path) -> tuple[BackupInfo, _Manifest]:
    if path.is_dir():
        raise _not_ours(path, "เป็นโฟลเดอร์ ไม่ใช่ไฟล์")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise StorageError(
            f"ไม่พบไฟล์สำรอง “{path}” — ตรวจสอบว่าเสียบแฟลชไดรฟ์แล้ว และเลือกไฟล์ให้ถูกต้อง"
        ) from None
    except OSError as exc:
        raise _backup_read_error(path, exc) from exc
    db_copy = work / DATABASE_MEMBER
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _read_manifest(archive, path)
            for entry in manifest.entries:
                if entry.path == DATABASE_MEMBER and not manifest.database_damaged:
                    _extract_entry(archive, entry, db_copy, path)
                else:
                    _hash_entry(archive, entry, path)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
        raise _damaged(path, str(exc)) from exc
    except OSError as exc:
        raise _backup_read_error(path, exc) from exc
    if manifest.database_damaged:
        raise StorageError(
            f"ไฟล์สำรอง “{path}” เก็บฐานข้อมูลที่เสียหายไว้ตามสภาพเดิม (ทำไว้ก่อนกู้คืน)"
            " จึงใช้กู้คืนไม่ได้ — เลือกไฟล์สำรองอื่น หรือส่งไฟล์นี้ให้ผู้ดูแลระบบตรวจสอบ"
        )
    _check_database_copy(db_copy, path, manifest)
    info = BackupInfo(
        created_at=manifest.created_at,
        office_name=manifest.office_name,
        schema_version=manifest.schema_version,
        size=size,
        attachment_count=manifest.attachment_count,
        path=path,
        app_version=manifest.app_version,
        label=manifest.label,
        database_file=manifest.database_file,
    )
    return info, manifest


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> _Manifest:
    """Check every member's name and flags, read the manifest and match it to the members."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        name = info.filename
        if _unsafe_name(name) or _unsafe_name(info.orig_filename) or _is_symlink(info):
            if name.endswith("/") and not _unsafe_name(name.rstrip("/")):
                raise _damaged(path, f"มีโฟลเดอร์ “{name}” ที่ไม่อยู่ในรายการของไฟล์สำรอง")
            raise StorageError(
                f"ไฟล์สำรอง “{path}” มีรายการที่ไม่ปลอดภัย (“{name}” ชี้ออกนอกโฟลเดอร์ข้อมูล"
                " หรือเป็นลิงก์) ITADesk จึงไม่ใช้ไฟล์นี้และไม่ได้เขียนไฟล์ใดเลย"
                " — ไฟล์นี้อาจถูกดัดแปลง ให้ใช้ไฟล์สำรองที่สร้างจาก ITADesk โดยตรง"
            )
        if name in members:
            raise _damaged(path, f"มีไฟล์ “{name}” ซ้ำกัน")
        if info.flag_bits & 0x1:
            raise _not_ours(path, "มีไฟล์ที่เข้ารหัสผ่าน")
        members[name] = info
    if MANIFEST_NAME not in members:
        raise _not_ours(path, f"ไม่มีรายการไฟล์ {MANIFEST_NAME}")
    if members[MANIFEST_NAME].file_size > _MAX_MANIFEST_BYTES:
        raise _damaged(path, f"{MANIFEST_NAME} ใหญ่ผิดปกติ")
    try:
        data = json.loads(archive.read(MANIFEST_NAME).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _damaged(path, f"อ่าน {MANIFEST_NAME} ไม่ได้") from exc
    if not isinstance(data, dict):
        raise _damaged(path, f"{MANIFEST_NAME} ผิดรูปแบบ")
    format_name = data.get("format")
    if format_name != FORMAT:
        if isinstance(format_name, str) and format_name.startswith(FORMAT_PREFIX):
            raise _newer(path, f"รูปแบบ {format_name}")
        raise _not_ours(path, f"{MANIFEST_NAME} ไม่ได้มาจาก ITADesk")
    version = data.get("schema_version")
    if not _is_int(version) or version < 0:
        raise _damaged(path, "ไม่ระบุรุ่นโครงสร้างฐานข้อมูล")
    if version > schema.SCHEMA_VERSION:
        raise _newer(path, f"โครงสร้างรุ่นที่ {version}")
    try:
        created_at = datetime.fromisoformat(str(data.get("created_at")))
    except ValueError as exc:
        raise _damaged(path, "วันเวลาที่สำรองผิดรูปแบบ") from exc
    damaged_db = data.get("database_damaged", False) is True
    entries = _manifest_entries(data.get("files"), path, damaged_db)
    listed = {entry.path for entry in entries}
    for name in sorted(members):
        if name != MANIFEST_NAME and name not in listed:
            raise _damaged(path, f"มีไฟล์ “{name}” ที่ไม่อยู่ในรายการของไฟล์สำรอง")
    for entry in entries:
        if entry.path not in members:
            raise _damaged(path, f"ขาดไฟล์ “{entry.path}”")
        if members[entry.path].file_size != entry.size:
            raise _tampered(path, entry.path)
    return _Manifest(
        entries=entries,
        created_at=created_at,
        office_name=_text(data.get("office_name")),
        schema_version=version,
        app_version=_text(data.get("app_version")),
        label=_text(data.get("label")),
        database_file=_text(data.get("database_file")),
        database_damaged=damaged_db,
    )


def _manifest_entries(files: object, path: Path, damaged_db: bool) -> tuple[_Entry, ...]:
    if not isinstance(files, list):
        raise _damaged(path, "ไม่มีรายการไฟล์ใน manifest")
    entries: list[_Entry] = []
    seen: set[str] = set()
    for item in files:
        if not isinstance(item, dict):
            raise _damaged(path, "รายการไฟล์ใน manifest ผิดรูปแบบ")
        name, size, digest = item.get("path"), item.get("size"), item.get("sha256")
        if (
            not isinstance(name, str)
            or not _is_int(size)
            or size < 0
            or not isinstance(digest, str)
            or re.fullmatch(r"[0-9a-f]{64}", digest) is None
            or name in seen
        ):
            raise _damaged(path, f"รายการไฟล์ “{name}” ใน manifest ผิดรูปแบบ")
        allowed = (
            name == DATABASE_MEMBER
            or (damaged_db and name in {DATABASE_MEMBER + s for s in DAMAGED_SIDE_SUFFIXES})
            or (name.startswith(ATTACHMENTS_PREFIX) and len(name) > len(ATTACHMENTS_PREFIX))
        )
        if not allowed or _unsafe_name(name):
            raise StorageError(
                f"ไฟล์สำรอง “{path}” มีรายการที่ไม่ปลอดภัย (“{name}”) ITADesk จึงไม่ใช้ไฟล์นี้"
                " — ไฟล์นี้อาจถูกดัดแปลง ให้ใช้ไฟล์สำรองที่สร้างจาก ITADesk โดยตรง"
            )
        seen.add(name)
        entries.append(_Entry(name, size, digest))
    if DATABASE_MEMBER not in seen:
        raise _damaged(path, f"ไม่มีฐานข้อมูล {DATABASE_MEMBER}")
    return tuple(entries)


def _hash_entry(archive: zipfile.ZipFile, entry: _Entry, backup: Path) -> None:
    digest = hashlib.sha256()
    size = 0
    with archive.open(entry.path) as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    if size != entry.size or digest.hexdigest() != entry.sha256:
        raise _tampered(backup, entry.path)


def _extract_entry(archive: zipfile.ZipFile, entry: _Entry, dest: Path, backup: Path) -> None:
    """Write one member to ``dest`` (which must not exist), checking size and SHA-256."""
    digest = hashlib.sha256()
    size = 0
    # "xb": never overwrite; two names that Windows treats as one are refused here.
    with archive.open(entry.path) as stream, dest.open("xb") as out:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if size != entry.size or digest.hexdigest() != entry.sha256:
        raise _tampered(backup, entry.path)


def _check_database_copy(db_file: Path, backup: Path, manifest: _Manifest) -> None:
    with db_file.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise _damaged(backup, "ฐานข้อมูลในไฟล์สำรองไม่ใช่ไฟล์ SQLite")
    conn = sqlite3.connect(db_file)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            log.error("integrity_check of the database in %s: %s", backup, check[:10])
            raise _damaged(backup, "ฐานข้อมูลในไฟล์สำรองไม่สมบูรณ์")
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        applied = _applied_migrations(conn)
    except sqlite3.DatabaseError as exc:
        raise _damaged(backup, "ฐานข้อมูลในไฟล์สำรองผิดรูปแบบ") from exc
    finally:
        conn.close()
    if application_id != schema.APPLICATION_ID:
        raise _not_ours(backup, "ฐานข้อมูลข้างในเป็นของโปรแกรมอื่น")
    known = set(schema.migration_names())
    unknown = [name for name in applied if name not in known]
    if user_version > schema.SCHEMA_VERSION or unknown:
        raise _newer(backup, f"โครงสร้างรุ่นที่ {max(user_version, len(applied))}")
    if user_version != manifest.schema_version:
        raise _damaged(backup, "รุ่นของฐานข้อมูลไม่ตรงกับที่บันทึกไว้")


def _applied_migrations(conn: sqlite3.Connection) -> list[str]:
    table = schema.MIGRATIONS.migrations_table
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    if exists is None:
        return []
    rows = conn.execute(
        f"SELECT name FROM [{table}] WHERE migration_set = ? ORDER BY rowid",
        [schema.MIGRATIONS.name],
    )
    return [row[0] for row in rows]


def _unsafe_name(name: str) -> bool:
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


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


# --------------------------------------------------------------------------- restore


def restore_backup(
    backup: Path,
    db_path: Path,
    *,
    safety_dir: Path,
    lock: OfficeLock | None = None,
    holder: str = "itadesk restore",
) -> RestoreResult:
    """Replace the office at ``db_path`` (database and attachments) with ``backup``.

    Order: check the whole backup (nothing is touched if anything is wrong) → take the office
    lock (refused while a window has the file open) → save the current data into
    ``safety_dir`` → extract next to the database → swap in with renames → open and migrate.

    The window passes the ``lock`` it already holds (its store closed): the file then stays
    locked from before the restore until the window reopens it, with no gap for another
    process."""
    backup = Path(backup).absolute()
    db_path = Path(db_path).absolute()
    folder = db_path.parent
    attachments = attachments_dir(db_path)
    with tempfile.TemporaryDirectory(prefix="itadesk-verify-") as work:
        info, manifest = _verify(backup, Path(work))
    if db_path.is_dir():
        raise StorageError(
            f"“{db_path}” เป็นโฟลเดอร์ ไม่ใช่ไฟล์ฐานข้อมูล — ระบุชื่อไฟล์ เช่น “{db_path / 'itadesk.sqlite3'}”"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _restore_write_error(folder, exc) from exc

    with contextlib.ExitStack() as held:
        if lock is None:
            lock = held.enter_context(OfficeLock(db_path, holder))
        elif not lock.held:
            raise ValueError("restore_backup was given an office lock that is not held")
        state = _current_state(db_path)
        _check_free_space(folder, manifest)
        safety: Path | None = None
        keep_attachments_at: Path | None = None
        if state in ("healthy", "damaged"):
            if state == "healthy":
                _checkpoint(db_path)
            safety = _safety_backup(db_path, safety_dir, damaged=state == "damaged")
        elif _has_files(attachments):
            # Evidence without its database: not deleted, renamed aside for the clerk.
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            keep_attachments_at = _free_path(folder / f"{attachments.name}-{SAFETY_LABEL}-{stamp}")
        _extract_and_swap(backup, manifest, db_path, attachments, keep_attachments_at)
        try:
            store = open_store(db_path, create=False, lock=lock, backups_dir=backups_dir(db_path))
        except StorageError as exc:
            where = f" ข้อมูลเดิมเก็บไว้ที่ “{safety}”" if safety else ""
            raise StorageError(f"{exc.message} (กู้คืนไฟล์แล้วแต่เปิดไม่ได้{where})") from exc
        version = store.schema_version
        store.close()
    log.info("Restored %s from %s (safety backup %s)", db_path, backup, safety)
    return RestoreResult(db_path, attachments, info, safety, keep_attachments_at, version)


StateName = Literal["absent", "empty", "healthy", "damaged"]


def _current_state(db_path: Path) -> StateName:
    """What is at ``db_path`` now; refuses another program's healthy database."""
    try:
        with db_path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return "absent"
    except OSError as exc:
        raise StorageError(
            f"อ่านไฟล์ฐานข้อมูล “{db_path}” ไม่ได้ ({os_error_th(exc)}) จึงยังไม่ได้กู้คืน"
            " — ตรวจสอบสิทธิ์และไดรฟ์ที่เก็บไฟล์ แล้วลองใหม่"
        ) from exc
    if not header:
        return "empty"
    if header != SQLITE_HEADER:
        return "damaged"
    conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application_id != schema.APPLICATION_ID:
            if tables or application_id != 0:
                raise StorageError(
                    f"ไฟล์ “{db_path}” เป็นฐานข้อมูลของโปรแกรมอื่น ไม่ใช่ของ ITADesk"
                    " จึงไม่กู้คืนทับไฟล์นี้ — ระบุชื่อไฟล์ฐานข้อมูลของ ITADesk หรือชื่อไฟล์ใหม่"
                )
            return "empty"
        check = conn.execute("PRAGMA integrity_check").fetchall()
        return "healthy" if check == [("ok",)] else "damaged"
    except sqlite3.DatabaseError as exc:
        if _sqlite_code(exc) in (_SQLITE_BUSY, _SQLITE_LOCKED):
            raise _in_use_error(db_path) from exc
        if _sqlite_code(exc) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return "damaged"
        raise StorageError(
            f"อ่านไฟล์ฐานข้อมูล “{db_path}” ไม่ได้ ({exc}) จึงยังไม่ได้กู้คืน — ตรวจสอบไดรฟ์ที่เก็บไฟล์ แล้วลองใหม่"
        ) from exc
    finally:
        conn.close()


def _checkpoint(db_path: Path) -> None:
    """Fold the -wal into the database so moving the side files aside loses nothing."""
    conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.OperationalError as exc:
        raise _in_use_error(db_path) from exc
    finally:
        conn.close()
    if busy:
        raise _in_use_error(db_path)


def _safety_backup(db_path: Path, safety_dir: Path, *, damaged: bool) -> Path:
    try:
        return _write_backup(
            db_path, Path(safety_dir), label=SAFETY_LABEL, when=None, keep_damaged=damaged
        )
    except StorageError as exc:
        raise StorageError(
            "ยังไม่ได้กู้คืนและข้อมูลปัจจุบันยังอยู่ครบ: ก่อนกู้คืนต้องเก็บข้อมูลปัจจุบันเป็นไฟล์สำรอง"
            f" แต่ทำไม่สำเร็จ — {exc.message}"
        ) from exc


def _check_free_space(folder: Path, manifest: _Manifest) -> None:
    needed = sum(entry.size for entry in manifest.entries) + _SPACE_MARGIN
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # unknown: the writes themselves will tell
    if free < needed:
        raise StorageError(
            f"ดิสก์ที่เก็บโฟลเดอร์ “{folder}” มีพื้นที่ว่างไม่พอสำหรับกู้คืน"
            f" (ต้องการประมาณ {needed // (1 << 20) + 1} MB) จึงยังไม่ได้กู้คืนและข้อมูลปัจจุบันยังอยู่ครบ"
            " — ลบไฟล์ที่ไม่ใช้แล้วเพื่อเพิ่มพื้นที่ว่าง แล้วกู้คืนใหม่"
        )


def _extract_and_swap(
    backup: Path,
    manifest: _Manifest,
    db_path: Path,
    attachments: Path,
    keep_attachments_at: Path | None,
) -> None:
    folder = db_path.parent
    try:
        # Next to the target: same filesystem, so every swap below is a rename.
        staging = Path(tempfile.mkdtemp(prefix=_RESTORE_PREFIX, dir=folder))
    except OSError as exc:
        raise _restore_write_error(folder, exc) from exc
    try:
        new = staging / "new"
        try:
            (new / "attachments").mkdir(parents=True)
            (staging / "old").mkdir()
        except OSError as exc:
            raise _restore_write_error(folder, exc) from exc
        _extract_all(backup, manifest, new)
        _swap(staging, db_path, attachments, keep_attachments_at)
    finally:
        try:
            shutil.rmtree(staging)
        except OSError:
            # e.g. Windows: an old evidence file still open in a viewer. Harmless leftover.
            log.warning("Could not remove the restore folder %s", staging, exc_info=True)


def _extract_all(backup: Path, manifest: _Manifest, new: Path) -> None:
    root = new.resolve()
    try:
        with zipfile.ZipFile(backup) as archive:
            for entry in manifest.entries:
                if entry.path == DATABASE_MEMBER:
                    dest = new / DATABASE_MEMBER
                else:
                    dest = new.joinpath(*entry.path.split("/"))
                # Belt and braces after the name checks: nothing may land outside ``new``.
                resolved = dest.resolve()
                if resolved == root or not resolved.is_relative_to(root):
                    raise StorageError(
                        f"ไฟล์สำรอง “{backup}” มีรายการที่ไม่ปลอดภัย (“{entry.path}”)"
                        " ITADesk จึงไม่กู้คืนจากไฟล์นี้"
                    )
                try:
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    _extract_entry(archive, entry, dest, backup)
                except FileExistsError as exc:
                    raise _damaged(
                        backup, f"มีชื่อไฟล์ “{entry.path}” ซ้ำกับไฟล์อื่นเมื่อไม่แยกตัวพิมพ์เล็กใหญ่"
                    ) from exc
                with contextlib.suppress(KeyError, OSError, ValueError, OverflowError):
                    modified = datetime(*archive.getinfo(entry.path).date_time).timestamp()
                    os.utime(dest, (modified, modified))
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, KeyError) as exc:
        raise _damaged(backup, f"ไฟล์ถูกเปลี่ยนระหว่างกู้คืน ({exc})") from exc
    except OSError as exc:
        raise _restore_write_error(new.parent.parent, exc) from exc


def _swap(
    staging: Path, db_path: Path, attachments: Path, keep_attachments_at: Path | None
) -> None:
    """Rename the old side files and attachments aside, the new ones in, the database last
    (atomic: at every moment ``db_path`` is the old or the new file); undo on failure."""
    new, old = staging / "new", staging / "old"
    moved: list[tuple[Path, Path]] = []  # (original place, where it went) for the undo
    new_attachments_in = False
    try:
        # An old -wal/-journal next to the new file would be applied to it and corrupt it.
        for suffix in _SQLITE_SIDE_SUFFIXES:
            side = db_path.with_name(db_path.name + suffix)
            if side.exists() or side.is_symlink():
                os.replace(side, old / side.name)
                moved.append((side, old / side.name))
        if attachments.exists() or attachments.is_symlink():
            aside = keep_attachments_at or old / "attachments"
            os.replace(attachments, aside)
            moved.append((attachments, aside))
        os.replace(new / "attachments", attachments)
        new_attachments_in = True
        os.replace(new / DATABASE_MEMBER, db_path)
    except OSError as exc:
        _undo_swap(moved, attachments, new if new_attachments_in else None)
        raise StorageError(
            f"สลับไฟล์ข้อมูลใน “{db_path.parent}” ไม่สำเร็จ ({os_error_th(exc)}) จึงยังไม่ได้กู้คืน"
            " — ปิดโปรแกรมอื่นที่เปิดฐานข้อมูลหรือไฟล์หลักฐานอยู่ (เช่น โปรแกรมดู PDF) แล้วกู้คืนใหม่"
        ) from exc
    _fsync_dir(db_path.parent)


def _undo_swap(moved: list[tuple[Path, Path]], attachments: Path, new: Path | None) -> None:
    try:
        if new is not None:
            os.replace(attachments, new / "attachments")
        for original, aside in reversed(moved):
            os.replace(aside, original)
    except OSError:
        log.critical("Could not undo a failed restore swap: %s", moved, exc_info=True)


def _has_files(folder: Path) -> bool:
    try:
        return folder.is_dir() and any(p.is_file() for p in folder.rglob("*"))
    except OSError:
        return True  # cannot tell: keep it


def _free_path(target: Path) -> Path:
    candidate, counter = target, 2
    while candidate.exists():
        candidate = target.with_name(f"{target.name}-{counter}")
        counter += 1
    return candidate


# --------------------------------------------------------------------------- helpers, messages


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def _sqlite_code(exc: sqlite3.Error) -> int:
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":
        return  # directories cannot be opened for fsync there; NTFS journals renames
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _reason(exc: BaseException) -> str:
    return os_error_th(exc) if isinstance(exc, OSError) else str(exc)


def _is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return isinstance(exc, sqlite3.Error) and _sqlite_code(exc) == _SQLITE_FULL


def _is_read_only(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _write_error(folder: Path, exc: BaseException) -> StorageError:
    """A Thai message for a failed write into the backup folder; old backups are untouched."""
    untouched = "ยังไม่ได้สร้างไฟล์สำรองใหม่ และไฟล์สำรองเดิมยังอยู่ครบ"
    if _is_full(exc):
        return StorageError(
            f"ดิสก์ที่เก็บโฟลเดอร์ “{folder}” เต็ม จึงสำรองข้อมูลไม่สำเร็จ ({untouched})"
            " — ลบไฟล์ที่ไม่ใช้แล้ว หรือเลือกแฟลชไดรฟ์/โฟลเดอร์อื่นที่มีพื้นที่ว่าง แล้วสำรองใหม่"
        )
    if _is_read_only(exc):
        return StorageError(
            f"เขียนลงโฟลเดอร์ “{folder}” ไม่ได้ (เป็นแบบอ่านอย่างเดียวหรือไม่มีสิทธิ์เขียน)"
            f" จึงสำรองข้อมูลไม่สำเร็จ ({untouched}) — ตรวจสอบว่าแฟลชไดรฟ์ไม่ได้เลื่อนล็อกกันเขียน"
            " หรือเลือกโฟลเดอร์อื่นที่เขียนได้ แล้วสำรองใหม่"
        )
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return StorageError(
            f"ไฟล์สำรองใหญ่เกินกว่าที่ไดรฟ์ของโฟลเดอร์ “{folder}” รับได้ (FAT32 รับได้ไม่เกิน 4 GB)"
            f" ({untouched}) — ใช้แฟลชไดรฟ์ที่ฟอร์แมตเป็น exFAT หรือ NTFS แล้วสำรองใหม่"
        )
    return StorageError(
        f"สำรองข้อมูลลงโฟลเดอร์ “{folder}” ไม่สำเร็จ ({_reason(exc)}) ({untouched})"
        " — ตรวจสอบว่าแฟลชไดรฟ์หรือไดรฟ์ยังเชื่อมต่ออยู่ แล้วสำรองใหม่"
    )


def _restore_write_error(folder: Path, exc: BaseException) -> StorageError:
    untouched = "จึงยังไม่ได้กู้คืน และข้อมูลปัจจุบันยังอยู่ครบ"
    if _is_full(exc):
        return StorageError(
            f"ดิสก์ที่เก็บโฟลเดอร์ “{folder}” เต็ม {untouched} — ลบไฟล์ที่ไม่ใช้แล้วเพื่อเพิ่มพื้นที่ว่าง แล้วกู้คืนใหม่"
        )
    if _is_read_only(exc):
        return StorageError(
            f"เขียนลงโฟลเดอร์ “{folder}” ไม่ได้ (เป็นแบบอ่านอย่างเดียวหรือไม่มีสิทธิ์เขียน) {untouched}"
            " — เลือกโฟลเดอร์ที่เขียนได้ เช่น โฟลเดอร์เอกสารของคุณ แล้วกู้คืนใหม่"
        )
    return StorageError(
        f"เขียนไฟล์ลงโฟลเดอร์ “{folder}” ไม่สำเร็จ ({_reason(exc)}) {untouched}"
        " — ตรวจสอบว่าไดรฟ์ยังเชื่อมต่ออยู่ แล้วกู้คืนใหม่"
    )


def _source_error(path: Path, exc: BaseException) -> StorageError:
    if isinstance(exc, sqlite3.Error) and _sqlite_code(exc) in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return _in_use_error(path)
    return StorageError(
        f"อ่านฐานข้อมูล “{path}” ไม่ได้ ({_reason(exc)}) จึงสำรองข้อมูลไม่สำเร็จ"
        " — ตรวจสอบว่าไฟล์ยังอยู่และไดรฟ์ยังเชื่อมต่ออยู่ แล้วลองใหม่"
    )


def _attachment_read_error(path: Path, exc: OSError) -> StorageError:
    return StorageError(
        f"อ่านไฟล์หลักฐาน “{path}” ไม่ได้ ({_reason(exc)}) จึงสำรองข้อมูลไม่สำเร็จ"
        " (ไฟล์สำรองเดิมยังอยู่ครบ) — ปิดโปรแกรมที่เปิดไฟล์นั้นอยู่ หรือตรวจสอบสิทธิ์การอ่าน แล้วสำรองใหม่"
    )


def _in_use_error(path: Path) -> StorageError:
    return StorageError(
        f"ฐานข้อมูล “{path}” กำลังถูกโปรแกรมอื่นใช้งานอยู่ จึงทำรายการนี้ไม่ได้ในขณะนี้"
        " — ปิดโปรแกรมอื่นที่เปิดไฟล์นี้อยู่ (เช่น โปรแกรมดูฐานข้อมูล) แล้วลองใหม่"
    )


def _backup_read_error(path: Path, exc: OSError) -> StorageError:
    return StorageError(
        f"อ่านไฟล์สำรอง “{path}” ไม่ได้ ({_reason(exc)}) — ตรวจสอบว่าแฟลชไดรฟ์ยังเสียบอยู่"
        " หรือคัดลอกไฟล์สำรองมาไว้ในเครื่องก่อน แล้วลองใหม่"
    )


def _damaged(path: Path, detail: str) -> StorageError:
    return StorageError(
        f"ไฟล์สำรอง “{path}” เสียหายหรือไม่ครบ ({detail}) ITADesk จึงไม่ใช้ไฟล์นี้"
        " — อาจคัดลอกมาไม่ครบหรือถอดแฟลชไดรฟ์ระหว่างคัดลอก ให้คัดลอกไฟล์สำรองมาใหม่ หรือเลือกไฟล์สำรองอื่น"
    )


def _tampered(path: Path, member: str) -> StorageError:
    return _damaged(path, f"ไฟล์ “{member}” ไม่ตรงกับที่บันทึกไว้ตอนสำรอง")


def _not_ours(path: Path, detail: str) -> StorageError:
    return StorageError(
        f"ไฟล์ “{path}” ไม่ใช่ไฟล์สำรองของ ITADesk ({detail})"
        f" — เลือกไฟล์ที่ชื่อลงท้ายด้วย {BACKUP_SUFFIX} ซึ่งสร้างจากคำสั่งสำรองข้อมูลของ ITADesk"
    )


def _newer(path: Path, detail: str) -> StorageError:
    return StorageError(
        f"ไฟล์ “{path}” สำรองจาก ITADesk รุ่นที่ใหม่กว่า ({detail}"
        f" แต่โปรแกรมนี้รู้จักถึงโครงสร้างรุ่นที่ {schema.SCHEMA_VERSION}) จึงยังกู้คืนไม่ได้"
        " — โปรดปรับปรุงโปรแกรม ITADesk เป็นรุ่นล่าสุดแล้วกู้คืนอีกครั้ง"
    )
