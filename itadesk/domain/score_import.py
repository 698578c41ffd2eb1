"""Reading ITA scores the clerk did not type: text pasted from a web page or a PDF, and grids
from a CSV or XLSX file (the service reads the file; this module only sees text cells).

Nothing here writes. The result is a preview: the rows that can be imported and, for every
line that looks like data but cannot be read, a Thai problem naming the line and what is
allowed. Problems never block the readable rows; the clerk decides.

Text rules (``parse_score_text``):

- A line *looks like data* when it starts with a target — an item code ("i1", "O11", OCR's
  "๐๑๑"), an indicator label ("ตัวชี้วัดที่ ๑"), an indicator name ("การปฏิบัติหน้าที่") or a
  numbered indicator ("1. การปฏิบัติหน้าที่", "1<TAB>86.92") — or when its last number is
  score-like (0–100, at most 2 decimals). Other lines (headings, blank lines, dates) are
  skipped silently.
- The score is the LAST number on the line after the target; numbers glued to Latin letters
  (codes such as "ITA2568"), dates and times ("1/10/2567", "10:30") are not numbers here.
- A bare number ("1. …") is an indicator only when the text after it is that indicator's name
  or there is no text at all, so a numbered list of O items ("1. โครงสร้าง 100") is never
  taken for indicator 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from itadesk.domain.frameworks import MAX_FISCAL_YEAR, MIN_FISCAL_YEAR, Framework
from itadesk.domain.thai_text import normalize_item_code, parse_decimal, to_arabic_digits
from itadesk.domain.validation import SCORE_MAX, SCORE_MIN, SCORE_RULE_TH, check_score, parse_score
from itadesk.errors import ValidationError, echo

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
_DIGIT = "[0-9๐-๙]"
# Bullets, dashes and quotes a web page or PDF puts in front of a row.
_LEAD_RE = re.compile(r"^[\s\-–—•·*▪►>\"'“”‘’(\[]+")
_INDICATOR_LABEL_RE = re.compile(
    rf"^(?:ตัวชี้วัด\s*(?:ที่)?|indicator)\s*({_DIGIT}{{1,3}})"
    rf"(?!{_DIGIT}|[.,]{_DIGIT}|[-–—]{_DIGIT})",
    re.IGNORECASE,
)
_CODE_RE = re.compile(
    rf"^(?:ข้อ(?:ที่)?\s*)?([OoIiEe]\s*{_DIGIT}{{1,3}}|๐[1-9๑-๙]{_DIGIT}{{0,2}})"
    rf"(?![0-9๐-๙A-Za-z_]|[.,]{_DIGIT})"
)
# "1. ชื่อ", "1) ชื่อ", "1<TAB>…", "1 ชื่อ" — never "1.5" or "1 86.92" (space then a number).
_NUMBERED_RE = re.compile(rf"^({_DIGIT}{{1,2}})(?:\s*[.)](?!{_DIGIT})|(?=\t)|\s+(?=[^\s0-9๐-๙]))")
_NUMBER_TOKEN_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_YEAR_RE = re.compile(
    rf"(?:ปีงบประมาณ|ปีงบ\.?|ประจำปี)\s*(?:พ\s*\.?\s*ศ\s*\.?)?\s*({_DIGIT}{{4}})(?!{_DIGIT})"
)
_SPACES_RE = re.compile(r"\s+")
# Words that may stand between a target and its score, or after the score, without making the
# line prose ("การปฏิบัติหน้าที่ ได้คะแนน 86.92 คะแนน").
_FILLER_RE = re.compile(r"ได้|คะแนน|ร้อยละ|ไม่ผ่าน|ผ่าน|เท่ากับ|[A-Za-z]+|[^\w]|_")


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
class _Target:
    """What a line or cell starts with. ``key`` is set once the target is known to be valid for
    the year; otherwise ``error_th`` says why not."""

    key: str | None
    rest: str
    bare_number: bool = False
    number: int | None = None
    error_th: str | None = None
    by_name: bool = False


def _clean(text: str) -> str:
    return text.translate(_INVISIBLE).replace("\u00a0", " ").strip()


def _squash(text: str) -> str:
    return _SPACES_RE.sub("", text)


def _indicator_target(framework: Framework, number: int, rest: str, bare: bool) -> _Target:
    numbers = framework.indicator_numbers
    if number not in numbers:
        return _Target(
            None,
            rest,
            bare,
            number,
            f"ปีงบประมาณ {framework.fiscal_year} ไม่มีตัวชี้วัดที่ {number} "
            f"— เลขตัวชี้วัดต้องเป็น {min(numbers)} ถึง {max(numbers)}",
        )
    return _Target(str(number), rest, bare, number)


def _items_summary_th(framework: Framework) -> str:
    """ "i1–i30, e1–e15, O1–O43" for the year's item list."""
    ranges: dict[str, list[int]] = {}
    for item in framework.items:
        ranges.setdefault(item.code[0], []).append(int(item.code[1:]))
    return ", ".join(
        f"{prefix}{min(numbers)}–{prefix}{max(numbers)}" for prefix, numbers in ranges.items()
    )


