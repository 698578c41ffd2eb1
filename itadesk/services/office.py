"""The office profile: name, kind, address, document prefix, units and the people who sign."""

from __future__ import annotations

from itadesk.domain.office import OfficeProfile, validate_office
from itadesk.errors import ValidationError
from itadesk.storage.database import Store
from itadesk.storage.repositories import Repositories


class OfficeService:
    def __init__(self, store: Store, repos: Repositories) -> None:
        self._store = store
        self._repos = repos

    def profile(self) -> OfficeProfile:
        return self._repos.office.get_office()

    def save(self, profile: OfficeProfile) -> OfficeProfile:
        """Validate and save the whole profile; on a problem nothing is written."""
        problems = validate_office(profile)
        if problems:
            raise ValidationError("\n".join(problems))
        with self._store.transaction():
            self._repos.office.save_office(profile)
        return self._repos.office.get_office()

    def restore(self, profile: OfficeProfile) -> OfficeProfile:
        """Put back a profile exactly as it was stored before (undo/redo). It is not validated
        again: an earlier state, even the empty profile of a new office, is always allowed."""
        with self._store.transaction():
            self._repos.office.save_office(profile)
        return self._repos.office.get_office()
