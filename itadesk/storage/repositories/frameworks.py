"""The office's own framework documents (started years, imported item lists, renamed themes)."""

from __future__ import annotations

import json
from typing import Any

from itadesk.storage.repositories.base import (
    RepositoryBase,
    stored_year,
    to_json,
    utc_now,
)


class FrameworkRepository(RepositoryBase):
    """The office's own framework documents (started years, imported item lists, renamed themes)."""

    def framework_overrides(self) -> dict[int, dict[str, Any]]:
        """Fiscal year → framework document saved by the clerk (edited, imported or new)."""
        return {
            fiscal_year: json.loads(definition)
            for fiscal_year, definition in self._rows(
                "SELECT fiscal_year, definition FROM frameworks ORDER BY fiscal_year"
            )
        }

    def save_framework_override(self, fiscal_year: int, data: dict[str, Any] | None) -> None:
        """Store the year's framework document; None removes it (back to the bundled one)."""
        stored_year(fiscal_year)
        with self.store.transaction() as db:
            if data is None:
                db.execute("DELETE FROM frameworks WHERE fiscal_year = ?", [fiscal_year])
            else:
                db.execute(
                    "INSERT INTO frameworks (fiscal_year, definition, updated_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (fiscal_year) DO UPDATE SET definition = excluded.definition,"
                    " updated_at = excluded.updated_at",
                    [fiscal_year, to_json(data), utc_now()],
                )
