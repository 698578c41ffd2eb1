"""Only this file's own ``-wal`` is ever replayed.

SQLite applies whatever ``<db>-wal`` lies beside the database when it opens it, as long as the
WAL is well formed — and a WAL is well formed whoever wrote it. A ``-wal`` copied from another
copy of the office file, or an old one that a sync client (OneDrive, Google Drive, Dropbox)
brought back beside a newer database, is replayed silently: pages of the other copy overwrite
this file's pages, and ``integrity_check`` still says "ok" (the battery turned 30 score rows
into 0 that way). This module makes sure that never happens.

How a WAL is recognised (SQLite's WAL format, https://sqlite.org/fileformat2.html#walformat):
the 32-byte WAL header holds a magic number, the page size, a checkpoint sequence number and
two salts. Salt-1 is incremented and salt-2 drawn at random each time the WAL restarts after a
complete checkpoint (a new "generation"); a brand-new WAL gets two random salts. Every frame
repeats the salts of its generation, and SQLite replays only frames whose salts match the
header. So the pair (salt-1, salt-2) names one generation of one file's WAL: a WAL from
another copy, or an older generation of this file's own WAL, has other salts (a 64-bit
collision aside).

The ledger: the app turns off SQLite's automatic checkpoints on its connection and starts
each WAL generation itself (:meth:`itadesk.storage.database.Store` calls
:func:`start_generation`): checkpoint with ``TRUNCATE`` (the WAL is folded into the database
and emptied), write one no-op change (``PRAGMA user_version`` set to its own value), which
makes SQLite write the new generation's header, then record that header's salts in the
sidecar ``<db>.wal-id`` (written atomically). Every change the clerk makes afterwards goes
into that recorded generation. This happens when the database is opened, whenever the WAL
has grown past :data:`GENERATION_BYTES`, and the last checkpoint happens on closing (after
which SQLite deletes the ``-wal``).

On opening (:func:`set_aside_foreign_wal`, under the office lock, before any SQLite
connection exists): a ``-wal`` that SQLite would replay — a valid header and a first frame
of that generation — whose salts differ from the sidecar's is *set aside*: renamed (never
deleted) to ``<db>-wal.set-aside-<time>``, with its ``-shm`` likewise, and the clerk is told.
The database then opens as it was at its last checkpoint. A crash leaves the ``-wal`` of the
recorded generation, which is replayed as SQLite always did.

The one window where a legitimate WAL is not yet recorded: a crash between the no-op change
that starts a generation and the sidecar's update. That WAL holds only the no-op change (no
clerk data), so setting it aside loses nothing. A ``-wal`` found with no sidecar at all (the
file comes from elsewhere, or was last closed by an ITADesk before this ledger) is set aside
too: it cannot be shown to belong.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import struct
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from itadesk.errors import StorageError
from itadesk.fileio import fsync_folder, os_error_th

log = logging.getLogger(__name__)

WAL_SUFFIX = "-wal"
SHM_SUFFIX = "-shm"
RECORD_SUFFIX = ".wal-id"
SET_ASIDE_INFIX = ".set-aside-"
RECORD_FORMAT = "itadesk-wal-id/1"
WAL_HEADER_SIZE = 32
FRAME_HEADER_SIZE = 24
WAL_MAGICS = (0x377F0682, 0x377F0683)
#: A WAL larger than this after a change starts a new generation (checkpoint, mark, record).
GENERATION_BYTES = 4 << 20


@dataclass(frozen=True)
class WalHeader:
    page_size: int
    checkpoint: int  # SQLite's checkpoint sequence number
    salt1: int
    salt2: int


def wal_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + WAL_SUFFIX)


def shm_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SHM_SUFFIX)


def record_path_for(db_path: Path) -> Path:
    """The sidecar naming the generation of the WAL this file's last session wrote."""
    return db_path.with_name(db_path.name + RECORD_SUFFIX)


def read_wal_header(wal: Path) -> WalHeader | None:
    """The WAL's header, or None when there is none SQLite would use (missing, short, not a
    WAL). Reads 32 bytes; SQLite holds no lock on the ``-wal`` itself, so this is harmless."""
    try:
        with wal.open("rb") as handle:
            data = handle.read(WAL_HEADER_SIZE)
    except FileNotFoundError:
        return None
    if len(data) < WAL_HEADER_SIZE:
        return None
    magic, _version, page_size, checkpoint, salt1, salt2, _c1, _c2 = struct.unpack(">8I", data)
    if magic not in WAL_MAGICS:
        return None
    return WalHeader(page_size, checkpoint, salt1, salt2)


def _first_frame_matches(wal: Path, header: WalHeader) -> bool:
    """True if the WAL holds at least one frame of its header's generation (something SQLite
    would replay); an emptied or restarted-but-unwritten WAL holds none."""
    try:
        with wal.open("rb") as handle:
            handle.seek(WAL_HEADER_SIZE)
            frame = handle.read(FRAME_HEADER_SIZE)
    except OSError:
        return True  # cannot tell: judge by the header alone
    if len(frame) < FRAME_HEADER_SIZE:
        return False
    _page, _commit, salt1, salt2, _c1, _c2 = struct.unpack(">6I", frame)
    return (salt1, salt2) == (header.salt1, header.salt2)


