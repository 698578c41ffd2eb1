"""Migrations: named append-only steps; old fixture files reach the head with data kept; a
failing step rolls back."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations
from storage_helpers import FIXTURE_DIR, dump, pragma

from itadesk.domain.analysis import Analysis, AnalysisSection, SectionKey
from itadesk.domain.measures import Measure, Timeline
from itadesk.domain.memo import CommentStep, MemoSettings
from itadesk.domain.office import NameSpacing, OfficeProfile, Person, Role, Unit
from itadesk.domain.tracking import CheckItem, Evidence, MeasureResult
from itadesk.storage import migrations
from itadesk.storage.database import open_store
from itadesk.storage.migrations import MIGRATIONS, SCHEMA_VERSION, migration_names
from itadesk.storage.repositories import Repositories

# What make_fixtures.py put in every fixture (hard-coded: the files are frozen history).
V1_OFFICE = OfficeProfile(
    name="องค์การบริหารส่วนตำบลบ้านนา",
    kind="องค์การบริหารส่วนตำบล",
    district="เมือง",
    province="ตราด",
    phone="0 3951 1234",
    doc_prefix="ตร 71501",
    units=(Unit("สำนักปลัด", 1), Unit("กองคลัง", 2), Unit("กองช่าง", 3)),
    # The roles: inferred from the positions by 0005 (set by the clerk in schema_v5).
    people=(
        Person("สมชาย ใจดี", "ปลัดองค์การบริหารส่วนตำบล", "พ.จ.อ.", "", 1, Role.PALAT),
        Person("สมหญิง รักงาน", "หัวหน้าสำนักปลัด", "", "รองปลัดองค์การบริหารส่วนตำบล", 2, Role.UNIT_HEAD),
    ),
)
V1_SCORES_2566 = dict(
    zip(
        range(1, 11),
        map(Decimal, ["95", "88", "100", "71.25", "84.5", "90.1", "80.01", "100", "81.5", "79.85"]),
        strict=True,
    )
)


def _table_schemas(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(
            conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE '_sqlite_migrations%' ORDER BY name"
            ).fetchall()
        )
    finally:
        conn.close()


# What _sample_v3 added.
V3_ANALYSIS = Analysis(
    2567,
    (
        AnalysisSection(
            SectionKey(1, "finding"), "ตัวชี้วัดที่ ๑ ได้ ๙๕.๐๐ คะแนน", "ตัวชี้วัดที่ ๑ ได้ ๙๕.๐๐ คะแนน"
        ),
        AnalysisSection(SectionKey(1, "weaknesses"), "ยังไม่มีการเผยแพร่ข้อมูลครบถ้วน", ""),
        AnalysisSection(SectionKey(None, "summary"), "ภาพรวมผ่านเกณฑ์ แต่ยังต้องพัฒนา", "ภาพรวมผ่านเกณฑ์"),
    ),
)
V3_MEASURES = [
    Measure(
        plan_year=2568,
        title="มาตรการเผยแพร่ข้อมูลต่อสาธารณะ",
        indicators=(1, 9),
        themes=(2,),
        oit_items=("O1", "O12"),
        rationale="ข้อมูลบนเว็บไซต์ไม่ครบ",
        steps=("จัดทำแผนเผยแพร่ข้อมูล", "ปรับปรุงเว็บไซต์"),
        timeline=Timeline("quarters", 1, 2),
        unit="สำนักปลัด",
        follow_up="ปลัดติดตามทุกไตรมาส",
        reporting="รายงานนายกภายใน ๓๐ ก.ย.",
        catalogue_key="publish_info",
        id=7,
    ),
    Measure(
        plan_year=2568,
        title="มาตรการป้องกันการรับสินบน",
        indicators=(2,),
        steps=("ประกาศนโยบาย No Gift Policy",),
        timeline=Timeline("dates", start_date=date(2024, 10, 1), end_date=date(2025, 1, 31)),
        unit="กองคลัง",
        id=3,
    ),
]
V3_CHAIN = [
    CommentStep("ความเห็นของหัวหน้าสำนักปลัด", 2, "", 1),
    CommentStep("ความเห็นของปลัดองค์การบริหารส่วนตำบล", 1, "เห็นควรอนุมัติ", 2),
]
V3_MEMO = MemoSettings(
    2567,
    "analysis",
    running_number="123",
    memo_date=date(2024, 11, 15),
    signer_person_id=1,
    subject="รายงานผลการวิเคราะห์",
    salutation="นายกองค์การบริหารส่วนตำบลบ้านนา",
    paragraphs=("ย่อหน้าแรก", "ย่อหน้าที่สอง"),
)


def _assert_no_plans(repo: Repositories) -> None:
    """The tables of 0003 exist and are empty (a file from before 0003)."""
    assert repo.analysis.analysis(2567) == Analysis(2567)
    assert repo.years.plan_years() == []
    assert repo.measures.measures(2568) == []
    assert repo.memos.comment_chain() == []
    assert repo.memos.memo_settings(2567, "analysis") == MemoSettings(2567, "analysis")


def _assert_v1_data(repo: Repositories) -> None:
    assert repo.office.get_office() == V1_OFFICE
    assert repo.scores.indicator_scores(2566) == V1_SCORES_2566
    assert repo.scores.indicator_scores(2567) == {1: Decimal("0.01"), 2: Decimal(0)}
    assert repo.scores.official_total(2566) == Decimal("86.92")
    assert repo.scores.official_total(2567) is None
    assert repo.years.fiscal_years() == [2566, 2567]


def _assert_no_tracking(repo: Repositories, plan_year: int = 2568) -> None:
    """The tables of 0004 exist and are empty (a file from before 0004)."""
    assert all(
        item.state == "not_started" and not item.evidence
        for items in repo.tracking.check_items_for_year(plan_year).values()
        for item in items
    )
    assert repo.tracking.all_evidence_files() == []
    assert repo.tracking.snapshots(plan_year) == []
    assert repo.measures.deleted_measures(plan_year) == []


def _assert_tracking_works(repo: Repositories) -> None:
    """Steps, outputs, progress, evidence, results and snapshots can be written after
    migrating, and a soft-deleted measure comes back with them."""
    saved = repo.measures.add_measure(
        Measure(2570, "มาตรการหลังย้ายรุ่น", steps=("ขั้นแรก",), expected_outputs=("ผลผลิต",))
    )
    assert saved.id is not None
    step, output = (item.id or 0 for item in repo.tracking.check_items(saved.id))
    repo.tracking.set_item_progress(step, "done", date(2026, 1, 5), "เสร็จ", "")
    evidence = repo.tracking.add_evidence(output, Evidence("file", "2570/x/หลักฐาน.pdf", size=10))
    repo.tracking.save_measure_result(MeasureResult(saved.id, "ผลผลิตจริง", "ผลลัพธ์จริง"))
    repo.tracking.add_snapshot(2570, 6, {"round": 6})
    before = repo.tracking.check_items(saved.id)
    repo.measures.delete_measure(saved.id)
    assert repo.tracking.check_items(saved.id) == []
    repo.measures.restore_measure(saved, 0)
    assert repo.tracking.check_items(saved.id) == before
    assert before[0].state == "done" and before[1].evidence == (evidence,)
    assert repo.tracking.measure_result(saved.id).outcomes == "ผลลัพธ์จริง"
    assert repo.tracking.evidence_in_use("2570/x/หลักฐาน.pdf")
    latest = repo.tracking.latest_snapshot(2570, 6)
    assert latest is not None and latest.content == {"round": 6}


def test_steps_are_explicitly_named_and_numbered() -> None:
    names = migration_names()
    assert names[:5] == [
        "0001_initial",
        "0002_items_frameworks_settings",
        "0003_analysis_measures_memos",
        "0004_tracking",
        "0005_person_roles",
    ]
    assert len(names) == SCHEMA_VERSION
    assert [int(name[:4]) for name in names] == list(range(1, len(names) + 1))


def test_every_schema_version_has_a_fixture() -> None:
    for version in range(1, SCHEMA_VERSION + 1):
        path = FIXTURE_DIR / f"schema_v{version}.sqlite3"
        assert path.is_file(), f"run tests/fixtures/db/make_fixtures.py {version}"
        assert pragma(path, "user_version") == version


def test_fixture_v1_migrates_to_head_with_data_kept(fixture_copy) -> None:
    path = fixture_copy(1)
    assert pragma(path, "user_version") == 1
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.backup_path is not None
        repo = Repositories.of(store)
        _assert_v1_data(repo)
        assert repo.scores.item_scores(2567) == {}
        assert repo.frameworks.framework_overrides() == {}
        assert repo.settings.get_setting("signer_id") is None
        _assert_no_plans(repo)
        # The new tables work after the migration.
        repo.scores.set_item_score(2567, "O12", Decimal("86.92"))
        assert repo.scores.item_scores(2567) == {"O12": Decimal("86.92")}
        saved = repo.measures.add_measure(Measure(2568, "มาตรการใหม่", steps=("ขั้นแรก",)))
        assert repo.measures.measures(2568) == [saved]
        repo.memos.save_comment_chain([CommentStep("ความเห็นของปลัด", 1)])
        assert repo.memos.comment_chain()[0].person_id == 1
        _assert_no_tracking(repo)
        _assert_tracking_works(repo)
    assert pragma(path, "user_version") == SCHEMA_VERSION


def test_fixture_v2_opens_at_head_with_data_kept(fixture_copy) -> None:
    path = fixture_copy(2)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.backup_path is None if SCHEMA_VERSION == 2 else store.backup_path
        repo = Repositories.of(store)
        _assert_v1_data(repo)
        assert repo.scores.item_scores(2567) == {
            "O12": Decimal(0),
            "e3": Decimal(100),
            "i1": Decimal("86.92"),
        }
        assert repo.frameworks.framework_overrides() == {
            2568: {"format": "itadesk-framework/1", "fiscal_year": 2568, "note": "ปีใหม่"}
        }
        assert repo.settings.get_setting("signer_id") == 1
        assert repo.settings.get_setting("recent") == ["ตราด", 2567]
        _assert_no_plans(repo)
        _assert_no_tracking(repo)
        _assert_tracking_works(repo)


def test_fixture_v3_opens_and_round_trips(fixture_copy) -> None:
    path = fixture_copy(3)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        repo = Repositories.of(store)
        _assert_v1_data(repo)
        assert repo.analysis.analysis(2567) == V3_ANALYSIS
        assert repo.measures.measures(2568) == V3_MEASURES
        assert repo.years.plan_years() == [2568]
        assert repo.measures.step_ids(7) == [11, 12]
        assert repo.measures.step_ids(3) == [5]
        assert repo.memos.comment_chain() == V3_CHAIN
        assert repo.memos.memo_settings(2567, "analysis") == V3_MEMO
        # 0004 made every existing step row a live step, and nothing is tracked yet.
        assert store.db.execute(
            "SELECT id, kind, deleted_at FROM measure_steps ORDER BY id"
        ).fetchall() == [(5, "step", None), (11, "step", None), (12, "step", None)]
        assert store.db.execute("SELECT deleted_at FROM measures").fetchall() == [(None,)] * 2
        assert repo.measures.output_ids(7) == []
        assert [item.id for item in repo.tracking.check_items(7)] == [11, 12]
        _assert_no_tracking(repo)
        # Writing back what was read changes nothing the domain can see, ids included.
        repo.analysis.save_analysis(V3_ANALYSIS)
        for measure in V3_MEASURES:
            repo.measures.update_measure(measure)
        repo.memos.save_comment_chain(V3_CHAIN)
        repo.memos.save_memo_settings(V3_MEMO)
    with open_store(path) as store:
        repo = Repositories.of(store)
        assert repo.analysis.analysis(2567) == V3_ANALYSIS
        assert repo.measures.measures(2568) == V3_MEASURES
        assert repo.measures.step_ids(7) == [11, 12]
        assert repo.memos.comment_chain() == V3_CHAIN
        assert repo.memos.memo_settings(2567, "analysis") == V3_MEMO
        # A new measure never takes an id the fixture used.
        assert repo.measures.add_measure(Measure(2568, "ใหม่")).id == 8
        _assert_tracking_works(repo)


# What _sample_v4 added: outputs and a removed (ticked) step under measure 7, a deleted
# measure 9 with a ticked step and evidence, progress, evidence, a result and snapshots.
V4_STAMP = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
V4_OUTPUTS = ("เว็บไซต์มีข้อมูลครบ ๓๓ รายการ", "ประชาชนเข้าถึงข้อมูลได้สะดวก")
V4_MEASURES = [replace(V3_MEASURES[0], expected_outputs=V4_OUTPUTS), V3_MEASURES[1]]
V4_DELETED = Measure(
    2568, "มาตรการอบรมจริยธรรม", indicators=(3,), steps=("จัดอบรมเจ้าหน้าที่",), unit="กองช่าง", id=9
)
V4_PLAN_FILE = Evidence("file", "2568/7/แผนเผยแพร่.pdf", "แผนเผยแพร่.pdf", 20480, V4_STAMP, 1)
V4_PLAN_LINK = Evidence("link", "https://example.go.th/plan", "หน้าเว็บแผน", None, V4_STAMP, 2)
V4_ITEMS = {
    7: [
        CheckItem(
            7,
            "step",
            "จัดทำแผนเผยแพร่ข้อมูล",
            0,
            "done",
            date(2024, 11, 1),
            "ประชุมแล้ว",
            evidence=(V4_PLAN_FILE, V4_PLAN_LINK),
            id=11,
        ),
        # Its only evidence (3) was removed: hidden, but the row and the file stay.
        CheckItem(7, "step", "ปรับปรุงเว็บไซต์", 1, "in_progress", id=12),
        CheckItem(7, "output", V4_OUTPUTS[0], 0, "cannot", reason="งบประมาณไม่พอ", id=14),
        CheckItem(7, "output", V4_OUTPUTS[1], 1, id=15),
    ],
    3: [CheckItem(3, "step", "ประกาศนโยบาย No Gift Policy", 0, id=5)],
}


def test_fixture_v4_opens_with_tracking_kept(fixture_copy) -> None:
    path = fixture_copy(4)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        repo = Repositories.of(store)
        _assert_v1_data(repo)
        assert repo.measures.measures(2568) == V4_MEASURES
        assert repo.measures.step_ids(7) == [11, 12] and repo.measures.output_ids(7) == [14, 15]
        assert repo.measures.deleted_measures(2568) == [V4_DELETED]
        assert repo.measures.measure(9) is None and repo.tracking.check_items(9) == []
        items = repo.tracking.check_items_for_year(2568)
        assert items == V4_ITEMS and list(items) == [7, 3]
        assert repo.tracking.check_items(7) == V4_ITEMS[7]
        assert repo.tracking.measure_result(7) == MeasureResult(
            7, "ปรับปรุงเว็บไซต์แล้ว", "ประชาชนเข้าถึงข้อมูลมากขึ้น"
        )
        assert repo.tracking.measure_result(3) == MeasureResult(3)
        assert [(s.id, s.months, s.content) for s in repo.tracking.snapshots(2568)] == [
            (1, 6, {"round": 6, "version": 1}),
            (2, 6, {"round": 6, "version": 2}),
        ]
        latest = repo.tracking.latest_snapshot(2568, 6)
        assert latest is not None and latest.id == 2
        assert latest.taken_at == datetime(2025, 4, 2, 9, 0, tzinfo=UTC)
        assert repo.tracking.latest_snapshot(2568, 12) is None
        assert repo.tracking.snapshots(2567)[0].content == {"round": 12, "measures": []}
        # Files of removed evidence and of a deleted measure still count as in use.
        assert repo.tracking.all_evidence_files() == [
            "2568/7/ภาพเก่า.jpg",
            "2568/7/แผนเผยแพร่.pdf",
            "2568/9/อบรม.pdf",
        ]
        assert all(
            repo.tracking.evidence_in_use(value) for value in repo.tracking.all_evidence_files()
        )
        assert not repo.tracking.evidence_in_use("https://example.go.th/plan")  # a link, not a file

        # Undo of the step removal revives row 13 with its tick; undo of the measure's
        # deletion brings back its step, tick and evidence.
        steps = (*V3_MEASURES[0].steps, "ประชาสัมพันธ์ทางหอกระจายข่าว")
        repo.measures.update_measure(replace(V4_MEASURES[0], steps=steps))
        assert repo.measures.step_ids(7) == [11, 12, 13]
        revived = repo.tracking.check_items(7)[2]
        assert (revived.id, revived.state, revived.done_date) == (13, "done", date(2024, 10, 15))
        assert repo.measures.restore_measure(V4_DELETED, 2) == V4_DELETED
        (trained,) = repo.tracking.check_items(9)
        assert (trained.id, trained.state) == (16, "done")
        assert [e.value for e in trained.evidence] == ["2568/9/อบรม.pdf"]
        assert repo.measures.deleted_measures(2568) == []
        # New rows never take an id the fixture used.
        assert repo.measures.add_measure(Measure(2568, "ใหม่", steps=("ก",))).id == 10
        assert repo.measures.step_ids(10) == [17]
        assert repo.tracking.add_evidence(17, Evidence("link", "https://x.go.th")).id == 5
        assert repo.tracking.add_snapshot(2568, 12, {}).id == 4


def _file_before(step: str, path: Path) -> Path:
    """A file as the release before ``step`` wrote it (the steps up to it, no rows)."""
    db = Database(path, execute_plugins=False)
    try:
        db.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
        MIGRATIONS.apply(db, stop_before=step)
        db.execute(f"PRAGMA user_version = {migration_names().index(step)}")
    finally:
        db.close()
    return path


def _insert_people(path: Path, rows: list[tuple[str, str, str]]) -> None:
    """(name, position, acting title) rows in this order, with the columns of schema v4."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            for order, (name, position, acting) in enumerate(rows):
                conn.execute(
                    "INSERT INTO people (rank_prefix, full_name, position, acting_position,"
                    " position_order) VALUES ('', ?, ?, ?, ?)",
                    (name, position, acting, order),
                )
    finally:
        conn.close()


