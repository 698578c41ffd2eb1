"""One open office file: its lock, its store and the services over it, owned by whoever opened
it (the window's composition root, a command of the command line, a benchmark).

Nobody else opens SQLite. The session takes the office lock before SQLite touches the file
(storage/lock.py), hands out only :class:`~itadesk.services.Services`, and does the one thing
that must swap the file under the services: a restore, keeping the lock from closing the old
file to opening the restored one.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from itadesk.services import Services, build_services
from itadesk.services.backup import restore_into
from itadesk.storage.backup import RestoreResult
from itadesk.storage.database import CloudFolderError, Store, open_store
from itadesk.storage.location import Location
from itadesk.storage.relocate import copy_office_to

__all__ = ["CloudFolderError", "OfficeSession", "copy_office_to"]
from itadesk.storage.lock import HOLDER_WINDOW, OfficeLock


class OfficeSession:
    """The open office at :attr:`path`; close it (or use ``with``) to release the file."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.services: Services = build_services(store)

    @classmethod
    def open(cls, path: Path, *, holder: str = HOLDER_WINDOW, create: bool = True) -> OfficeSession:
        """Lock, check, migrate and open the office file at ``path`` (Thai StorageError for
        anything the clerk can act on; the file is left as it was when refused)."""
        return cls(open_store(Path(path), create=create, holder=holder))

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def closed(self) -> bool:
        return self._store.closed

    @property
    def location(self) -> Location:
        """Where the office file lives (``location.label_th`` for the status bar)."""
        return self._store.location

    @property
    def notices_th(self) -> tuple[str, ...]:
        """What the clerk is told once about this open: where the file is and what the app
        does about it, a ``-wal`` from elsewhere that was set aside."""
        return self._store.notices_th

    @property
    def migration_backup(self) -> Path | None:
        """The copy taken before this open migrated the file, if it did."""
        return self._store.backup_path

    def restore(self, backup: Path) -> RestoreResult:
        """Replace the office's data with ``backup`` (the current data is first kept as a
        backup) and reopen it: :attr:`services` is new afterwards. On a refusal (UserError)
        the office is reopened unchanged and the error raised."""
        path = self._store.path
        lock = self._store.take_lock()
        self._store.close()
        try:
            result = restore_into(backup, path, lock)
        except BaseException:
            self._reopen(path, lock)
            raise
        self._reopen(path, lock)
        return result

    def _reopen(self, path: Path, lock: OfficeLock | None) -> None:
        if lock is None:
            store = open_store(path)
        else:
            try:
                store = open_store(path, lock=lock)
            except BaseException:
                lock.release()
                raise
            store.give_lock(lock)
        self._store = store
        self.services = build_services(store)

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> OfficeSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
