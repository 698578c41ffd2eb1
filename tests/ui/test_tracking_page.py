"""The tracking page driven as a clerk: ticking with the keyboard and the mouse, progress,
states, evidence, undo, filters, and the start page's reminders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from itadesk.domain.tracking import STATE_DONE
from itadesk.ui.pages.tracking_page import COLUMN_TEXT

TODAY = date(2026, 1, 15)


def open_tracking(make_window, services):
    for entry in services.measures.catalogue()[:2]:
        services.measures.add_from_catalogue(2569, entry.key)
    window = make_window(services)
    page = window.tracking_page
    page._today = TODAY
    # Measures planned for 2569 belong to the cycle assessed in 2568: no year to start.
    window.select_cycle(2568)
    window.nav_list.setCurrentRow(window.pages.index(page))
    return window, page


def first_step_row(page):
    return page.tree.topLevelItem(0).child(0)


def state_of_first(services) -> str:
    measure = services.tracking.measures(2569)[0]
    return services.tracking.items(2569)[measure.id][0].state


def test_space_ticks_and_progress_updates(qtbot, make_window, demo_services) -> None:
    window, page = open_tracking(make_window, demo_services)
    assert page.overall_progress.value() == 0
    page.tree.setFocus()
    page.tree.setCurrentItem(first_step_row(page))
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    QApplication.processEvents()  # the tick is applied after the itemChanged signal returns
    assert state_of_first(demo_services) == STATE_DONE
    assert page.overall_progress.value() > 0
    assert first_step_row(page).checkState(COLUMN_TEXT) == Qt.CheckState.Checked
    window.undo_action.trigger()
    assert state_of_first(demo_services) != STATE_DONE
    assert page.overall_progress.value() == 0


def test_mouse_click_on_the_box_ticks(qtbot, make_window, demo_services) -> None:
    _window, page = open_tracking(make_window, demo_services)
    row = first_step_row(page)
    rect = page.tree.visualItemRect(row)
    # The check box sits at the left of the first column, after the indentation.
    point = QPoint(rect.left() + 8, rect.center().y())
    for offset in range(0, 40, 4):
        qtbot.mouseClick(
            page.tree.viewport(), Qt.MouseButton.LeftButton, pos=point + QPoint(offset, 0)
        )
        QApplication.processEvents()
        if state_of_first(demo_services) == STATE_DONE:
            break
    assert state_of_first(demo_services) == STATE_DONE


def test_arrows_move_between_items(qtbot, make_window, demo_services) -> None:
    _window, page = open_tracking(make_window, demo_services)
    page.tree.setFocus()
    page.tree.setCurrentItem(first_step_row(page))
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)
    assert page.tree.currentItem() is page.tree.topLevelItem(0).child(1)


def test_state_date_note_and_bad_date(qtbot, make_window, demo_services) -> None:
    _window, page = open_tracking(make_window, demo_services)
    page.tree.setCurrentItem(first_step_row(page))
    page.done_date_edit.setText("32 มกราคม 2569")
    page.done_date_edit.editingFinished.emit()
    assert "วันที่ดำเนินการ" in page.error_label.text()
    page.state_combo.setCurrentIndex(page.state_combo.findData(STATE_DONE))
    page.done_date_edit.setText("๑๐ มกราคม ๒๕๖๙")
    page.done_date_edit.editingFinished.emit()
    measure = demo_services.tracking.measures(2569)[0]
    item = demo_services.tracking.items(2569)[measure.id][0]
    assert item.state == STATE_DONE and item.done_date == date(2026, 1, 10)


def test_evidence_by_file_dialog_and_undo(
    qtbot, make_window, demo_services, tmp_path: Path, monkeypatch
) -> None:
    from itadesk.ui import dialogs

    window, page = open_tracking(make_window, demo_services)
    page.tree.setCurrentItem(first_step_row(page))
    source = tmp_path / "รายงาน ผล.pdf"
    source.write_bytes(b"%PDF")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *args: source)
    page._choose_files()
    assert page.evidence_list.count() == 1
    window.undo_action.trigger()
    assert page.evidence_list.count() == 0
    window.redo_action.trigger()
    assert page.evidence_list.count() == 1


def test_filters_show_overdue_only(qtbot, make_window, demo_services) -> None:
    _window, page = open_tracking(make_window, demo_services)
    page._today = date(2026, 9, 29)  # near the year's end: earlier steps are overdue
    page.refresh()
    page.show_combo.setCurrentIndex(1)
    visible = [
        page.tree.topLevelItem(0).child(i)
        for i in range(page.tree.topLevelItem(0).childCount())
        if not page.tree.topLevelItem(0).child(i).isHidden()
    ]
    assert visible
    assert all(row.checkState(COLUMN_TEXT) == Qt.CheckState.Unchecked for row in visible)


def test_start_page_shows_reminders(qtbot, make_window, demo_services) -> None:
    from itadesk.ui.pages.start_page import StartPage

    for entry in demo_services.measures.catalogue()[:2]:
        demo_services.measures.add_from_catalogue(2569, entry.key)
    window = make_window(demo_services)
    page = StartPage(demo_services, window.undo_stack, window.page_stack, today=date(2026, 3, 10))
    texts = [page.reminders_list.item(i).text() for i in range(page.reminders_list.count())]
    assert any("6" in text or "๖" in text for text in texts)
    page.oit_start_edit.setText("1 ก.พ. 2569")
    page.oit_end_edit.setText("31 มี.ค. 2569")
    page.save_oit_window()
    assert demo_services.tracking.oit_window(2569) == (date(2026, 2, 1), date(2026, 3, 31))
    window.undo_action.trigger()
    assert demo_services.tracking.oit_window_is_estimate(2569)
