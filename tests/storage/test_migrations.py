"""Migrations: named append-only steps; old fixture files reach the head with data kept; a
failing step rolls back."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations
from storage_helpers import FIXTURE_DIR, dump, pragma

from itadesk.domain.analysis import Analysis, AnalysisSection, SectionKey
from itadesk.domain.measures import Measure, Timeline
from itadesk.domain.memo import CommentStep, MemoSettings
from itadesk.domain.office import OfficeProfile, Person, Unit
from itadesk.storage import migrations
from itadesk.storage.database import open_store
from itadesk.storage.migrations import MIGRATIONS, SCHEMA_VERSION, migration_names
from itadesk.storage.repository import Repository

# What make_fixtures.py put in every fixture (hard-coded: the files are frozen history).
V1_OFFICE = OfficeProfile(
    name="องค์การบริหารส่วนตำบลบ้านนา",
    kind="องค์การบริหารส่วนตำบล",
    district="เมือง",
    province="ตราด",
    phone="0 3951 1234",
    doc_prefix="ตร 71501",
    units=(Unit("สำนักปลัด", 1), Unit("กองคลัง", 2), Unit("กองช่าง", 3)),
    people=(
        Person("สมชาย ใจดี", "ปลัดองค์การบริหารส่วนตำบล", "พ.จ.อ.", "", 1),
        Person("สมหญิง รักงาน", "หัวหน้าสำนักปลัด", "", "รองปลัดองค์การบริหารส่วนตำบล", 2),
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


def _assert_no_plans(repo: Repository) -> None:
    """The tables of 0003 exist and are empty (a file from before 0003)."""
    assert repo.analysis(2567) == Analysis(2567)
    assert repo.plan_years() == []
    assert repo.measures(2568) == []
    assert repo.comment_chain() == []
    assert repo.memo_settings(2567, "analysis") == MemoSettings(2567, "analysis")


def _assert_v1_data(repo: Repository) -> None:
    assert repo.get_office() == V1_OFFICE
    assert repo.indicator_scores(2566) == V1_SCORES_2566
    assert repo.indicator_scores(2567) == {1: Decimal("0.01"), 2: Decimal(0)}
    assert repo.official_total(2566) == Decimal("86.92")
    assert repo.official_total(2567) is None
    assert repo.fiscal_years() == [2566, 2567]


def test_steps_are_explicitly_named_and_numbered() -> None:
    names = migration_names()
    assert names[:3] == [
        "0001_initial",
        "0002_items_frameworks_settings",
        "0003_analysis_measures_memos",
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
        repo = Repository(store)
        _assert_v1_data(repo)
        assert repo.item_scores(2567) == {}
        assert repo.framework_overrides() == {}
        assert repo.get_setting("signer_id") is None
        _assert_no_plans(repo)
        # The new tables work after the migration.
        repo.set_item_score(2567, "O12", Decimal("86.92"))
        assert repo.item_scores(2567) == {"O12": Decimal("86.92")}
        saved = repo.add_measure(Measure(2568, "มาตรการใหม่", steps=("ขั้นแรก",)))
        assert repo.measures(2568) == [saved]
        repo.save_comment_chain([CommentStep("ความเห็นของปลัด", 1)])
        assert repo.comment_chain()[0].person_id == 1
    assert pragma(path, "user_version") == SCHEMA_VERSION


def test_fixture_v2_opens_at_head_with_data_kept(fixture_copy) -> None:
    path = fixture_copy(2)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.backup_path is None if SCHEMA_VERSION == 2 else store.backup_path
        repo = Repository(store)
        _assert_v1_data(repo)
        assert repo.item_scores(2567) == {
            "O12": Decimal(0),
            "e3": Decimal(100),
            "i1": Decimal("86.92"),
        }
        assert repo.framework_overrides() == {
            2568: {"format": "itadesk-framework/1", "fiscal_year": 2568, "note": "ปีใหม่"}
        }
        assert repo.get_setting("signer_id") == 1
        assert repo.get_setting("recent") == ["ตราด", 2567]
        _assert_no_plans(repo)


def test_fixture_v3_opens_and_round_trips(fixture_copy) -> None:
    path = fixture_copy(3)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        repo = Repository(store)
        _assert_v1_data(repo)
        assert repo.analysis(2567) == V3_ANALYSIS
        assert repo.measures(2568) == V3_MEASURES
        assert repo.plan_years() == [2568]
        assert repo.step_ids(7) == [11, 12]
        assert repo.step_ids(3) == [5]
        assert repo.comment_chain() == V3_CHAIN
        assert repo.memo_settings(2567, "analysis") == V3_MEMO
        # Writing back what was read changes nothing the domain can see, ids included.
        repo.save_analysis(V3_ANALYSIS)
        for measure in V3_MEASURES:
            repo.update_measure(measure)
        repo.save_comment_chain(V3_CHAIN)
        repo.save_memo_settings(V3_MEMO)
    with open_store(path) as store:
        repo = Repository(store)
        assert repo.analysis(2567) == V3_ANALYSIS
        assert repo.measures(2568) == V3_MEASURES
        assert repo.step_ids(7) == [11, 12]
        assert repo.comment_chain() == V3_CHAIN
        assert repo.memo_settings(2567, "analysis") == V3_MEMO
        # A new measure never takes an id the fixture used.
        assert repo.add_measure(Measure(2568, "ใหม่")).id == 8


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
        _assert_v1_data(Repository(store))


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
