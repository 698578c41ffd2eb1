"""The app's own message boxes and small dialogs speak Thai: Qt ships no Thai translation, so
its standard buttons would read "OK" and "Cancel" to the clerk."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QWidget,
)

from itadesk.ui import dialogs

# The real functions, taken before the autouse fixture of conftest.py records them instead.
REAL_SHOW_INFO = dialogs.show_info
REAL_SHOW_ERROR = dialogs.show_error
REAL_SHOW_CRASH = dialogs.show_crash
REAL_ASK_TEXT = dialogs.ask_text


def button_texts(widget: QWidget) -> set[str]:
    return {b.text() for b in widget.findChildren(QAbstractButton) if b.isVisible() and b.text()}


def when_modal(qtbot, act: Callable[[QWidget], None]) -> list[set[str]]:
    """Run ``act`` on the modal dialog once it is shown; returns the buttons it showed."""
    seen: list[set[str]] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            QTimer.singleShot(10, poll)
            return
        seen.append(button_texts(modal))
        act(modal)

    QTimer.singleShot(0, poll)
    return seen


def test_message_boxes_say_ok_in_thai(qtbot) -> None:
    for show in (REAL_SHOW_INFO, REAL_SHOW_ERROR):
        seen = when_modal(qtbot, lambda box: box.accept())
        show(None, "หัวเรื่อง", "ข้อความ")
        assert seen == [{"ตกลง"}]
    seen = when_modal(qtbot, lambda box: box.accept())
    REAL_SHOW_CRASH(None, "Traceback…", None)
    assert "ตกลง" in seen[0] and "OK" not in seen[0]


def test_the_text_question_says_ok_and_cancel_in_thai(qtbot) -> None:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QDialog)
        dialog.accept()

    seen = when_modal(qtbot, answer)
    answer_given = REAL_ASK_TEXT(None, "แนบลิงก์หลักฐาน", "ที่อยู่เว็บ (URL)")
    assert seen == [{"ตกลง", "ยกเลิก"}]
    assert answer_given == ""

    seen = when_modal(qtbot, lambda dialog: dialog.reject())
    assert REAL_ASK_TEXT(None, "แนบลิงก์หลักฐาน", "ที่อยู่เว็บ (URL)") is None


def test_the_catalogue_says_add_and_cancel_in_thai_and_is_not_kept(
    qtbot, make_window, scored_services
) -> None:
    window = make_window(scored_services)
    window.nav_list.setCurrentRow(window.pages.index(window.measures_page))
    page = window.measures_page
    add = page.widget.findChild(QWidget, "add_catalogue_button")

    def cancel(dialog: QWidget) -> None:
        assert dialog.findChild(QListWidget, "entries_list").count() > 0
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()

    for _ in range(2):  # opened twice: no closed dialog left behind
        seen = when_modal(qtbot, cancel)
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
        assert seen == [{"เพิ่มมาตรการที่เลือก", "ยกเลิก"}]
        QApplication.sendPostedEvents(None, 0)  # deferred deletes
        qtbot.wait(10)
        assert page.widget.findChildren(QDialog, "CatalogueDialog") == []
    assert scored_services.measures.measures(2569) == []
