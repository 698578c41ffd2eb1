"""Tests for itadesk.domain.thai_text: digits, decimal input and item codes."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from itadesk.domain.thai_text import (
    THAI_DIGITS,
    apply_digit_style,
    contains_thai,
    format_decimal,
    is_thai_char,
    normalize_item_code,
    parse_decimal,
    to_arabic_digits,
    to_thai_digits,
)

try:
    import hypothesis
    from hypothesis import strategies as st
except ImportError:  # not part of the pinned test dependencies
    hypothesis = None

# /work/shared/typesetting/thai-samples.txt, copied here so the tests do not depend on a file
# outside the repository: (line, expected to_thai_digits(line)).
SAMPLE_LINES = [
    (
        "ที่ นี่ นี้ ปี่ ปี้ ผู้ใหญ่ ทั้ง ยิ่ง ซึ่ง เยิ้ม ลิ้น น้ำ กำ ป่ำ ทำ ค่ำ",
        "ที่ นี่ นี้ ปี่ ปี้ ผู้ใหญ่ ทั้ง ยิ่ง ซึ่ง เยิ้ม ลิ้น น้ำ กำ ป่ำ ทำ ค่ำ",
    ),
    (
        "ฐาน ภาครัฐ ญาติ ฎีกา ปฏิบัติ กตัญญู ฐูป ญู ฏุ ฎุ ปู่ ฟ้า ฝั่ง",
        "ฐาน ภาครัฐ ญาติ ฎีกา ปฏิบัติ กตัญญู ฐูป ญู ฏุ ฎุ ปู่ ฟ้า ฝั่ง",
    ),
    (
        "การปฏิบัติหน้าที่ตามขั้นตอนและระยะเวลาที่กำหนดอย่างเท่าเทียมกันโดยไม่เลือกปฏิบัติ",
        "การปฏิบัติหน้าที่ตามขั้นตอนและระยะเวลาที่กำหนดอย่างเท่าเทียมกันโดยไม่เลือกปฏิบัติ",
    ),
    (
        "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.)",
        "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.)",
    ),
    (
        "ผลคะแนน ITA ปี ๒๕๖๘ เท่ากับ ๙๙.๖๖ คะแนน (99.66) ระดับผ่านดีเยี่ยม",
        "ผลคะแนน ITA ปี ๒๕๖๘ เท่ากับ ๙๙.๖๖ คะแนน (๙๙.๖๖) ระดับผ่านดีเยี่ยม",
    ),
    (
        "ข้อ O11 แผนดำเนินงานและการใช้งบประมาณประจำปี และข้อ i16 ได้ ๙๖.๗๐ คะแนน",
        "ข้อ O11 แผนดำเนินงานและการใช้งบประมาณประจำปี และข้อ i16 ได้ ๙๖.๗๐ คะแนน",
    ),
    (
        "ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่ ภายในวันที่ ๓๐ กันยายน ๒๕๖๘",
        "ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่ ภายในวันที่ ๓๐ กันยายน ๒๕๖๘",
    ),
    (
        "เว็บไซต์ https://www.example.go.th/ita/2568 และโทร ๐ ๓๔๗๖ ๗๒๒๕",
        "เว็บไซต์ https://www.example.go.th/ita/2568 และโทร ๐ ๓๔๗๖ ๗๒๒๕",
    ),
    (
        "องค์การบริหารส่วนตำบลและเทศบาลตำบลจัดทำมาตรการส่งเสริมคุณธรรม"
        "และความโปร่งใสภายในหน่วยงานประจำปีงบประมาณพ.ศ.๒๕๖๙",
        "องค์การบริหารส่วนตำบลและเทศบาลตำบลจัดทำมาตรการส่งเสริมคุณธรรม"
        "และความโปร่งใสภายในหน่วยงานประจำปีงบประมาณพ.ศ.๒๕๖๙",
    ),
    (
        "ค่าใช้จ่าย < 5,000 บาท & อื่น ๆ <b>ไม่ใช่แท็ก</b> \"อัญประกาศ\" 'เดี่ยว'",
        "ค่าใช้จ่าย < ๕,๐๐๐ บาท & อื่น ๆ <b>ไม่ใช่แท็ก</b> \"อัญประกาศ\" 'เดี่ยว'",
    ),
    (
        "พ.จ.อ. สมชาย ใจดี ปลัดองค์การบริหารส่วนตำบล ปฏิบัติหน้าที่นายกองค์การบริหารส่วนตำบล",
        "พ.จ.อ. สมชาย ใจดี ปลัดองค์การบริหารส่วนตำบล ปฏิบัติหน้าที่นายกองค์การบริหารส่วนตำบล",
    ),
]

CONVERTED = [
    ("0123456789", "๐๑๒๓๔๕๖๗๘๙"),
    ("86.92", "๘๖.๙๒"),
    ("0 3476 7225", "๐ ๓๔๗๖ ๗๒๒๕"),
    ("5,000", "๕,๐๐๐"),
    ("พ.ศ.2569", "พ.ศ.๒๕๖๙"),
    ("ข้อ1", "ข้อ๑"),
    ("7/1/2569", "๗/๑/๒๕๖๙"),
    ("2026-01-07", "๒๐๒๖-๐๑-๐๗"),
    ("เวลา 10:30 น.", "เวลา ๑๐:๓๐ น."),
    ("ร้อยละ 50%", "ร้อยละ ๕๐%"),
    ("(99.66)", "(๙๙.๖๖)"),
    ("ปี 2567-2568", "ปี ๒๕๖๗-๒๕๖๘"),
    ("ITA 2568", "ITA ๒๕๖๘"),  # separated by a space: a number, not part of a code
    ("No Gift Policy 3", "No Gift Policy ๓"),
    ("ที่ มท 0808.2/123", "ที่ มท ๐๘๐๘.๒/๑๒๓"),
    ("๑๒ and 12", "๑๒ and ๑๒"),
]

UNCHANGED = [
    "O11",
    "o11",
    "i16",
    "I16",
    "e5",
    "EB17",
    "ITA2568",
    "A4",
    "COVID-19",
    "https://www.example.go.th/ita/2568",
    "http://example.go.th/2568?page=2&id=7",
    "www.x.go.th/2568",
    "https://www.example.go.th/ข่าว/2568",
    "saraban2568@example.go.th",
    "ita/2568",
    "C:\\ITA\\2568\\report.pdf",
    "report_2568.pdf",
    "ไม่มีตัวเลข",
    "",
]

MIXED = [
    ("ข้อ O11 ได้ 100 คะแนน", "ข้อ O11 ได้ ๑๐๐ คะแนน"),
    ("ข้อ O11, 5,000 บาท", "ข้อ O11, ๕,๐๐๐ บาท"),
    ("i16 และ e5 ปี 2568", "i16 และ e5 ปี ๒๕๖๘"),
    ("EB17 (2562)", "EB17 (๒๕๖๒)"),
    ("ITA2568 เมื่อ 7 ม.ค. 69", "ITA2568 เมื่อ ๗ ม.ค. ๖๙"),
    (
        "ดู https://www.example.go.th/ita/2568 ภายใน 30 วัน",
        "ดู https://www.example.go.th/ita/2568 ภายใน ๓๐ วัน",
    ),
    ("เว็บ www.x.go.th/2568 โทร 02 123 4567", "เว็บ www.x.go.th/2568 โทร ๐๒ ๑๒๓ ๔๕๖๗"),
    ("อีเมล ita2568@x.go.th หรือ 1 ฉบับ", "อีเมล ita2568@x.go.th หรือ ๑ ฉบับ"),
    ("แฟ้ม ita/2568 จำนวน 3 แฟ้ม", "แฟ้ม ita/2568 จำนวน ๓ แฟ้ม"),
    ("COVID-19 ปี 2563", "COVID-19 ปี ๒๕๖๓"),
    ("กระดาษ A4 20 แผ่น", "กระดาษ A4 ๒๐ แผ่น"),
]


def test_thai_digits_constant() -> None:
    assert THAI_DIGITS == "๐๑๒๓๔๕๖๗๘๙"
    assert [ord(ch) - ord("๐") for ch in THAI_DIGITS] == list(range(10))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๐๑๒๓๔๕๖๗๘๙", "0123456789"),
        ("ปี ๒๕๖๘ ได้ ๙๙.๖๖ คะแนน", "ปี 2568 ได้ 99.66 คะแนน"),
        ("i๑๖ ๐๑๑", "i16 011"),  # no O/zero guessing here: that is normalize_item_code's job
        ("already 123", "already 123"),
        ("", ""),
    ],
)
def test_to_arabic_digits(text: str, expected: str) -> None:
    assert to_arabic_digits(text) == expected


@pytest.mark.parametrize(("text", "expected"), CONVERTED)
def test_to_thai_digits_converts_numbers(text: str, expected: str) -> None:
    assert to_thai_digits(text) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_to_thai_digits_leaves_codes_urls_and_paths(text: str) -> None:
    assert to_thai_digits(text) == text


@pytest.mark.parametrize(("text", "expected"), MIXED)
def test_to_thai_digits_protects_codes_inside_sentences(text: str, expected: str) -> None:
    assert to_thai_digits(text) == expected


@pytest.mark.parametrize(("line", "expected"), SAMPLE_LINES)
def test_to_thai_digits_sample_lines(line: str, expected: str) -> None:
    assert to_thai_digits(line) == expected
    assert to_thai_digits(expected) == expected
    assert to_arabic_digits(to_thai_digits(line)) == to_arabic_digits(line)


ALL_CASES = [t for t, _ in CONVERTED + MIXED + SAMPLE_LINES] + UNCHANGED


@pytest.mark.parametrize("text", ALL_CASES)
def test_to_thai_digits_idempotent_and_reversible(text: str) -> None:
    once = to_thai_digits(text)
    assert to_thai_digits(once) == once
    assert to_arabic_digits(once) == to_arabic_digits(text)


# Characters that exercise the rules: Thai letters and digits, ASCII letters and digits,
# the punctuation that joins or splits runs, and URL / e-mail markers.
_FUZZ_PIECES = [*"กขคพศ.ม้ีO iIeEAB0123456789๐๑๙,./-_:@ ", "https://", "www.", "พ.ศ."]


def _check_digit_laws(text: str) -> None:
    once = to_thai_digits(text)
    assert to_thai_digits(once) == once
    assert to_arabic_digits(once) == to_arabic_digits(text)
    # Only Arabic digits change, each into its own Thai digit.
    assert len(once) == len(text)
    for before, after in zip(text, once, strict=True):
        assert after == before or (before.isascii() and after == THAI_DIGITS[int(before)])


def test_to_thai_digits_laws_on_random_text() -> None:
    rng = random.Random(2569)  # fixed seed: reproducible
    for _ in range(2000):
        _check_digit_laws("".join(rng.choices(_FUZZ_PIECES, k=rng.randint(0, 25))))


@pytest.mark.skipif(hypothesis is None, reason="hypothesis is not installed")
def test_to_thai_digits_laws_property() -> None:
    assert hypothesis is not None

    @hypothesis.given(st.lists(st.sampled_from(_FUZZ_PIECES)).map("".join) | st.text())
    def check(text: str) -> None:
        _check_digit_laws(text)

    check()


@pytest.mark.parametrize("text", ["ปี 2568 และ ๒๕๖๘", "O11", "", "ข้อ1"])
def test_apply_digit_style(text: str) -> None:
    assert apply_digit_style(text, thai_digits=True) == to_thai_digits(text)
    # Without Thai digits the clerk's text is returned as typed, Thai digits included.
    assert apply_digit_style(text, thai_digits=False) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๘๖.๙๒", "86.92"),
        ("86.92", "86.92"),
        ("100", "100"),
        ("86.90", "86.90"),  # trailing zero kept: the exact value typed
        ("  ๙๙.๖๖ \t", "99.66"),
        ("+5", "5"),
        ("-2.5", "-2.5"),
        ("1,234.5", "1234.5"),
        ("12,345,678", "12345678"),
        ("๑,๒๓๔.๕", "1234.5"),
        ("0", "0"),
        ("-0.00", "0.00"),
        (".5", "0.5"),
        ("5.", "5"),
        ("\u00a07\u00a0", "7"),
    ],
)
def test_parse_decimal_accepts(text: str, expected: str) -> None:
    result = parse_decimal(text)
    assert isinstance(result, Decimal)
    # Compare the digits and exponent, not just the value: 86.90 must not come back as 86.9.
    assert result.as_tuple() == Decimal(expected).as_tuple()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "12a",
        "๑๒ก",
        "1.2.3",
        "86.92%",
        "NaN",
        "nan",
        "Infinity",
        "-inf",
        "1e5",
        "1E-2",
        "1,23",
        "1,2345",
        ",123",
        "1 234",
        "+",
        ".",
        "++1",
        "+ 1",
        "١٢",  # Arabic-Indic digits are not Thai digits
        "１２",  # full-width digits
        "0x10",
        "1_000",
    ],
)
def test_parse_decimal_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("value", "places", "thai", "expected"),
    [
        (Decimal("86.9"), 2, False, "86.90"),
        (Decimal("86.92"), 2, True, "๘๖.๙๒"),
        (Decimal("0.125"), 2, False, "0.13"),  # half-up, not banker's rounding (0.12)
        (Decimal("0.135"), 2, False, "0.14"),
        (Decimal("2.5"), 0, False, "3"),
        (Decimal("-2.5"), 0, False, "-3"),
        (Decimal("-0.001"), 2, False, "0.00"),
        (Decimal("99.995"), 2, False, "100.00"),
        (Decimal("1E+3"), 2, False, "1000.00"),  # fixed notation, never "1.00E+3"
        (Decimal("1E+40"), 1, False, "1" + "0" * 40 + ".0"),
        (Decimal("1234.5"), 2, False, "1234.50"),
        (100, 2, False, "100.00"),
        (Decimal("0.0001"), 4, True, "๐.๐๐๐๑"),
    ],
)
def test_format_decimal(value: Decimal | int, places: int, thai: bool, expected: str) -> None:
    assert format_decimal(value, places, thai_digits=thai) == expected


def test_format_decimal_defaults_and_round_trip() -> None:
    assert format_decimal(Decimal("7")) == "7.00"
    assert parse_decimal(format_decimal(Decimal("86.925"), thai_digits=True)) == Decimal("86.93")


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_format_decimal_rejects_non_finite(value: Decimal) -> None:
    with pytest.raises(ValueError):
        format_decimal(value)


def test_format_decimal_rejects_negative_places() -> None:
    with pytest.raises(ValueError):
        format_decimal(Decimal("1"), -1)


@pytest.mark.parametrize("value", [86.92, True, "86.92"])
def test_format_decimal_rejects_non_decimals(value: object) -> None:
    with pytest.raises(TypeError):
        format_decimal(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("O11", "O11"),
        ("o11", "O11"),
        ("๐๑๑", "O11"),  # OCR: Thai zero printed for the letter O (guide §7.4)
        ("๐11", "O11"),
        ("O ๑๑", "O11"),
        ("O๑๑", "O11"),
        (" O11 ", "O11"),
        ("O01", "O1"),
        ("O43", "O43"),
        ("๐๔๓", "O43"),
        ("O100", "O100"),
        ("i๑๖", "i16"),
        ("I16", "i16"),
        ("i 16", "i16"),
        ("e5", "e5"),
        ("E5", "e5"),
        ("e๑๕", "e15"),
        ("\u200bO11", "O11"),
    ],
)
def test_normalize_item_code(text: str, expected: str) -> None:
    assert normalize_item_code(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "O",
        "๐",
        "11",
        "๑๑",
        "O0",
        "๐๐",
        "๐๐๕",  # leading zero after a Thai zero: a number, not a code
        "๐ ๓๔๗๖",  # a phone number
        "O1000",
        "EB17",  # pre-2562 evidence items are not codes of this app
        "X11",
        "O11a",
        "O-11",
        "ข้อ O11",
        "O11 i16",
    ],
)
def test_normalize_item_code_rejects(text: str) -> None:
    assert normalize_item_code(text) is None


@pytest.mark.parametrize(
    ("ch", "expected"),
    [("ก", True), ("๙", True), ("ๆ", True), ("a", False), ("1", False), ("", False), ("กข", False)],
)
def test_is_thai_char(ch: str, expected: bool) -> None:
    assert is_thai_char(ch) is expected


@pytest.mark.parametrize(
    ("text", "expected"), [("ITA ปี 2568", True), ("ITA 2568", False), ("", False), ("๑", True)]
)
def test_contains_thai(text: str, expected: bool) -> None:
    assert contains_thai(text) is expected


def test_digits_need_no_pythainlp() -> None:
    """Mapping ten digits must not import PyThaiNLP (0.2 s and a data folder)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from itadesk.domain.thai_text import to_arabic_digits, to_thai_digits\n"
        "assert to_thai_digits('ปี 2568 ข้อ O11') == 'ปี ๒๕๖๘ ข้อ O11'\n"
        "assert to_arabic_digits('๙๖.๒๐') == '96.20'\n"
        "print('pythainlp' in sys.modules)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert completed.stdout.strip() == "False"
