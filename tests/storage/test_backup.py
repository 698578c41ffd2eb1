"""Backup files: what goes in, what a restore gives back, and every file a restore must refuse
without touching the office's data (damaged, tampered, zip-slip, not ours, newer, locked)."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from storage_helpers import REPO_ROOT, dump, listing, sha256

from itadesk import fileio
from itadesk.errors import StorageError
from itadesk.paths import attachments_dir
from itadesk.storage.backup import (
    DATABASE_MEMBER,
    MANIFEST_NAME,
    backup_date,
    backup_file_name,
    create_backup,
    create_backup_from_file,
    is_backup_name,
    list_backups,
    prune_backups,
    restore_backup,
    verify_backup,
)
from itadesk.storage.backup import naming as backup_naming
from itadesk.storage.backup import restore as backup_restore
from itadesk.storage.database import Store, open_store
from itadesk.storage.migrations import APPLICATION_ID, SCHEMA_VERSION
from itadesk.storage.repositories import Repositories

OFFICE_NAME = "องค์การบริหารส่วนตำบลบ้านทดลอง"
# Thai names with spaces, nesting, an empty file and incompressible bytes.
ATTACHMENTS: dict[str, bytes] = {
    "ปี 2568/หลักฐาน ข้อ O1 (ฉบับลงนาม).pdf": b"%PDF-1.7\n" + os.urandom(200_000),
    "ปี 2568/รูปถ่าย กิจกรรม/วันที่ 1.jpg": os.urandom(50_000),
    "บันทึก ประชุม.txt": "ประชุมครั้งที่ 1/2568\n".encode() * 500,
    "ว่าง.txt": b"",
}


# --------------------------------------------------------------------------- helpers


def _fill(store: Store, *, name: str = OFFICE_NAME, year: int = 2568) -> None:
    with store.transaction() as db:
        db.execute(
            "INSERT OR REPLACE INTO office (id, name, updated_at) VALUES (1, ?, ?)",
            [name, "2025-01-01T09:00:00+07:00"],
        )
    Repositories.of(store).scores.set_indicator_scores(
        year, {i: Decimal(f"{80 + i}.25") for i in range(1, 11)}
    )


def _write_attachments(db_path: Path, files: dict[str, bytes] = ATTACHMENTS) -> None:
    folder = attachments_dir(db_path)
    for relative, data in files.items():
        target = folder.joinpath(*relative.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _attachments(db_path: Path) -> dict[str, bytes]:
    folder = attachments_dir(db_path)
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _make_office(db_path: Path, *, name: str = OFFICE_NAME, files=ATTACHMENTS) -> None:
    with open_store(db_path) as store:
        _fill(store, name=name)
    _write_attachments(db_path, files)


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256 (directories as "dir")."""
    return {
        str(p.relative_to(folder)): "dir" if p.is_dir() else sha256(p)
        for p in sorted(folder.rglob("*"))
    }


def _db_in_backup(backup: Path, tmp: Path) -> Path:
    target = tmp / "from-backup.sqlite3"
    with zipfile.ZipFile(backup) as archive:
        target.write_bytes(archive.read(DATABASE_MEMBER))
    return target


def _rebuild(
    good: Path,
    out: Path,
    *,
    drop: tuple[str, ...] = (),
    replace: dict[str, bytes] | None = None,
    extra: dict[str, bytes] | None = None,
    list_extra: bool = True,
    edit: Callable[[dict], None] | None = None,
    symlink: str | None = None,
    keep_manifest: bool = True,
) -> Path:
    """Copy ``good`` with changes. ``extra`` members are listed in the manifest with correct
    hashes unless ``list_extra`` is False, so the only defect is the one the test is about."""
    replace, extra = replace or {}, extra or {}
    with zipfile.ZipFile(good) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    manifest = json.loads(members.pop(MANIFEST_NAME))
    for name in drop:
        members.pop(name)
    members.update(replace)
    members.update(extra)
    if list_extra:
        for name, data in extra.items():
            manifest["files"].append(
                {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            )
    if edit is not None:
        edit(manifest)
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            if name == symlink:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
        if keep_manifest:
            archive.writestr(MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False))
    return out


def _rehash(name: str, data: bytes) -> Callable[[dict], None]:
    def edit(manifest: dict) -> None:
        for entry in manifest["files"]:
            if entry["path"] == name:
                entry["size"], entry["sha256"] = len(data), hashlib.sha256(data).hexdigest()

    return edit


