"""Importing ITA scores from a CSV/XLSX file or pasted text: reading files (the I/O the domain
must not do), writing the readable rows in one transaction, the template, and the
``itadesk import`` command.

Reading never writes; :func:`apply_import` writes indicator and item scores together or not
at all.

An XLSX is a ZIP of XML parts, so a small file can unpack to gigabytes or to millions of
rows. Before openpyxl parses anything, the archive's central directory is checked against
:data:`XLSX_LIMITS` (entry count, total uncompressed size, compression ratio); reading is then
capped as it goes (zipfile never inflates a part past its declared size, and the rows and cells
read are counted against :data:`MAX_SHEET_ROWS` and :data:`MAX_SHEET_CELLS`). Reading reports
its progress and stops when the clerk cancels (the import dialog reads in a worker thread).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itadesk.domain.frameworks import Framework
from itadesk.domain.score_import import (
    LINE_TH,
    ROW_TH,
    ImportPreview,
    ImportRow,
    parse_score_rows,
    target_label_th,
)
from itadesk.errors import UserError, echo
from itadesk.fileio import (
    ArchiveLimitError,
    ZipLimits,
    check_zip_limits,
    copy_atomically,
    os_error_th,
)
from itadesk.paths import resource_path

if TYPE_CHECKING:
    from itadesk.services import Services

TEMPLATE_NAME = "score-import-template.csv"
CSV_SUFFIXES = frozenset({".csv"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
FILE_FILTER_TH = "ไฟล์คะแนน (*.csv *.xlsx *.xlsm);;ทุกไฟล์ (*)"
# A score sheet is a few kilobytes; anything this big is the wrong file.
MAX_FILE_BYTES = 20 * 1024 * 1024
# Excel keeps 15 significant digits; more is binary noise of a float ("86.92000000000001").
EXCEL_DIGITS = 15
#: What an XLSX may hold (module-level so a test can lower them). A score sheet is a few
#: kilobytes of XML in a dozen parts; Excel itself compresses XML about 10 times.
XLSX_LIMITS = ZipLimits(
    max_entries=1_000, max_total_size=50 << 20, max_ratio=100, ratio_floor=1 << 20
)
MAX_SHEET_ROWS = 10_000
MAX_SHEET_CELLS = 200_000
# How often (in rows) reading reports progress and looks for a cancel.
PROGRESS_EVERY_ROWS = 200

#: ``progress(rows_read)``; ``cancelled()`` is True once the clerk asked to stop.
ReadProgress = Callable[[int], None]
Cancelled = Callable[[], bool]


class ImportCancelledError(UserError):
    """The clerk stopped reading a file; nothing was read or written."""

    def __init__(self) -> None:
        super().__init__("ยกเลิกการอ่านไฟล์แล้ว — ยังไม่ได้นำเข้าคะแนนใด")


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97–2003 .xls


def template_path() -> Path:
    """The CSV template (UTF-8 with BOM so Excel shows the Thai header correctly)."""
    return resource_path("data", TEMPLATE_NAME)


def save_template(target: Path) -> Path:
    """Copy the template to ``target`` (a temp file renamed, so a failed save leaves nothing)."""
    target = Path(target)
    try:
        copy_atomically(template_path(), target)
    except OSError as exc:
        raise UserError(
            f"บันทึกไฟล์ตัวอย่างที่ “{target}” ไม่ได้ ({os_error_th(exc)}) "
            "— ถ้าไฟล์นี้เปิดอยู่ใน Excel ให้ปิดก่อน หรือเลือกโฟลเดอร์อื่นที่เขียนได้"
        ) from exc
    return target


# --------------------------------------------------------------------------- reading files


def read_import_file(
    path: Path,
    framework: Framework,
    *,
    progress: ReadProgress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPreview:
    """Read a CSV (UTF-8 with or without BOM, or cp874/TIS-620 from Thai Excel) or the first
    sheet of an XLSX file. Problems with single lines are in the preview; a file that cannot
    be read at all raises UserError (:class:`ImportCancelledError` when ``cancelled()`` turned
    True). ``progress(rows)`` is told how many rows of a sheet have been read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise _old_excel(path)
    if suffix not in CSV_SUFFIXES | XLSX_SUFFIXES:
        raise UserError(
            f"ไฟล์ “{path.name}” ไม่ใช่ไฟล์ CSV หรือ Excel (.xlsx) — นำเข้าได้เฉพาะไฟล์ .csv หรือ .xlsx "
            "(ข้อความจากหน้าเว็บหรือ PDF ให้คัดลอกมาวางในช่องวางข้อความ)"
        )
    data = _read_bytes(path)
    if data.startswith(_OLE_MAGIC):
        raise _old_excel(path)
    # Content decides, not the name: an .xlsx saved with a .csv name is still read correctly.
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(path, data, framework, _Reading(path, progress, cancelled))
    if suffix in XLSX_SUFFIXES:
        raise UserError(
            f"ไฟล์ “{path.name}” ไม่ใช่ไฟล์ Excel (.xlsx) ที่ถูกต้อง — อาจเป็นไฟล์ชนิดอื่นที่เปลี่ยนนามสกุล "
            "เปิดไฟล์ใน Excel แล้วบันทึกเป็น .xlsx ใหม่ หรือใช้ไฟล์ตัวอย่าง (.csv) ของโปรแกรม"
        )
    return _read_csv(path, data, framework)


