"""The measures page driven as a clerk: add from the catalogue, edit, reorder steps and
measures, delete and undo, carry forward, coverage."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def open_measures(make_window, services, year: int = 2568):
    window = make_window(services)
    window.select_cycle(year)
    window.nav_list.setCurrentRow(window.pages.index(window.measures_page))
    return window, window.measures_page


def first_keys(services, count: int) -> list[str]:
    return [entry.key for entry in services.measures.catalogue()[:count]]


def test_add_from_catalogue_and_undo(qtbot, make_window, scored_services) -> None:
    window, page = open_measures(make_window, scored_services)
    page.add_keys(first_keys(scored_services, 2))
    measures = scored_services.measures.measures(2569)
    assert len(measures) == 2
    assert page.measures_list.count() == 2
    assert page.title_edit.text() == measures[-1].title
    window.undo_action.trigger()
    assert scored_services.measures.measures(2569) == []
    window.redo_action.trigger()
    assert [m.id for m in scored_services.measures.measures(2569)] == [m.id for m in measures]


def test_edit_title_and_steps_with_undo(qtbot, make_window, scored_services) -> None:
    window, page = open_measures(make_window, scored_services)
    page.add_keys(first_keys(scored_services, 1))
    page.title_edit.setText("มาตรการที่ตั้งชื่อเอง")
    page.title_edit.editingFinished.emit()
    assert scored_services.measures.measures(2569)[0].title == "มาตรการที่ตั้งชื่อเอง"
    steps_before = scored_services.measures.measures(2569)[0].steps
    page.steps_list.setCurrentRow(0)
    page.move_step(1)
    steps_after = scored_services.measures.measures(2569)[0].steps
    assert steps_after[0] == steps_before[1] and steps_after[1] == steps_before[0]
    window.undo_action.trigger()
    assert scored_services.measures.measures(2569)[0].steps == steps_before
    window.undo_action.trigger()
    assert scored_services.measures.measures(2569)[0].title != "มาตรการที่ตั้งชื่อเอง"


def test_empty_title_is_refused_and_saved_title_stays(qtbot, make_window, scored_services) -> None:
    _window, page = open_measures(make_window, scored_services)
    page.add_keys(first_keys(scored_services, 1))
    title = scored_services.measures.measures(2569)[0].title
    page.title_edit.setText("   ")
    page.title_edit.editingFinished.emit()
    assert "ยังไม่ได้บันทึก" in page.error_label.text()
    assert scored_services.measures.measures(2569)[0].title == title


def test_bad_month_range_is_refused(qtbot, make_window, scored_services) -> None:
    _window, page = open_measures(make_window, scored_services)
    page.add_keys(first_keys(scored_services, 1))
    page.timeline_combo.setCurrentIndex(page.timeline_combo.findData("months"))
    page.start_edit.setText("ตุลา")
    page.end_edit.setText("มี.ค. 69")
    page.end_edit.editingFinished.emit()
    assert "ระยะเวลา" in page.error_label.text()
    page.start_edit.setText("ต.ค. 68")
    page.end_edit.editingFinished.emit()
    timeline = scored_services.measures.measures(2569)[0].timeline
    assert timeline.kind == "months" and timeline.start_month == (2568, 10)


def test_delete_and_undo_keeps_id_and_place(qtbot, make_window, scored_services) -> None:
    window, page = open_measures(make_window, scored_services)
    page.add_keys(first_keys(scored_services, 3))
    before = scored_services.measures.measures(2569)
    page.measures_list.setCurrentRow(1)
    page.remove_current()
    assert [m.id for m in scored_services.measures.measures(2569)] == [before[0].id, before[2].id]
    window.undo_action.trigger()
    assert [m.id for m in scored_services.measures.measures(2569)] == [m.id for m in before]


def test_reorder_measures_by_dragging(qtbot, make_window, scored_services) -> None:
    window, page = open_measures(make_window, scored_services)
    page.add_keys(first_keys(scored_services, 3))
    before = [m.id for m in scored_services.measures.measures(2569)]
    model = page.measures_list.model()
    # What a drag of the first row below the third does to the list's model.
    assert model.moveRow(page.measures_list.rootIndex(), 0, page.measures_list.rootIndex(), 3)
    qtbot.waitUntil(lambda: window.undo_stack.count() >= 2, timeout=2000)
    QApplication.processEvents()
    after = [m.id for m in scored_services.measures.measures(2569)]
    assert after == [before[1], before[2], before[0]]
    window.undo_action.trigger()
    assert [m.id for m in scored_services.measures.measures(2569)] == before


def test_coverage_names_indicators_without_measures(qtbot, make_window, scored_services) -> None:
    scored_services.scores.set_indicator_score(2568, 8, "70")
    _window, page = open_measures(make_window, scored_services)
    assert "8" in page.coverage_label.text()
    serving = [e.key for e in scored_services.measures.catalogue() if 8 in e.indicators][:1]
    page.add_keys(serving)
    assert "การปรับปรุงระบบการทำงาน" not in page.coverage_label.text()


def test_carry_forward_from_last_year(qtbot, make_window, scored_services) -> None:
    for key in first_keys(scored_services, 2):
        scored_services.measures.add_from_catalogue(2568, key)
    window, page = open_measures(make_window, scored_services)
    page.carry_forward()
    assert len(scored_services.measures.measures(2569)) == 2
    window.undo_action.trigger()
    assert scored_services.measures.measures(2569) == []


def test_deleting_a_measure_with_ticked_items_asks_and_undo_restores_ticks(
    qtbot, make_window, scored_services, monkeypatch
) -> None:
    from datetime import date

    from itadesk.ui import dialogs

    window, page = open_measures(make_window, scored_services, 2567)  # measures of 2568
    page.add_keys(first_keys(scored_services, 1))
    measure = scored_services.measures.measures(2568)[0]
    item = scored_services.tracking.items(2568)[measure.id][0]
    ticked = scored_services.tracking.ticked(item, True, 2568, date(2025, 1, 10))
    scored_services.tracking.set_progress(ticked, 2568, date(2025, 1, 10))
    questions = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: questions.append(args) or False)
    page.remove_current()
    assert questions and scored_services.measures.measures(2568)  # refused: nothing deleted
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: True)
    page.remove_current()
    assert scored_services.measures.measures(2568) == []
    window.undo_action.trigger()
    restored = scored_services.tracking.items(2568)[measure.id][0]
    assert restored.state == "done" and restored.done_date == date(2025, 1, 10)
