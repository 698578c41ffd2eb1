"""Office profile, item scores, new fiscal year and the crash handler, driven through the GUI."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTreeWidgetItemIterator
from ui_helpers import TOP_DOWN, type_top_down_office


def test_office_profile_autosaves_and_undoes(qtbot, make_window, services, type_text) -> None:
    window = make_window(services)
    page = window.office_page
    edit = page.edits["name"]
    edit.setFocus()
    type_text(edit, "องค์การบริหารส่วนตำบลทดลอง")
    edit.editingFinished.emit()
    assert services.office.profile().name == "องค์การบริหารส่วนตำบลทดลอง"
    page.edits["phone"].setText("โทร abc")
    page.edits["phone"].editingFinished.emit()
    assert "โทรศัพท์" in page.error_label.text() or "phone" in page.error_label.text()
    assert services.office.profile().phone == ""
    window.undo_action.trigger()
    assert services.office.profile().name == ""
    assert page.edits["name"].text() == ""


def test_units_and_people_are_saved(qtbot, make_window, demo_services) -> None:
    window = make_window(demo_services)
    page = window.office_page
    before = len(demo_services.office.profile().units)
    page.units_list.item(0).setText("สำนักปลัด อบต.")
    QApplication.processEvents()  # the save runs after the itemChanged signal returns
    assert demo_services.office.profile().units[0].name == "สำนักปลัด อบต."
    page.units_list.setCurrentRow(before - 1)
    page._remove_unit()
    assert len(demo_services.office.profile().units) == before - 1
    page.people_table.item(0, 3).setText("รักษาราชการแทนปลัด")
    QApplication.processEvents()
    assert demo_services.office.profile().people[0].acting_position == "รักษาราชการแทนปลัด"


def find_item(tree, code: str):
    iterator = QTreeWidgetItemIterator(tree)
    while iterator.value():
        if iterator.value().text(0) == code:
            return iterator.value()
        iterator += 1
    raise AssertionError(code)


def test_item_scores_by_tool_and_by_theme(qtbot, make_window, services) -> None:
    window = make_window(services)
    window.select_cycle(2566)
    page = window.items_page
    window.nav_list.setCurrentRow(window.pages.index(page))
    row = find_item(page.tree, "i16")
    row.setText(1, "๙๖.๗")
    QApplication.processEvents()
    assert services.scores.item_scores(2566) == {"i16": Decimal("96.7")}
    row = find_item(page.tree, "i16")
    row.setText(1, "200")
    QApplication.processEvents()
    assert "ข้อ i16" in page.error_label.text()
    assert services.scores.item_scores(2566) == {"i16": Decimal("96.7")}
    page.group_by_combo.setCurrentIndex(1)
    top = [page.tree.topLevelItem(i).text(2) for i in range(page.tree.topLevelItemCount())]
    assert len(top) == 7
    assert find_item(page.tree, "i16").text(1) == "96.70"
    window.undo_action.trigger()
    assert services.scores.item_scores(2566) == {}


def test_year_without_item_list_offers_import(
    qtbot, make_window, services, tmp_path: Path, monkeypatch
) -> None:
    from itadesk.ui import dialogs

    window = make_window(services)
    window.select_cycle(2568)
    page = window.items_page
    window.nav_list.setCurrentRow(window.pages.index(page))
    assert not page.tree.isHidden()  # the indicators are there to enter items by code
    assert "รหัสข้อ" in page.empty_label.text() and not page.import_button.isHidden()
    csv = tmp_path / "o-list-2568.csv"
    csv.write_text("code,indicator,text_th\nO1,9,โครงสร้าง\nO31,10,No Gift Policy\n", "utf-8")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *args: csv)
    page.import_button.click()
    assert not page.tree.isHidden()
    assert find_item(page.tree, "O31")


def test_new_fiscal_year_from_the_latest(qtbot, make_window, services, no_modal_dialogs) -> None:
    window = make_window(services)
    latest = services.frameworks.catalog.latest_year()
    window.new_year_action.trigger()
    assert window.current_cycle.assessed_year == latest + 1
    assert window.cycle_combo.currentText() == f"ผลการประเมินปี {latest + 1} → มาตรการปี {latest + 2}"
    assert no_modal_dialogs["question"]
    # Started by mistake and still empty: it can be removed again, through the menu action.
    assert window.remove_year_action.isEnabled()
    window.remove_year_action.trigger()
    assert window.current_cycle.assessed_year == latest
    assert window.cycle_combo.findData(latest + 1) == -1


def test_crash_handler_logs_and_shows_the_dialog(
    qtbot, make_window, services, no_modal_dialogs, tmp_path: Path
) -> None:
    from itadesk.ui.application import install_crash_handler

    make_window(services)
    saved_hook = sys.excepthook
    try:
        install_crash_handler(tmp_path / "itadesk.log")
        try:
            raise RuntimeError("boom")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = saved_hook
    assert "RuntimeError: boom" in no_modal_dialogs["crash"][0]


def test_renaming_a_person_keeps_them_as_signer_and_commenter(
    qtbot, make_window, demo_services
) -> None:
    from itadesk.domain.memo import MemoKind, MemoSettings

    author, mayor = demo_services.office.profile().people[0::3]
    demo_services.memos.save_settings(
        MemoSettings(2568, MemoKind.ANALYSIS, signer_person_id=author.id)
    )
    chain_before = [step.person_id for step in demo_services.memos.comment_chain()]
    assert mayor.id in chain_before
    window = make_window(demo_services)
    page = window.office_page
    page.people_table.item(0, 1).setText(author.full_name + "ดี")
    QApplication.processEvents()
    page.people_table.item(3, 1).setText(mayor.full_name + "ดี")
    QApplication.processEvents()
    people = demo_services.office.profile().people
    assert [(p.id, p.full_name) for p in people[0::3]] == [
        (author.id, author.full_name + "ดี"),
        (mayor.id, mayor.full_name + "ดี"),
    ]
    assert demo_services.memos.settings(2568, MemoKind.ANALYSIS).signer_person_id == author.id
    assert [step.person_id for step in demo_services.memos.comment_chain()] == chain_before


def test_roles_are_set_on_the_office_page(
    qtbot, make_window, services, type_text, type_in_cell, choose_by_typing
) -> None:
    from itadesk.domain.office import Role
    from itadesk.ui.pages.office_page import COLUMN_ROLE

    window = make_window(services)
    type_top_down_office(qtbot, window, type_text, type_in_cell, choose_by_typing)
    page = window.office_page
    people = services.office.profile().people
    assert [(p.full_name, p.position) for p in people] == list(TOP_DOWN)
    # Guessed from each position as typed; the clerk's was chosen.
    assert [p.role for p in people] == [Role.NAYOK, Role.PALAT, Role.UNIT_HEAD, Role.AUTHOR]
    combos = [page.people_table.cellWidget(row, COLUMN_ROLE) for row in range(4)]
    assert [c.currentText() for c in combos] == ["นายก", "ปลัด", "หัวหน้าส่วนราชการ", "ผู้จัดทำ"]

    # A second นายก is refused, naming the row; what was saved stays.
    choose_by_typing(page.people_table.cellWidget(1, COLUMN_ROLE), "นายก")
    assert "บุคลากรลำดับที่ 2 (วิภาวรรณ รักษ์ธรรม)" in page.error_label.text()
    assert "“นายก”" in page.error_label.text() and "ลำดับที่ 1" in page.error_label.text()
    assert services.office.profile().people[1].role == Role.PALAT

    # Picking ปลัด again clears the message; a saved row keeps its role when its position
    # is retyped; undo takes back the retyping, then the clerk's pick.
    choose_by_typing(page.people_table.cellWidget(1, COLUMN_ROLE), "ปลัด")
    assert page.error_label.text() == ""
    type_in_cell(page.people_table, 2, 2, "นักวิเคราะห์นโยบายและแผน")
    assert services.office.profile().people[2].position == "นักวิเคราะห์นโยบายและแผน"
    assert services.office.profile().people[2].role == Role.UNIT_HEAD
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert services.office.profile().people[2].position == "หัวหน้าสำนักปลัด"
    assert services.office.profile().people[3].role == Role.OTHER
    assert page.people_table.cellWidget(3, COLUMN_ROLE).currentText() == "อื่น ๆ"


def test_a_cycle_chosen_in_the_toolbar_is_on_every_page_the_clerk_opens(
    qtbot, make_window, demo_services
) -> None:
    """Only the page in view is filled when the cycle changes; every other page is filled
    with the toolbar's cycle as it is opened, titles laid out for their text."""
    window = make_window(demo_services)
    combo = window.cycle_combo
    combo.setCurrentIndex(combo.findData(2567))
    for page in (window.measures_page, window.tracking_page, window.memo_page):
        window.nav_list.setCurrentRow(window.pages.index(page))
        assert page.cycle is not None and page.cycle.assessed_year == 2567, page.title
        assert "2567" in page.info_label.full_text
    assert "2568" in window.measures_page.title_label.text()  # the plan year of 2567
    window.select_cycle(2999)  # no such cycle: the choice stays
    assert window.current_cycle is not None and window.current_cycle.assessed_year == 2567
