"""Repository for the analysis, the measures (with their steps), the comment chain and the
memo settings (migration 0003): exact round trips through a reopened file, ordering, stable
ids and the constraints that guard the rows. Soft delete and tracking: test_tracking.py."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from itadesk.domain.analysis import SUMMARY, Analysis, AnalysisSection, SectionKey
from itadesk.domain.measures import Measure, Timeline, TimelineKind
from itadesk.domain.memo import MEMO_KINDS, CommentStep, MemoSettings
from itadesk.domain.office import OfficeProfile, Person
from itadesk.errors import StorageError
from itadesk.storage.database import Store, open_store
from itadesk.storage.repositories import Repositories

TIMELINES = {
    TimelineKind.WHOLE_YEAR: Timeline(),
    TimelineKind.QUARTERS: Timeline(TimelineKind.QUARTERS, first_quarter=2, last_quarter=3),
    TimelineKind.MONTHS: Timeline(TimelineKind.MONTHS, start_month=(2568, 10), end_month=(2569, 3)),
    TimelineKind.DATES: Timeline(
        TimelineKind.DATES, start_date=date(2025, 10, 1), end_date=date(2026, 1, 31)
    ),
}

MEASURE = Measure(
    plan_year=2569,
    title="มาตรการส่งเสริมการเปิดเผยข้อมูลสาธารณะ “ทันเวลา”",
    indicators=(9, 10),
    themes=(1, 7),
    oit_items=("O1", "O12", "o33"),
    rationale="ผลการประเมินตัวชี้วัดที่ ๙ ต่ำกว่าร้อยละ ๘๕\nต้องเร่งแก้ไข",
    steps=("แต่งตั้งผู้รับผิดชอบ", "จัดทำแผน ๑) รายเดือน", "ติดตามผลทุกไตรมาส"),
    timeline=TIMELINES[TimelineKind.MONTHS],
    unit="สำนักปลัด",
    follow_up="ปลัดองค์การบริหารส่วนตำบลกำกับติดตาม",
    reporting="รายงานนายกฯ ภายในวันที่ ๓๐ กันยายน",
    catalogue_key="open_data",
)

PEOPLE = (
    Person("สมชาย ใจดี", "ปลัดองค์การบริหารส่วนตำบล", rank_prefix="พ.จ.อ."),
    Person("สมหญิง รักงาน", "หัวหน้าสำนักปลัด"),
    Person("สมศักดิ์ มั่นคง", "นายกองค์การบริหารส่วนตำบล"),
)


def _measure(title: str, plan_year: int = 2569, steps: tuple[str, ...] = ()) -> Measure:
    return Measure(plan_year=plan_year, title=title, steps=steps)


def _titles(repo: Repositories, plan_year: int = 2569) -> list[str]:
    return [measure.title for measure in repo.measures.measures(plan_year)]


def _positions(store: Store, plan_year: int = 2569, *, deleted: bool = False) -> list[int]:
    """Stored positions of the year's live measures (and of deleted ones if ``deleted``)."""
    live = "" if deleted else " AND deleted_at IS NULL"
    return [
        row[0]
        for row in store.db.execute(
            f"SELECT position FROM measures WHERE plan_year = ?{live} ORDER BY position",
            [plan_year],
        )
    ]