def _recorded(db_path: Path) -> tuple[int, int] | None:
    try:
        data = json.loads(record_path_for(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
        return None
    salt1, salt2 = data.get("salt1"), data.get("salt2")
    if not isinstance(salt1, int) or not isinstance(salt2, int):
        return None
    return salt1, salt2


def record_generation(db_path: Path) -> None:
    """Record the current WAL header's salts in the sidecar (nothing when there is no WAL)."""
    header = read_wal_header(wal_path_for(db_path))
    if header is None:
        return
    if _recorded(db_path) == (header.salt1, header.salt2):
        return
    record = {
        "format": RECORD_FORMAT,
        "salt1": header.salt1,
        "salt2": header.salt2,
        "checkpoint": header.checkpoint,
        "page_size": header.page_size,
    }
    _write_record(record_path_for(db_path), json.dumps(record) + "\n")


def _write_record(target: Path, text: str) -> None:
    """Write the sidecar atomically: a fixed temp name beside it (the office lock is held, so
    no one else writes it), fsync, rename over, fsync the folder."""
    temp = target.with_name(target.name + ".new")
    try:
        with temp.open("w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_folder(target.parent)


@dataclass(frozen=True)
class SetAside:
    """Side files that did not belong to this database and were renamed, never deleted."""

    db_path: Path
    moved: tuple[Path, ...]
    originals: tuple[Path, ...] = ()

    def put_back(self) -> None:
        """Undo the renames (a damaged database's safety backup keeps its side files as
        they were, for whoever rescues it)."""
        for moved, original in zip(self.moved, self.originals, strict=True):
            if not original.exists():
                os.replace(moved, original)

    @property
    def message_th(self) -> str:
        where = ", ".join(f"“{path.name}”" for path in self.moved)
        return (
            f"พบไฟล์ “{self.db_path.name}{WAL_SUFFIX}” ข้างฐานข้อมูล ซึ่งไม่ได้มาจากการเปิดไฟล์นี้ครั้งล่าสุด"
            " (อาจคัดลอกมาจากสำเนาอื่นของฐานข้อมูล หรือโปรแกรมซิงก์ไฟล์นำฉบับเก่ากลับมา)"
            " ITADesk จึงไม่นำข้อมูลในไฟล์นั้นมาใช้ และย้ายไปเก็บไว้โดยไม่ลบเป็น"
            f" {where} ในโฟลเดอร์ “{self.db_path.parent}” — ข้อมูลที่เปิดอยู่คือข้อมูลที่บันทึกไว้ล่าสุดของไฟล์นี้"
            " ถ้าข้อมูลหายไป ให้กู้คืนจากไฟล์สำรอง หรือส่งไฟล์ที่ย้ายไว้ให้ผู้ดูแลตรวจสอบ"
        )


def set_aside_foreign_wal(db_path: Path) -> SetAside | None:
    """Before SQLite opens ``db_path`` (the caller holds the office lock): rename a ``-wal``
    that is not this file's last session's, and its ``-shm``, aside; None when there is none.
    Raises a Thai StorageError if the rename fails (the file is then not opened)."""
    db_path = Path(db_path)
    wal = wal_path_for(db_path)
    header = read_wal_header(wal)
    if header is None or not _first_frame_matches(wal, header):
        return None
    if _recorded(db_path) == (header.salt1, header.salt2):
        return None
    if _in_use_by_another_program(shm_path_for(db_path)):
        # A database viewer has the file open and this is its WAL: not ours to move.
        raise StorageError(
            f"ฐานข้อมูล “{db_path}” กำลังถูกโปรแกรมอื่นเปิดอยู่ (เช่น โปรแกรมดูฐานข้อมูล)"
            " ITADesk จึงยังไม่เปิดไฟล์นี้ — ปิดโปรแกรมนั้นก่อน แล้วเปิดใหม่"
        )
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    moved: list[Path] = []
    originals: list[Path] = []
    for side in (wal, shm_path_for(db_path)):
        if not side.exists():
            continue
        target = _free_name(side.with_name(f"{side.name}{SET_ASIDE_INFIX}{stamp}"))
        try:
            os.replace(side, target)
        except OSError as exc:
            raise StorageError(
                f"พบไฟล์ “{side.name}” ที่ไม่ได้มาจากการเปิดฐานข้อมูลนี้ครั้งล่าสุด แต่ย้ายไปเก็บไว้ไม่ได้"
                f" ({os_error_th(exc)}) ITADesk จึงยังไม่เปิดฐานข้อมูล “{db_path}” เพื่อไม่ให้ข้อมูลจากไฟล์นั้น"
                " ปนเข้ามา — ย้ายไฟล์นั้นออกจากโฟลเดอร์เอง (อย่าลบ) แล้วเปิดใหม่"
            ) from exc
        moved.append(target)
        originals.append(side)
    log.warning(
        "Set aside %s: salts %s/%s are not the recorded ones", moved, header.salt1, header.salt2
    )
    return SetAside(db_path, tuple(moved), tuple(originals))


# SQLite's unix VFS: every connection in WAL mode holds a read lock on this byte of -shm.
_SHM_DMS_BYTE = 128


def _in_use_by_another_program(shm: Path) -> bool:
    """True if another process holds SQLite's lock on ``shm`` (it has the database open).
    Only on Linux/macOS and only before this process opens the database itself: closing a
    descriptor of the -shm drops this process's own SQLite locks on it (storage/lock.py). On
    Windows a file in use cannot be renamed, which the caller reports instead."""
    if sys.platform == "win32":
        return False
    import fcntl

    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return False  # no -shm: nobody is connected
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _SHM_DMS_BYTE)
        return False
    finally:
        os.close(fd)


def _free_name(path: Path) -> Path:
    candidate, counter = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}-{counter}")
        counter += 1
    return candidate


def forget_record(db_path: Path) -> None:
    """Remove the sidecar (a restored file starts with no WAL and a new record)."""
    with contextlib.suppress(OSError):
        record_path_for(db_path).unlink()
