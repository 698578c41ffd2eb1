"""Which years hold data, across aggregates: assessed years with scores, plan years with measures,
and what a cycle holds (read only)."""

from __future__ import annotations

from itadesk.storage.repositories.base import (
    RepositoryBase,
)


class YearRepository(RepositoryBase):
    """Which years hold data, across aggregates: assessed years with scores, plan years with
    measures, and what a cycle holds (read only)."""

    def fiscal_years(self) -> list[int]:
        """Years with any score or an official total, ascending (framework overrides alone
        do not count: see :meth:`framework_overrides`)."""
        return [
            row[0]
            for row in self._rows(
                "SELECT fiscal_year FROM assessments WHERE official_total_hundredths IS NOT NULL"
                " UNION SELECT fiscal_year FROM indicator_scores"
                " UNION SELECT fiscal_year FROM item_scores"
                " ORDER BY fiscal_year"
            )
        ]

    def plan_years(self) -> list[int]:
        """Years that have at least one live measure, ascending."""
        return [
            row[0]
            for row in self._rows(
                "SELECT DISTINCT plan_year FROM measures WHERE deleted_at IS NULL ORDER BY 1"
            )
        ]

    def year_contents(self, fiscal_year: int) -> dict[str, int]:
        """How much the clerk has stored for the cycle assessed in ``fiscal_year``: its scores,
        analysis and memos, and the measures and rounds of its plan year (``fiscal_year + 1``).
        Keys name what is counted; zero counts are left out."""
        plan_year = fiscal_year + 1
        queries = {
            "scores": (
                "SELECT (SELECT count(*) FROM indicator_scores WHERE fiscal_year = ?)"
                " + (SELECT count(*) FROM item_scores WHERE fiscal_year = ?)"
                " + (SELECT count(*) FROM assessments WHERE fiscal_year = ?"
                " AND official_total_hundredths IS NOT NULL)",
                [fiscal_year, fiscal_year, fiscal_year],
            ),
            "analysis": (
                "SELECT count(*) FROM analysis_sections WHERE fiscal_year = ? AND text <> ''",
                [fiscal_year],
            ),
            "memos": (
                "SELECT count(*) FROM memos WHERE fiscal_year IN (?, ?)",
                [fiscal_year, plan_year],
            ),
            "measures": (
                "SELECT count(*) FROM measures WHERE plan_year = ? AND deleted_at IS NULL",
                [plan_year],
            ),
            "rounds": ("SELECT count(*) FROM round_snapshots WHERE plan_year = ?", [plan_year]),
        }
        counts = {
            key: self._db.execute(sql, args).fetchone()[0] for key, (sql, args) in queries.items()
        }
        return {key: count for key, count in counts.items() if count}
