"""What reading ITA scores from text or a grid shares (``score_import`` does the reading):
the preview it produces (``ImportRow``, ``ImportProblem``, ``ImportPreview``), the targets a
line or a cell can name (an indicator by number, label or name, an item code), the numbers in
a line, and the collector that refuses one target given two different scores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from itadesk.domain.frameworks import Framework
from itadesk.domain.thai_text import normalize_item_code, parse_decimal, to_arabic_digits
from itadesk.domain.validation import SCORE_MAX, SCORE_MIN

# The template's header; named in every "wrong columns" problem.
TEMPLATE_HEADER = ("ตัวชี้วัดหรือรหัสข้อ", "คะแนน")
TARGET_HEADER_WORDS = ("ตัวชี้วัด", "รหัส", "indicator", "code", "item")
SCORE_HEADER_WORDS = ("คะแนน", "score")
# How far down a sheet the header may sit (titles above it are skipped).
HEADER_SEARCH_ROWS = 10

LINE_TH = "บรรทัดที่"
ROW_TH = "แถวที่"
# A page of scores is a few thousand characters; the paste box takes no more than this.
MAX_PASTE_CHARS = 200_000

_INVISIBLE = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff\u00ad")
DIGIT = "[0-9๐-๙]"
# Bullets, dashes and quotes a web page or PDF puts in front of a row.
_LEAD_RE = re.compile(r"^[\s\-–—•·*▪►>\"'“”‘’(\[]+")
_INDICATOR_LABEL_RE = re.compile(
    rf"^(?:ตัวชี้วัด\s*(?:ที่)?|indicator)\s*({DIGIT}{{1,3}})"
    rf"(?!{DIGIT}|[.,]{DIGIT}|[-–—]{DIGIT})",
    re.IGNORECASE,
)
_CODE_RE = re.compile(
    rf"^(?:ข้อ(?:ที่)?\s*)?([OoIiEe]\s*{DIGIT}{{1,3}}|๐[1-9๑-๙]{DIGIT}{{0,2}})"
    rf"(?![0-9๐-๙A-Za-z_]|[.,]{DIGIT})"
)
# "1. ชื่อ", "1) ชื่อ", "1<TAB>…", "1 ชื่อ" — never "1.5" or "1 86.92" (space then a number).
_NUMBERED_RE = re.compile(rf"^({DIGIT}{{1,2}})(?:\s*[.)](?!{DIGIT})|(?=\t)|\s+(?=[^\s0-9๐-๙]))")
_NUMBER_TOKEN_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
YEAR_RE = re.compile(
    rf"(?:ปีงบประมาณ|ปีงบ\.?|ประจำปี)\s*(?:พ\s*\.?\s*ศ\s*\.?)?\s*({DIGIT}{{4}})(?!{DIGIT})"
)
_SPACES_RE = re.compile(r"\s+")
# Words that may stand between a target and its score, or after the score, without making the
# line prose ("การปฏิบัติหน้าที่ ได้คะแนน 86.92 คะแนน").
FILLER_RE = re.compile(r"ได้|คะแนน|ร้อยละ|ไม่ผ่าน|ผ่าน|เท่ากับ|[A-Za-z]+|[^\w]|_")


@dataclass(frozen=True)
class ImportRow:
    """One readable score: ``target`` is an indicator number ("1".."10") or an item code."""

    line: int
    source: str
    target: str
    value: Decimal

    @property
    def indicator(self) -> int | None:
        return int(self.target) if self.target.isdigit() else None


@dataclass(frozen=True)
class ImportProblem:
    """A line that looks like data but cannot be imported. ``message_th`` names the line."""

    line: int
    source: str
    message_th: str


@dataclass(frozen=True)
class ImportPreview:
    rows: tuple[ImportRow, ...]
    problems: tuple[ImportProblem, ...]
    fiscal_year: int | None = None
    # How ``ImportRow.line`` is named to the clerk: "บรรทัดที่" (text, CSV) or "แถวที่" (XLSX).
    line_th: str = "บรรทัดที่"

    def indicator_scores(self) -> dict[int, Decimal]:
        return {row.indicator: row.value for row in self.rows if row.indicator is not None}

    def item_scores(self) -> dict[str, Decimal]:
        return {row.target: row.value for row in self.rows if row.indicator is None}

    def with_problems(self, extra: Iterable[ImportProblem]) -> ImportPreview:
        problems = sorted((*self.problems, *extra), key=lambda problem: problem.line)
        return ImportPreview(self.rows, tuple(problems), self.fiscal_year, self.line_th)

    def where_th(self, row: ImportRow) -> str:
        return f"{self.line_th} {row.line}"


def target_label_th(target: str) -> str:
    """ "ตัวชี้วัดที่ 1" or "ข้อ O11" (the field name used in messages)."""
    return f"ตัวชี้วัดที่ {target}" if target.isdigit() else f"ข้อ {target}"


def template_header_th() -> str:
    return ",".join(TEMPLATE_HEADER)


# --------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    """What a line or cell starts with. ``key`` is set once the target is known to be valid for
    the year; otherwise ``error_th`` says why not."""

    key: str | None
    rest: str
    bare_number: bool = False
    number: int | None = None
    error_th: str | None = None
    by_name: bool = False


def clean_text(text: str) -> str:
    return text.translate(_INVISIBLE).replace("\u00a0", " ").strip()


def squash(text: str) -> str:
    return _SPACES_RE.sub("", text)


def indicator_target(framework: Framework, number: int, rest: str, bare: bool) -> Target:
    numbers = framework.indicator_numbers
    if number not in numbers:
        return Target(
            None,
            rest,
            bare,
            number,
            f"ปีงบประมาณ {framework.fiscal_year} ไม่มีตัวชี้วัดที่ {number} "
            f"— เลขตัวชี้วัดต้องเป็น {min(numbers)} ถึง {max(numbers)}",
        )
    return Target(str(number), rest, bare, number)


def _items_summary_th(framework: Framework) -> str:
    """ "i1–i30, e1–e15, O1–O43" for the year's item list."""
    ranges: dict[str, list[int]] = {}
    for item in framework.items:
        ranges.setdefault(item.code[0], []).append(int(item.code[1:]))
    return ", ".join(
        f"{prefix}{min(numbers)}–{prefix}{max(numbers)}" for prefix, numbers in ranges.items()
    )


