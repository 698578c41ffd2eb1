"""Copying an office file to another folder (from a cloud-synced folder to this PC): a
consistent SQLite copy and the attachments beside it. The original is never changed, moved or
deleted; the clerk decides what to do with it."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path

from itadesk.errors import StorageError
from itadesk.fileio import os_error_th, output_target_problem, write_atomically
from itadesk.paths import attachments_dir
from itadesk.storage.database import BUSY_TIMEOUT_MS, copy_database
from itadesk.storage.lock import OfficeLock
from itadesk.storage.wal import set_aside_foreign_wal

log = logging.getLogger(__name__)


def copy_office_to(db_path: Path, folder: Path, *, holder: str = "window") -> Path:
    """Copy the office at ``db_path`` and its attachments folder into ``folder``; return the
    new database path. Under the office lock of the original (a -wal that is not its own is
    set aside first, like at every open). Refused with a Thai StorageError, having written
    nothing, when the copy's name is taken or the folder cannot be written."""
    db_path = Path(db_path).absolute()
    folder = Path(folder).absolute()
    target = folder / db_path.name
    problem = output_target_problem(folder, folder=True)
    if problem is not None:
        raise StorageError(problem)
    new_attachments = attachments_dir(target)
    for taken in (target, new_attachments):
        if taken.exists():
            raise StorageError(
                f"มี “{taken}” อยู่แล้ว จึงไม่คัดลอกฐานข้อมูลไปทับ — เปิดไฟล์นั้นแทน หรือย้ายไฟล์นั้นออกก่อน แล้วลองใหม่"
            )
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise StorageError(f"สร้างโฟลเดอร์ “{folder}” ไม่ได้ ({os_error_th(exc)})") from exc
    with OfficeLock(db_path, holder):
        set_aside_foreign_wal(db_path)
        source = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:

            def copy(partial: Path) -> None:
                with copy_database(source, partial):
                    pass

            write_atomically(target, copy)
            old_attachments = attachments_dir(db_path)
            if old_attachments.is_dir():
                shutil.copytree(old_attachments, new_attachments)
        except (OSError, sqlite3.Error) as exc:
            reason = os_error_th(exc) if isinstance(exc, OSError) else str(exc)
            raise StorageError(
                f"คัดลอกฐานข้อมูลไปที่ “{folder}” ไม่สำเร็จ ({reason}) ไฟล์เดิมยังอยู่ครบ"
                " — ตรวจว่าดิสก์มีพื้นที่ว่าง แล้วลองใหม่"
            ) from exc
        finally:
            source.close()
    log.info("Copied %s to %s", db_path, target)
    return target
