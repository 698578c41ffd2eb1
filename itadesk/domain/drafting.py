"""Drafting the analysis of a year's ITA result (การวิเคราะห์ผลการประเมิน) from its scores.

The words live in a phrase bank, ``resources/data/phrases.json`` — data, not code — so the
wording can be improved without touching the program. For every indicator and every score band
the bank holds templates for the four sections of the analysis (finding, urgent weaknesses,
points to improve, guidance for the next year's measures); it also holds the sentences on the
change from the previous year, optional sentences naming the weakest question items, and the
summary. Templates use a closed set of ``{placeholders}``; the bank is validated on load, so a
typo in an edited bank is reported in Thai with its key instead of printing a broken draft.

Bands, on the score rounded to 2 decimals as ITAS prints it: ``low`` below the target (85 unless
the framework says otherwise), ``mid`` from the target to below 95, ``high`` from 95 (the line of
AA and ผ่านดีเยี่ยม). Scores of year N are analysed; the guidance is for measures of year N + 1.

The module also checks a text for names of *other* offices (a neighbour's file copied and its
name left in, as in seeds 000 and 001): :func:`find_foreign_office_names`.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
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
    SUMMARY,
    WEAKNESSES,
    SectionKey,
)
from itadesk.domain.datafile import read_json
from itadesk.domain.frameworks import Framework, Item
from itadesk.domain.scoring import compute_total, round2, score
from itadesk.domain.thai_text import format_decimal, to_thai_digits
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

_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
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
        for match in _PLACEHOLDER_RE.finditer(value):
            name = match.group(1)
            if not _NAME_RE.fullmatch(name):
                self.fail(where, f"ตัวแทนข้อความ “{{{name}}}” เขียนไม่ถูกต้อง")
            elif name not in ALL_PLACEHOLDERS:
                self.fail(where, f"ไม่รู้จักตัวแทนข้อความ “{{{name}}}”")
            elif name not in PLACEHOLDERS[kind]:
                self.fail(where, f"ใช้ตัวแทนข้อความ “{{{name}}}” ในข้อความส่วนนี้ไม่ได้")
            used.add(name)
        if "{" in _PLACEHOLDER_RE.sub("", value) or "}" in _PLACEHOLDER_RE.sub("", value):
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


# --------------------------------------------------------------------------- drafting


def score_band(value: Decimal, target: Decimal) -> str:
    """``low`` below the target, ``mid`` from the target to below 95, ``high`` from 95."""
    rounded = round2(value)
    if rounded < target:
        return "low"
    return "high" if rounded >= HIGH_BAND_FROM else "mid"


def weakest_items(
    framework: Framework,
    indicator: int,
    item_scores: Mapping[str, Decimal] | None,
    target: Decimal,
    limit: int = MAX_WEAK_ITEMS,
) -> list[tuple[Item, Decimal]]:
    """The indicator's items scored below the target, lowest first (ties in framework order)."""
    if not item_scores:
        return []
    below = [
        (item, item_scores[item.code])
        for item in framework.items_of_indicator(indicator)
        if item.code in item_scores and round2(item_scores[item.code]) < target
    ]
    below.sort(key=lambda pair: round2(pair[1]))  # sort is stable: framework order on ties
    return below[:limit]


def shorten_item_text(text: str, limit: int = ITEM_TEXT_LIMIT) -> str:
    """A question or OIT item text made short enough to quote in a sentence.

    Drops parenthetical asides and the question tail (“มากน้อยเพียงใด”, “หรือไม่”), then cuts
    at the last space before ``limit`` — Thai puts spaces between phrases — with “…”. Without
    a usable space it cuts between characters, never between a letter and its vowel or tone mark.
    """
    text = re.sub(r"\s*\([^()]*\)", "", text)
    text = re.sub(r"\s*(?:มากน้อยเพียงใด|หรือไม่)\s*$", "", text)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    if cut < limit // 2:
        cut = limit
        while cut > 0 and (_is_mark(text[cut]) or text[cut - 1] in _LEADING_VOWELS):
            cut -= 1
    return text[:cut].rstrip() + "…"


