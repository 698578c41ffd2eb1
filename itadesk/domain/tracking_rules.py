"""Rules for tracking measures through the fiscal year: checking a check item's progress
entry, progress arithmetic, when each step and output is due, overdue items, reporting rounds,
start-page reminders, and the round report with its frozen snapshot.

Due dates. A measure's period is its timeline's bounds (``timeline_bounds``). Expected outputs
are due at the period's end. The n steps are spread over the period in order: the period is cut
into n equal slices and step k is due at the end of the k-th slice, rounded up to the end of a
month for whole-year, quarter and month timelines (offices read "ขั้นตอน ๑) … ๒) …" against
"ไตรมาส ๑–๒" month by month) and to a whole day for date timelines. Example: 4 steps over
ไตรมาส 1–2 of FY2569 (6 months, 1.5 months a slice) are due 30 Nov 2568, 31 Dec 2568,
28 Feb 2569 and 31 Mar 2569.

Round reports say what was true at the round's end: an item done after the round's last day
(e.g. done in April for the 6-month round ending 31 March) counts as not done in that report.
The same ``RoundReport`` value is built from live data (:func:`round_report`) or read back from
a stored snapshot (:func:`snapshot_from_content`), so the document renders both the same way.

Messages are Thai, name the field and say what is allowed; they use Arabic digits (the UI and
documents choose their digits at render time).
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from itadesk.domain.fiscal import (
    ReportingRound,
    ce_year,
    fiscal_year_bounds,
    format_thai_date,
    reporting_round,
)
from itadesk.domain.frameworks import Framework
from itadesk.domain.measure_rules import timeline_bounds, timeline_label_th
from itadesk.domain.measures import Measure, TimelineKind
from itadesk.domain.tracking import (
    ITEM_OUTPUT,
    ITEM_STEP,
    ROUND_MONTHS,
    STATE_LABELS_TH,
    STATES,
    CheckItem,
    MeasureResult,
    TrackingState,
)

EN_DASH = "\u2013"
NOTE_MAX_CHARS = 2000
NO_THEME = 0  # measures that list no theme are grouped here
NO_THEME_LABEL_TH = "ไม่ระบุประเด็น"

FIELD_STATE = "สถานะ"
FIELD_DONE_DATE = "วันที่ดำเนินการ"
FIELD_REASON = "เหตุผลที่ดำเนินการไม่ได้"
FIELD_NOTE = "หมายเหตุ"

# After a round ends the office still has to write its report; keep reminding for this long.
REPORT_PREPARATION_DAYS = 30
ROUND_REMINDER_DAYS = 30
DUE_SOON_DAYS = 30
OIT_LEAD_DAYS = 60

REMINDER_ROUND = "round"
REMINDER_OVERDUE = "overdue"
REMINDER_OIT_WINDOW = "oit_window"
REMINDER_DUE_SOON = "due_soon"
REMINDER_KINDS = (REMINDER_ROUND, REMINDER_OVERDUE, REMINDER_OIT_WINDOW, REMINDER_DUE_SOON)


class Severity(StrEnum):
    """How pressing a reminder is, most pressing first."""

    URGENT = "urgent"
    WARNING = "warning"
    INFO = "info"


SEVERITIES = tuple(Severity)  # most pressing first

SNAPSHOT_FORMAT = "itadesk-round-report/1"

_OPEN_STATES = (TrackingState.NOT_STARTED, TrackingState.IN_PROGRESS)
_KIND_ORDER = {ITEM_STEP: 0, ITEM_OUTPUT: 1}
_MAX_LISTED = 3  # items named in one reminder's detail; the rest are counted

ItemsByMeasure = Mapping[int, Sequence[CheckItem]]
DueItem = tuple[Measure, CheckItem, date]


def _short_date(day: date) -> str:
    return format_thai_date(day, "abbr_full_year")


def _fiscal_year_text(plan_year: int) -> str:
    start, end = fiscal_year_bounds(plan_year)
    return f"ปีงบประมาณ {plan_year} ({_short_date(start)} {EN_DASH} {_short_date(end)})"


def _items_of(measure: Measure, items_by_measure: ItemsByMeasure) -> Sequence[CheckItem]:
    if measure.id is None:
        return ()
    return items_by_measure.get(measure.id, ())


def _is_open(item: CheckItem) -> bool:
    """Still to do: neither done nor declared impossible (unknown states count as open)."""
    return item.state not in (TrackingState.DONE, TrackingState.CANNOT)


def item_label_th(item: CheckItem) -> str:
    """How a reminder names an item: "ขั้นตอนที่ 2" or "ผลผลิต “…”"."""
    if item.kind == ITEM_STEP:
        return f"ขั้นตอนที่ {item.position + 1}"
    return f"ผลผลิต “{item.text.strip()}”"


# --------------------------------------------------------------------------- validation


def validate_progress(item: CheckItem, plan_year: int, today: date) -> list[str]:
    """Every problem of ``item``'s progress entry as a Thai sentence; empty means it can be saved.

    The state must be known; a done item needs the date it was done, inside fiscal year
    ``plan_year`` and not after ``today``; a not-started item has no date; an item that cannot
    be done needs a reason; the note holds at most 2000 characters.
    """
    problems: list[str] = []
    if item.state not in STATES:
        choices = " ".join(f"“{STATE_LABELS_TH[state]}”" for state in STATES)
        problems.append(f"{FIELD_STATE}: “{item.state}” ใช้ไม่ได้ — เลือก {choices}")

    if item.done_date is None:
        if item.state == TrackingState.DONE:
            problems.append(
                f"{FIELD_DONE_DATE}: ยังไม่ได้กรอก — ระบุวันที่ดำเนินการแล้วเสร็จ "
                f"ซึ่งต้องอยู่ใน{_fiscal_year_text(plan_year)}"
            )
    elif item.state == TrackingState.NOT_STARTED:
        problems.append(
            f"{FIELD_DONE_DATE}: ใส่ได้เมื่อเริ่มดำเนินการแล้วเท่านั้น — ลบวันที่ออก "
            f"หรือเปลี่ยนสถานะเป็น “{STATE_LABELS_TH[TrackingState.DONE]}”"
        )
    else:
        problems.extend(done_date_problems(item.done_date, plan_year, today))

    if item.state == TrackingState.CANNOT and not item.reason.strip():
        problems.append(
            f"{FIELD_REASON}: ยังไม่ได้กรอก — เมื่อสถานะเป็น “{STATE_LABELS_TH[TrackingState.CANNOT]}” "
            "ต้องระบุเหตุผล เช่น ไม่ได้รับงบประมาณ หรือยกเลิกตามนโยบาย"
        )
    if len(item.note) > NOTE_MAX_CHARS:
        problems.append(
            f"{FIELD_NOTE}: ยาว {len(item.note)} ตัวอักษร — พิมพ์ได้ไม่เกิน {NOTE_MAX_CHARS} ตัวอักษร"
        )
    return problems


def done_date_problems(done_date: date, plan_year: int, today: date) -> list[str]:
    """Why ``done_date`` cannot be the date an item of fiscal year ``plan_year`` was done, as
    Thai sentences naming the allowed range; empty when it can. It must lie inside the fiscal
    year and not after ``today``."""
    problems: list[str] = []
    fy_start, fy_end = fiscal_year_bounds(plan_year)
    if not fy_start <= done_date <= fy_end:
        problems.append(
            f"{FIELD_DONE_DATE}: ต้องอยู่ใน{_fiscal_year_text(plan_year)} "
            f"(ได้รับ {_short_date(done_date)})"
        )
    if done_date > today:
        problems.append(
            f"{FIELD_DONE_DATE}: {_short_date(done_date)} ยังมาไม่ถึง — "
            f"ระบุวันที่ไม่เกินวันนี้ ({_short_date(today)})"
        )
    return problems


# --------------------------------------------------------------------------- done dates


def default_done_date(plan_year: int, today: date) -> date:
    """The date a tick records when the clerk is not asked: ``today`` moved into fiscal year
    ``plan_year`` (its first day before the year began, 30 ก.ย. after it ended)."""
    first, last = fiscal_year_bounds(plan_year)
    return min(max(today, first), last)


def round_missed_by_tick(
    plan_year: int, today: date, saved_rounds: Collection[int]
) -> ReportingRound | None:
    """The reporting round whose cut-off ``today`` has passed, so that a tick must ask the
    clerk when the item was really done; None when today's date can be recorded as it is.

    ``saved_rounds`` are the round lengths (6, 12) of ``plan_year`` whose report is already
    saved. Unasked, a tick records :func:`default_done_date`, which is only true while no round
    the item still counts in has closed:

    - from 1 เม.ย. to 30 ก.ย., while the 6-month round (ending 31 มี.ค.) is not saved: an item
      done before 31 มี.ค. and ticked late would count as not done in that round. Ask; the
      6-month round is returned. Once it is saved its report is frozen and a later date
      changes nothing there, so today is recorded without asking;
    - after the fiscal year's last day (30 ก.ย.): the unasked date would be an invented
      30 ก.ย., so always ask; the 6-month round is returned while it is unsaved (its earlier
      cut-off is the one the date decides), else the 12-month round;
    - otherwise (before 1 เม.ย., or before the fiscal year began) no round has closed.
    """
    six_months = reporting_round(plan_year, 6)
    whole_year = reporting_round(plan_year, 12)
    if today <= six_months.end:
        return None
    if 6 not in saved_rounds:
        return six_months
    return whole_year if today > whole_year.end else None


def tick_date_question_th(period: ReportingRound, today: date) -> str:
    """Why the clerk is asked for the date an item was done, for the date dialog (Thai)."""
    first, last = fiscal_year_bounds(period.fiscal_year)
    latest = min(last, today)
    if period.months == 6:
        why = (
            f"รอบ 6 เดือนสิ้นสุดแล้วเมื่อ {_short_date(period.end)} และยังไม่ได้บันทึกรายงาน — "
            "ถ้ารายการนี้ดำเนินการแล้วเสร็จก่อนวันนั้น ให้ใส่วันที่จริง "
            "จึงจะนับว่าเสร็จในรายงานรอบ 6 เดือน"
        )
    else:
        why = (
            f"ปีงบประมาณ {period.fiscal_year} สิ้นสุดแล้วเมื่อ {_short_date(last)} — "
            "ใส่วันที่ที่ดำเนินการแล้วเสร็จจริง"
        )
    return (
        f"{why}\n\nวันที่ดำเนินการแล้วเสร็จ (ระหว่าง {_short_date(first)} {EN_DASH} {_short_date(latest)})"
    )


# --------------------------------------------------------------------------- progress


@dataclass(frozen=True)
class Progress:
    """Counts of check items by state. Items that cannot be done leave the denominator."""

    done: int
    cannot: int
    in_progress: int
    total: int

    @property
    def not_started(self) -> int:
        return self.total - self.done - self.cannot - self.in_progress

    @property
    def fraction(self) -> float:
        """done ÷ (total − cannot); 1.0 when everything left was declared impossible, 0.0 when
        there are no items at all (nothing was planned, so nothing is achieved)."""
        if self.total == 0:
            return 0.0
        to_do = self.total - self.cannot
        return 1.0 if to_do <= 0 else self.done / to_do

    @property
    def percent(self) -> int:
        """``fraction`` as a whole percentage, rounded half up (exact integer arithmetic)."""
        if self.total == 0:
            return 0
        to_do = self.total - self.cannot
        if to_do <= 0:
            return 100
        return (200 * self.done + to_do) // (2 * to_do)

    def __add__(self, other: Progress) -> Progress:
        return Progress(
            done=self.done + other.done,
            cannot=self.cannot + other.cannot,
            in_progress=self.in_progress + other.in_progress,
            total=self.total + other.total,
        )


EMPTY_PROGRESS = Progress(0, 0, 0, 0)


def measure_progress(items: Iterable[CheckItem]) -> Progress:
    """Progress of one measure's check items (steps and outputs alike)."""
    done = cannot = in_progress = total = 0
    for item in items:
        total += 1
        if item.state == TrackingState.DONE:
            done += 1
        elif item.state == TrackingState.CANNOT:
            cannot += 1
        elif item.state == TrackingState.IN_PROGRESS:
            in_progress += 1
    return Progress(done=done, cannot=cannot, in_progress=in_progress, total=total)


