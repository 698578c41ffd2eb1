"""Rules for measures: the Thai wording and date bounds of a timeline, whether a timeline and a
measure are valid, step numbering and reordering, the coverage check against last year's
indicator scores, and carrying a year's measures forward to the next plan year.

Every validation problem is a Thai sentence that names the field and says what is allowed, so
the measure editor can list them all at once. Messages use Arabic digits (the screen); printed
documents choose their digits at render time.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from itadesk.domain.fiscal import (
    THAI_MONTHS_ABBR,
    be_year,
    ce_year,
    fiscal_year_bounds,
    format_month_year,
    format_thai_date,
    quarter_bounds,
)
from itadesk.domain.frameworks import MAX_FISCAL_YEAR, MIN_FISCAL_YEAR, Framework
from itadesk.domain.measures import TIMELINE_KINDS, Measure, Timeline, TimelineKind
from itadesk.domain.thai_text import to_thai_digits
from itadesk.errors import echo

EN_DASH = "\u2013"
# Used when no framework is at hand: the 10 indicators and 7 default themes have not changed
# since 2563 (ita-guide.md §0.3, §3).
DEFAULT_INDICATORS: tuple[int, ...] = tuple(range(1, 11))
DEFAULT_THEMES: tuple[int, ...] = tuple(range(1, 8))

FIELD_TITLE = "ชื่อมาตรการ"
FIELD_STEPS = "ขั้นตอน/วิธีการดำเนินการ"
FIELD_INDICATORS = "ตัวชี้วัด"
FIELD_THEMES = "ประเด็น"
FIELD_OIT = "ข้อ OIT"
FIELD_TIMELINE = "ระยะเวลาดำเนินการ"
FIELD_UNIT = "ผู้รับผิดชอบ"
FIELD_PLAN_YEAR = "ปีงบประมาณ"

_KIND_NAMES_TH = "ตลอดปีงบประมาณ ไตรมาส ช่วงเดือน หรือช่วงวันที่"


# --------------------------------------------------------------------------- timelines


def _month_first_day(month: tuple[int, int]) -> date:
    year_be, number = month
    return date(ce_year(year_be), number, 1)


def _month_last_day(month: tuple[int, int]) -> date:
    year_be, number = month
    year = ce_year(year_be)
    return date(year, number, calendar.monthrange(year, number)[1])


def timeline_bounds(timeline: Timeline, plan_year: int) -> tuple[date, date]:
    """First and last day covered by ``timeline`` in fiscal year ``plan_year``.

    Raises ValueError if the timeline is incomplete (a month or date missing) or malformed
    (unknown kind, quarter outside 1..4, month outside 1..12). It does not check that the
    range lies inside the fiscal year; :func:`validate_timeline` does.
    """
    kind = timeline.kind
    if kind == TimelineKind.WHOLE_YEAR:
        return fiscal_year_bounds(plan_year)
    if kind == TimelineKind.QUARTERS:
        return (
            quarter_bounds(plan_year, timeline.first_quarter)[0],
            quarter_bounds(plan_year, timeline.last_quarter)[1],
        )
    if kind == TimelineKind.MONTHS:
        if timeline.start_month is None or timeline.end_month is None:
            raise ValueError("a month timeline needs both start_month and end_month")
        return _month_first_day(timeline.start_month), _month_last_day(timeline.end_month)
    if kind == TimelineKind.DATES:
        if timeline.start_date is None or timeline.end_date is None:
            raise ValueError("a date timeline needs both start_date and end_date")
        return timeline.start_date, timeline.end_date
    raise ValueError(f"unknown timeline kind {kind!r}; expected one of {TIMELINE_KINDS}")


def _month_label(month: tuple[int, int]) -> str:
    year_be, number = month
    return f"{THAI_MONTHS_ABBR[number - 1]} {year_be}"


def _range(first: str, last: str) -> str:
    return first if first == last else f"{first} {EN_DASH} {last}"


def timeline_label_th(timeline: Timeline, plan_year: int, thai_digits: bool = True) -> str:
    """The timeline as the measures table prints it.

    "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๙", "ไตรมาส ๑–๒ (ต.ค. ๖๘ – มี.ค. ๖๙)", "ต.ค. ๒๕๖๘ – มี.ค. ๒๕๖๙",
    "๑ ต.ค. ๒๕๖๘ – ๓๑ ม.ค. ๒๕๖๙". Raises ValueError like :func:`timeline_bounds`.
    """
    kind = timeline.kind
    if kind == TimelineKind.WHOLE_YEAR:
        text = f"ตลอดปีงบประมาณ พ.ศ. {plan_year}"
    elif kind == TimelineKind.QUARTERS:
        start, end = timeline_bounds(timeline, plan_year)
        first, last = timeline.first_quarter, timeline.last_quarter
        quarters = str(first) if first == last else f"{first}{EN_DASH}{last}"
        months = (
            f"{format_month_year(be_year(start.year), start.month, 'abbr')} {EN_DASH} "
            f"{format_month_year(be_year(end.year), end.month, 'abbr')}"
        )
        text = f"ไตรมาส {quarters} ({months})"
    elif kind == TimelineKind.MONTHS:
        timeline_bounds(timeline, plan_year)  # raises on a missing or impossible month
        assert timeline.start_month is not None and timeline.end_month is not None
        text = _range(_month_label(timeline.start_month), _month_label(timeline.end_month))
    elif kind == TimelineKind.DATES:
        start, end = timeline_bounds(timeline, plan_year)
        text = _range(
            format_thai_date(start, "abbr_full_year"), format_thai_date(end, "abbr_full_year")
        )
    else:
        raise ValueError(f"unknown timeline kind {kind!r}; expected one of {TIMELINE_KINDS}")
    return to_thai_digits(text) if thai_digits else text


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _valid_month(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and all(_is_int(part) for part in value)
        and 1 <= value[1] <= 12
        and 1 <= ce_year(value[0]) <= 9999  # a BE year that date() can hold
    )


def validate_timeline(timeline: Timeline, plan_year: int) -> list[str]:
    """Every problem of ``timeline`` for fiscal year ``plan_year`` as a Thai sentence.

    Quarters must be 1..4 with the first not after the last; months and dates must be given,
    lie inside the fiscal year (1 ต.ค. of the year before – 30 ก.ย.) and not end before they start.
    """
    kind = timeline.kind
    if kind not in TIMELINE_KINDS:
        return [f"{FIELD_TIMELINE}: แบบ “{echo(kind)}” ใช้ไม่ได้ — เลือก{_KIND_NAMES_TH}"]
    if kind == TimelineKind.WHOLE_YEAR:
        return []
    fy_start, fy_end = fiscal_year_bounds(plan_year)
    fy_text = (
        f"ปีงบประมาณ พ.ศ. {plan_year} ({format_thai_date(fy_start, 'abbr_full_year')} "
        f"{EN_DASH} {format_thai_date(fy_end, 'abbr_full_year')})"
    )
    problems: list[str] = []
    if kind == TimelineKind.QUARTERS:
        valid = True
        for name, quarter in (
            ("ไตรมาสเริ่มต้น", timeline.first_quarter),
            ("ไตรมาสสุดท้าย", timeline.last_quarter),
        ):
            if not _is_int(quarter) or not 1 <= quarter <= 4:
                problems.append(f"{FIELD_TIMELINE}: {name}ต้องเป็นเลข 1 ถึง 4 (ได้รับ {quarter})")
                valid = False
        if valid and timeline.first_quarter > timeline.last_quarter:
            problems.append(
                f"{FIELD_TIMELINE}: ไตรมาสเริ่มต้น ({timeline.first_quarter}) อยู่หลังไตรมาสสุดท้าย "
                f"({timeline.last_quarter}) — เลือกไตรมาสเริ่มต้นที่ไม่ช้ากว่าไตรมาสสุดท้าย"
            )
        return problems

    if kind == TimelineKind.MONTHS:
        allowed = f"เลือกเดือนตั้งแต่ ต.ค. {plan_year - 1} ถึง ก.ย. {plan_year}"
        months: list[date] = []
        for name, month in (
            ("เดือนเริ่มต้น", timeline.start_month),
            ("เดือนสุดท้าย", timeline.end_month),
        ):
            if month is None:
                problems.append(f"{FIELD_TIMELINE}: ยังไม่ได้เลือก{name} — {allowed}")
            elif not _valid_month(month):
                problems.append(f"{FIELD_TIMELINE}: {name} “{echo(month)}” ใช้ไม่ได้ — {allowed}")
            else:
                first_day = _month_first_day(month)
                if not fy_start <= first_day <= fy_end:
                    problems.append(
                        f"{FIELD_TIMELINE}: {name} {_month_label(month)} อยู่นอก{fy_text} — {allowed}"
                    )
                months.append(first_day)
        if len(months) == 2 and months[0] > months[1]:
            problems.append(
                f"{FIELD_TIMELINE}: เดือนเริ่มต้นอยู่หลังเดือนสุดท้าย — เลือกเดือนเริ่มต้นที่ไม่ช้ากว่าเดือนสุดท้าย"
            )
        return problems

    # TimelineKind.DATES
    allowed = (
        f"เลือกวันที่ตั้งแต่ {format_thai_date(fy_start, 'abbr_full_year')} "
        f"ถึง {format_thai_date(fy_end, 'abbr_full_year')}"
    )
    days: list[date] = []
    for name, day in (("วันเริ่มต้น", timeline.start_date), ("วันสิ้นสุด", timeline.end_date)):
        if day is None:
            problems.append(f"{FIELD_TIMELINE}: ยังไม่ได้เลือก{name} — {allowed}")
            continue
        if not fy_start <= day <= fy_end:
            problems.append(
                f"{FIELD_TIMELINE}: {name} {format_thai_date(day, 'abbr_full_year')} "
                f"อยู่นอก{fy_text} — {allowed}"
            )
        days.append(day)
    if len(days) == 2 and days[0] > days[1]:
        problems.append(f"{FIELD_TIMELINE}: วันเริ่มต้นอยู่หลังวันสิ้นสุด — เลือกวันเริ่มต้นที่ไม่ช้ากว่าวันสิ้นสุด")
    return problems


# --------------------------------------------------------------------------- measures


def _numbers_text(numbers: Sequence[int]) -> str:
    """Numbers as Thai text: "1 ถึง 10" for a run without gaps, otherwise "1, 3, 5"."""
    ordered = sorted(numbers)
    if ordered and ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{ordered[0]} ถึง {ordered[-1]}"
    return ", ".join(str(number) for number in ordered)


def _number_problems(
    field: str, what: str, chosen: Iterable[object], allowed: Sequence[int]
) -> list[str]:
    problems: list[str] = []
    seen: set[object] = set()
    for number in chosen:
        if number in seen:
            problems.append(f"{field}: เลือก{what}ที่ {number} ซ้ำ — เลือกแต่ละ{what}เพียงครั้งเดียว")
            continue
        seen.add(number)
        if not _is_int(number) or number not in allowed:
            if allowed:
                hint = f"เลือกได้เฉพาะ{what}ที่ {_numbers_text(allowed)}"
            else:
                hint = f"กรอบการประเมินของปีนี้ยังไม่มี{what}ให้เลือก"
            problems.append(f"{field}: ไม่มี{what}ที่ {number} — {hint}")
    return problems


def validate_measure(measure: Measure, framework: Framework | None = None) -> list[str]:
    """Every problem of ``measure`` as a Thai sentence; an empty list means it can be saved.

    With ``framework`` the indicators and themes are checked against that year's lists (and the
    OIT codes too, when the year's OIT list is known); without one, against the 10 indicators
    and 7 default themes.
    """
    problems: list[str] = []
    if not _is_int(measure.plan_year) or not (
        MIN_FISCAL_YEAR <= measure.plan_year <= MAX_FISCAL_YEAR
    ):
        problems.append(
            f"{FIELD_PLAN_YEAR}: “{echo(measure.plan_year)}” ใช้ไม่ได้ — "
            f"ต้องเป็นปี พ.ศ. ระหว่าง {MIN_FISCAL_YEAR} ถึง {MAX_FISCAL_YEAR}"
        )
    if not measure.title.strip():
        problems.append(
            f"{FIELD_TITLE}: ยังไม่ได้กรอก — พิมพ์ชื่อมาตรการ โครงการ หรือกิจกรรม "
            "เช่น “มาตรการเผยแพร่สรุปผลการจัดซื้อจัดจ้างรายเดือน”"
        )
    if not measure.steps:
        problems.append(
            f"{FIELD_STEPS}: ยังไม่มีขั้นตอน — เพิ่มอย่างน้อยหนึ่งขั้นตอน "
            "โดยขั้นตอนสุดท้ายควรเป็นการรายงานผลการดำเนินการต่อผู้บริหาร"
        )
    for number, step in enumerate(measure.steps, start=1):
        if not step.strip():
            problems.append(
                f"{FIELD_STEPS} ขั้นตอนที่ {number}: ว่าง — พิมพ์สิ่งที่ต้องทำในขั้นตอนนี้ หรือลบขั้นตอนนี้ออก"
            )

    indicators = framework.indicator_numbers if framework is not None else DEFAULT_INDICATORS
    problems += _number_problems(FIELD_INDICATORS, "ตัวชี้วัด", measure.indicators, indicators)
    themes = (
        tuple(theme.number for theme in framework.themes)
        if framework is not None
        else DEFAULT_THEMES
    )
    problems += _number_problems(FIELD_THEMES, "ประเด็น", measure.themes, themes)

    # A year whose OIT list is not known (2567+ unless imported) cannot judge the codes.
    if framework is not None and framework.items_known.get("OIT", False):
        codes = {item.code for item in framework.items}
        for code in measure.oit_items:
            if code not in codes:
                problems.append(
                    f"{FIELD_OIT}: ไม่มีข้อ {code} ในรายการข้อ OIT ของปีงบประมาณ "
                    f"{framework.fiscal_year} — ลบออกหรือเลือกข้อที่มีในรายการ"
                )

    if _is_int(measure.plan_year):
        problems += validate_timeline(measure.timeline, measure.plan_year)
    if not measure.unit.strip():
        problems.append(f"{FIELD_UNIT}: ยังไม่ได้ระบุ — เลือกสำนัก/กองของหน่วยงาน หรือพิมพ์ “ทุกสำนัก/กอง”")
    return problems


def numbered_steps(steps: Sequence[str], thai_digits: bool = True) -> list[str]:
    """Steps as printed: "๑) …", "๒) …" (only the number's digits follow ``thai_digits``;
    the step text is rendered with the document's digit style elsewhere)."""
    result: list[str] = []
    for number, step in enumerate(steps, start=1):
        label = to_thai_digits(str(number)) if thai_digits else str(number)
        result.append(f"{label}) {step.strip()}")
    return result


def reorder(steps: Sequence[str], from_index: int, to_index: int) -> tuple[str, ...]:
    """Move the step at ``from_index`` so that it ends up at ``to_index`` (both 0-based).

    Raises IndexError for an index outside the list; negative indexes are refused too, so a
    slip in the UI cannot silently move the wrong step.
    """
    count = len(steps)
    for name, index in (("from_index", from_index), ("to_index", to_index)):
        if not _is_int(index) or not 0 <= index < count:
            raise IndexError(f"{name} {index!r} is outside 0..{count - 1}")
    items = list(steps)
    items.insert(to_index, items.pop(from_index))
    return tuple(items)


def coverage_gaps(
    measures: Sequence[Measure], indicator_scores: Mapping[int, Decimal], target: Decimal
) -> list[int]:
    """Indicators scored below ``target`` that no measure lists, in ascending order.

    Indicators without a score are not gaps: there is nothing to judge them by.
    """
    covered = {number for measure in measures for number in measure.indicators}
    return sorted(
        number
        for number, score in indicator_scores.items()
        if score < target and number not in covered
    )


# --------------------------------------------------------------------------- carry forward


def _shift_month(month: tuple[int, int] | None, years: int) -> tuple[int, int] | None:
    return None if month is None else (month[0] + years, month[1])


def _shift_date(day: date | None, years: int, keep_month_end: bool) -> date | None:
    if day is None:
        return None
    year = day.year + years
    last_day = calendar.monthrange(year, day.month)[1]
    # An end date on the last day of February stays on the last day (28 ↔ 29 Feb), so a
    # range "ตลอดเดือน ก.พ." keeps covering the whole month; 29 Feb never overflows.
    if keep_month_end and day.day == calendar.monthrange(day.year, day.month)[1]:
        return date(year, day.month, last_day)
    return date(year, day.month, min(day.day, last_day))


def _shift_timeline(timeline: Timeline, years: int) -> Timeline:
    if years == 0:
        return timeline
    return replace(
        timeline,
        start_month=_shift_month(timeline.start_month, years),
        end_month=_shift_month(timeline.end_month, years),
        start_date=_shift_date(timeline.start_date, years, keep_month_end=False),
        end_date=_shift_date(timeline.end_date, years, keep_month_end=True),
    )


def carry_forward(measures: Sequence[Measure], new_plan_year: int) -> list[Measure]:
    """Copies of ``measures`` for ``new_plan_year``: ids cleared, months and dates moved by the
    difference in years (leap-day safe), everything else — steps, unit, catalogue key — kept.
    """
    return [
        replace(
            measure,
            id=None,
            plan_year=new_plan_year,
            timeline=_shift_timeline(measure.timeline, new_plan_year - measure.plan_year),
        )
        for measure in measures
    ]
