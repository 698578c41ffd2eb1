"""When documents left the program (printed, saved as PDF or Word, the website bundle
exported), and when a cycle's scores, analysis and measures were last changed (read only)."""

from __future__ import annotations

from datetime import date, datetime

from itadesk.domain.road import Produced, ProducedHow
from itadesk.storage.repositories.base import RepositoryBase, stored_year, utc_now

_COLUMNS = "fiscal_year, kind, round_months, how, target, produced_at"


def _local_day(stamp: str | None) -> date | None:
    """The clerk's calendar day of a stored UTC time stamp."""
    if not stamp:
        return None
    return datetime.fromisoformat(stamp).astimezone().date()


def _produced(row: tuple[int, str, int | None, str, str, str]) -> Produced:
    year, kind, months, how, target, at = row
    day = _local_day(at)
    assert day is not None
    return Produced(year, kind, ProducedHow(how), day, target, months)


class ProducedRepository(RepositoryBase):
    def add(
        self,
        fiscal_year: int,
        kind: str,
        how: ProducedHow,
        target: str = "",
        round_months: int | None = None,
    ) -> None:
        stored_year(fiscal_year)
        with self.store.transaction() as db:
            db.execute(
                f"INSERT INTO produced_documents ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                [fiscal_year, kind, round_months, str(how), target, utc_now()],
            )

    def latest(
        self, fiscal_year: int, kinds: tuple[str, ...], round_months: int | None = None
    ) -> Produced | None:
        """The last time one of ``kinds`` of ``fiscal_year`` (of that round) left the program."""
        marks = ", ".join("?" for _ in kinds)
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM produced_documents WHERE fiscal_year = ?"
            f" AND kind IN ({marks}) AND round_months IS ? ORDER BY id DESC LIMIT 1",
            [fiscal_year, *kinds, round_months],
        )
        return _produced(rows[0]) if rows else None

    def history(self, fiscal_year: int) -> list[Produced]:
        return [
            _produced(row)
            for row in self._rows(
                f"SELECT {_COLUMNS} FROM produced_documents WHERE fiscal_year = ? ORDER BY id",
                [fiscal_year],
            )
        ]

    def last_changes(self, assessed_year: int) -> dict[str, date | None]:
        """The day the cycle's scores, analysis and (plan-year) measures were last changed."""
        queries = {
            "scores": ("SELECT updated_at FROM assessments WHERE fiscal_year = ?", assessed_year),
            "analysis": (
                "SELECT max(updated_at) FROM analysis_sections WHERE fiscal_year = ?",
                assessed_year,
            ),
            "measures": (
                "SELECT max(updated_at) FROM measures WHERE plan_year = ? AND deleted_at IS NULL",
                assessed_year + 1,
            ),
        }
        changes: dict[str, date | None] = {}
        for key, (sql, year) in queries.items():
            rows = self._rows(sql, [year])
            changes[key] = _local_day(rows[0][0]) if rows else None
        return changes
