"""Measures of a plan year with their ordered steps and expected outputs; soft deletes keep ids for
undo and tracking."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from itadesk.domain.measures import Measure, Timeline
from itadesk.domain.tracking import (
    ITEM_OUTPUT,
    ITEM_STEP,
)
from itadesk.errors import StorageError
from itadesk.storage.repositories.base import (
    RepositoryBase,
    stored_year,
    to_json,
    utc_now,
)

_MEASURE_COLUMNS = (
    "plan_year",
    "title",
    "indicators",
    "themes",
    "oit_items",
    "rationale",
    "timeline",
    "unit",
    "follow_up",
    "reporting",
    "catalogue_key",
)


class MeasureRepository(RepositoryBase):
    """Measures of a plan year with their ordered steps and expected outputs; soft deletes keep ids
    for undo and tracking."""

    def measures(self, plan_year: int) -> list[Measure]:
        """The live measures carried out in ``plan_year``, in their order, each with its live
        steps and expected outputs (soft-deleted measures and rows are left out)."""
        return self._measures_where(
            "m.plan_year = ? AND m.deleted_at IS NULL", [plan_year], "m.position, m.id"
        )

    def deleted_measures(self, plan_year: int) -> list[Measure]:
        """The soft-deleted measures of ``plan_year`` (a recycle bin), latest deleted first."""
        return self._measures_where(
            "m.plan_year = ? AND m.deleted_at IS NOT NULL",
            [plan_year],
            "m.deleted_at DESC, m.id DESC",
        )

    def measure(self, measure_id: int) -> Measure | None:
        """One live measure by id, or None if there is none (or it was deleted)."""
        found = self._measures_where("m.id = ? AND m.deleted_at IS NULL", [measure_id], "m.id")
        return found[0] if found else None

    def _measures_where(self, where: str, params: Sequence[Any], order: str) -> list[Measure]:
        """Measures matching ``where`` (a fixed SQL fragment on ``measures AS m``) with their
        live steps and outputs, in two queries whatever their number."""
        texts: dict[tuple[int, str], list[str]] = {}
        for measure_id, kind, text in self._rows(
            "SELECT s.measure_id, s.kind, s.text FROM measure_steps AS s"
            f" JOIN measures AS m ON m.id = s.measure_id WHERE {where} AND s.deleted_at IS NULL"
            " ORDER BY s.measure_id, s.kind, s.position, s.id",
            params,
        ):
            texts.setdefault((measure_id, kind), []).append(text)
        columns = ", ".join(f"m.{column}" for column in _MEASURE_COLUMNS)
        return [
            _measure_from_row(
                row, texts.get((row[0], ITEM_STEP), []), texts.get((row[0], ITEM_OUTPUT), [])
            )
            for row in self._rows(
                f"SELECT m.id, {columns} FROM measures AS m WHERE {where} ORDER BY {order}",
                params,
            )
        ]

    def step_ids(self, measure_id: int) -> list[int]:
        """Row ids of the live measure's live steps in step order ([] if unknown or deleted)."""
        return self._item_ids(measure_id, ITEM_STEP)

    def output_ids(self, measure_id: int) -> list[int]:
        """Row ids of the live measure's live expected outputs in order (as step_ids)."""
        return self._item_ids(measure_id, ITEM_OUTPUT)

    def _item_ids(self, measure_id: int, kind: str) -> list[int]:
        return [
            row[0]
            for row in self._rows(
                "SELECT s.id FROM measure_steps AS s JOIN measures AS m ON m.id = s.measure_id"
                " WHERE s.measure_id = ? AND s.kind = ? AND s.deleted_at IS NULL"
                " AND m.deleted_at IS NULL ORDER BY s.position, s.id",
                [measure_id, kind],
            )
        ]

    def add_measure(self, measure: Measure, position: int | None = None) -> Measure:
        """Insert a new measure (its ``id`` is ignored: a new one is given) at ``position``
        of its plan year, moving the ones from there on down; None (or past the end) appends.
        Returns the measure as saved. To put back a deleted measure use :meth:`restore_measure`.
        """
        stored_year(measure.plan_year)
        _check_position(position)
        with self.store.transaction():
            order = self._measure_order(measure.plan_year)
            measure_id = self._insert_measure(measure, None, len(order))
            order.insert(len(order) if position is None else position, measure_id)
            self._renumber(order)
            self._insert_items(measure_id, ITEM_STEP, measure.steps, None)
            self._insert_items(measure_id, ITEM_OUTPUT, measure.expected_outputs, None)
            saved = self.measure(measure_id)
        assert saved is not None
        return saved

    def update_measure(self, measure: Measure) -> Measure:
        """Save an edited live measure (found by its id) and return it as saved.

        Steps and expected outputs keep their row ids where they still match (see
        :func:`_match_items`), so progress and evidence recorded against them survive edits
        and undo; rows no longer wanted are soft-deleted, never removed. A measure moved to
        another plan year goes to the end of that year's list.
        """
        stored_year(measure.plan_year)
        measure_id = _require_id(measure)
        with self.store.transaction() as db:
            old_year = self._live_plan_year(measure_id)
            if old_year is None:
                raise StorageError(missing_measure_message(measure.title))
            values = _measure_values(measure)
            db.execute(
                "UPDATE measures SET "
                + ", ".join(f"{column} = ?" for column in (*_MEASURE_COLUMNS, "updated_at"))
                + " WHERE id = ?",
                [*values, utc_now(), measure_id],
            )
            if old_year != measure.plan_year:
                self._renumber([i for i in self._measure_order(old_year) if i != measure_id])
                others = [i for i in self._measure_order(measure.plan_year) if i != measure_id]
                self._renumber([*others, measure_id])
            self._replace_items(measure_id, ITEM_STEP, measure.steps)
            self._replace_items(measure_id, ITEM_OUTPUT, measure.expected_outputs)
            saved = self.measure(measure_id)
        assert saved is not None
        return saved

    def delete_measure(self, measure_id: int) -> None:
        """Soft-delete a measure and close the gap in its year (unknown or deleted: nothing).

        Its steps, outputs, progress, evidence and results are left as they are, so
        :meth:`restore_measure` brings every tick back; the row keeps the position it had.
        """
        with self.store.transaction() as db:
            plan_year = self._live_plan_year(measure_id)
            if plan_year is None:
                return
            db.execute("UPDATE measures SET deleted_at = ? WHERE id = ?", [utc_now(), measure_id])
            self._renumber(self._measure_order(plan_year))

    def restore_measure(
        self,
        measure: Measure,
        position: int,
        *,
        step_ids: Sequence[int] | None = None,
        output_ids: Sequence[int] | None = None,
    ) -> Measure:
        """Put a deleted measure back under its original id at ``position`` (for undo).

        A soft-deleted row is revived with everything recorded against it; its steps and
        outputs are matched as in :meth:`update_measure`, so they keep their ids and the
        id lists are not needed. Only when the row does not exist at all is it inserted
        again, the steps (outputs) under ``step_ids`` (``output_ids``) when given, else new.
        """
        measure_id = _require_id(measure)
        _check_position(position)
        if step_ids is not None and len(step_ids) != len(measure.steps):
            raise ValueError(f"{len(step_ids)} step ids for {len(measure.steps)} steps")
        if output_ids is not None and len(output_ids) != len(measure.expected_outputs):
            raise ValueError(
                f"{len(output_ids)} output ids for {len(measure.expected_outputs)} outputs"
            )
        with self.store.transaction() as db:
            rows = self._rows("SELECT deleted_at FROM measures WHERE id = ?", [measure_id])
            if rows and rows[0][0] is None:
                raise StorageError(
                    f"มาตรการ “{measure.title}” ยังอยู่ในฐานข้อมูล (อาจนำกลับมาแล้ว) จึงไม่เพิ่มซ้ำ"
                    " — ปิดหน้ามาตรการแล้วเปิดใหม่เพื่อดูรายการล่าสุด"
                )
            order = self._measure_order(measure.plan_year)
            if rows:
                columns = ("position", *_MEASURE_COLUMNS, "updated_at")
                db.execute(
                    "UPDATE measures SET deleted_at = NULL, "
                    + ", ".join(f"{column} = ?" for column in columns)
                    + " WHERE id = ?",
                    [len(order), *_measure_values(measure), utc_now(), measure_id],
                )
            else:
                self._insert_measure(measure, measure_id, len(order))
            order.insert(position, measure_id)
            self._renumber(order)
            if rows:
                self._replace_items(measure_id, ITEM_STEP, measure.steps)
                self._replace_items(measure_id, ITEM_OUTPUT, measure.expected_outputs)
            else:
                self._insert_items(measure_id, ITEM_STEP, measure.steps, step_ids)
                self._insert_items(measure_id, ITEM_OUTPUT, measure.expected_outputs, output_ids)
            saved = self.measure(measure_id)
        assert saved is not None
        return saved

    def move_measure(self, measure_id: int, new_position: int) -> None:
        """Move a live measure to ``new_position`` within its plan year (past the end: last)."""
        _check_position(new_position)
        with self.store.transaction():
            plan_year = self._live_plan_year(measure_id)
            if plan_year is None:
                raise StorageError(missing_measure_message(""))
            order = [i for i in self._measure_order(plan_year) if i != measure_id]
            order.insert(new_position, measure_id)
            self._renumber(order)

    def _measure_order(self, plan_year: int) -> list[int]:
        return [
            row[0]
            for row in self._rows(
                "SELECT id FROM measures WHERE plan_year = ? AND deleted_at IS NULL"
                " ORDER BY position, id",
                [plan_year],
            )
        ]

    def _renumber(self, ids: Sequence[int]) -> None:
        # Live positions are always 0, 1, 2 … within a year, so a position is also the list
        # index the UI shows and undo remembers. Deleted rows keep theirs, frozen.
        for position, measure_id in enumerate(ids):
            self._db.execute(
                "UPDATE measures SET position = ? WHERE id = ? AND position IS NOT ?",
                [position, measure_id, position],
            )

    def _insert_measure(self, measure: Measure, measure_id: int | None, position: int) -> int:
        columns = ("id", "position", *_MEASURE_COLUMNS, "updated_at")
        cursor = self._db.execute(
            f"INSERT INTO measures ({', '.join(columns)})"
            f" VALUES ({', '.join('?' for _ in columns)})",
            [measure_id, position, *_measure_values(measure), utc_now()],
        )
        if measure_id is not None:
            return measure_id
        assert cursor.lastrowid is not None  # always set after an INSERT of one row
        return cursor.lastrowid

    def _insert_items(
        self,
        measure_id: int,
        kind: str,
        texts: Sequence[str],
        item_ids: Sequence[int | None] | None,
    ) -> None:
        ids = item_ids if item_ids is not None else [None] * len(texts)
        for position, (text, item_id) in enumerate(zip(texts, ids, strict=True)):
            self._db.execute(
                "INSERT INTO measure_steps (id, measure_id, kind, position, text)"
                " VALUES (?, ?, ?, ?, ?)",
                [item_id, measure_id, kind, position, text],
            )

    def _replace_items(self, measure_id: int, kind: str, texts: Sequence[str]) -> None:
        """Make the measure's live rows of ``kind`` read ``texts`` in order, keeping row ids
        by :func:`_match_items`; unwanted rows are soft-deleted, their progress and evidence
        left in place for an undo to find again."""
        live: list[tuple[int, int, str]] = []
        deleted: list[tuple[int, int, str]] = []
        # Latest deleted first (NULL, i.e. live, sorts last), so undoing the last removal
        # revives the row it removed.
        for item_id, position, text, deleted_at in self._rows(
            "SELECT id, position, text, deleted_at FROM measure_steps"
            " WHERE measure_id = ? AND kind = ? ORDER BY deleted_at DESC, id DESC",
            [measure_id, kind],
        ):
            (live if deleted_at is None else deleted).append((item_id, position, text))
        live.sort(key=lambda row: (row[1], row[0]))
        ids = _match_items(list(texts), live, deleted)
        keep = {item_id for item_id in ids if item_id is not None}
        now = utc_now()
        for item_id, _position, _text in live:
            if item_id not in keep:
                self._db.execute(
                    "UPDATE measure_steps SET deleted_at = ? WHERE id = ?", [now, item_id]
                )
        for position, (text, item_id) in enumerate(zip(texts, ids, strict=True)):
            if item_id is None:
                self._db.execute(
                    "INSERT INTO measure_steps (measure_id, kind, position, text)"
                    " VALUES (?, ?, ?, ?)",
                    [measure_id, kind, position, text],
                )
            else:
                self._db.execute(
                    "UPDATE measure_steps SET position = ?, text = ?, deleted_at = NULL"
                    " WHERE id = ?",
                    [position, text, item_id],
                )


