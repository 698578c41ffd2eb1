"""Measures (มาตรการส่งเสริมคุณธรรมและความโปร่งใส) the office sets for a fiscal year: what they
answer, their ordered steps, timeline in fiscal-year terms, responsible unit and follow-up.

This module holds the value types; the catalogue, timelines' wording and the coverage check
are in ``measure_catalogue`` / ``measure_rules`` (data-driven, see resources/data/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class TimelineKind(StrEnum):
    """How a measure's timeline is given; the values are what storage and the catalogue use."""

    WHOLE_YEAR = "whole_year"  # ตลอดปีงบประมาณ
    QUARTERS = "quarters"  # ไตรมาส 1–2
    MONTHS = "months"  # ต.ค. 2568 – มี.ค. 2569
    DATES = "dates"  # 1 ต.ค. 2568 – 31 ม.ค. 2569


TIMELINE_KINDS = tuple(TimelineKind)


@dataclass(frozen=True)
class Timeline:
    """When a measure runs, inside its fiscal year."""

    kind: str = TimelineKind.WHOLE_YEAR  # a TimelineKind value (checked by the rules)
    first_quarter: int = 1  # for quarters: 1..4
    last_quarter: int = 4
    start_month: tuple[int, int] | None = None  # (BE year, month) for months
    end_month: tuple[int, int] | None = None
    start_date: date | None = None  # for dates
    end_date: date | None = None


@dataclass(frozen=True)
class Measure:
    plan_year: int  # the fiscal year in which the measure is carried out
    title: str
    indicators: tuple[int, ...] = ()
    themes: tuple[int, ...] = ()  # theme numbers (1..7) of the plan year's framework
    oit_items: tuple[str, ...] = ()
    rationale: str = ""  # the analysis finding it answers
    steps: tuple[str, ...] = ()  # ordered; printed ๑) ๒) …
    expected_outputs: tuple[str, ...] = ()  # ผลผลิตที่คาดหวัง, ticked through the year
    timeline: Timeline = field(default_factory=Timeline)
    unit: str = ""  # responsible unit (one of the office's units, or free text)
    follow_up: str = ""  # การกำกับติดตาม
    reporting: str = ""  # การรายงานผล
    catalogue_key: str | None = None
    id: int | None = None