def _item_target(framework: Framework, code: str, rest: str) -> _Target:
    if any(item.code == code for item in framework.items):
        return _Target(code, rest)
    year = framework.fiscal_year
    if not framework.items:
        why = (
            f"ปีงบประมาณ {year} ยังไม่มีรายการข้อในโปรแกรม จึงนำเข้าคะแนนรายข้อ {code} ไม่ได้ "
            "— นำเข้ารายการข้อของปีนี้ที่หน้า “คะแนนรายข้อ” ก่อน"
        )
    else:
        why = f"ไม่มีข้อ {code} ในรายการข้อของปีงบประมาณ {year} (มี {_items_summary_th(framework)})"
    return _Target(None, rest, error_th=why)


def _name_target(framework: Framework, text: str) -> _Target | None:
    """An indicator named without its number ("การปฏิบัติหน้าที่ 86.92")."""
    squashed = _squash(text)
    # Longest name first, so a name that starts another name can never shadow it.
    for indicator in sorted(framework.indicators, key=lambda i: -len(_squash(i.name_th))):
        name = _squash(indicator.name_th)
        if name and squashed.startswith(name):
            rest = _cut_after_squashed(text, len(name))
            return _Target(str(indicator.number), rest, number=indicator.number, by_name=True)
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


def _read_target(framework: Framework, text: str) -> _Target | None:
    """The target a line or cell starts with, or None if it starts with none."""
    text = _LEAD_RE.sub("", text)
    label = _INDICATOR_LABEL_RE.match(text)
    if label is not None:
        number = int(to_arabic_digits(label.group(1)))
        return _indicator_target(framework, number, text[label.end() :], bare=False)
    code = _CODE_RE.match(text)
    if code is not None:
        normalized = normalize_item_code(code.group(1))
        if normalized is not None:
            return _item_target(framework, normalized, text[code.end() :])
    numbered = _NUMBERED_RE.match(text)
    if numbered is not None:
        number = int(to_arabic_digits(numbered.group(1)))
        return _indicator_target(framework, number, text[numbered.end() :], bare=True)
    return _name_target(framework, text)