def _timeline_to_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "kind": timeline.kind,
        "first_quarter": timeline.first_quarter,
        "last_quarter": timeline.last_quarter,
        "start_month": list(timeline.start_month) if timeline.start_month else None,
        "end_month": list(timeline.end_month) if timeline.end_month else None,
        "start_date": timeline.start_date.isoformat() if timeline.start_date else None,
        "end_date": timeline.end_date.isoformat() if timeline.end_date else None,
    }


def _timeline_from_json(data: Mapping[str, Any]) -> Timeline:
    # Keys missing (e.g. written by a later release that dropped one) fall back to defaults.
    default = Timeline()

    def month(value: Any) -> tuple[int, int] | None:
        return (int(value[0]), int(value[1])) if value else None

    def day(value: Any) -> date | None:
        return date.fromisoformat(value) if value else None

    return Timeline(
        kind=str(data.get("kind", default.kind)),
        first_quarter=int(data.get("first_quarter", default.first_quarter)),
        last_quarter=int(data.get("last_quarter", default.last_quarter)),
        start_month=month(data.get("start_month")),
        end_month=month(data.get("end_month")),
        start_date=day(data.get("start_date")),
        end_date=day(data.get("end_date")),
    )


def _measure_values(measure: Measure) -> list[Any]:
    """The values of _MEASURE_COLUMNS for ``measure``."""
    return [
        measure.plan_year,
        measure.title,
        to_json([int(number) for number in measure.indicators]),
        to_json([int(number) for number in measure.themes]),
        to_json([str(item) for item in measure.oit_items]),
        measure.rationale,
        to_json(_timeline_to_json(measure.timeline)),
        measure.unit,
        measure.follow_up,
        measure.reporting,
        measure.catalogue_key,
    ]


