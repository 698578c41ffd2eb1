"""Rows ↔ domain values. The only module that knows table and column names.

Scores cross this boundary as :class:`~decimal.Decimal` and are stored as integer hundredths;
the conversion is exact and refuses anything it could not store exactly (a guard: services
validate clerk input first). Every write runs in ``store.transaction()``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from itadesk.domain.analysis import INDICATOR_FIELDS, Analysis, AnalysisSection, SectionKey
from itadesk.domain.measures import Measure, Timeline
from itadesk.domain.memo import CommentStep, MemoSettings
from itadesk.domain.office import OfficeProfile, Person, Role, Unit
from itadesk.domain.tracking import (
    EVIDENCE_FILE,
    ITEM_OUTPUT,
    ITEM_STEP,
    STATE_NOT_STARTED,
    CheckItem,
    Evidence,
    MeasureResult,
    RoundSnapshot,
)
from itadesk.errors import StorageError
from itadesk.storage.database import Store

_OFFICE_FIELDS = ("name", "kind", "district", "province", "phone", "doc_prefix")
_MAX_HUNDREDTHS = 10000
# analysis_sections.indicator of the summary (SectionKey.indicator None).
_SUMMARY_INDICATOR = 0
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
_EVIDENCE_SELECT = "e.id, e.kind, e.value, e.label, e.size, e.added_at"
_SNAPSHOT_COLUMNS = "id, plan_year, months, taken_at, content"
_MEMO_COLUMNS = (
    "running_number",
    "memo_date",
    "signer_person_id",
    "subject",
    "salutation",
    "paragraphs",
)


def to_hundredths(value: Decimal | int) -> int:
    """86.92 → 8692. Raises ValueError for more than 2 decimals or outside 0–100."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        # float is refused on purpose: 86.92 as a float is not 86.92.
        raise TypeError(f"score must be Decimal or int, not {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"score must be a finite number, got {value!r}")
    scaled = number.scaleb(2)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"score {value} has more than 2 decimals")
    hundredths = int(scaled)
    if not 0 <= hundredths <= _MAX_HUNDREDTHS:
        raise ValueError(f"score {value} is outside 0–100")
    return hundredths


def from_hundredths(hundredths: int) -> Decimal:
    """8692 → Decimal("86.92") (always 2 decimals, so 100 reads back as 100.00)."""
    return Decimal(hundredths).scaleb(-2)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dump(value: Any) -> str:
    # NaN/Infinity are not JSON; refusing them keeps the json_valid CHECK meaningful.
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


