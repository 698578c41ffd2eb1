"""Soft delete of measures and of their step/output rows, the rules that keep row ids (and so
ticks) across edits and undo, and the tracking tables of migration 0004: progress, evidence,
results and round snapshots. Nothing the clerk recorded may be lost by an edit or an undo."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from itadesk.domain.measures import Measure
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
from itadesk.errors import StorageError
from itadesk.storage.database import Store, open_store
from itadesk.storage.repositories import Repositories

STEPS = ("แต่งตั้งคณะทำงาน", "จัดทำแผน", "ดำเนินการตามแผน", "รายงานผล")
OUTPUTS = ("แผนปฏิบัติการ ๑ ฉบับ", "รายงานผล ๒ ครั้ง")


def _measure(title: str = "มาตรการ", plan_year: int = 2569, **fields: object) -> Measure:
    return Measure(plan_year=plan_year, title=title, **fields)  # type: ignore[arg-type]


def _tick(repo: Repositories, item_id: int, note: str = "") -> None:
    repo.tracking.set_item_progress(item_id, TrackingState.DONE, date(2025, 11, 3), note, "")


def _state(repo: Repositories, measure_id: int, item_id: int) -> str:
    for item in repo.tracking.check_items(measure_id):
        if item.id == item_id:
            return item.state
    raise AssertionError(f"item {item_id} is not live")


def _count(store: Store, table_and_filter: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table_and_filter}").fetchone()[0]


@contextmanager
def _counting_selects(store: Store) -> Iterator[list[str]]:
    """Every SELECT the connection runs while inside (SQLite's own trace, not a timing)."""
    seen: list[str] = []

    def trace(statement: str) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    store.db.conn.set_trace_callback(trace)
    try:
        yield seen
    finally:
        store.db.conn.set_trace_callback(None)


# --------------------------------------------------------------------------- soft delete


def test_deleting_and_restoring_a_measure_keeps_every_tick_and_evidence(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        a, b, c = (
            repo.measures.add_measure(
                _measure(title, steps=STEPS[:2], expected_outputs=OUTPUTS[:1])
            )
            for title in "กขค"
        )
        assert b.id is not None
        step, _other, output = (item.id or 0 for item in repo.tracking.check_items(b.id))
        _tick(repo, step, "ประชุมแล้ว")
        repo.tracking.set_item_progress(output, TrackingState.CANNOT, None, "", "ไม่มีงบประมาณ")
        file = repo.tracking.add_evidence(step, Evidence(EVIDENCE_FILE, "2569/2/คำสั่ง.pdf", size=99))
        repo.tracking.save_measure_result(MeasureResult(b.id, "ทำครบ", "ดีขึ้น"))
        before = repo.tracking.check_items(b.id)

        repo.measures.delete_measure(b.id)
        assert [m.id for m in repo.measures.measures(2569)] == [a.id, c.id]
        assert list(repo.tracking.check_items_for_year(2569)) == [a.id, c.id]
        assert repo.tracking.check_items(b.id) == [] and repo.measures.step_ids(b.id) == []
        assert repo.tracking.measure_results(2569) == {
            a.id: MeasureResult(a.id or 0),
            c.id: MeasureResult(c.id or 0),
        }
        assert repo.measures.deleted_measures(2569) == [b]
        assert repo.tracking.evidence_in_use(
            file.value
        )  # the file must not be cleaned up meanwhile
        # Tracking rows are untouched by the delete.
        assert _count(store, "item_progress") == 2 and _count(store, "evidence") == 1

        assert repo.measures.restore_measure(b, 1) == b
        assert [m.id for m in repo.measures.measures(2569)] == [a.id, b.id, c.id]
        assert repo.tracking.check_items(b.id) == before
        assert repo.tracking.measure_result(b.id) == MeasureResult(b.id, "ทำครบ", "ดีขึ้น")
        assert repo.measures.deleted_measures(2569) == []
    with open_store(db_path) as store:
        assert Repositories.of(store).tracking.check_items(b.id) == before


def test_a_deleted_measure_keeps_its_position_and_can_come_back_elsewhere(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        a, b, c = (repo.measures.add_measure(_measure(title)) for title in "กขค")
        repo.measures.delete_measure(a.id or 0)
        assert store.db.execute(
            "SELECT position FROM measures WHERE id = ?", [a.id]
        ).fetchone() == (0,)
        # Live rows are renumbered around it; a new one may share its frozen position.
        d = repo.measures.add_measure(_measure("ง"), 0)
        assert [m.id for m in repo.measures.measures(2569)] == [d.id, b.id, c.id]
        repo.measures.move_measure(c.id or 0, 0)
        assert repo.measures.restore_measure(a, 99) == a
        assert [m.id for m in repo.measures.measures(2569)] == [c.id, d.id, b.id, a.id]
        assert [
            row[0]
            for row in store.db.execute(
                "SELECT position FROM measures WHERE deleted_at IS NULL ORDER BY position"
            )
        ] == [0, 1, 2, 3]


def test_a_deleted_measure_cannot_be_edited_moved_or_deleted_again(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        gone = repo.measures.add_measure(_measure("ก", steps=("๑",)))
        repo.measures.delete_measure(gone.id or 0)
        with pytest.raises(StorageError) as caught:
            repo.measures.update_measure(replace(gone, title="แก้ไข"))
        assert "ไม่พบมาตรการ" in caught.value.message
        with pytest.raises(StorageError):
            repo.measures.move_measure(gone.id or 0, 0)
        with pytest.raises(StorageError):
            repo.tracking.save_measure_result(MeasureResult(gone.id or 0, "ผล"))
        deleted_at = store.db.execute("SELECT deleted_at FROM measures").fetchone()
        repo.measures.delete_measure(gone.id or 0)  # nothing: keeps the first deletion time
        assert store.db.execute("SELECT deleted_at FROM measures").fetchone() == deleted_at
        assert repo.measures.deleted_measures(2569) == [gone]
        assert repo.years.plan_years() == []


def test_deleted_measures_latest_first_and_by_year(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        a, b, c = (repo.measures.add_measure(_measure(title)) for title in "กขค")
        other = repo.measures.add_measure(_measure("อื่น", plan_year=2570, expected_outputs=OUTPUTS))
        for measure in (b, a, other):
            repo.measures.delete_measure(measure.id or 0)
        stamps = {b.id: "2025-01-01T00:00:00+00:00", a.id: "2025-02-01T00:00:00+00:00"}
        for measure_id, stamp in stamps.items():
            store.db.execute("UPDATE measures SET deleted_at = ? WHERE id = ?", [stamp, measure_id])
        assert repo.measures.deleted_measures(2569) == [a, b]
        assert repo.measures.deleted_measures(2570) == [other]
        assert repo.measures.measures(2569) == [c]


def test_restore_of_a_soft_deleted_measure_reconciles_what_is_given(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=STEPS[:2], expected_outputs=OUTPUTS))
        measure_id = saved.id or 0
        steps, outputs = (
            repo.measures.step_ids(measure_id),
            repo.measures.output_ids(measure_id),
        )
        repo.measures.delete_measure(measure_id)
        with pytest.raises(ValueError):
            repo.measures.restore_measure(saved, 0, output_ids=[1])  # two outputs, one id
        # The ids given are the ones the rows still have; they come back unchanged.
        assert repo.measures.restore_measure(saved, 0, step_ids=steps, output_ids=outputs) == saved
        assert (
            repo.measures.step_ids(measure_id),
            repo.measures.output_ids(measure_id),
        ) == (
            steps,
            outputs,
        )


# --------------------------------------------------------------------------- matching rules


def test_rule_a_same_text_same_position_among_repeats(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=("ประชุม", "รายงาน", "ประชุม")))
        first, report, second = repo.measures.step_ids(saved.id or 0)
        _tick(repo, second)
        repo.measures.update_measure(replace(saved, steps=("ประชุม", "สรุป", "ประชุม")))
        # Both "ประชุม" stay where they are; "รายงาน" → "สรุป" is a wording fix (rule d).
        assert repo.measures.step_ids(saved.id or 0) == [first, report, second]
        assert _state(repo, saved.id or 0, second) == TrackingState.DONE


def test_rule_b_a_moved_step_keeps_its_row_and_tick(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=STEPS))
        ids = repo.measures.step_ids(saved.id or 0)
        _tick(repo, ids[3])
        repo.measures.update_measure(replace(saved, steps=(STEPS[3], *STEPS[:3])))
        assert repo.measures.step_ids(saved.id or 0) == [ids[3], *ids[:3]]
        assert repo.tracking.check_items(saved.id or 0)[0].state == TrackingState.DONE
        assert _count(store, "measure_steps") == 4


def test_rule_c_undo_of_removing_a_ticked_step_brings_back_the_same_row(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=STEPS))
        measure_id = saved.id or 0
        ids = repo.measures.step_ids(measure_id)
        _tick(repo, ids[1], "ลงนามแล้ว")
        evidence = repo.tracking.add_evidence(
            ids[1], Evidence(EVIDENCE_LINK, "https://a.go.th/plan")
        )
        ticked = repo.tracking.check_items(measure_id)[1]

        removed = replace(saved, steps=(STEPS[0], *STEPS[2:]))
        repo.measures.update_measure(removed)
        assert repo.measures.step_ids(measure_id) == [ids[0], ids[2], ids[3]]
        # Hidden, never lost: the row and its tracking rows are still in the file.
        assert store.db.execute(
            "SELECT deleted_at IS NOT NULL FROM measure_steps WHERE id = ?", [ids[1]]
        ).fetchone() == (1,)
        assert _count(store, "item_progress") == 1 and _count(store, "evidence") == 1
        assert repo.tracking.evidence_in_use(evidence.value) is False  # a link is not a file
        with pytest.raises(StorageError):
            _tick(repo, ids[1])  # writing against a removed row is refused

        assert repo.measures.update_measure(saved) == saved  # undo
        assert repo.measures.step_ids(measure_id) == ids
        assert repo.tracking.check_items(measure_id)[1] == ticked


def test_rule_c_prefers_the_latest_removed_row(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=("ประชุม", "ประชุม")))
        old, new = repo.measures.step_ids(saved.id or 0)
        repo.measures.update_measure(replace(saved, steps=("ประชุม",)))  # removes `new`
        store.db.execute(
            "UPDATE measure_steps SET deleted_at = '2025-01-01T00:00:00+00:00' WHERE id = ?", [new]
        )
        repo.measures.update_measure(replace(saved, steps=()))  # now removes `old`, later
        repo.measures.update_measure(replace(saved, steps=("ประชุม",)))
        assert repo.measures.step_ids(saved.id or 0) == [old]