def _measure_from_row(
    row: Sequence[Any], steps: Sequence[str], outputs: Sequence[str] = ()
) -> Measure:
    """A Measure from ``SELECT id, <_MEASURE_COLUMNS>`` and its step and output texts."""
    (
        measure_id,
        plan_year,
        title,
        indicators,
        themes,
        oit_items,
        rationale,
        timeline,
        unit,
        follow_up,
        reporting,
        catalogue_key,
    ) = row
    return Measure(
        plan_year=plan_year,
        title=title,
        indicators=tuple(int(number) for number in json.loads(indicators)),
        themes=tuple(int(number) for number in json.loads(themes)),
        oit_items=tuple(str(item) for item in json.loads(oit_items)),
        rationale=rationale,
        steps=tuple(steps),
        expected_outputs=tuple(outputs),
        timeline=_timeline_from_json(json.loads(timeline)),
        unit=unit,
        follow_up=follow_up,
        reporting=reporting,
        catalogue_key=catalogue_key,
        id=measure_id,
    )


def _require_id(measure: Measure) -> int:
    if measure.id is None:
        raise ValueError("the measure has no id (it was never saved)")
    return measure.id


def _check_position(position: int | None) -> None:
    # list.insert would read a negative position from the end: a caller's bug, not a wish.
    if position is not None and position < 0:
        raise ValueError(f"position must be 0 or more, not {position}")


