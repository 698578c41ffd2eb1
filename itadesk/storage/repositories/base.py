"""Shared by the repositories: exact score conversion, timestamps, JSON, the base class.

The repositories are the only modules that know table and column names. Scores cross the
boundary as :class:`~decimal.Decimal` and are stored as integer hundredths; the conversion is
exact and refuses anything it could not store exactly (a guard: services validate clerk input
first). Every write runs in ``store.transaction()``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from itadesk.domain.validation import FIRST_ITA_YEAR, check_fiscal_year
from itadesk.storage.database import Store

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


def stored_year(year: object) -> int:
    """A guard on every write keyed by a year: what the services refuse (not a whole number,
    before the first ITA year 2560 — no framework, no measure rule takes it — or after 2700)
    is refused here too, with a Thai ValidationError."""
    return check_fiscal_year(year, minimum=FIRST_ITA_YEAR)


def from_hundredths(hundredths: int) -> Decimal:
    """8692 → Decimal("86.92") (always 2 decimals, so 100 reads back as 100.00)."""
    return Decimal(hundredths).scaleb(-2)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_json(value: Any) -> str:
    # NaN/Infinity are not JSON; refusing them keeps the json_valid CHECK meaningful.
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def match_ids(wanted: list[tuple[int | None, str]], saved: dict[int, str]) -> list[int | None]:
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


class RepositoryBase:
    """Reads and writes one aggregate of one office's data through an open :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def _db(self) -> Database:
        return self.store.db

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._db.execute(sql, params).fetchall()

    def _live_plan_year(self, measure_id: int) -> int | None:
        """The plan year of a live (not deleted) measure, or None (measures and tracking both
        refuse to write against a deleted one)."""
        rows = self._rows(
            "SELECT plan_year FROM measures WHERE id = ? AND deleted_at IS NULL", [measure_id]
        )
        return rows[0][0] if rows else None
