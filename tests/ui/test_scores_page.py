"""Driving the score page as a clerk: typing, pasting, undo and redo, bad input."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from itadesk.ui.score_table_model import COLUMN_SCORE


def open_scores(make_window, services, year: int):
    window = make_window(services)
    window.select_cycle(year)
    window.nav_list.setCurrentRow(window.pages.index(window.scores_page))
    return window, window.scores_page


def type_score(qtbot, page, row: int, text: str, type_text=None) -> None:
    index = page.model.index(row, COLUMN_SCORE)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editors = [w for w in page.table.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1, editors
    editor = editors[0]
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        assert type_text is not None
        type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on Return through a queued call: let the event loop deliver it.
    qtbot.waitUntil(lambda: page.table.state() != page.table.State.EditingState, timeout=2000)
    QApplication.processEvents()


def test_typing_scores_updates_total_and_rating_live(
    qtbot, make_window, services, type_text
) -> None:
    _window, page = open_scores(make_window, services, 2568)
    for row in range(10):
        type_score(qtbot, page, row, "96")
    assert page.total_label.text() == "คะแนนรวม 96.00"
    assert page.rating_label.text() == "ระดับผล ผ่านดีเยี่ยม"
    # One EIT indicator drops: EIT falls under 95 while the total stays above 95.
    type_score(qtbot, page, 6, "๙๐", type_text)
    assert services.scores.indicator_scores(2568)[7] == Decimal("90")
    assert page.rating_label.text() == "ระดับผล ผ่านดี"
    assert "EIT" in page.explanation_label.text()


def test_undo_and_redo_of_a_typed_score(qtbot, make_window, services) -> None:
    window, page = open_scores(make_window, services, 2568)
    type_score(qtbot, page, 0, "80")
    type_score(qtbot, page, 0, "85.5")
    assert services.scores.indicator_scores(2568)[1] == Decimal("85.5")
    window.undo_action.trigger()
    assert services.scores.indicator_scores(2568)[1] == Decimal("80")
    assert page.model.data(page.model.index(0, COLUMN_SCORE)) == "80.00"
    window.undo_action.trigger()
    assert 1 not in services.scores.indicator_scores(2568)
    window.redo_action.trigger()
    assert services.scores.indicator_scores(2568)[1] == Decimal("80")


def test_bad_score_shows_thai_message_and_keeps_saved_value(qtbot, make_window, services) -> None:
    window, page = open_scores(make_window, services, 2568)
    type_score(qtbot, page, 2, "90")
    for bad in ("abc", "100.5", "90.123"):
        type_score(qtbot, page, 2, bad)
        assert "ตัวชี้วัดที่ 3" in page.error_label.text()
        assert services.scores.indicator_scores(2568) == {3: Decimal("90")}
    assert window.undo_stack.count() == 1


def test_pasting_a_column_from_excel_is_one_undo_step(qtbot, make_window, services) -> None:
    window, page = open_scores(make_window, services, 2564)
    column = "93.55\n87.72\n91.01\n87.93\n89.52\n90.55\n88.68\n88.58\n72.89\n65.56\n"
    QGuiApplication.clipboard().setText(column)
    page.table.setCurrentIndex(page.model.index(0, COLUMN_SCORE))
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert page.total_label.text() == "คะแนนรวม 81.45"
    assert page.rating_label.text() == "ระดับผล B"
    assert window.undo_stack.count() == 1
    window.undo_action.trigger()
    assert services.scores.indicator_scores(2564) == {}
    assert page.total_label.text() == "คะแนนรวม –"


def test_pasting_a_block_of_the_wrong_shape_changes_nothing(qtbot, make_window, services) -> None:
    _window, page = open_scores(make_window, services, 2568)
    type_score(qtbot, page, 0, "90")
    QGuiApplication.clipboard().setText("1\t2\n3\t4\n")
    page.table.setCurrentIndex(page.model.index(0, COLUMN_SCORE))
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "2 แถว × 2 คอลัมน์" in page.error_label.text()
    QGuiApplication.clipboard().setText("\n".join(["90"] * 5))
    page.table.setCurrentIndex(page.model.index(8, COLUMN_SCORE))
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "ไม่เกิน 2 แถว" in page.error_label.text()
    assert services.scores.indicator_scores(2568) == {1: Decimal("90")}


def test_paste_with_a_bad_cell_is_refused_whole(qtbot, make_window, services) -> None:
    _window, page = open_scores(make_window, services, 2568)
    QGuiApplication.clipboard().setText("90\n91\nx\n")
    page.table.setCurrentIndex(page.model.index(0, COLUMN_SCORE))
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "ตัวชี้วัดที่ 3" in page.error_label.text()
    assert services.scores.indicator_scores(2568) == {}


def test_official_total_mismatch_is_shown_as_warning(qtbot, make_window, services) -> None:
    window, page = open_scores(make_window, services, 2564)
    services.scores.set_indicator_scores(
        2564,
        dict(
            enumerate(
                [
                    "93.55",
                    "87.72",
                    "91.01",
                    "87.93",
                    "89.52",
                    "90.55",
                    "88.68",
                    "88.58",
                    "72.89",
                    "65.56",
                ],
                start=1,
            )
        ),
    )
    page.refresh()
    page.official_edit.setText("82.00")
    page.official_edit.editingFinished.emit()
    assert "82.00" in page.official_warning_label.text()
    assert page.total_label.text() == "คะแนนรวม 81.45"
    window.undo_action.trigger()
    assert page.official_warning_label.text() == ""


def test_delta_against_previous_year_is_shown(qtbot, make_window, demo_services) -> None:
    _window, page = open_scores(make_window, demo_services, 2568)
    assert "ปี 2567" in page.previous_label.text()
    change = page.model.data(page.model.index(0, 4))
    assert change.startswith("+")


def test_everything_is_there_after_reopening(qtbot, make_window, db_path) -> None:
    from itadesk.services.session import OfficeSession

    session = OfficeSession.open(db_path)
    window, page = open_scores(make_window, session, 2568)
    type_score(qtbot, page, 0, "77.7")
    window.close()
    session.close()
    with OfficeSession.open(db_path) as reopened:
        _window2, page2 = open_scores(make_window, reopened, 2568)
        assert page2.model.data(page2.model.index(0, COLUMN_SCORE)) == "77.70"


def test_model_passes_qt_model_tester(qtmodeltester, demo_services) -> None:
    from itadesk.ui.score_table_model import IndicatorScoreModel

    model = IndicatorScoreModel()
    model.set_summary(demo_services.scores.summary(2568))
    qtmodeltester.check(model)


def type_keys(qtbot, text: str) -> None:
    """Keys pressed as on a keyboard: each goes to the widget that has the focus."""
    for character in text:
        qtbot.keyClick(QApplication.focusWidget(), character)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    qtbot.wait(10)


def focused_score_table(qtbot, make_window, services):
    window, page = open_scores(make_window, services, 2568)
    window.activateWindow()
    qtbot.waitActive(window)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    return window, page


SCORES = ("96.20", "95.48", "97.03", "95.90", "96.12", "88.45", "90.02", "84.60", "100", "96.15")


def test_enter_saves_and_moves_down_as_in_excel(qtbot, make_window, services) -> None:
    """Ten scores typed straight down, each ended with Enter, land on indicators 1–10 (Qt's
    own Enter stayed on the cell, so all ten overwrote indicator 1)."""
    window, page = focused_score_table(qtbot, make_window, services)
    assert page.table.currentIndex().row() == 0
    for score in SCORES:
        type_keys(qtbot, score)
        press(qtbot, Qt.Key.Key_Return)
    assert services.scores.indicator_scores(2568) == {
        number: Decimal(score) for number, score in enumerate(SCORES, start=1)
    }
    assert page.table.currentIndex().row() == 9  # Enter on the last indicator stays there
    assert window.undo_stack.count() == 10  # one undo step per score
    # Shift+Enter moves up; Enter on a cell not being edited moves down without a change.
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert page.table.currentIndex().row() == 8
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Return)
    assert page.table.currentIndex().row() == 8
    assert window.undo_stack.count() == 10


def test_enter_on_a_refused_score_stays_on_its_row(qtbot, make_window, services) -> None:
    _window, page = focused_score_table(qtbot, make_window, services)
    press(qtbot, Qt.Key.Key_Down)
    type_keys(qtbot, "101")
    press(qtbot, Qt.Key.Key_Enter)  # the keypad's Enter
    assert "ตัวชี้วัดที่ 2" in page.error_label.text()
    assert page.table.currentIndex().row() == 1
    type_keys(qtbot, "91")
    press(qtbot, Qt.Key.Key_Enter)
    assert services.scores.indicator_scores(2568) == {2: Decimal("91")}
    assert page.table.currentIndex().row() == 2
