"""The analysis page driven as a clerk: draft, edit, redraft, reset, undo."""

from __future__ import annotations

from itadesk.domain.analysis import FINDING, WEAKNESSES, SectionKey


def open_analysis(make_window, services, year: int = 2568):
    window = make_window(services)
    window.select_cycle(year)
    window.nav_list.setCurrentRow(window.pages.index(window.analysis_page))
    return window, window.analysis_page


def test_draft_edit_undo(qtbot, make_window, scored_services) -> None:
    window, page = open_analysis(make_window, scored_services)
    page.draft_button.click()
    drafted = scored_services.analysis.analysis(2568).text(1, FINDING)
    assert drafted
    editor = page.editors[SectionKey(1, FINDING)]
    assert editor.editor.toPlainText() == drafted
    editor.editor.setPlainText("ข้อความที่แก้เอง")
    editor.commit()
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == "ข้อความที่แก้เอง"
    assert editor.state_label.text() == "(แก้เองแล้ว)"
    window.undo_action.trigger()
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == drafted
    window.undo_action.trigger()
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == ""


def test_redraft_asks_before_replacing_edited_text(
    qtbot, make_window, scored_services, no_modal_dialogs, monkeypatch
) -> None:
    from itadesk.ui import dialogs

    window, page = open_analysis(make_window, scored_services)
    page.draft_button.click()
    editor = page.editors[SectionKey(1, WEAKNESSES)]
    editor.editor.setPlainText("จุดอ่อนที่เจ้าหน้าที่เขียนเอง")
    editor.commit()
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: False)
    page.draft_button.click()
    assert scored_services.analysis.analysis(2568).text(1, WEAKNESSES) == "จุดอ่อนที่เจ้าหน้าที่เขียนเอง"
    editor = page.editors[SectionKey(1, WEAKNESSES)]
    editor.reset_button.click()
    assert scored_services.analysis.analysis(2568).text(1, WEAKNESSES) != "จุดอ่อนที่เจ้าหน้าที่เขียนเอง"
    window.undo_action.trigger()
    assert scored_services.analysis.analysis(2568).text(1, WEAKNESSES) == "จุดอ่อนที่เจ้าหน้าที่เขียนเอง"


def test_pasted_html_is_offered_for_stripping(
    qtbot, make_window, scored_services, no_modal_dialogs
) -> None:
    _window, page = open_analysis(make_window, scored_services)
    editor = page.editors[SectionKey(1, FINDING)]
    editor.editor.setPlainText("<p>ผลการประเมินดีขึ้น</p>")
    editor.commit()
    assert no_modal_dialogs["question"]
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == "ผลการประเมินดีขึ้น"


def test_summary_row_shows_one_editor(qtbot, make_window, scored_services) -> None:
    _window, page = open_analysis(make_window, scored_services)
    page.indicator_list.setCurrentRow(page.indicator_list.count() - 1)
    assert list(page.editors) == [SectionKey(None, "summary")]


def test_text_typed_just_before_closing_is_saved(qtbot, make_window, scored_services) -> None:
    window, page = open_analysis(make_window, scored_services)
    editor = page.editors[SectionKey(1, WEAKNESSES)]
    editor.editor.setPlainText("พิมพ์แล้วปิดหน้าต่างทันที")  # the commit timer has not fired
    window.close()
    assert scored_services.analysis.analysis(2568).text(1, WEAKNESSES) == "พิมพ์แล้วปิดหน้าต่างทันที"


def test_text_typed_just_before_changing_year_stays_with_its_year(
    qtbot, make_window, scored_services
) -> None:
    window, page = open_analysis(make_window, scored_services)
    editor = page.editors[SectionKey(1, FINDING)]
    editor.editor.setPlainText("ข้อความของปี 2568")
    window.select_cycle(2567)
    assert scored_services.analysis.analysis(2568).text(1, FINDING) == "ข้อความของปี 2568"
    assert scored_services.analysis.analysis(2567).text(1, FINDING) == ""