class Repository:
    """Reads and writes one office's data through an open :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def _db(self) -> Database:
        return self.store.db

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._db.execute(sql, params).fetchall()

    # ----------------------------------------------------------------------- office

    def get_office(self) -> OfficeProfile:
        """The profile with its units and people in their saved order (defaults if never saved)."""
        rows = self._rows(f"SELECT {', '.join(_OFFICE_FIELDS)} FROM office WHERE id = 1")
        profile = OfficeProfile()
        if rows:
            profile = OfficeProfile(**dict(zip(_OFFICE_FIELDS, rows[0], strict=True)))
        units = tuple(
            Unit(name=name, id=unit_id)
            for unit_id, name in self._rows("SELECT id, name FROM units ORDER BY position, id")
        )
        people = tuple(
            Person(
                full_name=full_name,
                position=position,
                rank_prefix=rank_prefix,
                acting_position=acting_position,
                id=person_id,
                role=Role(role),
            )
            for person_id, rank_prefix, full_name, position, acting_position, role in self._rows(
                "SELECT id, rank_prefix, full_name, position, acting_position, role FROM people"
                " ORDER BY position_order, id"
            )
        )
        return replace(profile, units=units, people=people)

    def save_office(self, profile: OfficeProfile) -> OfficeProfile:
        """Replace the profile, units and people; return it as saved (with ids).

        A unit or person keeps its id when the given one still exists, otherwise when the name
        matches a saved one, so later tables can refer to them across edits.
        """
        with self.store.transaction() as db:
            values = [getattr(profile, field) for field in _OFFICE_FIELDS]
            columns = (*_OFFICE_FIELDS, "updated_at")
            db.execute(
                f"INSERT INTO office (id, {', '.join(columns)})"
                f" VALUES (1, {', '.join('?' for _ in columns)}) ON CONFLICT (id) DO UPDATE SET "
                + ", ".join(f"{column} = excluded.{column}" for column in columns),
                [*values, _now()],
            )
            self._save_units(profile.units)
            self._save_people(profile.people)
        return self.get_office()

    def _save_units(self, units: tuple[Unit, ...]) -> None:
        saved = dict(self._rows("SELECT id, name FROM units ORDER BY id"))
        ids = _match_ids([(unit.id, unit.name) for unit in units], saved)
        keep = {unit_id for unit_id in ids if unit_id is not None}
        for unit_id in saved.keys() - keep:
            self._db.execute("DELETE FROM units WHERE id = ?", [unit_id])
        # Names are UNIQUE: park kept rows on placeholder names first so that swapping two
        # names does not collide halfway.
        for unit_id in keep:
            self._db.execute("UPDATE units SET name = ? WHERE id = ?", [f"\x00{unit_id}", unit_id])
        for position, (unit, unit_id) in enumerate(zip(units, ids, strict=True)):
            if unit_id is None:
                self._db.execute(
                    "INSERT INTO units (name, position) VALUES (?, ?)", [unit.name, position]
                )
            else:
                self._db.execute(
                    "UPDATE units SET name = ?, position = ? WHERE id = ?",
                    [unit.name, position, unit_id],
                )

    def _save_people(self, people: tuple[Person, ...]) -> None:
        saved = dict(self._rows("SELECT id, full_name FROM people ORDER BY id"))
        ids = _match_ids([(person.id, person.full_name) for person in people], saved)
        keep = {person_id for person_id in ids if person_id is not None}
        for person_id in saved.keys() - keep:
            self._db.execute("DELETE FROM people WHERE id = ?", [person_id])
        for order, (person, person_id) in enumerate(zip(people, ids, strict=True)):
            values = [
                person.rank_prefix,
                person.full_name,
                person.position,
                person.acting_position,
                str(person.role),
                order,
            ]
            if person_id is None:
                self._db.execute(
                    "INSERT INTO people (rank_prefix, full_name, position, acting_position,"
                    " role, position_order) VALUES (?, ?, ?, ?, ?, ?)",
                    values,
                )
            else:
                self._db.execute(
                    "UPDATE people SET rank_prefix = ?, full_name = ?, position = ?,"
                    " acting_position = ?, role = ?, position_order = ? WHERE id = ?",
                    [*values, person_id],
                )

    # ----------------------------------------------------------------------- scores

    def indicator_scores(self, fiscal_year: int) -> dict[int, Decimal]:
        """Indicator number → score, in indicator order."""
        return {
            indicator: from_hundredths(hundredths)
            for indicator, hundredths in self._rows(
                "SELECT indicator, score_hundredths FROM indicator_scores"
                " WHERE fiscal_year = ? ORDER BY indicator",
                [fiscal_year],
            )
        }

    def set_indicator_score(self, fiscal_year: int, indicator: int, value: Decimal | None) -> None:
        """Store one score; None removes it."""
        self.set_indicator_scores(fiscal_year, {indicator: value})

    def set_indicator_scores(self, fiscal_year: int, scores: Mapping[int, Decimal | None]) -> None:
        """Store several scores in one transaction (a paste is one save); None removes one."""
        converted = {
            indicator: None if value is None else to_hundredths(value)
            for indicator, value in scores.items()
        }
        with self.store.transaction():
            self._touch_assessment(fiscal_year)
            for indicator, hundredths in converted.items():
                if hundredths is None:
                    self._db.execute(
                        "DELETE FROM indicator_scores WHERE fiscal_year = ? AND indicator = ?",
                        [fiscal_year, indicator],
                    )
                else:
                    self._db.execute(
                        "INSERT INTO indicator_scores (fiscal_year, indicator, score_hundredths)"
                        " VALUES (?, ?, ?) ON CONFLICT (fiscal_year, indicator)"
                        " DO UPDATE SET score_hundredths = excluded.score_hundredths",
                        [fiscal_year, indicator, hundredths],
                    )
            self._drop_empty_assessment(fiscal_year)

    def item_scores(self, fiscal_year: int) -> dict[str, Decimal]:
        """Item code (i1, e3, O12 …) → score, ordered by code as stored."""
        return {
            code: from_hundredths(hundredths)
            for code, hundredths in self._rows(
                "SELECT code, score_hundredths FROM item_scores WHERE fiscal_year = ?"
                " ORDER BY code",
                [fiscal_year],
            )
        }

    def set_item_score(self, fiscal_year: int, code: str, value: Decimal | None) -> None:
        """Store one item's score; None removes it."""
        self.set_item_scores(fiscal_year, {code: value})

    def set_item_scores(self, fiscal_year: int, scores: Mapping[str, Decimal | None]) -> None:
        """Store several item scores in one transaction; None removes one."""
        converted = {
            code: None if value is None else to_hundredths(value) for code, value in scores.items()
        }
        with self.store.transaction():
            self._touch_assessment(fiscal_year)
            for code, hundredths in converted.items():
                if hundredths is None:
                    self._db.execute(
                        "DELETE FROM item_scores WHERE fiscal_year = ? AND code = ?",
                        [fiscal_year, code],
                    )
                else:
                    self._db.execute(
                        "INSERT INTO item_scores (fiscal_year, code, score_hundredths)"
                        " VALUES (?, ?, ?) ON CONFLICT (fiscal_year, code)"
                        " DO UPDATE SET score_hundredths = excluded.score_hundredths",
                        [fiscal_year, code, hundredths],
                    )
            self._drop_empty_assessment(fiscal_year)

    def official_total(self, fiscal_year: int) -> Decimal | None:
        """The total NACC published for the year, if the clerk entered it."""
        rows = self._rows(
            "SELECT official_total_hundredths FROM assessments WHERE fiscal_year = ?",
            [fiscal_year],
        )
        if not rows or rows[0][0] is None:
            return None
        return from_hundredths(rows[0][0])

    def set_official_total(self, fiscal_year: int, value: Decimal | None) -> None:
        hundredths = None if value is None else to_hundredths(value)
        with self.store.transaction():
            self._touch_assessment(fiscal_year)
            self._db.execute(
                "UPDATE assessments SET official_total_hundredths = ? WHERE fiscal_year = ?",
                [hundredths, fiscal_year],
            )
            self._drop_empty_assessment(fiscal_year)

    def fiscal_years(self) -> list[int]:
        """Years with any score or an official total, ascending (framework overrides alone
        do not count: see :meth:`framework_overrides`)."""
        return [
            row[0]
            for row in self._rows(
                "SELECT fiscal_year FROM assessments WHERE official_total_hundredths IS NOT NULL"
                " UNION SELECT fiscal_year FROM indicator_scores"
                " UNION SELECT fiscal_year FROM item_scores"
                " ORDER BY fiscal_year"
            )
        ]

    def _touch_assessment(self, fiscal_year: int) -> None:
        self._db.execute(
            "INSERT INTO assessments (fiscal_year, updated_at) VALUES (?, ?)"
            " ON CONFLICT (fiscal_year) DO UPDATE SET updated_at = excluded.updated_at",
            [fiscal_year, _now()],
        )

    def _drop_empty_assessment(self, fiscal_year: int) -> None:
        # A year whose last score was cleared should not linger as an empty assessment.
        self._db.execute(
            "DELETE FROM assessments WHERE fiscal_year = ? AND official_total_hundredths IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM indicator_scores WHERE fiscal_year = ?)"
            " AND NOT EXISTS (SELECT 1 FROM item_scores WHERE fiscal_year = ?)",
            [fiscal_year, fiscal_year, fiscal_year],
        )

    # ----------------------------------------------------------------------- frameworks

    def framework_overrides(self) -> dict[int, dict[str, Any]]:
        """Fiscal year → framework document saved by the clerk (edited, imported or new)."""
        return {
            fiscal_year: json.loads(definition)
            for fiscal_year, definition in self._rows(
                "SELECT fiscal_year, definition FROM frameworks ORDER BY fiscal_year"
            )
        }

    def save_framework_override(self, fiscal_year: int, data: dict[str, Any] | None) -> None:
        """Store the year's framework document; None removes it (back to the bundled one)."""
        with self.store.transaction() as db:
            if data is None:
                db.execute("DELETE FROM frameworks WHERE fiscal_year = ?", [fiscal_year])
            else:
                db.execute(
                    "INSERT INTO frameworks (fiscal_year, definition, updated_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (fiscal_year) DO UPDATE SET definition = excluded.definition,"
                    " updated_at = excluded.updated_at",
                    [fiscal_year, _dump(data), _now()],
                )

    # ----------------------------------------------------------------------- settings

    def get_setting(self, key: str, default: Any = None) -> Any:
        """The JSON value stored under ``key``, or ``default``."""
        rows = self._rows("SELECT value FROM settings WHERE key = ?", [key])
        return json.loads(rows[0][0]) if rows else default

    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable value; None removes the key (get_setting → default)."""
        with self.store.transaction() as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, _dump(value)],
                )

    # ----------------------------------------------------------------------- analysis

    def analysis(self, fiscal_year: int) -> Analysis:
        """The year's analysis, sections in document order (per indicator the four fields,
        then the summary); an empty Analysis if nothing was saved."""
        sections = [
            AnalysisSection(
                key=SectionKey(None if indicator == _SUMMARY_INDICATOR else indicator, field),
                text=text,
                drafted_text=drafted_text,
            )
            for indicator, field, text, drafted_text in self._rows(
                "SELECT indicator, field, text, drafted_text FROM analysis_sections"
                " WHERE fiscal_year = ?",
                [fiscal_year],
            )
        ]
        sections.sort(key=_section_order)
        return Analysis(fiscal_year=fiscal_year, sections=tuple(sections))

    def save_analysis(self, analysis: Analysis) -> None:
        """Replace every section of ``analysis.fiscal_year`` with the given ones."""
        with self.store.transaction() as db:
            wanted = {_section_row_key(section.key) for section in analysis.sections}
            saved = self._rows(
                "SELECT indicator, field FROM analysis_sections WHERE fiscal_year = ?",
                [analysis.fiscal_year],
            )
            for indicator, field in {tuple(row) for row in saved} - wanted:
                db.execute(
                    "DELETE FROM analysis_sections"
                    " WHERE fiscal_year = ? AND indicator = ? AND field = ?",
                    [analysis.fiscal_year, indicator, field],
                )
            for section in analysis.sections:
                self._upsert_section(analysis.fiscal_year, section)

    def save_analysis_section(self, fiscal_year: int, section: AnalysisSection) -> None:
        """Insert or replace one section of the year's analysis."""
        with self.store.transaction():
            self._upsert_section(fiscal_year, section)

    def _upsert_section(self, fiscal_year: int, section: AnalysisSection) -> None:
        indicator, field = _section_row_key(section.key)
        # updated_at moves only when the words change, so a whole-analysis save (undo, redraft
        # of other sections) does not make every section look freshly edited.
        self._db.execute(
            "INSERT INTO analysis_sections"
            " (fiscal_year, indicator, field, text, drafted_text, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (fiscal_year, indicator, field) DO UPDATE SET"
            " text = excluded.text, drafted_text = excluded.drafted_text,"
            " updated_at = CASE WHEN text IS excluded.text AND drafted_text IS"
            " excluded.drafted_text THEN updated_at ELSE excluded.updated_at END",
            [fiscal_year, indicator, field, section.text, section.drafted_text, _now()],
        )

    # ----------------------------------------------------------------------- measures

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

    def year_contents(self, fiscal_year: int) -> dict[str, int]:
        """How much the clerk has stored for the cycle assessed in ``fiscal_year``: its scores,
        analysis and memos, and the measures and rounds of its plan year (``fiscal_year + 1``).
        Keys name what is counted; zero counts are left out."""
        plan_year = fiscal_year + 1
        queries = {
            "scores": (
                "SELECT (SELECT count(*) FROM indicator_scores WHERE fiscal_year = ?)"
                " + (SELECT count(*) FROM item_scores WHERE fiscal_year = ?)"
                " + (SELECT count(*) FROM assessments WHERE fiscal_year = ?"
                " AND official_total_hundredths IS NOT NULL)",
                [fiscal_year, fiscal_year, fiscal_year],
            ),
            "analysis": (
                "SELECT count(*) FROM analysis_sections WHERE fiscal_year = ? AND text <> ''",
                [fiscal_year],
            ),
            "memos": (
                "SELECT count(*) FROM memos WHERE fiscal_year IN (?, ?)",
                [fiscal_year, plan_year],
            ),
            "measures": (
                "SELECT count(*) FROM measures WHERE plan_year = ? AND deleted_at IS NULL",
                [plan_year],
            ),
            "rounds": ("SELECT count(*) FROM round_snapshots WHERE plan_year = ?", [plan_year]),
        }
        counts = {
            key: self._db.execute(sql, args).fetchone()[0] for key, (sql, args) in queries.items()
        }
        return {key: count for key, count in counts.items() if count}

    def plan_years(self) -> list[int]:
        """Years that have at least one live measure, ascending."""
        return [
            row[0]
            for row in self._rows(
                "SELECT DISTINCT plan_year FROM measures WHERE deleted_at IS NULL ORDER BY 1"
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
        measure_id = _require_id(measure)
        with self.store.transaction() as db:
            old_year = self._live_plan_year(measure_id)
            if old_year is None:
                raise StorageError(_missing_measure_message(measure.title))
            values = _measure_values(measure)
            db.execute(
                "UPDATE measures SET "
                + ", ".join(f"{column} = ?" for column in (*_MEASURE_COLUMNS, "updated_at"))
                + " WHERE id = ?",
                [*values, _now(), measure_id],
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
            db.execute("UPDATE measures SET deleted_at = ? WHERE id = ?", [_now(), measure_id])
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
                    [len(order), *_measure_values(measure), _now(), measure_id],
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
                raise StorageError(_missing_measure_message(""))
            order = [i for i in self._measure_order(plan_year) if i != measure_id]
            order.insert(new_position, measure_id)
            self._renumber(order)

    def _live_plan_year(self, measure_id: int) -> int | None:
        rows = self._rows(
            "SELECT plan_year FROM measures WHERE id = ? AND deleted_at IS NULL", [measure_id]
        )
        return rows[0][0] if rows else None

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
            [measure_id, position, *_measure_values(measure), _now()],
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
        now = _now()
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

    # ----------------------------------------------------------------------- tracking

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
                    state=state if state is not None else STATE_NOT_STARTED,
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
            if state == STATE_NOT_STARTED and done_date is None and not note and not reason:
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
                    _now(),
                ],
            )

    def add_evidence(self, item_id: int, evidence: Evidence) -> Evidence:
        """Record evidence (its ``id`` and ``added_at`` are ignored) for a live step or output;
        returns it as saved, with its new id and time added."""
        added_at = _now()
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
                [_now(), evidence_id],
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
                raise StorageError(_missing_measure_message(""))
            if not result.outputs and not result.outcomes:
                db.execute("DELETE FROM measure_results WHERE measure_id = ?", [result.measure_id])
                return
            db.execute(
                "INSERT INTO measure_results (measure_id, outputs, outcomes, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (measure_id) DO UPDATE SET"
                " outputs = excluded.outputs, outcomes = excluded.outcomes,"
                " updated_at = excluded.updated_at",
                [result.measure_id, result.outputs, result.outcomes, _now()],
            )

    def add_snapshot(self, plan_year: int, months: int, content: dict[str, Any]) -> RoundSnapshot:
        """Keep a new snapshot of a round; earlier ones of the same round stay (history)."""
        taken_at, text = _now(), _dump(content)
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

    # ----------------------------------------------------------------------- memos

    def comment_chain(self) -> list[CommentStep]:
        """The office's comment chain in order ([] if never saved)."""
        return [
            CommentStep(heading=heading, person_id=person_id, comment=comment, id=step_id)
            for step_id, heading, person_id, comment in self._rows(
                "SELECT id, heading, person_id, comment FROM comment_chain ORDER BY position, id"
            )
        ]

    def save_comment_chain(self, steps: Sequence[CommentStep]) -> None:
        """Replace the comment chain; a step keeps its row when its id (else its heading)
        matches a saved one."""
        with self.store.transaction() as db:
            saved = dict(self._rows("SELECT id, heading FROM comment_chain ORDER BY id"))
            ids = _match_ids([(step.id, step.heading) for step in steps], saved)
            keep = {step_id for step_id in ids if step_id is not None}
            for step_id in saved.keys() - keep:
                db.execute("DELETE FROM comment_chain WHERE id = ?", [step_id])
            for position, (step, step_id) in enumerate(zip(steps, ids, strict=True)):
                values = [position, step.heading, step.person_id, step.comment]
                if step_id is None:
                    db.execute(
                        "INSERT INTO comment_chain (position, heading, person_id, comment)"
                        " VALUES (?, ?, ?, ?)",
                        values,
                    )
                else:
                    db.execute(
                        "UPDATE comment_chain SET position = ?, heading = ?, person_id = ?,"
                        " comment = ? WHERE id = ?",
                        [*values, step_id],
                    )

    def memo_settings(self, fiscal_year: int, kind: str) -> MemoSettings:
        """What the clerk chose for this memo; all defaults when nothing was saved."""
        rows = self._rows(
            f"SELECT {', '.join(_MEMO_COLUMNS)} FROM memos WHERE fiscal_year = ? AND kind = ?",
            [fiscal_year, kind],
        )
        if not rows:
            return MemoSettings(fiscal_year=fiscal_year, kind=kind)
        number, memo_date, signer, subject, salutation, paragraphs = rows[0]
        return MemoSettings(
            fiscal_year=fiscal_year,
            kind=kind,
            running_number=number,
            memo_date=date.fromisoformat(memo_date) if memo_date else None,
            signer_person_id=signer,
            subject=subject,
            salutation=salutation,
            paragraphs=tuple(str(p) for p in json.loads(paragraphs)),
        )

    def save_memo_settings(self, settings: MemoSettings) -> None:
        """Insert or replace the settings of one memo (year and kind)."""
        values = [
            settings.running_number,
            settings.memo_date.isoformat() if settings.memo_date else None,
            settings.signer_person_id,
            settings.subject,
            settings.salutation,
            _dump(list(settings.paragraphs)),
        ]
        columns = ("fiscal_year", "kind", *_MEMO_COLUMNS, "updated_at")
        with self.store.transaction() as db:
            db.execute(
                f"INSERT INTO memos ({', '.join(columns)})"
                f" VALUES ({', '.join('?' for _ in columns)}) ON CONFLICT (fiscal_year, kind)"
                " DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in (*_MEMO_COLUMNS, "updated_at")),
                [settings.fiscal_year, settings.kind, *values, _now()],
            )


def _match_ids(wanted: list[tuple[int | None, str]], saved: dict[int, str]) -> list[int | None]:
    """For each (id, name) wanted, the saved id to reuse or None for a new row.

    An id still present wins (a rename keeps the row); then an unused saved row of the same
    name (a re-typed list keeps its rows); each saved row is used at most once.
    """
    result: list[int | None] = [None] * len(wanted)
    used: set[int] = set()
    for index, (wanted_id, _name) in enumerate(wanted):
        if wanted_id is not None and wanted_id in saved and wanted_id not in used:
            result[index] = wanted_id
            used.add(wanted_id)
    for index, (_wanted_id, name) in enumerate(wanted):
        if result[index] is not None:
            continue
        for saved_id, saved_name in saved.items():
            if saved_id not in used and saved_name == name:
                result[index] = saved_id
                used.add(saved_id)
                break
    return result


def _section_row_key(key: SectionKey) -> tuple[int, str]:
    if key.indicator is not None and key.indicator <= _SUMMARY_INDICATOR:
        raise ValueError(f"indicator must be None (summary) or at least 1, not {key.indicator}")
    return (_SUMMARY_INDICATOR if key.indicator is None else key.indicator), key.field


def _section_order(section: AnalysisSection) -> tuple[int, int, int, str]:
    """Document order: indicators ascending, their fields as printed, the summary last."""
    indicator, field = section.key.indicator, section.key.field
    known = INDICATOR_FIELDS.index(field) if field in INDICATOR_FIELDS else len(INDICATOR_FIELDS)
    return (indicator is None, indicator or 0, known, field)


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
        _dump([int(number) for number in measure.indicators]),
        _dump([int(number) for number in measure.themes]),
        _dump([str(item) for item in measure.oit_items]),
        measure.rationale,
        _dump(_timeline_to_json(measure.timeline)),
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


def _require_id(measure: Measure) -> int:
    if measure.id is None:
        raise ValueError("the measure has no id (it was never saved)")
    return measure.id


def _check_position(position: int | None) -> None:
    # list.insert would read a negative position from the end: a caller's bug, not a wish.
    if position is not None and position < 0:
        raise ValueError(f"position must be 0 or more, not {position}")


def _missing_measure_message(title: str) -> str:
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
