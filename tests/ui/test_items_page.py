"""The items page for a year whose item list ป.ป.ช. has not published (2568): items entered
and pasted by code, wording added later, seen by tool and indicator; and Excel's keys on the
published 2566 list. Driven through the page's widgets."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QTreeWidgetItemIterator
from ui_helpers import button, click_page

from itadesk.ui.pages.items_page import COLUMN_CODE, COLUMN_SCORE, COLUMN_TEXT


def rows_by_code(tree) -> dict[str, object]:
    found = {}
    iterator = QTreeWidgetItemIterator(tree)
    while (row := iterator.value()) is not None:
        found[row.text(COLUMN_CODE)] = row
        iterator += 1
    return found


def open_items(qtbot, make_window, services, year: int):
    window = make_window(services)
    window.select_cycle(year)
    page = window.items_page
    click_page(qtbot, window, page)
    window.activateWindow()
    qtbot.waitActive(window)
    return window, page


def focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    qtbot.wait(20)


def offered(combo) -> list[int]:
    """The indicators the combo lets the clerk pick."""
    model = combo.model()
    return [combo.itemData(i) for i in range(combo.count()) if model.item(i).isEnabled()]


def test_an_unpublished_year_shows_every_indicator_and_fills_the_page(
    qtbot, make_window, services
) -> None:
    window, page = open_items(qtbot, make_window, services, 2568)
    window.showNormal()
    window.resize(1024, 530)
    qtbot.wait(50)
    assert page.tree.isVisible() and page.add_group.isVisible()
    rows = rows_by_code(page.tree)
    assert {f"ตัวชี้วัดที่ {n}" for n in range(1, 11)} <= set(rows)
    # The tree takes the room the page has (it used to float mid-screen, hidden).
    assert page.tree.height() >= 0.3 * page.widget.viewport().height()
    assert "i1" in page.empty_label.text() and "Excel" in page.empty_label.text()


def test_a_code_typed_with_its_indicator_and_score_is_added_and_the_boxes_empty(
    qtbot, make_window, services, type_text, choose_by_typing
) -> None:
    window, page = open_items(qtbot, make_window, services, 2568)
    focus(qtbot, page.code_edit)
    type_text(page.code_edit, "e3")
    assert offered(page.indicator_combo) == [6, 7, 8]  # an e… code is an EIT item
    assert page.indicator_combo.currentData() == 6
    page.code_edit.clear()
    type_text(page.code_edit, "i1")
    assert offered(page.indicator_combo) == [1, 2, 3, 4, 5]
    choose_by_typing(page.indicator_combo, "2.")
    focus(qtbot, page.code_edit)
    press(qtbot, Qt.Key.Key_Return)  # Enter in the code box goes on to the score
    assert page.score_edit.hasFocus()
    type_text(page.score_edit, "๙๑.๕")
    qtbot.keyClick(page.score_edit, Qt.Key.Key_Return)
    framework = services.frameworks.get(2568)
    assert framework.item("i1").indicator == 2
    assert framework.item("i1").text_th is None  # the wording can come later
    assert services.scores.item_scores(2568) == {"i1": Decimal("91.5")}
    assert page.code_edit.text() == page.score_edit.text() == ""
    row = rows_by_code(page.tree)["i1"]
    assert row.parent().text(COLUMN_CODE) == "ตัวชี้วัดที่ 2"
    assert row.text(COLUMN_SCORE) == "91.50"
    # A code of the wrong shape is refused with the reason; nothing is added.
    type_text(page.code_edit, "x9")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert "รหัสข้อ" in page.error_label.text()
    assert [item.code for item in services.frameworks.get(2568).items] == ["i1"]
    window.undo_action.trigger()
    assert services.frameworks.get(2568).items == ()
    assert services.scores.item_scores(2568) == {}


def test_the_wording_is_typed_later_in_the_tree(qtbot, make_window, services, type_text) -> None:
    from itadesk.domain.frameworks import ItemEntry

    services.frameworks.save_item_list(
        2568, services.frameworks.with_items(2568, [ItemEntry("O1", 9)])
    )
    window, page = open_items(qtbot, make_window, services, 2568)
    row = rows_by_code(page.tree)["O1"]
    page.tree.setCurrentItem(row, COLUMN_TEXT)
    qtbot.keyClick(page.tree, Qt.Key.Key_F2)
    editors = [e for e in page.tree.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    assert editor.placeholderText() == "ข้อความของข้อ (ไม่บังคับ)"  # the cue of an empty cell
    type_text(editor, "โครงสร้างหน่วยงาน")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert services.frameworks.get(2568).item("O1").text_th == "โครงสร้างหน่วยงาน"
    window.undo_action.trigger()
    assert services.frameworks.get(2568).item("O1").text_th is None


def test_codes_and_scores_pasted_at_an_indicator_are_added_under_it_in_one_step(
    qtbot, make_window, services
) -> None:
    window, page = open_items(qtbot, make_window, services, 2568)
    focus(qtbot, page.tree)
    page.tree.setCurrentItem(rows_by_code(page.tree)["ตัวชี้วัดที่ 3"], COLUMN_CODE)
    QGuiApplication.clipboard().setText("e1\t80\ne2\t81\n")
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "ข้อ e1, e2 ยังไม่มีในรายการ" in page.error_label.text()
    assert "EIT (ตัวชี้วัดที่ 6, 7, 8)" in page.error_label.text()
    assert services.frameworks.get(2568).items == ()
    QGuiApplication.clipboard().setText("i5\t88.00\r\ni6\t90\tการใช้อำนาจ\r\n")
    count = window.undo_stack.count()
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    framework = services.frameworks.get(2568)
    assert [(i.code, i.indicator, i.text_th) for i in framework.items] == [
        ("i5", 3, None),
        ("i6", 3, "การใช้อำนาจ"),
    ]
    assert services.scores.item_scores(2568) == {"i5": Decimal("88"), "i6": Decimal("90")}
    assert window.undo_stack.count() == count + 1
    assert page.error_label.text() == ""
    window.undo_action.trigger()
    assert services.frameworks.get(2568).items == ()
    assert services.scores.item_scores(2568) == {}


def test_a_code_removed_takes_its_score_and_undo_brings_both_back(
    qtbot, make_window, services
) -> None:
    from itadesk.domain.frameworks import ItemEntry

    services.frameworks.save_item_list(
        2568,
        services.frameworks.with_items(2568, [ItemEntry("i1", 1), ItemEntry("i2", 1)]),
        {"i2": Decimal("70")},
    )
    window, page = open_items(qtbot, make_window, services, 2568)
    page.tree.setCurrentItem(rows_by_code(page.tree)["i2"])
    qtbot.mouseClick(button(page, "remove_item_button"), Qt.MouseButton.LeftButton)
    assert [item.code for item in services.frameworks.get(2568).items] == ["i1"]
    assert services.scores.item_scores(2568) == {}
    window.undo_action.trigger()
    assert [item.code for item in services.frameworks.get(2568).items] == ["i1", "i2"]
    assert services.scores.item_scores(2568) == {"i2": Decimal("70")}


def test_published_items_take_scores_as_in_excel(qtbot, make_window, services) -> None:
    """2566: Enter saves and moves down to the next item (over the indicator rows); a
    column pasted fills down from the chosen item; the official list cannot be removed."""
    _window, page = open_items(qtbot, make_window, services, 2566)
    assert not page.add_group.isVisible()
    rows = rows_by_code(page.tree)
    focus(qtbot, page.tree)
    page.tree.setCurrentItem(rows["i5"], COLUMN_SCORE)
    assert not page.remove_button.isEnabled()
    for score in ("91", "92", "93"):
        for key in score:
            press(qtbot, key)
        press(qtbot, Qt.Key.Key_Return)
    assert services.scores.item_scores(2566) == {
        "i5": Decimal("91"),
        "i6": Decimal("92"),
        "i7": Decimal("93"),  # i7 is under the next indicator: the indicator row is passed
    }
    assert page.tree.currentItem().text(COLUMN_CODE) == "i8"
    QGuiApplication.clipboard().setText("80\n81\n")
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert services.scores.item_scores(2566)["i8"] == Decimal("80")
    assert services.scores.item_scores(2566)["i9"] == Decimal("81")