def draft_analysis(
    framework: Framework,
    office_name: str,
    scores: Mapping[int, Decimal],
    previous_scores: Mapping[int, Decimal] | None = None,
    item_scores: Mapping[str, Decimal] | None = None,
    *,
    thai_digits: bool = True,
    bank: PhraseBank | None = None,
    target: Decimal | None = None,
) -> dict[SectionKey, str]:
    """Draft sections for every indicator that has a score, then the summary.

    ``scores`` are of ``framework.fiscal_year``; ``previous_scores`` of the year before. Output is
    deterministic: the same input gives the same text, in document order.
    """
    bank = bank if bank is not None else load_phrase_bank()
    target = framework.target if target is None else target
    year = framework.fiscal_year
    common = {
        "office": office_name.strip(),
        "fiscal_year": str(year),
        "previous_year": str(year - 1),
        "next_year": str(year + 1),
        "target": _format_target(target),
    }
    previous_scores = previous_scores or {}
    drafts: dict[SectionKey, str] = {}
    for indicator in framework.indicators:
        number = indicator.number
        if number not in scores:
            continue
        value = scores[number]
        band = score_band(value, target)
        values = {
            **common,
            "indicator": str(number),
            "indicator_name": indicator.name_th,
            "tool": _tool_label(framework, indicator.tool),
            "score": format_decimal(value),
            "direction": _direction(bank, value, previous_scores.get(number), year),
        }
        weak = weakest_items(framework, number, item_scores, target)
        for field in INDICATOR_FIELDS:
            text = _fill(bank.indicator_template(number, band, field), values)
            if weak and field in ITEM_FIELDS:
                sentence = bank.weak_items_template(indicator.tool, band, field)
                text += " " + _fill(sentence, {**values, "weak_items": _weak_items_text(weak)})
            drafts[SectionKey(number, field)] = _finish(text, thai_digits)
    summary = _summary(framework, bank, common, scores, previous_scores, target)
    drafts[SectionKey(None, SUMMARY)] = _finish(summary, thai_digits)
    return drafts


def _summary(
    framework: Framework,
    bank: PhraseBank,
    common: Mapping[str, str],
    scores: Mapping[int, Decimal],
    previous_scores: Mapping[int, Decimal],
    target: Decimal,
) -> str:
    result = score(framework, scores)
    parts: list[str] = []
    if result.total is not None and result.rating is not None:
        # The previous total is computed with this year's weights (30/30/40 in every year
        # known so far); it is only mentioned when every previous indicator was entered.
        previous_total = compute_total(framework, previous_scores) if previous_scores else None
        values = {
            **common,
            "total": format_decimal(result.total),
            "rating": result.rating.label,
            "tool_scores": _join_th(
                f"{code} {format_decimal(value)} คะแนน"
                for code, value in result.tool_scores.items()
            ),
            "direction": _direction(bank, result.total, previous_total, framework.fiscal_year),
        }
        parts.append(_fill(bank.summary_overall[score_band(result.total, target)], values))
    else:
        missing = _join_th(str(n) for n in result.missing_indicators)
        parts.append(_fill(bank.summary_overall["partial"], {**common, "missing_list": missing}))

    scored = [ind for ind in framework.indicators if ind.number in scores]
    below = [ind for ind in scored if round2(scores[ind.number]) < target]
    if scored:
        if not below:
            all_high = all(round2(scores[ind.number]) >= HIGH_BAND_FROM for ind in scored)
            key = "all_high" if all_high else "none"
        else:
            key = "one" if len(below) == 1 else "many"
        listing = _join_th(
            f"ตัวชี้วัดที่ {ind.number} {ind.name_th} ({format_decimal(scores[ind.number])} คะแนน)"
            for ind in below
        )
        values = {**common, "below_target_list": listing, "below_target_count": str(len(below))}
        parts.append(_fill(bank.summary_below_target[key], values))
    parts.append(_fill(bank.summary_closing, common))
    return " ".join(parts)


def _direction(bank: PhraseBank, value: Decimal, previous: Decimal | None, year: int) -> str:
    values = {
        "score": format_decimal(value),
        "fiscal_year": str(year),
        "previous_year": str(year - 1),
    }
    if previous is None:
        return _fill(bank.direction["first"], values)
    change = round2(value) - round2(previous)
    key = "up" if change > 0 else "down" if change < 0 else "same"
    values |= {"previous_score": format_decimal(previous), "change": format_decimal(abs(change))}
    return _fill(bank.direction[key], values)


