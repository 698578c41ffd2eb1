"""#14.3: a backup whose database unpacks to far more than it weighs is refused from its ZIP
directory before anything is unpacked; a full temporary disk is blamed on the temporary folder,
not on the backup or the stick. Limits lowered for the test; the files are small."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from collections import namedtuple
from pathlib import Path

import pytest
from security_helpers import declare_size, office_state

from itadesk.fileio import ZipLimits
from itadesk.storage.backup import DATABASE_MEMBER, FORMAT, MANIFEST_NAME, verify
from itadesk.storage.migrations import SCHEMA_VERSION

LOW = ZipLimits(max_entries=50, max_total_size=200 << 20, max_ratio=50, ratio_floor=1 << 20)


def bomb_backup(path: Path, database: bytes) -> Path:
    """A backup-shaped ZIP whose manifest is right about a database of ``database``."""
    manifest = {
        "format": FORMAT,
        "app_version": "0",
        "schema_version": SCHEMA_VERSION,
        "created_at": "2025-01-01T10:00:00+07:00",
        "office_name": "x",
        "database_file": "office.sqlite3",
        "label": "",
        "files": [
            {
                "path": DATABASE_MEMBER,
                "size": len(database),
                "sha256": hashlib.sha256(database).hexdigest(),
            }
        ],
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DATABASE_MEMBER, database)
        archive.writestr(MANIFEST_NAME, json.dumps(manifest))
    return path


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(
    office: Path, tmp_path: Path, private_temp: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verify, "BACKUP_LIMITS", LOW)
    bomb = bomb_backup(tmp_path / "bomb.itadesk-backup.zip", b"\x00" * (64 << 20))
    assert bomb.stat().st_size < 200_000
    before = office_state(office)
    result = cli("restore", "--db", office, bomb)
    assert result.code == 2
    assert "ใหญ่เกินกว่าที่ไฟล์สำรองของ ITADesk จะเป็นได้" in result.err
    assert "ไม่ได้แตกไฟล์ใดออกมา" in result.err
    assert office_state(office) == before
    assert list(private_temp.rglob("*")) == []  # nothing was unpacked, not even for a check
    assert sorted(p.name for p in office.parent.iterdir()) == sorted(
        [office.name, f"{office.stem}-attachments"]
    )


def test_a_full_temporary_disk_names_the_temporary_folder(
    office: Path, tmp_path: Path, private_temp: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = cli("backup", "--db", office, "-o", tmp_path)
    assert made.code == 0, made.err
    (backup,) = tmp_path.glob("*.itadesk-backup.zip")
    before = office_state(office)
    real_usage = shutil.disk_usage
    usage = namedtuple("usage", "total used free")

    def disk_usage(path: object):
        if Path(str(path)).is_relative_to(private_temp):
            return usage(10 << 20, 10 << 20, 1024)  # the temp disk is full
        return real_usage(path)

    monkeypatch.setattr(shutil, "disk_usage", disk_usage)
    result = cli("restore", "--db", office, backup)
    assert result.code == 2
    assert "โฟลเดอร์ชั่วคราว" in result.err and "ดิสก์เต็ม" in result.err
    assert "ไฟล์สำรอง “" not in result.err.split("โฟลเดอร์ชั่วคราว")[0]  # the backup is fine
    assert office_state(office) == before


def test_a_member_longer_than_its_declared_size_is_refused(
    office: Path, tmp_path: Path, private_temp: Path, cli
) -> None:
    real = bomb_backup(tmp_path / "real.zip", b"S" * 5000)
    # Rewrite it so the directory and the manifest say 100 bytes for 5,000 bytes of data.
    with zipfile.ZipFile(real) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
        database = archive.read(DATABASE_MEMBER)
    manifest["files"][0]["size"] = 100
    manifest["files"][0]["sha256"] = hashlib.sha256(database[:100]).hexdigest()
    lying = tmp_path / "lying.itadesk-backup.zip"
    with zipfile.ZipFile(lying, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(DATABASE_MEMBER)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, database)
        archive.writestr(MANIFEST_NAME, json.dumps(manifest))
    lying.write_bytes(declare_size(lying.read_bytes(), DATABASE_MEMBER, 100))
    before = office_state(office)
    result = cli("restore", "--db", office, lying)
    assert result.code == 2
    assert "เสียหายหรือไม่ครบ" in result.err
    assert office_state(office) == before