def test_0005_infers_each_persons_role_from_the_position(tmp_path: Path) -> None:
    # Typed top-down, as the office page let a clerk do before roles existed.
    path = _file_before("0005_person_roles", tmp_path / "v4.sqlite3")
    _insert_people(
        path,
        [
            ("ประเสริฐ มั่นคง", "นายกองค์การบริหารส่วนตำบลบ้านนา", ""),
            ("วิภาวรรณ รักษ์ธรรม", " ปลัดองค์การบริหารส่วนตำบลบ้านนา", "ปฏิบัติหน้าที่นายก"),
            ("สมชาย ใจดี", "หัวหน้าสำนักปลัด", ""),
            ("สมศรี คงดี", "ผู้อำนวยการกองคลัง", ""),
            ("สมหมาย รองงาน", "รองปลัดองค์การบริหารส่วนตำบล", ""),
            ("สมหญิง ตั้งใจงาน", "นักทรัพยากรบุคคลชำนาญการ", ""),
        ],
    )
    with open_store(path) as store:
        people = Repositories.of(store).office.get_office().people
    assert [(p.id, p.full_name, p.role) for p in people] == [
        (1, "ประเสริฐ มั่นคง", Role.NAYOK),
        (2, "วิภาวรรณ รักษ์ธรรม", Role.PALAT),
        (3, "สมชาย ใจดี", Role.UNIT_HEAD),
        (4, "สมศรี คงดี", Role.UNIT_HEAD),
        (5, "สมหมาย รองงาน", Role.OTHER),  # รองปลัด does not start with ปลัด
        # Not the first person: the old program never signed with them, so no author.
        (6, "สมหญิง ตั้งใจงาน", Role.OTHER),
    ]
    assert people[1].acting_position == "ปฏิบัติหน้าที่นายก"


