"""Checking a backup completely before anything is restored from it, touching nothing: the
archive's size against :data:`BACKUP_LIMITS` (entry count, total uncompressed size, compression
ratio — from the central directory, before anything is unpacked), every member's name (no
zip-slip, nothing Windows would read differently), the manifest against the members, every
size and SHA-256 (reading capped at the declared size), and the database inside (SQLite, ours,
whole, not from a newer ITADesk), unpacked only after the temporary folder is known to have
room for it. Also the Thai messages for a backup that cannot be used (damaged, tampered, not
ours, newer, too large).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, TypeGuard

from itadesk.errors import StorageError
from itadesk.fileio import (
    ArchiveLimitError,
    FileDigest,
    ZipLimits,
    check_zip_limits,
    digest_stream,
    os_error_th,
)
from itadesk.storage import migrations as schema
from itadesk.storage.backup.archive import applied_migrations, reason
from itadesk.storage.backup.naming import (
    ATTACHMENTS_PREFIX,
    BACKUP_SUFFIX,
    DAMAGED_SIDE_SUFFIXES,
    DATABASE_MEMBER,
    FORMAT,
    FORMAT_PREFIX,
    MANIFEST_NAME,
    unsafe_member_name,
)
from itadesk.storage.database import SQLITE_HEADER

log = logging.getLogger(__name__)

_MAX_MANIFEST_BYTES = 16 << 20
#: What a backup may hold (module-level so a test can lower it). An office's evidence can
#: reach gigabytes, so the total is generous; a bomb is caught by its ratio: a database or a
#: scan never compresses 200 times.
BACKUP_LIMITS = ZipLimits(
    max_entries=100_000, max_total_size=32 << 30, max_ratio=200, ratio_floor=16 << 20
)
# Room kept free in the temporary folder besides the database being checked.
TEMP_MARGIN = 16 << 20


class TempWriteError(OSError):
    """Writing an extracted member failed: the fault is the folder written to (a full temp
    disk), not the backup."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.errno, error.strerror, error.filename)
        self.error = error


class _Sink:
    """A file written by extraction; its failures are :class:`TempWriteError`."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw

    def write(self, block: bytes) -> int:
        try:
            return self._raw.write(block)
        except OSError as exc:
            raise TempWriteError(exc) from exc


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
class Manifest:
    """What a backup's manifest.json says, checked against its members."""

    entries: tuple[FileDigest, ...]
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


def verify_backup(path: Path) -> BackupInfo:
    """Check a backup completely without changing anything; raise a Thai StorageError if it
    cannot be restored (damaged, tampered, unsafe names, not ours, newer ITADesk)."""
    with tempfile.TemporaryDirectory(prefix="itadesk-verify-") as work:
        info, _manifest = check_backup(Path(path).absolute(), Path(work))
    return info