def _theme_order(numbers: Iterable[int], framework: Framework | None) -> list[int]:
    # The framework's theme order first, then numbers it does not know, "no theme" last.
    known = [theme.number for theme in framework.themes] if framework is not None else []
    present = set(numbers)
    ordered = [number for number in known if number in present]
    extra = sorted(number for number in present if number not in known and number != NO_THEME)
    return ordered + extra + ([NO_THEME] if NO_THEME in present else [])


def _theme_progress_of(
    progress_by_measure: Sequence[tuple[tuple[int, ...], Progress]],
    framework: Framework | None,
) -> dict[int, Progress]:
    sums: dict[int, Progress] = {}
    for themes, progress in progress_by_measure:
        # dict.fromkeys drops a theme listed twice, so a measure counts once per theme.
        for number in dict.fromkeys(themes or (NO_THEME,)):
            sums[number] = sums.get(number, EMPTY_PROGRESS) + progress
    return {number: sums[number] for number in _theme_order(sums, framework)}


def theme_progress(
    measures: Sequence[Measure],
    items_by_measure: ItemsByMeasure,
    framework: Framework | None = None,
) -> dict[int, Progress]:
    """Progress per theme number. A measure counts in full for every theme it lists; measures
    with no theme count under :data:`NO_THEME` (0, "ไม่ระบุประเด็น"). Only themes that some
    measure lists appear, in the framework's order, then unknown numbers, then theme 0."""
    return _theme_progress_of(
        [
            (measure.themes, measure_progress(_items_of(measure, items_by_measure)))
            for measure in measures
        ],
        framework,
    )


