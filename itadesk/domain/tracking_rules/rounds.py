"""Reporting rounds (6 and 12 months): which rounds close soon, items done after a round's
cut-off, and the round report as the document prints it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from itadesk.domain.fiscal import (
    ReportingRound,
    reporting_round,
)
from itadesk.domain.measure_rules import timeline_bounds, timeline_label_th
from itadesk.domain.measures import Measure
from itadesk.domain.tracking import (
    ITEM_OUTPUT,
    ITEM_STEP,
    ROUND_MONTHS,
    STATE_LABELS_TH,
    CheckItem,
    MeasureResult,
    TrackingState,
)
from itadesk.domain.tracking_rules.common import (
    KIND_ORDER,
    DueItem,
    ItemsByMeasure,
    item_label_th,
    items_of,
    short_date,
)
from itadesk.domain.tracking_rules.due import _open_items_with_due
from itadesk.domain.tracking_rules.progress import EMPTY_PROGRESS, Progress, _theme_progress_of

REPORT_PREPARATION_DAYS = 30


def round_for(plan_year: int, months: int) -> ReportingRound:
    """The 6-month (1 ต.ค.–31 มี.ค.) or 12-month (whole fiscal year) round of ``plan_year``."""
    return reporting_round(plan_year, months)


def round_closing_within(plan_year: int, today: date, days: int = 30) -> list[ReportingRound]:
    """Rounds of ``plan_year`` ending within ``days`` after ``today`` (today included), or that
    ended at most 30 days ago (their report is still being prepared), earliest first."""
    found: list[ReportingRound] = []
    for months in ROUND_MONTHS:
        period = reporting_round(plan_year, months)
        remaining = (period.end - today).days
        if 0 <= remaining <= days or 0 < -remaining <= REPORT_PREPARATION_DAYS:
            found.append(period)
    return found


def items_due_in_round(
    measures: Sequence[Measure], items_by_measure: ItemsByMeasure, plan_year: int, months: int
) -> list[DueItem]:
    """Items still open (neither done nor declared impossible) whose due date falls inside the
    round's period, as (measure, item, due date) sorted by due date."""
    period = reporting_round(plan_year, months)
    return [
        entry
        for entry in _open_items_with_due(measures, items_by_measure)
        if period.start <= entry[2] <= period.end
    ]


@dataclass(frozen=True)
class LateItem:
    """An item marked done whose date done is after a round's last day (or missing)."""

    measure: Measure
    item: CheckItem


def late_items(
    plan_year: int, months: int, measures: Sequence[Measure], items_by_measure: ItemsByMeasure
) -> list[LateItem]:
    """Items marked done after the round's last day, which its report counts as not done
    (done in April for the 6-month round ending 31 มี.ค.); an item marked done with no date
    is listed too, as the report cannot count it either. Measures in the order given, steps
    then outputs by position."""
    period = reporting_round(plan_year, months)
    found: list[LateItem] = []
    for measure in measures:
        items = sorted(
            items_of(measure, items_by_measure),
            key=lambda item: (KIND_ORDER.get(item.kind, 2), item.position),
        )
        for item in items:
            if item.state == TrackingState.DONE and (
                item.done_date is None or item.done_date > period.end
            ):
                found.append(LateItem(measure, item))
    return found


def named_item_th(item: CheckItem) -> str:
    """An item with its wording: "ขั้นตอนที่ 2 “ประชุมชี้แจง”" or "ผลผลิต “…”"."""
    if item.kind == ITEM_STEP:
        return f"{item_label_th(item)} “{item.text.strip()}”"
    return item_label_th(item)


def late_items_text_th(period: ReportingRound, late: Sequence[LateItem], limit: int = 10) -> str:
    """What saving ``period``'s report must tell the clerk first: each late item with its
    measure and date done (at most ``limit`` named, the rest counted), and how to fix it."""
    lines = [
        f"รายการต่อไปนี้บันทึกว่าดำเนินการแล้วเสร็จหลังวันสิ้นสุดรอบ {period.months} เดือน "
        f"({short_date(period.end)}) จึงจะนับว่ายังไม่เสร็จในรายงานรอบนี้:"
    ]
    for entry in late[:limit]:
        when = (
            f"เสร็จ {short_date(entry.item.done_date)}"
            if entry.item.done_date is not None
            else "ไม่มีวันที่ดำเนินการ"
        )
        lines.append(f"• {entry.measure.title.strip()}: {named_item_th(entry.item)} ({when})")
    if len(late) > limit:
        lines.append(f"• และอีก {len(late) - limit} รายการ")
    lines.append("\nถ้ารายการใดดำเนินการแล้วเสร็จภายในรอบจริง ให้ตอบ “ไม่” แล้วแก้วันที่ดำเนินการก่อนบันทึกรายงาน")
    return "\n".join(lines)


@dataclass(frozen=True)
class RoundEvidence:
    kind: str  # EVIDENCE_FILE or EVIDENCE_LINK
    label: str
    value: str  # attachment path or URL


@dataclass(frozen=True)
class RoundItem:
    """A check item as the round report states it (state as of the round's end)."""

    kind: str
    text: str
    position: int
    state: str
    done_date: date | None
    note: str
    reason: str
    evidence: tuple[RoundEvidence, ...]
    id: int | None = None

    @property
    def state_label_th(self) -> str:
        return STATE_LABELS_TH.get(self.state, self.state)


