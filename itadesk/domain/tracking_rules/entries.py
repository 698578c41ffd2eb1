"""A check item's progress entry: what may be saved, and the date a tick records (asked for
when the round it belongs to has closed)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from itadesk.domain.fiscal import (
    ReportingRound,
    fiscal_year_bounds,
    reporting_round,
)
from itadesk.domain.tracking import (
    STATE_LABELS_TH,
    STATES,
    CheckItem,
    TrackingState,
)
from itadesk.domain.tracking_rules.common import (
    EN_DASH,
    FIELD_DONE_DATE,
    FIELD_NOTE,
    FIELD_REASON,
    FIELD_STATE,
    NOTE_MAX_CHARS,
    fiscal_year_text,
    short_date,
)


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
                f"ซึ่งต้องอยู่ใน{fiscal_year_text(plan_year)}"
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
            f"{FIELD_DONE_DATE}: ต้องอยู่ใน{fiscal_year_text(plan_year)} "
            f"(ได้รับ {short_date(done_date)})"
        )
    if done_date > today:
        problems.append(
            f"{FIELD_DONE_DATE}: {short_date(done_date)} ยังมาไม่ถึง — "
            f"ระบุวันที่ไม่เกินวันนี้ ({short_date(today)})"
        )
    return problems


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
            f"รอบ 6 เดือนสิ้นสุดแล้วเมื่อ {short_date(period.end)} และยังไม่ได้บันทึกรายงาน — "
            "ถ้ารายการนี้ดำเนินการแล้วเสร็จก่อนวันนั้น ให้ใส่วันที่จริง "
            "จึงจะนับว่าเสร็จในรายงานรอบ 6 เดือน"
        )
    else:
        why = (
            f"ปีงบประมาณ {period.fiscal_year} สิ้นสุดแล้วเมื่อ {short_date(last)} — "
            "ใส่วันที่ที่ดำเนินการแล้วเสร็จจริง"
        )
    return (
        f"{why}\n\nวันที่ดำเนินการแล้วเสร็จ (ระหว่าง {short_date(first)} {EN_DASH} {short_date(latest)})"
    )
