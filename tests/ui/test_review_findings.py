"""Regressions found in review: refused writes, stale pages after undo, the "cannot be done"
state, undo while typing, memo pages that must not invent changes, and a measure form that
must not throw away typing it cannot save yet."""

from __future__ import annotations

import errno
import shutil
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from itadesk.domain.analysis import FINDING, SectionKey
from itadesk.domain.tracking import TrackingState


def add_measures(services, year: int, count: int) -> None:
    for entry in services.measures.catalogue()[:count]:
        services.measures.add_from_catalogue(year, entry.key)


def first_step_row(page):
    shown = page.tree.model()
    return shown.index(0, 0, shown.index(0, 0))


def show(window, page, year: int) -> None:
    window.select_cycle(year)
    window.nav_list.setCurrentRow(window.pages.index(page))
    QApplication.processEvents()


def test_a_refused_write_is_told_and_leaves_no_undo_step(
    qtbot, make_window, scored_services, tmp_path: Path, monkeypatch, no_modal_dialogs
) -> None:
    add_measures(scored_services, 2569, 1)
    window = make_window(scored_services)
    page = window.tracking_page
    page._today = date(2026, 1, 15)
    show(window, page, 2568)  # the measures of 2569
    page.tree.setCurrentIndex(first_step_row(page))
    source = tmp_path / "หลักฐาน.pdf"
    source.write_bytes(b"%PDF")

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    page.add_files([source])
    assert window.undo_stack.count() == 0
    assert no_modal_dialogs["error"] and "ดิสก์เต็ม" in no_modal_dialogs["error"][-1]
    assert "No space" not in no_modal_dialogs["error"][-1]


def test_undo_on_another_page_refreshes_the_tracking_tree(
    qtbot, make_window, scored_services
) -> None:
    window = make_window(scored_services)
    show(window, window.measures_page, 2568)
    window.measures_page.add_keys([scored_services.measures.catalogue()[0].key])
    show(window, window.tracking_page, 2568)
    assert window.tracking_page.tree.model().rowCount() == 1
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.tracking_page.tree.model().rowCount() == 0, timeout=2000)


def test_cannot_be_done_waits_for_the_reason(qtbot, make_window, scored_services) -> None:
    add_measures(scored_services, 2569, 1)
    window = make_window(scored_services)
    page = window.tracking_page
    page._today = date(2026, 1, 15)
    show(window, page, 2568)  # the measures of 2569
    page.tree.setCurrentIndex(first_step_row(page))
    page.state_combo.setCurrentIndex(page.state_combo.findData(TrackingState.CANNOT))
    page.state_combo.activated.emit(page.state_combo.currentIndex())
    assert page.reason_edit.isEnabled()
    page.reason_edit.setText("ไม่ได้รับงบประมาณ")
    page.reason_edit.editingFinished.emit()
    measure = scored_services.tracking.measures(2569)[0]
    item = scored_services.tracking.items(2569)[measure.id][0]
    assert item.state == TrackingState.CANNOT and item.reason == "ไม่ได้รับงบประมาณ"


def test_undo_while_typing_saves_the_typing_first(qtbot, make_window, scored_services) -> None:
    from itadesk.domain.analysis import WEAKNESSES

    window = make_window(scored_services)
    show(window, window.analysis_page, 2568)
    first = window.analysis_page.editors[SectionKey(1, WEAKNESSES)]
    first.editor.setPlainText("บันทึกแล้ว")
    first.commit()  # one step in the history, so undo is available
    editor = window.analysis_page.editors[SectionKey(1, FINDING)]
    editor.editor.setPlainText("พิมพ์ค้างไว้")
    window.undo_action.trigger()  # saves the typing as a step, then undoes that step
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == ""
    window.redo_action.trigger()
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == "พิมพ์ค้างไว้"
    assert scored_services.analysis.analysis(2568).text(1, WEAKNESSES) == "บันทึกแล้ว"


def test_switching_pages_does_not_invent_memo_changes(qtbot, make_window, scored_services) -> None:
    window = make_window(scored_services)
    show(window, window.memo_page, 2568)
    show(window, window.scores_page, 2568)
    show(window, window.memo_page, 2568)
    show(window, window.office_page, 2568)
    assert window.undo_stack.count() == 0


def test_measure_form_keeps_typing_it_cannot_save_yet(qtbot, make_window, scored_services) -> None:
    add_measures(scored_services, 2569, 2)
    window = make_window(scored_services)
    page = window.measures_page
    show(window, page, 2568)
    page.measures_list.setCurrentRow(0)
    first = page.shown_measure()
    page.timeline_combo.setCurrentIndex(page.timeline_combo.findData("months"))
    page.rationale_edit.setPlainText("เหตุผลที่พิมพ์ใหม่")
    page.measures_list.setCurrentRow(1)  # the month range is still empty: cannot save yet
    assert page.shown_measure().id == first.id
    assert page.rationale_edit.toPlainText() == "เหตุผลที่พิมพ์ใหม่"
    assert "ระยะเวลา" in page.error_label.text()
