"""The start page's road through the real window: on the demo every step shows its state, each
step's button opens the page where it is done, and the steps of the year's end (the 12-month
round saved and its report saved) and publishing turn done as the clerk does them; the OIT
window typed on the page moves the deadlines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from ui_helpers import button, click_page

from itadesk.domain.road import StepKey, StepState
from itadesk.services.demo import DEMO_TODAY
from itadesk.ui import export_dialog

DONE, DUE, WAITING = StepState.DONE, StepState.DUE, StepState.WAITING
AFTER_THE_YEAR = date(2026, 10, 12)  # FY 2569 has ended: the 12-month round can be saved


def show_start(qtbot, window, today: date) -> dict[StepKey, StepState]:
    page = window.start_page
    page._today = today
    window.tracking_page._today = today
    if window.page_stack.currentWidget() is page.widget:
        click_page(qtbot, window, window.office_page)
    click_page(qtbot, window, page)
    return {key: row.mark.state for key, row in page.step_rows.items()}


def test_the_demo_road_shows_every_step_with_its_state(qtbot, make_window, demo_services):
    window = make_window(demo_services)
    states = show_start(qtbot, window, DEMO_TODAY)
    assert states == {
        StepKey.SCORES: DONE,
        StepKey.RATING: DONE,
        StepKey.ANALYSIS: DONE,
        StepKey.MEASURES: DONE,
        StepKey.MEMO: DUE,  # the demo never printed its memo
        StepKey.PUBLISH: DUE,
        StepKey.ROUND_6: DONE,
        StepKey.REPORT_6: DUE,
        StepKey.ROUND_12: WAITING,  # April: the year is not over
        StepKey.REPORT_12: WAITING,
    }
    page = window.start_page
    rows = page.step_rows
    # The next thing to do stands out, and its button is the default one.
    assert page.road.current.key == StepKey.MEMO
    assert rows[StepKey.MEMO].property("current") == "true"
    assert rows[StepKey.SCORES].property("current") == "false"
    assert rows[StepKey.MEMO].button.isDefault()
    # Done with its date and what it holds; due with the deadline (the OIT window's start).
    assert "94.38" in rows[StepKey.RATING].detail_label.text()
    assert "ผ่านดี" in rows[StepKey.RATING].detail_label.text()
    assert "เลยกำหนด 1 มี.ค. 2569" in rows[StepKey.MEMO].detail_label.text()
    assert "30 ก.ย. 2569" in rows[StepKey.ROUND_12].detail_label.text()
    assert "พิมพ์ได้เมื่อบันทึกผลรอบ 12 เดือนแล้ว" in rows[StepKey.REPORT_12].detail_label.text()
    # At a glance: this year beside last year, every year in the chart, a bar per measure.
    assert "ปี 2568 ได้ 94.38 คะแนน ระดับ ผ่านดี" in page.result_label.text()
    assert "ปีก่อน (2567) ได้ 89.73" in page.result_label.text()
    assert [r.fiscal_year for r in page.chart.results] == [2566, 2567, 2568]
    assert len(page.measure_bars.rows) == 7
    assert page.reminders_list.count() > 0


def test_each_steps_button_opens_its_page(qtbot, make_window, demo_services, monkeypatch):
    window = make_window(demo_services)
    show_start(qtbot, window, DEMO_TODAY)
    opened: list[int] = []
    monkeypatch.setattr(
        export_dialog.ExportDialog, "exec", lambda self: opened.append(self.fiscal_year) or 0
    )
    expected = {
        StepKey.SCORES: window.scores_page,
        StepKey.RATING: window.scores_page,
        StepKey.ANALYSIS: window.analysis_page,
        StepKey.MEASURES: window.measures_page,
        StepKey.MEMO: window.memo_page,
        StepKey.ROUND_6: window.tracking_page,
        StepKey.REPORT_6: window.tracking_page,
        StepKey.ROUND_12: window.tracking_page,
        StepKey.REPORT_12: window.tracking_page,
    }
    for key, row in window.start_page.step_rows.items():
        click_page(qtbot, window, window.start_page)
        qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
        if key == StepKey.PUBLISH:  # done in the website bundle's dialog, for the cycle
            assert opened == [2568]
            assert window.page_stack.currentWidget() is window.start_page.widget
            continue
        assert window.page_stack.currentWidget() is expected[key].widget, key
        if row.step.round_months is not None:  # the tracking page shows that round
            assert window.tracking_page.round_combo.currentData() == row.step.round_months


@pytest.mark.slow
def test_the_years_end_and_publishing_turn_done(
    qtbot, make_window, demo_services, monkeypatch, tmp_path: Path, no_modal_dialogs
):
    window = make_window(demo_services)
    assert show_start(qtbot, window, AFTER_THE_YEAR)[StepKey.ROUND_12] == DUE
    assert "ยังไม่ได้บันทึกรายงาน" in window.start_page.step_rows[StepKey.ROUND_12].detail_label.text()

    # The 12-month round, saved from its step's button and the tracking page's own button.
    qtbot.mouseClick(
        window.start_page.step_rows[StepKey.ROUND_12].button, Qt.MouseButton.LeftButton
    )
    tracking = window.tracking_page
    assert tracking.round_combo.currentData() == 12
    qtbot.mouseClick(button(tracking, "snapshot_button"), Qt.MouseButton.LeftButton)
    assert demo_services.tracking.saved_rounds(2569) == frozenset({6, 12})
    states = show_start(qtbot, window, AFTER_THE_YEAR)
    assert (states[StepKey.ROUND_12], states[StepKey.REPORT_12]) == (DONE, DUE)

    # Its report, saved as PDF from the preview.
    qtbot.mouseClick(
        window.start_page.step_rows[StepKey.REPORT_12].button, Qt.MouseButton.LeftButton
    )
    qtbot.mouseClick(button(tracking, "preview_results_button"), Qt.MouseButton.LeftButton)
    preview = tracking.previews[-1]
    qtbot.waitUntil(lambda: preview.ready or bool(preview.error_message), timeout=60_000)
    target = tmp_path / "รายงานผลรอบ 12 เดือน.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    preview.save_action.trigger()
    assert target.is_file()
    preview.close()
    states = show_start(qtbot, window, AFTER_THE_YEAR)
    assert states[StepKey.REPORT_12] == DONE
    row = window.start_page.step_rows[StepKey.REPORT_12]
    assert "บันทึกเป็น PDF" in row.detail_label.text() and "เปิดที่เก็บไฟล์" in row.detail_label.text()
    assert str(target) in row.detail_label.toolTip().replace("\n", "")

    # The OIT window typed on the page moves the deadline of what is still due.
    page = window.start_page
    page.oit_start_edit.setText("15 ต.ค. 2569")
    page.oit_end_edit.setText("30 พ.ย. 2569")
    qtbot.mouseClick(button(page, "oit_save_button"), Qt.MouseButton.LeftButton)
    assert demo_services.tracking.oit_window(2569) == (date(2026, 10, 15), date(2026, 11, 30))
    assert "กำหนด 15 ต.ค. 2569 (อีก 3 วัน)" in page.step_rows[StepKey.PUBLISH].detail_label.text()

    # Publishing: the website bundle, written through its dialog, turns the step done.
    from itadesk.ui import dialogs

    web = tmp_path / "web"
    web.mkdir()
    monkeypatch.setattr(dialogs, "choose_folder", lambda parent, title, start=None: web)

    def export(self) -> int:
        for name in ("browse_button", "export_button"):
            qtbot.mouseClick(self.dialog.findChild(QPushButton, name), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: self.last_target is not None or bool(no_modal_dialogs["error"]),
            timeout=120_000,
        )
        return 0

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", export)
    qtbot.mouseClick(page.step_rows[StepKey.PUBLISH].button, Qt.MouseButton.LeftButton)
    assert no_modal_dialogs["error"] == []
    states = show_start(qtbot, window, AFTER_THE_YEAR)
    assert states[StepKey.PUBLISH] == DONE
    assert "สร้างชุดไฟล์เป็นโฟลเดอร์" in page.step_rows[StepKey.PUBLISH].detail_label.text()


def test_tracking_without_measures_says_so_and_leads_to_the_measures_page(
    qtbot, make_window, scored_services
):
    window = make_window(scored_services)
    window.select_cycle(2568)
    page = window.tracking_page
    click_page(qtbot, window, page)
    assert page.detail_stack.currentWidget() is page.empty_detail
    assert page.empty_detail.hint_label.text().startswith("ยังไม่มีมาตรการของปี 2569")
    assert page.empty_detail.action_button.isVisible()
    assert page.item_detail.isEnabled()  # no greyed-out pane anywhere
    qtbot.mouseClick(page.empty_detail.action_button, Qt.MouseButton.LeftButton)
    assert window.page_stack.currentWidget() is window.measures_page.widget


def test_empty_analysis_and_measures_pages_say_what_goes_there(qtbot, make_window, services):
    window = make_window(services)
    window.select_cycle(2568)
    analysis = window.analysis_page
    click_page(qtbot, window, analysis)
    assert analysis.empty_state.isVisible()
    assert analysis.empty_state.hint_label.text().startswith("ยังไม่มีคะแนนของปี 2568")
    qtbot.mouseClick(analysis.empty_state.action_button, Qt.MouseButton.LeftButton)
    assert window.page_stack.currentWidget() is window.scores_page.widget

    measures = window.measures_page
    click_page(qtbot, window, measures)
    assert measures.empty_state.isVisible()
    assert measures.empty_state.hint_label.text().startswith("ยังไม่มีมาตรการของปี 2569")
    assert measures.empty_state.action_button.text() == "เพิ่มจากรายการมาตรการ…"
    qtbot.mouseClick(button(measures, "add_blank_button"), Qt.MouseButton.LeftButton)
    assert not measures.empty_state.isVisible()  # the new measure's form takes its place