def _item_target(framework: Framework, code: str, rest: str) -> Target:
    if any(item.code == code for item in framework.items):
        return Target(code, rest)
    year = framework.fiscal_year
    if not framework.items:
        why = (
            f"ปีงบประมาณ {year} ยังไม่มีรายการข้อในโปรแกรม จึงนำเข้าคะแนนรายข้อ {code} ไม่ได้ "
            "— นำเข้ารายการข้อของปีนี้ที่หน้า “คะแนนรายข้อ” ก่อน"
        )
    else:
        why = f"ไม่มีข้อ {code} ในรายการข้อของปีงบประมาณ {year} (มี {_items_summary_th(framework)})"
    return Target(None, rest, error_th=why)


def _name_target(framework: Framework, text: str) -> Target | None:
    """An indicator named without its number ("การปฏิบัติหน้าที่ 86.92")."""
    squashed = squash(text)
    # Longest name first, so a name that starts another name can never shadow it.
    for indicator in sorted(framework.indicators, key=lambda i: -len(squash(i.name_th))):
        name = squash(indicator.name_th)
        if name and squashed.startswith(name):
            rest = _cut_after_squashed(text, len(name))
            return Target(str(indicator.number), rest, number=indicator.number, by_name=True)
    return None


def _cut_after_squashed(text: str, count: int) -> str:
    """``text`` after its first ``count`` non-space characters."""
    seen = 0
    for position, character in enumerate(text):
        if seen == count:
            return text[position:]
        if not character.isspace():
            seen += 1
    return ""


def read_target(framework: Framework, text: str) -> Target | None:
    """The target a line or cell starts with, or None if it starts with none."""
    text = _LEAD_RE.sub("", text)
    label = _INDICATOR_LABEL_RE.match(text)
    if label is not None:
        number = int(to_arabic_digits(label.group(1)))
        return indicator_target(framework, number, text[label.end() :], bare=False)
    code = _CODE_RE.match(text)
    if code is not None:
        normalized = normalize_item_code(code.group(1))
        if normalized is not None:
            return _item_target(framework, normalized, text[code.end() :])
    numbered = _NUMBERED_RE.match(text)
    if numbered is not None:
        number = int(to_arabic_digits(numbered.group(1)))
        return indicator_target(framework, number, text[numbered.end() :], bare=True)
    return _name_target(framework, text)


