"""BackupService and the backup/restore commands: default folder, one automatic backup a day,
restore after the store is closed, Thai output and errors."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from itadesk.errors import StorageError, UserError
from itadesk.paths import attachments_dir, backups_dir
from itadesk.services.backup import (
    restore_into,
)
from itadesk.services.demo import DEMO_OFFICE
from itadesk.storage.backup import backup_date, list_backups, verify_backup
from itadesk.storage.database import open_store


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _cli(*argv: str) -> int:
    """Run an ``itadesk`` command (raises UserError as cli.run does)."""
    from itadesk import cli

    return cli.run(cli.parse(list(argv)))


def test_backup_now_defaults_to_the_backups_folder(demo_services, db_path: Path, tmp_path: Path):
    service = demo_services.backups
    (attachments_dir(db_path)).mkdir()
    (attachments_dir(db_path) / "คำสั่ง แต่งตั้ง.pdf").write_bytes(b"%PDF evidence")
    path = service.backup_now()
    assert path.parent == backups_dir(db_path) == service.default_dir
    info = verify_backup(path)
    assert info.office_name == DEMO_OFFICE.name and info.attachment_count == 1
    (tmp_path / "USB").mkdir()  # the stick; its ITADesk folder is made on the first backup
    usb = service.backup_now(tmp_path / "USB" / "ITADesk")
    assert usb.parent == tmp_path / "USB" / "ITADesk"
    assert service.backups() == [path]
    assert service.inspect(usb).office_name == DEMO_OFFICE.name


def test_daily_backup_only_once_a_day_and_pruned(demo_services, db_path: Path) -> None:
    service = demo_services.backups
    today = date.today()
    first = service.daily_backup_if_due(today)
    assert first is not None and backup_date(first) == today
    assert service.daily_backup_if_due(today) is None
    assert service.daily_backup_if_due(today) is None
    assert service.backups() == [first]
    made = [first]
    for offset in range(1, 4):
        made.append(service.daily_backup_if_due(today + timedelta(days=offset), keep=2))
        assert made[-1] is not None and backup_date(made[-1]) == today + timedelta(days=offset)
    assert service.backups() == [made[3], made[2]]  # pruned to the newest two


def test_manual_backup_today_counts_as_the_daily_one(demo_services, db_path: Path) -> None:
    service = demo_services.backups
    manual = service.backup_now()
    assert service.daily_backup_if_due(date.today()) is None
    assert service.backups() == [manual]


def test_restore_into_after_closing_keeps_current_data(demo_services, store, db_path: Path) -> None:
    service = demo_services.backups
    backup = service.backup_now()
    at_backup = _dump(db_path)
    profile = demo_services.office.profile()
    demo_services.office.save(dataclasses.replace(profile, phone="0 4299 9999"))
    changed = _dump(db_path)
    assert changed != at_backup

    with pytest.raises(StorageError) as caught:  # the same window still has it open
        restore_into(backup, db_path)
    assert "อีกหน้าต่างหนึ่ง" in caught.value.message

    store.close()
    result = restore_into(backup, db_path)
    assert _dump(db_path) == at_backup
    assert result.safety_backup is not None and result.safety_backup.parent == backups_dir(db_path)
    with open_store(db_path) as reopened:
        assert reopened.db.execute("SELECT phone FROM office").fetchone()[0] == DEMO_OFFICE.phone
    # The kept copy holds the data from just before the restore.
    restore_into(result.safety_backup, db_path)
    assert _dump(db_path) == changed


def test_cli_backup_and_restore(
    demo_services, store, db_path: Path, tmp_path: Path, capsys
) -> None:
    store.close()
    rows = _dump(db_path)
    usb = tmp_path / "usb"
    assert _cli("backup", "--db", str(db_path), "-o", str(usb)) == 0
    out = capsys.readouterr().out
    (backup,) = list_backups(usb)
    assert "สำรองข้อมูลของ" in out and DEMO_OFFICE.name in out and str(backup) in out

    db_path.unlink()
    assert _cli("restore", "--db", str(db_path), str(backup)) == 0
    out = capsys.readouterr().out
    assert "กู้คืนข้อมูลของ" in out and str(backup) in out
    assert _dump(db_path) == rows


def test_cli_backup_defaults_to_backups_beside_the_database(
    demo_services, store, db_path: Path, capsys
) -> None:
    args = ("--db", str(db_path), "backup")
    # While the office is open (here: this process's store) the command is refused in Thai:
    # it must not open the live database with SQLite (storage/lock.py).
    with pytest.raises(UserError) as caught:
        _cli(*args)
    assert "เปิดอยู่ในโปรแกรม ITADesk อีกหน้าต่างหนึ่ง" in caught.value.message
    assert list_backups(backups_dir(db_path)) == []
    store.close()
    assert _cli(*args) == 0
    assert len(list_backups(backups_dir(db_path))) == 1
    assert "สำรองข้อมูล" in capsys.readouterr().out


def test_cli_errors_are_thai_user_errors(db_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "ไม่มี.sqlite3"
    with pytest.raises(UserError) as caught:
        _cli("backup", "--db", str(missing))
    assert caught.value.exit_code == 2 and "ไม่พบไฟล์ฐานข้อมูล" in caught.value.message

    bogus = tmp_path / "รูป.itadesk-backup.zip"
    bogus.write_bytes(b"not a zip at all")
    with pytest.raises(UserError) as caught:
        _cli("restore", "--db", str(db_path), str(bogus))
    assert caught.value.exit_code == 2 and "เสียหายหรือไม่ครบ" in caught.value.message
    assert not db_path.exists()
