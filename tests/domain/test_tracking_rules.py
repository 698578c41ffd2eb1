"""Tracking rules: progress validation and arithmetic, theme grouping, due dates and overdue
items, reporting rounds, start-page reminders, and round reports with their JSON snapshots.

Plan year 2569 throughout: fiscal year 1 Oct 2025 – 30 Sep 2026 (CE dates below)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from itadesk.domain.frameworks import Framework, load_framework_file
from itadesk.domain.measures import Measure, Timeline, TimelineKind
from itadesk.domain.tracking import (
    EVIDENCE_FILE,
    EVIDENCE_LINK,
    ITEM_OUTPUT,
    ITEM_STEP,
    CheckItem,
    Evidence,
    MeasureResult,
    TrackingState,
)
from itadesk.domain.tracking_rules import (
    NO_THEME,
    REMINDER_DUE_SOON,
    REMINDER_OIT_WINDOW,
    REMINDER_OVERDUE,
    REMINDER_ROUND,
    LateItem,
    Progress,
    Severity,
    default_done_date,
    default_oit_window,
    done_date_problems,
    item_due_date,
    items_due_in_round,
    late_items,
    late_items_text_th,
    measure_progress,
    overall_progress,
    overdue_items,
    reminders,
    round_closing_within,
    round_for,
    round_missed_by_tick,
    round_report,
    snapshot_content,
    snapshot_from_content,
    theme_label_th,
    theme_progress,
    tick_date_question_th,
    validate_progress,
)
from itadesk.paths import frameworks_dir

FY = 2569
FY_TEXT = "ปีงบประมาณ 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)"

WHOLE_YEAR = Timeline()
Q1_2 = Timeline(kind=TimelineKind.QUARTERS, first_quarter=1, last_quarter=2)
Q3 = Timeline(kind=TimelineKind.QUARTERS, first_quarter=3, last_quarter=3)
OCT_DEC = Timeline(kind=TimelineKind.MONTHS, start_month=(2568, 10), end_month=(2568, 12))
DEC_DATES = Timeline(
    kind=TimelineKind.DATES, start_date=date(2025, 12, 1), end_date=date(2025, 12, 31)
)


def measure(
    measure_id: int,
    steps: int,
    timeline: Timeline = WHOLE_YEAR,
    themes: tuple[int, ...] = (),
    outputs: int = 0,
) -> Measure:
    return Measure(
        plan_year=FY,
        title=f"มาตรการที่ {measure_id}",
        indicators=(1,),
        themes=themes,
        steps=tuple(f"ขั้นตอน {n}" for n in range(1, steps + 1)),
        expected_outputs=tuple(f"ผลผลิต {n}" for n in range(1, outputs + 1)),
        timeline=timeline,
        unit="สำนักปลัด",
        follow_up="รายงานทุกไตรมาส",
        reporting="รายงานนายก",
        id=measure_id,
    )


def step(measure_id: int, position: int, state: str = TrackingState.NOT_STARTED, **kw) -> CheckItem:
    return CheckItem(
        measure_id, ITEM_STEP, f"ขั้นตอน {position + 1}", position, state, id=position + 100, **kw
    )


def output(
    measure_id: int, position: int, state: str = TrackingState.NOT_STARTED, **kw
) -> CheckItem:
    return CheckItem(
        measure_id, ITEM_OUTPUT, f"ผลผลิต {position + 1}", position, state, id=position + 900, **kw
    )


def done(day: date) -> dict:
    return {"done_date": day}


# --------------------------------------------------------------------------- validation


def test_valid_entries_have_no_problems() -> None:
    today = date(2026, 2, 5)
    assert validate_progress(step(1, 0, TrackingState.DONE, done_date=today), FY, today) == []
    assert validate_progress(step(1, 0, TrackingState.IN_PROGRESS), FY, today) == []
    assert (
        validate_progress(step(1, 0, TrackingState.CANNOT, reason="ไม่ได้รับงบประมาณ"), FY, today)
        == []
    )
    # The fiscal year's first and last days are inside it.
    late = date(2026, 10, 5)
    for day in (date(2025, 10, 1), date(2026, 9, 30)):
        assert validate_progress(step(1, 0, TrackingState.DONE, done_date=day), FY, late) == []


def test_done_without_date() -> None:
    problems = validate_progress(step(1, 0, TrackingState.DONE), FY, date(2026, 2, 5))
    assert problems == [f"วันที่ดำเนินการ: ยังไม่ได้กรอก — ระบุวันที่ดำเนินการแล้วเสร็จ ซึ่งต้องอยู่ใน{FY_TEXT}"]


@pytest.mark.parametrize(
    ("day", "shown"),
    [(date(2025, 9, 30), "30 ก.ย. 2568"), (date(2026, 10, 1), "1 ต.ค. 2569")],
)
def test_done_date_outside_fiscal_year(day: date, shown: str) -> None:
    problems = validate_progress(
        step(1, 0, TrackingState.DONE, done_date=day), FY, date(2026, 12, 1)
    )
    assert problems == [f"วันที่ดำเนินการ: ต้องอยู่ใน{FY_TEXT} (ได้รับ {shown})"]


def test_done_date_in_the_future() -> None:
    today = date(2026, 2, 5)
    problems = validate_progress(
        step(1, 0, TrackingState.DONE, done_date=date(2026, 2, 6)), FY, today
    )
    assert problems == ["วันที่ดำเนินการ: 6 ก.พ. 2569 ยังมาไม่ถึง — ระบุวันที่ไม่เกินวันนี้ (5 ก.พ. 2569)"]


def test_cannot_needs_a_reason() -> None:
    problems = validate_progress(
        step(1, 0, TrackingState.CANNOT, reason="  "), FY, date(2026, 2, 5)
    )
    assert len(problems) == 1
    assert problems[0].startswith("เหตุผลที่ดำเนินการไม่ได้: ยังไม่ได้กรอก")


def test_date_not_allowed_when_not_started() -> None:
    item = step(1, 0, TrackingState.NOT_STARTED, done_date=date(2026, 1, 5))
    problems = validate_progress(item, FY, date(2026, 2, 5))
    assert len(problems) == 1
    assert problems[0].startswith("วันที่ดำเนินการ: ใส่ได้เมื่อเริ่มดำเนินการแล้วเท่านั้น")


def test_unknown_state_and_long_note() -> None:
    today = date(2026, 2, 5)
    problems = validate_progress(step(1, 0, "finished"), FY, today)
    assert problems == [
        "สถานะ: “finished” ใช้ไม่ได้ — เลือก “ยังไม่เริ่ม” “กำลังดำเนินการ” “ดำเนินการแล้ว” “ดำเนินการไม่ได้”"
    ]
    assert validate_progress(step(1, 0, note="ก" * 2000), FY, today) == []
    assert validate_progress(step(1, 0, note="ก" * 2001), FY, today) == [
        "หมายเหตุ: ยาว 2001 ตัวอักษร — พิมพ์ได้ไม่เกิน 2000 ตัวอักษร"
    ]


# --------------------------------------------------------------------------- done dates


@pytest.mark.parametrize(
    ("today", "recorded"),
    [
        (date(2026, 1, 15), date(2026, 1, 15)),  # inside the year: today
        (date(2025, 9, 1), date(2025, 10, 1)),  # before the year began: its first day
        (date(2026, 11, 3), date(2026, 9, 30)),  # after it ended: its last day
    ],
)
def test_default_done_date_is_today_clamped_to_the_fiscal_year(today: date, recorded: date) -> None:
    assert default_done_date(FY, today) == recorded


@pytest.mark.parametrize(
    ("today", "saved", "asked"),
    [
        (date(2025, 10, 1), set(), None),  # the year's first day: nothing has closed
        (date(2026, 3, 31), set(), None),  # the 6-month round's last day: still open
        (date(2026, 4, 1), set(), 6),  # the day after its cut-off, round not saved: ask
        (date(2026, 9, 30), set(), 6),
        (date(2026, 4, 10), {6}, None),  # the 6-month report is frozen: today is the truth
        (date(2026, 9, 30), {6}, None),
        (date(2026, 10, 1), {6}, 12),  # the year has ended: 30 ก.ย. would be invented
        (date(2026, 10, 1), {6, 12}, 12),
        (date(2027, 4, 10), set(), 6),  # catching up a year late, 6-month round never saved
        (date(2027, 4, 10), {12}, 6),
        (date(2025, 9, 1), set(), None),  # before the year began
    ],
)
def test_when_a_tick_asks_for_the_real_date(today: date, saved: set, asked: int | None) -> None:
    period = round_missed_by_tick(FY, today, saved)
    if asked is None:
        assert period is None
    else:
        assert period == round_for(FY, asked)


def test_tick_date_question_names_the_round_and_the_allowed_range() -> None:
    six = tick_date_question_th(round_for(FY, 6), date(2026, 4, 10))
    assert "รอบ 6 เดือนสิ้นสุดแล้วเมื่อ 31 มี.ค. 2569" in six
    assert "ระหว่าง 1 ต.ค. 2568 – 10 เม.ย. 2569" in six  # not after today
    whole = tick_date_question_th(round_for(FY, 12), date(2026, 11, 3))
    assert "ปีงบประมาณ 2569 สิ้นสุดแล้วเมื่อ 30 ก.ย. 2569" in whole
    assert "ระหว่าง 1 ต.ค. 2568 – 30 ก.ย. 2569" in whole


def test_done_date_problems_name_the_allowed_range() -> None:
    today = date(2026, 4, 10)
    assert done_date_problems(date(2026, 3, 15), FY, today) == []
    assert done_date_problems(date(2025, 9, 30), FY, today) == [
        f"วันที่ดำเนินการ: ต้องอยู่ใน{FY_TEXT} (ได้รับ 30 ก.ย. 2568)"
    ]
    assert done_date_problems(date(2026, 4, 11), FY, today) == [
        "วันที่ดำเนินการ: 11 เม.ย. 2569 ยังมาไม่ถึง — ระบุวันที่ไม่เกินวันนี้ (10 เม.ย. 2569)"
    ]


# --------------------------------------------------------------------------- progress


@pytest.mark.parametrize(
    ("progress", "fraction", "percent"),
    [
        (Progress(done=2, cannot=1, in_progress=1, total=5), 0.5, 50),
        (Progress(done=1, cannot=0, in_progress=0, total=3), 1 / 3, 33),
        (Progress(done=2, cannot=0, in_progress=0, total=3), 2 / 3, 67),
        (Progress(done=1, cannot=0, in_progress=0, total=8), 0.125, 13),  # half up, not even
        (Progress(done=5, cannot=0, in_progress=0, total=8), 0.625, 63),
        (Progress(done=0, cannot=2, in_progress=0, total=2), 1.0, 100),  # nothing left to do
        (Progress(done=1, cannot=1, in_progress=0, total=2), 1.0, 100),
        (Progress(done=0, cannot=0, in_progress=0, total=0), 0.0, 0),  # empty measure
    ],
)
def test_progress_arithmetic(progress: Progress, fraction: float, percent: int) -> None:
    assert progress.fraction == pytest.approx(fraction)
    assert progress.percent == percent


def test_measure_progress_counts_states() -> None:
    items = [
        step(1, 0, TrackingState.DONE, done_date=date(2025, 11, 1)),
        step(1, 1, TrackingState.CANNOT, reason="ยกเลิก"),
        step(1, 2, TrackingState.IN_PROGRESS),
        step(1, 3),
        output(1, 0, TrackingState.DONE, done_date=date(2025, 12, 1)),
    ]
    progress = measure_progress(items)
    assert progress == Progress(done=2, cannot=1, in_progress=1, total=5)
    assert progress.not_started == 1
    assert progress.percent == 50
    assert measure_progress([]) == Progress(0, 0, 0, 0)


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework_file(frameworks_dir() / "fy2568.json")


def test_theme_progress_groups_by_every_listed_theme(framework: Framework) -> None:
    measures = [
        measure(1, 2, themes=(3, 1)),
        measure(2, 1, themes=(3, 3)),  # a theme listed twice counts once
        measure(3, 1),  # no theme
        measure(4, 0, themes=(2,)),  # no items at all
    ]
    items = {
        1: [step(1, 0, TrackingState.DONE, done_date=date(2025, 11, 1)), step(1, 1)],
        2: [step(2, 0, TrackingState.CANNOT, reason="ไม่มีงบ")],
        3: [step(3, 0, TrackingState.IN_PROGRESS)],
    }
    result = theme_progress(measures, items, framework)
    assert list(result) == [1, 2, 3, NO_THEME]  # framework order, "no theme" last
    assert result[1] == Progress(done=1, cannot=0, in_progress=0, total=2)
    assert result[2] == Progress(0, 0, 0, 0)
    assert result[3] == Progress(done=1, cannot=1, in_progress=0, total=3)
    assert result[NO_THEME] == Progress(done=0, cannot=0, in_progress=1, total=1)
    # Overall counts each item once although measure 1 is in two themes.
    assert overall_progress(items) == Progress(done=1, cannot=1, in_progress=1, total=4)
    assert theme_label_th(NO_THEME) == "ไม่ระบุประเด็น"
    assert theme_label_th(1, framework) == framework.themes[0].name_th
    assert theme_label_th(5) == "ประเด็นที่ 5"


# --------------------------------------------------------------------------- due dates


def due_dates(m: Measure) -> list[date]:
    return [item_due_date(m, step(m.id or 0, k), FY) for k in range(len(m.steps))]


def test_steps_sliced_over_quarters() -> None:
    # 6 months, 4 steps: slices end after 1.5, 3, 4.5, 6 months → rounded up to month ends.
    m = measure(1, 4, Q1_2, outputs=1)
    assert due_dates(m) == [
        date(2025, 11, 30),
        date(2025, 12, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
    ]
    assert item_due_date(m, output(1, 0), FY) == date(2026, 3, 31)


def test_steps_sliced_over_whole_year_single_quarter_and_months() -> None:
    assert due_dates(measure(1, 3, WHOLE_YEAR)) == [
        date(2026, 1, 31),
        date(2026, 5, 31),
        date(2026, 9, 30),
    ]
    # More steps than months: several steps share a month end.
    assert due_dates(measure(1, 5, Q3)) == [
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 5, 31),
        date(2026, 6, 30),
        date(2026, 6, 30),
    ]
    assert due_dates(measure(1, 2, OCT_DEC)) == [date(2025, 11, 30), date(2025, 12, 31)]
    assert item_due_date(measure(1, 1, OCT_DEC), step(1, 0), FY) == date(2025, 12, 31)


def test_steps_sliced_by_days_for_date_timelines() -> None:
    # 31 days, 4 steps: slice ends 7.75, 15.5, 23.25, 31 days → rounded up to whole days.
    assert due_dates(measure(1, 4, DEC_DATES)) == [
        date(2025, 12, 8),
        date(2025, 12, 16),
        date(2025, 12, 24),
        date(2025, 12, 31),
    ]


def test_incomplete_timeline_raises() -> None:
    broken = measure(1, 1, Timeline(kind=TimelineKind.MONTHS, start_month=(2568, 10)))
    with pytest.raises(ValueError):
        item_due_date(broken, step(1, 0), FY)


def test_overdue_items_by_timeline_kind() -> None:
    quarters = measure(1, 4, Q1_2, outputs=1)
    year = measure(2, 3, WHOLE_YEAR)
    days = measure(3, 4, DEC_DATES)
    broken = measure(4, 1, Timeline(kind=TimelineKind.MONTHS, start_month=(2568, 10)))
    measures = [quarters, year, days, broken]
    items = {
        1: [
            step(1, 0),
            step(1, 1, TrackingState.DONE, done_date=date(2025, 12, 20)),
            step(1, 2, TrackingState.CANNOT, reason="ยกเลิก"),
            step(1, 3, TrackingState.IN_PROGRESS),
            output(1, 0),
        ],
        2: [step(2, 0), step(2, 1), step(2, 2)],
        3: [step(3, 0), step(3, 1), step(3, 2), step(3, 3)],
        4: [step(4, 0)],  # skipped: its timeline cannot be read
    }
    # On a step's due date it is not yet overdue.
    assert overdue_items(measures, items, date(2025, 11, 30)) == []
    on_dec_17 = overdue_items(measures, items, date(2025, 12, 17))
    assert [(m.id, i.position, due) for m, i, due in on_dec_17] == [
        (1, 0, date(2025, 11, 30)),
        (3, 0, date(2025, 12, 8)),
        (3, 1, date(2025, 12, 16)),
    ]
    on_apr_1 = overdue_items(measures, items, date(2026, 4, 1))
    assert [(m.id, i.kind, i.position, due) for m, i, due in on_apr_1] == [
        (1, ITEM_STEP, 0, date(2025, 11, 30)),
        (3, ITEM_STEP, 0, date(2025, 12, 8)),
        (3, ITEM_STEP, 1, date(2025, 12, 16)),
        (3, ITEM_STEP, 2, date(2025, 12, 24)),
        (3, ITEM_STEP, 3, date(2025, 12, 31)),
        (2, ITEM_STEP, 0, date(2026, 1, 31)),
        (1, ITEM_STEP, 3, date(2026, 3, 31)),  # in progress is still open
        (1, ITEM_OUTPUT, 0, date(2026, 3, 31)),  # steps before outputs on the same day
    ]
    # Whole-year items due 30 Sep are overdue only from 1 Oct.
    assert (2, 2) not in {
        (m.id, i.position) for m, i, _ in overdue_items(measures, items, date(2026, 9, 30))
    }
    assert (2, 2) in {
        (m.id, i.position) for m, i, _ in overdue_items(measures, items, date(2026, 10, 1))
    }


# --------------------------------------------------------------------------- rounds


def test_round_for() -> None:
    six = round_for(FY, 6)
    assert (six.start, six.end) == (date(2025, 10, 1), date(2026, 3, 31))
    twelve = round_for(FY, 12)
    assert (twelve.start, twelve.end) == (date(2025, 10, 1), date(2026, 9, 30))


@pytest.mark.parametrize(
    ("today", "months"),
    [
        (date(2026, 2, 28), []),  # 31 days before 31 Mar
        (date(2026, 3, 1), [6]),  # 30 days before
        (date(2026, 3, 31), [6]),
        (date(2026, 4, 30), [6]),  # ended 30 days ago: report still being prepared
        (date(2026, 5, 1), []),
        (date(2026, 8, 30), []),
        (date(2026, 8, 31), [12]),
        (date(2026, 9, 30), [12]),
        (date(2026, 10, 30), [12]),
        (date(2026, 10, 31), []),
    ],
)
def test_round_closing_within(today: date, months: list[int]) -> None:
    assert [r.months for r in round_closing_within(FY, today)] == months


def test_round_closing_within_custom_days() -> None:
    assert round_closing_within(FY, date(2026, 3, 21), days=10)[0].months == 6
    assert round_closing_within(FY, date(2026, 3, 20), days=10) == []


def test_items_due_in_round() -> None:
    quarters = measure(1, 4, Q1_2)
    year = measure(2, 3, WHOLE_YEAR)
    items = {
        1: [
            step(1, 0, TrackingState.DONE, done_date=date(2025, 11, 3)),
            step(1, 1),
            step(1, 2, TrackingState.CANNOT, reason="ยกเลิก"),
            step(1, 3),
        ],
        2: [step(2, 0), step(2, 1), step(2, 2)],
    }
    six = items_due_in_round([quarters, year], items, FY, 6)
    assert [(m.id, i.position, due) for m, i, due in six] == [
        (1, 1, date(2025, 12, 31)),
        (2, 0, date(2026, 1, 31)),
        (1, 3, date(2026, 3, 31)),
    ]
    twelve = items_due_in_round([quarters, year], items, FY, 12)
    assert [(m.id, i.position) for m, i, _ in twelve] == [(1, 1), (2, 0), (1, 3), (2, 1), (2, 2)]


# --------------------------------------------------------------------------- reminders


def test_late_items_are_those_done_after_the_rounds_last_day() -> None:
    first, second = measure(1, 3, outputs=1), measure(2, 1)
    items = {
        1: [
            output(1, 0, TrackingState.DONE, **done(date(2026, 4, 2))),
            step(1, 2, TrackingState.DONE, **done(date(2026, 3, 31))),  # the last day counts
            step(1, 1, TrackingState.DONE, **done(date(2026, 4, 1))),
            step(1, 0, TrackingState.IN_PROGRESS, **done(date(2026, 5, 1))),  # not done: not listed
        ],
        2: [step(2, 0, TrackingState.DONE)],  # done with no date: the report cannot count it
    }
    late = late_items(FY, 6, [first, second], items)
    assert late == [
        LateItem(first, items[1][2]),
        LateItem(first, items[1][0]),
        LateItem(second, items[2][0]),
    ]
    assert late_items(FY, 12, [first, second], items) == [LateItem(second, items[2][0])]
    # The report agrees: exactly the listed items count as not done in the 6-month round.
    report = round_report(FY, 6, [first, second], items, {}, date(2026, 4, 10))
    assert report.overall.done == 1


def test_late_items_text_names_items_measures_and_dates() -> None:
    first = measure(1, 2, outputs=1)
    items = [
        step(1, 1, TrackingState.DONE, **done(date(2026, 4, 1))),
        output(1, 0, TrackingState.DONE, **done(date(2026, 4, 2))),
    ]
    text = late_items_text_th(round_for(FY, 6), late_items(FY, 6, [first], {1: items}))
    assert "หลังวันสิ้นสุดรอบ 6 เดือน (31 มี.ค. 2569)" in text
    assert "• มาตรการที่ 1: ขั้นตอนที่ 2 “ขั้นตอน 2” (เสร็จ 1 เม.ย. 2569)" in text
    assert "• มาตรการที่ 1: ผลผลิต “ผลผลิต 1” (เสร็จ 2 เม.ย. 2569)" in text
    assert "แก้วันที่ดำเนินการ" in text
    many = [LateItem(first, items[0])] * 12
    long_text = late_items_text_th(round_for(FY, 6), many, limit=10)
    assert long_text.count("ขั้นตอนที่ 2") == 10 and "และอีก 2 รายการ" in long_text


def test_default_oit_window() -> None:
    assert default_oit_window(2569) == (date(2026, 3, 1), date(2026, 4, 30))
    assert default_oit_window(2565) == (date(2022, 3, 1), date(2022, 4, 30))


def reminder_fixture() -> tuple[list[Measure], dict[int, list[CheckItem]]]:
    quarters = measure(1, 4, Q1_2, outputs=1)
    year = measure(2, 3, WHOLE_YEAR)
    items = {
        1: [
            step(1, 0),  # due 30 Nov 2025
            step(1, 1, TrackingState.IN_PROGRESS),  # due 31 Dec 2025
            step(1, 2, TrackingState.DONE, done_date=date(2026, 2, 20)),
            step(1, 3),  # due 31 Mar 2026
            output(1, 0),  # due 31 Mar 2026
        ],
        2: [step(2, 0), step(2, 1), step(2, 2)],  # 31 Jan, 31 May, 30 Sep 2026
    }
    return [quarters, year], items


def test_reminders_order_and_contents() -> None:
    measures, items = reminder_fixture()
    found = reminders(date(2026, 3, 15), FY, measures, items, default_oit_window(FY))
    assert [(r.kind, r.severity, r.due) for r in found] == [
        (REMINDER_OVERDUE, Severity.URGENT, date(2025, 11, 30)),
        (REMINDER_OVERDUE, Severity.URGENT, date(2026, 1, 31)),
        (REMINDER_ROUND, Severity.WARNING, date(2026, 3, 31)),
        (REMINDER_DUE_SOON, Severity.WARNING, date(2026, 3, 31)),
        (REMINDER_OIT_WINDOW, Severity.WARNING, date(2026, 4, 30)),
    ]
    overdue_first, overdue_second, round_, soon, oit = found
    assert overdue_first.title_th == "เลยกำหนด 2 รายการ: มาตรการที่ 1"
    assert overdue_first.detail_th == (
        "ขั้นตอนที่ 1 (กำหนด 30 พ.ย. 2568), ขั้นตอนที่ 2 (กำหนด 31 ธ.ค. 2568)"
    )
    assert overdue_second.title_th == "เลยกำหนด 1 รายการ: มาตรการที่ 2"
    assert round_.title_th == "รอบ 6 เดือน จะสิ้นสุดในอีก 16 วัน (31 มี.ค. 2569)"
    # Open items due in the 6-month round: measure 1 steps 1, 2, 4 and its output; measure 2 step 1.
    assert "ยังมี 5 รายการ" in round_.detail_th
    assert soon.title_th == "ครบกำหนดภายใน 30 วัน 2 รายการ: มาตรการที่ 1"
    assert soon.detail_th == "ขั้นตอนที่ 4 (กำหนด 31 มี.ค. 2569), ผลผลิต “ผลผลิต 1” (กำหนด 31 มี.ค. 2569)"
    assert "30 เม.ย. 2569" in oit.detail_th


def test_reminders_after_the_round_and_before_the_oit_window() -> None:
    measures, items = reminder_fixture()
    after = reminders(date(2026, 4, 10), FY, measures, items, None)
    rounds = [r for r in after if r.kind == REMINDER_ROUND]
    assert len(rounds) == 1
    assert rounds[0].severity == Severity.URGENT
    assert rounds[0].title_th == "ถึงเวลารายงานผลการดำเนินการตามมาตรการ รอบ 6 เดือน"
    assert not [r for r in after if r.kind == REMINDER_OIT_WINDOW]

    window = default_oit_window(FY)
    early = reminders(date(2026, 1, 15), FY, measures, items, window)  # 45 days before 1 Mar
    oit = [r for r in early if r.kind == REMINDER_OIT_WINDOW]
    assert [(r.severity, r.due) for r in oit] == [(Severity.INFO, date(2026, 3, 1))]
    assert early[-1] is oit[0]  # info comes last
    too_early = reminders(date(2025, 12, 31), FY, measures, items, window)  # 60 days before
    assert [r.due for r in too_early if r.kind == REMINDER_OIT_WINDOW] == [date(2026, 3, 1)]
    way_early = reminders(date(2025, 12, 30), FY, measures, items, window)  # 61 days before
    assert not [r for r in way_early if r.kind == REMINDER_OIT_WINDOW]
    assert not [
        r
        for r in reminders(date(2026, 5, 1), FY, measures, items, window)
        if r.kind == REMINDER_OIT_WINDOW
    ]


def test_overdue_reminder_lists_at_most_three_items() -> None:
    m = measure(1, 5, DEC_DATES)
    items = {1: [step(1, k) for k in range(5)]}
    (found,) = reminders(date(2026, 2, 1), FY, [m], items, None)
    assert found.title_th == "เลยกำหนด 5 รายการ: มาตรการที่ 1"
    assert found.detail_th.endswith("และอีก 2 รายการ")
    assert found.detail_th.count("ขั้นตอนที่") == 3


# --------------------------------------------------------------------------- round reports


def report_fixture() -> tuple[list[Measure], dict[int, list[CheckItem]], dict[int, MeasureResult]]:
    quarters = measure(1, 3, Q1_2, themes=(1, 4), outputs=1)
    year = measure(2, 2, WHOLE_YEAR)
    evidence = (
        Evidence(EVIDENCE_LINK, "https://example.go.th/news/12", "ข่าวประชาสัมพันธ์"),
        Evidence(
            EVIDENCE_FILE, "2569/m1/รูปภาพ.jpg", "รูปภาพ", 2048, datetime(2025, 11, 21, 9, 0), 7
        ),
    )
    items = {
        1: [
            output(1, 0, TrackingState.DONE, done_date=date(2026, 4, 2)),  # done after 31 Mar
            step(1, 2, TrackingState.CANNOT, reason="ไม่ได้รับงบประมาณ", note="เลื่อนไปปีหน้า"),
            step(1, 0, TrackingState.DONE, done_date=date(2025, 11, 20), evidence=evidence),
            step(1, 1, TrackingState.DONE, done_date=date(2026, 3, 31)),
        ],
        2: [
            step(2, 0, TrackingState.DONE, done_date=date(2026, 4, 10), evidence=evidence[:1]),
            step(2, 1),
        ],
    }
    results = {1: MeasureResult(1, outputs="เผยแพร่ 12 ครั้ง", outcomes="ประชาชนรับรู้มากขึ้น")}
    return [quarters, year], items, results


def test_six_month_report_counts_items_done_after_march_as_not_done() -> None:
    measures, items, results = report_fixture()
    report = round_report(FY, 6, measures, items, results, date(2026, 4, 20))
    assert (report.start, report.end, report.as_of) == (
        date(2025, 10, 1),
        date(2026, 3, 31),
        date(2026, 3, 31),
    )
    first, second = report.measures
    # Steps by position, then outputs.
    assert [(i.kind, i.position) for i in first.items] == [
        (ITEM_STEP, 0),
        (ITEM_STEP, 1),
        (ITEM_STEP, 2),
        (ITEM_OUTPUT, 0),
    ]
    assert [i.state for i in first.items] == [
        TrackingState.DONE,
        TrackingState.DONE,  # done on 31 Mar, the round's last day
        TrackingState.CANNOT,
        TrackingState.IN_PROGRESS,  # done 2 Apr
    ]
    assert first.items[3].done_date is None
    assert first.items[3].state_label_th == "กำลังดำเนินการ"
    assert first.progress == Progress(done=2, cannot=1, in_progress=1, total=4)
    assert second.items[0].state == TrackingState.IN_PROGRESS
    assert second.items[0].evidence == ()
    assert second.progress == Progress(done=0, cannot=0, in_progress=1, total=2)
    assert report.overall == Progress(done=2, cannot=1, in_progress=2, total=6)
    assert report.theme(1) == first.progress
    assert report.theme(NO_THEME) == second.progress
    assert [number for number, _ in report.themes] == [1, 4, NO_THEME]
    assert (first.outputs, first.outcomes) == ("เผยแพร่ 12 ครั้ง", "ประชาชนรับรู้มากขึ้น")
    assert (second.outputs, second.outcomes) == ("", "")
    assert first.timeline_label == "ไตรมาส 1–2 (ต.ค. 68 – มี.ค. 69)"

    # The 12-month report made on the same day counts April's work.
    twelve = round_report(FY, 12, measures, items, results, date(2026, 4, 20))
    assert twelve.as_of == date(2026, 4, 20)
    assert twelve.measures[0].items[3].state == TrackingState.DONE
    assert twelve.overall == Progress(done=4, cannot=1, in_progress=0, total=6)


def test_snapshot_round_trip_through_json() -> None:
    measures, items, results = report_fixture()
    today = date(2026, 4, 20)
    content = snapshot_content(FY, 6, measures, items, results, today)
    text = json.dumps(content, ensure_ascii=False)  # raises on date, Decimal, tuple keys …
    loaded = json.loads(text)
    assert loaded == content  # plain data only: no tuples or objects that JSON changes
    assert content["measures"][0]["items"][0]["done_date"] == "2025-11-20"
    assert content["measures"][0]["items"][0]["evidence"] == [
        {"kind": EVIDENCE_LINK, "label": "ข่าวประชาสัมพันธ์", "value": "https://example.go.th/news/12"},
        {"kind": EVIDENCE_FILE, "label": "รูปภาพ", "value": "2569/m1/รูปภาพ.jpg"},
    ]
    assert content["measures"][0]["timeline"]["start"] == "2025-10-01"
    live = round_report(FY, 6, measures, items, results, today)
    assert snapshot_from_content(loaded) == live


def test_snapshot_keeps_what_it_said() -> None:
    measures, items, results = report_fixture()
    content = json.loads(
        json.dumps(snapshot_content(FY, 6, measures, items, results, date(2026, 4, 1)))
    )
    # Later edits to live data do not change the stored report.
    items[2] = [step(2, 0, TrackingState.DONE, done_date=date(2026, 3, 1)), step(2, 1)]
    assert snapshot_from_content(content).measures[1].progress.done == 0
    assert (
        round_report(FY, 6, measures, items, results, date(2026, 4, 1)).measures[1].progress.done
        == 1
    )


@pytest.mark.parametrize("content", [{}, {"format": "something-else/1"}, []])
def test_snapshot_from_unknown_content_raises(content: object) -> None:
    with pytest.raises(ValueError):
        snapshot_from_content(content)  # type: ignore[arg-type]


def test_snapshot_from_damaged_content_raises() -> None:
    measures, items, results = report_fixture()
    content = snapshot_content(FY, 6, measures, items, results, date(2026, 4, 1))
    del content["measures"][0]["items"]
    with pytest.raises(ValueError):
        snapshot_from_content(content)


def test_reminders_sort_by_severity_before_date() -> None:
    # The OIT window starting 1 Mar (info) comes after an item due 10 Mar (warning).
    m = measure(
        1, 1, Timeline(TimelineKind.DATES, start_date=date(2026, 2, 1), end_date=date(2026, 3, 10))
    )
    found = reminders(date(2026, 2, 15), FY, [m], {1: [step(1, 0)]}, default_oit_window(FY))
    assert [(r.kind, r.severity, r.due) for r in found] == [
        (REMINDER_DUE_SOON, Severity.WARNING, date(2026, 3, 10)),
        (REMINDER_OIT_WINDOW, Severity.INFO, date(2026, 3, 1)),
    ]
    assert found[1].title_th == "ช่วงเก็บข้อมูล OIT จะเริ่ม 1 มี.ค. 2569"
