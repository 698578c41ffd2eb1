"""Validation of what the clerk types or pastes. Problems come back as Thai messages that
name the field and say what is allowed; nothing here touches stored data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from itadesk.domain.thai_text import parse_decimal
from itadesk.errors import ValidationError

SCORE_MIN = Decimal(0)
SCORE_MAX = Decimal(100)
SCORE_RULE_TH = "ตัวเลข 0 ถึง 100 ทศนิยมไม่เกิน 2 ตำแหน่ง (ใช้เลขไทยหรือเลขอารบิกก็ได้)"


def parse_score(text: str | None, field_th: str) -> Decimal | None:
    """A score typed by the clerk. Empty means "no score" (None); anything else must be a
    number 0–100 with at most 2 decimals, in Thai or Arabic digits."""
    if text is None or not text.strip():
        return None
    raw = text.strip()
    try:
        value = parse_decimal(raw)
    except ValueError:
        raise ValidationError(
            f"{field_th}: “{raw}” ไม่ใช่ตัวเลข — กรอกได้เฉพาะ{SCORE_RULE_TH}", field=field_th
        ) from None
    return check_score(value, field_th, raw)


def check_score(value: Decimal, field_th: str, shown: str | None = None) -> Decimal:
    shown = shown if shown is not None else str(value)
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
