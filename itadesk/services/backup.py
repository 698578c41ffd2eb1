"""Backing up and restoring an office: "back up now", one automatic backup a day, restore, and
the ``itadesk backup`` / ``itadesk restore`` commands.

A restore replaces the database file, so it cannot run while this process has it open:
the window closes its store, calls :func:`restore_into`, then opens the file again.
"""

from __future__ import annotations

import argparse
import logging
from datetime import date, datetime
from pathlib import Path

from itadesk.errors import StorageError
from itadesk.paths import backups_dir, default_database_path
from itadesk.storage.backup import (
    BackupInfo,
    RestoreResult,
    backup_date,
    create_backup,
    create_backup_from_file,
    list_backups,
    prune_backups,
    restore_backup,
    verify_backup,
)
from itadesk.storage.database import Store
from itadesk.storage.lock import OfficeLock

log = logging.getLogger(__name__)

DEFAULT_KEEP = 10
AUTO_LABEL = "auto"


class BackupService:
    """Backups of the office open in ``store`` (whose file is ``db_path``)."""

    def __init__(self, store: Store, db_path: Path) -> None:
        self._store = store
        self._db_path = Path(db_path)

    @property
    def default_dir(self) -> Path:
        """``backups/`` beside the database (the app's automatic backups go there)."""
        return backups_dir(self._db_path)

    def backup_now(self, target_dir: Path | None = None) -> Path:
        """Back up database and attachments into ``target_dir`` (default :attr:`default_dir`),
        e.g. a USB stick; return the new file. Safe to call from a worker thread."""
        folder = Path(target_dir) if target_dir is not None else self.default_dir
        return create_backup(self._store, folder)

    def daily_backup_if_due(self, today: date, keep: int = DEFAULT_KEEP) -> Path | None:
        """On the first start of a day, back up into :attr:`default_dir` and keep only the
        newest ``keep`` backups there; None if a backup of ``today`` already exists."""
        folder = self.default_dir
        if any(backup_date(path) == today for path in list_backups(folder)):
            return None
        now = datetime.now()
        when = now if now.date() == today else datetime.combine(today, now.time())
        path = create_backup(self._store, folder, label=AUTO_LABEL, when=when)
        deleted = prune_backups(folder, keep)
        log.info("Daily backup %s; pruned %d old backups", path, len(deleted))
        return path

    def backups(self) -> list[Path]:
        """Backups in :attr:`default_dir`, newest first."""
        return list_backups(self.default_dir)

    @staticmethod
    def inspect(backup: Path) -> BackupInfo:
        """Check a backup fully and describe it (for the confirmation before a restore)."""
        return verify_backup(backup)


def restore_into(backup: Path, db_path: Path, lock: OfficeLock | None = None) -> RestoreResult:
    """Restore ``backup`` over the office at ``db_path``; the caller has closed its store and
    may pass the office ``lock`` it still holds.

    The current data is first kept as a backup in ``backups_dir(db_path)``."""
    return restore_backup(backup, db_path, safety_dir=backups_dir(db_path), lock=lock)


# --------------------------------------------------------------------------- command line


def cmd_backup(args: argparse.Namespace) -> int:
    """``itadesk backup [--db PATH] [-o DIR]``: under the office lock like every entry point —
    refused while a window has the file open (the window's own backup is in its menu)."""
    db_path = _db_path(args, "backup_db")
    output = getattr(args, "backup_output", None)
    folder = Path(output) if output is not None else backups_dir(db_path)
    with OfficeLock(db_path, "itadesk backup"):
        path = create_backup_from_file(db_path, folder)
    info = verify_backup(path)  # read back what went onto the stick
    print(f"สำรองข้อมูล{_office(info)}แล้ว: {path}")
    print(f"  ฐานข้อมูล {db_path} และไฟล์หลักฐาน {info.attachment_count} ไฟล์ ({_size(info.size)})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """``itadesk restore [--db PATH] BACKUP_FILE``: refused while a window has the file open."""
    db_path = _db_path(args, "restore_db", must_exist=False)
    result = restore_into(Path(args.backup_file), db_path)
    info = result.info
    print(
        f"กู้คืนข้อมูล{_office(info)}จาก {info.path} แล้ว"
        f" (สำรองเมื่อ {info.created_at:%d/%m/%Y %H:%M}, ไฟล์หลักฐาน {info.attachment_count} ไฟล์)"
    )
    print(f"  ฐานข้อมูล: {result.db_path}")
    print(f"  ไฟล์หลักฐาน: {result.attachments_dir}")
    if result.safety_backup is not None:
        print(f"  ข้อมูลเดิมก่อนกู้คืนเก็บไว้ที่: {result.safety_backup}")
    if result.kept_attachments is not None:
        print(f"  ไฟล์หลักฐานเดิมย้ายไปไว้ที่: {result.kept_attachments}")
    if result.migrated:
        print(
            f"  ปรับปรุงโครงสร้างฐานข้อมูลจากรุ่นที่ {info.schema_version}"
            f" เป็นรุ่นที่ {result.schema_version} แล้ว"
        )
    return 0


def _db_path(args: argparse.Namespace, own: str, *, must_exist: bool = True) -> Path:
    chosen = getattr(args, own, None) or getattr(args, "db", None)
    path = (
        Path(chosen)
        if chosen is not None
        else default_database_path(getattr(args, "data_dir", None))
    )
    if must_exist and not path.is_file():
        raise StorageError(f"ไม่พบไฟล์ฐานข้อมูล “{path}” — ระบุไฟล์ฐานข้อมูลของหน่วยงานด้วย --db")
    return path.absolute()


def _office(info: BackupInfo) -> str:
    return f"ของ “{info.office_name}” " if info.office_name else ""


def _size(size: int) -> str:
    if size < 1 << 20:
        return f"{max(size / 1024, 0.1):.1f} KB"
    return f"{size / (1 << 20):.1f} MB"
