"""The analysis of a year's ITA result (การวิเคราะห์ผลการประเมิน), as sections of text.

Each section remembers the text the program drafted beside the text the clerk has now, so a
redraft can replace what the clerk never touched and must ask before replacing what the clerk
edited. The analysis of scores of year N is the basis of the measures for year N + 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

# Section fields, in the order documents print them.
FINDING = "finding"  # ผลการวิเคราะห์ (what the scores say)
WEAKNESSES = "weaknesses"  # ข้อบกพร่อง/จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน
IMPROVEMENTS = "improvements"  # ประเด็นที่ต้องพัฒนาให้ดีขึ้น
GUIDANCE = "guidance"  # แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ
INDICATOR_FIELDS = (FINDING, WEAKNESSES, IMPROVEMENTS, GUIDANCE)
SUMMARY = "summary"  # the closing summary paragraph (indicator None)

FIELD_TITLES_TH = {
    FINDING: "ผลการวิเคราะห์",
    WEAKNESSES: "ข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน",
    IMPROVEMENTS: "ประเด็นที่ต้องพัฒนาให้ดีขึ้น",
    GUIDANCE: "แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ",
    SUMMARY: "สรุปผลการวิเคราะห์",
}


@dataclass(frozen=True)
class SectionKey:
    indicator: int | None  # None for the summary
    field: str


@dataclass(frozen=True)
class AnalysisSection:
    key: SectionKey
    text: str
    drafted_text: str = ""

    @property
    def edited(self) -> bool:
        """The clerk changed the text since it was drafted."""
        return self.text != self.drafted_text


@dataclass(frozen=True)
class Analysis:
    fiscal_year: int  # the year whose scores are analysed
    sections: tuple[AnalysisSection, ...] = ()

    def get(self, indicator: int | None, field: str) -> AnalysisSection | None:
        for section in self.sections:
            if section.key == SectionKey(indicator, field):
                return section
        return None

    def text(self, indicator: int | None, field: str) -> str:
        section = self.get(indicator, field)
        return section.text if section else ""


@dataclass(frozen=True)
class RedraftPlan:
    """What a redraft would do: sections it may replace freely, and sections the clerk edited
    whose replacement needs the clerk's consent."""

    replaced: tuple[AnalysisSection, ...]
    conflicts: tuple[AnalysisSection, ...]  # the new drafts for sections the clerk edited

    def apply(self, analysis: Analysis, *, overwrite_edited: bool) -> Analysis:
        updates = {section.key: section for section in self.replaced}
        if overwrite_edited:
            updates.update({section.key: section for section in self.conflicts})
        else:
            # Keep the clerk's words but remember the new draft for "reset to draft".
            for draft in self.conflicts:
                current = analysis.get(draft.key.indicator, draft.key.field)
                if current is not None:
                    updates[draft.key] = replace(current, drafted_text=draft.drafted_text)
        kept = [updates.pop(section.key, section) for section in analysis.sections]
        return replace(analysis, sections=(*kept, *updates.values()))


def plan_redraft(analysis: Analysis, drafts: Mapping[SectionKey, str]) -> RedraftPlan:
    replaced: list[AnalysisSection] = []
    conflicts: list[AnalysisSection] = []
    for key, drafted in drafts.items():
        new = AnalysisSection(key=key, text=drafted, drafted_text=drafted)
        current = analysis.get(key.indicator, key.field)
        if current is None or not current.edited or current.text == drafted:
            replaced.append(new)
        else:
            conflicts.append(new)
    return RedraftPlan(replaced=tuple(replaced), conflicts=tuple(conflicts))


def with_text(analysis: Analysis, key: SectionKey, text: str) -> Analysis:
    """The analysis with one section's text set by the clerk (its draft is kept)."""
    current = analysis.get(key.indicator, key.field)
    if current is None:
        return replace(analysis, sections=(*analysis.sections, AnalysisSection(key, text, "")))
    sections = tuple(
        replace(section, text=text) if section.key == key else section
        for section in analysis.sections
    )
    return replace(analysis, sections=sections)


def ordered_sections(analysis: Analysis, indicators: Iterable[int]) -> list[AnalysisSection]:
    """Sections in document order: per indicator the four fields, then the summary."""
    ordered: list[AnalysisSection] = []
    for number in indicators:
        for field in INDICATOR_FIELDS:
            section = analysis.get(number, field)
            if section is not None:
                ordered.append(section)
    summary = analysis.get(None, SUMMARY)
    if summary is not None:
        ordered.append(summary)
    return ordered