def _count(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# --------------------------------------------------------------------------- analysis


def test_analysis_round_trips_in_document_order(db_path: Path) -> None:
    sections = (
        AnalysisSection(SectionKey(None, SUMMARY), "สรุป: ภาพรวม ๘๖.๙๒ คะแนน", "สรุป (ร่าง)"),
        AnalysisSection(SectionKey(10, "finding"), "ตัวชี้วัดที่ ๑๐ …", "ตัวชี้วัดที่ ๑๐ …"),
        AnalysisSection(SectionKey(2, "guidance"), "แนวทาง", ""),
        AnalysisSection(SectionKey(2, "finding"), "ผลการวิเคราะห์\nบรรทัดที่สอง", "ร่าง"),
        AnalysisSection(SectionKey(2, "weaknesses"), "", "ข้อบกพร่องที่ร่างไว้"),
    )
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert repo.analysis.analysis(2568) == Analysis(2568)
        repo.analysis.save_analysis(Analysis(2568, sections))
        repo.analysis.save_analysis(Analysis(2567, (sections[2],)))
        # The summary is stored as indicator 0.
        assert store.db.execute(
            "SELECT indicator FROM analysis_sections WHERE field = 'summary'"
        ).fetchall() == [(0,)]
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        read = repo.analysis.analysis(2568)
        assert set(read.sections) == set(sections)
        assert [(s.key.indicator, s.key.field) for s in read.sections] == [
            (2, "finding"),
            (2, "weaknesses"),
            (2, "guidance"),
            (10, "finding"),
            (None, SUMMARY),
        ]
        summary = read.get(None, SUMMARY)
        assert summary is not None and summary.edited
        assert summary.text == "สรุป: ภาพรวม ๘๖.๙๒ คะแนน"
        assert repo.analysis.analysis(2567) == Analysis(2567, (sections[2],))


def test_save_analysis_replaces_the_year_only(db_path: Path) -> None:
    first = AnalysisSection(SectionKey(1, "finding"), "หนึ่ง", "หนึ่ง")
    second = AnalysisSection(SectionKey(1, "weaknesses"), "สอง", "")
    other_year = AnalysisSection(SectionKey(1, "finding"), "ปีก่อน", "")
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.analysis.save_analysis(Analysis(2567, (other_year,)))
        repo.analysis.save_analysis(Analysis(2568, (first, second)))
        changed = replace(second, text="สองที่แก้แล้ว")
        repo.analysis.save_analysis(Analysis(2568, (changed,)))
        assert repo.analysis.analysis(2568) == Analysis(2568, (changed,))
        assert repo.analysis.analysis(2567) == Analysis(2567, (other_year,))
        repo.analysis.save_analysis(Analysis(2568))
        assert repo.analysis.analysis(2568) == Analysis(2568)
        assert repo.analysis.analysis(2567) == Analysis(2567, (other_year,))


def test_save_analysis_section_upserts_one(db_path: Path) -> None:
    finding = AnalysisSection(SectionKey(3, "finding"), "ร่าง", "ร่าง")
    summary = AnalysisSection(SectionKey(None, SUMMARY), "สรุป", "สรุป")
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.analysis.save_analysis_section(2568, finding)
        repo.analysis.save_analysis_section(2568, summary)
        store.db.execute("UPDATE analysis_sections SET updated_at = 'before'")
        repo.analysis.save_analysis_section(2568, summary)  # unchanged: keeps its time stamp
        edited = replace(finding, text="เจ้าหน้าที่แก้ไข")
        repo.analysis.save_analysis_section(2568, edited)
        assert repo.analysis.analysis(2568) == Analysis(2568, (edited, summary))
        stamps = dict(
            store.db.execute(
                "SELECT field, updated_at FROM analysis_sections WHERE fiscal_year = 2568"
            ).fetchall()
        )
        assert stamps[SUMMARY] == "before"
        assert stamps["finding"] != "before"
        assert _count(store, "analysis_sections") == 2


def test_analysis_refuses_indicator_zero_and_writes_nothing(db_path: Path) -> None:
    good = AnalysisSection(SectionKey(1, "finding"), "ก", "ก")
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.analysis.save_analysis(Analysis(2568, (good,)))
        # Indicator 0 would be read back as the summary.
        bad = AnalysisSection(SectionKey(0, "finding"), "ข", "")
        with pytest.raises(ValueError):
            repo.analysis.save_analysis(Analysis(2568, (bad,)))
        with pytest.raises(ValueError):
            repo.analysis.save_analysis_section(2568, bad)
        assert repo.analysis.analysis(2568) == Analysis(2568, (good,))
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute(
                "INSERT INTO analysis_sections VALUES (2568, -1, 'finding', '', '', 'now')"
            )


# --------------------------------------------------------------------------- measures


@pytest.mark.parametrize("kind", list(TIMELINES))
def test_measure_round_trips_every_field_and_timeline(db_path: Path, kind: str) -> None:
    measure = replace(MEASURE, timeline=TIMELINES[kind])
    with open_store(db_path) as store:
        saved = Repositories.of(store).measures.add_measure(measure)
        assert saved.id is not None
        assert saved == replace(measure, id=saved.id)
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert repo.measures.measures(2569) == [saved]
        assert repo.measures.measure(saved.id) == saved
        assert repo.years.plan_years() == [2569]
        read = repo.measures.measures(2569)[0]
        assert isinstance(read.indicators, tuple) and isinstance(read.steps, tuple)
        assert read.timeline == TIMELINES[kind]


def test_measure_with_empty_lists_and_no_catalogue_key(db_path: Path) -> None:
    bare = Measure(plan_year=2570, title="มาตรการเปล่า")
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(bare)
        assert saved == replace(bare, id=saved.id)
        assert repo.measures.step_ids(saved.id or 0) == []
        raw = store.db.execute("SELECT indicators, themes, oit_items FROM measures").fetchone()
        assert raw == ("[]", "[]", "[]")


def test_timeline_json_is_readable(db_path: Path) -> None:
    with open_store(db_path) as store:
        Repositories.of(store).measures.add_measure(
            replace(MEASURE, timeline=TIMELINES[TimelineKind.DATES])
        )
        raw = store.db.execute(
            "SELECT json_extract(timeline, '$.kind'), json_extract(timeline, '$.start_date'),"
            " json(json_extract(timeline, '$.start_month')) FROM measures"
        ).fetchone()
        assert raw == ("dates", "2025-10-01", None)
        Repositories.of(store).measures.add_measure(
            replace(MEASURE, timeline=TIMELINES[TimelineKind.MONTHS])
        )
        assert store.db.execute(
            "SELECT json_extract(timeline, '$.end_month') FROM measures ORDER BY id DESC"
        ).fetchone() == ("[2569,3]",)


def test_timeline_with_missing_keys_reads_as_defaults(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(MEASURE)
        store.db.execute('UPDATE measures SET timeline = \'{"kind": "quarters"}\'')
        assert repo.measures.measure(saved.id or 0) == replace(
            saved, timeline=Timeline(TimelineKind.QUARTERS)
        )


def test_add_appends_or_inserts_and_keeps_positions_contiguous(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        a = repo.measures.add_measure(_measure("ก"))
        b = repo.measures.add_measure(_measure("ข"))
        c = repo.measures.add_measure(_measure("ค"), 0)
        d = repo.measures.add_measure(_measure("ง"), 2)
        e = repo.measures.add_measure(_measure("จ"), 99)  # past the end: last
        repo.measures.add_measure(_measure("อื่น", plan_year=2570), 0)
        assert _titles(repo) == ["ค", "ก", "ง", "ข", "จ"]
        assert [m.id for m in repo.measures.measures(2569)] == [
            c.id,
            a.id,
            d.id,
            b.id,
            e.id,
        ]
        assert _positions(store) == [0, 1, 2, 3, 4]
        assert _positions(store, 2570) == [0]
        assert repo.years.plan_years() == [2569, 2570]
        with pytest.raises(ValueError):
            repo.measures.add_measure(_measure("ลบ"), -1)
        assert len(repo.measures.measures(2569)) == 5


def test_add_gives_a_new_id_even_when_one_is_given(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        first = repo.measures.add_measure(MEASURE)
        copy = repo.measures.add_measure(first)
        assert copy.id != first.id
        assert copy == replace(first, id=copy.id)
        assert repo.measures.step_ids(copy.id or 0) != repo.measures.step_ids(first.id or 0)


def test_update_saves_fields_and_keeps_step_ids(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(MEASURE)
        measure_id = saved.id or 0
        one, two, three = repo.measures.step_ids(measure_id)

        # Fields change, steps untouched: every step keeps its id.
        edited = replace(
            saved,
            title="ชื่อใหม่",
            indicators=(1,),
            themes=(),
            oit_items=("O5",),
            timeline=TIMELINES[TimelineKind.QUARTERS],
            unit="กองคลัง",
            catalogue_key=None,
        )
        assert repo.measures.update_measure(edited) == edited
        assert repo.measures.step_ids(measure_id) == [one, two, three]

        # A step inserted at the front: the others move down but keep their ids.
        steps = ("ขั้นใหม่", *edited.steps)
        repo.measures.update_measure(replace(edited, steps=steps))
        ids = repo.measures.step_ids(measure_id)
        assert ids[1:] == [one, two, three] and ids[0] not in (one, two, three)
        new_front = ids[0]

        # Reordered and one reworded: matched by text; the reworded step takes the row left
        # over at its position (a wording fix keeps its id, and so its tick).
        steps = (MEASURE.steps[2], MEASURE.steps[0], "ขั้นที่เขียนใหม่", "ขั้นใหม่")
        repo.measures.update_measure(replace(edited, steps=steps))
        assert repo.measures.step_ids(measure_id) == [three, one, two, new_front]
        assert repo.measures.measures(2569)[0].steps == steps

        # A removed step's row is only hidden (soft-deleted), never removed.
        repo.measures.update_measure(replace(edited, steps=(MEASURE.steps[0],)))
        assert repo.measures.step_ids(measure_id) == [one]
        assert _count(store, "measure_steps") == 4
        assert _count(store, "measure_steps WHERE deleted_at IS NULL") == 1
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert repo.measures.measures(2569) == [replace(edited, steps=(MEASURE.steps[0],))]
        assert repo.measures.step_ids(measure_id) == [one]


def test_update_with_repeated_step_texts_prefers_the_same_position(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(replace(MEASURE, steps=("ประชุม", "รายงาน", "ประชุม")))
        first, report, second = repo.measures.step_ids(saved.id or 0)
        repo.measures.update_measure(replace(saved, steps=("ประชุม", "ประชุม", "รายงาน")))
        # Position 0 still "ประชุม" → same row; the other "ประชุม" takes the row left over.
        assert repo.measures.step_ids(saved.id or 0) == [first, second, report]


def test_update_to_another_plan_year_moves_it_to_the_end(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        a, b, c = (repo.measures.add_measure(_measure(t)) for t in ("ก", "ข", "ค"))
        x = repo.measures.add_measure(_measure("ง", plan_year=2570))
        moved = repo.measures.update_measure(replace(a, plan_year=2570))
        assert moved.plan_year == 2570 and moved.id == a.id
        assert _titles(repo) == ["ข", "ค"]
        assert [m.id for m in repo.measures.measures(2570)] == [x.id, a.id]
        assert _positions(store) == [0, 1]
        assert _positions(store, 2570) == [0, 1]
        assert {b.id, c.id} == {m.id for m in repo.measures.measures(2569)}


def test_update_of_a_missing_or_unsaved_measure(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        with pytest.raises(ValueError):
            repo.measures.update_measure(MEASURE)  # never saved: no id
        with pytest.raises(StorageError) as caught:
            repo.measures.update_measure(replace(MEASURE, id=42))
        assert "ไม่พบมาตรการ" in caught.value.message
        assert MEASURE.title in caught.value.message
        assert repo.measures.measures(2569) == []


def test_delete_is_soft_and_closes_the_gap(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        a = repo.measures.add_measure(_measure("ก", steps=("๑", "๒")))
        b = repo.measures.add_measure(_measure("ข", steps=("๓",)))
        c = repo.measures.add_measure(_measure("ค"))
        repo.measures.delete_measure(b.id or 0)
        assert _titles(repo) == ["ก", "ค"]
        assert _positions(store) == [0, 1]
        assert _positions(store, deleted=True) == [0, 1, 1]  # b keeps the place it had
        assert repo.measures.measure(b.id or 0) is None
        assert repo.measures.step_ids(b.id or 0) == []
        # The rows stay: the measure is marked deleted, its steps are untouched.
        assert store.db.execute(
            "SELECT position, deleted_at IS NOT NULL FROM measures WHERE id = ?", [b.id]
        ).fetchall() == [(1, 1)]
        assert _count(store, "measure_steps WHERE deleted_at IS NULL") == 3
        repo.measures.delete_measure(b.id or 0)  # already deleted: harmless
        repo.measures.delete_measure(999)  # unknown: harmless
        repo.measures.delete_measure(a.id or 0)
        repo.measures.delete_measure(c.id or 0)
        assert repo.years.plan_years() == []
        assert repo.measures.measures(2569) == []
        assert _count(store, "measures") == 3
        assert _count(store, "measure_steps") == 3
        assert {m.id for m in repo.measures.deleted_measures(2569)} == {a.id, b.id, c.id}


def test_restore_puts_back_the_original_id_and_position(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        a, b, c = (repo.measures.add_measure(_measure(t, steps=(f"ขั้น{t}",))) for t in "กขค")
        # What undo remembers before deleting (the service gives the index in the list).
        old_step_ids = repo.measures.step_ids(b.id or 0)
        repo.measures.delete_measure(b.id or 0)
        # Another measure added meanwhile never takes the freed ids.
        d = repo.measures.add_measure(_measure("ง", steps=("ขั้นง",)))
        assert d.id not in (a.id, b.id, c.id)
        assert not set(repo.measures.step_ids(d.id or 0)) & set(old_step_ids)

        restored = repo.measures.restore_measure(b, 1)
        assert restored == b
        assert _titles(repo) == ["ก", "ข", "ค", "ง"]
        assert _positions(store) == [0, 1, 2, 3]
        with pytest.raises(StorageError) as caught:
            repo.measures.restore_measure(b, 1)  # it is there already
        assert "ยังอยู่" in caught.value.message
        assert _titles(repo) == ["ก", "ข", "ค", "ง"]

        # With the step ids remembered, the steps come back under them too.
        old_step_ids = repo.measures.step_ids(c.id or 0)
        repo.measures.delete_measure(c.id or 0)
        repo.measures.restore_measure(c, 0, step_ids=old_step_ids)
        assert repo.measures.step_ids(c.id or 0) == old_step_ids
        assert _titles(repo) == ["ค", "ก", "ข", "ง"]
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert [m.id for m in repo.measures.measures(2569)] == [c.id, a.id, b.id, d.id]


def test_restore_past_the_end_and_refusals(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        a = repo.measures.add_measure(_measure("ก", steps=("๑", "๒")))
        repo.measures.delete_measure(a.id or 0)
        with pytest.raises(ValueError):
            repo.measures.restore_measure(replace(a, id=None), 0)
        with pytest.raises(ValueError):
            repo.measures.restore_measure(a, -1)
        with pytest.raises(ValueError):
            repo.measures.restore_measure(a, 0, step_ids=[1])  # two steps, one id
        assert repo.measures.restore_measure(a, 5) == a
        assert _positions(store) == [0]


def test_a_failed_restore_writes_nothing(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        keep = repo.measures.add_measure(_measure("ก", steps=("๑",)))
        gone = repo.measures.add_measure(_measure("ข", steps=("๒", "๓")))
        # A row that no longer exists at all (nothing deletes one now) is inserted again.
        store.db.execute("DELETE FROM measures WHERE id = ?", [gone.id])
        taken = repo.measures.step_ids(keep.id or 0)[0]
        with pytest.raises(sqlite3.IntegrityError):
            repo.measures.restore_measure(gone, 0, step_ids=[taken, taken])
        assert repo.measures.measures(2569) == [keep]
        assert _positions(store) == [0]


def test_move_reorders_within_the_year(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        a, b, c, d = (repo.measures.add_measure(_measure(t)) for t in "กขคง")
        other = repo.measures.add_measure(_measure("อื่น", plan_year=2570))
        repo.measures.move_measure(d.id or 0, 0)
        assert _titles(repo) == ["ง", "ก", "ข", "ค"]
        repo.measures.move_measure(d.id or 0, 2)
        assert _titles(repo) == ["ก", "ข", "ง", "ค"]
        repo.measures.move_measure(a.id or 0, 99)
        assert _titles(repo) == ["ข", "ง", "ค", "ก"]
        repo.measures.move_measure(c.id or 0, 2)  # where it is already
        assert _titles(repo) == ["ข", "ง", "ค", "ก"]
        assert _positions(store) == [0, 1, 2, 3]
        assert repo.measures.measures(2570) == [other]
        with pytest.raises(StorageError):
            repo.measures.move_measure(999, 0)
        with pytest.raises(ValueError):
            repo.measures.move_measure(b.id or 0, -1)
    with open_store(db_path) as store:
        assert _titles(Repositories.of(store)) == ["ข", "ง", "ค", "ก"]


def test_plan_years_and_step_ids_of_unknown(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert repo.years.plan_years() == []
        assert repo.measures.step_ids(1) == []
        assert repo.measures.measure(1) is None
        for year in (2571, 2569, 2570, 2569):
            repo.measures.add_measure(_measure("ก", plan_year=year))
        assert repo.years.plan_years() == [2569, 2570, 2571]


def test_json_columns_refuse_garbage(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(MEASURE)
        for column, value in [
            ("indicators", "ไม่ใช่ JSON"),
            ("indicators", '{"a": 1}'),  # valid JSON but not a list
            ("themes", "[1,"),
            ("oit_items", "NaN"),
            ("timeline", "[]"),
            ("timeline", "kind=months"),
        ]:
            with pytest.raises(sqlite3.IntegrityError):
                store.db.execute(
                    f"UPDATE measures SET {column} = ? WHERE id = ?", [value, saved.id]
                )
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute(
                "INSERT INTO measures (plan_year, position, title, indicators, updated_at)"
                " VALUES (2569, 1, 'ก', 'garbage', 'now')"
            )
        assert repo.measures.measures(2569) == [saved]


# --------------------------------------------------------------------------- comment chain


def test_comment_chain_round_trips_with_stable_ids(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        people = repo.office.save_office(OfficeProfile(name="บ้านนา", people=PEOPLE)).people
        assert repo.memos.comment_chain() == []
        chain = [
            CommentStep("ความเห็นของหัวหน้าสำนักปลัด", people[1].id),
            CommentStep("ความเห็นของปลัด", people[0].id, "เห็นควรอนุมัติ"),
            CommentStep("คำสั่งนายก", None),
        ]
        repo.memos.save_comment_chain(chain)
        saved = repo.memos.comment_chain()
        assert [replace(step, id=None) for step in saved] == chain
        ids = [step.id for step in saved]
        assert None not in ids

        # Reordered and one dropped; a re-typed step without id keeps its row by heading.
        repo.memos.save_comment_chain(
            [replace(saved[2], comment="อนุมัติ"), CommentStep("ความเห็นของปลัด", people[0].id)]
        )
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert repo.memos.comment_chain() == [
            CommentStep("คำสั่งนายก", None, "อนุมัติ", ids[2]),
            CommentStep("ความเห็นของปลัด", people[0].id, "", ids[1]),
        ]
        repo.memos.save_comment_chain([])
        assert repo.memos.comment_chain() == []


def test_comment_chain_refuses_an_unknown_person(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.memos.save_comment_chain([CommentStep("ก", None)])
        with pytest.raises(sqlite3.IntegrityError):
            repo.memos.save_comment_chain([CommentStep("ข", None), CommentStep("ค", 77)])
        assert [step.heading for step in repo.memos.comment_chain()] == ["ก"]


def test_people_references_survive_renames_and_clear_on_removal(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        office = repo.office.save_office(OfficeProfile(name="บ้านนา", people=PEOPLE))
        chief, head, mayor = office.people
        repo.memos.save_comment_chain(
            [CommentStep("ความเห็นของหัวหน้าสำนักปลัด", head.id), CommentStep("ปลัด", chief.id)]
        )
        repo.memos.save_memo_settings(MemoSettings(2568, "analysis", signer_person_id=mayor.id))
        repo.memos.save_memo_settings(MemoSettings(2568, "publish", signer_person_id=head.id))

        # Another person renamed (and the list reordered): every reference stays.
        office = repo.office.save_office(
            replace(office, people=(head, replace(chief, full_name="สมชาย ใจดียิ่ง"), mayor))
        )
        assert [step.person_id for step in repo.memos.comment_chain()] == [head.id, chief.id]
        assert repo.memos.memo_settings(2568, "analysis").signer_person_id == mayor.id

        # The referenced person renamed through their id: still the same person.
        office = repo.office.save_office(
            replace(office, people=(replace(head, full_name="สมหญิง รักงานมาก"), *office.people[1:]))
        )
        assert repo.memos.comment_chain()[0].person_id == head.id
        assert repo.memos.memo_settings(2568, "publish").signer_person_id == head.id

        # Removed from the office: the references become empty, the rows stay.
        repo.office.save_office(replace(office, people=office.people[1:]))
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert [(s.heading, s.person_id) for s in repo.memos.comment_chain()] == [
            ("ความเห็นของหัวหน้าสำนักปลัด", None),
            ("ปลัด", chief.id),
        ]
        assert repo.memos.memo_settings(2568, "publish").signer_person_id is None
        assert repo.memos.memo_settings(2568, "analysis").signer_person_id == mayor.id


# --------------------------------------------------------------------------- memo settings


def test_memo_settings_default_round_trip_and_replace(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        signer = repo.office.save_office(OfficeProfile(name="บ้านนา", people=PEOPLE)).people[2]
        for kind in MEMO_KINDS:
            assert repo.memos.memo_settings(2568, kind) == MemoSettings(2568, kind)
        full = MemoSettings(
            fiscal_year=2568,
            kind="analysis",
            running_number="๑๒๓",
            memo_date=date(2025, 11, 14),
            signer_person_id=signer.id,
            subject="รายงานผลการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
            salutation="นายกองค์การบริหารส่วนตำบลบ้านนา",
            paragraphs=("ตามที่ …", "บัดนี้ “ผล” ได้จัดทำแล้ว\nรายละเอียดตามแนบ", ""),
        )
        repo.memos.save_memo_settings(full)
        repo.memos.save_memo_settings(MemoSettings(2568, "results", subject="ผลการดำเนินการ"))
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert repo.memos.memo_settings(2568, "analysis") == full
        assert repo.memos.memo_settings(2568, "results") == MemoSettings(
            2568, "results", subject="ผลการดำเนินการ"
        )
        assert repo.memos.memo_settings(2568, "publish") == MemoSettings(2568, "publish")
        assert repo.memos.memo_settings(2569, "analysis") == MemoSettings(2569, "analysis")
        cleared = MemoSettings(2568, "analysis")
        repo.memos.save_memo_settings(cleared)
        assert repo.memos.memo_settings(2568, "analysis") == cleared
        assert _count(store, "memos") == 2


def test_memo_columns_refuse_garbage(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        with pytest.raises(sqlite3.IntegrityError):
            repo.memos.save_memo_settings(MemoSettings(2568, "letter"))
        repo.memos.save_memo_settings(MemoSettings(2568, "analysis"))
        for column, value in [
            ("paragraphs", "ย่อหน้า"),
            ("paragraphs", '"a string, not a list"'),
            ("memo_date", "2025-02-30"),
            ("memo_date", "14 พ.ย. 2568"),
            ("signer_person_id", 5),
        ]:
            with pytest.raises(sqlite3.IntegrityError):
                store.db.execute(f"UPDATE memos SET {column} = ?", [value])
        assert repo.memos.memo_settings(2568, "analysis") == MemoSettings(2568, "analysis")
