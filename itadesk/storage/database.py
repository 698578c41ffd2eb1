"""Open the office's database file: judge where it lives, lock, keep out a ``-wal`` that is not
its own, refuse what is not ours, migrate after a backup.

Order of :func:`open_store`:

1. **Where the file lives** (storage/location.py) decides how it is used:

   ========== ============================================================================
   local      WAL (``journal_mode=WAL``), ``synchronous=FULL`` — as always.
   network    the rollback journal (``journal_mode=DELETE``) with the office lock held,
              because WAL needs shared memory on one host ("WAL does not work over a
              network filesystem"); the clerk is told that keeping the file on the PC and
              backing up to the share is safer.
   removable  the rollback journal and ``synchronous=FULL``: every change is in the
              ``.sqlite3`` file itself, so the file alone is always whole when copied off
              the stick; the clerk is told to close the app before pulling the stick.
   cloud      refused (:class:`CloudFolderError`): a sync client uploads the database and
              its side files separately and can bring back an old one beside a new one. The
              window offers to copy the file to the PC; backups may go to a synced folder
              (each backup is one finished file, written atomically).
   ========== ============================================================================

2. The office lock is taken before SQLite opens the file at all (storage/lock.py says why).
3. A ``-wal`` that is not this file's last session's is set aside (renamed, never deleted)
   and not replayed (storage/wal.py: the WAL header's salts against the sidecar
   ``<db>.wal-id``, which every WAL generation the app starts is recorded in).
4. Everything that can be judged before writing is judged, so a file that is refused (not
   SQLite, damaged, another program's, made by a newer ITADesk) is left byte for byte as it
   was. Only then is the journal mode set, a recorded WAL generation started, and the file
   migrated — after a backup copy when an existing database has pending steps.

SQLite's own automatic checkpoints are off on the app's connection: the app checkpoints
itself when it opens the file, when the WAL passes ``wal.GENERATION_BYTES`` and when it closes
it, so that every WAL generation is one it has recorded (storage/wal.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Literal

from sqlite_utils import Database

from itadesk.errors import StorageError
from itadesk.fileio import os_error_th, write_atomically
from itadesk.storage import migrations as schema
from itadesk.storage import wal
from itadesk.storage.location import Location, Place, classify_folder, cloud_refusal_th
from itadesk.storage.lock import HOLDER_WINDOW, OfficeLock

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
BACKUPS_FOLDER_NAME = "backups"


class CloudFolderError(StorageError):
    """The database is in a cloud-synced folder; ``suggested`` is a folder on this PC to
    copy it to (the window offers that)."""

    def __init__(self, location: Location, suggested: Path | None = None) -> None:
        super().__init__(cloud_refusal_th(location, suggested))
        self.location = location
        self.suggested = suggested


class Store:
    """An open, locked, migrated database. Close it (or use ``with``) to release the lock."""

    def __init__(
        self,
        db: Database,
        path: Path,
        lock: OfficeLock | None,
        schema_version: int,
        backup_path: Path | None = None,
        *,
        location: Location | None = None,
        uses_wal: bool = False,
        notices_th: tuple[str, ...] = (),
    ) -> None:
        self.db = db
        self.path = path
        self.schema_version = schema_version
        # The copy taken before migrating, if this open migrated anything (for the log/status).
        self.backup_path = backup_path
        self.location = location or Location(Place.LOCAL, path.parent)
        self.uses_wal = uses_wal
        # What the clerk is told once about this open (the place, a WAL set aside).
        self.notices_th = notices_th
        self._lock = lock
        self._closed = False
        self._depth = 0

    @property
    def closed(self) -> bool:
        return self._closed

    def take_lock(self) -> OfficeLock | None:
        """Hand the office lock to the caller: closing the store no longer releases it (a
        restore keeps the file locked while it swaps it and reopens it)."""
        lock, self._lock = self._lock, None
        return lock

    def give_lock(self, lock: OfficeLock) -> None:
        """Make this store the owner of ``lock``: closing the store releases it."""
        self._lock = lock

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """All writes inside commit together or not at all; nesting uses savepoints."""
        self._depth += 1
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.OperationalError as exc:
            error = _environment_error(exc, self.path)
            if error is None:
                raise
            raise error from exc
        finally:
            self._depth -= 1
        if self._depth == 0 and self.uses_wal:
            self._renew_wal_if_large()

    def start_wal_generation(self) -> None:
        """Checkpoint, start a new WAL generation with a no-op change, record its salts
        (storage/wal.py). Never blocks on a reader: a busy checkpoint simply leaves the
        current generation, whose salts are then recorded again."""
        conn = self.db.conn
        if conn.in_transaction:
            return
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA user_version = {int(version)}")
        try:
            wal.record_generation(self.path)
        except OSError as exc:
            raise StorageError(_read_only_message(self.path)) from exc

    def _renew_wal_if_large(self) -> None:
        try:
            size = wal.wal_path_for(self.path).stat().st_size
        except OSError:
            return
        if size > wal.GENERATION_BYTES:
            try:
                self.start_wal_generation()
            except sqlite3.Error:
                # The change is committed; the WAL just stays one generation longer.
                log.info("Could not start a new WAL generation for %s", self.path, exc_info=True)

    def close(self) -> None:
        """Checkpoint the WAL into the main file, close the connection, release the lock."""
        if self._closed:
            return
        self._closed = True
        try:
            if self.db.conn.in_transaction:
                self.db.conn.rollback()
            if self.uses_wal:
                # Folds the -wal file back so the .sqlite3 file alone is a complete copy.
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            # Nothing is lost (the -wal keeps the changes and is this file's recorded own, so
            # the next open replays it) and nothing is for the clerk to do: no traceback.
            log.info("WAL checkpoint on closing %s did not complete: %s", self.path, exc)
        finally:
            self.db.close()
            if self.uses_wal and not wal.wal_path_for(self.path).exists():
                wal.forget_record(self.path)  # no WAL left: nothing to recognise next time
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@dataclass(frozen=True)
class _Inspection:
    empty: bool  # no tables at all: a new database
    applied: tuple[str, ...]  # names of our applied migrations, in order


def open_store(
    path: Path,
    *,
    create: bool = True,
    lock: bool | OfficeLock = True,
    holder: str = HOLDER_WINDOW,
    backups_dir: Path | None = None,
) -> Store:
    """Open (or create) the database at ``path`` and bring its schema up to date.

    ``lock``: True takes the office lock (named after ``holder``) before SQLite touches the
    file and releases it when the store closes; an :class:`OfficeLock` the caller already holds
    is used as it is and stays the caller's (a restore keeps it across closing and reopening);
    False is only for files no other process can know (a fresh temporary copy).

    Raises :class:`StorageError` with a Thai message for anything the clerk can act on
    (:class:`CloudFolderError` for a file in a cloud-synced folder).
    """
    path = Path(path).absolute()
    backups_dir = (
        Path(backups_dir) if backups_dir is not None else path.parent / BACKUPS_FOLDER_NAME
    )
    location = classify_folder(path.parent)
    if location.place == Place.CLOUD:
        raise CloudFolderError(location, _suggested_local_folder())
    # Only a plain read of the header happens before the lock: SQLite must not open a file
    # that another ITADesk process may be using (see storage/lock.py).
    exists = _check_file(path, create=create, backups_dir=backups_dir)
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(_read_only_message(path)) from exc
    if not _writable(path):
        raise StorageError(_read_only_message(path))

    owned_lock: OfficeLock | None = None
    if isinstance(lock, OfficeLock):
        if not lock.held:
            raise ValueError("open_store was given an office lock that is not held")
    elif lock:
        owned_lock = OfficeLock(path, holder)
        owned_lock.acquire()
    db: Database | None = None
    try:
        # Before any SQLite connection: a -wal that is not this file's own is never replayed.
        set_aside = wal.set_aside_foreign_wal(path)
        if exists:
            _inspect(path, backups_dir)  # writes nothing; refuses what is not ours or damaged
        db = _connect(path)
        # Inspect again on this connection: the file may have been created meanwhile.
        inspection = _inspect_connection(db.conn, path, backups_dir, integrity=False)
        uses_wal = _configure(db, path, location)
        store = Store(
            db,
            path,
            owned_lock,
            0,
            location=location,
            uses_wal=uses_wal,
            notices_th=tuple(
                notice
                for notice in (location.notice_th, set_aside.message_th if set_aside else "")
                if notice
            ),
        )
        if uses_wal:
            store.start_wal_generation()  # every change from here is in a recorded generation
        if inspection.empty:
            db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        pending = schema.MIGRATIONS.pending(db)
        if pending and inspection.applied:
            store.backup_path = backup_database(db, path, backups_dir, pending[0].name)
        store.schema_version = _migrate(db, path)
        return store
    except sqlite3.OperationalError as exc:
        _close_quietly(db, owned_lock)
        error = _environment_error(exc, path)
        if error is None:
            raise
        raise error from exc
    except BaseException:
        _close_quietly(db, owned_lock)
        raise


def backup_database(db: Database, path: Path, backups_dir: Path, label: str) -> Path:
    """Copy the open database with SQLite's backup API to
    ``<backups_dir>/<stem>-before-<label>-<YYYYmmdd-HHMMSS>.sqlite3`` and return that path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = f"{path.stem}-before-{label}-{stamp}"
    target = backups_dir / f"{base}.sqlite3"
    counter = 2
    while target.exists():  # two opens within one second must not overwrite a backup
        target = backups_dir / f"{base}-{counter}.sqlite3"
        counter += 1
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)

        def copy(partial: Path) -> None:
            with copy_database(db.conn, partial, check="quick_check"):
                pass

        write_atomically(target, copy)
    except (OSError, sqlite3.Error) as exc:
        reason = os_error_th(exc) if isinstance(exc, OSError) else str(exc)
        raise StorageError(
            f"สำรองฐานข้อมูล “{path}” ไปไว้ที่โฟลเดอร์ “{backups_dir}” ไม่สำเร็จ ({reason})"
            " จึงยังไม่ได้ปรับปรุงโครงสร้างฐานข้อมูลและข้อมูลยังอยู่ครบ"
            " — ตรวจสอบว่าโฟลเดอร์นั้นเขียนได้และดิสก์มีพื้นที่ว่าง แล้วเปิดโปรแกรมใหม่"
        ) from exc
    log.info("Backed up %s to %s before migration %s", path, target, label)
    return target