def theme_label_th(number: int, framework: Framework | None = None) -> str:
    """The theme's name from ``framework``, "ประเด็นที่ N" without one, or "ไม่ระบุประเด็น"."""
    if number == NO_THEME:
        return NO_THEME_LABEL_TH
    if framework is not None:
        for theme in framework.themes:
            if theme.number == number:
                return theme.name_th
    return f"ประเด็นที่ {number}"


def overall_progress(items_by_measure: ItemsByMeasure) -> Progress:
    """Progress over every check item of every measure (each item counted once)."""
    total = EMPTY_PROGRESS
    for items in items_by_measure.values():
        total = total + measure_progress(items)
    return total


# --------------------------------------------------------------------------- due dates


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_end(index: int) -> date:
    year, month0 = divmod(index, 12)
    return date(year, month0 + 1, calendar.monthrange(year, month0 + 1)[1])


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def item_due_date(measure: Measure, item: CheckItem, plan_year: int) -> date:
    """When ``item`` is due: outputs at the end of the measure's period; step k of n (``k`` is
    ``item.position + 1``, positions being 0-based like the steps' rows) at the end of the k-th
    of n equal slices of the period, rounded up to a month end for whole-year, quarter and
    month timelines and to a day for date timelines.

    Raises ValueError if the measure's timeline is incomplete or ends before it starts.
    """
    start, end = timeline_bounds(measure.timeline, plan_year)
    if end < start:
        raise ValueError("the measure's timeline ends before it starts")
    if item.kind != ITEM_STEP:
        return end
    count = max(len(measure.steps), 1)
    # A step whose position is beyond the current step list (a stale item) is due at the end.
    k = min(max(item.position + 1, 1), count)
    if measure.timeline.kind == TimelineKind.DATES:
        days = (end - start).days + 1
        return start + timedelta(days=_ceil_div(k * days, count) - 1)
    months = _month_index(end) - _month_index(start) + 1
    return _month_end(_month_index(start) + _ceil_div(k * months, count) - 1)


