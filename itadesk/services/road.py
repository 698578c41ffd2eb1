"""The start page's use cases: the cycle's road (``domain.road``) from the office's own data,
what it looks like at a glance (this year against last, the score history, the measures'
progress), and recording when a document or the website bundle left the program."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from itadesk.domain import tracking_rules
from itadesk.domain.documents import DocumentKind
from itadesk.domain.fiscal import AssessmentCycle
from itadesk.domain.road import (
    BUNDLE_KIND,
    Produced,
    ProducedHow,
    RoadFacts,
    YearRoad,
    year_road,
)
from itadesk.domain.validation import check_fiscal_year
from itadesk.errors import UserError, ValidationError
from itadesk.services.analysis import AnalysisService
from itadesk.services.frameworks import FrameworkService
from itadesk.services.measures import MeasureService
from itadesk.services.scores import ScoreService
from itadesk.services.tracking import TrackingService
from itadesk.storage.database import Store
from itadesk.storage.repositories import Repositories

# The memo step is done by either memo of the assessed year; a round's report by the results
# report or the results memo of that round.
MEMO_KINDS = (str(DocumentKind.MEMO), str(DocumentKind.PUBLISH_MEMO))
ROUND_REPORT_KINDS = (str(DocumentKind.RESULTS), str(DocumentKind.RESULTS_MEMO))
RECORDED_KINDS = frozenset(
    {str(kind) for kind in DocumentKind if kind != DocumentKind.PROOF} | {BUNDLE_KIND}
)


@dataclass(frozen=True)
class YearResult:
    fiscal_year: int
    total: Decimal | None
    rating_th: str | None
    passing: bool | None


@dataclass(frozen=True)
class MeasureBar:
    title: str
    percent: int
    done: int
    total: int


@dataclass(frozen=True)
class Glance:
    """The start page's figures for one cycle."""

    this_year: YearResult | None
    last_year: YearResult | None
    history: tuple[YearResult, ...]  # every scored year with a total, oldest first
    measures: tuple[MeasureBar, ...]  # of the plan year


class RoadService:
    def __init__(
        self,
        store: Store,
        repos: Repositories,
        frameworks: FrameworkService,
        scores: ScoreService,
        analysis: AnalysisService,
        measures: MeasureService,
        tracking: TrackingService,
    ) -> None:
        self._store = store
        self._repos = repos
        self._frameworks = frameworks
        self._scores = scores
        self._analysis = analysis
        self._measures = measures
        self._tracking = tracking

    # ------------------------------------------------------------------ recording

    def record_document(
        self,
        kind: DocumentKind | str,
        fiscal_year: int,
        how: ProducedHow,
        target: Path | None = None,
        round_months: int | None = None,
    ) -> None:
        """A document of ``fiscal_year`` was printed or saved (``target`` the file written)."""
        kind = str(kind)
        if kind not in RECORDED_KINDS:
            return  # the proof sheet belongs to no year's road
        check_fiscal_year(fiscal_year)
        if kind not in ROUND_REPORT_KINDS:
            round_months = None
        elif round_months not in (6, 12):
            raise ValidationError("รอบรายงานต้องเป็น 6 หรือ 12 เดือน")
        with self._store.transaction():
            self._repos.produced.add(
                fiscal_year, kind, ProducedHow(how), str(target or ""), round_months
            )

    def record_bundle(self, fiscal_year: int, target: Path) -> None:
        """The website bundle of ``fiscal_year`` was written to ``target`` (a folder or ZIP)."""
        how = ProducedHow.ZIP if target.suffix.lower() == ".zip" else ProducedHow.FOLDER
        self.record_document(BUNDLE_KIND, fiscal_year, how, target)

    def history(self, fiscal_year: int) -> list[Produced]:
        return self._repos.produced.history(fiscal_year)

    # ------------------------------------------------------------------ the road

    def facts(self, cycle: AssessmentCycle) -> RoadFacts:
        year, plan_year = cycle.assessed_year, cycle.plan_year
        produced = self._repos.produced
        changes = produced.last_changes(year)
        indicator_count = 0
        scores = self._scores.indicator_scores(year)
        total = rating = None
        gaps: tuple[str, ...] = ()
        if self._frameworks.catalog.has(year):
            framework = self._frameworks.get(year)
            indicator_count = len(framework.indicators)
            try:
                result = self._scores.summary(year).result
            except UserError:
                result = None
            if result is not None and result.total is not None and result.rating is not None:
                total, rating = result.total, result.rating.label
            if scores:
                gaps = tuple(f"ตัวชี้วัดที่ {number}" for number in self._measures.coverage_gaps(year))
        analysis = self._analysis.analysis(year)
        sections = [section for section in analysis.sections if section.text.strip()]
        rounds_saved: dict[int, date] = {}
        reports: dict[int, Produced] = {}
        for months in (6, 12):
            snapshot = self._tracking.latest_snapshot(plan_year, months)
            if snapshot is None:
                continue
            saved_on = snapshot.taken_at.astimezone().date()
            rounds_saved[months] = saved_on
            report = produced.latest(plan_year, ROUND_REPORT_KINDS, months)
            if report is not None and report.on >= saved_on:
                reports[months] = report
        return RoadFacts(
            cycle=cycle,
            indicator_count=indicator_count,
            scores_entered=len(scores),
            scores_on=changes["scores"],
            total=total,
            rating_th=rating,
            analysis_sections=len(sections),
            analysis_edited=sum(section.edited for section in sections),
            analysis_on=changes["analysis"],
            measures=len(self._measures.measures(plan_year)),
            coverage_gaps=gaps,
            measures_on=changes["measures"],
            memo=produced.latest(year, MEMO_KINDS),
            bundle=produced.latest(year, (BUNDLE_KIND,)),
            rounds_saved=rounds_saved,
            round_reports=reports,
            oit_window=self._tracking.oit_window(plan_year),
        )

    def road(self, cycle: AssessmentCycle, today: date) -> YearRoad:
        return year_road(self.facts(cycle), today)

    # ------------------------------------------------------------------ at a glance

    def year_result(self, fiscal_year: int) -> YearResult | None:
        """The year's total and rating, or None when the year has no scores."""
        if not self._scores.indicator_scores(fiscal_year) or not self._frameworks.catalog.has(
            fiscal_year
        ):
            return None
        try:
            result = self._scores.summary(fiscal_year).result
        except UserError:
            return None
        rating = result.rating
        return YearResult(
            fiscal_year,
            result.total,
            rating.label if rating is not None else None,
            rating.passing if rating is not None else None,
        )

    def glance(self, cycle: AssessmentCycle) -> Glance:
        history = []
        for year in self._scores.scored_years():
            result = self.year_result(year)
            if result is not None and result.total is not None:
                history.append(result)
        items = self._tracking.items(cycle.plan_year)
        bars = []
        for measure in self._tracking.measures(cycle.plan_year):
            steps = items.get(measure.id, []) if measure.id is not None else []
            progress = tracking_rules.measure_progress(steps)
            bars.append(MeasureBar(measure.title, progress.percent, progress.done, progress.total))
        return Glance(
            this_year=self.year_result(cycle.assessed_year),
            last_year=self.year_result(cycle.previous_year),
            history=tuple(history),
            measures=tuple(bars),
        )