def test_0005_keeps_the_old_signer_as_the_author(tmp_path: Path) -> None:
    # Before roles the first person signed every memo; with no role of their own they stay
    # the one who signs. A first person who has one (the นายก) is not made the author.
    path = _file_before("0005_person_roles", tmp_path / "v4.sqlite3")
    _insert_people(
        path,
        [
            ("สมหญิง ตั้งใจงาน", "นักทรัพยากรบุคคลชำนาญการ", ""),
            ("สมศักดิ์ ช่วยงาน", "นักจัดการงานทั่วไป", ""),
            ("สมชาย ใจดี", "ปลัดองค์การบริหารส่วนตำบล", ""),
        ],
    )
    with open_store(path) as store:
        people = Repositories.of(store).office.get_office().people
    assert [p.role for p in people] == [Role.AUTHOR, Role.OTHER, Role.PALAT]


def test_fixture_v5_roles_round_trip(fixture_copy) -> None:
    path = fixture_copy(5)
    with open_store(path) as store:
        repo = Repositories.of(store)
        _assert_v1_data(repo)
        assert store.db.execute("SELECT role FROM people ORDER BY id").fetchall() == [
            ("palat",),
            ("unit_head",),
        ]
        office = repo.office.get_office()
        edited = replace(
            office,
            people=(
                replace(office.people[0], role=Role.NAYOK),
                replace(office.people[1], role=Role.AUTHOR),
                Person("สมศรี คงดี", "ผู้อำนวยการกองคลัง", role=Role.UNIT_HEAD),
            ),
        )
        saved = repo.office.save_office(edited)
        assert [(p.id, p.role) for p in saved.people] == [
            (1, Role.NAYOK),
            (2, Role.AUTHOR),
            (3, Role.UNIT_HEAD),
        ]
        # The table itself refuses a role no release knows.
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute("UPDATE people SET role = 'mayor' WHERE id = 1")
    with open_store(path) as store:
        assert Repositories.of(store).office.get_office() == saved