def missing_measure_message(title: str) -> str:
    name = f" “{title}”" if title else ""
    return f"ไม่พบมาตรการ{name} ในฐานข้อมูล (อาจถูกลบไปแล้ว) — ปิดหน้ามาตรการแล้วเปิดใหม่เพื่อดูรายการล่าสุด"


def _match_items(
    texts: list[str],
    live: list[tuple[int, int, str]],
    deleted: list[tuple[int, int, str]],
) -> list[int | None]:
    """For each wanted text (steps or outputs of one measure), the row id to keep or None for
    a new row. ``live`` and ``deleted`` are (id, position, text) rows of that kind; ``deleted``
    latest removed first. Each row is used at most once, by these rules in turn:

    (a) the same text at the same position; (b) the same text anywhere among live rows (a
    step moved keeps its id); (c) the same text among soft-deleted rows, which is revived (undo
    of a removal brings its tick back); (d) a live row left over at the same position whose
    text changed (a wording fix keeps its tick). A removed row's position is never handed to
    an unrelated new text elsewhere, so an appended step does not inherit a removed one's tick.
    """
    result: list[int | None] = [None] * len(texts)
    used: set[int] = set()

    def assign(rows: list[tuple[int, int, str]], same_text: bool, same_position: bool) -> None:
        for index, text in enumerate(texts):
            if result[index] is not None:
                continue
            for row_id, position, row_text in rows:
                if row_id in used:
                    continue
                if same_text and row_text != text:
                    continue
                if same_position and position != index:
                    continue
                result[index] = row_id
                used.add(row_id)
                break

    assign(live, same_text=True, same_position=True)  # (a)
    assign(live, same_text=True, same_position=False)  # (b)
    assign(deleted, same_text=True, same_position=False)  # (c)
    assign(live, same_text=False, same_position=True)  # (d)
    return result