@pytest.fixture
def office(db_path: Path) -> Path:
    """A closed office: database with rows plus Thai-named attachments."""
    _make_office(db_path)
    return db_path


@pytest.fixture
def good_backup(office: Path, tmp_path: Path) -> Path:
    with open_store(office) as store:
        return create_backup(store, tmp_path / "usb")


# --------------------------------------------------------------------------- create


def test_backup_contents_names_and_manifest(office: Path, tmp_path: Path) -> None:
    with open_store(office) as store:
        path = create_backup(store, tmp_path / "usb")
    assert path.parent == tmp_path / "usb"
    assert path.name.isascii() and is_backup_name(path.name)
    assert path.name.startswith("itadesk-backup-itadesk-")  # Thai office name → db stem slug
    assert backup_date(path) == datetime.now().date()
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read(MANIFEST_NAME))
        for info in archive.infolist():
            if not info.filename.isascii():
                assert info.flag_bits & 0x800, info.filename  # UTF-8 flag on Thai names
    assert names == {MANIFEST_NAME, DATABASE_MEMBER} | {f"attachments/{n}" for n in ATTACHMENTS}
    assert manifest["format"] == "itadesk-backup/1"
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["office_name"] == OFFICE_NAME
    assert manifest["database_file"] == office.name
    assert datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    listed = {e["path"]: e for e in manifest["files"]}
    for name, data in ATTACHMENTS.items():
        entry = listed[f"attachments/{name}"]
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    info = verify_backup(path)
    assert (info.office_name, info.schema_version) == (OFFICE_NAME, SCHEMA_VERSION)
    assert info.attachment_count == len(ATTACHMENTS)
    assert info.size == path.stat().st_size
    # Only the finished file is left in the target folder.
    assert listing(tmp_path / "usb") == [path.name]


def test_file_names_are_ascii_and_unique_within_a_second(office: Path, tmp_path: Path) -> None:
    when = datetime(2025, 3, 4, 5, 6, 7)
    assert backup_file_name("Ban Na SAO", office, when) == (
        "itadesk-backup-ban-na-sao-20250304-050607.itadesk-backup.zip"
    )
    assert backup_file_name("อบต.", Path("x/ที่นี่.sqlite3"), when, "auto") == (
        "itadesk-backup-office-auto-20250304-050607.itadesk-backup.zip"
    )
    with open_store(office) as store:
        first = create_backup(store, tmp_path / "b", when=when)
        second = create_backup(store, tmp_path / "b", when=when)
    assert first != second and second.name.endswith("-050607-2.itadesk-backup.zip")
    assert list_backups(tmp_path / "b") == [second, first]


def test_backup_while_open_sees_committed_wal_content_only(db_path: Path, tmp_path: Path) -> None:
    with open_store(db_path) as store:
        _fill(store)
        Repositories.of(store).scores.set_indicator_scores(2569, {1: Decimal("99.99")})
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.stat().st_size > 0  # the new rows are still only in the WAL
        store.db.conn.execute("BEGIN")
        store.db.conn.execute("UPDATE office SET name = 'ยังไม่บันทึก' WHERE id = 1")
        path = create_backup(store, tmp_path / "usb")
        store.db.conn.rollback()
        # The window's connection still works after the backup.
        assert Repositories.of(store).office.get_office().name == OFFICE_NAME
        expected = dump(db_path)
    copy = _db_in_backup(path, tmp_path)
    assert dump(copy) == expected
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT name FROM office").fetchone()[0] == OFFICE_NAME
        assert conn.execute(
            "SELECT count(*) FROM indicator_scores WHERE fiscal_year = 2569"
        ).fetchone() == (1,)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()


