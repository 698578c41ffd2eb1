"""open_store: pragmas, files it must refuse without touching them, backups before migrating."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlite_utils import Database
from storage_helpers import dump, listing, pragma, sha256

from itadesk.errors import StorageError
from itadesk.storage import database
from itadesk.storage.database import open_store
from itadesk.storage.migrations import APPLICATION_ID, SCHEMA_VERSION, migration_names
from itadesk.storage.repositories import Repositories

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _assert_refused_untouched(path: Path, *needles: str) -> StorageError:
    """open_store must raise a Thai StorageError and leave the file and its folder as they were."""
    folder = path.parent
    before_bytes, before_files = sha256(path), listing(folder)
    with pytest.raises(StorageError) as caught:
        open_store(path)
    message = caught.value.message
    assert str(path) in message
    for needle in needles:
        assert needle in message
    assert sha256(path) == before_bytes
    assert listing(folder) == before_files  # no lock, -wal, -shm or backups left behind
    return caught.value


def _filled_database(path: Path) -> bytes:
    """A real database with enough rows to span many pages; returns its bytes."""
    with open_store(path) as store:
        repo = Repositories.of(store)
        for year in range(2560, 2580):
            repo.scores.set_indicator_scores(year, {i: Decimal(f"{i}.25") for i in range(1, 11)})
            repo.scores.set_item_scores(year, {f"O{i}": Decimal("100") for i in range(1, 40)})
    return path.read_bytes()


# --------------------------------------------------------------------------- creation, pragmas


def test_new_database_has_head_schema_and_pragmas(db_path: Path) -> None:
    with open_store(db_path) as store:
        db = store.db
        assert store.path == db_path
        assert store.schema_version == SCHEMA_VERSION == len(migration_names())
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert store.backup_path is None
        assert not (db_path.parent / "backups").exists()  # nothing to back up in a new file
    assert pragma(db_path, "user_version") == SCHEMA_VERSION
    # close() folded the WAL back and released the lock: only the database file remains.
    assert listing(db_path.parent) == [db_path.name]


def test_configure_sets_safety_pragmas_over_connection_defaults(db_path: Path) -> None:
    # This SQLite build already defaults to synchronous=FULL, so drive _configure from a
    # connection set otherwise to show that open_store asks for FULL itself.
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    db = Database(conn, execute_plugins=False)
    try:
        database._configure(db, db_path)
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_foreign_keys_and_checks_are_enforced(db_path: Path) -> None:
    with open_store(db_path) as store:
        db = store.db
        with pytest.raises(sqlite3.IntegrityError):  # no assessments row for 2567
            db.execute("INSERT INTO indicator_scores VALUES (2567, 1, 100)")
        db.execute("INSERT INTO assessments (fiscal_year, updated_at) VALUES (2567, 'x')")
        with pytest.raises(sqlite3.IntegrityError):  # a float never reaches the file
            db.execute("INSERT INTO indicator_scores VALUES (2567, 1, 86.92)")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO indicator_scores VALUES (2567, 1, 10001)")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO office (id, updated_at) VALUES (2, 'x')")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO settings VALUES ('k', 'not json')")
        db.execute("INSERT INTO indicator_scores VALUES (2567, 1, 8692)")
        db.execute("DELETE FROM assessments WHERE fiscal_year = 2567")
        assert db.execute("SELECT count(*) FROM indicator_scores").fetchone()[0] == 0  # CASCADE


def test_reopening_an_up_to_date_database_changes_nothing(db_path: Path) -> None:
    with open_store(db_path) as store:
        Repositories.of(store).settings.set_setting("x", 1)
    with open_store(db_path) as store:
        assert store.backup_path is None
        assert Repositories.of(store).settings.get_setting("x") == 1
    assert not (db_path.parent / "backups").exists()


def test_empty_file_is_a_new_database_only_when_creating(db_path: Path) -> None:
    db_path.write_bytes(b"")
    with pytest.raises(StorageError) as caught:
        open_store(db_path, create=False)
    assert "ไฟล์ว่าง" in caught.value.message
    assert db_path.read_bytes() == b""
    with open_store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION


def test_missing_file_without_create(db_path: Path) -> None:
    with pytest.raises(StorageError) as caught:
        open_store(db_path, create=False)
    assert "ไม่พบไฟล์ฐานข้อมูล" in caught.value.message
    assert not db_path.exists()


def test_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "ข้อมูล สำนักงาน" / "ปี 2567" / "itadesk.sqlite3"
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
    assert path.is_file()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as caught:
        open_store(tmp_path)
    assert "เป็นโฟลเดอร์" in caught.value.message


def test_an_empty_sqlite_file_of_no_program_is_taken_as_new(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.close()
    with open_store(db_path) as store:
        assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


# --------------------------------------------------------------------------- refused files


def test_text_file_is_refused_untouched(db_path: Path) -> None:
    db_path.write_text("ชื่อ,คะแนน\nบ้านนา,86.92\n", encoding="utf-8")
    _assert_refused_untouched(db_path, "ไม่ใช่ฐานข้อมูลของ ITADesk", "ไม่ใช่ไฟล์ฐานข้อมูล SQLite")


def test_png_is_refused_untouched(db_path: Path) -> None:
    db_path.write_bytes(PNG_BYTES)
    _assert_refused_untouched(db_path, "ไม่ใช่ฐานข้อมูลของ ITADesk")


def test_short_file_is_refused_untouched(db_path: Path) -> None:
    db_path.write_bytes(b"SQLite")
    _assert_refused_untouched(db_path, "ไม่ใช่ฐานข้อมูลของ ITADesk")


@pytest.mark.parametrize("keep", ["half", 200, 4096])
def test_truncated_database_is_refused_untouched(db_path: Path, keep: object) -> None:
    data = _filled_database(db_path)
    assert len(data) > 20 * 4096
    size = len(data) // 2 if keep == "half" else int(keep)  # type: ignore[call-overload]
    db_path.write_bytes(data[:size])
    _assert_refused_untouched(db_path, "เสียหาย", "สำรอง")


def test_garbage_after_a_valid_header_is_refused_untouched(db_path: Path) -> None:
    data = _filled_database(db_path)
    garbage = bytes((i * 7919 + 13) % 251 for i in range(len(data) - 16))
    db_path.write_bytes(data[:16] + garbage)
    _assert_refused_untouched(db_path, "เสียหาย")


def test_damaged_pages_inside_a_valid_file_are_refused_untouched(db_path: Path) -> None:
    # Header, schema and migration pages intact, so SQLite opens the file and reads the
    # version without error; only PRAGMA integrity_check sees the broken last page (scores).
    data = bytearray(_filled_database(db_path))
    page_size = int.from_bytes(data[16:18], "big")
    last_page = len(data) - page_size
    data[last_page : last_page + 8] = b"\xff" * 8
    db_path.write_bytes(bytes(data))
    _assert_refused_untouched(db_path, "เสียหาย")


def test_another_programs_sqlite_file_is_refused_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('ร้านค้า')")
    conn.commit()
    conn.close()
    _assert_refused_untouched(db_path, "ไม่ใช่ฐานข้อมูลของ ITADesk", "โปรแกรมอื่น")


def test_other_application_id_is_refused_even_without_tables(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA application_id = 42")
    conn.close()
    _assert_refused_untouched(db_path, "โปรแกรมอื่น")


def test_newer_user_version_is_refused_untouched(fixture_copy) -> None:
    path = fixture_copy(2)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    error = _assert_refused_untouched(
        path, "ฐานข้อมูลนี้สร้างด้วย ITADesk รุ่นที่ใหม่กว่า", "โปรดปรับปรุงโปรแกรม"
    )
    assert str(SCHEMA_VERSION + 1) in error.message


def test_unknown_migration_name_is_refused_untouched(fixture_copy) -> None:
    # An older schema (v1) with a step from a newer release: must not be migrated either.
    path = fixture_copy(1)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('itadesk', '0099_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    _assert_refused_untouched(path, "รุ่นที่ใหม่กว่า", "โปรดปรับปรุงโปรแกรม")


def test_read_only_location_is_a_thai_storage_error(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores file modes, so the check itself is driven through os.access here.
    monkeypatch.setattr(database.os, "access", lambda *args, **kwargs: False)
    with pytest.raises(StorageError) as caught:
        open_store(db_path)
    assert "อ่านอย่างเดียว" in caught.value.message and "ไม่มีสิทธิ์เขียน" in caught.value.message
    assert not db_path.exists()


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX modes and a non-root user"
)
def test_read_only_file_is_a_thai_storage_error(db_path: Path) -> None:
    with open_store(db_path):
        pass
    db_path.chmod(0o444)
    try:
        with pytest.raises(StorageError) as caught:
            open_store(db_path)
        assert "อ่านอย่างเดียว" in caught.value.message
    finally:
        db_path.chmod(0o644)


# --------------------------------------------------------------------------- backups


def test_backup_is_taken_before_migrating(fixture_copy) -> None:
    path = fixture_copy(1, name="บ้านนา.sqlite3")
    before = dump(path)
    with open_store(path) as store:
        backup = store.backup_path
        assert store.schema_version == SCHEMA_VERSION
    assert backup is not None and backup.parent == path.parent / "backups"
    assert re.fullmatch(
        r"บ้านนา-before-0002_items_frameworks_settings-\d{8}-\d{6}\.sqlite3", backup.name
    )
    assert dump(backup) == before  # the same schema and rows as the file before migrating
    assert pragma(backup, "user_version") == 1
    assert pragma(backup, "application_id") == APPLICATION_ID
    assert pragma(backup, "journal_mode") == "delete"  # one self-contained file
    assert listing(backup.parent) == [backup.name]  # no .partial left over
    assert dump(path) != before


def test_backup_goes_to_the_given_folder_and_never_overwrites(
    fixture_copy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups = tmp_path / "สำรอง"

    class FrozenClock:
        @staticmethod
        def now() -> datetime:
            return datetime(2024, 5, 1, 9, 30, 0)

    monkeypatch.setattr(database, "datetime", FrozenClock)
    path = fixture_copy(1)
    with open_store(path, backups_dir=backups) as store:
        assert store.backup_path == backups / (
            "schema_v1-before-0002_items_frameworks_settings-20240501-093000.sqlite3"
        )
    # The same old file again within the same second: the second backup gets a suffix
    # instead of replacing the first.
    path = fixture_copy(1)
    with open_store(path, backups_dir=backups) as store:
        assert store.backup_path == backups / (
            "schema_v1-before-0002_items_frameworks_settings-20240501-093000-2.sqlite3"
        )
    assert len(listing(backups)) == 2
    assert not (path.parent / "backups").exists()


def test_failed_backup_stops_the_migration(
    fixture_copy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fixture_copy(1)
    before = dump(path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StorageError) as caught:
        open_store(path, backups_dir=blocker / "backups")
    assert "สำรองฐานข้อมูล" in caught.value.message and "ไม่สำเร็จ" in caught.value.message
    assert dump(path) == before
    assert pragma(path, "user_version") == 1
    with open_store(path) as store:  # the lock was released
        assert store.schema_version == SCHEMA_VERSION
