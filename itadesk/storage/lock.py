"""One ITADesk process per database file.

Every entry point — the window and every command that opens the office file, reading ones
included — takes an exclusive OS lock on a sidecar file ``<db>.lock`` *before* SQLite opens the
database. Two reasons:

- Two windows on one file would silently overwrite each other's profile or scores.
- SQLite's own POSIX locks (Linux/macOS) belong to the process and vanish when *anything* in
  that process closes *any* descriptor of the database file (a file dialog sniffing file types,
  a copy of the file). A second process then believes it is alone and may checkpoint and delete
  the live ``-wal`` under the first ("How To Corrupt an SQLite Database" §2.2). The sidecar lock
  is a ``flock`` (Linux/macOS) or a ``LockFile`` byte range (Windows): both belong to our own
  open handle of the sidecar, which nothing else in the process touches, so no stray
  ``close()`` elsewhere can drop it.

The OS drops the lock when the process ends, even by a crash: a lock file left behind is
harmless and is simply taken over. The file's text (pid, host, start time, who holds it) only
serves the message shown to whoever is refused.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from types import TracebackType

from itadesk.errors import StorageError
from itadesk.fileio import os_error_th

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

# On Windows a locked byte range cannot be read by others, so the lock is taken on one byte
# far past the text; LockFile allows ranges beyond the end of the file.
_WINDOWS_LOCK_OFFSET = 1 << 30
_MAX_INFO_BYTES = 4096


def lock_path_for(db_path: Path) -> Path:
    """The sidecar lock file of ``db_path``: the same name with ``.lock`` appended."""
    return db_path.with_name(db_path.name + ".lock")


HOLDER_WINDOW = "window"


class OfficeLock:
    """Exclusive lock on ``<db>.lock``; ``acquire()`` raises :class:`StorageError` when held.

    ``holder`` says who takes it: :data:`HOLDER_WINDOW` for the window, or the command line
    (``"itadesk backup"``) — named in the message of whoever is refused."""

    def __init__(self, db_path: Path, holder: str = HOLDER_WINDOW) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path_for(self.db_path)
        self.holder = holder
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise :class:`StorageError` naming the window that holds it."""
        if self._fd is not None:
            return
        # A holder unlinks the file on release; if we locked the old inode just before that,
        # the path now names a different file and we must retry on the new one.
        for _attempt in range(10):
            fd = self._open()
            try:
                if not _try_lock(fd):
                    holder = _read_info(fd)
                    raise StorageError(self._held_message(holder))
                if _same_file(fd, self.path):
                    _write_info(fd, self.holder)
                    self._fd = fd
                    return
            except BaseException:
                os.close(fd)
                raise
            _unlock(fd)
            os.close(fd)
        raise StorageError(self._held_message({}))

    def release(self) -> None:
        """Drop the lock and remove the lock file (idempotent)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":
            _unlock(fd)
            os.close(fd)
            # Windows refuses to delete a file another process has open; that is fine.
            _remove_quietly(self.path)
        else:
            # Unlink while still locked so nobody can lock this inode between the two steps
            # without noticing (see the inode check in acquire).
            _remove_quietly(self.path)
            os.close(fd)

    close = release

    def __enter__(self) -> OfficeLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        try:
            return os.open(self.path, flags, 0o644)
        except OSError as exc:
            raise StorageError(
                f"สร้างไฟล์ล็อก “{self.path}” ไม่ได้ ({os_error_th(exc)}) จึงเปิดฐานข้อมูล"
                f" “{self.db_path}” ไม่ได้ — ตรวจสอบว่าโฟลเดอร์ “{self.path.parent}” มีอยู่และเขียนได้"
                " หรือย้ายฐานข้อมูลไปไว้ในโฟลเดอร์ที่เขียนได้ เช่น โฟลเดอร์เอกสารของคุณ"
            ) from exc

    def _held_message(self, holder: dict[str, object]) -> str:
        host = holder.get("host") or "ไม่ทราบชื่อ"
        pid = holder.get("pid") or "ไม่ทราบ"
        who = holder.get("holder") or HOLDER_WINDOW
        if who == HOLDER_WINDOW:
            return (
                f"ฐานข้อมูล “{self.db_path}” เปิดอยู่ในโปรแกรม ITADesk อีกหน้าต่างหนึ่ง"
                f" (เครื่อง {host}, หมายเลขโปรเซส {pid}) — ปิดหน้าต่างนั้นก่อนแล้วลองใหม่"
                " หรือสั่งงานนี้จากเมนูของหน้าต่างนั้น"
            )
        return (
            f"ฐานข้อมูล “{self.db_path}” กำลังถูกใช้โดยคำสั่ง “{who}”"
            f" (เครื่อง {host}, หมายเลขโปรเซส {pid}) — รอให้คำสั่งนั้นทำงานเสร็จแล้วลองใหม่"
        )


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass  # closing the handle releases it anyway


def _same_file(fd: int, path: Path) -> bool:
    if sys.platform == "win32":
        return True  # an open file cannot be unlinked there
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _write_info(fd: int, holder: str) -> None:
    info = {
        "holder": holder,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    data = json.dumps(info, ensure_ascii=False).encode("utf-8")
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)
        os.fsync(fd)
    except OSError:
        pass  # the text is informative only; the OS lock is what counts


def _read_info(fd: int) -> dict[str, object]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, _MAX_INFO_BYTES).decode("utf-8"))
    except (OSError, ValueError):
        return {}  # the holder may be writing it right now
    return info if isinstance(info, dict) else {}


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