def _old_excel(path: Path) -> UserError:
    return UserError(
        f"ไฟล์ “{path.name}” เป็นไฟล์ Excel รุ่นเก่า (.xls) ซึ่งโปรแกรมอ่านไม่ได้ "
        "— เปิดใน Excel แล้วบันทึกเป็น “Excel Workbook (.xlsx)” หรือ “CSV UTF-8” ก่อน"
    )


def _read_bytes(path: Path) -> bytes:
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            # A FIFO or a device: reading would wait for ever.
            raise UserError(f"“{echo(path)}” ไม่ใช่ไฟล์ธรรมดา — เลือกไฟล์ .csv หรือ .xlsx")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(
                f"ไฟล์ “{path.name}” ใหญ่เกินไป ({size // (1024 * 1024)} MB) สำหรับไฟล์คะแนน "
                "— ตรวจสอบว่าเลือกไฟล์ถูกต้อง"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"ไม่พบไฟล์ “{path}” — ตรวจสอบชื่อและตำแหน่งไฟล์อีกครั้ง") from None
    except IsADirectoryError:
        raise UserError(f"“{path}” เป็นโฟลเดอร์ ไม่ใช่ไฟล์ — เลือกไฟล์ .csv หรือ .xlsx") from None
    except PermissionError as exc:
        raise UserError(
            f"เปิดไฟล์ “{path.name}” ไม่ได้ เพราะไฟล์ถูกล็อกหรือไม่มีสิทธิ์อ่าน "
            "— ถ้าไฟล์เปิดอยู่ใน Excel ให้ปิดก่อนแล้วลองใหม่"
        ) from exc
    except OSError as exc:
        raise UserError(
            f"อ่านไฟล์ “{path.name}” ไม่ได้ ({os_error_th(exc)}) "
            "— ตรวจสอบว่าไฟล์ยังอยู่และไดรฟ์ยังเชื่อมต่ออยู่ แล้วลองใหม่"
        ) from exc
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise UserError(f"ไฟล์ “{path.name}” ว่าง ไม่มีข้อมูลคะแนน")
    return data


def decode_csv_bytes(data: bytes, name: str) -> str:
    """Text of a CSV file: UTF-8 (BOM or not), UTF-16 with BOM, else cp874 (Thai Windows,
    a superset of TIS-620), which Thai Excel uses for "CSV (Comma delimited)"."""
    if data.startswith(codecs.BOM_UTF8):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)  # Excel's "Unicode Text"
    elif b"\x00" in data:
        raise UserError(f"ไฟล์ “{name}” ไม่ใช่ไฟล์ข้อความ CSV — เลือกไฟล์ .csv หรือ .xlsx ที่มีคะแนน")
    else:
        encodings = ("utf-8", "cp874")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(
        f"อ่านตัวอักษรในไฟล์ “{name}” ไม่ได้ — บันทึกไฟล์จาก Excel ใหม่เป็น “CSV UTF-8” แล้วลองอีกครั้ง"
    )


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "\t" in first:
        return "\t"
    # Excel in locales that write decimal commas saves with semicolons.
    return ";" if first.count(";") > first.count(",") else ","


def _read_csv(path: Path, data: bytes, framework: Framework) -> ImportPreview:
    text = decode_csv_bytes(data, path.name)
    delimiter = _delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UserError(
            f"ไฟล์ “{path.name}” มีรูปแบบ CSV ผิด ({exc}) — เปิดใน Excel แล้วบันทึกเป็น “CSV UTF-8” ใหม่"
        ) from exc
    return parse_score_rows(rows, framework, line_th=LINE_TH, separator=delimiter)


# --------------------------------------------------------------------------- XLSX


