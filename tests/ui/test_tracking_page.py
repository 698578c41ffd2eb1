"""The tracking page driven as a clerk: ticking with the keyboard and the mouse, progress,
states, evidence, undo, filters, and the start page's reminders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from itadesk.domain.tracking import TrackingState
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
    """The tree's index of the first measure's first step."""
    shown = page.tree.model()
    return shown.index(0, COLUMN_TEXT, shown.index(0, COLUMN_TEXT))


def is_ticked(index) -> bool:
    return Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole)) == Qt.CheckState.Checked


def state_of_first(services) -> str:
    measure = services.tracking.measures(2569)[0]
    return services.tracking.items(2569)[measure.id][0].state


def test_space_ticks_and_progress_updates(
    qtbot, make_window, scored_services, no_modal_dialogs
) -> None:
    window, page = open_tracking(make_window, scored_services)
    assert page.overall_progress.value() == 0
    page.tree.setFocus()
    page.tree.setCurrentIndex(first_step_row(page))
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    QApplication.processEvents()  # the tick is applied once the key press has returned
    assert state_of_first(scored_services) == TrackingState.DONE
    assert page.overall_progress.value() > 0
    assert is_ticked(first_step_row(page))
    assert no_modal_dialogs["date"] == []  # January: no round has closed, today is recorded
    window.undo_action.trigger()
    assert state_of_first(scored_services) != TrackingState.DONE
    assert page.overall_progress.value() == 0


def test_mouse_click_on_the_box_ticks(qtbot, make_window, scored_services) -> None:
    _window, page = open_tracking(make_window, scored_services)
    row = first_step_row(page)
    rect = page.tree.visualRect(row)
    # The check box sits at the left of the first column, after the indentation.
    point = QPoint(rect.left() + 8, rect.center().y())
    for offset in range(0, 40, 4):
        qtbot.mouseClick(
            page.tree.viewport(), Qt.MouseButton.LeftButton, pos=point + QPoint(offset, 0)
        )
        QApplication.processEvents()
        if state_of_first(scored_services) == TrackingState.DONE:
            break
    assert state_of_first(scored_services) == TrackingState.DONE


def test_arrows_move_between_items(qtbot, make_window, scored_services) -> None:
    _window, page = open_tracking(make_window, scored_services)
    page.tree.setFocus()
    page.tree.setCurrentIndex(first_step_row(page))
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)
    assert page.tree.currentIndex() == first_step_row(page).siblingAtRow(1)


def test_state_date_note_and_bad_date(qtbot, make_window, scored_services) -> None:
    _window, page = open_tracking(make_window, scored_services)
    page.tree.setCurrentIndex(first_step_row(page))
    page.done_date_edit.setText("32 มกราคม 2569")
    page.done_date_edit.editingFinished.emit()
    assert "วันที่ดำเนินการ" in page.error_label.text()
    page.state_combo.setCurrentIndex(page.state_combo.findData(TrackingState.DONE))
    page.done_date_edit.setText("๑๐ มกราคม ๒๕๖๙")
    page.done_date_edit.editingFinished.emit()
    measure = scored_services.tracking.measures(2569)[0]
    item = scored_services.tracking.items(2569)[measure.id][0]
    assert item.state == TrackingState.DONE and item.done_date == date(2026, 1, 10)


def test_evidence_by_file_dialog_and_undo(
    qtbot, make_window, scored_services, tmp_path: Path, monkeypatch
) -> None:
    from itadesk.ui import dialogs

    window, page = open_tracking(make_window, scored_services)
    page.tree.setCurrentIndex(first_step_row(page))
    source = tmp_path / "รายงาน ผล.pdf"
    source.write_bytes(b"%PDF")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *args: source)
    page._choose_files()
    assert page.evidence_list.count() == 1
    window.undo_action.trigger()
    assert page.evidence_list.count() == 0
    window.redo_action.trigger()
    assert page.evidence_list.count() == 1


def test_filters_show_overdue_only(qtbot, make_window, scored_services) -> None:
    _window, page = open_tracking(make_window, scored_services)
    page._today = date(2026, 9, 29)  # near the year's end: earlier steps are overdue
    page.refresh()
    shown = page.tree.model()
    everything = shown.rowCount(shown.index(0, COLUMN_TEXT))
    page.show_combo.setCurrentIndex(1)
    first_measure = shown.index(0, COLUMN_TEXT)
    visible = [
        shown.index(row, COLUMN_TEXT, first_measure) for row in range(shown.rowCount(first_measure))
    ]
    assert visible and len(visible) < everything  # the last step is not due yet
    assert not any(is_ticked(row) for row in visible)


def test_start_page_shows_reminders(qtbot, make_window, scored_services) -> None:
    from itadesk.ui.pages.start_page import StartPage

    for entry in scored_services.measures.catalogue()[:2]:
        scored_services.measures.add_from_catalogue(2569, entry.key)
    window = make_window(scored_services)
    page = StartPage(scored_services, window.undo_stack, window.page_stack, today=date(2026, 3, 10))
    texts = [page.reminders_list.item(i).text() for i in range(page.reminders_list.count())]
    assert any("6" in text or "๖" in text for text in texts)
    page.oit_start_edit.setText("1 ก.พ. 2569")
    page.oit_end_edit.setText("31 มี.ค. 2569")
    page.save_oit_window()
    assert scored_services.tracking.oit_window(2569) == (date(2026, 2, 1), date(2026, 3, 31))
    window.undo_action.trigger()
    assert scored_services.tracking.oit_window_is_estimate(2569)


# --------------------------------------------------------------------------- true dates

APRIL_10_2569 = date(2026, 4, 10)  # 10 เม.ย. 2569: after the 6-month cut-off of FY 2569


def open_year(make_window, services, plan_year: int, today: date, count: int = 2):
    """The tracking page of ``plan_year``'s measures with the page's clock set to ``today``."""
    for entry in services.measures.catalogue()[:count]:
        services.measures.add_from_catalogue(plan_year, entry.key)
    window = make_window(services)
    page = window.tracking_page
    page._today = today
    window.select_cycle(plan_year - 1)
    window.nav_list.setCurrentRow(window.pages.index(page))
    return window, page


def first_item_of(services, plan_year: int):
    measure = services.tracking.measures(plan_year)[0]
    return services.tracking.items(plan_year)[measure.id][0]


def answer_date(monkeypatch, answer: date | None) -> list[tuple]:
    """Patch the date dialog to answer ``answer``; returns what it was asked."""
    from itadesk.ui import dialogs

    asked: list[tuple] = []

    def ask(parent, title, prompt, default, check):
        asked.append((title, prompt, default, check))
        return answer

    monkeypatch.setattr(dialogs, "ask_done_date", ask)
    return asked


def press_space_on_first_step(qtbot, page) -> None:
    page.tree.setFocus()
    page.tree.setCurrentIndex(first_step_row(page))
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    QApplication.processEvents()  # the tick is applied once the key press has returned


def click_snapshot(qtbot, page, months: int) -> None:
    from PySide6.QtWidgets import QPushButton

    page.round_combo.setCurrentIndex(page.round_combo.findData(months))
    button = page.widget.findChild(QPushButton, "snapshot_button")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_ticking_before_any_round_closed_does_not_ask(
    qtbot, make_window, scored_services, no_modal_dialogs
) -> None:
    _window, page = open_year(make_window, scored_services, 2569, date(2026, 3, 31))
    press_space_on_first_step(qtbot, page)
    assert no_modal_dialogs["date"] == []
    assert first_item_of(scored_services, 2569).done_date == date(2026, 3, 31)


def test_catching_up_in_april_asks_the_real_date_and_the_round_counts_it(
    qtbot, make_window, scored_services, monkeypatch, no_modal_dialogs
) -> None:
    # FY 2568 (1 ต.ค. 2567 – 30 ก.ย. 2568) caught up on 10 เม.ย. 2569: unasked, the tick
    # would record 30 ก.ย. 2568 and the 6-month round would say 0 done.
    march = date(2025, 3, 14)  # 14 มี.ค. 2568
    asked = answer_date(monkeypatch, march)
    window, page = open_year(make_window, scored_services, 2568, APRIL_10_2569)
    press_space_on_first_step(qtbot, page)
    assert len(asked) == 1
    _title, prompt, default, check = asked[0]
    assert "รอบ 6 เดือนสิ้นสุดแล้วเมื่อ 31 มี.ค. 2568" in prompt
    assert default == date(2025, 9, 30)  # today moved into the fiscal year
    assert check(date(2025, 10, 1))  # the dialog's check refuses a date after the year
    saved = first_item_of(scored_services, 2568)
    assert saved.state == TrackingState.DONE and saved.done_date == march
    assert is_ticked(first_step_row(page))
    click_snapshot(qtbot, page, 6)
    assert no_modal_dialogs["question"] == []  # nothing late: no question
    snapshot = scored_services.tracking.latest_snapshot(2568, 6)
    assert snapshot is not None
    assert snapshot.content["overall"]["done"] == 1
    assert snapshot.content["measures"][0]["items"][0]["done_date"] == march.isoformat()
    window.undo_action.trigger()
    assert first_item_of(scored_services, 2568).state != TrackingState.DONE


def test_once_the_six_month_round_is_saved_april_ticks_are_dated_today(
    qtbot, make_window, scored_services, no_modal_dialogs
) -> None:
    _window, page = open_year(make_window, scored_services, 2569, APRIL_10_2569)
    scored_services.tracking.take_snapshot(2569, 6, today=APRIL_10_2569)
    press_space_on_first_step(qtbot, page)
    assert no_modal_dialogs["date"] == []
    assert first_item_of(scored_services, 2569).done_date == APRIL_10_2569


def test_cancelling_the_date_leaves_the_item_unticked(
    qtbot, make_window, scored_services, monkeypatch
) -> None:
    asked = answer_date(monkeypatch, None)
    window, page = open_year(make_window, scored_services, 2569, APRIL_10_2569)
    press_space_on_first_step(qtbot, page)
    assert asked
    assert first_item_of(scored_services, 2569).state != TrackingState.DONE
    assert not is_ticked(first_step_row(page))
    assert window.undo_stack.count() == 0
    assert "ยังไม่ได้ติ๊ก" in page.error_label.text()


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (date(2025, 9, 30), "ต้องอยู่ในปีงบประมาณ 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)"),
        (date(2026, 4, 20), "20 เม.ย. 2569 ยังมาไม่ถึง"),
    ],
)
def test_a_tick_date_outside_the_year_or_in_the_future_saves_nothing(
    qtbot, make_window, scored_services, monkeypatch, answer: date, message: str
) -> None:
    answer_date(monkeypatch, answer)
    window, page = open_year(make_window, scored_services, 2569, APRIL_10_2569)
    press_space_on_first_step(qtbot, page)
    assert message in page.error_label.text()
    assert first_item_of(scored_services, 2569).state != TrackingState.DONE
    assert not is_ticked(first_step_row(page))
    assert window.undo_stack.count() == 0


def test_state_combo_to_done_asks_the_date(
    qtbot, make_window, scored_services, monkeypatch
) -> None:
    march = date(2026, 3, 2)
    asked = answer_date(monkeypatch, march)
    _window, page = open_year(make_window, scored_services, 2569, APRIL_10_2569)
    page.tree.setCurrentIndex(first_step_row(page))
    page.state_combo.setFocus()
    qtbot.keyClick(page.state_combo, Qt.Key.Key_Down)  # กำลังดำเนินการ: no date needed
    assert not asked
    qtbot.keyClick(page.state_combo, Qt.Key.Key_Down)  # ดำเนินการแล้ว
    assert len(asked) == 1
    saved = first_item_of(scored_services, 2569)
    assert saved.state == TrackingState.DONE and saved.done_date == march


def test_state_combo_back_to_not_started_clears_the_date_without_asking(
    qtbot, make_window, scored_services, no_modal_dialogs
) -> None:
    _window, page = open_tracking(make_window, scored_services)
    press_space_on_first_step(qtbot, page)
    assert first_item_of(scored_services, 2569).done_date == TODAY
    page.tree.setCurrentIndex(first_step_row(page))
    page.state_combo.setFocus()
    qtbot.keyClick(page.state_combo, Qt.Key.Key_Up)  # กำลังดำเนินการ keeps the date
    qtbot.keyClick(page.state_combo, Qt.Key.Key_Up)  # ยังไม่เริ่ม
    saved = first_item_of(scored_services, 2569)
    assert saved.state == TrackingState.NOT_STARTED and saved.done_date is None
    assert no_modal_dialogs["question"] == [] and no_modal_dialogs["date"] == []


def test_saving_a_round_lists_late_items_and_no_saves_nothing(
    qtbot, make_window, scored_services, monkeypatch
) -> None:
    from itadesk.ui import dialogs

    _window, page = open_year(make_window, scored_services, 2569, APRIL_10_2569)
    measure = scored_services.tracking.measures(2569)[0]
    late = scored_services.tracking.items(2569)[measure.id][1]
    scored_services.tracking.set_progress(
        scored_services.tracking.ticked(late, True, 2569, done_on=date(2026, 4, 2)),
        2569,
        APRIL_10_2569,
    )
    page.refresh()
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, m: questions.append(m) or False)
    click_snapshot(qtbot, page, 6)
    assert len(questions) == 1
    assert late.text.strip() in questions[0]
    assert measure.title.strip() in questions[0]
    assert "เสร็จ 2 เม.ย. 2569" in questions[0]
    assert "31 มี.ค. 2569" in questions[0]
    assert scored_services.tracking.latest_snapshot(2569, 6) is None
    # The clerk is taken to the late item to fix its date.
    assert page.tree.currentIndex().data() == late.text
    assert "ยังไม่ได้บันทึกรายงาน" in page.error_label.text()
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, m: questions.append(m) or True)
    click_snapshot(qtbot, page, 6)
    snapshot = scored_services.tracking.latest_snapshot(2569, 6)
    assert snapshot is not None and snapshot.content["overall"]["done"] == 0


def test_retaking_a_saved_round_asks_once_and_no_keeps_the_first(
    qtbot, make_window, scored_services, monkeypatch
) -> None:
    from itadesk.ui import dialogs

    _window, page = open_year(make_window, scored_services, 2569, APRIL_10_2569)
    first = scored_services.tracking.take_snapshot(2569, 6, today=APRIL_10_2569)
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, m: questions.append(m) or False)
    click_snapshot(qtbot, page, 6)
    assert len(questions) == 1 and "บันทึกไว้แล้ว" in questions[0]
    assert scored_services.tracking.latest_snapshot(2569, 6).id == first.id
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, m: questions.append(m) or True)
    click_snapshot(qtbot, page, 6)
    assert scored_services.tracking.latest_snapshot(2569, 6).id != first.id


def type_done_date(qtbot, type_text, page, text: str) -> None:
    page.done_date_edit.setFocus()
    page.done_date_edit.clear()
    type_text(page.done_date_edit, text)
    qtbot.keyClick(page.done_date_edit, Qt.Key.Key_Return)


def test_a_date_typed_on_a_not_started_item_marks_it_done_after_asking(
    qtbot, make_window, scored_services, type_text, no_modal_dialogs
) -> None:
    _window, page = open_tracking(make_window, scored_services)
    page.tree.setCurrentIndex(first_step_row(page))
    type_done_date(qtbot, type_text, page, "๑๐ ม.ค. ๖๙")
    assert len(no_modal_dialogs["question"]) == 1
    assert "10 มกราคม 2569" in no_modal_dialogs["question"][0]
    saved = first_item_of(scored_services, 2569)
    assert saved.state == TrackingState.DONE and saved.done_date == date(2026, 1, 10)
    assert page.state_combo.currentData() == TrackingState.DONE


def test_a_declined_date_on_a_not_started_item_stays_visible_with_the_reason(
    qtbot, make_window, scored_services, type_text, monkeypatch
) -> None:
    from itadesk.ui import dialogs

    questions: list[str] = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, m: questions.append(m) or False)
    window, page = open_tracking(make_window, scored_services)
    page.tree.setCurrentIndex(first_step_row(page))
    type_done_date(qtbot, type_text, page, "10 ม.ค. 69")
    assert len(questions) == 1
    assert page.done_date_edit.text() == "10 ม.ค. 69"  # not wiped
    assert "ยังไม่ได้บันทึก" in page.error_label.text()
    assert "ยังไม่เริ่ม" in page.error_label.text()
    saved = first_item_of(scored_services, 2569)
    assert saved.state != TrackingState.DONE and saved.done_date is None
    # Leaving the page saves the note without the date and does not ask again.
    page.note_edit.setPlainText("รอเอกสาร")
    window.nav_list.setCurrentRow(window.pages.index(window.tracking_page) - 1)
    assert first_item_of(scored_services, 2569).note == "รอเอกสาร"
    assert first_item_of(scored_services, 2569).done_date is None
    assert len(questions) == 1
    assert page.done_date_edit.text() == "10 ม.ค. 69"


def test_the_date_dialog_refuses_dates_outside_the_fiscal_year(qtbot) -> None:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from itadesk.domain.tracking_rules import done_date_problems
    from itadesk.ui.dialogs import DoneDateDialog

    dialog = DoneDateDialog(
        None,
        "วันที่ดำเนินการแล้วเสร็จ",
        "รอบ 6 เดือนสิ้นสุดแล้ว",
        date(2025, 9, 30),
        lambda chosen: done_date_problems(chosen, 2568, APRIL_10_2569),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.date_edit.text() == "30 กันยายน 2568"  # the default, in Thai
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for text, message in (
        ("1 ต.ค. 2568", "ต้องอยู่ในปีงบประมาณ 2568 (1 ต.ค. 2567 – 30 ก.ย. 2568)"),
        ("31 มีนาคม", "อ่านไม่ได้"),
    ):
        dialog.date_edit.setText(text)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.chosen is None
        assert message in dialog.error_label.text()
    dialog.date_edit.setText("๑๔ มี.ค. ๖๘")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen == date(2025, 3, 14)


def test_cancel_in_the_date_dialog_gives_no_date(qtbot) -> None:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from itadesk.ui.dialogs import DoneDateDialog

    dialog = DoneDateDialog(None, "วันที่", "ถาม", date(2026, 4, 10), lambda chosen: [])
    qtbot.addWidget(dialog)
    dialog.show()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.chosen is None


def test_the_page_says_whether_the_rounds_report_is_saved(
    qtbot, make_window, scored_services, no_modal_dialogs
) -> None:
    from itadesk.domain.fiscal import format_thai_date

    _window, page = open_year(make_window, scored_services, 2569, APRIL_10_2569)
    assert page.round_state_label.text().startswith("ยังไม่ได้บันทึกรายงานรอบนี้")
    click_snapshot(qtbot, page, 6)
    taken = scored_services.tracking.latest_snapshot(2569, 6).taken_at.date()
    saved = f"บันทึกรายงานรอบนี้แล้ว {format_thai_date(taken, 'abbr_full_year')}"
    assert page.round_state_label.text().replace("\u00a0", " ") == saved
    page.round_combo.setCurrentIndex(page.round_combo.findData(12))
    assert page.round_state_label.text().startswith("ยังไม่ได้บันทึกรายงานรอบนี้")
    page.round_combo.setCurrentIndex(page.round_combo.findData(6))
    assert page.round_state_label.text().replace("\u00a0", " ") == saved
