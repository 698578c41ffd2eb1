"""Shared by the tracking rules: field names and limits for messages, item helpers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from itadesk.domain.fiscal import (
    fiscal_year_bounds,
    format_thai_date,
)
from itadesk.domain.measures import Measure
from itadesk.domain.tracking import (
    ITEM_OUTPUT,
    ITEM_STEP,
    CheckItem,
    TrackingState,
)

EN_DASH = "\u2013"


NOTE_MAX_CHARS = 2000


NO_THEME = 0  # measures that list no theme are grouped here


NO_THEME_LABEL_TH = "ไม่ระบุประเด็น"


FIELD_STATE = "สถานะ"


FIELD_DONE_DATE = "วันที่ดำเนินการ"


FIELD_REASON = "เหตุผลที่ดำเนินการไม่ได้"


FIELD_NOTE = "หมายเหตุ"


OPEN_STATES = (TrackingState.NOT_STARTED, TrackingState.IN_PROGRESS)


KIND_ORDER = {ITEM_STEP: 0, ITEM_OUTPUT: 1}


MAX_LISTED = 3  # items named in one reminder's detail; the rest are counted


ItemsByMeasure = Mapping[int, Sequence[CheckItem]]


DueItem = tuple[Measure, CheckItem, date]


def short_date(day: date) -> str:
    return format_thai_date(day, "abbr_full_year")


def fiscal_year_text(plan_year: int) -> str:
    start, end = fiscal_year_bounds(plan_year)
    return f"ปีงบประมาณ {plan_year} ({short_date(start)} {EN_DASH} {short_date(end)})"


def items_of(measure: Measure, items_by_measure: ItemsByMeasure) -> Sequence[CheckItem]:
    if measure.id is None:
        return ()
    return items_by_measure.get(measure.id, ())


def is_open(item: CheckItem) -> bool:
    """Still to do: neither done nor declared impossible (unknown states count as open)."""
    return item.state not in (TrackingState.DONE, TrackingState.CANNOT)


def item_label_th(item: CheckItem) -> str:
    """How a reminder names an item: "ขั้นตอนที่ 2" or "ผลผลิต “…”"."""
    if item.kind == ITEM_STEP:
        return f"ขั้นตอนที่ {item.position + 1}"
    return f"ผลผลิต “{item.text.strip()}”"