def test_fixture_v5_people_get_the_name_spacing_rule(fixture_copy) -> None:
    """0006 gives everyone already typed the rule (joined นาย/นาง/นางสาว, spaced ranks)."""
    with open_store(fixture_copy(5)) as store:
        people = Repositories.of(store).office.get_office().people
        assert [p.name_spacing for p in people] == [NameSpacing.AUTO, NameSpacing.AUTO]
        assert people[0].display_name == "พ.จ.อ. สมชาย ใจดี"


def test_fixture_v6_name_spacing_round_trip(fixture_copy) -> None:
    path = fixture_copy(6)
    with open_store(path) as store:
        repo = Repositories.of(store)
        _assert_v1_data(repo)
        office = repo.office.get_office()
        edited = replace(
            office,
            people=(
                office.people[0],
                replace(office.people[1], rank_prefix="นาง", name_spacing=NameSpacing.SPACED),
                Person("สกุลรัตน์ นุชผักแว่น", "นักวิชาการ", rank_prefix="นางสาว"),
            ),
        )
        saved = repo.office.save_office(edited)
        assert [p.display_name for p in saved.people] == [
            "พ.จ.อ. สมชาย ใจดี",
            "นาง สมหญิง รักงาน",  # the clerk's override for this person
            "นางสาวสกุลรัตน์ นุชผักแว่น",
        ]
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute("UPDATE people SET name_spacing = 'wide' WHERE id = 1")
    with open_store(path) as store:
        assert Repositories.of(store).office.get_office() == saved


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_migrated_schema_equals_a_fresh_one(fixture_copy, tmp_path: Path, version: int) -> None:
    old = fixture_copy(version)
    with open_store(old):
        pass
    fresh = tmp_path / "fresh.sqlite3"
    with open_store(fresh):
        pass
    assert _table_schemas(old) == _table_schemas(fresh)


