"""An invented sample office that has lived through a whole ITA year, for trying the app and
for tests: three fiscal years of scores, the analysis of the latest drafted and lightly edited,
measures for the plan year with steps, units and timelines, tracking partly ticked with dates,
notes and an evidence link, outputs and outcomes, a saved 6-month round, memo settings and a
comment chain. Every page and every document has real content. The office, its people and its
figures are made up; none is one of the seed offices."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from itadesk.domain.analysis import GUIDANCE, SUMMARY, SectionKey
from itadesk.domain.fiscal import AssessmentCycle
from itadesk.domain.memo import MemoKind, MemoSettings
from itadesk.domain.office import OfficeProfile, Person, Role, Unit
from itadesk.domain.tracking import MeasureResult, TrackingState
from itadesk.errors import UserError
from itadesk.services import Services

DEMO_OFFICE = OfficeProfile(
    name="องค์การบริหารส่วนตำบลหนองตัวอย่าง",
    kind="องค์การบริหารส่วนตำบล",
    district="เมืองสมมุติ",
    province="ตัวอย่าง",
    phone="0 4200 0000",
    doc_prefix="ตย 70001",
    units=(
        Unit("สำนักปลัด"),
        Unit("กองคลัง"),
        Unit("กองช่าง"),
        Unit("กองการศึกษา ศาสนาและวัฒนธรรม"),
    ),
    people=(
        Person("สมหญิง ตั้งใจงาน", "นักทรัพยากรบุคคลชำนาญการ", role=Role.AUTHOR),
        Person("สมชาย ใจดี", "หัวหน้าสำนักปลัด", rank_prefix="พ.จ.อ.", role=Role.UNIT_HEAD),
        Person("วิภาวรรณ รักษ์ธรรม", "ปลัดองค์การบริหารส่วนตำบลหนองตัวอย่าง", role=Role.PALAT),
        Person("ประเสริฐ มั่นคง", "นายกองค์การบริหารส่วนตำบลหนองตัวอย่าง", role=Role.NAYOK),
    ),
)

# Indicator scores 1–10 per year (invented, chosen to show a rise and a rating change).
DEMO_SCORES: dict[int, tuple[str, ...]] = {
    2566: (
        "92.52",
        "88.40",
        "93.10",
        "90.28",
        "91.02",
        "72.10",
        "73.64",
        "69.80",
        "93.33",
        "84.62",
    ),
    2567: (
        "93.80",
        "90.15",
        "94.02",
        "91.40",
        "92.35",
        "80.22",
        "82.10",
        "79.95",
        "96.67",
        "92.31",
    ),
    2568: ("96.20", "95.48", "97.03", "95.90", "96.12", "88.45", "90.02", "84.60", "100", "96.15"),
}
DEMO_OFFICIAL_TOTALS = {2568: "94.38"}
DEMO_CYCLE = AssessmentCycle(2568)  # the cycle the demo has worked through

# The plan year's measures, from the catalogue: the weakest indicators (6 quality of service,
# 7 communication, 8 improving work) first, then integrity measures the office keeps up.
DEMO_MEASURE_KEYS = (
    "service-manual-process-chart",
    "e-service",
    "information-centre",
    "pr-channels",
    "service-improvement",
    "no-gift-policy",
    "integrity-measures-follow-up",
)
# "Today" for the demo's tracking: early in April of the plan year, just after the 6-month
# round closed and was reported.
DEMO_TODAY = date(2026, 4, 8)
DEMO_ROUND_TAKEN = date(2026, 4, 3)
EVIDENCE_URL = "https://www.example.org/nongtuayang/ita/2569/no-gift-policy"


def _item_score(code: str) -> Decimal:
    """A stable, invented item score: OIT items pass or fail, perception items vary."""
    number = int(code[1:])
    if code.startswith("O"):
        return Decimal(0) if number in (7, 37, 41) else Decimal(100)
    base = 70 + (number * 37) % 28
    return Decimal(base) + Decimal((number * 13) % 100) / 100


def create_demo(services: Services) -> None:
    """Fill an empty database with the sample office's whole year; refuses a database that
    has data."""
    create_demo_office(services)
    _analysis(services, DEMO_CYCLE.assessed_year)
    _measures(services, DEMO_CYCLE.plan_year)
    _tracking(services, DEMO_CYCLE.plan_year)
    _memos(services, DEMO_CYCLE)


def create_demo_office(services: Services) -> None:
    """Only the beginning of the demo's year: the office and its three years of scores, with
    no analysis, measures or tracking yet (what a clerk has before planning)."""
    if services.office.profile().name or _has_any_data(services):
        raise UserError("ฐานข้อมูลนี้มีข้อมูลอยู่แล้ว — สร้างข้อมูลตัวอย่างได้เฉพาะในไฟล์ใหม่")
    services.office.save(DEMO_OFFICE)
    _scores(services)


def _has_any_data(services: Services) -> bool:
    return any(
        services.scores.indicator_scores(cycle.assessed_year)
        or services.measures.measures(cycle.plan_year)
        for cycle in services.cycles.cycles()
    )


def _scores(services: Services) -> None:
    for year, values in DEMO_SCORES.items():
        services.scores.set_indicator_scores(
            year, {number: value for number, value in enumerate(values, start=1)}
        )
        framework = services.frameworks.get(year)
        if framework.items:
            services.scores.set_item_scores(
                year, {item.code: _item_score(item.code) for item in framework.items}
            )
    for year, total in DEMO_OFFICIAL_TOTALS.items():
        services.scores.set_official_total(year, total)


def _analysis(services: Services, year: int) -> None:
    """The drafted analysis, then two light edits such as a clerk makes (one sentence added to
    the summary, the guidance of the weakest indicator made concrete)."""
    services.analysis.apply_redraft(
        year, services.analysis.plan_redraft(year), overwrite_edited=False
    )
    analysis = services.analysis.analysis(year)
    summary = SectionKey(None, SUMMARY)
    services.analysis.set_text(
        year,
        summary,
        analysis.text(None, SUMMARY).rstrip()
        + "\n\nที่ประชุมคณะทำงานเมื่อวันที่ 10 ธันวาคม 2568 เห็นชอบให้เร่งปรับปรุงตัวชี้วัดที่ 8"
        " โดยให้ทุกกองรายงานความคืบหน้าในการประชุมพนักงานประจำเดือน",
    )
    guidance = SectionKey(8, GUIDANCE)
    services.analysis.set_text(
        year,
        guidance,
        analysis.text(8, GUIDANCE).rstrip()
        + " ทั้งนี้ ให้กองช่างนำระบบยื่นคำร้องขออนุญาตก่อสร้างทางออนไลน์มาใช้ภายในไตรมาสที่ ๒",
    )


def _measures(services: Services, plan_year: int) -> None:
    for key in DEMO_MEASURE_KEYS:
        services.measures.add_from_catalogue(plan_year, key)
    # One measure adjusted by the clerk: another unit and an extra step.
    first = services.measures.measures(plan_year)[1]
    services.measures.update(
        replace(
            first,
            unit="กองช่าง",
            steps=(*first.steps, "ประเมินการใช้งานระบบและรายงานผู้บริหาร"),
        )
    )


def _tracking(services: Services, plan_year: int) -> None:
    """About half the steps done, most before the 6-month cut-off (31 มี.ค.), one in progress
    with a note, one that cannot be done with its reason, an evidence link, the outputs and
    outcomes of two measures, then the 6-month round saved."""
    tracking = services.tracking
    done_dates = (
        date(2025, 10, 20),
        date(2025, 11, 14),
        date(2025, 12, 12),
        date(2026, 1, 23),
        date(2026, 2, 18),
        date(2026, 3, 20),
    )
    measures = tracking.measures(plan_year)
    items = tracking.items(plan_year)
    for number, measure in enumerate(measures):
        assert measure.id is not None
        checklist = items[measure.id]
        to_tick = max(1, len(checklist) // 2) if number < 5 else 1
        for position, item in enumerate(checklist[:to_tick]):
            when = done_dates[(number + position) % len(done_dates)]
            tracking.set_progress(
                replace(item, state=TrackingState.DONE, done_date=when), plan_year, DEMO_TODAY
            )
        if len(checklist) > to_tick:
            tracking.set_progress(
                replace(
                    checklist[to_tick],
                    state=TrackingState.IN_PROGRESS,
                    note="ดำเนินการแล้วบางส่วน รอรายงานจากกองที่รับผิดชอบ",
                ),
                plan_year,
                DEMO_TODAY,
            )
    last = measures[-1]
    assert last.id is not None
    cannot = items[last.id][-1]
    tracking.set_progress(
        replace(
            cannot,
            state=TrackingState.CANNOT,
            reason="งบประมาณปี 2569 ไม่ได้ตั้งไว้ จะเสนอในแผนปีถัดไป",
        ),
        plan_year,
        DEMO_TODAY,
    )
    gift = next(m for m in measures if m.catalogue_key == "no-gift-policy")
    assert gift.id is not None
    first_gift_item = tracking.items(plan_year)[gift.id][0]
    tracking.add_evidence_link(first_gift_item, EVIDENCE_URL, "ประกาศนโยบาย No Gift Policy")
    for measure, outputs, outcomes in (
        (
            measures[0],
            "จัดทำคู่มือการให้บริการ 12 งานบริการ และติดแผนผังขั้นตอนที่จุดบริการครบทุกจุด",
            "ผู้รับบริการร้อยละ 92 ตอบว่าทราบขั้นตอนและระยะเวลาการให้บริการ",
        ),
        (
            gift,
            "ประกาศนโยบายไม่รับของขวัญและเผยแพร่ทางเว็บไซต์และบอร์ดประชาสัมพันธ์",
            "ไม่มีเรื่องร้องเรียนเกี่ยวกับการรับของขวัญในรอบ 6 เดือนแรก",
        ),
    ):
        assert measure.id is not None
        tracking.save_result(MeasureResult(measure.id, outputs, outcomes))
    tracking.take_snapshot(plan_year, 6, today=DEMO_ROUND_TAKEN)


def _memos(services: Services, cycle: AssessmentCycle) -> None:
    memos = services.memos
    for settings in (
        MemoSettings(
            cycle.assessed_year,
            MemoKind.ANALYSIS,
            running_number="412",
            memo_date=date(2025, 12, 15),
        ),
        MemoSettings(
            cycle.assessed_year,
            MemoKind.PUBLISH,
            running_number="431",
            memo_date=date(2025, 12, 22),
        ),
        MemoSettings(
            cycle.plan_year, MemoKind.RESULTS, running_number="118", memo_date=date(2026, 4, 8)
        ),
    ):
        memos.save_settings(settings)
    memos.save_comment_chain(memos.default_comment_chain())
