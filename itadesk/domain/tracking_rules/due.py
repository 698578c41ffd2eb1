"""When each step and expected output is due (spread over the measure's timeline), and which
are overdue."""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from itadesk.domain.measure_rules import timeline_bounds
from itadesk.domain.measures import Measure, TimelineKind
from itadesk.domain.tracking import (
    ITEM_STEP,
    CheckItem,
)
from itadesk.domain.tracking_rules.common import (
    KIND_ORDER,
    DueItem,
    ItemsByMeasure,
    is_open,
    items_of,
)


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_end(index: int) -> date:
    year, month0 = divmod(index, 12)
    return date(year, month0 + 1, calendar.monthrange(year, month0 + 1)[1])


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def item_due_date(measure: Measure, item: CheckItem, plan_year: int) -> date:
    """When ``item`` is due: outputs at the end of the measure's period; step k of n (``k`` is
    ``item.position + 1``, positions being 0-based like the steps' rows) at the end of the k-th
    of n equal slices of the period, rounded up to a month end for whole-year, quarter and
    month timelines and to a day for date timelines.

    Raises ValueError if the measure's timeline is incomplete or ends before it starts.
    """
    start, end = timeline_bounds(measure.timeline, plan_year)
    if end < start:
        raise ValueError("the measure's timeline ends before it starts")
    if item.kind != ITEM_STEP:
        return end
    count = max(len(measure.steps), 1)
    # A step whose position is beyond the current step list (a stale item) is due at the end.
    k = min(max(item.position + 1, 1), count)
    if measure.timeline.kind == TimelineKind.DATES:
        days = (end - start).days + 1
        return start + timedelta(days=_ceil_div(k * days, count) - 1)
    months = _month_index(end) - _month_index(start) + 1
    return _month_end(_month_index(start) + _ceil_div(k * months, count) - 1)


def _sort_key(entry: DueItem, order: Mapping[int, int]) -> tuple[date, int, int, int]:
    measure, item, due = entry
    return (due, order[id(measure)], KIND_ORDER.get(item.kind, 2), item.position)


def _open_items_with_due(
    measures: Sequence[Measure], items_by_measure: ItemsByMeasure
) -> list[DueItem]:
    """Every open item with its due date, sorted by due date then measure and item order.
    Measures whose timeline cannot be read are skipped: a half-edited measure must not stop
    the start page; the measure editor reports the timeline problem."""
    entries: list[DueItem] = []
    for measure in measures:
        for item in items_of(measure, items_by_measure):
            if not is_open(item):
                continue
            try:
                due = item_due_date(measure, item, measure.plan_year)
            except ValueError:
                break
            entries.append((measure, item, due))
    order = {id(measure): index for index, measure in enumerate(measures)}
    return sorted(entries, key=lambda entry: _sort_key(entry, order))


def overdue_items(
    measures: Sequence[Measure], items_by_measure: ItemsByMeasure, today: date
) -> list[DueItem]:
    """Items neither done nor declared impossible whose due date is before ``today``, as
    (measure, item, due date), sorted by due date. Each measure uses its own plan year."""
    return [entry for entry in _open_items_with_due(measures, items_by_measure) if entry[2] < today]