class _Reading:
    """Counts the rows and cells of one sheet read against the caps, tells progress, and
    stops when the clerk cancels."""

    def __init__(self, path: Path, progress: ReadProgress | None, cancelled: Cancelled | None):
        self._path = path
        self._progress = progress
        self._cancelled = cancelled
        self.rows = 0
        self.cells = 0

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ImportCancelledError()

    def restart(self) -> None:
        """A second pass over the same sheet counts from zero again."""
        self.rows = self.cells = 0

    def row(self, cells: int) -> None:
        """One more row of ``cells`` cells."""
        self.rows += 1
        self.cells += cells
        if self.rows > MAX_SHEET_ROWS or self.cells > MAX_SHEET_CELLS:
            raise _too_big(
                self._path,
                f"แผ่นงานแรกมีเกิน {MAX_SHEET_ROWS:,} แถว หรือเกิน {MAX_SHEET_CELLS:,} เซลล์",
            )
        if self.rows % PROGRESS_EVERY_ROWS == 0:
            self.check()
            if self._progress is not None:
                self._progress(self.rows)


def _too_big(path: Path, detail_th: str) -> UserError:
    return UserError(
        f"ไฟล์ “{echo(path.name)}” ใหญ่เกินกว่าไฟล์คะแนนจะเป็นได้ ({detail_th}) โปรแกรมจึงไม่อ่านไฟล์นี้"
        " — ตรวจสอบว่าเลือกไฟล์ถูกต้อง หรือคัดลอกเฉพาะตารางคะแนนไปวางในไฟล์ใหม่ แล้วบันทึกเป็น .xlsx หรือ CSV"
    )


def _check_archive(path: Path, data: bytes) -> None:
    """The XLSX's central directory against :data:`XLSX_LIMITS`, before openpyxl sees it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_limits(archive, XLSX_LIMITS)
    except ArchiveLimitError as exc:
        raise _too_big(path, exc.detail_th) from exc
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise _not_excel(path) from exc


def _not_excel(path: Path) -> UserError:
    return UserError(
        f"ไฟล์ “{echo(path.name)}” ไม่ใช่ไฟล์ Excel (.xlsx) ที่ถูกต้องหรือไฟล์เสียหาย "
        "— เปิดไฟล์ใน Excel แล้วบันทึกเป็น .xlsx ใหม่ หรือบันทึกเป็น “CSV UTF-8”"
    )


def _read_xlsx(path: Path, data: bytes, framework: Framework, reading: _Reading) -> ImportPreview:
    """The first sheet through openpyxl in read-only mode (streaming: a large sheet is not
    built in memory), plus the cells that must not be read (see :func:`_blocked_cells`)."""
    _check_archive(path, data)
    reading.check()
    from openpyxl import load_workbook  # only when an XLSX is read: keeps the CLI start fast

    not_excel = _not_excel(path)
    try:
        # Bytes, not the path: the file is not held open (Excel on Windows would see it locked).
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise not_excel from exc
    try:
        if not workbook.worksheets:
            raise UserError(f"ไฟล์ “{path.name}” ไม่มีแผ่นงาน (sheet) ที่มีข้อมูล")
        sheet = workbook.worksheets[0]
        title = sheet.title
        # Some programs write a wrong <dimension>; read what is really there.
        sheet.reset_dimensions()
        grid: list[list[str]] = []
        no_value: set[tuple[int, int]] = set()  # (row, column), both from 1
        for row_number, row in enumerate(sheet.rows, start=1):
            reading.row(len(row))
            grid.append([_cell_text(cell.value, cell.number_format) for cell in row])
            no_value.update(
                (row_number, column)
                for column, cell in enumerate(row, start=1)
                if cell.value is None
            )
        if not any(cell for row in grid for cell in row):
            raise UserError(f"แผ่นงานแรก “{title}” ของไฟล์ “{path.name}” ว่าง ไม่มีข้อมูลคะแนน")
        blocked = _blocked_cells(workbook, sheet, no_value, reading)
    except UserError:
        raise
    except Exception as exc:
        raise not_excel from exc
    finally:
        workbook.close()
    return parse_score_rows(grid, framework, line_th=ROW_TH, blocked=blocked)


def _cell_text(value: Any, number_format: str | None) -> str:
    """A cell's value as the clerk sees it: whole numbers without ".0", percentages as 0–100."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if len(number.as_tuple().digits) > EXCEL_DIGITS:
            number = Decimal(format(value, f".{EXCEL_DIGITS}g"))
        if number_format and "%" in number_format:
            number = number.scaleb(2)  # 0.8692 shown as 86.92% is the score 86.92
        return format(number.normalize(), "f")
    return str(value).strip()


