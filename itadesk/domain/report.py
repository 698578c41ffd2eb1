"""Everything the analysis-and-measures report prints, gathered in one value so the documents
layer needs nothing but the domain to lay it out; also the results report's, and the preface
(คำนำ) either report may open with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from itadesk.domain.analysis import Analysis
from itadesk.domain.frameworks import Framework
from itadesk.domain.measures import Measure
from itadesk.domain.scoring import ScoreResult
from itadesk.domain.tracking_rules import RoundReport


@dataclass(frozen=True)
class Preface:
    """A report's คำนำ: its paragraphs (from the phrase bank, or as the clerk edited them)
    and what it is signed with: the unit and the office, then the month and year."""

    paragraphs: tuple[str, ...]
    signed_by: tuple[str, ...]  # e.g. ("สำนักปลัด", "องค์การบริหารส่วนตำบลหนองตัวอย่าง")
    month_year: str  # e.g. "ธันวาคม ๒๕๖๘", in the report's digits


@dataclass(frozen=True)
class AnalysisReport:
    office_name: str  # full name, e.g. "องค์การบริหารส่วนตำบลหนองตัวอย่าง"
    district: str
    province: str
    prepared_by: str  # the unit that prepared it, e.g. "สำนักปลัด"
    framework: Framework  # of the assessed year
    scores: Mapping[int, Decimal]
    result: ScoreResult
    item_scores: Mapping[str, Decimal]
    analysis: Analysis
    plan_year: int  # the fiscal year of the measures (assessed year + 1)
    measures: tuple[Measure, ...]
    plan_framework: Framework | None = None  # for theme names of the plan year, if known
    previous_scores: Mapping[int, Decimal] = field(default_factory=dict)
    previous_result: ScoreResult | None = None
    thai_digits: bool = True
    target: Decimal = Decimal(85)
    preface: Preface | None = None  # None: no คำนำ
    contents: bool = False  # a สารบัญ after the cover (and the preface)

    @property
    def fiscal_year(self) -> int:
        return self.framework.fiscal_year

    def indicator_name_th(self, number: int) -> str:
        """The indicator's name in the assessed year's framework, else in the plan year's
        ("" when neither has it: a measure may name an indicator of another scheme)."""
        for framework in (self.framework, self.plan_framework):
            if framework is None:
                continue
            try:
                return framework.indicator(number).name_th
            except KeyError:
                continue
        return ""


GROUP_BY_THEME = "themes"  # seed 001: ประเด็นที่ ๑–๗, a table per theme
GROUP_BY_INDICATOR = "indicators"  # a table per indicator the measures serve
RESULT_GROUPINGS = (GROUP_BY_THEME, GROUP_BY_INDICATOR)


@dataclass(frozen=True)
class ResultsReport:
    """The results report of one round (6 or 12 months) of a fiscal year's measures."""

    office_name: str
    district: str
    province: str
    prepared_by: str
    round: RoundReport  # from a saved snapshot, or live data as of today
    framework: Framework | None  # the plan year's framework, for theme and indicator names
    grouping: str = GROUP_BY_THEME
    thai_digits: bool = True
    snapshot_taken_at: datetime | None = None  # None: not saved yet (a draft from live data)
    preface: Preface | None = None  # None: no คำนำ
    contents: bool = False  # a สารบัญ after the cover (and the preface)
