"""Keys as in Excel and Word, and forms that stay still: Enter in the office's tables and the
memo's comment chain, Tab order, Ctrl+S, error lines that move nothing, lists that keep
their place, new rows and new measures that open where the clerk types."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget
from ui_helpers import button, click_page

from itadesk.ui.pages.office_page import COLUMN_POSITION


def focus(qtbot, widget: QWidget) -> None:
    widget.window().activateWindow()
    qtbot.waitActive(widget.window())
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def open_editor(table) -> QLineEdit:
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def position_on_window(widget: QWidget) -> QPoint:
    return widget.mapTo(widget.window(), QPoint(0, 0))


# ------------------------------------------------------------------ Enter as in Excel


def test_positions_typed_down_the_people_table_each_with_enter_land_on_their_rows(
    qtbot, make_window, demo_services, type_text
) -> None:
    window = make_window(demo_services)
    page = window.office_page
    click_page(qtbot, window, page)
    table = page.people_table
    focus(qtbot, table)
    table.setCurrentCell(0, COLUMN_POSITION)
    positions = ("นักจัดการงานทั่วไป", "หัวหน้าสำนักปลัด อบต.", "ปลัด อบต.")
    for position in positions:
        type_text(table, position[0])  # typing on a chosen cell starts typing in it
        editor = open_editor(table)
        type_text(editor, position[1:])
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.wait(20)  # the table saves from a zero timer
    people = demo_services.office.profile().people
    assert [person.position for person in people[:3]] == list(positions)
    assert people[3].position == "นายกองค์การบริหารส่วนตำบลหนองตัวอย่าง"  # untouched
    assert (table.currentRow(), table.currentColumn()) == (3, COLUMN_POSITION)
    # Enter on a chosen cell (not being typed) moves too; Shift+Enter goes back up.
    qtbot.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert table.currentRow() == 2
    assert window.undo_stack.count() == 3  # one step per cell


def test_a_new_unit_opens_its_box_with_a_cue_and_enter_saves_it(
    qtbot, make_window, demo_services, type_text
) -> None:
    window = make_window(demo_services)
    page = window.office_page
    click_page(qtbot, window, page)
    focus(qtbot, page.units_list)
    qtbot.mouseClick(button(page, "add_unit_button"), Qt.MouseButton.LeftButton)
    editor = open_editor(page.units_list)
    assert editor.hasFocus()
    assert editor.placeholderText() == "พิมพ์ชื่อสำนัก/กอง แล้วกด Enter"
    type_text(editor, "กองสาธารณสุข")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert demo_services.office.profile().units[-1].name == "กองสาธารณสุข"
    assert page.units_list.currentItem().text() == "กองสาธารณสุข"  # still the clerk's row


def test_comment_headings_typed_down_the_chain_each_with_enter(
    qtbot, make_window, demo_services, type_text
) -> None:
    from itadesk.ui.pages.memo_page import COLUMN_HEADING

    window = make_window(demo_services)
    page = window.memo_page
    click_page(qtbot, window, page)
    table = page.chain_table
    focus(qtbot, table)
    table.setCurrentCell(0, COLUMN_HEADING)
    for heading in ("ความเห็นหัวหน้าสำนักปลัด", "ความเห็นปลัด"):
        qtbot.keyClick(table, Qt.Key.Key_F2)
        editor = open_editor(table)
        editor.selectAll()
        type_text(editor, heading)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.wait(20)
    chain = demo_services.memos.comment_chain()
    assert [step.heading for step in chain[:2]] == ["ความเห็นหัวหน้าสำนักปลัด", "ความเห็นปลัด"]
    assert (table.currentRow(), table.currentColumn()) == (2, COLUMN_HEADING)


# ------------------------------------------------------------------ Tab and shortcuts


def test_tab_goes_through_the_office_form_in_reading_order(
    qtbot, make_window, demo_services
) -> None:
    window = make_window(demo_services)
    page = window.office_page
    click_page(qtbot, window, page)
    focus(qtbot, page.kind_combo)
    order = []
    for _ in range(9):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName())
    assert order == [
        "name_edit",
        "district_edit",
        "province_edit",
        "phone_edit",
        "doc_prefix_edit",
        "units_list",
        "add_unit_button",
        "remove_unit_button",
        "people_table",
    ]
    # In the table Tab moves right, as in Excel; Ctrl+Tab goes on to the next field.
    table = page.people_table
    table.setCurrentCell(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert (table.currentRow(), table.currentColumn()) == (0, 2)
    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is button(page, "add_person_button")


def test_ctrl_s_saves_typing_still_waiting_and_says_so(
    qtbot, make_window, demo_services, type_text
) -> None:
    window = make_window(demo_services)
    page = window.memo_page
    click_page(qtbot, window, page)
    focus(qtbot, page.subject_edit)
    page.subject_edit.selectAll()
    type_text(page.subject_edit, "เรื่องที่พิมพ์แล้วกดบันทึกทันที")
    assert page.binder.has_waiting  # autosave waits for a pause in typing
    qtbot.keyClick(page.subject_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not page.binder.has_waiting
    assert demo_services.memos.settings(2568, "analysis").subject == "เรื่องที่พิมพ์แล้วกดบันทึกทันที"
    assert window.statusBar().currentMessage().startswith("บันทึกแล้ว เวลา ")
    assert window.statusBar().currentMessage().endswith(" น.")


def test_ctrl_s_names_what_cannot_be_saved_yet(qtbot, make_window, demo_services) -> None:
    window = make_window(demo_services)
    page = window.memo_page
    click_page(qtbot, window, page)
    page.date_edit.setText("วันที่อ่านไม่ได้")  # typed, not yet saved
    page.binder.mark(page.save_settings)
    window.save_action.trigger()
    assert window.statusBar().currentMessage().startswith("ยังบันทึกไม่ได้ — บันทึกข้อความและพิมพ์")
    assert page.date_edit.text() == "วันที่อ่านไม่ได้"  # the typing stays


def test_menus_show_their_shortcuts_and_the_page_keys_go_to_pages(
    qtbot, make_window, demo_services
) -> None:
    window = make_window(demo_services)
    assert window.save_action.shortcut().toString() == "Ctrl+S"
    for number, action in enumerate(window.page_actions, start=1):
        assert action.shortcut().toString() == f"Ctrl+{number}"
    window.page_actions[7].trigger()
    assert window.page_stack.currentWidget() is window.tracking_page.widget
    window.page_list_action.trigger()
    assert window.nav_list.isHidden()
    window.page_list_action.trigger()
    assert not window.nav_list.isHidden()


def test_the_toolbar_says_only_undo_and_the_menu_names_the_step_between_words(
    qtbot, make_window, demo_services
) -> None:
    window = make_window(demo_services)
    page = window.measures_page
    click_page(qtbot, window, page)
    title = page.current_measure().title
    page.title_edit.setText(title + " ปรับปรุง")
    page.title_edit.editingFinished.emit()
    toolbar = window.findChild(QWidget, "main_toolbar")
    undo_button = toolbar.widgetForAction(window.undo_action)
    assert undo_button.text() == "เลิกทำ"
    text = window.undo_action.text()
    assert text.startswith("เลิกทำ แก้มาตรการ “") and text.endswith("…")
    shown = text.removeprefix("เลิกทำ แก้มาตรการ “").removesuffix("…")
    assert title.startswith(shown)  # cut where a word ends, not inside one
    assert title[len(shown)] not in "ัิีึืุู่้๊๋็์ะาำ"
    assert title.replace(" ", "") in window.undo_action.toolTip().replace("\n", "").replace(" ", "")


# ------------------------------------------------------------------ forms that stay still


def test_an_error_line_moves_no_button(qtbot, make_window, demo_services, type_text) -> None:
    window = make_window(demo_services)
    page = window.office_page
    click_page(qtbot, window, page)
    qtbot.wait(20)  # the page laid out
    buttons = [button(page, name) for name in ("add_person_button", "remove_person_button")]
    before = [position_on_window(each) for each in buttons]
    page.edits["phone"].setText("โทร abc")
    page.edits["phone"].editingFinished.emit()
    qtbot.wait(20)
    assert "โทรศัพท์" in page.error_label.text()
    assert [position_on_window(each) for each in buttons] == before
    # The tracking page's round buttons stay put too.
    tracking = window.tracking_page
    click_page(qtbot, window, tracking)
    qtbot.wait(20)
    snapshot = button(tracking, "snapshot_button")
    before = position_on_window(snapshot)
    tracking.show_error("เลือกขั้นตอนหรือผลผลิตที่จะแนบหลักฐานก่อน")
    qtbot.wait(20)
    assert position_on_window(snapshot) == before


def test_ticking_an_indicator_keeps_the_checklist_where_it_was(
    qtbot, make_window, demo_services
) -> None:
    """Ticks with Space and with the mouse: the list keeps its scroll position and the
    clerk's row (it was rebuilt after each tick, so the next key started from the top)."""
    window = make_window(demo_services)
    page = window.measures_page
    click_page(qtbot, window, page)
    checklist = page.indicators_list
    bar = checklist.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    focus(qtbot, checklist)
    last_row = checklist.count() - 1
    checklist.setCurrentRow(last_row)
    scrolled = bar.value()
    assert scrolled > 0
    for step, row in enumerate((last_row, last_row - 1), start=1):
        checked = checklist.item(row).checkState()
        qtbot.keyClick(checklist, Qt.Key.Key_Space)
        qtbot.wait(50)  # saved from a zero timer: the page refreshes
        assert window.undo_stack.count() == step
        assert checklist.item(row).checkState() != checked
        assert (row + 1 in page.current_measure().indicators) != (checked == Qt.CheckState.Checked)
        assert checklist.currentRow() == row  # the clerk's row, not none
        assert bar.value() == scrolled
        qtbot.keyClick(checklist, Qt.Key.Key_Up)
    assert checklist.currentRow() == last_row - 2
    # A click on a box keeps the place too.
    rect = checklist.visualItemRect(checklist.item(last_row))
    qtbot.mouseClick(
        checklist.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(12, rect.center().y())
    )
    qtbot.wait(50)
    assert window.undo_stack.count() == 3
    assert bar.value() == scrolled