def test_rule_d_a_wording_fix_of_a_ticked_step_keeps_its_row(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=("จัดทำแผน", "ประชาสัมพนธ์")))
        measure_id = saved.id or 0
        plan, publicity = repo.measures.step_ids(measure_id)
        _tick(repo, publicity, "ติดประกาศแล้ว")
        fixed = repo.measures.update_measure(replace(saved, steps=("จัดทำแผน", "ประชาสัมพันธ์")))
        assert repo.measures.step_ids(measure_id) == [plan, publicity]
        item = repo.tracking.check_items(measure_id)[1]
        assert (item.text, item.state, item.note) == (
            "ประชาสัมพันธ์",
            TrackingState.DONE,
            "ติดประกาศแล้ว",
        )
        # Undo of the fix goes back through the same rule to the same row.
        repo.measures.update_measure(saved)
        assert repo.measures.step_ids(measure_id) == [plan, publicity]
        assert repo.measures.update_measure(fixed) == fixed
        assert _count(store, "measure_steps") == 2


def test_removing_step_two_and_appending_one_does_not_pass_on_the_tick(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=STEPS))
        measure_id = saved.id or 0
        one, two, three, four = repo.measures.step_ids(measure_id)
        _tick(repo, two)
        repo.measures.update_measure(replace(saved, steps=(STEPS[0], STEPS[2], STEPS[3], "ขั้นใหม่")))
        ids = repo.measures.step_ids(measure_id)
        assert ids[:3] == [one, three, four] and ids[3] not in (one, two, three, four)
        assert [item.state for item in repo.tracking.check_items(measure_id)] == [
            TrackingState.NOT_STARTED
        ] * 4
        # Step two's tick waits on its hidden row for an undo.
        assert store.db.execute(
            "SELECT state FROM item_progress WHERE item_id = ?", [two]
        ).fetchone() == (TrackingState.DONE,)


