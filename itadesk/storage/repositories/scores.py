"""Indicator and item scores and the announced total of each assessed year (integer
hundredths)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from itadesk.storage.repositories.base import (
    RepositoryBase,
    from_hundredths,
    stored_year,
    to_hundredths,
    utc_now,
)


class ScoreRepository(RepositoryBase):
    """Indicator and item scores and the announced total of each assessed year, as integer
    hundredths."""

    def indicator_scores(self, fiscal_year: int) -> dict[int, Decimal]:
        """Indicator number → score, in indicator order."""
        return {
            indicator: from_hundredths(hundredths)
            for indicator, hundredths in self._rows(
                "SELECT indicator, score_hundredths FROM indicator_scores"
                " WHERE fiscal_year = ? ORDER BY indicator",
                [fiscal_year],
            )
        }

    def set_indicator_score(self, fiscal_year: int, indicator: int, value: Decimal | None) -> None:
        """Store one score; None removes it."""
        self.set_indicator_scores(fiscal_year, {indicator: value})

    def set_indicator_scores(self, fiscal_year: int, scores: Mapping[int, Decimal | None]) -> None:
        """Store several scores in one transaction (a paste is one save); None removes one."""
        stored_year(fiscal_year)
        converted = {
            indicator: None if value is None else to_hundredths(value)
            for indicator, value in scores.items()
        }
        with self.store.transaction():
            self._touch_assessment(fiscal_year)
            for indicator, hundredths in converted.items():
                if hundredths is None:
                    self._db.execute(
                        "DELETE FROM indicator_scores WHERE fiscal_year = ? AND indicator = ?",
                        [fiscal_year, indicator],
                    )
                else:
                    self._db.execute(
                        "INSERT INTO indicator_scores (fiscal_year, indicator, score_hundredths)"
                        " VALUES (?, ?, ?) ON CONFLICT (fiscal_year, indicator)"
                        " DO UPDATE SET score_hundredths = excluded.score_hundredths",
                        [fiscal_year, indicator, hundredths],
                    )
            self._drop_empty_assessment(fiscal_year)

    def item_scores(self, fiscal_year: int) -> dict[str, Decimal]:
        """Item code (i1, e3, O12 …) → score, ordered by code as stored."""
        return {
            code: from_hundredths(hundredths)
            for code, hundredths in self._rows(
                "SELECT code, score_hundredths FROM item_scores WHERE fiscal_year = ?"
                " ORDER BY code",
                [fiscal_year],
            )
        }

    def set_item_score(self, fiscal_year: int, code: str, value: Decimal | None) -> None:
        """Store one item's score; None removes it."""
        self.set_item_scores(fiscal_year, {code: value})

    def set_item_scores(self, fiscal_year: int, scores: Mapping[str, Decimal | None]) -> None:
        """Store several item scores in one transaction; None removes one."""
        stored_year(fiscal_year)
        converted = {
            code: None if value is None else to_hundredths(value) for code, value in scores.items()
        }
        with self.store.transaction():
            self._touch_assessment(fiscal_year)
            for code, hundredths in converted.items():
                if hundredths is None:
                    self._db.execute(
                        "DELETE FROM item_scores WHERE fiscal_year = ? AND code = ?",
                        [fiscal_year, code],
                    )
                else:
                    self._db.execute(
                        "INSERT INTO item_scores (fiscal_year, code, score_hundredths)"
                        " VALUES (?, ?, ?) ON CONFLICT (fiscal_year, code)"
                        " DO UPDATE SET score_hundredths = excluded.score_hundredths",
                        [fiscal_year, code, hundredths],
                    )
            self._drop_empty_assessment(fiscal_year)

    def official_total(self, fiscal_year: int) -> Decimal | None:
        """The total NACC published for the year, if the clerk entered it."""
        rows = self._rows(
            "SELECT official_total_hundredths FROM assessments WHERE fiscal_year = ?",
            [fiscal_year],
        )
        if not rows or rows[0][0] is None:
            return None
        return from_hundredths(rows[0][0])

    def set_official_total(self, fiscal_year: int, value: Decimal | None) -> None:
        stored_year(fiscal_year)
        hundredths = None if value is None else to_hundredths(value)
        with self.store.transaction():
            self._touch_assessment(fiscal_year)
            self._db.execute(
                "UPDATE assessments SET official_total_hundredths = ? WHERE fiscal_year = ?",
                [hundredths, fiscal_year],
            )
            self._drop_empty_assessment(fiscal_year)

    def _touch_assessment(self, fiscal_year: int) -> None:
        self._db.execute(
            "INSERT INTO assessments (fiscal_year, updated_at) VALUES (?, ?)"
            " ON CONFLICT (fiscal_year) DO UPDATE SET updated_at = excluded.updated_at",
            [fiscal_year, utc_now()],
        )

    def _drop_empty_assessment(self, fiscal_year: int) -> None:
        # A year whose last score was cleared should not linger as an empty assessment.
        self._db.execute(
            "DELETE FROM assessments WHERE fiscal_year = ? AND official_total_hundredths IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM indicator_scores WHERE fiscal_year = ?)"
            " AND NOT EXISTS (SELECT 1 FROM item_scores WHERE fiscal_year = ?)",
            [fiscal_year, fiscal_year, fiscal_year],
        )
