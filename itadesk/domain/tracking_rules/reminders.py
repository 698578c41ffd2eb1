"""What the start page reminds the clerk of: rounds closing, overdue steps, steps due soon and
the OIT collection window."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from itadesk.domain.fiscal import (
    ReportingRound,
    ce_year,
)
from itadesk.domain.measures import Measure
from itadesk.domain.tracking_rules.common import (
    EN_DASH,
    MAX_LISTED,
    DueItem,
    ItemsByMeasure,
    item_label_th,
    short_date,
)
from itadesk.domain.tracking_rules.due import _open_items_with_due
from itadesk.domain.tracking_rules.rounds import (
    items_due_in_round,
    round_closing_within,
)

# After a round ends the office still has to write its report; keep reminding for this long.


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
                f"รอบ {period.months} เดือน สิ้นสุดเมื่อ {short_date(period.end)} — "
                f"จัดทำรายงานและบันทึกผลของรอบนี้ ({open_text})"
            ),
            due=period.end,
            severity=Severity.URGENT,
        )
    left = (period.end - today).days
    when = "วันนี้" if left == 0 else f"ในอีก {left} วัน"
    return Reminder(
        kind=REMINDER_ROUND,
        title_th=f"{name} จะสิ้นสุด{when} ({short_date(period.end)})",
        detail_th=f"บันทึกผลการดำเนินการให้เป็นปัจจุบันก่อนสิ้นรอบ — {open_text}",
        due=period.end,
        severity=Severity.WARNING,
    )


def _listed(entries: Sequence[DueItem]) -> str:
    names = [f"{item_label_th(item)} (กำหนด {short_date(due)})" for _, item, due in entries]
    text = ", ".join(names[:MAX_LISTED])
    if len(names) > MAX_LISTED:
        text += f" และอีก {len(names) - MAX_LISTED} รายการ"
    return text


def _per_measure(entries: Sequence[DueItem]) -> list[list[DueItem]]:
    # Entries are sorted by due date, so each group's first entry is its earliest.
    groups: dict[int, list[DueItem]] = {}
    for entry in entries:
        groups.setdefault(id(entry[0]), []).append(entry)
    return list(groups.values())


def _oit_reminder(window: tuple[date, date], today: date) -> Reminder | None:
    start, end = window
    period = f"{short_date(start)} {EN_DASH} {short_date(end)}"
    if start <= today <= end:
        return Reminder(
            kind=REMINDER_OIT_WINDOW,
            title_th=f"อยู่ในช่วงเก็บข้อมูล OIT ({period})",
            detail_th=(
                "ตรวจว่าข้อมูลทุกข้อเผยแพร่บนเว็บไซต์แล้ว รวมถึงผลการวิเคราะห์ผลการประเมินปีก่อน "
                f"และมาตรการของปีนี้ — ช่วงเก็บข้อมูลสิ้นสุด {short_date(end)}"
            ),
            due=end,
            severity=Severity.WARNING,
        )
    if 0 < (start - today).days <= OIT_LEAD_DAYS:
        return Reminder(
            kind=REMINDER_OIT_WINDOW,
            title_th=f"ช่วงเก็บข้อมูล OIT จะเริ่ม {short_date(start)}",
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