def test_a_new_measure_opens_at_its_name_ready_to_be_typed_over(
    qtbot, make_window, demo_services, type_text
) -> None:
    window = make_window(demo_services)
    page = window.measures_page
    click_page(qtbot, window, page)
    window.showNormal()
    window.resize(1024, 530)
    focus(qtbot, page.measures_list)
    bar = page.detail_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # the clerk was further down the form
    qtbot.mouseClick(button(page, "add_blank_button"), Qt.MouseButton.LeftButton)
    assert page.title_edit.hasFocus()
    assert page.title_edit.selectedText() == "มาตรการใหม่"
    assert page.detail_scroll.verticalScrollBar().value() == 0
    type_text(page.title_edit, "มาตรการจัดทำป้ายประกาศ")
    qtbot.keyClick(page.title_edit, Qt.Key.Key_Return)
    assert page.current_measure().title == "มาตรการจัดทำป้ายประกาศ"


def test_the_measure_form_keeps_what_is_typed(qtbot, make_window, demo_services, type_text) -> None:
    """Text typed in one box is saved with a tick in the checklist; a range that cannot be
    read yet stays on screen with its reason while the tick waits."""
    window = make_window(demo_services)
    page = window.measures_page
    click_page(qtbot, window, page)
    focus(qtbot, page.follow_up_edit)
    page.follow_up_edit.selectAll()
    type_text(page.follow_up_edit, "ปลัดติดตามทุกไตรมาส")
    item = page.indicators_list.item(1)
    item.setCheckState(
        Qt.CheckState.Unchecked
        if item.checkState() == Qt.CheckState.Checked
        else Qt.CheckState.Checked
    )
    qtbot.wait(20)
    measure = page.current_measure()
    assert measure.follow_up == "ปลัดติดตามทุกไตรมาส"
    assert page.follow_up_edit.toPlainText() == "ปลัดติดตามทุกไตรมาส"
    page.timeline_combo.setCurrentIndex(page.timeline_combo.findText("ช่วงเดือน"))
    page.timeline_combo.activated.emit(page.timeline_combo.currentIndex())
    page.start_edit.setText("ต.ค.")
    page.start_edit.editingFinished.emit()
    assert "ระยะเวลา" in page.error_label.text()
    assert page.start_edit.text() == "ต.ค."
    assert page.title_edit.text() == measure.title


def test_lists_rebuilt_after_a_save_keep_the_clerks_row(qtbot, make_window, demo_services) -> None:
    window = make_window(demo_services)
    page = window.office_page
    click_page(qtbot, window, page)
    table = page.people_table
    table.setCurrentCell(2, 3)
    table.item(2, 3).setText("รักษาราชการแทน")
    qtbot.wait(20)  # saved: the page refreshed its rows
    assert demo_services.office.profile().people[2].acting_position == "รักษาราชการแทน"
    assert (table.currentRow(), table.currentColumn()) == (2, 3)
    assert table.state() != QAbstractItemView.State.EditingState
