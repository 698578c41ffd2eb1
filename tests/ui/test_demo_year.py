"""The demo opened in the window: every page, reached by clicking the page list, shows the
demo's year (the office, its scores, the analysis, the 7 measures, memo no. 412, the ticked
steps and the saved 6-month round, the document settings)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import click_page

from itadesk.domain.analysis import FINDING, SUMMARY, SectionKey
from itadesk.domain.fiscal import format_thai_date
from itadesk.domain.memo import MemoKind
from itadesk.domain.scoring import fmt
from itadesk.domain.tracking import EVIDENCE_LINK, TrackingState
from itadesk.services.demo import DEMO_OFFICE, DEMO_SCORES, DEMO_TODAY, EVIDENCE_URL
from itadesk.ui.pages.memo_page import COLUMN_HEADING
from itadesk.ui.pages.tracking_page import COLUMN_TEXT, ITEM_ROLE
from itadesk.ui.score_table_model import COLUMN_SCORE


def item_rows(tree) -> list:
    """The tree's index of every item row, measure by measure."""
    shown = tree.model()
    tops = [shown.index(i, COLUMN_TEXT) for i in range(shown.rowCount())]
    return [shown.index(j, COLUMN_TEXT, top) for top in tops for j in range(shown.rowCount(top))]


def checked_rows(tree) -> int:
    return sum(
        Qt.CheckState(row.data(Qt.ItemDataRole.CheckStateRole)) == Qt.CheckState.Checked
        for row in item_rows(tree)
    )