def test_rows_not_matched_are_soft_deleted_never_removed(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=STEPS, expected_outputs=OUTPUTS))
        measure_id = saved.id or 0
        ids = (
            repo.measures.step_ids(measure_id),
            repo.measures.output_ids(measure_id),
        )
        for item_id in (*ids[0], *ids[1]):
            _tick(repo, item_id)
        rewritten = repo.measures.update_measure(
            replace(saved, steps=("ใหม่ทั้งหมด",), expected_outputs=())
        )
        assert repo.measures.step_ids(measure_id) == ids[0][:1]  # rule (d): a rewording of step 1
        emptied = repo.measures.update_measure(replace(saved, steps=(), expected_outputs=()))
        assert repo.tracking.check_items(measure_id) == []
        assert _count(store, "measure_steps WHERE deleted_at IS NULL") == 0
        assert _count(store, "measure_steps") == 6 and _count(store, "item_progress") == 6
        # Undo, last edit first: every row comes back with its tick.
        assert repo.measures.update_measure(rewritten) == rewritten
        assert repo.measures.update_measure(saved) == saved
        assert (repo.measures.step_ids(measure_id), repo.measures.output_ids(measure_id)) == ids
        assert {item.state for item in repo.tracking.check_items(measure_id)} == {
            TrackingState.DONE
        }
        assert repo.measures.update_measure(emptied) == emptied
        assert _count(store, "measure_steps") == 6


