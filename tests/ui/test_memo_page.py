"""Memo fields, the comment chain, and a preview that cannot be made (save and print through
the preview's toolbar are in test_preview.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from itadesk.domain.memo import MEMO_ANALYSIS
from itadesk.ui.uiloader import child


def open_memo(make_window, services, year: int = 2568):
    window = make_window(services)
    window.select_year(year)
    window.nav_list.setCurrentRow(window.pages.index(window.memo_page))
    return window, window.memo_page


def test_memo_fields_are_saved_and_undone(qtbot, make_window, demo_services) -> None:
    window, page = open_memo(make_window, demo_services)
    page.number_edit.setText("๑๒๓")
    page.number_edit.editingFinished.emit()
    page.date_edit.setText("๗ มกราคม ๒๕๖๙")
    page.date_edit.editingFinished.emit()
    settings = demo_services.memos.settings(2568, MEMO_ANALYSIS)
    assert settings.running_number == "๑๒๓"
    assert settings.memo_date == date(2026, 1, 7)
    window.undo_action.trigger()
    assert demo_services.memos.settings(2568, MEMO_ANALYSIS).memo_date is None


def test_bad_date_is_refused_with_thai_message(qtbot, make_window, demo_services) -> None:
    _window, page = open_memo(make_window, demo_services)
    page.date_edit.setText("31 กุมภาพันธ์ 2569")
    page.date_edit.editingFinished.emit()
    assert "วันที่" in page.error_label.text()
    assert demo_services.memos.settings(2568, MEMO_ANALYSIS).memo_date is None


def test_comment_chain_reorder_and_undo(qtbot, make_window, demo_services) -> None:
    window, page = open_memo(make_window, demo_services)
    before = [step.heading for step in demo_services.memos.comment_chain()]
    page.chain_table.setCurrentCell(0, 0)
    page._move(1)
    after = [step.heading for step in demo_services.memos.comment_chain()]
    assert after == [before[1], before[0], *before[2:]]
    window.undo_action.trigger()
    assert [step.heading for step in demo_services.memos.comment_chain()] == before


def test_preview_of_a_failing_document_shows_the_reason(
    qtbot, make_window, demo_services, tmp_path: Path
) -> None:
    emblem = tmp_path / "emblem.png"
    emblem.write_bytes(b"\x89PNG\r\n\x1a\n")
    demo_services.memos.set_emblem_path(emblem)
    emblem.unlink()
    _window, page = open_memo(make_window, demo_services)
    qtbot.mouseClick(
        child(page.widget, QPushButton, "preview_memo_button"), Qt.MouseButton.LeftButton
    )
    dialog = page.previews[-1]
    qtbot.waitUntil(lambda: dialog.ready or bool(dialog.error_message), timeout=30_000)
    assert not dialog.ready
    assert "emblem.png" in dialog.error_message or "ตรา" in dialog.error_message
    dialog.close()
