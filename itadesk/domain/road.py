"""The ITA year as a road: the steps of one assessment cycle in order, each done (when, and what
it produced), due (by when) or not yet possible (and why), worked out from facts the office's
own data holds (:class:`RoadFacts`, gathered by ``services.road``).

The steps: scores entered → rating known → analysis drafted → measures planned (every weak
indicator served) → memo printed → published (website bundle exported) → 6-month round saved →
its report printed → 12-month round saved → its report printed.

Deadlines: the analysis and measures must be on the website before the OIT collection window
of the plan year opens (the clerk's dates, else the estimate), so every step up to publishing
is due by the window's first day. A round's report is due within ``ROUND_REPORT_DAYS`` of the
round's last day (the start page keeps reminding for as long)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from itadesk.domain.fiscal import AssessmentCycle, format_thai_date, reporting_round
from itadesk.domain.tracking_rules.reminders import ROUND_REMINDER_DAYS

ROUND_REPORT_DAYS = ROUND_REMINDER_DAYS


class StepState(StrEnum):
    DONE = "done"
    DUE = "due"  # can be done now
    WAITING = "waiting"  # not yet possible


class StepKey(StrEnum):
    SCORES = "scores"
    RATING = "rating"
    ANALYSIS = "analysis"
    MEASURES = "measures"
    MEMO = "memo"
    PUBLISH = "publish"
    ROUND_6 = "round-6"
    REPORT_6 = "report-6"
    ROUND_12 = "round-12"
    REPORT_12 = "report-12"


class ProducedHow(StrEnum):
    """How a document left the program."""

    PRINTED = "printed"
    PDF = "pdf"
    WORD = "word"
    FOLDER = "folder"  # the website bundle as a folder
    ZIP = "zip"  # the website bundle as one ZIP file


BUNDLE_KIND = "bundle"  # the website bundle, beside the DocumentKind values

_HOW_TH = {
    ProducedHow.PRINTED: "ส่งเครื่องพิมพ์",
    ProducedHow.PDF: "บันทึกเป็น PDF",
    ProducedHow.WORD: "บันทึกเป็น Word",
    ProducedHow.FOLDER: "สร้างชุดไฟล์เป็นโฟลเดอร์",
    ProducedHow.ZIP: "สร้างชุดไฟล์เป็น ZIP",
}


@dataclass(frozen=True)
class Produced:
    """One time a document (or the bundle) left the program."""

    fiscal_year: int
    kind: str  # a DocumentKind value or BUNDLE_KIND
    how: ProducedHow
    on: date
    target: str = ""  # the file or folder written; "" for the printer
    round_months: int | None = None

    @property
    def how_th(self) -> str:
        return _HOW_TH[self.how]


@dataclass(frozen=True)
class RoadFacts:
    """What the office's data says about one cycle (no Qt, no storage: plain values)."""

    cycle: AssessmentCycle
    indicator_count: int  # indicators of the assessed year's framework
    scores_entered: int
    scores_on: date | None = None
    total: Decimal | None = None
    rating_th: str | None = None
    analysis_sections: int = 0
    analysis_edited: int = 0
    analysis_on: date | None = None
    measures: int = 0
    coverage_gaps: tuple[str, ...] = ()  # indicators under target no measure serves
    measures_on: date | None = None
    memo: Produced | None = None  # the memo presenting the analysis and measures
    bundle: Produced | None = None
    rounds_saved: Mapping[int, date] = field(default_factory=dict)  # months → saved on
    round_reports: Mapping[int, Produced] = field(default_factory=dict)  # after the save
    oit_window: tuple[date, date] | None = None


@dataclass(frozen=True)
class RoadStep:
    key: StepKey
    title_th: str
    state: StepState
    detail_th: str  # done: what and when; due: by when; waiting: why
    done_on: date | None = None
    due: date | None = None
    target: str = ""  # the file or folder the step produced, when there is one
    round_months: int | None = None  # the round a round step is about


@dataclass(frozen=True)
class YearRoad:
    cycle: AssessmentCycle
    steps: tuple[RoadStep, ...]

    @property
    def current(self) -> RoadStep | None:
        """The step to do next: the first one not done that can be done now (else the first
        not done at all); None when the whole road is done."""
        open_steps = [step for step in self.steps if step.state != StepState.DONE]
        due = [step for step in open_steps if step.state == StepState.DUE]
        candidates = due or open_steps
        return candidates[0] if candidates else None

    def step(self, key: StepKey) -> RoadStep:
        return next(step for step in self.steps if step.key == key)

    @property
    def done_count(self) -> int:
        return sum(step.state == StepState.DONE for step in self.steps)