def test_expected_outputs_round_trip_separately_from_steps(db_path: Path) -> None:
    both = "รายงานผล"  # the same words as a step and as an output are two rows
    measure = _measure(steps=(both, "ประชุม"), expected_outputs=(both, *OUTPUTS))
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(measure)
        assert saved == replace(measure, id=saved.id)
        measure_id = saved.id or 0
        steps, outputs = (
            repo.measures.step_ids(measure_id),
            repo.measures.output_ids(measure_id),
        )
        assert len(steps) == 2 and len(outputs) == 3 and not set(steps) & set(outputs)
        assert [(i.kind, i.text, i.position) for i in repo.tracking.check_items(measure_id)] == [
            (ITEM_STEP, both, 0),
            (ITEM_STEP, "ประชุม", 1),
            (ITEM_OUTPUT, both, 0),
            (ITEM_OUTPUT, OUTPUTS[0], 1),
            (ITEM_OUTPUT, OUTPUTS[1], 2),
        ]
        _tick(repo, outputs[0])
        # Editing outputs leaves the steps' rows alone, and the other way round.
        repo.measures.update_measure(replace(saved, expected_outputs=(OUTPUTS[1], both)))
        assert repo.measures.step_ids(measure_id) == steps
        assert repo.measures.output_ids(measure_id) == [outputs[2], outputs[0]]
        repo.measures.update_measure(
            replace(saved, steps=("ประชุม",), expected_outputs=(OUTPUTS[1], both))
        )
        assert repo.measures.step_ids(measure_id) == [steps[1]]
        assert repo.measures.output_ids(measure_id) == [outputs[2], outputs[0]]
        assert _state(repo, measure_id, outputs[0]) == TrackingState.DONE
    with open_store(db_path) as store:
        read = Repositories.of(store).measures.measure(measure_id)
        assert read is not None
        assert (read.steps, read.expected_outputs) == (("ประชุม",), (OUTPUTS[1], both))


# --------------------------------------------------------------------------- progress