def _sort_key(entry: DueItem, order: Mapping[int, int]) -> tuple[date, int, int, int]:
    measure, item, due = entry
    return (due, order[id(measure)], _KIND_ORDER.get(item.kind, 2), item.position)


def _open_items_with_due(
    measures: Sequence[Measure], items_by_measure: ItemsByMeasure
) -> list[DueItem]:
    """Every open item with its due date, sorted by due date then measure and item order.
    Measures whose timeline cannot be read are skipped: a half-edited measure must not stop
    the start page; the measure editor reports the timeline problem."""
    entries: list[DueItem] = []
    for measure in measures:
        for item in _items_of(measure, items_by_measure):
            if not _is_open(item):
                continue
            try:
                due = item_due_date(measure, item, measure.plan_year)
            except ValueError:
                break
            entries.append((measure, item, due))
    order = {id(measure): index for index, measure in enumerate(measures)}
    return sorted(entries, key=lambda entry: _sort_key(entry, order))


def overdue_items(
    measures: Sequence[Measure], items_by_measure: ItemsByMeasure, today: date
) -> list[DueItem]:
    """Items neither done nor declared impossible whose due date is before ``today``, as
    (measure, item, due date), sorted by due date. Each measure uses its own plan year."""
    return [entry for entry in _open_items_with_due(measures, items_by_measure) if entry[2] < today]