def _copy_of_migrations(*extra) -> Migrations:
    """The real steps (same names, same functions) followed by ``extra`` (name, function)."""
    copy = Migrations(MIGRATIONS.name)
    for step in MIGRATIONS.pending(Database(memory=True)):
        copy(name=step.name)(step.fn)
    for name, fn in extra:
        copy(name=name)(fn)
    return copy


def _broken_step(db: Database) -> None:
    db.execute("CREATE TABLE half_done (x INTEGER)")
    db.execute("UPDATE office SET name = 'ถูกแก้ครึ่งทาง'")
    db.execute("DELETE FROM indicator_scores")
    raise RuntimeError("step failed halfway")


def test_failing_step_rolls_back_leaving_the_database_as_before(
    fixture_copy, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fixture_copy(SCHEMA_VERSION)
    before = dump(path)
    monkeypatch.setattr(
        migrations, "MIGRATIONS", _copy_of_migrations(("9999_broken", _broken_step))
    )
    with pytest.raises(RuntimeError, match="halfway"):
        open_store(path)
    assert dump(path) == before  # no half_done table, office name and scores intact
    assert pragma(path, "user_version") == SCHEMA_VERSION
    backups = list((path.parent / "backups").iterdir())
    assert len(backups) == 1 and "-before-9999_broken-" in backups[0].name
    assert dump(backups[0]) == before

    monkeypatch.undo()
    with open_store(path) as store:  # lock released; the real head still opens
        _assert_v1_data(Repositories.of(store))


def test_steps_before_the_failing_one_stay_applied(
    fixture_copy, monkeypatch: pytest.MonkeyPatch
) -> None:
    # v1 file, head steps plus a broken one: 0002… commit, the broken step does not.
    path = fixture_copy(1)
    head = migration_names()
    monkeypatch.setattr(
        migrations, "MIGRATIONS", _copy_of_migrations(("9999_broken", _broken_step))
    )
    with pytest.raises(RuntimeError):
        open_store(path)
    assert pragma(path, "user_version") == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        office_name = conn.execute("SELECT name FROM office").fetchone()[0]
    finally:
        conn.close()
    assert names == head
    assert "item_scores" in tables and "half_done" not in tables
    assert office_name == V1_OFFICE.name


def test_failing_first_pending_step_leaves_old_schema(
    fixture_copy, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fixture_copy(1)
    before = dump(path)

    def broken_0002(db: Database) -> None:
        db.execute("CREATE TABLE item_scores (x)")
        raise sqlite3.IntegrityError("simulated failure")

    broken = Migrations(MIGRATIONS.name)
    first = MIGRATIONS.pending(Database(memory=True))[0]
    broken(name=first.name)(first.fn)
    broken(name="0002_items_frameworks_settings")(broken_0002)
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.IntegrityError):
        open_store(path)
    assert dump(path) == before
    assert pragma(path, "user_version") == 1


def test_fixture_v6_gets_an_empty_record_of_produced_documents(fixture_copy) -> None:
    """0007 adds where and when documents left the program; nothing is made up for the past."""
    with open_store(fixture_copy(6)) as store:
        repo = Repositories.of(store)
        _assert_v1_data(repo)
        assert repo.produced.history(2567) == []
        assert repo.produced.latest(2567, ("memo",)) is None


def test_fixture_v7_produced_documents_round_trip(fixture_copy) -> None:
    from itadesk.domain.road import ProducedHow

    path = fixture_copy(7)
    with open_store(path) as store:
        repo = Repositories.of(store)
        _assert_v1_data(repo)
        [memo] = repo.produced.history(2567)
        assert (memo.kind, memo.how, memo.target) == ("memo", ProducedHow.PDF, "/tmp/memo-2567.pdf")
        repo.produced.add(2568, "results", ProducedHow.PRINTED, "", 6)
        assert repo.produced.latest(2568, ("results",), 6).how == ProducedHow.PRINTED
        assert repo.produced.latest(2568, ("results",), 12) is None
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute(
                "INSERT INTO produced_documents (fiscal_year, kind, how, produced_at)"
                " VALUES (2568, 'memo', 'faxed', '2025-01-01')"
            )