@contextlib.contextmanager
def copy_database(
    source: sqlite3.Connection,
    destination: Path,
    *,
    check: Literal["quick_check", "integrity_check"] = "integrity_check",
) -> Iterator[sqlite3.Connection]:
    """Copy the database of ``source`` into the new file ``destination`` with SQLite's online
    backup API and yield the checked copy, open, for the caller to read from (closed after).

    One step (``pages=-1``), so the copy is one consistent snapshot of committed data; switched
    to ``journal_mode = DELETE``, so it is one self-contained file a clerk can carry around;
    then ``check`` must say "ok" (else ``sqlite3.DatabaseError`` naming the check)."""
    copy = sqlite3.connect(destination)
    try:
        source.backup(copy, pages=-1)
        copy.execute("PRAGMA journal_mode = DELETE")
        result = copy.execute(f"PRAGMA {check}").fetchall()
        if result != [("ok",)]:
            log.error("%s of the copy %s: %s", check, destination, result[:10])
            raise sqlite3.DatabaseError(f"{check} failed")
        yield copy
    finally:
        copy.close()


# --------------------------------------------------------------------------- checks


def _suggested_local_folder() -> Path | None:
    """The app's own data folder on this PC, where a file from a synced folder can go."""
    from itadesk.paths import user_data_dir

    try:
        folder = user_data_dir()
    except OSError:
        return None
    return folder if classify_folder(folder).place == Place.LOCAL else None


