"""Progress of each step and output, evidence, each measure's outputs/outcomes and the frozen round
snapshots."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from itadesk.domain.tracking import (
    EVIDENCE_FILE,
    CheckItem,
    Evidence,
    MeasureResult,
    RoundSnapshot,
    TrackingState,
)
from itadesk.errors import StorageError
from itadesk.storage.repositories.base import (
    RepositoryBase,
    stored_year,
    to_json,
    utc_now,
)
from itadesk.storage.repositories.measures import missing_measure_message

_EVIDENCE_SELECT = "e.id, e.kind, e.value, e.label, e.size, e.added_at"

_SNAPSHOT_COLUMNS = "id, plan_year, months, taken_at, content"


class TrackingRepository(RepositoryBase):
    """Progress of each step and output, evidence, each measure's outputs/outcomes and the frozen
    round snapshots."""

    def check_items(self, measure_id: int) -> list[CheckItem]:
        """The live measure's live steps then live expected outputs, by position, each with
        its progress and live evidence ([] if the measure is unknown or deleted)."""
        return self._check_items("m.id = ?", [measure_id]).get(measure_id, [])

    def check_items_for_year(self, plan_year: int) -> dict[int, list[CheckItem]]:
        """Measure id → its check items (as :meth:`check_items`) for every live measure of
        ``plan_year``, in measure order; two queries whatever the number of measures."""
        return self._check_items("m.plan_year = ?", [plan_year])

    def _check_items(self, where: str, params: Sequence[Any]) -> dict[int, list[CheckItem]]:
        evidence: dict[int, list[Evidence]] = {}
        for row in self._rows(
            f"SELECT e.item_id, {_EVIDENCE_SELECT} FROM evidence AS e"
            " JOIN measure_steps AS s ON s.id = e.item_id"
            " JOIN measures AS m ON m.id = s.measure_id"
            f" WHERE {where} AND m.deleted_at IS NULL AND s.deleted_at IS NULL"
            " AND e.deleted_at IS NULL ORDER BY e.item_id, e.id",
            params,
        ):
            evidence.setdefault(row[0], []).append(_evidence_from_row(row[1:]))
        result: dict[int, list[CheckItem]] = {}
        for (
            measure_id,
            item_id,
            kind,
            text,
            position,
            state,
            done_date,
            note,
            reason,
        ) in self._rows(
            "SELECT m.id, s.id, s.kind, s.text, s.position,"
            " p.state, p.done_date, p.note, p.reason FROM measures AS m"
            " LEFT JOIN measure_steps AS s ON s.measure_id = m.id AND s.deleted_at IS NULL"
            " LEFT JOIN item_progress AS p ON p.item_id = s.id"
            f" WHERE {where} AND m.deleted_at IS NULL"
            " ORDER BY m.position, m.id, s.kind = 'output', s.position, s.id",
            params,
        ):
            items = result.setdefault(measure_id, [])
            if item_id is None:  # a measure without steps or outputs still gets its entry
                continue
            items.append(
                CheckItem(
                    measure_id=measure_id,
                    kind=kind,
                    text=text,
                    position=position,
                    # No progress row means the clerk has not touched the item yet.
                    state=state if state is not None else TrackingState.NOT_STARTED,
                    done_date=date.fromisoformat(done_date) if done_date else None,
                    note=note or "",
                    reason=reason or "",
                    evidence=tuple(evidence.get(item_id, ())),
                    id=item_id,
                )
            )
        return result

    def set_item_progress(
        self, item_id: int, state: str, done_date: date | None, note: str, reason: str
    ) -> None:
        """Store the state, date done, note and reason of a live step or output; a plain
        not-started item with nothing written removes the row (no row reads as that)."""
        with self.store.transaction() as db:
            self._require_live_item(item_id)
            if state == TrackingState.NOT_STARTED and done_date is None and not note and not reason:
                db.execute("DELETE FROM item_progress WHERE item_id = ?", [item_id])
                return
            db.execute(
                "INSERT INTO item_progress (item_id, state, done_date, note, reason, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET"
                " state = excluded.state, done_date = excluded.done_date,"
                " note = excluded.note, reason = excluded.reason,"
                " updated_at = excluded.updated_at",
                [
                    item_id,
                    state,
                    done_date.isoformat() if done_date else None,
                    note,
                    reason,
                    utc_now(),
                ],
            )

    def add_evidence(self, item_id: int, evidence: Evidence) -> Evidence:
        """Record evidence (its ``id`` and ``added_at`` are ignored) for a live step or output;
        returns it as saved, with its new id and time added."""
        added_at = utc_now()
        with self.store.transaction() as db:
            self._require_live_item(item_id)
            cursor = db.execute(
                "INSERT INTO evidence (item_id, kind, value, label, size, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [item_id, evidence.kind, evidence.value, evidence.label, evidence.size, added_at],
            )
        return replace(evidence, added_at=datetime.fromisoformat(added_at), id=cursor.lastrowid)

    def remove_evidence(self, evidence_id: int) -> None:
        """Soft-delete evidence (unknown or already removed: nothing); the row stays, so its
        file still counts as in use and :meth:`restore_evidence` brings it back."""
        with self.store.transaction() as db:
            db.execute(
                "UPDATE evidence SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                [utc_now(), evidence_id],
            )

    def restore_evidence(self, evidence_id: int) -> None:
        """Bring soft-deleted evidence back (for undo); already live: nothing."""
        with self.store.transaction() as db:
            if not self._rows("SELECT 1 FROM evidence WHERE id = ?", [evidence_id]):
                raise StorageError(
                    "ไม่พบหลักฐานที่จะนำกลับมาในฐานข้อมูล — ปิดหน้าติดตามผลแล้วเปิดใหม่เพื่อดูรายการล่าสุด"
                )
            db.execute("UPDATE evidence SET deleted_at = NULL WHERE id = ?", [evidence_id])

    def evidence_in_use(self, value: str) -> bool:
        """Whether any evidence row, live or soft-deleted, points at this attachment file —
        if so the file may still be needed (undo, recycle bin) and must not be deleted."""
        return bool(
            self._rows(
                "SELECT 1 FROM evidence WHERE kind = ? AND value = ? LIMIT 1",
                [EVIDENCE_FILE, value],
            )
        )

    def all_evidence_files(self) -> list[str]:
        """Every attachment file some evidence row (live or soft-deleted) points at, sorted."""
        return [
            row[0]
            for row in self._rows(
                "SELECT DISTINCT value FROM evidence WHERE kind = ? ORDER BY value",
                [EVIDENCE_FILE],
            )
        ]

    def measure_result(self, measure_id: int) -> MeasureResult:
        """The measure's outputs and outcomes (empty texts if never written)."""
        rows = self._rows(
            "SELECT outputs, outcomes FROM measure_results WHERE measure_id = ?", [measure_id]
        )
        if not rows:
            return MeasureResult(measure_id)
        return MeasureResult(measure_id, outputs=rows[0][0], outcomes=rows[0][1])

    def measure_results(self, plan_year: int) -> dict[int, MeasureResult]:
        """Measure id → result for every live measure of ``plan_year``, in one query."""
        return {
            measure_id: MeasureResult(measure_id, outputs=outputs or "", outcomes=outcomes or "")
            for measure_id, outputs, outcomes in self._rows(
                "SELECT m.id, r.outputs, r.outcomes FROM measures AS m"
                " LEFT JOIN measure_results AS r ON r.measure_id = m.id"
                " WHERE m.plan_year = ? AND m.deleted_at IS NULL ORDER BY m.position, m.id",
                [plan_year],
            )
        }

    def save_measure_result(self, result: MeasureResult) -> None:
        """Store a live measure's outputs and outcomes; both empty removes the row."""
        with self.store.transaction() as db:
            if self._live_plan_year(result.measure_id) is None:
                raise StorageError(missing_measure_message(""))
            if not result.outputs and not result.outcomes:
                db.execute("DELETE FROM measure_results WHERE measure_id = ?", [result.measure_id])
                return
            db.execute(
                "INSERT INTO measure_results (measure_id, outputs, outcomes, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (measure_id) DO UPDATE SET"
                " outputs = excluded.outputs, outcomes = excluded.outcomes,"
                " updated_at = excluded.updated_at",
                [result.measure_id, result.outputs, result.outcomes, utc_now()],
            )

    def add_snapshot(self, plan_year: int, months: int, content: dict[str, Any]) -> RoundSnapshot:
        """Keep a new snapshot of a round; earlier ones of the same round stay (history)."""
        stored_year(plan_year)
        taken_at, text = utc_now(), to_json(content)
        with self.store.transaction() as db:
            cursor = db.execute(
                "INSERT INTO round_snapshots (plan_year, months, taken_at, content)"
                " VALUES (?, ?, ?, ?)",
                [plan_year, months, taken_at, text],
            )
        # Built from the stored text so the caller holds exactly what a later read returns.
        return _snapshot_from_row((cursor.lastrowid, plan_year, months, taken_at, text))

    def latest_snapshot(self, plan_year: int, months: int) -> RoundSnapshot | None:
        """The round's snapshot: the one taken last, or None if none was taken."""
        # By id, not taken_at: a clock set back must not make an older snapshot "the" one.
        rows = self._rows(
            f"SELECT {_SNAPSHOT_COLUMNS} FROM round_snapshots"
            " WHERE plan_year = ? AND months = ? ORDER BY id DESC LIMIT 1",
            [plan_year, months],
        )
        return _snapshot_from_row(rows[0]) if rows else None

    def snapshots(self, plan_year: int) -> list[RoundSnapshot]:
        """Every snapshot ever taken for ``plan_year`` (both rounds), oldest first."""
        return [
            _snapshot_from_row(row)
            for row in self._rows(
                f"SELECT {_SNAPSHOT_COLUMNS} FROM round_snapshots WHERE plan_year = ? ORDER BY id",
                [plan_year],
            )
        ]

    def _require_live_item(self, item_id: int) -> None:
        # Writing against a removed step would hide what was written until some undo.
        if not self._rows(
            "SELECT 1 FROM measure_steps AS s JOIN measures AS m ON m.id = s.measure_id"
            " WHERE s.id = ? AND s.deleted_at IS NULL AND m.deleted_at IS NULL",
            [item_id],
        ):
            raise StorageError(
                "ไม่พบขั้นตอนหรือผลผลิตที่จะบันทึกในฐานข้อมูล (อาจถูกลบไปแล้ว)"
                " — ปิดหน้าติดตามผลแล้วเปิดใหม่เพื่อดูรายการล่าสุด"
            )


