"""#14.7 (and #16's removable case): a -wal made by another copy of the office file, placed
beside it, is set aside (renamed, kept byte for byte) and never replayed, and the clerk is told;
this file's own -wal left by a crash is replayed as always."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from security_helpers import office_state, score_rows

from itadesk.services.session import OfficeSession
from itadesk.storage import wal

REPO_ROOT = Path(__file__).resolve().parents[2]

# Open the office, change it, and die without closing: the -wal keeps the committed change.
CRASH_AFTER = """
import os, sys
from decimal import Decimal
from pathlib import Path
from itadesk.services.session import OfficeSession
session = OfficeSession.open(Path(sys.argv[1]), holder="test")
scores = session.services.scores
if sys.argv[2] == "delete-all":
    for year in scores.scored_years():
        scores.set_indicator_scores(year, {n: None for n in scores.indicator_scores(year)})
else:
    scores.set_indicator_score(2568, 1, Decimal("12.34"))
os._exit(0)
"""


def crash_after(db: Path, change: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CRASH_AFTER, str(db), change],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert wal.read_wal_header(wal.wal_path_for(db)) is not None  # the crash left a WAL


def test_a_wal_from_another_copy_is_set_aside_and_not_replayed(
    office: Path, tmp_path: Path, cli
) -> None:
    other = tmp_path / "other-copy" / office.name
    other.parent.mkdir()
    shutil.copyfile(office, other)
    crash_after(other, "delete-all")  # the other copy deleted every score
    rows = score_rows(office)
    assert rows >= 30
    before = office_state(office)
    foreign = wal.wal_path_for(other).read_bytes()
    wal.wal_path_for(office).write_bytes(foreign)  # brought back beside this file

    report = tmp_path / "report.pdf"
    result = cli("render", "report", "--db", office, "--fy", 2568, "-o", report)
    assert result.code == 0, result.err
    assert "คำเตือน: พบไฟล์ “office.sqlite3-wal”" in result.err
    assert "ไม่นำข้อมูลในไฟล์นั้นมาใช้" in result.err and "โดยไม่ลบ" in result.err
    assert score_rows(office) == rows
    assert office_state(office) == before
    (kept,) = office.parent.glob(f"{office.name}-wal{wal.SET_ASIDE_INFIX}*")
    assert kept.read_bytes() == foreign  # kept, never deleted

    with OfficeSession.open(office) as session:  # the next open has nothing more to say
        assert session.notices_th == ()
        assert len(session.services.scores.indicator_scores(2568)) == 10


def test_this_files_own_wal_after_a_crash_is_replayed(office: Path) -> None:
    crash_after(office, "one-score")
    with OfficeSession.open(office) as session:
        assert session.notices_th == ()
        assert session.services.scores.indicator_scores(2568)[1] == Decimal("12.34")
    assert not list(office.parent.glob(f"*{wal.SET_ASIDE_INFIX}*"))


def test_a_wal_with_no_record_of_its_session_is_set_aside(office: Path) -> None:
    crash_after(office, "one-score")
    wal.record_path_for(office).unlink()  # e.g. the database and its -wal copied elsewhere
    before = office_state(office)
    with OfficeSession.open(office) as session:
        (notice,) = session.notices_th
        assert "ไม่ได้มาจากการเปิดไฟล์นี้ครั้งล่าสุด" in notice
        assert session.services.scores.indicator_scores(2568)[1] != Decimal("12.34")
    assert office_state(office) == before
    assert len(list(office.parent.glob(f"*-wal{wal.SET_ASIDE_INFIX}*"))) == 1
    assert len(list(office.parent.glob(f"*-shm{wal.SET_ASIDE_INFIX}*"))) == 1


def test_the_command_line_backup_keeps_a_foreign_wal_out(office: Path, tmp_path: Path, cli) -> None:
    other = tmp_path / "other-copy" / office.name
    other.parent.mkdir()
    shutil.copyfile(office, other)
    crash_after(other, "delete-all")
    rows = score_rows(office)
    wal.wal_path_for(office).write_bytes(wal.wal_path_for(other).read_bytes())
    result = cli("backup", "--db", office, "-o", tmp_path)
    assert result.code == 0, result.err
    assert "คำเตือน: พบไฟล์" in result.err
    assert score_rows(office) == rows


def test_a_lone_shm_is_left_to_sqlite(office: Path) -> None:
    # Without a -wal there is nothing to replay: SQLite rebuilds its index, nothing is told.
    wal.shm_path_for(office).write_bytes(b"\x00" * 32768)
    with OfficeSession.open(office) as session:
        assert session.notices_th == ()
        assert len(session.services.scores.indicator_scores(2568)) == 10