def _blocked_cells(
    workbook: Any, sheet: Any, no_value: set[tuple[int, int]], reading: _Reading
) -> dict[tuple[int, int], str]:
    """Cells of the sheet that must not be read, by (row from 1, column from 0): merged ranges
    and formulas saved without a computed value (``no_value``: cells the values pass found
    empty).

    openpyxl's read-only worksheet reports neither (it streams values only), so the sheet is
    streamed once more through openpyxl's own sheet parser, which collects the formulas and
    ``<mergeCells>``. That parser, the read-only workbook's archive and the sheet's part name
    are openpyxl internals: openpyxl is pinned (pyproject.toml), and
    ``test_xlsx_merged_cells_are_named_not_guessed`` fails if they change."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries
    from openpyxl.worksheet._reader import WorkSheetParser

    blocked: dict[tuple[int, int], str] = {}
    reading.restart()
    with workbook._archive.open(sheet._worksheet_path) as source:
        parser = WorkSheetParser(source, workbook.shared_strings, data_only=False)
        for _row_number, cells in parser.parse():
            reading.row(len(cells))
            for cell in cells:
                where = (cell["row"], cell["column"])
                if cell["data_type"] == "f" and where in no_value:
                    ref = f"{get_column_letter(cell['column'])}{cell['row']}"
                    blocked[(cell["row"], cell["column"] - 1)] = (
                        f"เซลล์ {ref} เป็นสูตรที่ยังไม่มีค่าที่คำนวณไว้ "
                        "— เปิดไฟล์ใน Excel แล้วบันทึกอีกครั้ง หรือพิมพ์คะแนนเป็นตัวเลข"
                    )
    for merged in parser.merged_cells.mergeCell if parser.merged_cells else ():
        min_col, min_row, max_col, max_row = range_boundaries(merged.ref)
        reason = (
            f"เซลล์ที่ผสานกัน {merged.ref} — โปรแกรมไม่เดาว่าค่าในเซลล์นี้เป็นของแถวหรือช่องใด "
            "ยกเลิกการผสานเซลล์ แล้วใส่ตัวชี้วัดหรือรหัสข้อและคะแนนแยกช่องกันทุกแถว"
        )
        for row in range(min_row or 1, (max_row or 1) + 1):
            for column in range(min_col or 1, (max_col or 1) + 1):
                blocked[(row, column - 1)] = reason
    return blocked


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class ImportChange:
    """A readable row with the score it replaces (None: no score stored yet)."""

    row: ImportRow
    old: Decimal | None

    @property
    def changed(self) -> bool:
        return self.old != self.row.value


def changes(services: Services, fiscal_year: int, preview: ImportPreview) -> list[ImportChange]:
    indicators = services.scores.indicator_scores(fiscal_year)
    items = services.scores.item_scores(fiscal_year)
    return [
        ImportChange(
            row,
            indicators.get(row.indicator) if row.indicator is not None else items.get(row.target),
        )
        for row in preview.rows
    ]


def write_scores(
    services: Services,
    fiscal_year: int,
    indicators: Mapping[int, Decimal | None],
    items: Mapping[str, Decimal | None],
) -> None:
    """Indicator and item scores in ONE transaction (see ScoreService.set_scores)."""
    services.scores.set_scores(fiscal_year, indicators, items)


def apply_import(services: Services, fiscal_year: int, preview: ImportPreview) -> None:
    """Write every readable row of ``preview`` (problems were shown and are not written)."""
    if not preview.rows:
        raise UserError("ไม่มีคะแนนที่อ่านได้ให้นำเข้า — ตรวจสอบรายการบรรทัดที่อ่านไม่ได้แล้วแก้ไฟล์หรือข้อความ")
    write_scores(services, fiscal_year, preview.indicator_scores(), preview.item_scores())


def year_warning_th(preview: ImportPreview, fiscal_year: int) -> str | None:
    """A warning when the text names another fiscal year than the one being imported."""
    if preview.fiscal_year is None or preview.fiscal_year == fiscal_year:
        return None
    return (
        f"ข้อความระบุปีงบประมาณ {preview.fiscal_year} แต่กำลังนำเข้าคะแนนของปีงบประมาณ {fiscal_year} "
        "— ตรวจสอบว่าเลือกปีถูกต้อง"
    )


def label_th(framework: Framework, target: str) -> str:
    """ "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่" or "ข้อ O11"."""
    label = target_label_th(target)
    if target.isdigit() and int(target) in framework.indicator_numbers:
        return f"{label} {framework.indicator(int(target)).name_th}"
    return label
