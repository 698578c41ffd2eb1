"""#14.11: the smaller findings, each with its Thai message, exit code 2 where it is a command,
and the office's data and attachments unchanged."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from security_helpers import office_state
from sqlite_utils import Database

from itadesk import fileio
from itadesk.paths import attachments_dir
from itadesk.services.session import OfficeSession
from itadesk.storage.backup import DATABASE_MEMBER, MANIFEST_NAME
from itadesk.storage.migrations import SCHEMA_VERSION

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_a_deeply_nested_manifest_is_a_damaged_backup(office: Path, tmp_path: Path, cli) -> None:
    database = b"SQLite format 3\x00" + b"\x00" * 100
    bomb = tmp_path / "nested.itadesk-backup.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DATABASE_MEMBER, database)
        archive.writestr(MANIFEST_NAME, "[" * 200_000)
    before = office_state(office)
    result = cli("restore", "--db", office, bomb)
    assert result.code == 2 and "เสียหายหรือไม่ครบ" in result.err and "manifest.json" in result.err
    assert "RecursionError" not in result.err
    assert office_state(office) == before


@pytest.mark.parametrize("year", [2500, 2700, 99999, -5])
def test_a_publish_memo_for_a_year_without_an_assessment(
    year: int, office: Path, tmp_path: Path, cli
) -> None:
    output = tmp_path / "publish.pdf"
    result = cli("render", "publish-memo", "--db", office, "--fy", year, "-o", output)
    assert result.code == 2 and "ปีงบประมาณ" in result.err
    assert not output.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
@pytest.mark.parametrize("command", ["render", "import", "export"])
def test_a_fifo_as_the_database_is_refused_at_once(command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "office.sqlite3"
    os.mkfifo(fifo)
    scores = tmp_path / "scores.csv"
    scores.write_text("ตัวชี้วัดหรือรหัสข้อ,คะแนน\n1,90\n", encoding="utf-8")
    args = {
        "render": ["render", "memo", "--fy", "2568", "-o", str(tmp_path / "m.pdf")],
        "import": ["import", "--fy", "2568", str(scores)],
        "export": ["export", "--fy", "2568", "-o", str(tmp_path / "bundle")],
    }[command]
    done = subprocess.run(
        [sys.executable, "-m", "itadesk", *args, "--db", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,  # it used to wait for ever
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        cwd=REPO_ROOT,
        check=False,
    )
    assert done.returncode == 2
    assert "ไม่ใช่ไฟล์ธรรมดา" in done.stderr


def test_a_newer_database_is_not_backed_up(office: Path, tmp_path: Path, cli) -> None:
    conn = sqlite3.connect(office)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = office_state(office)
    backups = tmp_path / "usb"
    backups.mkdir()
    result = cli("backup", "--db", office, "-o", backups)
    assert result.code == 2 and "รุ่นที่ใหม่กว่า" in result.err and "ไม่ได้สร้างไฟล์ใด" in result.err
    assert list(backups.iterdir()) == []
    assert office_state(office) == before


def test_backing_up_into_the_attachments_folder_is_refused(office: Path, cli) -> None:
    before = office_state(office)
    result = cli("backup", "--db", office, "-o", attachments_dir(office))
    assert result.code == 2 and "อยู่ในโฟลเดอร์ไฟล์หลักฐาน" in result.err
    result = cli("backup", "--db", office, "-o", attachments_dir(office) / "2569")
    assert result.code == 2
    assert office_state(office) == before  # no 5 → 10 → 21 → 42 MB snowball


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_bundle_is_readable_by_others(office: Path, tmp_path: Path, cli) -> None:
    previous = os.umask(0o022)
    try:
        assert fileio.process_umask() == 0o022
        bundle = tmp_path / "bundle"
        result = cli("export", "--db", office, "--fy", 2568, "-o", bundle)
        assert result.code == 0, result.err
        made = [bundle, *bundle.rglob("*")]
        for path in made:
            mode = stat.S_IMODE(path.stat().st_mode)
            assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))
        zipped = tmp_path / "bundle.zip"
        assert cli("export", "--db", office, "--fy", 2568, "-o", zipped).code == 0
        assert stat.S_IMODE(zipped.stat().st_mode) == 0o644
    finally:
        os.umask(previous)


def test_a_full_disk_at_closing_prints_no_traceback_and_loses_nothing(
    office: Path, tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    scores = tmp_path / "scores.csv"
    scores.write_text("ตัวชี้วัดหรือรหัสข้อ,คะแนน\n1,12.34\n", encoding="utf-8")
    real_execute = Database.execute

    def execute(self, sql, *args, **kwargs):
        if "wal_checkpoint" in str(sql):
            raise sqlite3.OperationalError("database or disk is full")
        return real_execute(self, sql, *args, **kwargs)

    monkeypatch.setattr(Database, "execute", execute)
    result = cli("import", "--db", office, "--fy", 2568, scores, "--yes")
    monkeypatch.undo()
    assert result.code == 0, result.err
    assert "Traceback" not in result.err and "WAL checkpoint" not in result.err
    with OfficeSession.open(office) as session:  # the -wal it left is its own: replayed
        assert session.notices_th == ()
        assert str(session.services.scores.indicator_scores(2568)[1]) == "12.34"


def test_messages_never_echo_a_huge_input(office: Path, tmp_path: Path, cli) -> None:
    huge = "๙" * 50_000 + "x" * 50_000
    result = cli("score", "--fy", 2568, huge, *["90"] * 9)
    assert result.code == 2 and "ตัวชี้วัดที่ 1" in result.err
    assert len(result.err) < 1_000 and "100,000 ตัวอักษร" in result.err
    csv = tmp_path / "scores.csv"
    csv.write_text(f"ตัวชี้วัดหรือรหัสข้อ,คะแนน\n1,{huge}\n", encoding="utf-8")
    before = office_state(office)
    result = cli("import", "--db", office, "--fy", 2568, csv)
    assert result.code == 0
    problem = next(line for line in result.out.splitlines() if "บรรทัดที่ 2" in line)
    assert len(problem) < 1_000
    assert office_state(office) == before
