"""Restoring a backup: check it whole (``verify``), take the office lock, keep the current data
as a safety backup, extract next to the database and swap the new files in with renames (the
database last, so at every moment it is the old file or the new one), undoing the swap if a
rename fails; then open and migrate. Also the Thai messages for a restore that cannot write.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from itadesk.errors import StorageError
from itadesk.fileio import ArchiveLimitError, fsync_folder, os_error_th
from itadesk.paths import attachments_dir, backups_dir
from itadesk.storage import migrations as schema
from itadesk.storage.backup.archive import (
    SQLITE_BUSY,
    SQLITE_CORRUPT,
    SQLITE_LOCKED,
    SQLITE_NOTADB,
    in_use_error,
    is_full,
    is_read_only,
    reason,
    sqlite_code,
    write_backup,
)
from itadesk.storage.backup.naming import DATABASE_MEMBER, SAFETY_LABEL
from itadesk.storage.backup.verify import (
    BackupInfo,
    Manifest,
    check_backup,
    damaged,
    extract_entry,
)
from itadesk.storage.database import BUSY_TIMEOUT_MS, SQLITE_HEADER, open_store
from itadesk.storage.lock import OfficeLock
from itadesk.storage.wal import set_aside_foreign_wal

log = logging.getLogger(__name__)

_RESTORE_PREFIX = ".itadesk-restore-"
_SPACE_MARGIN = 16 << 20
_SQLITE_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


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
        info, manifest = check_backup(backup, Path(work))
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
        # A -wal that is not this file's own must not be folded into the data kept as the
        # safety backup (it is set aside, kept, like at every open).
        set_aside = set_aside_foreign_wal(db_path)
        state = _current_state(db_path)
        if state == "damaged" and set_aside is not None:
            set_aside.put_back()  # kept byte for byte in the safety backup; never opened
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
        if sqlite_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED):
            raise in_use_error(db_path) from exc
        if sqlite_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB):
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
        raise in_use_error(db_path) from exc
    finally:
        conn.close()
    if busy:
        raise in_use_error(db_path)


def _safety_backup(db_path: Path, safety_dir: Path, *, damaged: bool) -> Path:
    try:
        return write_backup(
            db_path, Path(safety_dir), label=SAFETY_LABEL, when=None, keep_damaged=damaged
        )
    except StorageError as exc:
        raise StorageError(
            "ยังไม่ได้กู้คืนและข้อมูลปัจจุบันยังอยู่ครบ: ก่อนกู้คืนต้องเก็บข้อมูลปัจจุบันเป็นไฟล์สำรอง"
            f" แต่ทำไม่สำเร็จ — {exc.message}"
        ) from exc


def _check_free_space(folder: Path, manifest: Manifest) -> None:
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
    manifest: Manifest,
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


def _extract_all(backup: Path, manifest: Manifest, new: Path) -> None:
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
                    extract_entry(archive, entry, dest, backup)
                except FileExistsError as exc:
                    raise damaged(
                        backup, f"มีชื่อไฟล์ “{entry.path}” ซ้ำกับไฟล์อื่นเมื่อไม่แยกตัวพิมพ์เล็กใหญ่"
                    ) from exc
                with contextlib.suppress(KeyError, OSError, ValueError, OverflowError):
                    modified = datetime(*archive.getinfo(entry.path).date_time).timestamp()
                    os.utime(dest, (modified, modified))
    except (
        zipfile.BadZipFile,
        EOFError,
        zlib.error,
        NotImplementedError,
        KeyError,
        ArchiveLimitError,
    ) as exc:
        raise damaged(backup, f"ไฟล์ถูกเปลี่ยนระหว่างกู้คืน ({exc})") from exc
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
    fsync_folder(db_path.parent)


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


def _restore_write_error(folder: Path, exc: BaseException) -> StorageError:
    untouched = "จึงยังไม่ได้กู้คืน และข้อมูลปัจจุบันยังอยู่ครบ"
    if is_full(exc):
        return StorageError(
            f"ดิสก์ที่เก็บโฟลเดอร์ “{folder}” เต็ม {untouched} — ลบไฟล์ที่ไม่ใช้แล้วเพื่อเพิ่มพื้นที่ว่าง แล้วกู้คืนใหม่"
        )
    if is_read_only(exc):
        return StorageError(
            f"เขียนลงโฟลเดอร์ “{folder}” ไม่ได้ (เป็นแบบอ่านอย่างเดียวหรือไม่มีสิทธิ์เขียน) {untouched}"
            " — เลือกโฟลเดอร์ที่เขียนได้ เช่น โฟลเดอร์เอกสารของคุณ แล้วกู้คืนใหม่"
        )
    return StorageError(
        f"เขียนไฟล์ลงโฟลเดอร์ “{folder}” ไม่สำเร็จ ({reason(exc)}) {untouched}"
        " — ตรวจสอบว่าไดรฟ์ยังเชื่อมต่ออยู่ แล้วกู้คืนใหม่"
    )
