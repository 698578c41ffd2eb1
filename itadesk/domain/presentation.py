"""How figures are written in a document: Thai or Arabic digits (the clerk's setting), never
touching codes like O11 or URLs, and the same number formats in every document; and how an
office's place is written under its name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from itadesk.domain.fiscal import format_thai_date
from itadesk.domain.scoring import fmt
from itadesk.domain.thai_text import to_thai_digits

NO_VALUE = "–"


@dataclass(frozen=True)
class DigitStyle:
    """Generated text in one document's digit style."""

    thai: bool

    def __call__(self, text: str) -> str:
        return to_thai_digits(text) if self.thai else text

    def integer(self, number: int) -> str:
        return self(str(number))

    def number(self, value: Decimal | None) -> str:
        """A score with 2 decimals, or a dash when there is none."""
        return NO_VALUE if value is None else self(fmt(value))

    def change(self, now: Decimal | None, before: Decimal | None) -> str:
        """The signed change between two scores (+1.20, -0.50, 0.00)."""
        if now is None or before is None:
            return NO_VALUE
        difference = now - before
        return self(("+" if difference > 0 else "") + fmt(difference))

    def target(self, value: Decimal) -> str:
        """A target as ป.ป.ช. writes it: 85, or 85.50 when it has decimals."""
        shown = str(int(value)) if value == value.to_integral_value() else fmt(value)
        return self(shown)

    def date(self, day: date, style: str = "abbr_full_year") -> str:
        return format_thai_date(day, style, thai_digits=self.thai)


def place_th(district: str, province: str) -> str:
    """ "อำเภอเมือง จังหวัดตัวอย่าง" from what the clerk typed, with or without the words
    อำเภอ (or เขต, in Bangkok) and จังหวัด; "" when neither is known."""
    parts = []
    district, province = district.strip(), province.strip()
    if district:
        parts.append(district if district.startswith(("อำเภอ", "เขต")) else f"อำเภอ{district}")
    if province:
        parts.append(province if province.startswith("จังหวัด") else f"จังหวัด{province}")
    return " ".join(parts)