def names_mismatch(framework: Framework, target: Target, words: str) -> str | None:
    """Why a numbered line's text is not its indicator's name (None if it is, or if the line
    carries no words at all)."""
    if target.number is None or target.number not in framework.indicator_numbers:
        return None
    squashed = squash(words)
    if not re.search(r"[^\W\d_]", squashed):
        return None  # "1<TAB>86.92": no words to check
    own = squash(framework.indicator(target.number).name_th)
    if own in squashed:
        return None
    if not target.bare_number:
        # "ตัวชี้วัดที่ 1 …" is explicit; only a different indicator's name contradicts it.
        others = [
            i
            for i in framework.indicators
            if i.number != target.number and squash(i.name_th) in squashed
        ]
        if not others:
            return None
    return (
        f"ขึ้นต้นด้วยเลข {target.number} แต่ชื่อในบรรทัดไม่ใช่ตัวชี้วัดที่ {target.number} "
        f"({framework.indicator(target.number).name_th}) — แก้เลขหรือชื่อให้ตรงกัน "
        "หรือใช้รหัสข้อ เช่น O11 ถ้าเป็นคะแนนรายข้อ"
    )


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class _Number:
    shown: str
    value: Decimal
    start: int
    end: int


def numbers_in(text: str) -> list[_Number]:
    """The numbers of ``text`` in order, skipping parts of codes, dates and times."""
    arabic = to_arabic_digits(text)  # one digit for one digit: positions stay the same
    found: list[_Number] = []
    for match in _NUMBER_TOKEN_RE.finditer(arabic):
        start, end = match.span()
        before = arabic[start - 1] if start else ""
        after = arabic[end] if end < len(arabic) else ""
        if _is_code_char(before) or _is_code_char(after):
            continue  # "ITA2568", "O11", "A4": part of a code
        if (before and before in "/:") or (after and after in "/:"):
            continue  # "1/10/2567", "10:30"
        try:
            value = parse_decimal(match.group())
        except ValueError:
            continue  # "1.2.3" is a section number, "86,92" not a number we read
        if before == "-" and (start < 2 or not arabic[start - 2].isalnum()):
            value = -value  # a minus sign, not a dash between words
        found.append(_Number(text[start:end].strip(), value, start, end))
    return found


def _is_code_char(character: str) -> bool:
    return character.isascii() and (character.isalpha() or character == "_")


def is_score_like(value: Decimal) -> bool:
    exponent = value.normalize().as_tuple().exponent
    return SCORE_MIN <= value <= SCORE_MAX and isinstance(exponent, int) and exponent >= -2


def _shown(value: Decimal) -> str:
    return format(value, "f")


# --------------------------------------------------------------------------- collecting


class Collector:
    """Rows and problems of one preview; the same target twice with different scores is a
    problem and neither value is imported (the clerk must say which is right)."""

    def __init__(self, framework: Framework, line_th: str) -> None:
        self._framework = framework
        self._line_th = line_th
        self._this_th = "แถวนี้" if line_th == ROW_TH else "บรรทัดนี้"
        self._rows: dict[str, ImportRow] = {}
        self._first: dict[str, ImportRow] = {}
        self._conflicts: set[str] = set()
        self._problems: list[ImportProblem] = []

    def where(self, line: int) -> str:
        return f"{self._line_th} {line}"

    def problem(self, line: int, source: str, message_th: str) -> None:
        self._problems.append(ImportProblem(line, source, f"{self.where(line)}: {message_th}"))

    def add(self, line: int, source: str, target: str, value: Decimal) -> None:
        first = self._first.get(target)
        if first is None:
            row = ImportRow(line, source, target, value)
            self._first[target] = row
            self._rows[target] = row
            return
        label = target_label_th(target)
        if target in self._conflicts:
            self.problem(
                line,
                source,
                f"{label} มีคะแนนหลายค่า (ค่าแรกที่{self.where(first.line)}) "
                f"— ไม่นำเข้าคะแนนของ{label} จนกว่าจะเหลือค่าเดียว",
            )
            return
        if first.value == value:
            return  # a page that repeats a score (a summary table) is harmless
        self._conflicts.add(target)
        self._rows.pop(target, None)
        self.problem(
            line,
            source,
            f"{label} มีคะแนนไม่ตรงกัน: {self.where(first.line)} = {_shown(first.value)} "
            f"แต่{self._this_th} = {_shown(value)} — ไม่นำเข้าคะแนนของ{label} "
            "จนกว่าจะเหลือค่าเดียว",
        )

    def preview(self, fiscal_year: int | None) -> ImportPreview:
        order = {item.code: position for position, item in enumerate(self._framework.items)}

        def sort_key(row: ImportRow) -> tuple[int, int]:
            if row.indicator is not None:
                return (0, row.indicator)
            return (1, order.get(row.target, len(order)))

        rows = tuple(sorted(self._rows.values(), key=sort_key))
        problems = tuple(sorted(self._problems, key=lambda problem: problem.line))
        return ImportPreview(rows, problems, fiscal_year, self._line_th)