def _check_file(path: Path, *, create: bool, backups_dir: Path) -> bool:
    """True if ``path`` holds an SQLite file to open; False if a new database is to be made."""
    if path.is_dir():
        raise StorageError(
            f"“{path}” เป็นโฟลเดอร์ ไม่ใช่ไฟล์ฐานข้อมูล — ระบุชื่อไฟล์ เช่น “{path / 'itadesk.sqlite3'}”"
        )
    if path.exists() and not path.is_file():
        # A FIFO, a device or a socket: opening it would wait for ever or read endlessly.
        raise StorageError(_not_ours_message(path, "ไม่ใช่ไฟล์ธรรมดา"))
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        if create:
            return False
        raise StorageError(
            f"ไม่พบไฟล์ฐานข้อมูล “{path}” — ตรวจสอบชื่อและตำแหน่งไฟล์อีกครั้ง หรือเลือกสร้างฐานข้อมูลใหม่"
        ) from None
    except PermissionError as exc:
        raise StorageError(
            f"ไม่มีสิทธิ์อ่านไฟล์ฐานข้อมูล “{path}” — ขอสิทธิ์จากผู้ดูแลเครื่อง"
            " หรือคัดลอกไฟล์ไปไว้ในโฟลเดอร์ของคุณแล้วเปิดใหม่"
        ) from exc
    except OSError as exc:
        raise StorageError(
            f"อ่านไฟล์ฐานข้อมูล “{path}” ไม่ได้ ({os_error_th(exc)}) — ตรวจสอบว่าไฟล์ยังอยู่"
            " และไดรฟ์ที่เก็บไฟล์ยังเชื่อมต่ออยู่ แล้วลองใหม่"
        ) from exc
    if not header:
        if create:
            return False  # an empty file (e.g. made by "New file") is a new database
        raise StorageError(
            f"ไฟล์ “{path}” เป็นไฟล์ว่าง ไม่ใช่ฐานข้อมูลของ ITADesk"
            " — เลือกไฟล์ฐานข้อมูลที่ถูกต้อง หรือเลือกสร้างฐานข้อมูลใหม่"
        )
    if header != SQLITE_HEADER:
        raise StorageError(_not_ours_message(path, "ไม่ใช่ไฟล์ฐานข้อมูล SQLite"))
    return True


