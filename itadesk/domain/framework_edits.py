"""Frameworks made from another one, as data to save: a new year started from the last one, an
imported item list, a clerk's own item codes and item texts.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from itadesk.domain.framework_data import framework_to_data
from itadesk.domain.framework_model import (
    ITEM_CODE_PATTERN,
    MAX_FISCAL_YEAR,
    MIN_FISCAL_YEAR,
    Framework,
)
from itadesk.errors import FrameworkError


def derive_framework(base: Framework, fiscal_year: int) -> dict[str, Any]:
    """A new year's framework started from ``base``: same structure, flagged for checking."""
    if not MIN_FISCAL_YEAR <= fiscal_year <= MAX_FISCAL_YEAR:
        raise FrameworkError(f"ปีงบประมาณต้องอยู่ระหว่าง {MIN_FISCAL_YEAR} ถึง {MAX_FISCAL_YEAR}")
    data = copy.deepcopy(framework_to_data(base))
    data["fiscal_year"] = fiscal_year
    data["source"] = "user"
    note = (
        f"ปีงบประมาณ {fiscal_year} เริ่มจากกรอบของปี {base.fiscal_year} "
        "โปรดตรวจสอบกับคู่มือการประเมินของสำนักงาน ป.ป.ช. ของปีนี้"
    )
    data["unconfirmed_th"] = [note, *data["unconfirmed_th"]]
    return data


def replace_items(
    base: Framework, items: Iterable[Mapping[str, Any]], tools: Iterable[str]
) -> dict[str, Any]:
    """A copy of ``base`` whose item list for ``tools`` is replaced by ``items`` (clerk import).

    Items of other tools are kept; themes drop codes that no longer exist.
    """
    replaced = set(tools)
    data = framework_to_data(base)
    tool_of = {indicator.number: indicator.tool for indicator in base.indicators}
    kept = [item for item in data["items"] if tool_of.get(item["indicator"]) not in replaced]
    data["items"] = kept + [dict(item) for item in items]
    codes = {item["code"] for item in data["items"] if isinstance(item, dict) and "code" in item}
    for theme in data["themes"]:
        theme["items"] = [code for code in theme["items"] if code in codes]
    for tool in replaced:
        data["items_known"][tool] = True
    data["source"] = "user"
    return data


# --------------------------------------------------------------------------- a clerk's items

# The tool each kind of item code belongs to: questions i… are the IIT's, e… the EIT's and the
# OIT's items are O…; the clerk picks which of the tool's indicators a new code is under.
ITEM_CODE_TOOLS = {"i": "IIT", "e": "EIT", "O": "OIT"}
_ITEM_CODE_ORDER = "ieO"


def tool_of_item_code(code: str) -> str:
    """ "IIT", "EIT" or "OIT" for an item code (i…, e…, O…)."""
    if not ITEM_CODE_PATTERN.match(code):
        raise FrameworkError(f"รหัสข้อ “{code}” ต้องเป็น i, e หรือ O ตามด้วยเลข เช่น i1, e5, O11")
    return ITEM_CODE_TOOLS[code[0]]


def indicators_for_item_code(framework: Framework, code: str) -> tuple[int, ...]:
    """The indicators an item with ``code`` may be under: those of its tool."""
    tool = tool_of_item_code(code)
    return tuple(i.number for i in framework.indicators if i.tool == tool)


def item_code_order(code: str) -> tuple[int, int]:
    """i… before e… before O…, then by number (i2 before i10)."""
    return (
        (_ITEM_CODE_ORDER.index(code[0]), int(code[1:]))
        if ITEM_CODE_PATTERN.match(code)
        else (
            len(_ITEM_CODE_ORDER),
            0,
        )
    )


@dataclass(frozen=True)
class ItemEntry:
    """An item the clerk adds by its code: the indicator it is under, wording if known."""

    code: str
    indicator: int
    text_th: str | None = None


def with_items(base: Framework, entries: Iterable[ItemEntry]) -> dict[str, Any]:
    """A copy of ``base``'s data with ``entries`` added (for the years whose item lists are not
    published: the clerk enters items by code, wording optional). A code already listed under
    the same indicator only takes the wording given; under another indicator it is refused."""
    data = framework_to_data(base)
    tool_of = {indicator.number: indicator.tool for indicator in base.indicators}
    listed = {item["code"]: item for item in data["items"]}
    for entry in entries:
        tool = tool_of_item_code(entry.code)
        if tool_of.get(entry.indicator) != tool:
            allowed = ", ".join(str(n) for n in indicators_for_item_code(base, entry.code))
            raise FrameworkError(
                f"ข้อ {entry.code}: เป็นข้อของ {tool} อยู่ได้เฉพาะตัวชี้วัดที่ {allowed} "
                f"ไม่ใช่ตัวชี้วัดที่ {entry.indicator}"
            )
        text = (entry.text_th or "").strip() or None
        existing = listed.get(entry.code)
        if existing is None:
            item: dict[str, Any] = {
                "code": entry.code,
                "indicator": entry.indicator,
                "kind": "oit" if tool == "OIT" else "scale",
            }
            if text:
                item["text_th"] = text
            data["items"].append(item)
            listed[entry.code] = item
        elif existing["indicator"] != entry.indicator:
            raise FrameworkError(
                f"ข้อ {entry.code} อยู่ในตัวชี้วัดที่ {existing['indicator']} แล้ว "
                f"— ลบข้อนี้ก่อนถ้าจะย้ายไปตัวชี้วัดที่ {entry.indicator}"
            )
        elif text:
            existing["text_th"] = text
    data["items"].sort(key=lambda item: item_code_order(item["code"]))
    data["source"] = "user"
    return data


def without_items(base: Framework, codes: Iterable[str]) -> dict[str, Any]:
    """A copy of ``base``'s data without the items ``codes`` (themes forget them too)."""
    gone = set(codes)
    data = framework_to_data(base)
    data["items"] = [item for item in data["items"] if item["code"] not in gone]
    for theme in data["themes"]:
        theme["items"] = [code for code in theme["items"] if code not in gone]
    data["source"] = "user"
    return data


def with_item_texts(base: Framework, texts: Mapping[str, str]) -> dict[str, Any]:
    """A copy of ``base``'s data where each item ``code`` reads ``texts[code]`` (empty: no
    wording)."""
    data = framework_to_data(base)
    by_code = {item["code"]: item for item in data["items"]}
    for code, text in texts.items():
        item = by_code.get(code)
        if item is None:
            raise FrameworkError(f"ปีงบประมาณ {base.fiscal_year} ไม่มีข้อ {code}")
        if text.strip():
            item["text_th"] = text.strip()
        else:
            item.pop("text_th", None)
    data["source"] = "user"
    return data
