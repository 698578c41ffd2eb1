"""Empty states of the scores, items, memo and office pages on a fresh database, through the
real window: each page without data for the cycle says in one sentence what goes there, and
its button does what fills it (the score import, the row that adds an item, the page that
makes what is missing, a new row); once the data is there the page's own form is back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from ui_helpers import button, click_page

from itadesk.ui import import_dialog

SCORES_2568 = "\n".join(
    f"ตัวชี้วัดที่ {number} {score}"
    for number, score in enumerate(
        ("90.10", "88.00", "91.25", "87.50", "85.00", "92.00", "89.40", "86.75", "95.00", "90.00"),
        start=1,
    )
)


def click(qtbot, widget) -> None:
    assert widget.isVisible(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def import_by_pasting(monkeypatch, qtbot, text: str, opened: list[str]) -> None:
    """The import dialog, when the window opens it, gets ``text`` pasted and imported as the
    clerk would (its title, naming the year, is recorded in ``opened``)."""

    def paste_and_import(self) -> int:
        opened.append(self.dialog.windowTitle())
        self.paste_edit.setPlainText(text)
        qtbot.mouseClick(self.read_text_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(self.import_button, Qt.MouseButton.LeftButton)
        return 1

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", paste_and_import)


def test_scores_page_without_scores_offers_the_import_and_shows_the_summary_after(
    qtbot, make_window, services, monkeypatch
) -> None:
    window = make_window(services)
    window.select_cycle(2568)
    page = window.scores_page
    click_page(qtbot, window, page)
    summary = page.widget.findChild(QWidget, "summary_group")
    assert page.empty_state.isVisible() and not summary.isVisible()
    assert page.empty_state.hint_label.text().startswith("ยังไม่ได้กรอกคะแนนของปี 2568")
    assert page.table.isVisible()  # the table to type in stays in view

    opened: list[str] = []
    import_by_pasting(monkeypatch, qtbot, SCORES_2568, opened)
    click(qtbot, page.empty_state.action_button)
    assert opened == ["นำเข้าคะแนน ITA ปีงบประมาณ 2568"]
    assert services.scores.indicator_scores(2568)[1] == page.model.summary.indicator_scores[1]
    assert len(services.scores.indicator_scores(2568)) == 10
    assert not page.empty_state.isVisible() and summary.isVisible()
    assert page.total_label.text() != "คะแนนรวม –"

    window.undo_action.trigger()  # the import undone: nothing again, and it says so again
    assert services.scores.indicator_scores(2568) == {}
    assert page.empty_state.isVisible() and not summary.isVisible()


def test_items_page_of_a_published_list_offers_the_import(
    qtbot, make_window, services, monkeypatch
) -> None:
    window = make_window(services)
    window.select_cycle(2566)
    page = window.items_page
    click_page(qtbot, window, page)
    assert page.empty_state.isVisible()
    assert page.empty_state.hint_label.text().startswith("ยังไม่มีคะแนนรายข้อของปี 2566")
    assert page.tree.isVisible()  # the list to type the scores in stays
    opened: list[str] = []
    import_by_pasting(monkeypatch, qtbot, "O1 100\nO2 90.5", opened)
    click(qtbot, page.empty_state.action_button)
    assert opened == ["นำเข้าคะแนน ITA ปีงบประมาณ 2566"]
    assert services.scores.item_scores(2566)["O2"] == page._scores["O2"]
    assert not page.empty_state.isVisible()


def test_items_page_of_an_unpublished_list_leads_to_the_code_row(
    qtbot, make_window, services, type_text
) -> None:
    window = make_window(services)
    window.select_cycle(2568)
    page = window.items_page
    click_page(qtbot, window, page)
    window.activateWindow()
    qtbot.waitActive(window)
    assert page.empty_state.isVisible() and not page.empty_label.isVisible()
    assert "IIT, EIT, OIT" in page.empty_state.hint_label.text()
    click(qtbot, page.empty_state.action_button)
    qtbot.waitUntil(page.code_edit.hasFocus)
    type_text(QApplication.focusWidget(), "i1")
    qtbot.keyClick(page.code_edit, Qt.Key.Key_Return)  # on to the score
    qtbot.waitUntil(page.score_edit.hasFocus)
    type_text(page.score_edit, "88")
    qtbot.keyClick(page.score_edit, Qt.Key.Key_Return)
    assert "i1" in services.scores.item_scores(2568)
    assert not page.empty_state.isVisible()
    assert page.empty_label.isVisible()  # the note on the unpublished lists stays


def test_memo_page_leads_to_the_measures_then_to_the_analysis(
    qtbot, make_window, scored_services, no_modal_dialogs
) -> None:
    window = make_window(scored_services)
    window.select_cycle(2568)
    memo = window.memo_page
    body = memo.widget.findChild(QWidget, "memo_body")
    click_page(qtbot, window, memo)
    assert memo.empty_state.isVisible() and not body.isVisible()
    assert memo.empty_state.hint_label.text().startswith("ยังไม่มีมาตรการของปี 2569")
    click(qtbot, memo.empty_state.action_button)
    measures = window.measures_page
    assert window.page_stack.currentWidget() is measures.widget
    click(qtbot, button(measures, "add_blank_button"))

    click_page(qtbot, window, memo)
    assert memo.empty_state.hint_label.text().startswith("ยังไม่มีการวิเคราะห์ผลปี 2568")
    click(qtbot, memo.empty_state.action_button)
    analysis = window.analysis_page
    assert window.page_stack.currentWidget() is analysis.widget
    click(qtbot, analysis.draft_button)

    click_page(qtbot, window, memo)
    assert not memo.empty_state.isVisible() and body.isVisible()
    assert button(memo, "preview_memo_button").isVisible()


def test_office_page_lists_say_what_goes_in_them_and_add_the_first_row(
    qtbot, make_window, services, type_text, type_in_cell
) -> None:
    window = make_window(services)
    page = window.office_page
    click_page(qtbot, window, page)
    name = page.edits["name"]
    name.setFocus()
    type_text(name, "องค์การบริหารส่วนตำบลทดลอง")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert page.people_empty.isVisible() and not page.people_table.isVisible()
    assert page.people_empty.hint_label.text().startswith("ยังไม่มีผู้ลงนาม")
    assert not button(page, "remove_person_button").isVisible()  # nothing to remove yet
    assert page.units_empty.isVisible() and not page.units_list.isVisible()

    click(qtbot, page.people_empty.action_button)
    assert page.people_table.isVisible() and page.people_table.rowCount() == 1
    type_in_cell(page.people_table, 0, 1, "สมหญิง ตั้งใจงาน")
    type_in_cell(page.people_table, 0, 2, "นักทรัพยากรบุคคลชำนาญการ")
    assert page.error_label.text() == ""
    assert [p.full_name for p in services.office.profile().people] == ["สมหญิง ตั้งใจงาน"]
    assert not page.people_empty.isVisible()

    page.people_table.setCurrentCell(0, 1)
    click(qtbot, button(page, "remove_person_button"))
    assert services.office.profile().people == ()
    assert page.people_empty.isVisible()

    click(qtbot, page.units_empty.action_button)
    assert page.units_list.isVisible() and page.units_list.count() == 1
    assert not page.units_empty.isVisible()


def test_pages_with_data_show_no_empty_state(qtbot, make_window, demo_services) -> None:
    window = make_window(demo_services)
    for page in (window.scores_page, window.memo_page):
        click_page(qtbot, window, page)
        assert not page.empty_state.isVisible(), page.title
    window.select_cycle(2566)  # the demo's item scores are of the published 2566 lists
    click_page(qtbot, window, window.items_page)
    assert not window.items_page.empty_state.isVisible()
    click_page(qtbot, window, window.office_page)
    assert not window.office_page.people_empty.isVisible()
    assert not window.office_page.units_empty.isVisible()


def test_empty_pages_fit_the_smallest_screen_with_nothing_cut_off(
    qtbot, make_window, services
) -> None:
    from test_layout_fits import SCREENS, fits, settle, show_at

    size = SCREENS["1024x600"]
    window = make_window(services)
    show_at(qtbot, window, size)
    problems = {}
    empty_seen = []
    for row, page in enumerate(window.pages):
        window.nav_list.setCurrentRow(row)
        settle(qtbot)
        empty_seen += [page.title for state in page._empty_states if state.isVisible()]
        found = fits(window, size)
        if page.widget.horizontalScrollBar().isVisible():
            found.append("the page scrolls sideways")
        if found:
            problems[page.title] = found
    assert set(empty_seen) == {
        "ข้อมูลหน่วยงาน",
        "คะแนน ITA",
        "คะแนนรายข้อ",
        "การวิเคราะห์ผล",
        "มาตรการ",
        "บันทึกข้อความและพิมพ์",
    }
    assert not problems, problems
