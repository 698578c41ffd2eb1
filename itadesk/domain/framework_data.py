"""A framework's JSON form: read and validated (``parse_framework``, ``load_framework_file``),
every problem reported in Thai with the file and the field, and written back
(``framework_to_data``, its inverse).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from itadesk.domain.datafile import read_json
from itadesk.domain.framework_model import (
    FORMAT,
    ITEM_CODE_PATTERN,
    ITEM_KINDS,
    MAX_FISCAL_YEAR,
    MIN_FISCAL_YEAR,
    RATING_SCHEMES,
    Framework,
    Indicator,
    Item,
    RatingLevel,
    RatingScheme,
    Theme,
    Tool,
)
from itadesk.errors import FrameworkError, echo


class _Reader:
    """Reads one framework document, collecting Thai error messages with their location."""

    def __init__(self, source_name: str) -> None:
        self.source_name = source_name
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def require(
        self, data: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...]
    ) -> Any:
        if key not in data:
            self.fail(where, f"ไม่มีช่อง “{echo(key)}”")
            return None
        value = data[key]
        if isinstance(value, bool) and kind is not bool:
            self.fail(where, f"ช่อง “{key}” ต้องเป็น{_kind_th(kind)}")
            return None
        if not isinstance(value, kind):
            self.fail(where, f"ช่อง “{key}” ต้องเป็น{_kind_th(kind)}")
            return None
        return value

    def decimal(self, value: Any, where: str, key: str) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.fail(where, f'ช่อง “{key}” ต้องเป็นตัวเลขในรูปข้อความ เช่น "0.30"')
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.fail(where, f"ช่อง “{key}” ต้องเป็นตัวเลข ได้รับ “{echo(value)}”")
            return None
        if not number.is_finite():
            self.fail(where, f"ช่อง “{key}” ต้องเป็นตัวเลข ได้รับ “{echo(value)}”")
            return None
        return number

    def flag(self, data: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
        """An optional true/false field (a string such as "false" is refused, not read as true)."""
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail(where, f"ช่อง “{key}” ต้องเป็น true หรือ false")
            return default
        return value

    def sentences(self, data: Mapping[str, Any], key: str) -> tuple[str, ...]:
        """An optional list of Thai sentences (a bare string would otherwise split into letters)."""
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            self.fail(key, 'ต้องเป็นรายการข้อความ เช่น ["ข้อความที่หนึ่ง", "ข้อความที่สอง"]')
            return ()
        return tuple(value)


def _kind_th(kind: type | tuple[type, ...]) -> str:
    names = {str: "ข้อความ", int: "จำนวนเต็ม", list: "รายการ", dict: "กลุ่มข้อมูล", bool: "จริง/เท็จ"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " หรือ ".join(names.get(k, k.__name__) for k in kinds)


def parse_framework(data: Any, source_name: str = "กรอบการประเมิน") -> Framework:
    """Validate a decoded framework document and build the :class:`Framework`.

    Raises :class:`FrameworkError` listing every problem found (not just the first).
    """
    reader = _Reader(source_name)
    if not isinstance(data, dict):
        raise FrameworkError(f"{source_name}: ต้องเป็นกลุ่มข้อมูล JSON (ขึ้นต้นด้วย {{)")
    if data.get("format") != FORMAT:
        raise FrameworkError(
            f"{source_name}: ไม่ใช่ไฟล์กรอบการประเมินของ ITADesk (ช่อง format ต้องเป็น “{FORMAT}”)"
        )
    fiscal_year = reader.require(data, "fiscal_year", "ปีงบประมาณ", int)
    if fiscal_year is not None and not MIN_FISCAL_YEAR <= fiscal_year <= MAX_FISCAL_YEAR:
        reader.fail("ปีงบประมาณ", f"ต้องอยู่ระหว่าง {MIN_FISCAL_YEAR} ถึง {MAX_FISCAL_YEAR}")
    target = reader.decimal(data.get("target", "85"), "เป้าหมาย", "target")

    indicators = _parse_indicators(reader, data)
    tools = _parse_tools(reader, data, indicators)
    items = _parse_items(reader, data, indicators)
    themes = _parse_themes(reader, data, indicators, items)
    rating = _parse_rating(reader, data)

    document_items = data.get("document_items", {})
    if not isinstance(document_items, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in document_items.items()
    ):
        reader.fail("document_items", 'ต้องเป็นกลุ่มข้อความ เช่น {"measures": "O42"}')
        document_items = {}
    items_known = data.get("items_known", {})
    if not isinstance(items_known, dict) or not all(
        isinstance(v, bool) for v in items_known.values()
    ):
        reader.fail("items_known", "ต้องเป็นกลุ่มค่าจริง/เท็จ ต่อเครื่องมือ")
        items_known = {}
    unconfirmed_th = reader.sentences(data, "unconfirmed_th")
    notes_th = reader.sentences(data, "notes_th")

    if reader.problems:
        listing = "\n".join(f"• {problem}" for problem in reader.problems)
        raise FrameworkError(f"{source_name} มีข้อผิดพลาด:\n{listing}")
    assert fiscal_year is not None and target is not None and rating is not None
    return Framework(
        fiscal_year=fiscal_year,
        tools=tools,
        indicators=indicators,
        items=items,
        themes=themes,
        rating=rating,
        target=target,
        document_items=dict(document_items),
        items_known=dict(items_known),
        unconfirmed_th=unconfirmed_th,
        notes_th=notes_th,
        source=str(data.get("source", "builtin")),
    )


def _parse_indicators(reader: _Reader, data: Mapping[str, Any]) -> tuple[Indicator, ...]:
    raw = reader.require(data, "indicators", "ตัวชี้วัด", list) or []
    result: list[Indicator] = []
    seen: set[int] = set()
    for position, entry in enumerate(raw, start=1):
        where = f"ตัวชี้วัดลำดับที่ {position}"
        if not isinstance(entry, dict):
            reader.fail(where, "ต้องเป็นกลุ่มข้อมูล")
            continue
        number = reader.require(entry, "number", where, int)
        name = reader.require(entry, "name_th", where, str)
        tool = reader.require(entry, "tool", where, str)
        if number is None or name is None or tool is None:
            continue
        if number in seen:
            reader.fail(where, f"ตัวชี้วัดที่ {number} ซ้ำ")
            continue
        if not name.strip():
            reader.fail(where, "ชื่อตัวชี้วัดว่าง")
        seen.add(number)
        result.append(Indicator(number=number, name_th=name.strip(), tool=tool))
    result.sort(key=lambda indicator: indicator.number)
    expected = list(range(1, len(result) + 1))
    numbers = [indicator.number for indicator in result]
    if numbers != expected:
        missing = sorted(set(range(1, max(numbers, default=0) + 1)) - set(numbers))
        if missing:
            reader.fail("ตัวชี้วัด", "ขาดตัวชี้วัดที่ " + ", ".join(str(n) for n in missing))
        else:
            reader.fail("ตัวชี้วัด", "ต้องเรียงเลขตั้งแต่ 1 ต่อเนื่องกัน")
    if not result:
        reader.fail("ตัวชี้วัด", "ต้องมีอย่างน้อยหนึ่งตัวชี้วัด")
    return tuple(result)


def _parse_tools(
    reader: _Reader, data: Mapping[str, Any], indicators: tuple[Indicator, ...]
) -> tuple[Tool, ...]:
    raw = reader.require(data, "tools", "เครื่องมือ", list) or []
    defined = {indicator.number: indicator for indicator in indicators}
    tools: list[Tool] = []
    claimed: dict[int, str] = {}
    weights_valid = True
    for position, entry in enumerate(raw, start=1):
        where = f"เครื่องมือลำดับที่ {position}"
        if not isinstance(entry, dict):
            reader.fail(where, "ต้องเป็นกลุ่มข้อมูล")
            continue
        code = reader.require(entry, "code", where, str)
        name = reader.require(entry, "name_th", where, str)
        members = reader.require(entry, "indicators", where, list)
        weight = reader.decimal(entry.get("weight"), where, "weight") if "weight" in entry else None
        if "weight" not in entry:
            reader.fail(where, "ไม่มีช่อง “weight”")
        if code is None or members is None:
            continue
        # A bad name or weight is reported above; the tool is still registered so that its
        # indicators are not also reported as belonging to a tool "missing from the file".
        if weight is None:
            weights_valid = False
            weight = Decimal(0)
        elif not Decimal(0) < weight <= Decimal(1):
            reader.fail(f"เครื่องมือ {code}", f"น้ำหนัก {weight} ต้องมากกว่า 0 และไม่เกิน 1")
        where = f"เครื่องมือ {code}"
        if any(tool.code == code for tool in tools):
            reader.fail(where, "รหัสเครื่องมือซ้ำ")
            continue
        numbers: list[int] = []
        for number in members:
            if isinstance(number, bool) or not isinstance(number, int):
                reader.fail(where, f"เลขตัวชี้วัด “{echo(number)}” ต้องเป็นจำนวนเต็ม")
                continue
            if number not in defined:
                reader.fail(where, f"อ้างถึงตัวชี้วัดที่ {number} ซึ่งไม่มีในไฟล์")
                continue
            if number in claimed:
                reader.fail(where, f"ตัวชี้วัดที่ {number} อยู่ในเครื่องมือ {claimed[number]} แล้ว")
                continue
            if defined[number].tool != code:
                reader.fail(
                    where,
                    f"ตัวชี้วัดที่ {number} ระบุว่าเป็นของเครื่องมือ {defined[number].tool}",
                )
                continue
            claimed[number] = code
            numbers.append(number)
        if not numbers:
            reader.fail(where, "ต้องมีตัวชี้วัดอย่างน้อยหนึ่งตัว")
        tools.append(
            Tool(code=code, name_th=(name or "").strip(), weight=weight, indicators=tuple(numbers))
        )
    if not tools:
        reader.fail("เครื่องมือ", "ต้องมีอย่างน้อยหนึ่งเครื่องมือ")
        return ()
    for indicator in indicators:
        if indicator.number not in claimed and indicator.tool not in {t.code for t in tools}:
            reader.fail(
                f"ตัวชี้วัดที่ {indicator.number}",
                f"ระบุเครื่องมือ {indicator.tool} ซึ่งไม่มีในไฟล์",
            )
        elif indicator.number not in claimed:
            reader.fail(
                f"เครื่องมือ {indicator.tool}",
                f"ไม่ได้ระบุตัวชี้วัดที่ {indicator.number} ไว้ในรายการตัวชี้วัดของเครื่องมือ",
            )
    total_weight = sum((tool.weight for tool in tools), Decimal(0))
    if weights_valid and total_weight != Decimal(1):
        reader.fail("น้ำหนัก", f"น้ำหนักของเครื่องมือรวมกันได้ {total_weight} ต้องรวมได้ 1 พอดี")
    return tuple(tools)


def _parse_items(
    reader: _Reader, data: Mapping[str, Any], indicators: tuple[Indicator, ...]
) -> tuple[Item, ...]:
    raw = data.get("items", [])
    if not isinstance(raw, list):
        reader.fail("ข้อคำถาม/รายการ OIT", "ต้องเป็นรายการ")
        return ()
    numbers = {indicator.number for indicator in indicators}
    tool_of = {indicator.number: indicator.tool for indicator in indicators}
    items: list[Item] = []
    seen: set[str] = set()
    for position, entry in enumerate(raw, start=1):
        where = f"ข้อที่ {position} ในรายการข้อคำถาม"
        if not isinstance(entry, dict):
            reader.fail(where, "ต้องเป็นกลุ่มข้อมูล")
            continue
        code = reader.require(entry, "code", where, str)
        indicator = reader.require(entry, "indicator", where, int)
        kind = reader.require(entry, "kind", where, str)
        if code is None or indicator is None or kind is None:
            continue
        where = f"ข้อ {code}"
        if not ITEM_CODE_PATTERN.match(code):
            reader.fail(where, "รหัสต้องเป็น i ตามด้วยเลข, e ตามด้วยเลข หรือ O ตามด้วยเลข เช่น i1, e5, O11")
            continue
        if code in seen:
            reader.fail(where, "รหัสซ้ำ")
            continue
        if indicator not in numbers:
            reader.fail(where, f"อ้างถึงตัวชี้วัดที่ {indicator} ซึ่งไม่มีในไฟล์")
            continue
        if kind not in ITEM_KINDS:
            reader.fail(where, f"ชนิด “{echo(kind)}” ไม่รู้จัก (ใช้ได้: {', '.join(ITEM_KINDS)})")
            continue
        if (kind == "oit") != code.startswith("O"):
            reader.fail(where, "ข้อที่ขึ้นต้นด้วย O ต้องมีชนิด oit และชนิด oit ใช้กับรหัส O เท่านั้น")
            continue
        if code.startswith("O") and tool_of[indicator] != "OIT":
            reader.fail(where, f"รายการ OIT ต้องอยู่ในตัวชี้วัดของเครื่องมือ OIT ไม่ใช่ {tool_of[indicator]}")
            continue
        expected_tool = {"i": "IIT", "e": "EIT"}.get(code[0])
        if expected_tool is not None and tool_of[indicator] != expected_tool:
            reader.fail(
                where,
                f"ข้อคำถาม {code[0]}… ต้องอยู่ในตัวชี้วัดของเครื่องมือ {expected_tool} "
                f"ไม่ใช่ตัวชี้วัดที่ {indicator} ของ {tool_of[indicator]}",
            )
            continue
        text = entry.get("text_th")
        group = entry.get("group_th")
        if text is not None and not isinstance(text, str):
            reader.fail(where, "ช่อง “text_th” ต้องเป็นข้อความ")
            continue
        if group is not None and not isinstance(group, str):
            reader.fail(where, "ช่อง “group_th” ต้องเป็นข้อความ")
            continue
        seen.add(code)
        items.append(
            Item(
                code=code,
                indicator=indicator,
                kind=kind,
                text_th=text.strip() if text else None,
                group_th=group.strip() if group else None,
                reverse=reader.flag(entry, "reverse", where, False),
            )
        )
    return tuple(items)


def _parse_themes(
    reader: _Reader,
    data: Mapping[str, Any],
    indicators: tuple[Indicator, ...],
    items: tuple[Item, ...],
) -> tuple[Theme, ...]:
    raw = data.get("themes", [])
    if not isinstance(raw, list):
        reader.fail("ประเด็น", "ต้องเป็นรายการ")
        return ()
    numbers = {indicator.number for indicator in indicators}
    codes = {item.code for item in items}
    themes: list[Theme] = []
    for position, entry in enumerate(raw, start=1):
        where = f"ประเด็นที่ {position}"
        if not isinstance(entry, dict):
            reader.fail(where, "ต้องเป็นกลุ่มข้อมูล")
            continue
        name = reader.require(entry, "name_th", where, str)
        members = entry.get("indicators", [])
        theme_items = entry.get("items", [])
        if name is None:
            continue
        if not isinstance(members, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in members
        ):
            reader.fail(where, "ช่อง “indicators” ต้องเป็นรายการเลขตัวชี้วัด")
            continue
        if not isinstance(theme_items, list) or not all(isinstance(c, str) for c in theme_items):
            reader.fail(where, "ช่อง “items” ต้องเป็นรายการรหัสข้อ")
            continue
        for number in members:
            if number not in numbers:
                reader.fail(where, f"อ้างถึงตัวชี้วัดที่ {number} ซึ่งไม่มีในไฟล์")
        for code in theme_items:
            if code not in codes:
                reader.fail(where, f"อ้างถึงข้อ {code} ซึ่งไม่มีในรายการข้อคำถามของปีนี้")
        if not name.strip():
            reader.fail(where, "ชื่อประเด็นว่าง")
        themes.append(
            Theme(
                number=position,
                name_th=name.strip(),
                indicators=tuple(members),
                items=tuple(theme_items),
            )
        )
    return tuple(themes)


def _parse_rating(reader: _Reader, data: Mapping[str, Any]) -> RatingScheme | None:
    raw = reader.require(data, "rating", "เกณฑ์ระดับผล", dict)
    if raw is None:
        return None
    kind = reader.require(raw, "scheme", "เกณฑ์ระดับผล", str)
    if kind is not None and kind not in RATING_SCHEMES:
        reader.fail("เกณฑ์ระดับผล", f"แบบ “{echo(kind)}” ไม่รู้จัก (ใช้ได้: {', '.join(RATING_SCHEMES)})")
    levels_raw = reader.require(raw, "levels", "เกณฑ์ระดับผล", list) or []
    levels: list[RatingLevel] = []
    for position, entry in enumerate(levels_raw, start=1):
        where = f"ระดับผลลำดับที่ {position}"
        if not isinstance(entry, dict):
            reader.fail(where, "ต้องเป็นกลุ่มข้อมูล")
            continue
        label = reader.require(entry, "label", where, str)
        min_total = reader.decimal(entry.get("min_total"), where, "min_total")
        min_each = (
            reader.decimal(entry["min_each_tool"], where, "min_each_tool")
            if entry.get("min_each_tool") is not None
            else None
        )
        if label is None or min_total is None:
            continue
        if not Decimal(0) <= min_total <= Decimal(100):
            reader.fail(where, "คะแนนขั้นต่ำต้องอยู่ระหว่าง 0 ถึง 100")
        levels.append(
            RatingLevel(
                label=label,
                min_total=min_total,
                min_each_tool=min_each,
                passing=reader.flag(entry, "passing", where, False),
                confirmed=reader.flag(entry, "confirmed", where, True),
            )
        )
    if not levels:
        reader.fail("เกณฑ์ระดับผล", "ต้องมีอย่างน้อยหนึ่งระดับ")
        return None
    if len({level.label for level in levels}) != len(levels):
        reader.fail("เกณฑ์ระดับผล", "ชื่อระดับซ้ำกัน")
    for higher, lower in itertools.pairwise(levels):
        higher_key = (higher.min_total, higher.min_each_tool or 0)
        if higher_key < (lower.min_total, lower.min_each_tool or 0):
            reader.fail("เกณฑ์ระดับผล", "ต้องเรียงระดับจากสูงไปต่ำ")
            break
    if levels[-1].min_total != 0 or levels[-1].min_each_tool is not None:
        reader.fail("เกณฑ์ระดับผล", "ระดับสุดท้ายต้องเริ่มที่ 0 เพื่อให้ทุกคะแนนมีระดับ")
    return RatingScheme(kind=kind or "bands", levels=tuple(levels))


def load_framework_file(path: Path) -> Framework:
    """Read and validate one framework file."""
    name = f"ไฟล์กรอบการประเมิน {path.name}"
    return parse_framework(read_json(path, name), name)


def framework_to_data(framework: Framework) -> dict[str, Any]:
    """The inverse of :func:`parse_framework` (used to copy a year or save a clerk's edits)."""
    return {
        "format": FORMAT,
        "fiscal_year": framework.fiscal_year,
        "source": framework.source,
        "target": str(framework.target),
        "tools": [
            {
                "code": tool.code,
                "name_th": tool.name_th,
                "weight": str(tool.weight),
                "indicators": list(tool.indicators),
            }
            for tool in framework.tools
        ],
        "indicators": [
            {"number": i.number, "name_th": i.name_th, "tool": i.tool} for i in framework.indicators
        ],
        "items": [
            {
                key: value
                for key, value in (
                    ("code", item.code),
                    ("indicator", item.indicator),
                    ("kind", item.kind),
                    ("text_th", item.text_th),
                    ("group_th", item.group_th),
                    ("reverse", item.reverse or None),
                )
                if value is not None
            }
            for item in framework.items
        ],
        "items_known": dict(framework.items_known),
        "themes": [
            {"name_th": t.name_th, "indicators": list(t.indicators), "items": list(t.items)}
            for t in framework.themes
        ],
        "rating": {
            "scheme": framework.rating.kind,
            "levels": [
                {
                    key: value
                    for key, value in (
                        ("label", level.label),
                        ("min_total", str(level.min_total)),
                        (
                            "min_each_tool",
                            None if level.min_each_tool is None else str(level.min_each_tool),
                        ),
                        ("passing", level.passing),
                        ("confirmed", level.confirmed),
                    )
                    if value is not None
                }
                for level in framework.rating.levels
            ],
        },
        "document_items": dict(framework.document_items),
        "unconfirmed_th": list(framework.unconfirmed_th),
        "notes_th": list(framework.notes_th),
    }