# --------------------------------------------------------------------------- rounds


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
            _items_of(measure, items_by_measure),
            key=lambda item: (_KIND_ORDER.get(item.kind, 2), item.position),
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
        f"({_short_date(period.end)}) จึงจะนับว่ายังไม่เสร็จในรายงานรอบนี้:"
    ]
    for entry in late[:limit]:
        when = (
            f"เสร็จ {_short_date(entry.item.done_date)}"
            if entry.item.done_date is not None
            else "ไม่มีวันที่ดำเนินการ"
        )
        lines.append(f"• {entry.measure.title.strip()}: {named_item_th(entry.item)} ({when})")
    if len(late) > limit:
        lines.append(f"• และอีก {len(late) - limit} รายการ")
    lines.append("\nถ้ารายการใดดำเนินการแล้วเสร็จภายในรอบจริง ให้ตอบ “ไม่” แล้วแก้วันที่ดำเนินการก่อนบันทึกรายงาน")
    return "\n".join(lines)


# --------------------------------------------------------------------------- reminders


@dataclass(frozen=True)
class Reminder:
    kind: str  # one of REMINDER_KINDS
    title_th: str
    detail_th: str
    due: date | None
    severity: Severity


def default_oit_window(plan_year: int) -> tuple[date, date]:
    """1 มี.ค.–30 เม.ย. of ``plan_year`` (CE dates). An estimate from the ITA 2565 calendar
    (ita-guide.md §7.1); NACC announces each year's dates, so the clerk can change them per
    year and the app stores the choice."""
    year = ce_year(plan_year)
    return date(year, 3, 1), date(year, 4, 30)


def _round_reminder(
    period: ReportingRound,
    today: date,
    measures: Sequence[Measure],
    items_by_measure: ItemsByMeasure,
) -> Reminder:
    still_open = items_due_in_round(measures, items_by_measure, period.fiscal_year, period.months)
    open_text = (
        f"ยังมี {len(still_open)} รายการที่ครบกำหนดในรอบนี้แต่ยังไม่ได้ดำเนินการ"
        if still_open
        else "รายการที่ครบกำหนดในรอบนี้ดำเนินการครบแล้ว"
    )
    name = f"รอบ {period.months} เดือน"
    if today > period.end:
        return Reminder(
            kind=REMINDER_ROUND,
            title_th=f"ถึงเวลารายงานผลการดำเนินการตามมาตรการ {name}",
            detail_th=(
                f"รอบ {period.months} เดือน สิ้นสุดเมื่อ {_short_date(period.end)} — "
                f"จัดทำรายงานและบันทึกผลของรอบนี้ ({open_text})"
            ),
            due=period.end,
            severity=Severity.URGENT,
        )
    left = (period.end - today).days
    when = "วันนี้" if left == 0 else f"ในอีก {left} วัน"
    return Reminder(
        kind=REMINDER_ROUND,
        title_th=f"{name} จะสิ้นสุด{when} ({_short_date(period.end)})",
        detail_th=f"บันทึกผลการดำเนินการให้เป็นปัจจุบันก่อนสิ้นรอบ — {open_text}",
        due=period.end,
        severity=Severity.WARNING,
    )


def _listed(entries: Sequence[DueItem]) -> str:
    names = [f"{item_label_th(item)} (กำหนด {_short_date(due)})" for _, item, due in entries]
    text = ", ".join(names[:_MAX_LISTED])
    if len(names) > _MAX_LISTED:
        text += f" และอีก {len(names) - _MAX_LISTED} รายการ"
    return text


def _per_measure(entries: Sequence[DueItem]) -> list[list[DueItem]]:
    # Entries are sorted by due date, so each group's first entry is its earliest.
    groups: dict[int, list[DueItem]] = {}
    for entry in entries:
        groups.setdefault(id(entry[0]), []).append(entry)
    return list(groups.values())