def check_backup(path: Path, work: Path) -> tuple[BackupInfo, Manifest]:
    """The info and manifest of the backup at ``path``, or a Thai StorageError; the database
    inside is extracted into ``work`` to be checked."""
    if path.is_dir():
        raise _not_ours(path, "เป็นโฟลเดอร์ ไม่ใช่ไฟล์")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise StorageError(
            f"ไม่พบไฟล์สำรอง “{path}” — ตรวจสอบว่าเสียบแฟลชไดรฟ์แล้ว และเลือกไฟล์ให้ถูกต้อง"
        ) from None
    except OSError as exc:
        raise backup_read_error(path, exc) from exc
    if not path.is_file():  # a FIFO or a device would block or never end
        raise _not_ours(path, "ไม่ใช่ไฟล์ธรรมดา")
    db_copy = work / DATABASE_MEMBER
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                check_zip_limits(archive, BACKUP_LIMITS)
            except ArchiveLimitError as exc:
                raise too_large(path, exc.detail_th) from exc
            manifest = _read_manifest(archive, path)
            for entry in manifest.entries:
                if entry.path == DATABASE_MEMBER and not manifest.database_damaged:
                    _check_room(work, entry.size)
                    extract_entry(archive, entry, db_copy, path)
                else:
                    _hash_entry(archive, entry, path)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
        raise damaged(path, str(exc)) from exc
    except ArchiveLimitError as exc:
        raise _tampered(path, exc.detail_th) from exc
    except TempWriteError as exc:
        raise temp_write_error(work, exc.error) from exc
    except OSError as exc:
        raise backup_read_error(path, exc) from exc
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


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> Manifest:
    """Check every member's name and flags, read the manifest and match it to the members."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        name = info.filename
        if unsafe_member_name(name) or unsafe_member_name(info.orig_filename) or _is_symlink(info):
            if name.endswith("/") and not unsafe_member_name(name.rstrip("/")):
                raise damaged(path, f"มีโฟลเดอร์ “{name}” ที่ไม่อยู่ในรายการของไฟล์สำรอง")
            raise StorageError(
                f"ไฟล์สำรอง “{path}” มีรายการที่ไม่ปลอดภัย (“{name}” ชี้ออกนอกโฟลเดอร์ข้อมูล"
                " หรือเป็นลิงก์) ITADesk จึงไม่ใช้ไฟล์นี้และไม่ได้เขียนไฟล์ใดเลย"
                " — ไฟล์นี้อาจถูกดัดแปลง ให้ใช้ไฟล์สำรองที่สร้างจาก ITADesk โดยตรง"
            )
        if name in members:
            raise damaged(path, f"มีไฟล์ “{name}” ซ้ำกัน")
        if info.flag_bits & 0x1:
            raise _not_ours(path, "มีไฟล์ที่เข้ารหัสผ่าน")
        members[name] = info
    if MANIFEST_NAME not in members:
        raise _not_ours(path, f"ไม่มีรายการไฟล์ {MANIFEST_NAME}")
    if members[MANIFEST_NAME].file_size > _MAX_MANIFEST_BYTES:
        raise damaged(path, f"{MANIFEST_NAME} ใหญ่ผิดปกติ")
    try:
        data = json.loads(archive.read(MANIFEST_NAME).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        # RecursionError: 200,000 nested "[" — a manifest is never deeper than three levels.
        raise damaged(path, f"อ่าน {MANIFEST_NAME} ไม่ได้") from exc
    if not isinstance(data, dict):
        raise damaged(path, f"{MANIFEST_NAME} ผิดรูปแบบ")
    format_name = data.get("format")
    if format_name != FORMAT:
        if isinstance(format_name, str) and format_name.startswith(FORMAT_PREFIX):
            raise _newer(path, f"รูปแบบ {format_name}")
        raise _not_ours(path, f"{MANIFEST_NAME} ไม่ได้มาจาก ITADesk")
    version = data.get("schema_version")
    if not _is_int(version) or version < 0:
        raise damaged(path, "ไม่ระบุรุ่นโครงสร้างฐานข้อมูล")
    if version > schema.SCHEMA_VERSION:
        raise _newer(path, f"โครงสร้างรุ่นที่ {version}")
    try:
        created_at = datetime.fromisoformat(str(data.get("created_at")))
    except ValueError as exc:
        raise damaged(path, "วันเวลาที่สำรองผิดรูปแบบ") from exc
    damaged_db = data.get("database_damaged", False) is True
    entries = _manifest_entries(data.get("files"), path, damaged_db)
    listed = {entry.path for entry in entries}
    for name in sorted(members):
        if name != MANIFEST_NAME and name not in listed:
            raise damaged(path, f"มีไฟล์ “{name}” ที่ไม่อยู่ในรายการของไฟล์สำรอง")
    for entry in entries:
        if entry.path not in members:
            raise damaged(path, f"ขาดไฟล์ “{entry.path}”")
        if members[entry.path].file_size != entry.size:
            raise _tampered(path, entry.path)
    return Manifest(
        entries=entries,
        created_at=created_at,
        office_name=_text(data.get("office_name")),
        schema_version=version,
        app_version=_text(data.get("app_version")),
        label=_text(data.get("label")),
        database_file=_text(data.get("database_file")),
        database_damaged=damaged_db,
    )


def _manifest_entries(files: object, path: Path, damaged_db: bool) -> tuple[FileDigest, ...]:
    if not isinstance(files, list):
        raise damaged(path, "ไม่มีรายการไฟล์ใน manifest")
    entries: list[FileDigest] = []
    seen: set[str] = set()
    for item in files:
        if not isinstance(item, dict):
            raise damaged(path, "รายการไฟล์ใน manifest ผิดรูปแบบ")
        name, size, digest = item.get("path"), item.get("size"), item.get("sha256")
        if (
            not isinstance(name, str)
            or not _is_int(size)
            or size < 0
            or not isinstance(digest, str)
            or re.fullmatch(r"[0-9a-f]{64}", digest) is None
            or name in seen
        ):
            raise damaged(path, f"รายการไฟล์ “{name}” ใน manifest ผิดรูปแบบ")
        allowed = (
            name == DATABASE_MEMBER
            or (damaged_db and name in {DATABASE_MEMBER + s for s in DAMAGED_SIDE_SUFFIXES})
            or (name.startswith(ATTACHMENTS_PREFIX) and len(name) > len(ATTACHMENTS_PREFIX))
        )
        if not allowed or unsafe_member_name(name):
            raise StorageError(
                f"ไฟล์สำรอง “{path}” มีรายการที่ไม่ปลอดภัย (“{name}”) ITADesk จึงไม่ใช้ไฟล์นี้"
                " — ไฟล์นี้อาจถูกดัดแปลง ให้ใช้ไฟล์สำรองที่สร้างจาก ITADesk โดยตรง"
            )
        seen.add(name)
        entries.append(FileDigest(name, size, digest))
    if DATABASE_MEMBER not in seen:
        raise damaged(path, f"ไม่มีฐานข้อมูล {DATABASE_MEMBER}")
    return tuple(entries)


def _hash_entry(archive: zipfile.ZipFile, entry: FileDigest, backup: Path) -> None:
    with archive.open(entry.path) as stream:
        found = digest_stream(stream, max_bytes=entry.size)
    if found != (entry.size, entry.sha256):
        raise _tampered(backup, entry.path)


def _check_room(folder: Path, size: int) -> None:
    """The temporary folder must hold the database to be checked (else a Thai message that
    names that folder, not the backup)."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # unknown: the write itself will tell
    if free < size + TEMP_MARGIN:
        raise temp_write_error(folder, OSError(28, "No space left on device"), size)


