from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from itadesk.domain.presentation import DigitStyle, place_th


@pytest.mark.parametrize(
    ("thai", "expected"),
    [
        (True, ("๘๖.๙๒", "+๑.๒๐", "-๐.๕๐", "๘๕", "๘๕.๕๐", "ข้อ O11 ๑๒")),
        (False, ("86.92", "+1.20", "-0.50", "85", "85.50", "ข้อ O11 12")),
    ],
)
def test_digit_style(thai: bool, expected: tuple[str, ...]) -> None:
    style = DigitStyle(thai)
    assert style.number(Decimal("86.92")) == expected[0]
    assert style.change(Decimal("91.20"), Decimal("90")) == expected[1]
    assert style.change(Decimal("89.50"), Decimal("90")) == expected[2]
    assert style.target(Decimal("85")) == expected[3]
    assert style.target(Decimal("85.5")) == expected[4]
    assert style("ข้อ O11 12") == expected[5]
    assert style.number(None) == "–" and style.change(None, Decimal(1)) == "–"


def test_dates_follow_the_style() -> None:
    assert DigitStyle(True).date(date(2026, 1, 7)) == "๗ ม.ค. ๒๕๖๙"
    assert DigitStyle(False).date(date(2026, 1, 7), "full") == "7 มกราคม 2569"


def test_place_adds_the_missing_words_once() -> None:
    assert place_th("เมืองสมมุติ", "ตัวอย่าง") == "อำเภอเมืองสมมุติ จังหวัดตัวอย่าง"
    assert place_th(" อำเภอเมือง ", "จังหวัดน่าน") == "อำเภอเมือง จังหวัดน่าน"
    assert place_th("เขตบางรัก", "") == "เขตบางรัก"
    assert place_th("", " ขอนแก่น") == "จังหวัดขอนแก่น"
    assert place_th("  ", "") == ""