def _oit_reminder(window: tuple[date, date], today: date) -> Reminder | None:
    start, end = window
    period = f"{_short_date(start)} {EN_DASH} {_short_date(end)}"
    if start <= today <= end:
        return Reminder(
            kind=REMINDER_OIT_WINDOW,
            title_th=f"อยู่ในช่วงเก็บข้อมูล OIT ({period})",
            detail_th=(
                "ตรวจว่าข้อมูลทุกข้อเผยแพร่บนเว็บไซต์แล้ว รวมถึงผลการวิเคราะห์ผลการประเมินปีก่อน "
                f"และมาตรการของปีนี้ — ช่วงเก็บข้อมูลสิ้นสุด {_short_date(end)}"
            ),
            due=end,
            severity=Severity.WARNING,
        )
    if 0 < (start - today).days <= OIT_LEAD_DAYS:
        return Reminder(
            kind=REMINDER_OIT_WINDOW,
            title_th=f"ช่วงเก็บข้อมูล OIT จะเริ่ม {_short_date(start)}",
            detail_th=(
                f"ช่วงเก็บข้อมูล {period}: เตรียมเผยแพร่ข้อมูลบนเว็บไซต์ให้ครบก่อนเริ่ม "
                "รวมถึงผลการวิเคราะห์ผลการประเมินปีก่อนและมาตรการของปีนี้"
            ),
            due=start,
            severity=Severity.INFO,
        )
    return None


def reminders(
    today: date,
    plan_year: int,
    measures: Sequence[Measure],
    items_by_measure: ItemsByMeasure,
    oit_window: tuple[date, date] | None,
) -> list[Reminder]:
    """What the start page reminds about on ``today``, most pressing first (severity, then due
    date): rounds of ``plan_year`` closing within 30 days or ended within 30 days; overdue
    items and items due within 30 days, one reminder per measure with the count; and the OIT
    collection window when it is open or starts within 60 days."""
    found: list[Reminder] = [
        _round_reminder(period, today, measures, items_by_measure)
        for period in round_closing_within(plan_year, today, ROUND_REMINDER_DAYS)
    ]
    entries = _open_items_with_due(measures, items_by_measure)
    overdue = [entry for entry in entries if entry[2] < today]
    for group in _per_measure(overdue):
        measure = group[0][0]
        found.append(
            Reminder(
                kind=REMINDER_OVERDUE,
                title_th=f"เลยกำหนด {len(group)} รายการ: {measure.title.strip()}",
                detail_th=_listed(group),
                due=group[0][2],
                severity=Severity.URGENT,
            )
        )
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    soon = [entry for entry in entries if today <= entry[2] <= horizon]
    for group in _per_measure(soon):
        measure = group[0][0]
        found.append(
            Reminder(
                kind=REMINDER_DUE_SOON,
                title_th=f"ครบกำหนดภายใน {DUE_SOON_DAYS} วัน {len(group)} รายการ: "
                f"{measure.title.strip()}",
                detail_th=_listed(group),
                due=group[0][2],
                severity=Severity.WARNING,
            )
        )
    if oit_window is not None:
        oit = _oit_reminder(oit_window, today)
        if oit is not None:
            found.append(oit)
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    # sorted() is stable: same severity and date keep the order above (round, overdue, …).
    return sorted(
        found,
        key=lambda reminder: (
            rank.get(reminder.severity, len(SEVERITIES)),
            reminder.due is None,
            reminder.due or date.min,
        ),
    )


# --------------------------------------------------------------------------- round report


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
    ordered = sorted(items, key=lambda item: (_KIND_ORDER.get(item.kind, 2), item.position))
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
        items = _round_items(_items_of(measure, items_by_measure), as_of)
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


# --------------------------------------------------------------------------- snapshots


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _progress_data(progress: Progress) -> dict[str, int]:
    return {
        "done": progress.done,
        "cannot": progress.cannot,
        "in_progress": progress.in_progress,
        "total": progress.total,
    }


