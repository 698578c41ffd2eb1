"""Memo fields, the comment chain, and preview → save → print through the GUI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

from itadesk.domain.memo import MemoKind
from itadesk.ui.workers import wait_for_tasks


def open_memo(make_window, services, year: int = 2568):
    window = make_window(services)
    window.select_cycle(year)
    window.nav_list.setCurrentRow(window.pages.index(window.memo_page))
    return window, window.memo_page


def test_memo_fields_are_saved_and_undone(qtbot, make_window, demo_services) -> None:
    window, page = open_memo(make_window, demo_services)
    before = demo_services.memos.settings(2568, MemoKind.ANALYSIS)
    page.number_edit.setText("๑๒๓")
    page.number_edit.editingFinished.emit()
    page.date_edit.setText("๗ มกราคม ๒๕๖๙")
    page.date_edit.editingFinished.emit()
    settings = demo_services.memos.settings(2568, MemoKind.ANALYSIS)
    assert settings.running_number == "๑๒๓"
    assert settings.memo_date == date(2026, 1, 7)
    window.undo_action.trigger()
    assert demo_services.memos.settings(2568, MemoKind.ANALYSIS).memo_date == before.memo_date


def test_bad_date_is_refused_with_thai_message(qtbot, make_window, demo_services) -> None:
    _window, page = open_memo(make_window, demo_services)
    before = demo_services.memos.settings(2568, MemoKind.ANALYSIS)
    page.date_edit.setText("31 กุมภาพันธ์ 2569")
    page.date_edit.editingFinished.emit()
    assert "วันที่" in page.error_label.text()
    assert demo_services.memos.settings(2568, MemoKind.ANALYSIS) == before


def test_comment_chain_reorder_and_undo(qtbot, make_window, demo_services) -> None:
    window, page = open_memo(make_window, demo_services)
    before = [step.heading for step in demo_services.memos.comment_chain()]
    page.chain_table.setCurrentCell(0, 0)
    page._move(1)
    after = [step.heading for step in demo_services.memos.comment_chain()]
    assert after == [before[1], before[0], *before[2:]]
    window.undo_action.trigger()
    assert [step.heading for step in demo_services.memos.comment_chain()] == before


def test_preview_save_and_print(qtbot, make_window, demo_services, tmp_path: Path) -> None:
    _window, page = open_memo(make_window, demo_services)
    page.open_preview("memo")
    dialog = page.previews[-1]
    qtbot.waitUntil(lambda: dialog.ready or bool(dialog.error_message), timeout=30_000)
    assert dialog.ready, dialog.error_message
    assert dialog.document.pageCount() >= 1
    saved = dialog.save_pdf(tmp_path / "บันทึก ITA.pdf")
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_document(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 0
    dialog.close()
    wait_for_tasks()


def test_preview_of_a_failing_document_shows_the_reason(
    qtbot, make_window, demo_services, tmp_path: Path
) -> None:
    emblem = tmp_path / "emblem.png"
    emblem.write_bytes(b"\x89PNG\r\n\x1a\n")
    demo_services.settings.set_emblem_path(emblem)
    emblem.unlink()
    _window, page = open_memo(make_window, demo_services)
    page.open_preview("memo")
    dialog = page.previews[-1]
    qtbot.waitUntil(lambda: dialog.ready or bool(dialog.error_message), timeout=30_000)
    assert not dialog.ready
    assert "emblem.png" in dialog.error_message or "ตรา" in dialog.error_message
    dialog.close()
