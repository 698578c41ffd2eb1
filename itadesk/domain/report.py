"""Everything the analysis-and-measures report prints, gathered in one value so the documents
layer needs nothing but the domain to lay it out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from itadesk.domain.analysis import Analysis
from itadesk.domain.frameworks import Framework
from itadesk.domain.measures import Measure
from itadesk.domain.scoring import ScoreResult


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

    @property
    def fiscal_year(self) -> int:
        return self.framework.fiscal_year