@pytest.mark.slow
def test_every_page_of_the_demo_shows_its_year(
    qtbot, make_window, demo_services, no_modal_dialogs
) -> None:
    services = demo_services
    window = make_window(services)
    window.activateWindow()
    qtbot.waitActive(window)
    # The demo's year is fixed: its "today" is early April of the plan year 2569.
    window.start_page._today = DEMO_TODAY
    window.tracking_page._today = DEMO_TODAY
    assert window.page_stack.currentWidget() is window.start_page.widget  # the office is set up
    assert window.cycle_combo.currentText() == "ผลการประเมินปี 2568 → มาตรการปี 2569"
    measures = services.measures.measures(2569)
    assert len(measures) == 7

    # ข้อมูลหน่วยงาน: the profile, units and people with their roles.
    office = window.office_page
    click_page(qtbot, window, office)
    assert office.edits["name"].text() == DEMO_OFFICE.name
    assert office.edits["doc_prefix"].text() == DEMO_OFFICE.doc_prefix
    units = [office.units_list.item(i).text() for i in range(office.units_list.count())]
    assert units == [unit.name for unit in DEMO_OFFICE.units]
    table = office.people_table
    assert [table.item(row, 1).text() for row in range(table.rowCount())] == [
        person.full_name for person in DEMO_OFFICE.people
    ]
    assert table.cellWidget(0, 4).currentText() == "ผู้จัดทำ"

    # หน้าแรก (shown first on opening; back to it with the demo's clock): the office, the
    # latest result, what is due.
    start = window.start_page
    click_page(qtbot, window, start)
    assert start.title_label.text() == DEMO_OFFICE.name
    assert "มาตรการปี 2569" in start.info_label.full_text
    assert "ปี 2568 ได้ 94.38 คะแนน ระดับ ผ่านดี" in start.result_label.text()
    assert len(start.measure_bars.rows) == 7
    reminders = [start.reminders_list.item(i).text() for i in range(start.reminders_list.count())]
    assert reminders and not any("ยังไม่ได้กำหนดมาตรการ" in text for text in reminders)

    # คะแนน ITA: 2568's ten scores, the total announced, the change from 2567.
    scores = window.scores_page
    click_page(qtbot, window, scores)
    assert [scores.model.data(scores.model.index(row, COLUMN_SCORE)) for row in range(10)] == [
        fmt(Decimal(score)) for score in DEMO_SCORES[2568]
    ]
    assert scores.total_label.text() == "คะแนนรวม 94.38"
    assert scores.rating_label.text() == "ระดับผล ผ่านดี"
    assert scores.previous_label.text().startswith("ปี 2567: 89.73")

    # คะแนนรายข้อ: no published item list for 2568 (the page says how to import one); the
    # cycle assessed in 2566, picked with the keyboard in the toolbar, has the demo's items.
    items = window.items_page
    click_page(qtbot, window, items)
    assert "ยังไม่เผยแพร่รายการข้อ" in items.empty_label.text()
    window.cycle_combo.setFocus()
    qtbot.waitUntil(window.cycle_combo.hasFocus)
    for _ in range(2):
        qtbot.keyClick(window.cycle_combo, Qt.Key.Key_Up)
    assert window.current_cycle.assessed_year == 2566
    assert items.title_label.text() == "คะแนนรายข้อ ปีงบประมาณ 2566"
    assert items.tree.isVisible() and items.tree.topLevelItemCount() > 0
    item_scores = services.scores.item_scores(2566)
    assert item_scores
    first_tool = items.tree.topLevelItem(0)
    assert first_tool.childCount() > 0 and first_tool.child(0).childCount() > 0
    for _ in range(2):
        qtbot.keyClick(window.cycle_combo, Qt.Key.Key_Down)
    assert window.current_cycle.assessed_year == 2568

    # การวิเคราะห์ผล: the ten indicators with their scores, the drafted and edited text.
    analysis = window.analysis_page
    click_page(qtbot, window, analysis)
    entries = [analysis.indicator_list.item(i).text() for i in range(11)]
    assert entries[0] == "1. การปฏิบัติหน้าที่  (96.20)" and entries[-1] == "สรุปผลการวิเคราะห์"
    saved = services.analysis.analysis(2568)
    assert analysis.editors[SectionKey(1, FINDING)].editor.toPlainText() == saved.text(1, FINDING)
    assert "ได้คะแนนตัวชี้วัดที่ ๑" in saved.text(1, FINDING)
    rect = analysis.indicator_list.visualItemRect(analysis.indicator_list.item(10))
    qtbot.mouseClick(
        analysis.indicator_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    summary = analysis.editors[SectionKey(None, SUMMARY)]
    assert "ที่ประชุมคณะทำงานเมื่อวันที่ 10 ธันวาคม 2568" in summary.editor.toPlainText()
    assert summary.state_label.text() == "(แก้เองแล้ว)"

    # มาตรการ: the seven measures of 2569, the first one's details.
    measures_page = window.measures_page
    click_page(qtbot, window, measures_page)
    assert [
        measures_page.measures_list.item(i).text()
        for i in range(measures_page.measures_list.count())
    ] == [f"{number}. {m.title}" for number, m in enumerate(measures, start=1)]
    assert measures_page.title_edit.text() == measures[0].title
    assert measures_page.steps_list.count() == len(measures[0].steps) > 0
    assert measures_page.unit_combo.currentText() == measures[0].unit
    assert measures_page.coverage_label.text() == ""  # every weak indicator has a measure

    # บันทึกข้อความและพิมพ์: memo no. 412 of 15 ธ.ค. 2568, the author signs, three comments.
    memo = window.memo_page
    click_page(qtbot, window, memo)
    settings = services.memos.settings(2568, MemoKind.ANALYSIS)
    assert memo.number_edit.text() == settings.running_number == "412"
    assert memo.date_edit.text() == "๑๕ ธันวาคม ๒๕๖๘"
    assert memo.signer_combo.currentText() == "(ค่าเริ่มต้น: ผู้จัดทำ — สมหญิง ตั้งใจงาน)"
    assert [
        memo.chain_table.item(row, COLUMN_HEADING).text()
        for row in range(memo.chain_table.rowCount())
    ] == [step.heading for step in services.memos.comment_chain()]
    assert memo.chain_table.rowCount() == 3
    assert memo.preflight_label.text() == ""

    # ติดตามมาตรการ: the ticked steps, the progress, the evidence link, the saved round.
    tracking = window.tracking_page
    click_page(qtbot, window, tracking)
    assert tracking.title_label.text() == "ติดตามมาตรการ ปีงบประมาณ 2569"
    assert tracking.tree.model().rowCount() == 7
    all_items = [item for items in services.tracking.items(2569).values() for item in items]
    done = [item for item in all_items if item.state == TrackingState.DONE]
    assert done and checked_rows(tracking.tree) == len(done)
    assert tracking.overall_progress.text().startswith(f"{len(done)} จาก")
    snapshot = services.tracking.latest_snapshot(2569, 6)
    assert snapshot is not None
    taken = format_thai_date(snapshot.taken_at.date(), "abbr_full_year")
    assert tracking.round_state_label.text().replace("\u00a0", " ") == f"บันทึกรายงานรอบนี้แล้ว {taken}"
    with_link = next(item for item in all_items if item.evidence)
    row = next(
        row for row in item_rows(tracking.tree) if row.data(ITEM_ROLE) == ("item", with_link.id)
    )
    tracking.tree.scrollTo(row)
    rect = tracking.tree.visualRect(row)
    qtbot.mouseClick(tracking.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tracking.tree.currentIndex() == row
    assert with_link.evidence[0].kind == EVIDENCE_LINK
    assert tracking.evidence_list.count() == 1
    assert tracking.evidence_list.item(0).toolTip() == EVIDENCE_URL
    assert tracking.done_date_edit.text() == format_thai_date(with_link.done_date, "full")

    # ตั้งค่าเอกสาร: Thai digits, the bundled font.
    settings_page = window.settings_page
    click_page(qtbot, window, settings_page)
    assert settings_page.thai_digits_check.isChecked()
    assert settings_page.regular_label.text() == "Sarabun (มากับโปรแกรม)"

    QApplication.processEvents()
    assert window.undo_stack.count() == 0  # looking changed nothing
    assert no_modal_dialogs["error"] == [] and no_modal_dialogs["crash"] == []