def _fill(template: str, values: Mapping[str, str]) -> str:
    # One pass, so braces inside a value (an office name, an item text) are never re-read.
    return _PLACEHOLDER_RE.sub(lambda match: values[match.group(1)], template)


def _finish(text: str, thai_digits: bool) -> str:
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    return to_thai_digits(text) if thai_digits else text


def _format_target(target: Decimal) -> str:
    # A threshold reads as "85 คะแนน", the way NACC states it; a fractional one keeps 2 decimals.
    return str(int(target)) if target == target.to_integral_value() else format_decimal(target)


def _tool_label(framework: Framework, code: str) -> str:
    try:
        return f"{framework.tool(code).name_th} ({code})"
    except KeyError:
        return code


def _weak_items_text(weak: Sequence[tuple[Item, Decimal]]) -> str:
    labels = []
    for item, value in weak:
        label = f"{item.code} ({format_decimal(value)})"
        if item.text_th:
            label += f" “{shorten_item_text(item.text_th)}”"
        labels.append(label)
    return _join_th(labels)


def _join_th(parts: Iterable[str]) -> str:
    """Thai list: "ก ข และค" — "และ" joins the last part; a space after it before Latin/digits."""
    items = [part for part in parts if part]
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    glue = "และ" if _is_thai_letter(last[0]) else "และ "
    return " ".join(items[:-1]) + " " + glue + last


# --------------------------------------------------------------------------- foreign names

