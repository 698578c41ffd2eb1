"""Thai digits, decimal input, ITA item codes and the few facts of Thai script the domain needs.

Numbers are stored as numbers; Thai digits are a presentation choice made at render time
(ARCHITECTURE.md), so this module converts in both directions and parses what clerks type.

Digits are mapped with two translation tables, not through PyThaiNLP: importing it costs about
0.2 s (it pulls in its whole package) and creates its data directory (``~/pythainlp-data``
unless ``PYTHAINLP_READ_ONLY`` or ``PYTHAINLP_DATA_DIR`` is set) — too much for mapping ten
characters.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

# Runs that keep their Arabic digits in to_thai_digits. A URL may carry Thai letters in its
# path, so it is matched up to white space or a delimiter; everything else protected is a
# run of ASCII "word" characters (codes, e-mail addresses, paths, file names) that contains
# at least one ASCII letter. Comma is left out of the run so "O11, 5,000" still converts 5,000.
_URL = r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)[^\s<>\"'()\[\]]*"
_ASCII_RUN = r"[A-Za-z0-9_.:/\\@%+\-~#?=&]+"
_PROTECT_CANDIDATE_RE = re.compile(f"{_URL}|{_ASCII_RUN}")
_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")
_ARABIC_DIGIT_RE = re.compile(r"[0-9]")

# Optional sign; plain digits or correctly grouped thousands ("1,234"); optional fraction.
_DECIMAL_RE = re.compile(
    r"([+-]?)((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII
)

# Latin O/i/e (any case), optional white space, a number with optional leading zeros.
_LATIN_CODE_RE = re.compile(r"([OoIiEe])\s*0*([1-9][0-9]{0,2})")
# OCR prints the letter O as Thai zero (guide §7.4): "๐๑๑" is O11. No space and no leading
# zero allowed after it, so "๐ ๓๔๗๖" (a phone number) or "๐๐๕" are not taken for codes.
_THAI_ZERO_CODE_RE = re.compile(r"๐([1-9๑-๙][0-9๐-๙]{0,2})")
_CODE_PREFIX = {"o": "O", "i": "i", "e": "e"}
_INVISIBLE = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff")

_THAI_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a") | frozenset(
    chr(c) for c in range(0x0E47, 0x0E4F)
)
#: Vowels written before the consonant they are said after (เ แ โ ใ ไ): never end a cut here.
LEADING_VOWELS = frozenset("เแโใไ")


def is_thai_char(ch: str) -> bool:
    """True if ``ch`` is a single character of the Thai Unicode block (U+0E00–U+0E7F)."""
    return len(ch) == 1 and "\u0e00" <= ch <= "\u0e7f"


def is_thai_mark(ch: str) -> bool:
    """A mark written on its consonant (a vowel above or below, a tone mark, or any other
    combining mark): text is never cut before one."""
    return ch in _THAI_MARKS or unicodedata.category(ch) == "Mn"


def is_thai_letter(ch: str) -> bool:
    """A Thai consonant, vowel or mark (U+0E01–U+0E4E but not the baht sign ฿)."""
    return "\u0e01" <= ch <= "\u0e4e" and ch not in "\u0e3f"


def remove_invisible(text: str) -> str:
    """``text`` without zero-width spaces, joiners and byte-order marks."""
    return text.translate(_INVISIBLE)


def contains_thai(text: str) -> bool:
    """True if ``text`` has at least one Thai character."""
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def to_arabic_digits(text: str) -> str:
    """Replace every Thai digit with its Arabic digit (for parsing input)."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits with Thai digits in running text.

    Digits stay Arabic inside item codes and other runs of ASCII letters and digits ("O11",
    "ITA2568", "COVID-19", "A4"), URLs, e-mail addresses, paths and file names. Plain numbers,
    decimals, dates, phone numbers, grouped numbers and numbers touching Thai letters
    ("พ.ศ.2569") are converted. Idempotent.
    """
    if not _ARABIC_DIGIT_RE.search(text):
        return text
    parts: list[str] = []
    pos = 0
    for match in _PROTECT_CANDIDATE_RE.finditer(text):
        run = match.group()
        if not _ASCII_LETTER_RE.search(run):
            continue  # numbers and punctuation only: converted with the text around them
        parts.append(text[pos : match.start()].translate(_TO_THAI))
        parts.append(run)
        pos = match.end()
    parts.append(text[pos:].translate(_TO_THAI))
    return "".join(parts)


def apply_digit_style(text: str, thai_digits: bool) -> str:
    """Render ``text`` in the office's digit style.

    With ``thai_digits`` this is :func:`to_thai_digits`. Without it the text is returned
    unchanged, not converted to Arabic digits: Thai digits the clerk typed stay as typed.
    """
    return to_thai_digits(text) if thai_digits else text


def parse_decimal(text: str) -> Decimal:
    """Parse a typed number exactly: Thai or Arabic digits, optional sign, "1,234.5" grouping.

    Raises ValueError for empty text, letters, "%", several dots, bad grouping, NaN, Infinity
    and exponent notation.
    """
    normalized = to_arabic_digits(text).strip()
    match = _DECIMAL_RE.fullmatch(normalized)
    if match is None:
        raise ValueError(f"not a decimal number: {text!r}")
    value = Decimal(match.group(1) + match.group(2).replace(",", ""))
    # "-0" and "-0.00" are zero; a signed zero would print as "-0.00" later.
    return value.copy_abs() if value.is_zero() else value


def format_decimal(value: Decimal | int, places: int = 2, thai_digits: bool = False) -> str:
    """Round half-up to ``places`` decimals and print in fixed notation ("86.90").

    Floats are refused (TypeError): their binary value would round differently from the
    decimal the clerk sees.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"expected Decimal or int, got {type(value).__name__}")
    if places < 0:
        raise ValueError("places must be >= 0")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"cannot format {number}")
    # Enough precision for every digit kept, so large values never raise InvalidOperation.
    context = Context(prec=max(28, number.adjusted() + places + 2))
    rounded = number.quantize(Decimal((0, (1,), -places)), rounding=ROUND_HALF_UP, context=context)
    if rounded.is_zero():
        rounded = rounded.copy_abs()  # -0.001 rounds to "0.00", not "-0.00"
    result = format(rounded, "f")
    return to_thai_digits(result) if thai_digits else result


def normalize_item_code(text: str) -> str | None:
    """Canonical ITA item code ("O11", "i16", "e5") of ``text``, or None if it is not one.

    Accepts any case, Thai digits, white space between letter and number ("O ๑๑"), leading
    zeros ("O01"), and Thai zero standing for the letter O ("๐๑๑" → "O11", an OCR artefact).
    """
    cleaned = remove_invisible(text).strip()
    thai_zero = _THAI_ZERO_CODE_RE.fullmatch(cleaned)
    if thai_zero is not None:
        return "O" + to_arabic_digits(thai_zero.group(1))
    latin = _LATIN_CODE_RE.fullmatch(to_arabic_digits(cleaned))
    if latin is None:
        return None
    return _CODE_PREFIX[latin.group(1).lower()] + latin.group(2)
