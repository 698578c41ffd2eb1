"""The reproduced data loss of issue #9, end to end across real processes.

The sequence: the office is open in one process (as the window has it) and a change is saved;
something in that process opens and closes a plain descriptor of the database file (what a
file dialog does when it sniffs the file types of the folder) — on Linux/macOS this silently
drops SQLite's POSIX locks of the whole process; then a second process runs an ``itadesk``
command on the same file; the first process saves another change and is killed with SIGKILL.
Before the fix the second process believed it was alone, checkpointed and deleted the live
``-wal`` on close, and the second change was lost. Now every entry point takes the office lock
before SQLite opens the file, so the command is refused in Thai and both changes survive.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from storage_helpers import REPO_ROOT

from itadesk.storage.database import open_store
from itadesk.storage.repositories import Repositories

APP_PROCESS = r"""
import os, sys
from decimal import Decimal
from pathlib import Path
from itadesk.storage.database import open_store
from itadesk.storage.repositories import Repositories

path = Path(sys.argv[1])
store = open_store(path)  # the window's way in
repository = Repositories.of(store)
with store.transaction():
    repository.scores.set_indicator_score(2568, 1, Decimal("91.25"))
# What Qt's file dialog does while browsing the database's folder: open, read, close.
fd = os.open(path, os.O_RDONLY)
os.read(fd, 100)
os.close(fd)
with path.open("rb") as sniff:
    sniff.read(512)
print("saved-first", flush=True)
sys.stdin.readline()  # the test runs the other process meanwhile
with store.transaction():
    repository.scores.set_indicator_score(2568, 2, Decimal("88.50"))
print("saved-second", flush=True)
sys.stdin.readline()  # killed here, never closes cleanly
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONIOENCODING": "utf-8"}


def _itadesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "itadesk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        cwd=cwd,
        timeout=180,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and POSIX lock semantics")
def test_no_saved_change_is_lost_to_a_second_process(tmp_path: Path) -> None:
    db_path = tmp_path / "office.sqlite3"
    wal = db_path.with_name(db_path.name + "-wal")
    app = subprocess.Popen(
        [sys.executable, "-c", APP_PROCESS, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=_env(),
        cwd=REPO_ROOT,
    )
    assert app.stdin is not None and app.stdout is not None
    try:
        assert app.stdout.readline().strip() == "saved-first", app.stderr.read()  # type: ignore[union-attr]
        wal_inode = os.stat(wal).st_ino

        # Every command that opens the office file, reading ones included, is refused in Thai
        # (exit code 2) and leaves the live WAL alone.
        out = tmp_path / "out"
        out.mkdir()
        commands = [
            ("backup", "--db", str(db_path), "-o", str(out)),
            ("render", "memo", "--db", str(db_path), "--fy", "2568", "-o", str(out / "m.pdf")),
            ("export", "--db", str(db_path), "--fy", "2568", "-o", str(out / "web")),
            ("score", "--fy", "2568", *["90"] * 10),  # no --db: opens nothing, still works
        ]
        for command in commands:
            result = _itadesk(*command, cwd=tmp_path)
            if command[0] == "score":
                assert result.returncode == 0, result.stderr
                continue
            assert result.returncode == 2, (command, result.stdout, result.stderr)
            assert "เปิดอยู่ในโปรแกรม ITADesk อีกหน้าต่างหนึ่ง" in result.stderr
            assert f"หมายเลขโปรเซส {app.pid}" in result.stderr
            assert os.stat(wal).st_ino == wal_inode, f"{command[0]} replaced the live WAL"
        assert list(out.iterdir()) == []

        score_with_db = _itadesk(
            "--db", str(db_path), "score", "--fy", "2568", *["90"] * 10, cwd=tmp_path
        )
        assert score_with_db.returncode == 2 and "อีกหน้าต่างหนึ่ง" in score_with_db.stderr

        app.stdin.write("go\n")
        app.stdin.flush()
        assert app.stdout.readline().strip() == "saved-second"
        assert os.stat(wal).st_ino == wal_inode
    finally:
        app.send_signal(signal.SIGKILL)
        app.communicate(timeout=60)

    with open_store(db_path) as store:
        assert Repositories.of(store).scores.indicator_scores(2568) == {
            1: Decimal("91.25"),
            2: Decimal("88.50"),
        }


def test_a_refused_second_open_never_lets_sqlite_touch_the_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside one process too: the lock is checked before any SQLite connection is made."""
    import sqlite3

    from itadesk.errors import StorageError

    with open_store(db_path):
        connects: list[object] = []
        real_connect = sqlite3.connect
        monkeypatch.setattr(
            sqlite3, "connect", lambda *a, **k: connects.append(a) or real_connect(*a, **k)
        )
        with pytest.raises(StorageError):
            open_store(db_path)
        assert connects == []
