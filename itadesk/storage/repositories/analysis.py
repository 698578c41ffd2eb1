"""The analysis sections of each assessed year: text as edited and the draft it came from."""

from __future__ import annotations

from itadesk.domain.analysis import INDICATOR_FIELDS, Analysis, AnalysisSection, SectionKey
from itadesk.storage.repositories.base import (
    RepositoryBase,
    stored_year,
    utc_now,
)

# analysis_sections.indicator of the summary (SectionKey.indicator None).
_SUMMARY_INDICATOR = 0


class AnalysisRepository(RepositoryBase):
    """The analysis sections of each assessed year: text as edited and the draft it came from."""

    def analysis(self, fiscal_year: int) -> Analysis:
        """The year's analysis, sections in document order (per indicator the four fields,
        then the summary); an empty Analysis if nothing was saved."""
        sections = [
            AnalysisSection(
                key=SectionKey(None if indicator == _SUMMARY_INDICATOR else indicator, field),
                text=text,
                drafted_text=drafted_text,
            )
            for indicator, field, text, drafted_text in self._rows(
                "SELECT indicator, field, text, drafted_text FROM analysis_sections"
                " WHERE fiscal_year = ?",
                [fiscal_year],
            )
        ]
        sections.sort(key=_section_order)
        return Analysis(fiscal_year=fiscal_year, sections=tuple(sections))

    def save_analysis(self, analysis: Analysis) -> None:
        """Replace every section of ``analysis.fiscal_year`` with the given ones."""
        stored_year(analysis.fiscal_year)
        with self.store.transaction() as db:
            wanted = {_section_row_key(section.key) for section in analysis.sections}
            saved = self._rows(
                "SELECT indicator, field FROM analysis_sections WHERE fiscal_year = ?",
                [analysis.fiscal_year],
            )
            for indicator, field in {tuple(row) for row in saved} - wanted:
                db.execute(
                    "DELETE FROM analysis_sections"
                    " WHERE fiscal_year = ? AND indicator = ? AND field = ?",
                    [analysis.fiscal_year, indicator, field],
                )
            for section in analysis.sections:
                self._upsert_section(analysis.fiscal_year, section)

    def save_analysis_section(self, fiscal_year: int, section: AnalysisSection) -> None:
        """Insert or replace one section of the year's analysis."""
        stored_year(fiscal_year)
        with self.store.transaction():
            self._upsert_section(fiscal_year, section)

    def _upsert_section(self, fiscal_year: int, section: AnalysisSection) -> None:
        indicator, field = _section_row_key(section.key)
        # updated_at moves only when the words change, so a whole-analysis save (undo, redraft
        # of other sections) does not make every section look freshly edited.
        self._db.execute(
            "INSERT INTO analysis_sections"
            " (fiscal_year, indicator, field, text, drafted_text, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (fiscal_year, indicator, field) DO UPDATE SET"
            " text = excluded.text, drafted_text = excluded.drafted_text,"
            " updated_at = CASE WHEN text IS excluded.text AND drafted_text IS"
            " excluded.drafted_text THEN updated_at ELSE excluded.updated_at END",
            [fiscal_year, indicator, field, section.text, section.drafted_text, utc_now()],
        )


def _section_row_key(key: SectionKey) -> tuple[int, str]:
    if key.indicator is not None and key.indicator <= _SUMMARY_INDICATOR:
        raise ValueError(f"indicator must be None (summary) or at least 1, not {key.indicator}")
    return (_SUMMARY_INDICATOR if key.indicator is None else key.indicator), key.field


def _section_order(section: AnalysisSection) -> tuple[int, int, int, str]:
    """Document order: indicators ascending, their fields as printed, the summary last."""
    indicator, field = section.key.indicator, section.key.field
    known = INDICATOR_FIELDS.index(field) if field in INDICATOR_FIELDS else len(INDICATOR_FIELDS)
    return (indicator is None, indicator or 0, known, field)
