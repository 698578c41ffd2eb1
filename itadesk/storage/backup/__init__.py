"""Backups a clerk can carry on a USB stick: one ZIP with the database and its evidence files.

Format ``itadesk-backup/1``::

    manifest.json        format, app and schema version, time, office, and for every other
                         entry its path, size and SHA-256
    database.sqlite3     a consistent copy made with SQLite's online backup API, checked
    attachments/<path>   every file of the office's attachments folder (UTF-8 names)

The package, by job:

* :mod:`.naming` — member names, the backup's file name, listing and pruning by that name;
* :mod:`.archive` — writing a backup (atomically, through ``itadesk.fileio``) and the Thai
  messages for a failed write;
* :mod:`.verify` — checking a whole backup without touching anything, and the messages for
  one that cannot be used;
* :mod:`.restore` — safety backup, extract, swap with renames, reopen.

Callers import from ``itadesk.storage.backup``; the names below are the public ones.
"""

from __future__ import annotations

from itadesk.storage.backup.archive import create_backup, create_backup_from_file
from itadesk.storage.backup.naming import (
    ATTACHMENTS_PREFIX,
    BACKUP_SUFFIX,
    DATABASE_MEMBER,
    FORMAT,
    MANIFEST_NAME,
    SAFETY_LABEL,
    backup_date,
    backup_file_name,
    is_backup_name,
    list_backups,
    prune_backups,
)
from itadesk.storage.backup.restore import RestoreResult, restore_backup
from itadesk.storage.backup.verify import BackupInfo, verify_backup

__all__ = [
    "ATTACHMENTS_PREFIX",
    "BACKUP_SUFFIX",
    "DATABASE_MEMBER",
    "FORMAT",
    "MANIFEST_NAME",
    "SAFETY_LABEL",
    "BackupInfo",
    "RestoreResult",
    "backup_date",
    "backup_file_name",
    "create_backup",
    "create_backup_from_file",
    "is_backup_name",
    "list_backups",
    "prune_backups",
    "restore_backup",
    "verify_backup",
]
