"""Ctrl+Z / Ctrl+Y pressed as the clerk presses them: inside a text box they undo and redo
its typing while there is some; elsewhere, or once the box has nothing left, they step the
window's undo stack."""

from __future__ import annotations

from decimal import Decimal

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from itadesk.domain.analysis import FINDING, SectionKey
from itadesk.ui.score_table_model import COLUMN_SCORE

CTRL = Qt.KeyboardModifier.ControlModifier


def open_page(qtbot, make_window, services, page_name: str, year: int = 2568):
    window = make_window(services)
    window.select_cycle(year)
    page = getattr(window, page_name)
    window.nav_list.setCurrentRow(window.pages.index(page))
    window.activateWindow()
    qtbot.waitActive(window)
    return window, page


def give_focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_ctrl_z_in_a_text_box_undoes_its_typing_not_the_stack(
    qtbot, make_window, scored_services, type_text
) -> None:
    window, page = open_page(qtbot, make_window, scored_services, "analysis_page")
    page.draft_button.click()
    assert window.undo_stack.index() == 1
    box = page.editors[SectionKey(1, FINDING)].editor
    drafted = box.toPlainText()
    give_focus(qtbot, box)
    type_text(box, "เพิ่มเติม")
    typed = box.toPlainText()
    assert typed != drafted and "เพิ่มเติม" in typed
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert box.toPlainText() == drafted
    assert window.undo_stack.index() == 1  # the stack was not touched
    qtbot.keyClick(box, Qt.Key.Key_Y, CTRL)  # and the typing comes back
    assert box.toPlainText() == typed
    assert window.undo_stack.index() == 1


def test_ctrl_z_in_a_box_with_nothing_to_undo_steps_the_stack(
    qtbot, make_window, scored_services
) -> None:
    window, page = open_page(qtbot, make_window, scored_services, "analysis_page")
    page.draft_button.click()
    drafted = scored_services.analysis.analysis(2568).text(1, FINDING)
    assert drafted
    box = page.editors[SectionKey(1, FINDING)].editor
    give_focus(qtbot, box)
    assert not box.document().isUndoAvailable()
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert window.undo_stack.index() == 0
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == ""
    box = page.editors[SectionKey(1, FINDING)].editor
    give_focus(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Y, CTRL)
    assert window.undo_stack.index() == 1
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == drafted


def test_typing_undone_to_the_end_then_the_stack(
    qtbot, make_window, scored_services, type_text
) -> None:
    """Ctrl+Z keeps undoing: first the box's own typing, then, with nothing left in the box,
    the last step on the stack."""
    window, page = open_page(qtbot, make_window, scored_services, "analysis_page")
    page.draft_button.click()
    box = page.editors[SectionKey(1, FINDING)].editor
    drafted = box.toPlainText()
    give_focus(qtbot, box)
    type_text(box, "ก")
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert box.toPlainText() == drafted and window.undo_stack.index() == 1
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert window.undo_stack.index() == 0


def test_ctrl_z_in_the_score_table_undoes_the_last_score(qtbot, make_window, services) -> None:
    _window, page = open_page(qtbot, make_window, services, "scores_page")
    for text in ("80", "85.5"):
        index = page.model.index(0, COLUMN_SCORE)
        page.table.setCurrentIndex(index)
        page.table.edit(index)
        editor = next(w for w in page.table.viewport().findChildren(QLineEdit) if w.isVisible())
        editor.selectAll()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.table.state() != page.table.State.EditingState)
        QApplication.processEvents()
    assert services.scores.indicator_scores(2568)[1] == Decimal("85.5")
    give_focus(qtbot, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    assert services.scores.indicator_scores(2568)[1] == Decimal("80")
    assert page.model.data(page.model.index(0, COLUMN_SCORE)) == "80.00"
    qtbot.keyClick(page.table, Qt.Key.Key_Y, CTRL)
    assert services.scores.indicator_scores(2568)[1] == Decimal("85.5")


def test_ctrl_z_in_a_line_edit_undoes_its_typing(qtbot, make_window, demo_services) -> None:
    # The demo has measures and an analysis: the memo page shows its form (not its empty state).
    window, page = open_page(qtbot, make_window, demo_services, "memo_page")
    give_focus(qtbot, page.number_edit)
    before = page.number_edit.text()
    depth = window.undo_stack.index()
    qtbot.keyClicks(page.number_edit, "77")
    qtbot.keyClick(page.number_edit, Qt.Key.Key_Z, CTRL)
    assert page.number_edit.text() == before
    assert window.undo_stack.index() == depth


def test_the_undo_keys_outlive_closed_windows(qtbot, make_window, session, scored_services) -> None:
    """Each window watches the application's focus changes; a closed and deleted window must
    not be called when the focus moves in the next one."""
    from itadesk.ui.main_window import MainWindow

    first = MainWindow(session)
    first.show()
    qtbot.waitExposed(first)
    first.undo_stack.clear()
    first.close()
    first.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(first))
    window, page = open_page(qtbot, make_window, scored_services, "analysis_page")
    page.draft_button.click()
    box = page.editors[SectionKey(1, FINDING)].editor
    give_focus(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert window.undo_stack.index() == 0


def test_ctrl_y_redoes_on_every_platform(qtbot, make_window, services) -> None:
    """Linux desktops bind only Ctrl+Shift+Z to redo; the clerk's Ctrl+Y must work too."""
    from itadesk.ui.typing_undo import CTRL_Y

    window = make_window(services)
    assert CTRL_Y in window.redo_action.shortcuts()
    assert QKeySequence(QKeySequence.StandardKey.Undo) in window.undo_action.shortcuts()