def _names_mismatch(framework: Framework, target: _Target, words: str) -> str | None:
    """Why a numbered line's text is not its indicator's name (None if it is, or if the line
    carries no words at all)."""
    if target.number is None or target.number not in framework.indicator_numbers:
        return None
    squashed = _squash(words)
    if not re.search(r"[^\W\d_]", squashed):
        return None  # "1<TAB>86.92": no words to check
    own = _squash(framework.indicator(target.number).name_th)
    if own in squashed:
        return None
    if not target.bare_number:
        # "ตัวชี้วัดที่ 1 …" is explicit; only a different indicator's name contradicts it.
        others = [
            i
            for i in framework.indicators
            if i.number != target.number and _squash(i.name_th) in squashed
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


def _numbers(text: str) -> list[_Number]:
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


def _is_score_like(value: Decimal) -> bool:
    exponent = value.normalize().as_tuple().exponent
    return SCORE_MIN <= value <= SCORE_MAX and isinstance(exponent, int) and exponent >= -2


def _shown(value: Decimal) -> str:
    return format(value, "f")


# --------------------------------------------------------------------------- collecting


class _Collector:
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


# --------------------------------------------------------------------------- text


def find_fiscal_year(text: str) -> int | None:
    """The first fiscal year the text names ("ปีงบประมาณ พ.ศ. ๒๕๖๘" → 2568)."""
    for match in _YEAR_RE.finditer(text):
        year = int(to_arabic_digits(match.group(1)))
        if MIN_FISCAL_YEAR <= year <= MAX_FISCAL_YEAR:
            return year
    return None


def parse_score_text(text: str, framework: Framework) -> ImportPreview:
    """Scores in text pasted from a web page or a PDF (see the module docstring)."""
    if len(text) > MAX_PASTE_CHARS:
        raise ValidationError(
            f"ข้อความที่วางยาว {len(text):,} ตัวอักษร เกินที่รับได้ ({MAX_PASTE_CHARS:,} ตัวอักษร)"
            " — คัดลอกมาเฉพาะส่วนที่เป็นตารางคะแนน"
        )
    collector = _Collector(framework, LINE_TH)
    lines = [_clean(raw) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    consumed: set[int] = set()
    for index, line in enumerate(lines):
        if not line or index in consumed:
            continue
        following = next((j for j in range(index + 1, len(lines)) if lines[j]), None)
        # A PDF table often puts each cell on its own line: "ตัวชี้วัดที่ 1 …" then "86.92".
        if following is not None and _joins_next(framework, line, lines[following]):
            consumed.add(following)
            line = f"{line}\t{lines[following]}"
        _read_text_line(framework, collector, index + 1, line)
    return collector.preview(find_fiscal_year(text))


def _joins_next(framework: Framework, line: str, following: str) -> bool:
    """True if ``line`` names a target but has no number and ``following`` is a lone score."""
    target = _read_target(framework, line)
    if target is None or _numbers(target.rest):
        return False
    numbers = _numbers(following)
    if len(numbers) != 1:
        return False
    lone = numbers[0]
    return _only_filler(following[: lone.start] + following[lone.end :])


def _read_text_line(framework: Framework, collector: _Collector, line: int, text: str) -> None:
    target = _read_target(framework, text)
    numbers = _numbers(target.rest) if target is not None else []
    words = target.rest[: numbers[-1].start] if target is not None and numbers else ""
    if target is not None and target.by_name and not _only_filler(words):
        target = None  # prose that happens to start with an indicator's name
    if target is None:
        numbers = _numbers(text)
        if numbers and _is_score_like(numbers[-1].value):
            collector.problem(
                line,
                text,
                f"มีตัวเลข {numbers[-1].shown} แต่ไม่ได้ระบุว่าเป็นคะแนนของตัวชี้วัดหรือข้อใด "
                "— บรรทัดที่จะนำเข้าต้องขึ้นต้นด้วย “ตัวชี้วัดที่ 1” ถึง “ตัวชี้วัดที่ 10” "
                "ชื่อตัวชี้วัด หรือรหัสข้อ เช่น i1, e5, O11",
            )
        return
    if not numbers:
        words = target.rest
    score_like = bool(numbers) and _is_score_like(numbers[-1].value)
    if target.bare_number and not score_like and not _names_own_indicator(framework, target, words):
        return  # "1. บทนำ", "1 ตุลาคม 2567": a numbered heading or a date, not a score
    if target.error_th is not None:
        collector.problem(line, text, target.error_th)
        return
    assert target.key is not None
    label = target_label_th(target.key)
    mismatch = _names_mismatch(framework, target, words)
    if mismatch is not None:
        collector.problem(line, text, mismatch)
        return
    if not numbers:
        collector.problem(
            line,
            text,
            f"{label}: ไม่พบคะแนนในบรรทัดนี้ — ใส่คะแนนไว้ท้ายบรรทัด เป็น{SCORE_RULE_TH}",
        )
        return
    last = numbers[-1]
    after = target.rest[last.end :]
    if not _only_filler(after):
        collector.problem(
            line,
            text,
            f"{label}: หลังตัวเลข {last.shown} ยังมีข้อความ “{echo(after.strip())}” "
            "— คะแนนต้องเป็นตัวเลขตัวสุดท้ายของบรรทัด ลบข้อความท้ายบรรทัดแล้วกด “อ่านข้อความ” อีกครั้ง",
        )
        return
    try:
        value = check_score(last.value, label, last.shown)
    except ValidationError as error:
        collector.problem(line, text, f"{error.message} (ใช้ตัวเลขตัวสุดท้ายของบรรทัดเป็นคะแนน)")
        return
    collector.add(line, text, target.key, value)


def _only_filler(text: str) -> bool:
    return not _FILLER_RE.sub("", text).strip()


def _names_own_indicator(framework: Framework, target: _Target, words: str) -> bool:
    if target.number is None or target.number not in framework.indicator_numbers:
        return False
    return _squash(framework.indicator(target.number).name_th) in _squash(words)


# --------------------------------------------------------------------------- grids


def _header_kind(cell: str) -> str | None:
    folded = _squash(_clean(cell)).casefold()
    if not folded:
        return None
    if any(word in folded for word in SCORE_HEADER_WORDS):
        return "score"
    if any(word in folded for word in TARGET_HEADER_WORDS):
        return "target"
    return None


def _find_header(row: Sequence[str]) -> tuple[int, int] | None:
    target_column = score_column = None
    for column, cell in enumerate(row):
        kind = _header_kind(cell)
        if kind == "target" and target_column is None:
            target_column = column
        elif kind == "score" and score_column is None:
            score_column = column
    if target_column is None or score_column is None:
        return None
    return target_column, score_column


def _cell(row: Sequence[str], column: int) -> str:
    return _clean(row[column]) if column < len(row) and row[column] is not None else ""


def _source(row: Sequence[str]) -> str:
    return ", ".join(_clean(cell) for cell in row if cell and _clean(cell))


def parse_score_rows(
    rows: list[list[str]],
    framework: Framework,
    first_line: int = 1,
    *,
    line_th: str = LINE_TH,
    blocked: Mapping[tuple[int, int], str] | None = None,
    separator: str | None = None,
) -> ImportPreview:
    """Scores in a grid from a CSV or XLSX file.

    Numbers with a comma are never guessed. A score cell "86,92" (quoted in a CSV, or from a
    semicolon-separated file as Excel writes it in locales with decimal commas) is 86.92: one
    comma and one or two digits after it is a decimal comma. In a comma-separated file
    (``separator`` ","), an unquoted ``86,92`` or ``1,000`` arrives as two cells — a score
    cell of 1–3 digits followed by a cell of 1–3 digits is reported on its line with the fix,
    never read as 86 (the 92 landing in the notes).

    The header row has a target column (“ตัวชี้วัดหรือรหัสข้อ”, “รหัส”, “indicator”, “code” …)
    and a score column (“คะแนน”, “score”); titles above it are skipped. A sheet of two columns
    may have no header. A blank score cell is skipped (the template lists all ten indicators).
    ``blocked`` maps (line, column from 0) to why that cell must not be read (a merged range, a
    formula with no value); a data row whose target or score cell is blocked is a problem.
    """
    collector = _Collector(framework, line_th)
    blocked = blocked or {}
    numbered = [(first_line + index, row) for index, row in enumerate(rows)]
    filled = [(line, row) for line, row in numbered if any(_cell(row, c) for c in range(len(row)))]
    if not filled:
        collector.problem(first_line, "", "ไม่มีข้อมูลในตาราง")
        return collector.preview(None)

    header_line = first_line - 1
    columns: tuple[int, int] | None = None
    for line, row in filled[:HEADER_SEARCH_ROWS]:
        columns = _find_header(row)
        if columns is not None:
            header_line = line
            break
    if columns is None:
        width = max(
            max((c + 1 for c in range(len(row)) if _cell(row, c)), default=0) for _, row in filled
        )
        first_line_no, first_row = filled[0]
        target = _read_target(framework, _cell(first_row, 0)) or _bare_cell_target(
            framework, _cell(first_row, 0)
        )
        if width > 2 or target is None:
            shown = " | ".join(_clean(cell) for cell in first_row if cell and _clean(cell))
            collector.problem(
                first_line_no,
                _source(first_row),
                "ไม่พบหัวคอลัมน์ที่ต้องการ — แถวหัวตารางต้องมีคอลัมน์ "
                f"“{TEMPLATE_HEADER[0]}” และ “{TEMPLATE_HEADER[1]}” "
                f"(หัวตารางของไฟล์ตัวอย่างคือ {template_header_th()}) "
                "หรือเป็นตารางสองคอลัมน์ไม่มีหัว คือตัวชี้วัดหรือรหัสข้อ แล้วตามด้วยคะแนน "
                f"— แต่แถวแรกของไฟล์นี้คือ “{echo(shown)}”",
            )
            return collector.preview(None)
        columns, header_line = (0, 1), first_line_no - 1

    target_column, score_column = columns
    reported: set[str] = set()
    for line, row in numbered:
        if line <= header_line:
            continue
        reasons = [
            reason
            for reason in (blocked.get((line, target_column)), blocked.get((line, score_column)))
            if reason is not None
        ]
        if reasons:
            # A merged range spans several rows: say so once, skip every row it covers.
            fresh = [reason for reason in dict.fromkeys(reasons) if reason not in reported]
            reported.update(fresh)
            if fresh:
                collector.problem(line, _source(row), "; ".join(fresh))
            continue
        target_text, score_text = _cell(row, target_column), _cell(row, score_column)
        if separator == "," and _split_by_separator(score_text, _cell(row, score_column + 1)):
            following = _cell(row, score_column + 1)
            collector.problem(
                line,
                _source(row),
                f"คะแนน “{echo(score_text)},{echo(following)}” มีเครื่องหมายจุลภาค (,)"
                " ซึ่งในไฟล์ CSV ใช้คั่นคอลัมน์ โปรแกรมจึงไม่เดาว่าเป็น"
                f" {score_text}.{following} หรือ {score_text}{following}"
                " — ใส่เครื่องหมายคำพูดครอบ หรือใช้จุดทศนิยม เช่น 86.92",
            )
            continue
        _read_grid_row(framework, collector, line, _source(row), target_text, score_text)
    return collector.preview(None)


def _read_grid_row(
    framework: Framework,
    collector: _Collector,
    line: int,
    source: str,
    target_text: str,
    score_text: str,
) -> None:
    if not target_text:
        if score_text:
            collector.problem(
                line,
                source,
                f"มีคะแนน {echo(score_text)} แต่ช่อง “{TEMPLATE_HEADER[0]}” ว่าง "
                "— ใส่เลขตัวชี้วัด 1 ถึง 10 หรือรหัสข้อ เช่น i1, e5, O11",
            )
        return
    target = _read_target(framework, target_text) or _bare_cell_target(framework, target_text)
    if target is None or (target.rest.strip() and not _cell_rest_ok(framework, target)):
        collector.problem(
            line,
            source,
            f"อ่านไม่ออกว่า “{echo(target_text)}” เป็นตัวชี้วัดหรือข้อใด "
            "— ใส่เลขตัวชี้วัด 1 ถึง 10 (หรือ “ตัวชี้วัดที่ 1”) หรือรหัสข้อ เช่น i1, e5, O11",
        )
        return
    if not score_text:
        return  # a template row left blank: no score given, nothing to import
    if target.error_th is not None:
        collector.problem(line, source, target.error_th)
        return
    assert target.key is not None
    label = target_label_th(target.key)
    try:
        value = parse_score(_decimal_comma(score_text.removesuffix("%").strip()), label)
    except ValidationError as error:
        collector.problem(line, source, error.message)
        return
    assert value is not None
    collector.add(line, source, target.key, value)


_SPLIT_PART_RE = re.compile(f"{_DIGIT}{{1,3}}")
_DECIMAL_COMMA_RE = re.compile(f"({_DIGIT}+),({_DIGIT}{{1,2}})")


def _split_by_separator(score_text: str, following: str) -> bool:
    """A score cell and the cell after it that together look like "86,92" or "1,000"."""
    return bool(_SPLIT_PART_RE.fullmatch(score_text) and _SPLIT_PART_RE.fullmatch(following))


def _decimal_comma(text: str) -> str:
    """ "86,92" → "86.92" (one comma, one or two digits after it); anything else unchanged."""
    match = _DECIMAL_COMMA_RE.fullmatch(text)
    return f"{match.group(1)}.{match.group(2)}" if match else text


def _bare_cell_target(framework: Framework, text: str) -> _Target | None:
    """A cell holding only a number: "1", "๑", "1.0" (Excel keeps whole numbers as floats)."""
    match = re.fullmatch(rf"({_DIGIT}{{1,3}})(?:\.0+)?", text.strip())
    if match is None:
        return None
    return _indicator_target(framework, int(to_arabic_digits(match.group(1))), "", bare=True)


def _cell_rest_ok(framework: Framework, target: _Target) -> bool:
    """A target cell may carry the indicator's name after the number, nothing else."""
    if target.number is None:
        return True  # "O11 แผนดำเนินงาน…": an item code may keep its wording
    return _names_mismatch(framework, target, target.rest) is None
