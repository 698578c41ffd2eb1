"""Writing a backup: one ZIP with a consistent copy of the database, the office's evidence files
and a manifest of their sizes and SHA-256 (written last, from what was really written).

No file name can stop a backup. An evidence file whose name could not be restored on every
platform (a Windows device name such as ``CON.pdf``, a forbidden character, a trailing dot,
a very long name — files attached before evidence got generated names) goes into the ZIP
under a generated safe name; the backup's own copy of the database is pointed at that name
(the clerk's label stays), and the manifest's ``renamed`` map records member → original name.
The live attachments folder is never touched.

The ZIP is written to a hidden temporary file in the target folder, fsynced, and renamed to its
final name only when complete (``itadesk.fileio``), so an interrupted backup never leaves a half
file under a backup's name and never replaces a good one. The Thai messages for what can go
wrong while writing (disk full, read-only stick, FAT32's 4 GB, a locked evidence file, a
database in use or damaged) live here.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from itadesk import __version__, fileio
from itadesk.domain.validation import strip_bidi
from itadesk.errors import StorageError
from itadesk.fileio import FileDigest, ZipMember, generated_file_name, os_error_th, zip_date_time
from itadesk.paths import attachments_dir
from itadesk.storage import migrations as schema
from itadesk.storage.backup.naming import (
    ATTACHMENTS_PREFIX,
    DAMAGED_SIDE_SUFFIXES,
    DATABASE_MEMBER,
    FORMAT,
    MANIFEST_NAME,
    PARTIAL_PREFIX,
    PARTIAL_SUFFIX,
    backup_file_name,
    free_name,
    remove_stale_partials,
    unsafe_member_name,
)
from itadesk.storage.database import BUSY_TIMEOUT_MS, SQLITE_HEADER, Store, copy_database
from itadesk.storage.repositories.tracking import rename_evidence_files

log = logging.getLogger(__name__)

SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB = 5, 6, 11, 13, 26
# A part of an evidence path longer than this is stored under a generated name in a backup:
# restored into a deep folder on Windows it could pass the 260-character path limit.
MAX_MEMBER_PART = 120
RENAMED_FOLDER = "renamed"


@dataclass(frozen=True)
class _Attachment:
    member: str  # the POSIX path inside attachments/ in the ZIP (always safe)
    source: Path
    original: str | None = None  # the file's own relative name when it had to be renamed


@dataclass(frozen=True)
class _DatabaseCopy:
    source: Path  # the file that goes into the ZIP as database.sqlite3
    schema_version: int
    office_name: str
    damaged: bool
    sides: tuple[tuple[str, Path], ...] = ()  # (member, file) kept with a damaged database


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
    return write_backup(Path(db_path), Path(target_dir), label=label, when=when)


def write_backup(
    db_path: Path,
    target_dir: Path,
    *,
    label: str,
    when: datetime | None,
    keep_damaged: bool = False,
) -> Path:
    """Write the backup of ``db_path`` and its attachments into ``target_dir``. With
    ``keep_damaged`` (the safety backup before a restore) a damaged database is kept byte for
    byte instead of refused."""
    db_path = db_path.absolute()
    target_dir = target_dir.absolute()
    when = (when or datetime.now()).astimezone()
    if not db_path.is_file():
        raise StorageError(
            f"ไม่พบไฟล์ฐานข้อมูล “{db_path}” จึงสำรองข้อมูลไม่ได้ — ตรวจสอบชื่อและตำแหน่งไฟล์อีกครั้ง"
        )
    attachments = attachments_dir(db_path)
    _refuse_target_inside(target_dir, attachments, db_path)
    problem = fileio.output_target_problem(target_dir, folder=True)
    if problem is not None:
        raise StorageError(f"{problem} (ยังไม่ได้สร้างไฟล์สำรอง)")
    files = _attachment_files(attachments)
    renames = {f.original: f.member for f in files if f.original is not None}
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        remove_stale_partials(target_dir)
    except OSError as exc:
        raise write_error(target_dir, exc) from exc
    stamp = zip_date_time(when)
    try:
        with contextlib.ExitStack() as cleanup:
            db_partial = cleanup.enter_context(
                fileio.sibling_temp_file(
                    target_dir, prefix=f"{PARTIAL_PREFIX}db-", suffix=PARTIAL_SUFFIX
                )
            )
            journal = db_partial.with_name(db_partial.name + "-journal")
            cleanup.callback(fileio.remove_quietly, journal)
            copy = _copy_database(
                db_path, db_partial, target_dir, keep_damaged=keep_damaged, renames=renames
            )
            members = [ZipMember(DATABASE_MEMBER, copy.source, stamp)]
            members += [ZipMember(member, side, stamp) for member, side in copy.sides]
            members += [
                ZipMember(ATTACHMENTS_PREFIX + file.member, file.source, _modified(file.source))
                for file in files
            ]

            def manifest(digests: list[FileDigest]) -> tuple[str, bytes]:
                return MANIFEST_NAME, _manifest_json(db_path, copy, digests, when, label, renames)

            zip_partial = cleanup.enter_context(
                fileio.sibling_temp_file(target_dir, prefix=PARTIAL_PREFIX, suffix=PARTIAL_SUFFIX)
            )
            with zip_partial.open("wb") as raw:
                fileio.write_zip(raw, members, manifest=manifest, manifest_time=stamp)
            final = free_name(target_dir / backup_file_name(copy.office_name, db_path, when, label))
            # The stick may be pulled right after "done": the bytes must be on it first.
            fileio.publish_file(zip_partial, final)
    except fileio.SourceReadError as exc:
        raise attachment_read_error(exc.source, exc.error) from exc
    except OSError as exc:
        raise write_error(target_dir, exc) from exc
    log.info("Backed up %s (%d attachments) to %s", db_path, len(files), final)
    return final


def _modified(source: Path) -> tuple[int, int, int, int, int, int]:
    """An evidence file keeps its own time in the ZIP."""
    try:
        return zip_date_time(source.stat().st_mtime)
    except OSError as exc:
        raise attachment_read_error(source, exc) from exc


def _copy_database(
    source: Path,
    destination: Path,
    target_dir: Path,
    *,
    keep_damaged: bool,
    renames: dict[str, str] | None = None,
) -> _DatabaseCopy:
    """Copy ``source`` into ``destination`` with the backup API and check the copy; evidence
    files stored under ``renames`` (old → new relative name) are pointed at their new names
    in the copy. A database from a newer ITADesk is refused before anything is written.

    With ``keep_damaged`` (the safety backup before a restore) a damaged file is kept byte for
    byte instead, with its side files."""
    if keep_damaged and not _has_sqlite_header(source):
        # Not even SQLite's header: open nothing, SQLite could delete the side files on close.
        return _raw_copy(source)
    try:
        src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise source_error(source, exc) from exc
    damaged: sqlite3.Error | None = None
    try:
        with copy_database(src, destination, check="integrity_check") as copy:
            application_id = copy.execute("PRAGMA application_id").fetchone()[0]
            user_version = copy.execute("PRAGMA user_version").fetchone()[0]
            office_name = _office_name(copy)
            applied = applied_migrations(copy)
            if (
                application_id == schema.APPLICATION_ID
                and renames
                and not _is_newer(user_version, applied)
            ):
                rename_evidence_files(copy, renames)
    except sqlite3.Error as exc:
        code = sqlite_code(exc)
        if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "integrity_check" in str(exc):
            damaged = exc
        elif code in (SQLITE_BUSY, SQLITE_LOCKED):
            raise source_error(source, exc) from exc
        else:
            raise write_error(target_dir, exc) from exc
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
    if _is_newer(user_version, applied):
        # Such a backup could never be restored by this ITADesk: say so before writing it.
        raise StorageError(
            f"ฐานข้อมูล “{source}” สร้างด้วย ITADesk รุ่นที่ใหม่กว่า (โครงสร้างรุ่นที่"
            f" {max(user_version, len(applied))} แต่โปรแกรมนี้รู้จักถึงรุ่นที่ {schema.SCHEMA_VERSION})"
            " จึงไม่สำรองด้วยโปรแกรมรุ่นนี้ (ไฟล์สำรองจะกู้คืนด้วยรุ่นนี้ไม่ได้) และไม่ได้สร้างไฟล์ใด"
            " — ปรับปรุงโปรแกรม ITADesk เป็นรุ่นล่าสุดแล้วสำรองอีกครั้ง"
        )
    return _DatabaseCopy(destination, user_version, office_name, damaged=False)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations applied to the database of ``conn``, in order."""
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