def test_backup_of_a_file_refuses_another_programs_database(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(StorageError) as caught:
        create_backup_from_file(other, tmp_path / "usb")
    assert "ไม่ใช่ฐานข้อมูลของ ITADesk" in caught.value.message
    assert listing(tmp_path / "usb") == []


# --------------------------------------------------------------------------- round trip


def test_backup_wipe_restore_gives_identical_data(
    office: Path, good_backup: Path, tmp_path: Path
) -> None:
    expected_rows, expected_files = dump(office), _attachments(office)
    assert expected_files == ATTACHMENTS
    for suffix in ("", "-wal", "-shm"):
        office.with_name(office.name + suffix).unlink(missing_ok=True)
    for path in sorted(attachments_dir(office).rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    attachments_dir(office).rmdir()

    result = restore_backup(good_backup, office, safety_dir=tmp_path / "safety")

    assert result.safety_backup is None  # there was nothing to keep
    assert result.schema_version == SCHEMA_VERSION and not result.migrated
    assert result.info.office_name == OFFICE_NAME
    assert dump(office) == expected_rows
    assert _attachments(office) == expected_files
    with open_store(office) as store:
        assert Repositories.of(store).office.get_office().name == OFFICE_NAME
    # No staging folder, lock file or side files left beside the database.
    assert sorted(p.name for p in office.parent.iterdir()) == sorted(
        [office.name, attachments_dir(office).name]
    )


def test_restore_keeps_the_current_data_as_a_backup(
    office: Path, good_backup: Path, tmp_path: Path
) -> None:
    backup_rows = dump(office)
    with open_store(office) as store:
        _fill(store, name="ชื่อหลังสำรอง", year=2570)
    (attachments_dir(office) / "ไฟล์ ใหม่.pdf").write_bytes(b"new evidence")
    current_rows, current_files = dump(office), _attachments(office)

    result = restore_backup(good_backup, office, safety_dir=tmp_path / "safety")

    assert dump(office) == backup_rows
    assert _attachments(office) == ATTACHMENTS
    assert result.safety_backup is not None
    assert result.safety_backup.parent == tmp_path / "safety"
    assert "before-restore" in result.safety_backup.name
    assert verify_backup(result.safety_backup).office_name == "ชื่อหลังสำรอง"
    # The safety backup really holds the replaced data: restoring it brings that back.
    restore_backup(result.safety_backup, office, safety_dir=tmp_path / "safety")
    assert dump(office) == current_rows
    assert _attachments(office) == current_files


def test_restore_of_an_older_backup_migrates(fixture_copy, db_path: Path, tmp_path: Path) -> None:
    old = fixture_copy(1)
    backup = create_backup_from_file(old, tmp_path / "usb")
    assert verify_backup(backup).schema_version == 1
    result = restore_backup(backup, db_path, safety_dir=tmp_path / "safety")
    assert result.info.schema_version == 1
    assert result.schema_version == SCHEMA_VERSION and result.migrated
    with open_store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert Repositories.of(store).office.get_office().name == "องค์การบริหารส่วนตำบลบ้านนา"


def test_attachments_without_a_database_are_kept_aside(good_backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "itadesk.sqlite3"
    _write_attachments(target, {"เก่า มาก.pdf": b"old"})
    result = restore_backup(good_backup, target, safety_dir=tmp_path / "safety")
    assert result.kept_attachments is not None
    assert (result.kept_attachments / "เก่า มาก.pdf").read_bytes() == b"old"
    assert _attachments(target) == ATTACHMENTS


def _valid_foreign_wal(tmp_path: Path) -> bytes:
    """The -wal of another office, taken while it is open: SQLite would apply its frames to
    whatever database file it finds next to it."""
    other = tmp_path / "other-office" / "itadesk.sqlite3"
    with open_store(other) as store:
        _fill(store, name="หน่วยงานอื่น", year=2571)
        data = other.with_name(other.name + "-wal").read_bytes()
    assert data
    return data


def test_restore_over_a_damaged_database_keeps_its_bytes(
    office: Path, good_backup: Path, tmp_path: Path
) -> None:
    expected = dump(office)
    damaged = b"\x00" * 8192  # e.g. a file zeroed by a crash
    stale_wal = _valid_foreign_wal(tmp_path)
    wal, journal = (office.with_name(office.name + s) for s in ("-wal", "-journal"))
    office.write_bytes(damaged)
    wal.write_bytes(stale_wal)
    journal.write_bytes(b"stale journal " * 100)

    result = restore_backup(good_backup, office, safety_dir=tmp_path / "safety")

    # The old side files were moved away before the new database went in; had the -wal stayed,
    # SQLite would have laid the other office's pages over the restored file.
    assert dump(office) == expected
    assert not journal.exists() and not wal.exists()
    assert result.safety_backup is not None
    with zipfile.ZipFile(result.safety_backup) as archive:
        assert archive.read(DATABASE_MEMBER) == damaged
        assert archive.read("database.sqlite3-wal") == stale_wal
        assert archive.read("database.sqlite3-journal") == b"stale journal " * 100
    with pytest.raises(StorageError) as caught:
        verify_backup(result.safety_backup)
    assert "ฐานข้อมูลที่เสียหายไว้ตามสภาพเดิม" in caught.value.message


def test_restore_refuses_to_overwrite_another_programs_database(
    good_backup: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other" / "data.sqlite3"
    other.parent.mkdir()
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _tree(tmp_path)
    with pytest.raises(StorageError) as caught:
        restore_backup(good_backup, other, safety_dir=tmp_path / "safety")
    assert "ของโปรแกรมอื่น" in caught.value.message and str(other) in caught.value.message
    assert _tree(tmp_path) == before


# --------------------------------------------------------------------------- refused backups


def _truncated(good: Path, out: Path) -> Path:
    data = good.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


def _cut_tail(good: Path, out: Path) -> Path:
    out.write_bytes(good.read_bytes()[:-40])  # the end of central directory is lost
    return out


def _random_zip(_good: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("รายงาน.docx", os.urandom(1000))
        archive.writestr("notes/a.txt", "hello")
    return out


def _not_a_zip(_good: Path, out: Path) -> Path:
    out.write_bytes(os.urandom(5000))
    return out


def _tamper_attachment(good: Path, out: Path) -> Path:
    name = "attachments/บันทึก ประชุม.txt"
    data = bytearray(ATTACHMENTS["บันทึก ประชุม.txt"])
    data[10] ^= 0xFF  # same size, different content
    return _rebuild(good, out, replace={name: bytes(data)})


def _tamper_database(good: Path, out: Path) -> Path:
    with zipfile.ZipFile(good) as archive:
        data = bytearray(archive.read(DATABASE_MEMBER))
    data[-100] ^= 0xFF
    return _rebuild(good, out, replace={DATABASE_MEMBER: bytes(data)})


def _database_variant(change: Callable[[sqlite3.Connection], None]):
    """A backup whose database was changed and rehashed: only the database check can see it."""

    def build(good: Path, out: Path) -> Path:
        work = out.with_suffix(".work.sqlite3")
        with zipfile.ZipFile(good) as archive:
            work.write_bytes(archive.read(DATABASE_MEMBER))
        conn = sqlite3.connect(work)
        change(conn)
        conn.commit()
        conn.close()
        data = work.read_bytes()
        work.unlink()
        return _rebuild(
            good, out, replace={DATABASE_MEMBER: data}, edit=_rehash(DATABASE_MEMBER, data)
        )

    return build


def _corrupt_database(good: Path, out: Path) -> Path:
    with zipfile.ZipFile(good) as archive:
        data = bytearray(archive.read(DATABASE_MEMBER))
    page = 4096
    data[2 * page : 3 * page] = os.urandom(page)  # a damaged b-tree page, hashes updated
    return _rebuild(
        good,
        out,
        replace={DATABASE_MEMBER: bytes(data)},
        edit=_rehash(DATABASE_MEMBER, bytes(data)),
    )


def _newer_schema(good: Path, out: Path) -> Path:
    return _rebuild(good, out, edit=lambda m: m.update(schema_version=SCHEMA_VERSION + 1))


def _newer_format(good: Path, out: Path) -> Path:
    return _rebuild(good, out, edit=lambda m: m.update(format="itadesk-backup/2"))


def _wrong_format(good: Path, out: Path) -> Path:
    return _rebuild(good, out, edit=lambda m: m.update(format="something-else"))


def _bad_manifest_json(good: Path, out: Path) -> Path:
    _rebuild(good, out, keep_manifest=False)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(MANIFEST_NAME, b"{not json")
    return out


def _unsafe(name: str) -> Callable[[Path, Path], Path]:
    return lambda good, out: _rebuild(good, out, extra={name: b"escaped"})


REFUSED = {
    "truncated": (_truncated, "เสียหายหรือไม่ครบ"),
    "cut-tail": (_cut_tail, "เสียหายหรือไม่ครบ"),
    "not-a-zip": (_not_a_zip, "เสียหายหรือไม่ครบ"),
    "random-zip": (_random_zip, "ไม่ใช่ไฟล์สำรองของ ITADesk"),
    "missing-manifest": (
        lambda g, o: _rebuild(g, o, keep_manifest=False),
        "ไม่ใช่ไฟล์สำรองของ ITADesk",
    ),
    "bad-manifest": (_bad_manifest_json, "เสียหายหรือไม่ครบ"),
    "wrong-format": (_wrong_format, "ไม่ใช่ไฟล์สำรองของ ITADesk"),
    "dot-dot": (_unsafe("../../x"), "ไม่ปลอดภัย"),
    "dot-dot-inside": (_unsafe("attachments/../../x"), "ไม่ปลอดภัย"),
    "absolute": (_unsafe("/tmp/itadesk-zip-slip-x"), "ไม่ปลอดภัย"),
    "backslash": (_unsafe("..\\x"), "ไม่ปลอดภัย"),
    "backslash-inside": (_unsafe("attachments\\..\\..\\x"), "ไม่ปลอดภัย"),
    "drive-letter": (_unsafe("C:/x"), "ไม่ปลอดภัย"),
    "device-name": (_unsafe("attachments/CON.txt"), "ไม่ปลอดภัย"),
    "symlink": (
        lambda g, o: _rebuild(
            g, o, extra={"attachments/link": b"/etc/passwd"}, symlink="attachments/link"
        ),
        "ไม่ปลอดภัย",
    ),
    "tampered-attachment": (_tamper_attachment, "ไม่ตรงกับที่บันทึกไว้"),
    "tampered-database": (_tamper_database, "ไม่ตรงกับที่บันทึกไว้"),
    "unlisted-file": (
        lambda g, o: _rebuild(g, o, extra={"attachments/extra.pdf": b"x"}, list_extra=False),
        "ไม่อยู่ในรายการ",
    ),
    "missing-file": (
        lambda g, o: _rebuild(g, o, drop=("attachments/ว่าง.txt",)),
        "ขาดไฟล์",
    ),
    "newer-schema": (_newer_schema, "สำรองจาก ITADesk รุ่นที่ใหม่กว่า"),
    "newer-format": (_newer_format, "สำรองจาก ITADesk รุ่นที่ใหม่กว่า"),
    "newer-database": (
        _database_variant(lambda c: c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")),
        "สำรองจาก ITADesk รุ่นที่ใหม่กว่า",
    ),
    "foreign-database": (
        _database_variant(lambda c: c.execute("PRAGMA application_id = 1")),
        "ไม่ใช่ไฟล์สำรองของ ITADesk",
    ),
    "corrupt-database": (_corrupt_database, "เสียหายหรือไม่ครบ"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_backup_touches_nothing(
    case: str, office: Path, good_backup: Path, tmp_path: Path
) -> None:
    build, needle = REFUSED[case]
    bad = build(good_backup, tmp_path / f"bad-{case}.itadesk-backup.zip")
    with pytest.raises(StorageError) as caught:
        verify_backup(bad)
    assert needle in caught.value.message
    assert str(bad) in caught.value.message

    before = _tree(tmp_path)
    with pytest.raises(StorageError) as caught:
        restore_backup(bad, office, safety_dir=tmp_path / "safety")
    assert needle in caught.value.message
    # The database, its attachments and everything else under tmp_path are as they were.
    assert _tree(tmp_path) == before
    for escaped in (tmp_path / "x", tmp_path.parent / "x", office.parent / "x"):
        assert not escaped.exists()
    assert not Path("/tmp/itadesk-zip-slip-x").exists()


def test_check_of_the_names_themselves() -> None:
    unsafe = backup_naming.unsafe_member_name
    for name in ("attachments/ปี 2568/หลักฐาน ข้อ 1.pdf", "database.sqlite3", "attachments/a b/c"):
        assert not unsafe(name), name
    for name in (
        "",
        "/x",
        "../x",
        "a/../../x",
        "a//b",
        "./x",
        "a\\b",
        "C:x",
        "a/x:stream",
        "a/b.",
        "a/.. ",
        "a/nul",
        "a/Com1.pdf",
        "a/\x00b",
        "a/\nb",
    ):
        assert unsafe(name), name


# --------------------------------------------------------------------------- lock, kill, disk


HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from itadesk.storage.database import open_store
    store = open_store(Path(sys.argv[1]))
    print("open", flush=True)
    sys.stdin.readline()
    store.close()
    """
)


def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONIOENCODING": "utf-8"}


def test_restore_refused_while_another_window_has_the_file_open(
    office: Path, good_backup: Path, tmp_path: Path
) -> None:
    with open_store(office) as store:
        _fill(store, name="ข้อมูลปัจจุบัน")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(office)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=_child_env(),
        cwd=REPO_ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before_files = _attachments(office)
        with pytest.raises(StorageError) as caught:
            restore_backup(good_backup, office, safety_dir=tmp_path / "safety")
        assert "อีกหน้าต่างหนึ่ง" in caught.value.message
        assert _attachments(office) == before_files
        assert not (tmp_path / "safety").exists()  # refused before the safety backup
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    with open_store(office) as store:
        assert Repositories.of(store).office.get_office().name == "ข้อมูลปัจจุบัน"


def test_restore_refused_while_this_process_has_the_store_open(
    office: Path, good_backup: Path, tmp_path: Path
) -> None:
    with open_store(office), pytest.raises(StorageError) as caught:
        restore_backup(good_backup, office, safety_dir=tmp_path / "safety")
    assert "อีกหน้าต่างหนึ่ง" in caught.value.message


SLOW_BACKUP = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from itadesk import fileio
    from itadesk.storage import backup
    from itadesk.storage.database import open_store

    real = fileio.copy_into_zip

    def slow(archive, info, source):
        result = real(archive, info, source)
        if info.filename.startswith("attachments/"):
            print("writing", flush=True)
            time.sleep(120)
        return result

    fileio.copy_into_zip = slow
    with open_store(Path(sys.argv[1])) as store:
        backup.create_backup(store, Path(sys.argv[2]))
    print("finished", flush=True)
    """
)


def test_killed_backup_leaves_no_backup_file_and_old_ones_intact(
    office: Path, good_backup: Path, tmp_path: Path
) -> None:
    usb = good_backup.parent
    old_bytes, rows = good_backup.read_bytes(), dump(office)
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_BACKUP, str(office), str(usb)],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=_child_env(),
        cwd=REPO_ROOT,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "writing"
    finally:
        child.kill()
        child.wait(timeout=30)
    leftovers = [p for p in usb.iterdir() if p != good_backup]
    assert leftovers, "the child should have been killed in the middle of writing"
    assert all(not is_backup_name(p.name) for p in leftovers)
    assert list_backups(usb) == [good_backup]
    assert good_backup.read_bytes() == old_bytes
    verify_backup(good_backup)
    with open_store(office):  # the office itself is fine and not locked any more
        pass
    assert dump(office) == rows
    # A later backup clears leftovers older than a day and succeeds.
    old = time.time() - 2 * 24 * 3600
    for leftover in leftovers:
        os.utime(leftover, (old, old))
    with open_store(office) as store:
        newest = create_backup(store, usb)
    assert sorted(usb.iterdir()) == sorted([good_backup, newest])


def _raise(code: int) -> Callable[..., object]:
    def fail(*_args: object, **_kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("where", "code", "needle"),
    [
        ("copy_into_zip", errno.ENOSPC, "เต็ม"),
        ("sibling_temp_file", errno.EROFS, "อ่านอย่างเดียว"),
        ("sibling_temp_file", errno.EACCES, "อ่านอย่างเดียว"),
        ("fsync_folder", errno.EIO, "ไม่สำเร็จ"),
    ],
)
def test_write_failures_give_thai_message_and_leave_nothing(
    where: str,
    code: int,
    needle: str,
    office: Path,
    good_backup: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    usb = good_backup.parent
    before = _tree(usb)
    monkeypatch.setattr(fileio, where, _raise(code))
    with open_store(office) as store, pytest.raises(StorageError) as caught:
        create_backup(store, usb)
    assert needle in caught.value.message
    assert str(usb) in caught.value.message
    if where != "fsync_folder":  # after the rename the new file is complete and may stay
        assert _tree(usb) == before


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX modes and a non-root user"
)
def test_read_only_target_folder(office: Path, tmp_path: Path) -> None:
    usb = tmp_path / "locked-usb"
    usb.mkdir()
    usb.chmod(0o555)
    try:
        with open_store(office) as store, pytest.raises(StorageError) as caught:
            create_backup(store, usb)
        assert "อ่านอย่างเดียว" in caught.value.message and str(usb) in caught.value.message
        assert listing(usb) == []
    finally:
        usb.chmod(0o755)


def test_disk_full_during_restore_leaves_the_office_as_it_was(
    office: Path, good_backup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(office) as store:
        _fill(store, name="ข้อมูลปัจจุบัน")
    rows, files = dump(office), _attachments(office)
    real = backup_restore.extract_entry

    def full_in_target(archive, entry, dest: Path, backup: Path) -> None:
        if ".itadesk-restore-" in str(dest) and entry.path.startswith("attachments/"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(archive, entry, dest, backup)

    monkeypatch.setattr(backup_restore, "extract_entry", full_in_target)
    with pytest.raises(StorageError) as caught:
        restore_backup(good_backup, office, safety_dir=tmp_path / "safety")
    assert "เต็ม" in caught.value.message and "ยังไม่ได้กู้คืน" in caught.value.message
    assert dump(office) == rows and _attachments(office) == files
    assert not [p for p in office.parent.iterdir() if p.name.startswith(".itadesk-restore-")]


def test_failed_swap_is_undone(
    office: Path, good_backup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(office) as store:
        _fill(store, name="ข้อมูลปัจจุบัน")
    (attachments_dir(office) / "ใหม่.txt").write_bytes(b"current")
    rows, files = dump(office), _attachments(office)
    real_replace = os.replace

    def replace(src, dst) -> None:
        if Path(src).name == DATABASE_MEMBER:  # the last step: the database itself
            raise OSError(errno.EACCES, "file in use")
        real_replace(src, dst)

    monkeypatch.setattr(backup_restore.os, "replace", replace)
    with pytest.raises(StorageError) as caught:
        restore_backup(good_backup, office, safety_dir=tmp_path / "safety")
    monkeypatch.undo()
    assert "ยังไม่ได้กู้คืน" in caught.value.message
    assert dump(office) == rows and _attachments(office) == files


# --------------------------------------------------------------------------- list, prune


def test_list_and_prune_by_name_never_foreign_files(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    ours = [
        folder / f"itadesk-backup-itadesk-auto-2025010{day}-120000.itadesk-backup.zip"
        for day in range(1, 6)
    ]
    same_second = folder / "itadesk-backup-itadesk-20250105-120000-2.itadesk-backup.zip"
    foreign = [
        folder / "notes.txt",
        folder / "itadesk-backup-itadesk-20240101-120000.zip",
        folder / "my-itadesk-backup-20240101-120000.itadesk-backup.zip",
        folder / "itadesk-backup-itadesk-20240101-120000.itadesk-backup.zip.partial",
        folder / "itadesk-before-0003-20240101-120000.sqlite3",
    ]
    for index, path in enumerate([*ours, same_second, *foreign]):
        path.write_bytes(b"x")
        # File times run backwards: the order must come from the names (USB copies reset them).
        os.utime(path, (1_000_000 - index, 1_000_000 - index))
    (folder / "itadesk-backup-x-20200101-000000.itadesk-backup.zip").mkdir()

    assert list_backups(folder) == [same_second, *reversed(ours)]
    deleted = prune_backups(folder, keep=3)
    assert deleted == ours[:3]  # oldest first
    assert list_backups(folder) == [same_second, ours[4], ours[3]]
    for path in foreign:
        assert path.exists()
    assert prune_backups(folder, keep=3) == []
    with pytest.raises(ValueError):
        prune_backups(folder, keep=0)
    assert list_backups(tmp_path / "missing") == []


def test_manifest_is_utf8_json_with_thai(good_backup: Path) -> None:
    with zipfile.ZipFile(good_backup) as archive:
        raw = archive.read(MANIFEST_NAME)
    assert OFFICE_NAME.encode() in raw  # readable, not \\u escapes
    assert json.load(io.BytesIO(raw))["app_version"]


def test_created_at_round_trips(office: Path, tmp_path: Path) -> None:
    when = (datetime.now() - timedelta(days=3)).replace(microsecond=0).astimezone()
    with open_store(office) as store:
        path = create_backup(store, tmp_path / "b", label="auto", when=when)
    assert "-auto-" in path.name and backup_date(path) == when.date()
    assert verify_backup(path).created_at == when
    assert APPLICATION_ID  # the checks above ran against our own application id
