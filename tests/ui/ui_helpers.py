"""Plain helpers shared by the GUI tests (fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from doc_helpers import pdfium_pages, squash
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

# Typed top-down, the order that used to make the นายก sign the memo.
TOP_DOWN = (
    ("ประเสริฐ มั่นคง", "นายกองค์การบริหารส่วนตำบลทดลอง"),
    ("วิภาวรรณ รักษ์ธรรม", "ปลัดองค์การบริหารส่วนตำบลทดลอง"),
    ("สมชาย ใจดี", "หัวหน้าสำนักปลัด"),
    ("สมหญิง ตั้งใจงาน", "นักทรัพยากรบุคคลชำนาญการ"),
)


def button(page, name: str) -> QPushButton:
    found = page.widget.findChild(QPushButton, name)
    assert found is not None, name
    return found


def type_top_down_office(qtbot, window, type_text, type_in_cell, choose_by_typing) -> None:
    """The office name and four people typed top-down on the office page; the clerk is made
    the author on her role combo (the others' roles follow their positions)."""
    from itadesk.ui.pages.office_page import COLUMN_ROLE

    page = window.office_page
    window.nav_list.setCurrentRow(window.pages.index(page))
    name = page.edits["name"]
    name.setFocus()
    type_text(name, "องค์การบริหารส่วนตำบลทดลอง")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    for row, (full_name, position) in enumerate(TOP_DOWN):
        qtbot.mouseClick(button(page, "add_person_button"), Qt.MouseButton.LeftButton)
        type_in_cell(page.people_table, row, 1, full_name)
        type_in_cell(page.people_table, row, 2, position)
    choose_by_typing(page.people_table.cellWidget(3, COLUMN_ROLE), "ผู้จัดทำ")


def printed_memo_text(qtbot, page, folder: Path) -> str:
    """Click the memo's preview button, save the rendered PDF and return its text with all
    white space removed (Thai lines break between words without spaces)."""
    qtbot.mouseClick(button(page, "preview_memo_button"), Qt.MouseButton.LeftButton)
    dialog = page.previews[-1]
    qtbot.waitUntil(lambda: dialog.ready or bool(dialog.error_message), timeout=30_000)
    assert dialog.ready, dialog.error_message
    saved = dialog.save_pdf(folder / "บันทึกข้อความ.pdf")
    dialog.close()
    assert saved is not None
    return squash("".join(pdfium_pages(saved)))


def in_order(text: str, *parts: str) -> bool:
    """Each part appears in ``text`` (white space removed), after the one before it."""
    position = 0
    for part in parts:
        found = text.find(squash(part), position)
        if found < 0:
            return False
        position = found + len(squash(part))
    return True


def click_page(qtbot, window, page) -> None:
    """Click the page's entry in the page list on the left, as the clerk does."""
    nav = window.nav_list
    item = nav.item(window.pages.index(page))
    qtbot.mouseClick(
        nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center()
    )
    assert nav.currentItem() is item
    assert window.page_stack.currentWidget() is page.widget
