"""Tracking measures through the year: every step and every expected output of a measure is a
check item with a state, a date done, a note and evidence; each measure has its outputs
(ผลการดำเนินการ) and outcomes (ผลลัพธ์/ผลสัมฤทธิ์); each reporting round is frozen in a
snapshot so a later round never rewrites what an earlier report said.

This module holds the value types; the rules (progress, overdue, due, reminders, snapshot
contents) are in ``tracking_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class TrackingState(StrEnum):
    """Where a check item stands; the values are what storage and snapshots hold."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANNOT = "cannot"  # cannot be done, with a reason


STATES = tuple(TrackingState)
STATE_LABELS_TH: dict[str, str] = {
    TrackingState.NOT_STARTED: "ยังไม่เริ่ม",
    TrackingState.IN_PROGRESS: "กำลังดำเนินการ",
    TrackingState.DONE: "ดำเนินการแล้ว",
    TrackingState.CANNOT: "ดำเนินการไม่ได้",
}

ITEM_STEP = "step"  # one of the measure's ordered steps
ITEM_OUTPUT = "output"  # an expected output (ผลผลิตที่คาดหวัง) the clerk listed
ITEM_KINDS = (ITEM_STEP, ITEM_OUTPUT)

EVIDENCE_FILE = "file"  # a copy kept in the attachments folder next to the database
EVIDENCE_LINK = "link"  # a URL
EVIDENCE_KINDS = (EVIDENCE_FILE, EVIDENCE_LINK)

ROUND_MONTHS = (6, 12)


@dataclass(frozen=True)
class Evidence:
    kind: str
    value: str  # for files: path relative to the attachments folder; for links: the URL
    label: str = ""  # what the clerk calls it (defaults to the file name)
    size: int | None = None  # bytes, for files
    added_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class CheckItem:
    """One tickable line under a measure: a step (linked to the measure's step row, so its
    state survives edits of the step's wording) or an expected output."""

    measure_id: int
    kind: str
    text: str
    position: int
    state: str = TrackingState.NOT_STARTED  # a TrackingState value (checked by validate_item)
    done_date: date | None = None
    note: str = ""
    reason: str = ""  # required when state is TrackingState.CANNOT
    evidence: tuple[Evidence, ...] = ()
    id: int | None = None  # the step row id (steps) or the output row id (outputs)


@dataclass(frozen=True)
class MeasureResult:
    measure_id: int
    outputs: str = ""  # ผลการดำเนินการ (output)
    outcomes: str = ""  # ผลลัพธ์/ผลสัมฤทธิ์ (outcome)


@dataclass(frozen=True)
class RoundSnapshot:
    """What a round's report said, frozen when it was taken. ``content`` is plain JSON-able
    data built by ``tracking_rules.snapshot_content``; it is never edited afterwards."""

    plan_year: int
    months: int
    taken_at: datetime
    content: dict[str, Any]
    id: int | None = None
