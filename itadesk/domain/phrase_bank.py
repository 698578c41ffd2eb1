"""The phrase bank of the drafted analysis: its closed set of placeholders, loading and
validation (``load_phrase_bank``, ``parse_phrase_bank``).

The words live in a phrase bank, ``resources/data/phrases.json`` — data, not code — so the
wording can be improved without touching the program. For every indicator and every score band
the bank holds templates for the four sections of the analysis (finding, urgent weaknesses,
points to improve, guidance for the next year's measures); it also holds the sentences on the
change from the previous year, optional sentences naming the weakest question items, and the
summary. Templates use a closed set of ``{placeholders}``; the bank is validated on load, so a
typo in an edited bank is reported in Thai with its key instead of printing a broken draft.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from itadesk.domain.analysis import (
    FINDING,
    IMPROVEMENTS,
    INDICATOR_FIELDS,
    WEAKNESSES,
)
from itadesk.domain.datafile import read_json
from itadesk.errors import FrameworkError

FORMAT = "itadesk-phrases/1"
BANDS = ("low", "mid", "high")
DIRECTIONS = ("up", "down", "same", "first")
HIGH_BAND_FROM = Decimal(95)
BANK_INDICATORS = tuple(range(1, 11))
ITEM_FIELDS = (WEAKNESSES, IMPROVEMENTS)  # the sections that name the weakest items
OVERALL_KEYS = ("low", "mid", "high", "partial")
BELOW_TARGET_KEYS = ("none", "all_high", "one", "many")
MAX_WEAK_ITEMS = 3
ITEM_TEXT_LIMIT = 110  # code points (Thai marks count), about 85 visible characters

# The closed set of placeholders, by the kind of template that may use them.
_COMMON = frozenset({"office", "fiscal_year", "previous_year", "next_year", "target"})
_INDICATOR = _COMMON | {"indicator", "indicator_name", "tool", "score", "direction"}
PLACEHOLDERS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "indicator": _INDICATOR,
        "weak_items": _INDICATOR | {"weak_items"},
        "direction": frozenset(
            {"score", "previous_score", "change", "fiscal_year", "previous_year"}
        ),
        "overall": _COMMON | {"total", "rating", "tool_scores", "direction"},
        "partial": _COMMON | {"missing_list"},
        "below_target": _COMMON | {"below_target_list", "below_target_count"},
        "closing": _COMMON,
        # the report's คำนำ: fiscal_year is the report's year (the assessed year for the
        # analysis, the year the measures ran for the results), round "รอบ 12 เดือน"
        "preface": frozenset({"office", "fiscal_year", "previous_year", "next_year", "round"}),
    }
)
#: The reports a preface is written for, by the keys of the phrase bank's "preface".
PREFACE_KINDS = ("analysis", "results")
ALL_PLACEHOLDERS = frozenset().union(*PLACEHOLDERS.values())

PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
_NAME_RE = re.compile(r"[a-z_]+")


# --------------------------------------------------------------------------- the phrase bank


@dataclass(frozen=True)
class PhraseBank:
    """A validated phrase bank (read-only mappings, so a cached bank can be shared)."""

    # indicator number → band → field → template
    indicators: Mapping[int, Mapping[str, Mapping[str, str]]]
    # band → field (weaknesses/improvements) → sentence naming {weak_items}
    weak_items: Mapping[str, Mapping[str, str]]
    # tool code → the same, replacing the default for that tool's items (OIT items are
    # published documents, not questions)
    weak_items_by_tool: Mapping[str, Mapping[str, Mapping[str, str]]]
    direction: Mapping[str, str]
    summary_overall: Mapping[str, str]
    summary_below_target: Mapping[str, str]
    summary_closing: str
    source: str = ""
    # report kind ("analysis", "results") → the preface's paragraphs
    preface: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def indicator_template(self, number: int, band: str, field: str) -> str:
        if number not in self.indicators:
            raise FrameworkError(f"คลังข้อความไม่มีข้อความของตัวชี้วัดที่ {number}")
        return self.indicators[number][band][field]

    def weak_items_template(self, tool: str, band: str, field: str) -> str:
        return self.weak_items_by_tool.get(tool, self.weak_items)[band][field]


_CACHE: dict[Path, tuple[int, PhraseBank]] = {}


def default_phrase_bank_path() -> Path:
    from itadesk.paths import resource_path  # stdlib only; imported late like other resources

    return resource_path("data", "phrases.json")


def load_phrase_bank(path: Path | None = None) -> PhraseBank:
    """Read and validate a phrase bank (default: the shipped one), cached per path.

    The cache is keyed on the file's modification time too, so an edited bank is re-read.
    Raises :class:`FrameworkError` with a Thai message naming every faulty key.
    """
    path = Path(path) if path is not None else default_phrase_bank_path()
    name = f"คลังข้อความ {path.name}"
    try:
        resolved = path.resolve()
        stamp = resolved.stat().st_mtime_ns
    except FileNotFoundError as exc:
        raise FrameworkError(f"{name}: ไม่พบไฟล์") from exc
    except OSError as exc:
        raise FrameworkError(f"{name}: อ่านไฟล์ไม่ได้ ({exc.__class__.__name__})") from exc
    cached = _CACHE.get(resolved)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    bank = parse_phrase_bank(read_json(resolved, name), name)
    _CACHE[resolved] = (stamp, bank)
    return bank


class _BankReader:
    """Walks a decoded bank, collecting every problem with its key path."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"“{where}”: {message}" if where else message)

    def group(
        self, data: Any, where: str, keys: Sequence[str], *, optional: Iterable[str] = ()
    ) -> dict[str, Any]:
        """A JSON object with exactly ``keys`` (plus ``optional``); missing/unknown reported.

        ``None`` stands for a group its parent already reported missing: no second message.
        """
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.fail(where, "ต้องเป็นกลุ่มข้อมูล (ขึ้นต้นด้วย {)")
            return {}
        for key in keys:
            if key not in data:
                self.fail(_join(where, key), "ไม่มีข้อความนี้")
        allowed = set(keys) | set(optional)
        for key in data:
            if key not in allowed:
                self.fail(_join(where, str(key)), "ไม่รู้จักช่องนี้ (พิมพ์ชื่อช่องผิดหรือไม่)")
        return data

    def template(
        self, data: Mapping[str, Any], key: str, where: str, kind: str, required: Iterable[str] = ()
    ) -> str:
        """A template string using only the placeholders allowed for ``kind``."""
        where = _join(where, key)
        value = data.get(key)
        if value is None:
            return ""  # already reported as missing by group()
        if not isinstance(value, str) or not value.strip():
            self.fail(where, "ต้องเป็นข้อความที่ไม่ว่าง")
            return ""
        used: set[str] = set()
        for match in PLACEHOLDER_RE.finditer(value):
            name = match.group(1)
            if not _NAME_RE.fullmatch(name):
                self.fail(where, f"ตัวแทนข้อความ “{{{name}}}” เขียนไม่ถูกต้อง")
            elif name not in ALL_PLACEHOLDERS:
                self.fail(where, f"ไม่รู้จักตัวแทนข้อความ “{{{name}}}”")
            elif name not in PLACEHOLDERS[kind]:
                self.fail(where, f"ใช้ตัวแทนข้อความ “{{{name}}}” ในข้อความส่วนนี้ไม่ได้")
            used.add(name)
        if "{" in PLACEHOLDER_RE.sub("", value) or "}" in PLACEHOLDER_RE.sub("", value):
            self.fail(where, "วงเล็บปีกกา { } ไม่ครบคู่")
        for name in required:
            if name not in used:
                self.fail(where, f"ต้องมีตัวแทนข้อความ “{{{name}}}”")
        return value.strip()


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def parse_phrase_bank(data: Any, source_name: str = "คลังข้อความ") -> PhraseBank:
    """Validate a decoded phrase bank and build the :class:`PhraseBank`."""
    if not isinstance(data, dict):
        raise FrameworkError(f"{source_name}: ต้องเป็นกลุ่มข้อมูล JSON (ขึ้นต้นด้วย {{)")
    if data.get("format") != FORMAT:
        raise FrameworkError(
            f"{source_name}: ไม่ใช่คลังข้อความของ ITADesk (ช่อง “format” ต้องเป็น “{FORMAT}”)"
        )
    reader = _BankReader()
    top = reader.group(
        data,
        "",
        ("format", "direction", "weak_items", "indicators", "summary"),
        optional=("notes_th", "placeholders_th", "preface"),
    )

    docs = top.get("placeholders_th", {})
    if not isinstance(docs, dict):
        reader.fail("placeholders_th", "ต้องเป็นกลุ่มคำอธิบายตัวแทนข้อความ")
    else:
        for name in docs:
            if name not in ALL_PLACEHOLDERS:
                reader.fail(_join("placeholders_th", name), "ไม่รู้จักตัวแทนข้อความนี้")

    raw_direction = reader.group(top.get("direction"), "direction", DIRECTIONS)
    direction = {
        key: reader.template(raw_direction, key, "direction", "direction") for key in DIRECTIONS
    }

    raw_weak = reader.group(
        top.get("weak_items"), "weak_items", ("default",), optional=("by_tool",)
    )
    weak_default = _weak_item_bands(reader, raw_weak.get("default"), "weak_items.default")
    weak_by_tool: dict[str, Mapping[str, Mapping[str, str]]] = {}
    by_tool = raw_weak.get("by_tool", {})
    if not isinstance(by_tool, dict):
        reader.fail("weak_items.by_tool", "ต้องเป็นกลุ่มข้อมูลตามรหัสเครื่องมือ เช่น “OIT”")
    else:
        for tool, bands in by_tool.items():
            weak_by_tool[str(tool)] = _weak_item_bands(reader, bands, f"weak_items.by_tool.{tool}")

    raw_indicators = reader.group(
        top.get("indicators"), "indicators", [str(n) for n in BANK_INDICATORS]
    )
    indicators: dict[int, Mapping[str, Mapping[str, str]]] = {}
    for number in BANK_INDICATORS:
        where = f"indicators.{number}"
        bands = reader.group(raw_indicators.get(str(number)), where, BANDS)
        per_band: dict[str, Mapping[str, str]] = {}
        for band in BANDS:
            fields = reader.group(bands.get(band), f"{where}.{band}", INDICATOR_FIELDS)
            per_band[band] = MappingProxyType(
                {
                    field: reader.template(
                        fields,
                        field,
                        f"{where}.{band}",
                        "indicator",
                        ("score", "direction") if field == FINDING else (),
                    )
                    for field in INDICATOR_FIELDS
                }
            )
        indicators[number] = MappingProxyType(per_band)

    summary = reader.group(top.get("summary"), "summary", ("overall", "below_target", "closing"))
    raw_overall = reader.group(summary.get("overall"), "summary.overall", OVERALL_KEYS)
    overall = {
        key: reader.template(
            raw_overall,
            key,
            "summary.overall",
            "partial" if key == "partial" else "overall",
            () if key == "partial" else ("total", "rating"),
        )
        for key in OVERALL_KEYS
    }
    raw_below = reader.group(summary.get("below_target"), "summary.below_target", BELOW_TARGET_KEYS)
    below = {
        key: reader.template(
            raw_below,
            key,
            "summary.below_target",
            "below_target",
            ("below_target_list",) if key in ("one", "many") else (),
        )
        for key in BELOW_TARGET_KEYS
    }
    closing = reader.template(summary, "closing", "summary", "closing")

    preface: dict[str, tuple[str, ...]] = {}
    if "preface" in top:
        raw_preface = reader.group(top.get("preface"), "preface", PREFACE_KINDS)
        for kind in PREFACE_KINDS:
            paragraphs = raw_preface.get(kind)
            if paragraphs is None:
                continue
            if not isinstance(paragraphs, list) or not paragraphs:
                reader.fail(f"preface.{kind}", "ต้องเป็นรายการย่อหน้า (ขึ้นต้นด้วย [)")
                continue
            indexed = {str(i): text for i, text in enumerate(paragraphs)}
            preface[kind] = tuple(
                reader.template(indexed, str(i), f"preface.{kind}", "preface")
                for i in range(len(paragraphs))
            )

    if reader.problems:
        listing = "\n".join(f"• {problem}" for problem in reader.problems)
        raise FrameworkError(f"{source_name} มีข้อผิดพลาด:\n{listing}")
    return PhraseBank(
        indicators=MappingProxyType(indicators),
        weak_items=weak_default,
        weak_items_by_tool=MappingProxyType(weak_by_tool),
        direction=MappingProxyType(direction),
        summary_overall=MappingProxyType(overall),
        summary_below_target=MappingProxyType(below),
        summary_closing=closing,
        source=source_name,
        preface=MappingProxyType(preface),
    )


def _weak_item_bands(reader: _BankReader, data: Any, where: str) -> Mapping[str, Mapping[str, str]]:
    bands = reader.group(data, where, BANDS)
    result: dict[str, Mapping[str, str]] = {}
    for band in BANDS:
        fields = reader.group(bands.get(band), f"{where}.{band}", ITEM_FIELDS)
        result[band] = MappingProxyType(
            {
                field: reader.template(
                    fields, field, f"{where}.{band}", "weak_items", ("weak_items",)
                )
                for field in ITEM_FIELDS
            }
        )
    return MappingProxyType(result)
