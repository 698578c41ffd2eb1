"""The preview window driven as a clerk: opened with the memo page's preview button, saved and
printed with its toolbar buttons. Only the boundary is patched: the save dialog
(QFileDialog.getSaveFileName) and the system print dialog (QPrintDialog)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton

from itadesk.domain.memo import MemoKind
from itadesk.ui import preview as preview_module
from itadesk.ui.uiloader import child

SUBJECT = "รายงานผลการวิเคราะห์ทดสอบปุ่มพิมพ์"


def pdf_text(path: Path) -> str:
    """All the text of a PDF as PDFium reads it, white space removed (Thai lines break
    between words without spaces)."""
    document = pdfium.PdfDocument(str(path))
    try:
        text = ""
        for page in document:
            textpage = page.get_textpage()
            text += textpage.get_text_range()
            textpage.close()
            page.close()
        return "".join(text.split())
    finally:
        document.close()


def pdf_page_count(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


@pytest.fixture
def memo_preview(qtbot, make_window, demo_services, type_text):
    """The memo typed with its own subject, previewed with the page's preview button."""
    window = make_window(demo_services)
    window.select_cycle(2568)
    window.nav_list.setCurrentRow(window.pages.index(window.memo_page))
    page = window.memo_page
    type_text(page.subject_edit, SUBJECT)
    button = child(page.widget, QPushButton, "preview_memo_button")
    button.ensurePolished()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert demo_services.memos.settings(2568, MemoKind.ANALYSIS).subject == SUBJECT
    assert page.previews, page.error_label.text()
    dialog = page.previews[-1]
    qtbot.waitUntil(lambda: dialog.ready or bool(dialog.error_message), timeout=30_000)
    assert dialog.ready, dialog.error_message
    yield dialog
    dialog.close()
    assert dialog not in page.previews  # finished(int) reached the page's clean-up


def click_action(qtbot, dialog, action) -> None:
    button = dialog.toolbar.widgetForAction(action)
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_save_dialog(monkeypatch, answer: str) -> list[tuple]:
    asked: list[tuple] = []

    def get_save_file_name(*args, **kwargs):
        asked.append(args)
        return answer, "PDF (*.pdf)" if answer else ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    return asked


def answer_print_dialog(monkeypatch, output: Path | None) -> list[QPrinter]:
    """A print dialog where the clerk picks "print to file (PDF)" and presses OK, or
    (``output`` None) presses Cancel."""
    printers: list[QPrinter] = []

    class PrintDialog:
        def __init__(self, printer: QPrinter, parent=None) -> None:
            printers.append(printer)
            self._printer = printer

        def exec(self) -> int:
            if output is None:
                return QDialog.DialogCode.Rejected
            self._printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self._printer.setOutputFileName(str(output))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(preview_module, "QPrintDialog", PrintDialog)
    return printers


def test_save_button_writes_the_memo_pdf(
    qtbot, memo_preview, monkeypatch, tmp_path: Path, no_modal_dialogs
) -> None:
    target = tmp_path / "บันทึกข้อความ ITA.pdf"
    asked = answer_save_dialog(monkeypatch, str(target))
    click_action(qtbot, memo_preview, memo_preview.save_action)
    assert len(asked) == 1
    assert target.read_bytes().startswith(b"%PDF")
    assert "".join(SUBJECT.split()) in pdf_text(target)
    assert no_modal_dialogs["error"] == []


def test_save_adds_the_pdf_extension(
    qtbot, memo_preview, monkeypatch, tmp_path: Path, no_modal_dialogs
) -> None:
    answer_save_dialog(monkeypatch, str(tmp_path / "memo"))
    click_action(qtbot, memo_preview, memo_preview.save_action)
    assert (tmp_path / "memo.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "memo").exists()


def test_cancelled_save_writes_nothing_and_says_nothing(
    qtbot, memo_preview, monkeypatch, tmp_path: Path, no_modal_dialogs
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    asked = answer_save_dialog(monkeypatch, "")
    click_action(qtbot, memo_preview, memo_preview.save_action)
    assert len(asked) == 1
    assert list(folder.iterdir()) == []
    assert no_modal_dialogs["error"] == [] and no_modal_dialogs["crash"] == []


def test_save_to_an_impossible_place_is_told_in_thai(
    qtbot, memo_preview, monkeypatch, tmp_path: Path, no_modal_dialogs
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    answer_save_dialog(monkeypatch, str(blocker / "memo.pdf"))
    click_action(qtbot, memo_preview, memo_preview.save_action)
    assert len(no_modal_dialogs["error"]) == 1
    assert "บันทึก" in no_modal_dialogs["error"][0] and "memo.pdf" in no_modal_dialogs["error"][0]
    assert memo_preview.isVisible()  # the preview stays open to try another place


def test_print_button_prints_every_page(
    qtbot, memo_preview, monkeypatch, tmp_path: Path, no_modal_dialogs
) -> None:
    printed = tmp_path / "printed.pdf"
    printers = answer_print_dialog(monkeypatch, printed)
    click_action(qtbot, memo_preview, memo_preview.print_action)
    assert len(printers) == 1
    assert printed.read_bytes().startswith(b"%PDF")
    assert pdf_page_count(printed) == memo_preview.document.pageCount() >= 1
    assert no_modal_dialogs["error"] == []
    assert "ส่งไปพิมพ์แล้ว" in memo_preview.status_label.text()


def test_cancelled_print_prints_nothing_and_says_nothing(
    qtbot, memo_preview, monkeypatch, tmp_path: Path, no_modal_dialogs
) -> None:
    printers = answer_print_dialog(monkeypatch, None)
    click_action(qtbot, memo_preview, memo_preview.print_action)
    assert len(printers) == 1
    assert list(tmp_path.glob("*.pdf")) == []
    assert no_modal_dialogs["error"] == [] and no_modal_dialogs["crash"] == []


def test_pages_go_to_a_1200_dpi_printer_as_300_dpi_pictures_at_real_size(
    qtbot, memo_preview, monkeypatch, tmp_path: Path
) -> None:
    """The system dialog's default printer (HighResolution, 1200 dpi for PDF) gets one
    picture per page of at most PRINT_RENDER_DPI (memory stays bounded), covering the A4
    paper at the page's real size, with no alpha channel."""
    printed = tmp_path / "printed.pdf"
    printers = answer_print_dialog(monkeypatch, printed)
    click_action(qtbot, memo_preview, memo_preview.print_action)
    assert printers[0].resolution() == 1200
    assert preview_module.PRINT_RENDER_DPI == 300
    document = pdfium.PdfDocument(str(printed))
    try:
        assert len(document) == memo_preview.document.pageCount()
        for page in document:
            assert [round(side) for side in page.get_size()] == [595, 842]  # A4 in points
            pictures = list(page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE]))
            assert [picture.get_px_size() for picture in pictures] == [(2480, 3508)]
            left, bottom, right, top = pictures[0].get_bounds()
            assert abs(left) < 1 and abs(bottom) < 1
            assert abs(right - 595.3) < 1 and abs(top - 841.9) < 1
            page.close()
    finally:
        document.close()
