"""Small key → JSON value settings (document font, digits, emblem, OIT windows …)."""

from __future__ import annotations

import json
from typing import Any

from itadesk.storage.repositories.base import (
    RepositoryBase,
    to_json,
)


class SettingsRepository(RepositoryBase):
    """Small key → JSON value settings (document font, digits, emblem, OIT windows …)."""

    def get_setting(self, key: str, default: Any = None) -> Any:
        """The JSON value stored under ``key``, or ``default``."""
        rows = self._rows("SELECT value FROM settings WHERE key = ?", [key])
        return json.loads(rows[0][0]) if rows else default

    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable value; None removes the key (get_setting → default)."""
        with self.store.transaction() as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, to_json(value)],
                )