def _day(d: date) -> str:
    return format_thai_date(d, "abbr_full_year")


def _due_text(due: date | None, today: date, what: str) -> str:
    if due is None:
        return what
    days = (due - today).days
    if days < 0:
        return f"{what} — เลยกำหนด {_day(due)} มาแล้ว {-days} วัน"
    if days == 0:
        return f"{what} — ครบกำหนดวันนี้"
    return f"{what} — กำหนด {_day(due)} (อีก {days} วัน)"


def _produced_text(produced: Produced) -> str:
    return f"{produced.how_th} {_day(produced.on)}"


def year_road(facts: RoadFacts, today: date) -> YearRoad:
    """The road of ``facts.cycle`` on ``today``."""
    cycle = facts.cycle
    oit_start = facts.oit_window[0] if facts.oit_window else None
    steps: list[RoadStep] = []

    # 1. scores
    complete = facts.indicator_count > 0 and facts.scores_entered >= facts.indicator_count
    if complete:
        steps.append(
            RoadStep(
                StepKey.SCORES,
                "กรอกคะแนน ITA",
                StepState.DONE,
                f"กรอกครบ {facts.indicator_count} ตัวชี้วัดแล้ว",
                done_on=facts.scores_on,
            )
        )
    else:
        entered = (
            f"กรอกแล้ว {facts.scores_entered} จาก {facts.indicator_count} ตัวชี้วัด"
            if facts.scores_entered
            else f"ยังไม่ได้กรอกคะแนนปี {cycle.assessed_year}"
        )
        steps.append(
            RoadStep(
                StepKey.SCORES,
                "กรอกคะแนน ITA",
                StepState.DUE,
                _due_text(oit_start, today, entered),
                due=oit_start,
            )
        )

    # 2. rating
    if facts.total is not None and facts.rating_th:
        steps.append(
            RoadStep(
                StepKey.RATING,
                "ทราบผลและระดับ",
                StepState.DONE,
                f"ได้ {facts.total} คะแนน ระดับ {facts.rating_th}",
                done_on=facts.scores_on,
            )
        )
    else:
        steps.append(
            RoadStep(
                StepKey.RATING,
                "ทราบผลและระดับ",
                StepState.WAITING,
                "คำนวณได้เมื่อกรอกคะแนนครบทุกตัวชี้วัด",
            )
        )

    # 3. analysis
    if facts.analysis_sections:
        edited = (
            f"แก้ไขเองแล้ว {facts.analysis_edited} ส่วน"
            if facts.analysis_edited
            else "ยังเป็นร่างของโปรแกรมทั้งหมด — อ่านและแก้ให้ตรงกับหน่วยงาน"
        )
        steps.append(
            RoadStep(
                StepKey.ANALYSIS,
                "ร่างและแก้ไขการวิเคราะห์ผล",
                StepState.DONE,
                f"มีข้อความ {facts.analysis_sections} ส่วน ({edited})",
                done_on=facts.analysis_on,
            )
        )
    elif facts.scores_entered:
        steps.append(
            RoadStep(
                StepKey.ANALYSIS,
                "ร่างและแก้ไขการวิเคราะห์ผล",
                StepState.DUE,
                _due_text(oit_start, today, "ยังไม่ได้ร่างการวิเคราะห์"),
                due=oit_start,
            )
        )
    else:
        steps.append(
            RoadStep(
                StepKey.ANALYSIS,
                "ร่างและแก้ไขการวิเคราะห์ผล",
                StepState.WAITING,
                "ร่างได้เมื่อมีคะแนนแล้ว",
            )
        )

    # 4. measures (and coverage)
    if facts.measures and not facts.coverage_gaps:
        steps.append(
            RoadStep(
                StepKey.MEASURES,
                "วางมาตรการ",
                StepState.DONE,
                f"{facts.measures} มาตรการของปี {cycle.plan_year} ครอบคลุมตัวชี้วัดที่ต่ำกว่าเป้าครบ",
                done_on=facts.measures_on,
            )
        )
    else:
        what = (
            f"มี {facts.measures} มาตรการ แต่ยังไม่มีมาตรการสำหรับ " + ", ".join(facts.coverage_gaps)
            if facts.measures
            else f"ยังไม่มีมาตรการของปี {cycle.plan_year}"
        )
        steps.append(
            RoadStep(
                StepKey.MEASURES,
                "วางมาตรการ",
                StepState.DUE,
                _due_text(oit_start, today, what),
                due=oit_start,
            )
        )

    # 5. memo, 6. publishing: both need the analysis and the measures
    missing = [
        name
        for name, present in (("การวิเคราะห์", facts.analysis_sections), ("มาตรการ", facts.measures))
        if not present
    ]
    why_not = "ต้องมี" + "และ".join(missing) + "ก่อน" if missing else ""
    for key, title, produced, todo in (
        (StepKey.MEMO, "พิมพ์บันทึกข้อความเสนอ", facts.memo, "ยังไม่ได้พิมพ์บันทึกข้อความ"),
        (StepKey.PUBLISH, "เผยแพร่บนเว็บไซต์", facts.bundle, "ยังไม่ได้สร้างชุดไฟล์สำหรับเว็บไซต์"),
    ):
        if produced is not None:
            steps.append(
                RoadStep(
                    key,
                    title,
                    StepState.DONE,
                    _produced_text(produced),
                    done_on=produced.on,
                    target=produced.target,
                )
            )
        elif missing:
            steps.append(RoadStep(key, title, StepState.WAITING, why_not))
        else:
            steps.append(
                RoadStep(
                    key, title, StepState.DUE, _due_text(oit_start, today, todo), due=oit_start
                )
            )

    # 7–10. the rounds and their reports
    for months in (6, 12):
        period = reporting_round(cycle.plan_year, months)
        due = period.end + timedelta(days=ROUND_REPORT_DAYS)
        round_key = StepKey.ROUND_6 if months == 6 else StepKey.ROUND_12
        report_key = StepKey.REPORT_6 if months == 6 else StepKey.REPORT_12
        saved_on = facts.rounds_saved.get(months)
        name = f"รอบ {months} เดือน"
        if saved_on is not None:
            steps.append(
                RoadStep(
                    round_key,
                    f"บันทึกผล{name}",
                    StepState.DONE,
                    f"บันทึกรายงาน{name}แล้ว",
                    done_on=saved_on,
                    round_months=months,
                )
            )
        elif not facts.measures:
            steps.append(
                RoadStep(
                    round_key,
                    f"บันทึกผล{name}",
                    StepState.WAITING,
                    f"ยังไม่มีมาตรการของปี {cycle.plan_year} ให้ติดตาม",
                    round_months=months,
                )
            )
        elif today <= period.end:
            steps.append(
                RoadStep(
                    round_key,
                    f"บันทึกผล{name}",
                    StepState.WAITING,
                    f"{name}สิ้นสุด {_day(period.end)} — บันทึกผลได้เมื่อสิ้นรอบ",
                    due=due,
                    round_months=months,
                )
            )
        else:
            steps.append(
                RoadStep(
                    round_key,
                    f"บันทึกผล{name}",
                    StepState.DUE,
                    _due_text(due, today, "ยังไม่ได้บันทึกรายงาน"),
                    due=due,
                    round_months=months,
                )
            )
        report = facts.round_reports.get(months)
        title = f"พิมพ์รายงานผล{name}"
        if report is not None and saved_on is not None:
            steps.append(
                RoadStep(
                    report_key,
                    title,
                    StepState.DONE,
                    _produced_text(report),
                    done_on=report.on,
                    target=report.target,
                    round_months=months,
                )
            )
        elif saved_on is None:
            steps.append(
                RoadStep(
                    report_key,
                    title,
                    StepState.WAITING,
                    f"พิมพ์ได้เมื่อบันทึกผล{name}แล้ว",
                    round_months=months,
                )
            )
        else:
            steps.append(
                RoadStep(
                    report_key,
                    title,
                    StepState.DUE,
                    _due_text(due, today, "ยังไม่ได้พิมพ์รายงานฉบับที่บันทึกไว้"),
                    due=due,
                    round_months=months,
                )
            )
    return YearRoad(cycle, tuple(steps))
