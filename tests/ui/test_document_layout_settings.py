"""The settings page's layout choices, driven through its widgets: Thai distributed or
word-gap justification, the compact or full measures table, each report's คำนำ and สารบัญ,
and the preface text edited for one report and year; each change undoes."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from itadesk.domain.documents import DocumentKind, Justification, MeasuresLayout


def _click(qtbot, check) -> None:
    """Click a check box on its box (a click far right of its text does not count); two
    clicks at once would be a double click."""
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))


def _show_settings(window):
    page = window.settings_page
    window.nav_list.setCurrentRow(window.pages.index(page))
    return page


def test_justification_and_measures_layout_are_chosen_and_undone(
    qtbot, make_window, demo_services, choose_by_typing
) -> None:
    window = make_window(demo_services)
    page = _show_settings(window)
    settings = demo_services.settings
    assert settings.document_settings().justification == Justification.THAI_DISTRIBUTED
    choose_by_typing(page.justification_combo, Justification.WORD_GAPS.label_th)
    assert settings.document_settings().justification == Justification.WORD_GAPS
    assert demo_services.documents.render_context().justification == Justification.WORD_GAPS

    assert settings.document_settings().measures_layout == MeasuresLayout.FULL
    choose_by_typing(page.measures_layout_combo, MeasuresLayout.COMPACT.label_th)
    assert settings.document_settings().measures_layout == MeasuresLayout.COMPACT

    window.undo_action.trigger()
    assert settings.document_settings().measures_layout == MeasuresLayout.FULL
    window.undo_action.trigger()
    assert settings.document_settings().justification == Justification.THAI_DISTRIBUTED
    assert page.justification_combo.currentData() == Justification.THAI_DISTRIBUTED


def test_preface_and_contents_are_set_per_report(qtbot, make_window, demo_services) -> None:
    window = make_window(demo_services)
    page = _show_settings(window)
    settings = demo_services.settings
    # the results booklet opens with both, as the offices' own; the analysis report with none
    assert settings.document_settings().results_front.preface
    assert settings.document_settings().results_front.contents
    assert not settings.document_settings().analysis_front.preface
    check = page.front_checks[(DocumentKind.REPORT, "contents")]
    _click(qtbot, check)
    assert settings.document_settings().analysis_front.contents
    assert demo_services.documents.build_report(2568).contents
    _click(qtbot, page.front_checks[(DocumentKind.RESULTS, "preface")])
    assert not settings.document_settings().results_front.preface
    assert demo_services.documents.build_results_report(2569, 12).preface is None
    window.undo_action.trigger()
    assert settings.document_settings().results_front.preface
    preface = demo_services.documents.build_results_report(2569, 12).preface
    assert preface is not None and "สำนักปลัด" in preface.signed_by


def test_preface_text_is_edited_saved_and_put_back(
    qtbot, make_window, demo_services, type_text
) -> None:
    window = make_window(demo_services)
    page = _show_settings(window)
    page.preface_report_combo.setCurrentIndex(1)  # the results report
    page.preface_year_spin.setValue(2569)
    draft = demo_services.documents.preface_draft(DocumentKind.RESULTS, 2569)
    assert page.preface_edit.toPlainText() == "\n\n".join(draft)
    assert page.preface_state_label.text() == "ร่างจากคลังข้อความ"

    page.preface_edit.clear()
    page.preface_edit.setFocus()
    type_text(page.preface_edit, "คำนำที่เจ้าหน้าที่เขียนเอง")
    save = page.widget.findChild(QPushButton, "preface_save_button")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert demo_services.settings.preface_text(DocumentKind.RESULTS, 2569) == (
        "คำนำที่เจ้าหน้าที่เขียนเอง",
    )
    assert page.preface_state_label.text() == "ข้อความที่แก้ไขแล้ว"
    report = demo_services.documents.build_results_report(2569, 12)
    assert report.preface is not None
    assert report.preface.paragraphs == ("คำนำที่เจ้าหน้าที่เขียนเอง",)
    # another year keeps its draft
    assert demo_services.settings.preface_text(DocumentKind.RESULTS, 2570) == ()

    back = page.widget.findChild(QPushButton, "preface_draft_button")
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert demo_services.settings.preface_text(DocumentKind.RESULTS, 2569) == ()
    assert page.preface_edit.toPlainText() == "\n\n".join(draft)
    window.undo_action.trigger()
    assert demo_services.settings.preface_text(DocumentKind.RESULTS, 2569) == (
        "คำนำที่เจ้าหน้าที่เขียนเอง",
    )
