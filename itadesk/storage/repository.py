"""Rows ↔ domain values. The only module that knows table and column names.

Scores cross this boundary as :class:`~decimal.Decimal` and are stored as integer hundredths;
the conversion is exact and refuses anything it could not store exactly (a guard: services
validate clerk input first). Every write runs in ``store.transaction()``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from itadesk.domain.office import OfficeProfile, Person, Unit
from itadesk.storage.database import Store

_OFFICE_FIELDS = ("name", "kind", "district", "province", "phone", "doc_prefix")
_MAX_HUNDREDTHS = 10000


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
            )
            for person_id, rank_prefix, full_name, position, acting_position in self._rows(
                "SELECT id, rank_prefix, full_name, position, acting_position FROM people"
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
                order,
            ]
            if person_id is None:
                self._db.execute(
                    "INSERT INTO people (rank_prefix, full_name, position, acting_position,"
                    " position_order) VALUES (?, ?, ?, ?, ?)",
                    values,
                )
            else:
                self._db.execute(
                    "UPDATE people SET rank_prefix = ?, full_name = ?, position = ?,"
                    " acting_position = ?, position_order = ? WHERE id = ?",
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
