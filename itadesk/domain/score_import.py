"""Reading ITA scores the clerk did not type: text pasted from a web page or a PDF, and grids
from a CSV or XLSX file (the service reads the file; this module only sees text cells).

Nothing here writes. The result is a preview: the rows that can be imported and, for every
line that looks like data but cannot be read, a Thai problem naming the line and what is
allowed. Problems never block the readable rows; the clerk decides. The preview and what text
and grid reading share (targets, numbers, the collector) are in ``score_reading``; the
preview's names are re-exported here.

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
from collections.abc import Mapping, Sequence

from itadesk.domain.frameworks import MAX_FISCAL_YEAR, MIN_FISCAL_YEAR, Framework
from itadesk.domain.score_reading import (
    DIGIT,
    FILLER_RE,
    HEADER_SEARCH_ROWS,
    LINE_TH,
    MAX_PASTE_CHARS,
    ROW_TH,
    SCORE_HEADER_WORDS,
    TARGET_HEADER_WORDS,
    TEMPLATE_HEADER,
    YEAR_RE,
    Collector,
    ImportPreview,
    ImportProblem,
    ImportRow,
    Target,
    clean_text,
    indicator_target,
    is_score_like,
    names_mismatch,
    numbers_in,
    read_target,
    squash,
    target_label_th,
    template_header_th,
)
from itadesk.domain.thai_text import to_arabic_digits
from itadesk.domain.validation import SCORE_RULE_TH, check_score, parse_score
from itadesk.errors import ValidationError, echo

__all__ = [
    "HEADER_SEARCH_ROWS",
    "LINE_TH",
    "MAX_PASTE_CHARS",
    "ROW_TH",
    "TEMPLATE_HEADER",
    "ImportPreview",
    "ImportProblem",
    "ImportRow",
    "find_fiscal_year",
    "parse_score_rows",
    "parse_score_text",
    "target_label_th",
    "template_header_th",
]


# --------------------------------------------------------------------------- text


def find_fiscal_year(text: str) -> int | None:
    """The first fiscal year the text names ("ปีงบประมาณ พ.ศ. ๒๕๖๘" → 2568)."""
    for match in YEAR_RE.finditer(text):
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
    collector = Collector(framework, LINE_TH)
    lines = [clean_text(raw) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
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
    target = read_target(framework, line)
    if target is None or numbers_in(target.rest):
        return False
    numbers = numbers_in(following)
    if len(numbers) != 1:
        return False
    lone = numbers[0]
    return _only_filler(following[: lone.start] + following[lone.end :])


def _read_text_line(framework: Framework, collector: Collector, line: int, text: str) -> None:
    target = read_target(framework, text)
    numbers = numbers_in(target.rest) if target is not None else []
    words = target.rest[: numbers[-1].start] if target is not None and numbers else ""
    if target is not None and target.by_name and not _only_filler(words):
        target = None  # prose that happens to start with an indicator's name
    if target is None:
        numbers = numbers_in(text)
        if numbers and is_score_like(numbers[-1].value):
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
    score_like = bool(numbers) and is_score_like(numbers[-1].value)
    if target.bare_number and not score_like and not _names_own_indicator(framework, target, words):
        return  # "1. บทนำ", "1 ตุลาคม 2567": a numbered heading or a date, not a score
    if target.error_th is not None:
        collector.problem(line, text, target.error_th)
        return
    assert target.key is not None
    label = target_label_th(target.key)
    mismatch = names_mismatch(framework, target, words)
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
    return not FILLER_RE.sub("", text).strip()


def _names_own_indicator(framework: Framework, target: Target, words: str) -> bool:
    if target.number is None or target.number not in framework.indicator_numbers:
        return False
    return squash(framework.indicator(target.number).name_th) in squash(words)


# --------------------------------------------------------------------------- grids


def _header_kind(cell: str) -> str | None:
    folded = squash(clean_text(cell)).casefold()
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
    return clean_text(row[column]) if column < len(row) and row[column] is not None else ""


def _source(row: Sequence[str]) -> str:
    return ", ".join(clean_text(cell) for cell in row if cell and clean_text(cell))


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
    collector = Collector(framework, line_th)
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
        target = read_target(framework, _cell(first_row, 0)) or _bare_cell_target(
            framework, _cell(first_row, 0)
        )
        if width > 2 or target is None:
            shown = " | ".join(clean_text(cell) for cell in first_row if cell and clean_text(cell))
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
    collector: Collector,
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
    target = read_target(framework, target_text) or _bare_cell_target(framework, target_text)
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


_SPLIT_PART_RE = re.compile(f"{DIGIT}{{1,3}}")
_DECIMAL_COMMA_RE = re.compile(f"({DIGIT}+),({DIGIT}{{1,2}})")


def _split_by_separator(score_text: str, following: str) -> bool:
    """A score cell and the cell after it that together look like "86,92" or "1,000"."""
    return bool(_SPLIT_PART_RE.fullmatch(score_text) and _SPLIT_PART_RE.fullmatch(following))


def _decimal_comma(text: str) -> str:
    """ "86,92" → "86.92" (one comma, one or two digits after it); anything else unchanged."""
    match = _DECIMAL_COMMA_RE.fullmatch(text)
    return f"{match.group(1)}.{match.group(2)}" if match else text


def _bare_cell_target(framework: Framework, text: str) -> Target | None:
    """A cell holding only a number: "1", "๑", "1.0" (Excel keeps whole numbers as floats)."""
    match = re.fullmatch(rf"({DIGIT}{{1,3}})(?:\.0+)?", text.strip())
    if match is None:
        return None
    return indicator_target(framework, int(to_arabic_digits(match.group(1))), "", bare=True)


def _cell_rest_ok(framework: Framework, target: Target) -> bool:
    """A target cell may carry the indicator's name after the number, nothing else."""
    if target.number is None:
        return True  # "O11 แผนดำเนินงาน…": an item code may keep its wording
    return names_mismatch(framework, target, target.rest) is None