def test_item_progress_round_trips_upserts_and_clears(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=STEPS[:2], expected_outputs=OUTPUTS[:1]))
        measure_id = saved.id or 0
        step, other, output = (item.id or 0 for item in repo.tracking.check_items(measure_id))
        assert all(
            item.state == TrackingState.NOT_STARTED
            for item in repo.tracking.check_items(measure_id)
        )
        repo.tracking.set_item_progress(step, TrackingState.IN_PROGRESS, None, "เริ่มแล้ว", "")
        repo.tracking.set_item_progress(
            step, TrackingState.DONE, date(2025, 12, 31), "เสร็จ\nครบ", ""
        )
        repo.tracking.set_item_progress(output, TrackingState.CANNOT, None, "", "ยกเลิกโครงการ “ก”")
        repo.tracking.set_item_progress(
            other, TrackingState.NOT_STARTED, None, "รอคำสั่ง", ""
        )  # a note: kept
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert repo.tracking.check_items(measure_id) == [
            CheckItem(
                measure_id,
                ITEM_STEP,
                STEPS[0],
                0,
                TrackingState.DONE,
                date(2025, 12, 31),
                "เสร็จ\nครบ",
                id=step,
            ),
            CheckItem(
                measure_id,
                ITEM_STEP,
                STEPS[1],
                1,
                TrackingState.NOT_STARTED,
                note="รอคำสั่ง",
                id=other,
            ),
            CheckItem(
                measure_id,
                ITEM_OUTPUT,
                OUTPUTS[0],
                0,
                TrackingState.CANNOT,
                reason="ยกเลิกโครงการ “ก”",
                id=output,
            ),
        ]
        assert _count(store, "item_progress") == 3
        # Back to plain not started: the row goes (no row reads the same).
        repo.tracking.set_item_progress(other, TrackingState.NOT_STARTED, None, "", "")
        repo.tracking.set_item_progress(step, TrackingState.NOT_STARTED, None, "", "")
        assert _count(store, "item_progress") == 1
        assert repo.tracking.check_items(measure_id)[0] == CheckItem(
            measure_id, ITEM_STEP, STEPS[0], 0, id=step
        )


def test_progress_and_evidence_refuse_unknown_or_deleted_items(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=STEPS[:1]))
        (step,) = repo.measures.step_ids(saved.id or 0)
        for item_id in (999, step):
            if item_id == step:
                repo.measures.delete_measure(saved.id or 0)  # the item of a deleted measure
            with pytest.raises(StorageError) as caught:
                _tick(repo, item_id)
            assert "ไม่พบขั้นตอนหรือผลผลิต" in caught.value.message
            with pytest.raises(StorageError):
                repo.tracking.add_evidence(item_id, Evidence(EVIDENCE_LINK, "https://a.go.th"))
        assert _count(store, "item_progress") == 0 and _count(store, "evidence") == 0


# --------------------------------------------------------------------------- evidence


def test_evidence_round_trips_and_soft_deletes(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=STEPS[:2]))
        measure_id = saved.id or 0
        step, other = repo.measures.step_ids(measure_id)
        given = Evidence(EVIDENCE_FILE, "2569/1/คำสั่ง แต่งตั้ง.pdf", "คำสั่งแต่งตั้ง", 123_456)
        file = repo.tracking.add_evidence(
            step, replace(given, id=77, added_at=datetime(2000, 1, 1))
        )
        assert file.id is not None and file.id != 77
        assert isinstance(file.added_at, datetime) and file.added_at.tzinfo is not None
        assert file == replace(given, id=file.id, added_at=file.added_at)
        link = repo.tracking.add_evidence(
            step, Evidence(EVIDENCE_LINK, "https://www.bannaa.go.th/ita")
        )
        same_file = repo.tracking.add_evidence(other, Evidence(EVIDENCE_FILE, file.value))
        assert repo.tracking.check_items(measure_id)[0].evidence == (file, link)
        assert repo.tracking.all_evidence_files() == [file.value]

        repo.tracking.remove_evidence(file.id)
        repo.tracking.remove_evidence(file.id)  # already removed: nothing
        repo.tracking.remove_evidence(999)  # unknown: nothing
        assert repo.tracking.check_items(measure_id)[0].evidence == (link,)
        repo.tracking.remove_evidence(same_file.id or 0)
        # Both rows removed, the file is still needed by them (undo, recycle bin).
        assert repo.tracking.evidence_in_use(file.value)
        assert repo.tracking.all_evidence_files() == [file.value]
        assert not repo.tracking.evidence_in_use("2569/1/อื่น.pdf")
        assert _count(store, "evidence") == 3

        repo.tracking.restore_evidence(file.id)
        repo.tracking.restore_evidence(file.id)  # already live: nothing
        with pytest.raises(StorageError):
            repo.tracking.restore_evidence(999)
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert repo.tracking.check_items(measure_id)[0].evidence == (file, link)
        assert repo.tracking.check_items(measure_id)[1].evidence == ()