def extract_entry(archive: zipfile.ZipFile, entry: FileDigest, dest: Path, backup: Path) -> None:
    """Write one member to ``dest`` (which must not exist), checking size and SHA-256; never
    more than the manifest's size is written. A failed write raises :class:`TempWriteError`."""
    # "xb": never overwrite; two names that Windows treats as one are refused here.
    try:
        out = dest.open("xb")
    except FileExistsError:
        raise
    except OSError as exc:
        raise TempWriteError(exc) from exc
    with archive.open(entry.path) as stream, out:
        found = digest_stream(stream, _Sink(out), max_bytes=entry.size)  # type: ignore[arg-type]
        try:
            out.flush()
            os.fsync(out.fileno())
        except OSError as exc:
            raise TempWriteError(exc) from exc
    if found != (entry.size, entry.sha256):
        raise _tampered(backup, entry.path)


def _check_database_copy(db_file: Path, backup: Path, manifest: Manifest) -> None:
    with db_file.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise damaged(backup, "ฐานข้อมูลในไฟล์สำรองไม่ใช่ไฟล์ SQLite")
    conn = sqlite3.connect(db_file)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            log.error("integrity_check of the database in %s: %s", backup, check[:10])
            raise damaged(backup, "ฐานข้อมูลในไฟล์สำรองไม่สมบูรณ์")
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        applied = applied_migrations(conn)
    except sqlite3.DatabaseError as exc:
        raise damaged(backup, "ฐานข้อมูลในไฟล์สำรองผิดรูปแบบ") from exc
    finally:
        conn.close()
    if application_id != schema.APPLICATION_ID:
        raise _not_ours(backup, "ฐานข้อมูลข้างในเป็นของโปรแกรมอื่น")
    known = set(schema.migration_names())
    unknown = [name for name in applied if name not in known]
    if user_version > schema.SCHEMA_VERSION or unknown:
        raise _newer(backup, f"โครงสร้างรุ่นที่ {max(user_version, len(applied))}")
    if user_version != manifest.schema_version:
        raise damaged(backup, "รุ่นของฐานข้อมูลไม่ตรงกับที่บันทึกไว้")


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


# --------------------------------------------------------------------------- messages


def backup_read_error(path: Path, exc: OSError) -> StorageError:
    return StorageError(
        f"อ่านไฟล์สำรอง “{path}” ไม่ได้ ({reason(exc)}) — ตรวจสอบว่าแฟลชไดรฟ์ยังเสียบอยู่"
        " หรือคัดลอกไฟล์สำรองมาไว้ในเครื่องก่อน แล้วลองใหม่"
    )


def too_large(path: Path, detail: str) -> StorageError:
    return StorageError(
        f"ไฟล์สำรอง “{path}” ใหญ่เกินกว่าที่ไฟล์สำรองของ ITADesk จะเป็นได้ ({detail})"
        " ITADesk จึงไม่ใช้ไฟล์นี้และไม่ได้แตกไฟล์ใดออกมา — ไฟล์นี้อาจถูกดัดแปลง"
        " ให้ใช้ไฟล์สำรองที่สร้างจาก ITADesk โดยตรง"
    )


def temp_write_error(folder: Path, exc: OSError, needed: int | None = None) -> StorageError:
    """The temporary folder (not the backup, not the stick) could not take the database."""
    size = f" (ต้องการประมาณ {needed // (1 << 20) + 1} MB)" if needed else ""
    return StorageError(
        f"ตรวจไฟล์สำรองไม่ได้ เพราะเขียนลงโฟลเดอร์ชั่วคราว “{folder}” ไม่ได้"
        f" ({os_error_th(exc)}){size} ยังไม่ได้กู้คืนและข้อมูลปัจจุบันยังอยู่ครบ"
        " — ลบไฟล์ที่ไม่ใช้แล้วในดิสก์ของเครื่องเพื่อเพิ่มพื้นที่ว่าง แล้วลองใหม่"
    )


def damaged(path: Path, detail: str) -> StorageError:
    return StorageError(
        f"ไฟล์สำรอง “{path}” เสียหายหรือไม่ครบ ({detail}) ITADesk จึงไม่ใช้ไฟล์นี้"
        " — อาจคัดลอกมาไม่ครบหรือถอดแฟลชไดรฟ์ระหว่างคัดลอก ให้คัดลอกไฟล์สำรองมาใหม่ หรือเลือกไฟล์สำรองอื่น"
    )


def _tampered(path: Path, member: str) -> StorageError:
    return damaged(path, f"ไฟล์ “{member}” ไม่ตรงกับที่บันทึกไว้ตอนสำรอง")


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
