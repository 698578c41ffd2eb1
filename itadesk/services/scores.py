"""Entering scores and reading a year's summary (tool scores, total, rating, change)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from itadesk.domain import scoring
from itadesk.domain.frameworks import Framework
from itadesk.domain.validation import check_fiscal_year, check_score, parse_score
from itadesk.errors import ValidationError, echo
from itadesk.services.frameworks import FrameworkService
from itadesk.storage.database import Store
from itadesk.storage.repositories import Repositories


@dataclass(frozen=True)
class YearSummary:
    framework: Framework
    indicator_scores: Mapping[int, Decimal]
    item_scores: Mapping[str, Decimal]
    result: scoring.ScoreResult
    previous: scoring.ScoreResult | None
    previous_scores: Mapping[int, Decimal]
    comparison: scoring.YearComparison | None


def indicator_field_th(framework: Framework, number: int) -> str:
    return f"ตัวชี้วัดที่ {number} ({framework.indicator(number).name_th})"


class ScoreService:
    def __init__(self, store: Store, repos: Repositories, frameworks: FrameworkService) -> None:
        self._store = store
        self._repos = repos
        self._frameworks = frameworks

    # ---------------------------------------------------------------- reading

    def scored_years(self) -> list[int]:
        """Assessed years that have any score or an announced total, ascending."""
        return self._repos.years.fiscal_years()

    def indicator_scores(self, fiscal_year: int) -> dict[int, Decimal]:
        return self._repos.scores.indicator_scores(fiscal_year)

    def item_scores(self, fiscal_year: int) -> dict[str, Decimal]:
        return self._repos.scores.item_scores(fiscal_year)

    def official_total(self, fiscal_year: int) -> Decimal | None:
        return self._repos.scores.official_total(fiscal_year)

    def summary(self, fiscal_year: int) -> YearSummary:
        framework = self._frameworks.get(check_fiscal_year(fiscal_year))
        scores = self._repos.scores.indicator_scores(fiscal_year)
        result = scoring.score(framework, scores, self._repos.scores.official_total(fiscal_year))
        previous_year = fiscal_year - 1
        previous_scores = self._repos.scores.indicator_scores(previous_year)
        previous = None
        comparison = None
        if previous_scores and self._frameworks.catalog.has(previous_year):
            previous = scoring.score(self._frameworks.get(previous_year), previous_scores)
            comparison = scoring.compare(scores, result, previous_scores, previous)
        return YearSummary(
            framework=framework,
            indicator_scores=scores,
            item_scores=self._repos.scores.item_scores(fiscal_year),
            result=result,
            previous=previous,
            previous_scores=previous_scores,
            comparison=comparison,
        )

    # ---------------------------------------------------------------- writing

    def set_indicator_score(
        self, fiscal_year: int, indicator: int, value: str | Decimal | None
    ) -> Decimal | None:
        """Save one indicator score (text as typed, a Decimal, or None to clear)."""
        return self.set_indicator_scores(fiscal_year, {indicator: value})[indicator]

    def set_indicator_scores(
        self, fiscal_year: int, values: Mapping[int, str | Decimal | None]
    ) -> dict[int, Decimal | None]:
        """Validate every value first, then save them all in one transaction (a paste is all or
        nothing)."""
        framework = self._frameworks.get(check_fiscal_year(fiscal_year))
        parsed: dict[int, Decimal | None] = {}
        for number, value in values.items():
            if number not in framework.indicator_numbers:
                raise ValidationError(
                    f"ปีงบประมาณ {fiscal_year} ไม่มีตัวชี้วัดที่ {echo(number)}"
                    f" (มี 1–{len(framework.indicators)})"
                )
            parsed[number] = _as_score(value, indicator_field_th(framework, number))
        with self._store.transaction():
            for number, score in parsed.items():
                self._repos.scores.set_indicator_score(fiscal_year, number, score)
        return parsed

    def set_item_scores(
        self, fiscal_year: int, values: Mapping[str, str | Decimal | None]
    ) -> dict[str, Decimal | None]:
        framework = self._frameworks.get(check_fiscal_year(fiscal_year))
        known = {item.code for item in framework.items}
        parsed: dict[str, Decimal | None] = {}
        for code, value in values.items():
            if code not in known:
                raise ValidationError(f"ปีงบประมาณ {fiscal_year} ไม่มีข้อ {echo(code)} ในรายการข้อคำถาม")
            parsed[code] = _as_score(value, f"ข้อ {code}")
        with self._store.transaction():
            for code, score in parsed.items():
                self._repos.scores.set_item_score(fiscal_year, code, score)
        return parsed

    def set_scores(
        self,
        fiscal_year: int,
        indicators: Mapping[int, str | Decimal | None],
        items: Mapping[str, str | Decimal | None],
    ) -> None:
        """Indicator and item scores in ONE transaction (an import): each part is validated
        before it writes, and the indicators are undone if the items are refused."""
        with self._store.transaction():
            if indicators:
                self.set_indicator_scores(fiscal_year, indicators)
            if items:
                self.set_item_scores(fiscal_year, items)

    def set_official_total(self, fiscal_year: int, value: str | Decimal | None) -> Decimal | None:
        self._frameworks.get(check_fiscal_year(fiscal_year))  # no framework: refused too
        score = _as_score(value, "คะแนนรวมที่ ป.ป.ช. ประกาศ")
        with self._store.transaction():
            self._repos.scores.set_official_total(fiscal_year, score)
        return score


def _as_score(value: object, field_th: str) -> Decimal | None:
    """Text as typed (parsed), a number (Decimal, int, float: checked, NaN refused) or None."""
    if value is None:
        return None
    if isinstance(value, str):
        return parse_score(value, field_th)
    return check_score(value, field_th)