def test_a_row_with_evidence_cannot_be_hard_deleted(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=STEPS[:1]))
        (step,) = repo.measures.step_ids(saved.id or 0)
        repo.tracking.add_evidence(step, Evidence(EVIDENCE_FILE, "2569/1/ก.pdf"))
        # Not even a cascade from the measure: the file would be orphaned.
        for sql in ("DELETE FROM measure_steps WHERE id = ?", "DELETE FROM measures WHERE id = ?"):
            with pytest.raises(sqlite3.IntegrityError):
                store.db.execute(sql, [step if "steps" in sql else saved.id])
        assert repo.tracking.evidence_in_use("2569/1/ก.pdf")


# --------------------------------------------------------------------------- results


def test_measure_results_round_trip(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        a, b = (repo.measures.add_measure(_measure(title)) for title in "กข")
        a_id, b_id = a.id or 0, b.id or 0
        assert repo.tracking.measure_result(a_id) == MeasureResult(a_id)
        repo.tracking.save_measure_result(MeasureResult(a_id, "จัดอบรม ๒ ครั้ง\nผู้เข้าร่วม ๔๐ คน", ""))
        repo.tracking.save_measure_result(MeasureResult(a_id, "จัดอบรม ๓ ครั้ง", "เจ้าหน้าที่เข้าใจมากขึ้น"))
        repo.tracking.save_measure_result(MeasureResult(b_id, "", "ผลลัพธ์"))
        with pytest.raises(StorageError):
            repo.tracking.save_measure_result(MeasureResult(999, "ผล"))
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        expected = MeasureResult(a_id, "จัดอบรม ๓ ครั้ง", "เจ้าหน้าที่เข้าใจมากขึ้น")
        assert repo.tracking.measure_result(a_id) == expected
        assert repo.tracking.measure_results(2569) == {
            a_id: expected,
            b_id: MeasureResult(b_id, "", "ผลลัพธ์"),
        }
        assert list(repo.tracking.measure_results(2569)) == [a_id, b_id]
        repo.tracking.save_measure_result(MeasureResult(b_id))  # both empty: the row goes
        assert _count(store, "measure_results") == 1
        assert repo.tracking.measure_results(2570) == {}


# --------------------------------------------------------------------------- snapshots


def test_snapshots_keep_history_and_latest_is_the_newest(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert (
            repo.tracking.latest_snapshot(2569, 6) is None and repo.tracking.snapshots(2569) == []
        )
        first = repo.tracking.add_snapshot(
            2569, 6, {"measures": [{"title": "ก", "done": 1}], "pct": 50}
        )
        second = repo.tracking.add_snapshot(2569, 6, {"measures": ("ทูเพิล",), "pct": 75})
        year_end = repo.tracking.add_snapshot(2569, 12, {"pct": 100})
        repo.tracking.add_snapshot(2570, 6, {})
        # What comes back is what a read returns (JSON: a tuple reads back as a list).
        assert second.content == {"measures": ["ทูเพิล"], "pct": 75}
        assert isinstance(first.taken_at, datetime) and first.taken_at.tzinfo is not None
        # Same second and even an earlier clock: the one taken last is still "the" one.
        store.db.execute(
            "UPDATE round_snapshots SET taken_at = '2020-01-01T00:00:00+00:00' WHERE id = ?",
            [second.id],
        )
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        latest = repo.tracking.latest_snapshot(2569, 6)
        assert latest is not None and latest.id == second.id and latest.content == second.content
        assert repo.tracking.latest_snapshot(2569, 12) == year_end
        assert [s.id for s in repo.tracking.snapshots(2569)] == [first.id, second.id, year_end.id]
        assert repo.tracking.snapshots(2569)[0] == first
        assert _count(store, "round_snapshots") == 4


# --------------------------------------------------------------------------- constraints


def _insert(store: Store, table: str, row: Mapping[str, object]) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    store.db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def test_check_constraints_refuse_bad_rows(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.measures.add_measure(_measure(steps=STEPS[:1]))
        (step,) = repo.measures.step_ids(saved.id or 0)
        now = "2025-01-01T00:00:00+00:00"
        progress = {"item_id": step, "state": "done", "updated_at": now}
        evidence = {"item_id": step, "kind": "file", "value": "a.pdf", "added_at": now}
        item = {"measure_id": saved.id, "kind": "output", "position": 0, "text": "ก"}
        snapshot = {"plan_year": 2569, "months": 6, "taken_at": now, "content": "{}"}
        bad: list[tuple[str, Mapping[str, object]]] = [
            ("item_progress", {**progress, "state": "finished"}),
            ("item_progress", {**progress, "state": None}),
            ("item_progress", {**progress, "done_date": "2025-02-30"}),
            ("item_progress", {**progress, "done_date": "3/1/2025"}),
            ("item_progress", {**progress, "done_date": "2025-1-3"}),
            ("item_progress", {**progress, "item_id": 999}),
            ("evidence", {**evidence, "kind": "photo"}),
            ("evidence", {**evidence, "value": ""}),
            ("evidence", {**evidence, "size": -1}),
            ("evidence", {**evidence, "size": 1.5}),
            ("evidence", {**evidence, "item_id": 999}),
            ("measure_steps", {**item, "kind": "goal"}),
            ("measure_steps", {**item, "kind": None}),
            ("measure_results", {"measure_id": 999, "updated_at": now}),
            ("round_snapshots", {**snapshot, "months": 3}),
            ("round_snapshots", {**snapshot, "content": "ไม่ใช่ JSON"}),
            ("round_snapshots", {**snapshot, "content": "[1]"}),
            ("round_snapshots", {**snapshot, "plan_year": "๒๕๖๙"}),
        ]
        for table, row in bad:
            with pytest.raises(sqlite3.IntegrityError):
                _insert(store, table, row)
        # The good counterparts go in.
        _insert(store, "item_progress", {**progress, "done_date": "2024-02-29"})
        _insert(store, "evidence", {**evidence, "size": 0})
        _insert(store, "measure_steps", item)
        _insert(store, "round_snapshots", {**snapshot, "months": 12})
        assert repo.tracking.check_items(saved.id or 0)[0].done_date == date(2024, 2, 29)
        with pytest.raises(sqlite3.IntegrityError):
            repo.tracking.add_evidence(step, Evidence("photo", "a.jpg"))
        with pytest.raises(sqlite3.IntegrityError):
            repo.tracking.set_item_progress(step, "finished", None, "", "")
        with pytest.raises(sqlite3.IntegrityError):
            repo.tracking.add_snapshot(2569, 9, {})
        assert repo.tracking.check_items(saved.id or 0)[0].state == TrackingState.DONE
        assert len(repo.tracking.check_items(saved.id or 0)[0].evidence) == 1
        assert [s.months for s in repo.tracking.snapshots(2569)] == [12]


# --------------------------------------------------------------------------- a whole year


def test_check_items_for_year_uses_a_bounded_number_of_queries(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        measures = [
            repo.measures.add_measure(
                _measure(f"มาตรการที่ {n}", steps=STEPS[:3], expected_outputs=OUTPUTS)
            )
            for n in range(15)
        ]
        repo.measures.add_measure(_measure("ปีอื่น", plan_year=2570, steps=STEPS))
        gone = repo.measures.add_measure(_measure("ถูกลบ", steps=STEPS))
        repo.measures.delete_measure(gone.id or 0)
        for measure in measures:
            first, *_rest, last = repo.tracking.check_items(measure.id or 0)
            _tick(repo, first.id or 0)
            repo.tracking.add_evidence(
                last.id or 0, Evidence(EVIDENCE_LINK, f"https://a.go.th/{measure.id}")
            )
        with _counting_selects(store) as selects:
            year = repo.tracking.check_items_for_year(2569)
        assert 0 < len(selects) <= 2, selects
        assert list(year) == [measure.id for measure in measures]
        assert all(len(items) == 5 for items in year.values())
        assert all(
            items[0].state == TrackingState.DONE and len(items[4].evidence) == 1
            for items in year.values()
        )
        assert year == {m.id: repo.tracking.check_items(m.id or 0) for m in measures}
        with _counting_selects(store) as selects:
            repo.measures.measures(2569)
            repo.tracking.measure_results(2569)
        assert 0 < len(selects) <= 3, selects


def test_check_items_for_a_year_without_measures_or_items(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert repo.tracking.check_items_for_year(2569) == {}
        bare = repo.measures.add_measure(_measure("ไม่มีขั้นตอน"))
        assert repo.tracking.check_items_for_year(2569) == {bare.id: []}
        assert repo.tracking.check_items(bare.id or 0) == []
        assert repo.tracking.check_items(999) == []