def _inspect(path: Path, backups_dir: Path) -> _Inspection:
    """Judge an existing file through a connection that writes nothing."""
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error as exc:
        raise StorageError(_damaged_message(path, backups_dir)) from exc
    try:
        return _inspect_connection(conn, path, backups_dir)
    finally:
        conn.close()


def _inspect_connection(
    conn: sqlite3.Connection, path: Path, backups_dir: Path, *, integrity: bool = True
) -> _Inspection:
    try:
        if integrity:
            check = conn.execute("PRAGMA integrity_check").fetchall()
            if check != [("ok",)]:
                log.error("integrity_check of %s: %s", path, check[:10])
                raise StorageError(_damaged_message(path, backups_dir))
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        applied: list[str] = []
        if schema.MIGRATIONS.migrations_table in tables:
            applied = [
                row[0]
                for row in conn.execute(
                    f"SELECT name FROM [{schema.MIGRATIONS.migrations_table}]"
                    " WHERE migration_set = ? ORDER BY rowid",
                    [schema.MIGRATIONS.name],
                )
            ]
    except sqlite3.OperationalError as exc:
        error = _environment_error(exc, path)
        if error is not None:
            raise error from exc
        raise StorageError(_damaged_message(path, backups_dir)) from exc
    except sqlite3.DatabaseError as exc:
        raise StorageError(_damaged_message(path, backups_dir)) from exc
    if application_id != schema.APPLICATION_ID and (tables or application_id != 0):
        raise StorageError(_not_ours_message(path, "เป็นไฟล์ฐานข้อมูลของโปรแกรมอื่น"))
    known = schema.migration_names(schema.MIGRATIONS)
    unknown = [name for name in applied if name not in known]
    if user_version > len(known) or unknown:
        log.error(
            "%s is newer: user_version %s, unknown migrations %s", path, user_version, unknown
        )
        raise StorageError(
            f"ฐานข้อมูลนี้สร้างด้วย ITADesk รุ่นที่ใหม่กว่า (ไฟล์ “{path}”"
            f" ใช้โครงสร้างรุ่นที่ {max(user_version, len(applied))}"
            f" แต่โปรแกรมนี้รู้จักถึงรุ่นที่ {len(known)}) ITADesk รุ่นนี้จึงไม่เปิดและไม่แก้ไขไฟล์นี้"
            " — โปรดปรับปรุงโปรแกรม ITADesk เป็นรุ่นล่าสุดแล้วเปิดไฟล์อีกครั้ง"
        )
    return _Inspection(empty=not tables, applied=tuple(applied))


def _writable(path: Path) -> bool:
    # SQLite needs to write the file itself and create -wal/-shm/.lock files beside it.
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(path.parent, os.W_OK)


# --------------------------------------------------------------------------- open / migrate


def _connect(path: Path) -> Database:
    # A plain path rather than a file: URI, which SQLite refuses for Windows network shares
    # (\\server\share\…); whether the file should exist was settled by _check_file.
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.OperationalError as exc:
        raise StorageError(_read_only_message(path)) from exc
    # Plugins are skipped: the app must behave the same whatever else is installed.
    return Database(conn, execute_plugins=False)


def _configure(db: Database, path: Path, location: Location | None = None) -> bool:
    """Pragmas for the place the file is in (module docstring; None: on this PC); True if WAL
    is in use."""
    location = location or Location(Place.LOCAL, path.parent)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    wanted = "wal" if location.place == Place.LOCAL else "delete"
    mode = db.execute(f"PRAGMA journal_mode = {wanted.upper()}").fetchone()[0]
    if mode != wanted:
        # e.g. WAL on a drive that cannot map memory; still correct, without the ledger.
        log.warning("journal_mode %s not available for %s, using %s", wanted, path, mode)
    uses_wal = bool(mode == "wal")
    if uses_wal:
        # The app checkpoints itself, so every WAL generation is one it recorded (wal.py).
        db.execute("PRAGMA wal_autocheckpoint = 0")
    # FULL: a power cut right after "saved" must not lose the save.
    db.execute("PRAGMA synchronous = FULL")
    return uses_wal