def report_content(report: RoundReport) -> dict[str, Any]:
    """``report`` as plain JSON-able data: str, int, None, lists and dicts; dates as ISO text."""
    return {
        "format": SNAPSHOT_FORMAT,
        "plan_year": report.plan_year,
        "months": report.months,
        "start": _iso(report.start),
        "end": _iso(report.end),
        "as_of": _iso(report.as_of),
        "measures": [
            {
                "id": measure.id,
                "title": measure.title,
                "indicators": list(measure.indicators),
                "themes": list(measure.themes),
                "timeline": {
                    "kind": measure.timeline_kind,
                    "label": measure.timeline_label,
                    "start": _iso(measure.timeline_start),
                    "end": _iso(measure.timeline_end),
                },
                "unit": measure.unit,
                "follow_up": measure.follow_up,
                "reporting": measure.reporting,
                "items": [
                    {
                        "id": item.id,
                        "kind": item.kind,
                        "text": item.text,
                        "position": item.position,
                        "state": item.state,
                        "done_date": _iso(item.done_date),
                        "note": item.note,
                        "reason": item.reason,
                        "evidence": [
                            {"kind": e.kind, "label": e.label, "value": e.value}
                            for e in item.evidence
                        ],
                    }
                    for item in measure.items
                ],
                "outputs": measure.outputs,
                "outcomes": measure.outcomes,
                "progress": _progress_data(measure.progress),
            }
            for measure in report.measures
        ],
        "overall": _progress_data(report.overall),
        "themes": [
            {"number": number, "progress": _progress_data(progress)}
            for number, progress in report.themes
        ],
    }


def snapshot_content(
    plan_year: int,
    months: int,
    measures: Sequence[Measure],
    items_by_measure: ItemsByMeasure,
    results_by_measure: Mapping[int, MeasureResult],
    today: date,
) -> dict[str, Any]:
    """The round's report as of its end, frozen as plain JSON-able data for ``RoundSnapshot``."""
    return report_content(
        round_report(plan_year, months, measures, items_by_measure, results_by_measure, today)
    )


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _required_date(value: Any) -> date:
    parsed = _date(value)
    if parsed is None:
        raise ValueError("a round snapshot is missing a required date")
    return parsed


def _progress_from(data: Mapping[str, Any]) -> Progress:
    return Progress(
        done=int(data["done"]),
        cannot=int(data["cannot"]),
        in_progress=int(data["in_progress"]),
        total=int(data["total"]),
    )


def _measure_from(data: Mapping[str, Any]) -> RoundMeasure:
    timeline = data["timeline"]
    return RoundMeasure(
        id=data["id"],
        title=data["title"],
        indicators=tuple(data["indicators"]),
        themes=tuple(data["themes"]),
        timeline_kind=timeline["kind"],
        timeline_label=timeline["label"],
        timeline_start=_date(timeline["start"]),
        timeline_end=_date(timeline["end"]),
        unit=data["unit"],
        follow_up=data["follow_up"],
        reporting=data["reporting"],
        items=tuple(
            RoundItem(
                kind=item["kind"],
                text=item["text"],
                position=item["position"],
                state=item["state"],
                done_date=_date(item["done_date"]),
                note=item["note"],
                reason=item["reason"],
                evidence=tuple(
                    RoundEvidence(e["kind"], e["label"], e["value"]) for e in item["evidence"]
                ),
                id=item["id"],
            )
            for item in data["items"]
        ),
        outputs=data["outputs"],
        outcomes=data["outcomes"],
        progress=_progress_from(data["progress"]),
    )


def snapshot_from_content(content: Mapping[str, Any]) -> RoundReport:
    """The ``RoundReport`` a stored snapshot froze; progress is read as stored, never recounted.

    Raises ValueError if ``content`` is not a round snapshot of a format this version reads.
    """
    if not isinstance(content, Mapping) or content.get("format") != SNAPSHOT_FORMAT:
        found = content.get("format") if isinstance(content, Mapping) else type(content).__name__
        raise ValueError(f"not a round snapshot of format {SNAPSHOT_FORMAT!r} (got {found!r})")
    try:
        return RoundReport(
            plan_year=int(content["plan_year"]),
            months=int(content["months"]),
            start=_required_date(content["start"]),
            end=_required_date(content["end"]),
            as_of=_required_date(content["as_of"]),
            measures=tuple(_measure_from(measure) for measure in content["measures"]),
            overall=_progress_from(content["overall"]),
            themes=tuple(
                (int(theme["number"]), _progress_from(theme["progress"]))
                for theme in content["themes"]
            ),
        )
    except (KeyError, TypeError) as error:
        raise ValueError(f"damaged round snapshot: {error!r}") from error