def _is_newer(user_version: int, applied: list[str]) -> bool:
    known = set(schema.migration_names())
    return user_version > schema.SCHEMA_VERSION or any(name not in known for name in applied)


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


def _refuse_target_inside(target_dir: Path, attachments: Path, db_path: Path) -> None:
    """A backup written into the attachments folder would be backed up by the next backup,
    and so on: 5, 10, 21, 42 MB …"""
    try:
        inside = target_dir.resolve().is_relative_to(attachments.resolve())
    except OSError:
        inside = target_dir.absolute().is_relative_to(attachments.absolute())
    if inside:
        raise StorageError(
            f"โฟลเดอร์ “{target_dir}” อยู่ในโฟลเดอร์ไฟล์หลักฐาน “{attachments}” ของฐานข้อมูล"
            f" “{db_path.name}” จึงเก็บไฟล์สำรองไว้ที่นั่นไม่ได้ (ไฟล์สำรองจะถูกสำรองซ้ำทุกครั้งจนใหญ่ขึ้นเรื่อย ๆ)"
            " และยังไม่ได้สร้างไฟล์ใด — เลือกโฟลเดอร์อื่น เช่น แฟลชไดรฟ์ หรือโฟลเดอร์ backups"
        )


def _needs_safe_name(relative: str) -> bool:
    """True for an evidence path that could not be restored on every platform."""
    return unsafe_member_name(ATTACHMENTS_PREFIX + relative) or any(
        len(part) > MAX_MEMBER_PART for part in relative.split("/")
    )


