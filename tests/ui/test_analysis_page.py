"""The analysis page driven as a clerk: draft, edit, redraft, reset, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication

from itadesk.domain.analysis import FINDING, WEAKNESSES, SectionKey
from itadesk.ui import dialogs


def open_analysis(make_window, services, year: int = 2568):
    window = make_window(services)
    window.select_cycle(year)
    window.nav_list.setCurrentRow(window.pages.index(window.analysis_page))
    return window, window.analysis_page


def test_draft_edit_undo(qtbot, make_window, scored_services) -> None:
    window, page = open_analysis(make_window, scored_services)
    page.draft_button.click()
    drafted = scored_services.analysis.analysis(2568).text(1, FINDING)
    assert drafted
    editor = page.editors[SectionKey(1, FINDING)]
    assert editor.editor.toPlainText() == drafted
    editor.editor.setPlainText("ข้อความที่แก้เอง")
    editor.commit()
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == "ข้อความที่แก้เอง"
    assert editor.state_label.text() == "(แก้เองแล้ว)"
    window.undo_action.trigger()
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == drafted
    window.undo_action.trigger()
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == ""


def test_redraft_asks_before_replacing_edited_text(
    qtbot, make_window, scored_services, no_modal_dialogs, monkeypatch
) -> None:
    from itadesk.ui import dialogs

    window, page = open_analysis(make_window, scored_services)
    page.draft_button.click()
    editor = page.editors[SectionKey(1, WEAKNESSES)]
    editor.editor.setPlainText("จุดอ่อนที่เจ้าหน้าที่เขียนเอง")
    editor.commit()
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: False)
    page.draft_button.click()
    assert scored_services.analysis.analysis(2568).text(1, WEAKNESSES) == "จุดอ่อนที่เจ้าหน้าที่เขียนเอง"
    editor = page.editors[SectionKey(1, WEAKNESSES)]
    editor.reset_button.click()
    assert scored_services.analysis.analysis(2568).text(1, WEAKNESSES) != "จุดอ่อนที่เจ้าหน้าที่เขียนเอง"
    window.undo_action.trigger()
    assert scored_services.analysis.analysis(2568).text(1, WEAKNESSES) == "จุดอ่อนที่เจ้าหน้าที่เขียนเอง"


def focus_text_box(qtbot, window, page):
    """Keyboard focus in the finding box of indicator 1, as a click there would give."""
    window.activateWindow()
    qtbot.waitActive(window)
    box = page.editors[SectionKey(1, FINDING)].editor
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    return box


def ask_like_a_message_box(monkeypatch, answer: bool) -> None:
    """The recorded question (no_modal_dialogs) behaving as a real message box does: it takes
    the keyboard focus while open, so the text box gets a focus-out, then hands it back."""
    record = dialogs.ask_yes_no

    def ask(parent, title: str, text: str) -> bool:
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()
        record(parent, title, text)
        if focused is not None:
            focused.setFocus()
        return answer

    monkeypatch.setattr(dialogs, "ask_yes_no", ask)


def paste(qtbot, box, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_pasted_html_is_asked_about_once_and_stripped(
    qtbot, make_window, scored_services, no_modal_dialogs, monkeypatch
) -> None:
    window, page = open_analysis(make_window, scored_services)
    ask_like_a_message_box(monkeypatch, answer=True)
    box = focus_text_box(qtbot, window, page)
    paste(qtbot, box, "<p>ผลการประเมินดีขึ้น</p>")
    qtbot.waitUntil(
        lambda: scored_services.analysis.analysis(2568).text(1, FINDING) == "ผลการประเมินดีขึ้น",
        timeout=5000,
    )
    page.indicator_list.setFocus()  # leaving the box commits again if anything were pending
    assert len(no_modal_dialogs["question"]) == 1
    assert box.toPlainText() == "ผลการประเมินดีขึ้น"
    assert window.undo_stack.count() == 1


def test_pasted_html_kept_as_pasted_is_not_asked_about_again(
    qtbot, make_window, scored_services, no_modal_dialogs, monkeypatch, type_text
) -> None:
    window, page = open_analysis(make_window, scored_services)
    ask_like_a_message_box(monkeypatch, answer=False)
    box = focus_text_box(qtbot, window, page)
    paste(qtbot, box, "<b>ค่าใช้จ่าย</b>")
    page.indicator_list.setFocus()
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == "<b>ค่าใช้จ่าย</b>"
    box.setFocus()
    box.moveCursor(QTextCursor.MoveOperation.End)
    type_text(box, " ลดลง")
    page.indicator_list.setFocus()
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == "<b>ค่าใช้จ่าย</b> ลดลง"
    assert len(no_modal_dialogs["question"]) == 1


def test_summary_row_shows_one_editor(qtbot, make_window, scored_services) -> None:
    _window, page = open_analysis(make_window, scored_services)
    page.indicator_list.setCurrentRow(page.indicator_list.count() - 1)
    assert list(page.editors) == [SectionKey(None, "summary")]


def test_text_typed_just_before_closing_is_saved(qtbot, make_window, scored_services) -> None:
    window, page = open_analysis(make_window, scored_services)
    editor = page.editors[SectionKey(1, WEAKNESSES)]
    editor.editor.setPlainText("พิมพ์แล้วปิดหน้าต่างทันที")  # the commit timer has not fired
    window.close()
    assert scored_services.analysis.analysis(2568).text(1, WEAKNESSES) == "พิมพ์แล้วปิดหน้าต่างทันที"


def test_text_typed_just_before_changing_year_stays_with_its_year(
    qtbot, make_window, scored_services
) -> None:
    window, page = open_analysis(make_window, scored_services)
    editor = page.editors[SectionKey(1, FINDING)]
    editor.editor.setPlainText("ข้อความของปี 2568")
    window.select_cycle(2567)
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == "ข้อความของปี 2568"
    assert scored_services.analysis.analysis(2567).text(1, FINDING) == ""
