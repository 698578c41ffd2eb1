"""Backing up and restoring an office: "back up now", one automatic backup a day, a backup of
a file that is not open here (``itadesk backup``), and restore.

A restore replaces the database file, so it cannot run while this process has it open:
:meth:`OfficeSession.restore <itadesk.services.session.OfficeSession.restore>` closes the
store (keeping the office lock), calls :func:`restore_into`, then opens the file again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from itadesk.errors import StorageError
from itadesk.paths import backups_dir
from itadesk.services.settings import SettingsService
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
from itadesk.storage.wal import set_aside_foreign_wal

log = logging.getLogger(__name__)

DEFAULT_KEEP = 10
AUTO_LABEL = "auto"


class BackupService:
    """Backups of the office open in ``store`` (whose file is ``db_path``)."""

    def __init__(
        self, store: Store, db_path: Path, settings: SettingsService | None = None
    ) -> None:
        self._store = store
        self._db_path = Path(db_path)
        self._settings = settings

    @property
    def default_dir(self) -> Path:
        """Where the app's automatic backups go: the folder the clerk chose on the settings
        page (a network or cloud-synced folder is fine: each backup is one finished file,
        renamed into place only when complete), else ``backups/`` beside the database."""
        chosen = self._settings.backup_folder() if self._settings is not None else None
        return chosen or backups_dir(self._db_path)

    def backup_now(self, target_dir: Path | None = None) -> Path:
        """Back up database and attachments into ``target_dir`` (default :attr:`default_dir`),
        e.g. a USB stick; return the new file. Safe to call from a worker thread."""
        folder = Path(target_dir) if target_dir is not None else self.default_dir
        return create_backup(self._store, folder)

    def daily_backup_if_due(self, today: date, keep: int = DEFAULT_KEEP) -> Path | None:
        """On the first start of a day, back up into :attr:`default_dir` and keep only the
        newest ``keep`` backups there; None if a backup of ``today`` already exists."""
        return self.daily_backup_job(today, keep)()

    def daily_backup_job(self, today: date, keep: int = DEFAULT_KEEP) -> Callable[[], Path | None]:
        """:meth:`daily_backup_if_due` as a job for a worker thread: the backup folder is
        read from the database here, on its thread; the job touches only files (the copy is
        read through a connection of its own)."""
        folder = self.default_dir
        db_path = self._store.path

        def back_up() -> Path | None:
            if any(backup_date(path) == today for path in list_backups(folder)):
                return None
            now = datetime.now()
            when = now if now.date() == today else datetime.combine(today, now.time())
            path = create_backup_from_file(db_path, folder, label=AUTO_LABEL, when=when)
            deleted = prune_backups(folder, keep)
            log.info("Daily backup %s; pruned %d old backups", path, len(deleted))
            return path

        return back_up

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


@dataclass(frozen=True)
class MadeBackup:
    path: Path
    info: BackupInfo  # read back from what was written (e.g. onto the stick)
    notices_th: tuple[str, ...] = ()  # e.g. a -wal from elsewhere that was set aside


def backup_office_file(db_path: Path, target_dir: Path | None = None, *, holder: str) -> MadeBackup:
    """Back up an office file that is not open in this process (the command line): under the
    office lock like every entry point, so it is refused while a window has the file open."""
    db_path = Path(db_path).absolute()
    if not db_path.is_file():
        raise StorageError(f"ไม่พบไฟล์ฐานข้อมูล “{db_path}” — ตรวจสอบชื่อและตำแหน่งไฟล์ของหน่วยงานอีกครั้ง")
    folder = Path(target_dir) if target_dir is not None else backups_dir(db_path)
    with OfficeLock(db_path, holder):
        # Like every open: a -wal that is not this file's own is kept out of the backup.
        set_aside = set_aside_foreign_wal(db_path)
        path = create_backup_from_file(db_path, folder)
    notices = (set_aside.message_th,) if set_aside else ()
    return MadeBackup(path, verify_backup(path), notices)