_THAI_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a") | frozenset(
    chr(c) for c in range(0x0E47, 0x0E4F)
)
_FOLLOWING_VOWELS = frozenset("\u0e30\u0e32\u0e33\u0e45")  # ะ า ำ ๅ
_LEADING_VOWELS = frozenset("เแโใไ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _is_mark(ch: str) -> bool:
    return ch in _THAI_MARKS or unicodedata.category(ch) == "Mn"


def _is_thai_letter(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e" and ch not in "\u0e3f"


# Kinds of local office, full and short. The full forms tolerate a space or line break between
# their words, as text extracted from PDFs wraps them ("องค์การบริหาร ส่วนตำบลโพนทอง").
_KIND_RE = re.compile(
    r"(?:องค์การ\s*บริหาร\s*ส่วน\s*ตำบล|เทศบาล\s*(?:ตำบล|เมือง|นคร)|(?:อบต|ทต|ทม|ทน)\.)"
    r"[ \t\u00a0]*\n?[ \t\u00a0]*"
)
# Words that end a name glued to what follows (Thai has no spaces between words): the place
# ("อำเภอ", "อ.", "จังหวัด", "จ.") and common verbs and connectives of official prose.
_STOP_WORDS = (
    "อำเภอ", "อ.", "จังหวัด", "จ.", "ได้", "มี", "จึง", "ซึ่ง", "โดย", "ประจำ", "ในการ",
    "และ", "หรือ", "เข้า", "เรียบร้อย", "ที่", "ให้", "เป็น", "ไม่", "ยัง", "ควร", "เพื่อ",
    "ต่อ", "กับ", "ของ", "แล้ว", "ตาม", "นั้น", "นี้", "ดังกล่าว", "ทุก", "ทั้ง", "อื่น",
    "แห่ง",
)  # fmt: skip
# Words that, right after the own name, make it a *different* name ("หนองบัว" → "หนองบัวแดง"):
# the usual second parts of Thai place names.
_NAME_SUFFIXES = (
    "ใหม่", "เหนือ", "ใต้", "กลาง", "ตะวันออก", "ตะวันตก", "น้อย", "ใหญ่", "แดง", "ทอง",
    "งาม", "พัฒนา", "สามัคคี", "เจริญ", "ทุ่ง", "หนอง", "นา", "โพธิ์", "ศรี",
)  # fmt: skip
_NAME_CHUNK_RE = re.compile(r"[^\s,;:()\[\]{}<>\"“”'‘’/|]+")


def _normalize_name(text: str) -> str:
    text = text.translate(_ZERO_WIDTH)
    text = text.replace("\u0e4d\u0e32", "\u0e33")  # นิคหิต + สระอา, as PDFs store สระอำ
    return "".join(text.split())


def _word_at(text: str, pos: int, word: str) -> bool:
    """``word`` starts at ``pos`` and is not part of a longer syllable: no leading vowel before
    it, and no vowel or tone mark after it ("ตาม" is not in "ตามุย")."""
    if not text.startswith(word, pos):
        return False
    if pos > 0 and text[pos - 1] in _LEADING_VOWELS:
        return False
    end = pos + len(word)
    return not (end < len(text) and (_is_mark(text[end]) or text[end] in _FOLLOWING_VOWELS))


def _name_end(chunk: str) -> int:
    """Where the name at the start of ``chunk`` ends: at the first stop word, else the end."""
    for pos in range(len(chunk)):
        if any(_word_at(chunk, pos, word) for word in _STOP_WORDS):
            return pos
    return len(chunk)


def _own_name_part(own_name: str) -> str:
    name = own_name.strip()
    match = _KIND_RE.match(name)
    if match:
        name = name[match.end() :]
    return _normalize_name(name.split("\n")[0])


def find_foreign_office_names(text: str, own_name: str) -> list[str]:
    """Names of offices other than ``own_name`` mentioned in ``text``, distinct, in order.

    An office is written as a kind followed by its name: "องค์การบริหารส่วนตำบล…", "อบต.…",
    "อบต. …", "เทศบาลตำบล…", "ทต.…", "เทศบาลเมือง…", "ทม.…", "เทศบาลนคร…", "ทน.…".
    Names are compared without spaces and without the kind, so "อบต.หนองตัวอย่าง" is the own
    office "องค์การบริหารส่วนตำบลหนองตัวอย่าง". Heuristic for where a name ends, as Thai runs
    words together:

    1. the name runs to the next space, line break or punctuation;
    2. if the text there starts with the own name, it is the own office — whatever is glued
       after it ("…โพหนองเข้าถึงได้ยาก") — unless a usual second part of a place name follows
       ("หนองบัว" + "แดง"), which makes it another office;
    3. otherwise the name is cut before the first stop word: the place words "อำเภอ", "อ.",
       "จังหวัด", "จ." and common words of official prose ("ได้", "มี", "จึง", "ซึ่ง", "โดย",
       "ประจำ", "ในการ", "และ", …). A stop word right after the kind means no name at all
       ("เทศบาลตำบลและองค์การบริหารส่วนตำบล").

    A foreign name containing a stop word is reported shortened ("โนนมีชัย" → "โนน"); it is
    still reported. Without an own name every office name found is reported.
    """
    own = _own_name_part(own_name)
    found: list[str] = []
    seen: set[str] = set()
    for match in _KIND_RE.finditer(text):
        rest = text[match.end() : match.end() + 80].split("\n")[0]
        chunk_match = _NAME_CHUNK_RE.match(rest)
        if chunk_match is None:
            continue
        chunk = chunk_match.group()
        if own and _normalize_name(rest).startswith(own):
            after = _normalize_name(rest)[len(own) :]
            if not any(_word_at(after, 0, suffix) for suffix in _NAME_SUFFIXES):
                continue  # the own office, possibly with words glued after its name
        name = chunk[: _name_end(chunk)].rstrip(".")
        key = _normalize_name(name)
        if len(key) < 2 or key == own or key in seen:
            continue
        seen.add(key)
        found.append(name)
    return found


# --------------------------------------------------------------------------- preface


def draft_preface(
    bank: PhraseBank,
    kind: str,
    *,
    office: str,
    fiscal_year: int,
    round_months: int | None = None,
    thai_digits: bool = True,
) -> tuple[str, ...]:
    """The preface (คำนำ) of the ``kind`` report ("analysis" or "results") from the phrase
    bank, for ``office`` and ``fiscal_year`` (the assessed year of the analysis, the year the
    measures ran for the results); () when the bank has none for that kind."""
    values = {
        "office": office,
        "fiscal_year": str(fiscal_year),
        "previous_year": str(fiscal_year - 1),
        "next_year": str(fiscal_year + 1),
        "round": f"รอบ {round_months} เดือน" if round_months else "",
    }
    out = []
    for template in bank.preface.get(kind, ()):
        text = " ".join(template.format(**values).split())
        out.append(to_thai_digits(text) if thai_digits else text)
    return tuple(out)
