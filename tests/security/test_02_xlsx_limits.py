"""#14.2: a small XLSX that unpacks to a huge sheet is refused from its ZIP directory before
openpyxl parses anything, and reading is capped as it goes; the import dialog reads in a worker
with progress and a stop button. The limits are lowered for the test; the files are small."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from security_helpers import declare_size, office_state

from itadesk.fileio import ZipLimits
from itadesk.services import score_import
from itadesk.ui import dialogs

SHEET = "xl/worksheets/sheet1.xml"
LOW = ZipLimits(max_entries=20, max_total_size=400_000, max_ratio=20, ratio_floor=20_000)


def xlsx_bytes(rows: int = 2) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ตัวชี้วัดหรือรหัสข้อ", "คะแนน"])
    for number in range(1, rows + 1):
        sheet.append([number % 10 + 1, 90])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rewrite(data: bytes, replace: dict[str, bytes] | None = None, extra: int = 0) -> bytes:
    """The workbook with some parts replaced and ``extra`` junk parts added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename) or source.read(info))
        for number in range(extra):
            target.writestr(f"xl/junk{number}.xml", b"<x/>")
    return out.getvalue()


def sheet_xml(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()


def whitespace_bomb() -> bytes:
    return rewrite(xlsx_bytes(), {SHEET: sheet_xml(" " * 3_000_000)})


def ratio_bomb() -> bytes:
    return rewrite(xlsx_bytes(), {SHEET: sheet_xml(" " * 300_000)})


def many_entries() -> bytes:
    return rewrite(xlsx_bytes(), extra=30)


def far_row() -> bytes:
    # One cell on row 100,000,000: openpyxl would yield every empty row before it.
    body = '<row r="100000000"><c r="A100000000" t="n"><v>1</v></c></row>'
    return rewrite(xlsx_bytes(), {SHEET: sheet_xml(body)})


def many_cells() -> bytes:
    body = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}" t="n"><v>1</v></c>' for c in "ABCDE") + "</row>"
        for r in range(1, 1001)
    )
    return rewrite(xlsx_bytes(), {SHEET: sheet_xml(body)})


def lying_size() -> bytes:
    """The sheet's directory entry says 200 bytes; its data inflates to far more."""
    return declare_size(rewrite(xlsx_bytes(), {SHEET: sheet_xml("<row/>" * 20_000)}), SHEET, 200)


@pytest.fixture
def low_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(score_import, "XLSX_LIMITS", LOW)
    monkeypatch.setattr(score_import, "MAX_SHEET_ROWS", 100)
    monkeypatch.setattr(score_import, "MAX_SHEET_CELLS", 400)


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (whitespace_bomb, "ขยายแล้วมีขนาดรวม"),
        (ratio_bomb, "ถูกบีบอัดไว้"),
        (many_entries, "รายการ เกินที่รับได้"),
        (far_row, "เกิน 100 แถว"),
        (many_cells, "เกิน 400 เซลล์"),
        (lying_size, "ไม่ใช่ไฟล์ Excel (.xlsx) ที่ถูกต้องหรือไฟล์เสียหาย"),
    ],
    ids=["whitespace", "ratio", "entries", "row-1e8", "cells", "declared-size-lies"],
)
def test_a_bomb_is_refused_quickly_and_nothing_is_written(
    make, needle: str, low_limits: None, office: Path, tmp_path: Path, cli
) -> None:
    bomb = tmp_path / "scores.xlsx"
    bomb.write_bytes(make())
    assert bomb.stat().st_size < 200_000
    before = office_state(office)
    started = time.monotonic()
    result = cli("import", "--db", office, "--fy", "2568", bomb, "--yes")
    assert time.monotonic() - started < 20
    assert result.code == 2, result.out
    assert needle in result.err
    assert office_state(office) == before


def test_a_sheet_within_the_limits_still_imports(
    low_limits: None, office: Path, tmp_path: Path, cli
) -> None:
    good = tmp_path / "scores.xlsx"
    good.write_bytes(xlsx_bytes(rows=2))
    result = cli("import", "--db", office, "--fy", "2568", good)
    assert result.code == 0, result.err
    assert "อ่านได้ 2 รายการ" in result.out


def test_the_dialog_reads_in_a_worker_shows_progress_and_stops(
    qtbot, office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs_shown
) -> None:
    from itadesk.services.session import OfficeSession
    from itadesk.ui.application import ensure_application
    from itadesk.ui.import_dialog import ImportDialog

    big = tmp_path / "big.xlsx"
    big.write_bytes(xlsx_bytes(rows=30_000))
    monkeypatch.setattr(score_import, "MAX_SHEET_ROWS", 100_000)
    monkeypatch.setattr(score_import, "MAX_SHEET_CELLS", 1_000_000)
    monkeypatch.setattr(score_import, "PROGRESS_EVERY_ROWS", 50)
    monkeypatch.setattr(dialogs, "choose_open_file", lambda parent, title, filters: big)
    ensure_application()
    before = office_state(office)
    with OfficeSession.open(office) as session:
        dialog = ImportDialog(session.services, QUndoStack(), 2568, lambda: None, None)
        qtbot.addWidget(dialog.dialog)
        dialog.dialog.show()
        qtbot.waitExposed(dialog.dialog)
        qtbot.mouseClick(dialog.choose_file_button, Qt.MouseButton.LeftButton)
        # The window keeps running while the file is read: progress arrives, Stop is offered.
        assert dialog.reading and dialog.cancel_read_button.isVisible()
        assert not dialog.choose_file_button.isEnabled()
        qtbot.waitUntil(lambda: "อ่านแล้ว" in dialog.source_label.text(), timeout=20_000)
        qtbot.mouseClick(dialog.cancel_read_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.reading, timeout=20_000)
        assert "ยกเลิกการอ่านไฟล์แล้ว" in dialog.source_label.text()
        assert dialog.preview is None and not dialog.import_button.isEnabled()
        assert not dialog.cancel_read_button.isVisible() and dialog.choose_file_button.isEnabled()
        assert dialogs_shown["error"] == []
    assert office_state(office) == before
