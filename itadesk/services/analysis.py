"""The analysis of a year's result: drafting from the scores, the clerk's edits, redrafting
without silently overwriting edited text, and the check for other offices' names."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from itadesk.domain import drafting
from itadesk.domain.analysis import (
    Analysis,
    AnalysisSection,
    RedraftPlan,
    SectionKey,
    plan_redraft,
    with_text,
)
from itadesk.domain.validation import LONG_TEXT_MAX, check_fiscal_year, clean_text
from itadesk.errors import ValidationError
from itadesk.services.frameworks import FrameworkService
from itadesk.services.settings import SettingsService
from itadesk.storage.database import Store
from itadesk.storage.repositories import Repositories

MAX_SECTION_CHARACTERS = LONG_TEXT_MAX
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|tr|h[1-6])(?:\s[^<>]*)?/?>", re.IGNORECASE)


def has_html_fragments(text: str) -> bool:
    """Text pasted from a web page or an extracted PDF often carries tags like <p>."""
    return bool(HTML_TAG.search(text))


def strip_html(text: str) -> str:
    """Tags removed (block tags become line breaks), entities decoded, blank runs folded."""
    text = BLOCK_TAG.sub("\n", text)
    text = HTML_TAG.sub("", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


@dataclass(frozen=True)
class ForeignNameWarning:
    key: SectionKey
    names: tuple[str, ...]


class AnalysisService:
    def __init__(
        self,
        store: Store,
        repos: Repositories,
        frameworks: FrameworkService,
        settings: SettingsService,
    ) -> None:
        self._store = store
        self._repos = repos
        self._frameworks = frameworks
        self._settings = settings

    def analysis(self, fiscal_year: int) -> Analysis:
        return self._repos.analysis.analysis(fiscal_year)

    def drafts(self, fiscal_year: int) -> dict[SectionKey, str]:
        framework = self._frameworks.get(fiscal_year)
        scores = self._repos.scores.indicator_scores(fiscal_year)
        if not scores:
            raise ValidationError(
                f"ยังไม่มีคะแนนของปีงบประมาณ {fiscal_year} — กรอกคะแนนตัวชี้วัดก่อนร่างการวิเคราะห์"
            )
        previous = self._repos.scores.indicator_scores(fiscal_year - 1) or None
        office = self._repos.office.get_office()
        return drafting.draft_analysis(
            framework,
            office.full_name or office.name,
            scores,
            previous,
            self._repos.scores.item_scores(fiscal_year),
            thai_digits=self._settings.document_settings().thai_digits,
            target=framework.target,
        )

    def plan_redraft(self, fiscal_year: int) -> RedraftPlan:
        return plan_redraft(self.analysis(fiscal_year), self.drafts(fiscal_year))

    def apply_redraft(
        self, fiscal_year: int, plan: RedraftPlan, *, overwrite_edited: bool
    ) -> Analysis:
        updated = plan.apply(self.analysis(fiscal_year), overwrite_edited=overwrite_edited)
        return self.restore(updated)

    def set_text(self, fiscal_year: int, key: SectionKey, text: str) -> Analysis:
        check_fiscal_year(fiscal_year)
        text = clean_text(text, "ข้อความการวิเคราะห์", MAX_SECTION_CHARACTERS)
        updated = with_text(self.analysis(fiscal_year), key, text)
        return self.restore(updated)

    def reset_to_draft(self, fiscal_year: int, key: SectionKey) -> Analysis:
        section = self.analysis(fiscal_year).get(key.indicator, key.field)
        if section is None or not section.drafted_text:
            drafted = self.drafts(fiscal_year).get(key, "")
            section = AnalysisSection(key, drafted, drafted)
        return self.set_text(fiscal_year, key, section.drafted_text)

    def restore(self, analysis: Analysis) -> Analysis:
        """Save a whole analysis as given (also used by undo)."""
        with self._store.transaction():
            self._repos.analysis.save_analysis(analysis)
        return self._repos.analysis.analysis(analysis.fiscal_year)

    def foreign_names(self, fiscal_year: int) -> list[ForeignNameWarning]:
        office = self._repos.office.get_office()
        own = office.full_name or office.name
        warnings = []
        for section in self.analysis(fiscal_year).sections:
            names = drafting.find_foreign_office_names(section.text, own)
            if names:
                warnings.append(ForeignNameWarning(section.key, tuple(names)))
        return warnings