def _safe_member(relative: str, taken: set[str]) -> str:
    """A generated safe name for ``relative`` in the same folder when that folder is safe,
    else in ``renamed/``; never one already ``taken``."""
    parent, _, name = relative.rpartition("/")
    if not parent or _needs_safe_name(f"{parent}/x"):
        parent = RENAMED_FOLDER
    member = f"{parent}/{generated_file_name(name)}"
    while member.lower() in taken:
        member = f"{parent}/{generated_file_name(name)}"
    return member


def _attachment_files(folder: Path) -> list[_Attachment]:
    """Every regular file under ``folder``, sorted, with its (always safe) member name."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise StorageError(
            f"“{folder}” ควรเป็นโฟลเดอร์ไฟล์หลักฐาน แต่เป็นไฟล์ จึงสำรองข้อมูลไม่ได้"
            " — ย้ายหรือเปลี่ยนชื่อไฟล์นั้น แล้วสำรองใหม่"
        )

    def walk_error(exc: OSError) -> None:
        raise attachment_read_error(Path(exc.filename or folder), exc) from exc

    found: list[tuple[str, Path]] = []
    for root, dirs, names in os.walk(folder, onerror=walk_error):
        dirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            # Links could pull in files from anywhere on the PC; clerks' folders have none.
            if path.is_symlink() or not path.is_file():
                log.warning("Backup skips %s: not a regular file", path)
                continue
            found.append((path.relative_to(folder).as_posix(), path))
    taken = {relative.lower() for relative, _ in found}
    files: list[_Attachment] = []
    for relative, path in found:
        if _needs_safe_name(relative):
            member = _safe_member(relative, taken)
            taken.add(member.lower())
            log.info("Backup stores %s as %s (a name not every platform accepts)", path, member)
            files.append(_Attachment(member, path, relative))
        else:
            files.append(_Attachment(relative, path))
    return files


def _manifest_json(
    db_path: Path,
    copy: _DatabaseCopy,
    entries: list[FileDigest],
    when: datetime,
    label: str,
    renames: dict[str, str],
) -> bytes:
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "app_version": __version__,
        "schema_version": copy.schema_version,
        "created_at": when.isoformat(timespec="seconds"),
        "office_name": strip_bidi(copy.office_name),
        "database_file": db_path.name,
        "label": label,
        "files": [{"path": e.path, "size": e.size, "sha256": e.sha256} for e in entries],
    }
    if renames:
        # member → the file's name in the office's attachments folder when backed up
        manifest["renamed"] = {
            ATTACHMENTS_PREFIX + new: ATTACHMENTS_PREFIX + old for old, new in renames.items()
        }
    if copy.damaged:
        manifest["database_damaged"] = True
    return json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")


# --------------------------------------------------------------------------- errors, messages


def sqlite_code(exc: sqlite3.Error) -> int:
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def reason(exc: BaseException) -> str:
    return os_error_th(exc) if isinstance(exc, OSError) else str(exc)


def is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return fileio.is_disk_full(exc)
    return isinstance(exc, sqlite3.Error) and sqlite_code(exc) == SQLITE_FULL


def is_read_only(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return fileio.is_read_only(exc)
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def write_error(folder: Path, exc: BaseException) -> StorageError:
    """A Thai message for a failed write into the backup folder; old backups are untouched."""
    untouched = "ยังไม่ได้สร้างไฟล์สำรองใหม่ และไฟล์สำรองเดิมยังอยู่ครบ"
    if is_full(exc):
        return StorageError(
            f"ดิสก์ที่เก็บโฟลเดอร์ “{folder}” เต็ม จึงสำรองข้อมูลไม่สำเร็จ ({untouched})"
            " — ลบไฟล์ที่ไม่ใช้แล้ว หรือเลือกแฟลชไดรฟ์/โฟลเดอร์อื่นที่มีพื้นที่ว่าง แล้วสำรองใหม่"
        )
    if is_read_only(exc):
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
        f"สำรองข้อมูลลงโฟลเดอร์ “{folder}” ไม่สำเร็จ ({reason(exc)}) ({untouched})"
        " — ตรวจสอบว่าแฟลชไดรฟ์หรือไดรฟ์ยังเชื่อมต่ออยู่ แล้วสำรองใหม่"
    )


def source_error(path: Path, exc: BaseException) -> StorageError:
    if isinstance(exc, sqlite3.Error) and sqlite_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED):
        return in_use_error(path)
    return StorageError(
        f"อ่านฐานข้อมูล “{path}” ไม่ได้ ({reason(exc)}) จึงสำรองข้อมูลไม่สำเร็จ"
        " — ตรวจสอบว่าไฟล์ยังอยู่และไดรฟ์ยังเชื่อมต่ออยู่ แล้วลองใหม่"
    )


def attachment_read_error(path: Path, exc: OSError) -> StorageError:
    return StorageError(
        f"อ่านไฟล์หลักฐาน “{path}” ไม่ได้ ({reason(exc)}) จึงสำรองข้อมูลไม่สำเร็จ"
        " (ไฟล์สำรองเดิมยังอยู่ครบ) — ปิดโปรแกรมที่เปิดไฟล์นั้นอยู่ หรือตรวจสอบสิทธิ์การอ่าน แล้วสำรองใหม่"
    )


def in_use_error(path: Path) -> StorageError:
    return StorageError(
        f"ฐานข้อมูล “{path}” กำลังถูกโปรแกรมอื่นใช้งานอยู่ จึงทำรายการนี้ไม่ได้ในขณะนี้"
        " — ปิดโปรแกรมอื่นที่เปิดไฟล์นี้อยู่ (เช่น โปรแกรมดูฐานข้อมูล) แล้วลองใหม่"
    )
