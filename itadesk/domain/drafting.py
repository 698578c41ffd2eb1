"""Drafting the analysis of a year's ITA result (การวิเคราะห์ผลการประเมิน) from its scores.

The words come from the phrase bank (``phrase_bank``: ``resources/data/phrases.json``, data
that can be improved without touching the program): templates per indicator and score band
for the four sections of the analysis, the change from the previous year, the weakest items
and the summary. This module picks and fills them.

Bands, on the score rounded to 2 decimals as ITAS prints it: ``low`` below the target (85 unless
the framework says otherwise), ``mid`` from the target to below 95, ``high`` from 95 (the line of
AA and ผ่านดีเยี่ยม). Scores of year N are analysed; the guidance is for measures of year N + 1.

The check of a text for names of *other* offices (a neighbour's file copied and its name left
in, as in seeds 000 and 001) is ``foreign_names.find_foreign_office_names``; it and the phrase
bank's names are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from itadesk.domain.analysis import (
    INDICATOR_FIELDS,
    SUMMARY,
    SectionKey,
)
from itadesk.domain.foreign_names import find_foreign_office_names
from itadesk.domain.frameworks import Framework, Item
from itadesk.domain.phrase_bank import (
    ALL_PLACEHOLDERS,
    BANDS,
    BANK_INDICATORS,
    BELOW_TARGET_KEYS,
    DIRECTIONS,
    FORMAT,
    HIGH_BAND_FROM,
    ITEM_FIELDS,
    ITEM_TEXT_LIMIT,
    MAX_WEAK_ITEMS,
    OVERALL_KEYS,
    PLACEHOLDER_RE,
    PLACEHOLDERS,
    PREFACE_KINDS,
    PhraseBank,
    default_phrase_bank_path,
    load_phrase_bank,
    parse_phrase_bank,
)
from itadesk.domain.scoring import compute_total, round2, score
from itadesk.domain.thai_text import (
    LEADING_VOWELS,
    format_decimal,
    is_thai_letter,
    is_thai_mark,
    to_thai_digits,
)

__all__ = [
    "ALL_PLACEHOLDERS",
    "BANDS",
    "BANK_INDICATORS",
    "BELOW_TARGET_KEYS",
    "DIRECTIONS",
    "FORMAT",
    "HIGH_BAND_FROM",
    "ITEM_FIELDS",
    "ITEM_TEXT_LIMIT",
    "MAX_WEAK_ITEMS",
    "OVERALL_KEYS",
    "PLACEHOLDERS",
    "PREFACE_KINDS",
    "PhraseBank",
    "default_phrase_bank_path",
    "draft_analysis",
    "draft_preface",
    "find_foreign_office_names",
    "load_phrase_bank",
    "parse_phrase_bank",
    "score_band",
    "shorten_item_text",
    "weakest_items",
]


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
        while cut > 0 and (is_thai_mark(text[cut]) or text[cut - 1] in LEADING_VOWELS):
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
    return PLACEHOLDER_RE.sub(lambda match: values[match.group(1)], template)


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
    glue = "และ" if is_thai_letter(last[0]) else "และ "
    return " ".join(items[:-1]) + " " + glue + last


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
