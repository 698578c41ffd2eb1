"""The year's road worked out from plain facts (no Qt, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from itadesk.domain.fiscal import AssessmentCycle
from itadesk.domain.road import Produced, ProducedHow, RoadFacts, StepKey, StepState, year_road

CYCLE = AssessmentCycle(2568)
OIT = (date(2026, 3, 1), date(2026, 4, 30))


def facts(**changes) -> RoadFacts:
    base = dict(cycle=CYCLE, indicator_count=10, scores_entered=0, oit_window=OIT)
    base.update(changes)
    return RoadFacts(**base)


def states(road) -> list[StepState]:
    return [step.state for step in road.steps]


def test_an_empty_year_starts_with_the_scores_due_by_the_oit_window() -> None:
    road = year_road(facts(), date(2026, 1, 10))
    assert [step.key for step in road.steps] == list(StepKey)
    assert road.current.key == StepKey.SCORES
    scores = road.step(StepKey.SCORES)
    assert scores.state == StepState.DUE and scores.due == date(2026, 3, 1)
    assert "กำหนด 1 มี.ค. 2569 (อีก 50 วัน)" in scores.detail_th
    assert road.step(StepKey.ANALYSIS).state == StepState.WAITING
    assert road.step(StepKey.MEMO).detail_th == "ต้องมีการวิเคราะห์และมาตรการก่อน"
    assert road.done_count == 0


def test_partial_scores_say_how_many_and_the_rating_waits() -> None:
    road = year_road(facts(scores_entered=4), date(2026, 3, 5))
    assert "กรอกแล้ว 4 จาก 10 ตัวชี้วัด" in road.step(StepKey.SCORES).detail_th
    assert "เลยกำหนด 1 มี.ค. 2569 มาแล้ว 4 วัน" in road.step(StepKey.SCORES).detail_th
    assert road.step(StepKey.RATING).state == StepState.WAITING
    assert road.step(StepKey.ANALYSIS).state == StepState.DUE  # a draft needs some scores


def test_coverage_gaps_keep_the_measures_due() -> None:
    road = year_road(
        facts(scores_entered=10, total=Decimal("90"), rating_th="ผ่าน", measures=2,
              coverage_gaps=("ตัวชี้วัดที่ 8",)),
        date(2026, 1, 10),
    )  # fmt: skip
    measures = road.step(StepKey.MEASURES)
    assert measures.state == StepState.DUE and "ตัวชี้วัดที่ 8" in measures.detail_th


def test_rounds_wait_for_their_end_and_reports_for_the_save() -> None:
    whole = dict(
        scores_entered=10, total=Decimal("90"), rating_th="ผ่าน", analysis_sections=3,
        measures=2,
    )  # fmt: skip
    before = year_road(facts(**whole), date(2026, 3, 20))
    assert before.step(StepKey.ROUND_6).state == StepState.WAITING
    assert "บันทึกผลได้เมื่อสิ้นรอบ" in before.step(StepKey.ROUND_6).detail_th
    after = year_road(facts(**whole), date(2026, 4, 2))
    assert after.step(StepKey.ROUND_6).state == StepState.DUE
    assert after.step(StepKey.ROUND_6).due == date(2026, 4, 30)
    assert after.step(StepKey.REPORT_6).state == StepState.WAITING
    printed = Produced(2569, "results", ProducedHow.PRINTED, date(2026, 4, 3), "", 6)
    saved = year_road(
        facts(**whole, rounds_saved={6: date(2026, 4, 2)}, round_reports={6: printed}),
        date(2026, 4, 5),
    )
    assert saved.step(StepKey.ROUND_6).done_on == date(2026, 4, 2)
    report = saved.step(StepKey.REPORT_6)
    assert report.state == StepState.DONE and report.detail_th == "ส่งเครื่องพิมพ์ 3 เม.ย. 2569"
    # The memo and publishing are still due: the current step is the first of those.
    assert saved.current.key == StepKey.MEMO
