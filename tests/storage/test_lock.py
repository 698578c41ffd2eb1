"""One ITADesk window per database: a second process is refused in Thai; crashes do not block."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from storage_helpers import REPO_ROOT

from itadesk.errors import StorageError
from itadesk.storage.database import open_store
from itadesk.storage.lock import OfficeLock, lock_path_for
from itadesk.storage.repositories import Repositories

OPEN_IN_CHILD = """
import sys
from decimal import Decimal
from pathlib import Path
from itadesk.errors import StorageError
from itadesk.storage.database import open_store
try:
    store = open_store(Path(sys.argv[1]))
except StorageError as exc:
    print(exc.message)
    sys.exit(3)
store.close()
print("opened")
"""

HOLD_IN_CHILD = """
import sys, time
from decimal import Decimal
from pathlib import Path
from itadesk.storage.database import open_store
from itadesk.storage.repositories import Repositories
store = open_store(Path(sys.argv[1]))
Repositories.of(store).scores.set_indicator_score(2567, 1, Decimal("86.92"))
print("ready", flush=True)
time.sleep(120)
"""


def _child_env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "PYTHONIOENCODING": "utf-8",
    }


def _open_in_child(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", OPEN_IN_CHILD, str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_child_env(),
        cwd=REPO_ROOT,
        timeout=120,
    )


def test_second_process_is_refused_while_open_and_allowed_after_close(db_path: Path) -> None:
    store = open_store(db_path)
    try:
        child = _open_in_child(db_path)
        assert child.returncode == 3, child.stderr
        message = child.stdout.strip()
        assert message == (
            f"ฐานข้อมูล “{db_path}” เปิดอยู่ในโปรแกรม ITADesk อีกหน้าต่างหนึ่ง"
            f" (เครื่อง {socket.gethostname()}, หมายเลขโปรเซส {os.getpid()})"
            " — ปิดหน้าต่างนั้นก่อนแล้วลองใหม่ หรือสั่งงานนี้จากเมนูของหน้าต่างนั้น"
        )
    finally:
        store.close()
    child = _open_in_child(db_path)
    assert child.returncode == 0, child.stdout + child.stderr
    assert child.stdout.strip() == "opened"


def test_lock_file_names_the_holder_and_goes_away_on_close(db_path: Path) -> None:
    lock_file = lock_path_for(db_path)
    assert lock_file.name == "itadesk.sqlite3.lock"
    with open_store(db_path):
        info = json.loads(lock_file.read_text(encoding="utf-8"))
        assert info["pid"] == os.getpid()
        assert info["host"] == socket.gethostname()
        assert info["started"]
    assert not lock_file.exists()


def test_second_open_in_the_same_process_is_refused(db_path: Path) -> None:
    with open_store(db_path):
        with pytest.raises(StorageError) as caught:
            open_store(db_path)
        assert "อีกหน้าต่างหนึ่ง" in caught.value.message
    with open_store(db_path):
        pass


def test_stale_lock_file_does_not_block(db_path: Path) -> None:
    with open_store(db_path):
        pass
    lock_file = lock_path_for(db_path)
    lock_file.write_text('{"pid": 999999, "host": "old-pc", "started": "2024-01-01"}')
    with open_store(db_path) as store:
        assert json.loads(lock_file.read_text(encoding="utf-8"))["pid"] == os.getpid()
        assert store.schema_version > 0


def test_garbage_lock_file_does_not_block(db_path: Path) -> None:
    lock_path_for(db_path).write_bytes(b"\x00\xff not json")
    with open_store(db_path):
        pass


def test_lock_of_a_killed_process_does_not_block(db_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_IN_CHILD, str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=_child_env(),
        cwd=REPO_ROOT,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read()  # type: ignore[union-attr]
        with pytest.raises(StorageError):
            open_store(db_path)
    finally:
        child.kill()  # no clean-up runs: the lock file, -wal and -shm stay behind
        child.communicate(timeout=60)
    assert lock_path_for(db_path).exists()
    with open_store(db_path) as store:
        # The score the killed process committed survives (recovered from its WAL).
        assert Repositories.of(store).scores.indicator_scores(2567) == {1: Decimal("86.92")}


def test_office_lock_directly(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    first, second = OfficeLock(db), OfficeLock(db)
    first.acquire()
    first.acquire()  # idempotent
    assert first.held
    with pytest.raises(StorageError):
        second.acquire()
    assert not second.held
    first.release()
    first.release()  # idempotent
    with second:
        assert second.held
    assert not second.held and not lock_path_for(db).exists()


def test_lock_in_unwritable_place_is_a_thai_storage_error(tmp_path: Path) -> None:
    db = tmp_path / "missing-folder" / "a.sqlite3"
    with pytest.raises(StorageError) as caught:
        OfficeLock(db).acquire()
    assert "สร้างไฟล์ล็อก" in caught.value.message


def test_lock_can_be_skipped(db_path: Path) -> None:
    with open_store(db_path, lock=False):
        assert not lock_path_for(db_path).exists()
        with open_store(db_path):
            pass
