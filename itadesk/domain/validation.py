"""Validation of what the clerk types or pastes. Problems come back as Thai messages that
name the field and say what is allowed; nothing here touches stored data.

Every service passes clerk text through :func:`clean_text` (or :func:`clean_fields` for a
whole value): it is the one place that

* refuses what is not text (a number or ``None`` where text belongs) with a Thai message;
* removes bidirectional controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), which
  would show a heading or a file name reversed in the window, the PDFs and the web page, and
  control characters other than tab and line breaks;
* enforces the field's length limit (:data:`TEXT_LIMITS`), which the window also states in
  the field itself (``ui/text_limits.py``).

Numbers and years are checked here too: :func:`check_score` (Decimal, int or float; NaN and
Infinity refused) and :func:`check_fiscal_year` (a whole Buddhist-era year 2500–2700).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from itadesk.domain.thai_text import parse_decimal
from itadesk.errors import ValidationError, echo

SCORE_MIN = Decimal(0)
SCORE_MAX = Decimal(100)
SCORE_RULE_TH = "ตัวเลข 0 ถึง 100 ทศนิยมไม่เกิน 2 ตำแหน่ง (ใช้เลขไทยหรือเลขอารบิกก็ได้)"

# --------------------------------------------------------------------------- years

YEAR_MIN = 2500
YEAR_MAX = 2700
# The first year of the ITA: nothing is stored for a year before it.
FIRST_ITA_YEAR = 2560


def check_fiscal_year(
    value: object, field_th: str = "ปีงบประมาณ", *, minimum: int = YEAR_MIN
) -> int:
    """A Buddhist-era fiscal year as a whole number from ``minimum`` (2500) to 2700 (Thai
    ValidationError otherwise: 99999, -5, 2568.0 and "2568" are all refused)."""
    rule = f"ปี พ.ศ. เป็นตัวเลขจำนวนเต็ม {minimum} ถึง {YEAR_MAX} เช่น 2568"
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{field_th}: “{echo(value)}” ใช้ไม่ได้ — ต้องเป็น{rule}", field=field_th)
    if not minimum <= value <= YEAR_MAX:
        raise ValidationError(f"{field_th}: {value} อยู่นอกช่วง — ต้องเป็น{rule}", field=field_th)
    return value


# --------------------------------------------------------------------------- text

#: Embedding, override and isolate controls, and the invisible direction marks.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_BIDI_TABLE = str.maketrans("", "", "".join(sorted(BIDI_CONTROLS)))
# C0 controls but tab, line feed and carriage return; DEL.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Length limits in characters, by kind of field. The window states each in its field.
NAME_MAX = 150  # the office, its units, people, positions, อำเภอ/จังหวัด
PHONE_MAX = 40
DOC_PREFIX_MAX = 30
RUNNING_NUMBER_MAX = 20
TITLE_MAX = 300  # one line: a measure's title, the memo's subject, a heading, a label
LINE_MAX = 1_000  # a step or an expected output, a reason, a link
PARAGRAPH_MAX = 5_000  # a memo paragraph, a comment, a measure's rationale or follow-up
NOTE_MAX = 2_000  # a tracking note
LONG_TEXT_MAX = 20_000  # a section of the analysis, a measure's outputs and outcomes
FILE_NAME_MAX = 255  # an evidence file's name kept as its label


def strip_bidi(text: str) -> str:
    """``text`` without bidirectional controls (for output of data stored before they were
    removed on input: PDFs, the web page, manifests)."""
    return text.translate(_BIDI_TABLE)


def clean_text(value: object, field_th: str, limit: int) -> str:
    """Clerk text as it may be stored: bidirectional and control characters removed, at most
    ``limit`` characters (Thai ValidationError naming ``field_th`` otherwise). Not stripped:
    callers decide about surrounding spaces."""
    if not isinstance(value, str):
        raise ValidationError(f"{field_th}: ต้องเป็นข้อความ แต่ได้รับ “{echo(value)}”", field=field_th)
    text = _CONTROL_RE.sub("", strip_bidi(value))
    if len(text) > limit:
        raise ValidationError(
            f"{field_th}: ยาว {len(text):,} ตัวอักษร เกินที่รับได้ ({limit:,} ตัวอักษร)"
            " — ย่อให้สั้นลง หรือแบ่งเป็นหลายรายการ",
            field=field_th,
        )
    return text


T = TypeVar("T")


def clean_fields(value: T, fields: Mapping[str, tuple[str, int]], where_th: str = "") -> T:
    """A frozen dataclass ``value`` with each text field named in ``fields`` (name → (Thai
    label, limit)) passed through :func:`clean_text`; a tuple of texts is cleaned item by
    item. ``where_th`` ("บุคลากรลำดับที่ 2") is put before the label in messages."""
    changes: dict[str, Any] = {}
    for name, (label_th, limit) in fields.items():
        field_th = f"{where_th} {label_th}".strip()
        current = getattr(value, name)
        if isinstance(current, tuple):
            changes[name] = tuple(
                clean_text(item, f"{field_th} ข้อที่ {number}", limit)
                for number, item in enumerate(current, start=1)
            )
        elif current is not None:
            changes[name] = clean_text(current, field_th, limit)
    return dataclasses.replace(value, **changes)  # type: ignore[type-var]


# --------------------------------------------------------------------------- scores


def parse_score(text: str | None, field_th: str) -> Decimal | None:
    """A score typed by the clerk. Empty means "no score" (None); anything else must be a
    number 0–100 with at most 2 decimals, in Thai or Arabic digits."""
    if text is None:
        return None
    if not isinstance(text, str):
        return check_score(text, field_th)
    if not text.strip():
        return None
    raw = text.strip()
    try:
        value = parse_decimal(raw)
    except ValueError:
        raise ValidationError(
            f"{field_th}: “{echo(raw)}” ไม่ใช่ตัวเลข — กรอกได้เฉพาะ{SCORE_RULE_TH}", field=field_th
        ) from None
    return check_score(value, field_th, raw)


def check_score(value: object, field_th: str, shown: str | None = None) -> Decimal:
    """A score given as a number: a Decimal, an int, or a float read as the digits it
    prints ("86.92"); NaN, Infinity, bools and anything else are refused in Thai."""
    if isinstance(value, float) and math.isfinite(value):
        value = Decimal(repr(value))
    elif isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValidationError(
            f"{field_th}: “{echo(value)}” ไม่ใช่ตัวเลขที่ใช้ได้ — คะแนนต้องเป็น{SCORE_RULE_TH}",
            field=field_th,
        )
    shown = echo(shown) if shown is not None else str(value)
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ValidationError(
            f"{field_th}: {shown} อยู่นอกช่วง — คะแนนต้องเป็น{SCORE_RULE_TH}", field=field_th
        )
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValidationError(
            f"{field_th}: {shown} มีทศนิยมเกิน 2 ตำแหน่ง — คะแนนต้องเป็น{SCORE_RULE_TH}",
            field=field_th,
        )
    return value


@dataclass(frozen=True)
class PastedCell:
    row: int
    text: str


def parse_pasted_block(text: str, start_row: int, row_count: int) -> list[PastedCell]:
    """Cells of a block copied from Excel (tab-separated rows) for a one-column score table.

    Accepted shapes: one column of up to the rows left below ``start_row``; or one row holding
    a value for every row of the table, pasted on the first row (a horizontal Excel range).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    grid = [line.split("\t") for line in lines]
    if not grid:
        raise ValidationError("วางข้อมูลไม่ได้: คลิปบอร์ดไม่มีข้อมูล")
    width = max(len(row) for row in grid)
    height = len(grid)
    if width == 1 and start_row + height <= row_count:
        return [PastedCell(start_row + index, row[0]) for index, row in enumerate(grid)]
    if height == 1 and width == row_count and start_row == 0:
        return [PastedCell(index, value) for index, value in enumerate(grid[0])]
    remaining = row_count - start_row
    raise ValidationError(
        f"วางข้อมูลไม่ได้: ข้อมูลที่คัดลอกมามีขนาด {height} แถว × {width} คอลัมน์ "
        f"แต่ช่องคะแนนรับได้ 1 คอลัมน์ไม่เกิน {remaining} แถว (จากแถวที่เลือกลงไป) "
        f"หรือ 1 แถวที่มีครบ {row_count} ค่าเมื่อวางที่แถวแรก"
    )