@dataclass(frozen=True)
class RoundMeasure:
    id: int | None
    title: str
    indicators: tuple[int, ...]
    themes: tuple[int, ...]
    timeline_kind: str
    timeline_label: str  # Arabic digits, e.g. "ไตรมาส 1–2 (ต.ค. 68 – มี.ค. 69)"; "" if unreadable
    timeline_start: date | None
    timeline_end: date | None
    unit: str
    follow_up: str
    reporting: str
    items: tuple[RoundItem, ...]  # steps by position, then outputs by position
    outputs: str  # ผลการดำเนินการ
    outcomes: str  # ผลลัพธ์/ผลสัมฤทธิ์
    progress: Progress

    @property
    def steps(self) -> tuple[RoundItem, ...]:
        return tuple(item for item in self.items if item.kind == ITEM_STEP)

    @property
    def expected_outputs(self) -> tuple[RoundItem, ...]:
        return tuple(item for item in self.items if item.kind == ITEM_OUTPUT)


@dataclass(frozen=True)
class RoundReport:
    """Everything a round's results report prints, from live data or from a snapshot."""

    plan_year: int
    months: int
    start: date  # the round's period
    end: date
    as_of: date  # the round's end, or the day the report was made if earlier
    measures: tuple[RoundMeasure, ...]
    overall: Progress
    themes: tuple[tuple[int, Progress], ...]  # (theme number, progress); 0 = ไม่ระบุประเด็น

    @property
    def period(self) -> ReportingRound:
        return ReportingRound(self.plan_year, self.months, self.start, self.end)

    def theme(self, number: int) -> Progress:
        for theme_number, progress in self.themes:
            if theme_number == number:
                return progress
        raise KeyError(number)


def _item_as_of(item: CheckItem, as_of: date) -> RoundItem:
    state, done_date, evidence = item.state, item.done_date, item.evidence
    if state == TrackingState.DONE and (done_date is None or done_date > as_of):
        # Done after the round's end: on the round's last day it was still being worked on.
        # Its evidence documents that later completion, so it is left out too.
        state, done_date, evidence = TrackingState.IN_PROGRESS, None, ()
    return RoundItem(
        kind=item.kind,
        text=item.text,
        position=item.position,
        state=state,
        done_date=done_date,
        note=item.note,
        reason=item.reason,
        evidence=tuple(RoundEvidence(e.kind, e.label, e.value) for e in evidence),
        id=item.id,
    )


def _timeline_data(measure: Measure) -> tuple[str, date | None, date | None]:
    try:
        start, end = timeline_bounds(measure.timeline, measure.plan_year)
        label = timeline_label_th(measure.timeline, measure.plan_year, thai_digits=False)
    except ValueError:
        return "", None, None
    return label, start, end


def _round_items(items: Sequence[CheckItem], as_of: date) -> tuple[RoundItem, ...]:
    ordered = sorted(items, key=lambda item: (KIND_ORDER.get(item.kind, 2), item.position))
    return tuple(_item_as_of(item, as_of) for item in ordered)


def _round_progress(items: Sequence[RoundItem]) -> Progress:
    return Progress(
        done=sum(item.state == TrackingState.DONE for item in items),
        cannot=sum(item.state == TrackingState.CANNOT for item in items),
        in_progress=sum(item.state == TrackingState.IN_PROGRESS for item in items),
        total=len(items),
    )


def round_report(
    plan_year: int,
    months: int,
    measures: Sequence[Measure],
    items_by_measure: ItemsByMeasure,
    results_by_measure: Mapping[int, MeasureResult],
    today: date,
) -> RoundReport:
    """The round's report from live data, as of the round's end (or ``today`` if earlier):
    items done after that day count as not done. Measures keep the order given."""
    period = reporting_round(plan_year, months)
    as_of = min(today, period.end)
    round_measures: list[RoundMeasure] = []
    for measure in measures:
        items = _round_items(items_of(measure, items_by_measure), as_of)
        result = results_by_measure.get(measure.id) if measure.id is not None else None
        label, start, end = _timeline_data(measure)
        round_measures.append(
            RoundMeasure(
                id=measure.id,
                title=measure.title,
                indicators=tuple(measure.indicators),
                themes=tuple(measure.themes),
                timeline_kind=measure.timeline.kind,
                timeline_label=label,
                timeline_start=start,
                timeline_end=end,
                unit=measure.unit,
                follow_up=measure.follow_up,
                reporting=measure.reporting,
                items=items,
                outputs=result.outputs if result is not None else "",
                outcomes=result.outcomes if result is not None else "",
                progress=_round_progress(items),
            )
        )
    return _assemble(plan_year, months, period, as_of, round_measures)


def _assemble(
    plan_year: int,
    months: int,
    period: ReportingRound,
    as_of: date,
    measures: Sequence[RoundMeasure],
) -> RoundReport:
    overall = EMPTY_PROGRESS
    for measure in measures:
        overall = overall + measure.progress
    themes = _theme_progress_of([(m.themes, m.progress) for m in measures], None)
    return RoundReport(
        plan_year=plan_year,
        months=months,
        start=period.start,
        end=period.end,
        as_of=as_of,
        measures=tuple(measures),
        overall=overall,
        themes=tuple(themes.items()),
    )