def _evidence_from_row(row: Sequence[Any]) -> Evidence:
    """Evidence from ``SELECT <_EVIDENCE_SELECT>``."""
    evidence_id, kind, value, label, size, added_at = row
    return Evidence(
        kind=kind,
        value=value,
        label=label,
        size=size,
        added_at=datetime.fromisoformat(added_at),
        id=evidence_id,
    )


def _snapshot_from_row(row: Sequence[Any]) -> RoundSnapshot:
    """A RoundSnapshot from ``SELECT <_SNAPSHOT_COLUMNS>``."""
    snapshot_id, plan_year, months, taken_at, content = row
    return RoundSnapshot(
        plan_year=plan_year,
        months=months,
        taken_at=datetime.fromisoformat(taken_at),
        content=json.loads(content),
        id=snapshot_id,
    )


def rename_evidence_files(conn: sqlite3.Connection, renames: Mapping[str, str]) -> int:
    """In the database of ``conn`` (a backup's private copy), point every file evidence stored
    as an old relative name at its new one (``renames``: old → new); an evidence row without a
    label gets the old file name as its label, so the clerk still sees it. Returns the rows
    changed. Committed here: the copy is the caller's own file."""
    changed = 0
    with conn:
        for old, new in renames.items():
            changed += conn.execute(
                "UPDATE evidence SET value = ?,"
                " label = CASE WHEN label = '' THEN ? ELSE label END"
                " WHERE kind = ? AND value = ?",
                [new, old.rpartition("/")[2], EVIDENCE_FILE, old],
            ).rowcount
    return changed