def _migrate(db: Database, path: Path) -> int:
    """Apply pending steps (each in its own transaction) and record the count in user_version."""
    try:
        schema.MIGRATIONS.apply(db)
    except BaseException:
        # Also after a failure user_version should count the steps that did commit; but a
        # second error here (disk full …) must not hide the first one.
        try:
            _record_version(db)
        except sqlite3.Error:
            log.exception("Could not record user_version of %s after a failed migration", path)
        raise
    version = _record_version(db)
    log.info("Opened %s at schema version %s", path, version)
    return version


def _record_version(db: Database) -> int:
    """Set PRAGMA user_version to the number of known steps applied; return it."""
    if db.conn.in_transaction:
        db.conn.rollback()
    applied = {migration.name for migration in schema.MIGRATIONS.applied(db)}
    version = sum(1 for name in schema.migration_names(schema.MIGRATIONS) if name in applied)
    if db.execute("PRAGMA user_version").fetchone()[0] != version:
        db.execute(f"PRAGMA user_version = {version}")
    return version


def _close_quietly(db: Database | None, office_lock: OfficeLock | None) -> None:
    try:
        if db is not None:
            db.close()
    finally:
        if office_lock is not None:
            office_lock.release()


# --------------------------------------------------------------------------- messages


def _environment_error(exc: sqlite3.OperationalError, path: Path) -> StorageError | None:
    """A Thai StorageError for failures the clerk can fix; None for bugs."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageError(_read_only_message(path))
    if "disk is full" in text:
        return StorageError(
            f"ดิสก์เต็ม บันทึกลงฐานข้อมูล “{path}” ไม่ได้ และข้อมูลที่เพิ่งแก้ยังไม่ถูกบันทึก"
            " — ลบไฟล์ที่ไม่ใช้แล้วเพื่อเพิ่มพื้นที่ว่าง แล้วลองบันทึกใหม่"
        )
    if "locked" in text or "busy" in text:
        return StorageError(
            f"ฐานข้อมูล “{path}” กำลังถูกโปรแกรมอื่นใช้งานอยู่ จึงบันทึกไม่ได้ในขณะนี้"
            " — ปิดโปรแกรมอื่นที่เปิดไฟล์นี้อยู่ (เช่น โปรแกรมดูฐานข้อมูล) แล้วลองใหม่"
        )
    if "disk i/o error" in text:
        return StorageError(
            f"อ่านหรือเขียนไฟล์ฐานข้อมูล “{path}” ไม่ได้ (ไดรฟ์มีปัญหาหรือถูกถอดออก)"
            " — ตรวจสอบว่าไดรฟ์ยังเชื่อมต่ออยู่ แล้วเปิดโปรแกรมใหม่"
        )
    return None


def _read_only_message(path: Path) -> str:
    return (
        f"เขียนฐานข้อมูล “{path}” ไม่ได้ (ไฟล์หรือโฟลเดอร์ “{path.parent}” เป็นแบบอ่านอย่างเดียว"
        " หรือไม่มีสิทธิ์เขียน) — คัดลอกไฟล์ไปไว้ในโฟลเดอร์ที่เขียนได้ เช่น โฟลเดอร์เอกสารของคุณ"
        " แล้วเปิดจากที่นั่น หรือขอสิทธิ์เขียนจากผู้ดูแลเครื่อง"
    )


def _not_ours_message(path: Path, what: str) -> str:
    return (
        f"ไฟล์ “{path}” ไม่ใช่ฐานข้อมูลของ ITADesk ({what}) ITADesk จะไม่แก้ไขไฟล์นี้"
        " — เลือกไฟล์ฐานข้อมูลของ ITADesk (นามสกุล .sqlite3)"
        " หรือระบุชื่อไฟล์ใหม่เพื่อสร้างฐานข้อมูลใหม่"
    )


def _damaged_message(path: Path, backups_dir: Path) -> str:
    return (
        f"ไฟล์ฐานข้อมูล “{path}” เสียหาย (ไฟล์ไม่ครบหรือข้อมูลภายในผิดรูปแบบ)"
        " ITADesk จึงไม่เปิดและไม่แก้ไขไฟล์นี้"
        f" — นำไฟล์สำรองล่าสุด (เช่น จากโฟลเดอร์ “{backups_dir}”) มาวางแทน แล้วเปิดใหม่"
    )
