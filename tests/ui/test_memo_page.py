"""Memo fields, the comment chain, and a preview that cannot be made (save and print through
the preview's toolbar are in test_preview.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from doc_helpers import squash
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from ui_helpers import button, in_order, printed_memo_text, type_top_down_office

from itadesk.domain.memo import MemoKind
from itadesk.ui.pages.memo_page import COLUMN_HEADING, COLUMN_PERSON
from itadesk.ui.pages.office_page import COLUMN_ROLE
from itadesk.ui.uiloader import child


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


def click_row(qtbot, table, row: int) -> None:
    """Select a row of a table by clicking its first cell."""
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.currentRow() == row


def headings(table) -> list[str]:
    return [table.item(row, COLUMN_HEADING).text() for row in range(table.rowCount())]


HEAD = "ความเห็นของหัวหน้าสำนักปลัด"
PALAT = "ความเห็นของปลัดองค์การบริหารส่วนตำบลหนองตัวอย่าง"
NAYOK = "ความเห็นของนายกองค์การบริหารส่วนตำบลหนองตัวอย่าง"


def test_chain_is_edited_in_print_order(
    qtbot, make_window, demo_services, choose_by_typing, tmp_path: Path
) -> None:
    window, page = open_memo(make_window, demo_services)
    table = page.chain_table
    chain = demo_services.memos.comment_chain
    assert headings(table) == [HEAD, PALAT, NAYOK]

    click_row(qtbot, table, 1)
    qtbot.mouseClick(button(page, "remove_step_button"), Qt.MouseButton.LeftButton)
    assert [step.heading for step in chain()] == [HEAD, NAYOK]

    # A new row takes its heading from the person chosen; nothing is saved before that.
    qtbot.mouseClick(button(page, "add_step_button"), Qt.MouseButton.LeftButton)
    assert table.rowCount() == 3 and table.item(2, COLUMN_HEADING).text() == ""
    assert len(chain()) == 2
    choose_by_typing(table.cellWidget(2, COLUMN_PERSON), "วิภาวรรณ รักษ์ธรรม")
    assert headings(table) == [HEAD, NAYOK, PALAT]
    assert [step.heading for step in chain()] == [HEAD, NAYOK, PALAT]

    click_row(qtbot, table, 2)
    qtbot.mouseClick(button(page, "up_step_button"), Qt.MouseButton.LeftButton)
    assert table.currentRow() == 1  # the moved row stays selected
    click_row(qtbot, table, 0)
    qtbot.mouseClick(button(page, "down_step_button"), Qt.MouseButton.LeftButton)
    assert headings(table) == [PALAT, HEAD, NAYOK]
    assert [step.heading for step in chain()] == [PALAT, HEAD, NAYOK]
    text = printed_memo_text(qtbot, page, tmp_path)
    assert in_order(text, "(สมหญิง ตั้งใจงาน)", PALAT, "(วิภาวรรณ รักษ์ธรรม)", HEAD, NAYOK)

    # The signer (the author) may not comment: refused, naming the row; nothing saved.
    choose_by_typing(table.cellWidget(0, COLUMN_PERSON), "สมหญิง ตั้งใจงาน")
    assert "ลำดับความเห็นที่ 1 (สมหญิง ตั้งใจงาน)" in page.error_label.text()
    assert "ผู้ลงนาม" in page.error_label.text()
    assert [step.heading for step in chain()] == [PALAT, HEAD, NAYOK]

    window.undo_action.trigger()
    assert [step.heading for step in chain()] == [HEAD, PALAT, NAYOK]
    assert headings(table) == [HEAD, PALAT, NAYOK]


def test_a_chain_saved_in_another_order_goes_back_to_the_roles(
    qtbot, make_window, demo_services
) -> None:
    # As an office migrated from before roles may have saved it: the นายก first.
    chain = demo_services.memos.comment_chain
    demo_services.memos.save_comment_chain(list(reversed(chain())))
    window, page = open_memo(make_window, demo_services)
    assert headings(page.chain_table) == [NAYOK, PALAT, HEAD]
    qtbot.mouseClick(button(page, "reset_chain_button"), Qt.MouseButton.LeftButton)
    assert headings(page.chain_table) == [HEAD, PALAT, NAYOK]
    assert [step.heading for step in chain()] == [HEAD, PALAT, NAYOK]
    window.undo_action.trigger()
    assert [step.heading for step in chain()] == [NAYOK, PALAT, HEAD]


def test_a_commenter_chosen_as_signer_is_refused(
    qtbot, make_window, demo_services, choose_by_typing
) -> None:
    _window, page = open_memo(make_window, demo_services)
    choose_by_typing(page.signer_combo, "พ.จ.อ. สมชาย ใจดี")
    assert "ผู้เสนอ (ลงนาม): พ.จ.อ. สมชาย ใจดี" in page.error_label.text()
    assert "ลำดับผู้ให้ความเห็นลำดับที่ 1" in page.error_label.text()
    assert demo_services.memos.settings(2568, MemoKind.ANALYSIS).signer_person_id is None
    assert page.signer_combo.currentText().startswith("(ค่าเริ่มต้น: ผู้จัดทำ")
    # Once the head has left the chain, the head may sign.
    click_row(qtbot, page.chain_table, 0)
    qtbot.mouseClick(button(page, "remove_step_button"), Qt.MouseButton.LeftButton)
    choose_by_typing(page.signer_combo, "พ.จ.อ. สมชาย ใจดี")
    assert page.error_label.text() == ""
    head = demo_services.memos.signer(2568, MemoKind.ANALYSIS)
    assert head is not None and head.full_name == "สมชาย ใจดี"


def test_typed_top_down_the_clerk_signs_to_the_nayok(
    qtbot, make_window, services, type_text, type_in_cell, choose_by_typing, tmp_path: Path
) -> None:
    window = make_window(services)
    type_top_down_office(qtbot, window, type_text, type_in_cell, choose_by_typing)
    # One planned measure, so the memo has something to present (none is refused).
    services.measures.add_from_catalogue(2569, services.measures.catalogue()[0].key)
    window.select_cycle(2568)
    window.nav_list.setCurrentRow(window.pages.index(window.memo_page))
    page = window.memo_page
    assert page.signer_combo.currentText() == "(ค่าเริ่มต้น: ผู้จัดทำ — สมหญิง ตั้งใจงาน)"
    assert headings(page.chain_table) == [
        "ความเห็นของหัวหน้าสำนักปลัด",
        "ความเห็นของปลัดองค์การบริหารส่วนตำบลทดลอง",
        "ความเห็นของนายกองค์การบริหารส่วนตำบลทดลอง",
    ]
    text = printed_memo_text(qtbot, page, tmp_path)
    assert in_order(
        text,
        "เรียน นายกองค์การบริหารส่วนตำบลทดลอง",
        "(สมหญิง ตั้งใจงาน)",
        "นักทรัพยากรบุคคลชำนาญการ",
        "ความเห็นของหัวหน้าสำนักปลัด",
        "(สมชาย ใจดี)",
        "ความเห็นของปลัดองค์การบริหารส่วนตำบลทดลอง",
        "(วิภาวรรณ รักษ์ธรรม)",
        "ความเห็นของนายกองค์การบริหารส่วนตำบลทดลอง",
        "(ประเสริฐ มั่นคง)",
    )
    assert text.count(squash("(ประเสริฐ มั่นคง)")) == 1  # the นายก comments, never signs


def test_no_author_is_said_at_once_on_the_memo_page(
    qtbot, make_window, demo_services, choose_by_typing
) -> None:
    window = make_window(demo_services)
    office = window.office_page
    window.nav_list.setCurrentRow(window.pages.index(office))
    choose_by_typing(office.people_table.cellWidget(0, COLUMN_ROLE), "อื่น ๆ")
    _window, page = open_memo(lambda services: window, demo_services)
    assert page.signer_combo.currentText().startswith("(ยังไม่มีผู้จัดทำ")
    assert "ยังไม่มีผู้เสนอ (ลงนาม)" in page.preflight_label.text()
    choose_by_typing(page.signer_combo, "สมหญิง ตั้งใจงาน")
    assert demo_services.memos.signer(2568, MemoKind.ANALYSIS).full_name == "สมหญิง ตั้งใจงาน"
    assert "ยังไม่มีผู้เสนอ" not in page.preflight_label.text()


def test_preview_of_a_failing_document_shows_the_reason(
    qtbot, make_window, demo_services, tmp_path: Path
) -> None:
    emblem = tmp_path / "emblem.png"
    emblem.write_bytes(b"\x89PNG\r\n\x1a\n")
    demo_services.settings.set_emblem_path(emblem)
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
