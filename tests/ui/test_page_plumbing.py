"""What every page shares, seen through the window: the Page base (no duck typing in the main
window), autosave through the binder on the real pages (a pause, leaving a row, a refused value
kept), the one open_preview, and the one application style sheet keyed on roles."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel
from ui_helpers import button, click_page

import itadesk.ui
from itadesk.domain.memo import MemoKind
from itadesk.paths import ui_dir
from itadesk.services.demo import DEMO_TODAY
from itadesk.ui.binder import COMMIT_DELAY_MS
from itadesk.ui.pages.base import Page
from itadesk.ui.styles import ERROR_COLOUR, GOOD_COLOUR, STYLE_SHEET_FILE, WARNING_COLOUR, Role

UI_ROOT = Path(itadesk.ui.__file__).parent


def ui_source(name: str) -> str:
    return (UI_ROOT / name).read_text(encoding="utf-8")


def calls_in(source: str, name: str) -> list[ast.Call]:
    """Calls of ``name(...)`` or ``x.name(...)`` in ``source``."""
    return [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == name)
            or (isinstance(node.func, ast.Attribute) and node.func.attr == name)
        )
    ]


def foreground(label: QLabel) -> QColor:
    label.ensurePolished()
    return label.palette().color(label.foregroundRole())


# ---------------------------------------------------------------------------- the pages


def test_every_page_is_a_page_and_the_window_asks_them_directly(
    qtbot, make_window, services
) -> None:
    window = make_window(services)
    assert all(isinstance(page, Page) for page in window.pages)
    assert [page.follows_cycle for page in window.pages] == [
        True,  # หน้าแรก: the road of the cycle in the toolbar
        False,  # ข้อมูลหน่วยงาน
        True,
        True,
        True,
        True,
        True,
        True,  # ติดตามมาตรการ
        False,  # ตั้งค่าเอกสาร
    ]
    source = ui_source("main_window.py")
    duck = [
        ast.unparse(call)
        for name in ("getattr", "hasattr")
        for call in calls_in(source, name)
        if "page" in ast.unparse(call.args[0])
    ]
    assert duck == []


def test_no_page_keeps_its_own_loading_flag_or_autosave_timer() -> None:
    for path in sorted((UI_ROOT / "pages").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\b_loading\b", source), path.name
        assert "FocusOut" not in source, path.name
        assert "singleShot" not in source, path.name


def test_memo_subject_is_saved_after_a_pause_as_one_step(
    qtbot, make_window, demo_services, type_text
) -> None:
    window = make_window(demo_services)
    window.select_cycle(2568)
    page = window.memo_page
    click_page(qtbot, window, page)
    window.activateWindow()
    qtbot.waitActive(window)
    page.subject_edit.setFocus()
    qtbot.waitUntil(page.subject_edit.hasFocus)
    page.subject_edit.selectAll()
    type_text(page.subject_edit, "เรื่องที่พิมพ์แล้วหยุด")
    assert demo_services.memos.settings(2568, MemoKind.ANALYSIS).subject != "เรื่องที่พิมพ์แล้วหยุด"
    qtbot.waitUntil(
        lambda: demo_services.memos.settings(2568, MemoKind.ANALYSIS).subject == "เรื่องที่พิมพ์แล้วหยุด",
        timeout=COMMIT_DELAY_MS * 4,
    )
    assert window.undo_stack.count() == 1
    assert page.subject_edit.hasFocus()  # the clerk keeps typing where they were


def test_a_memo_date_that_cannot_be_read_keeps_the_form_on_its_memo(
    qtbot, make_window, demo_services, type_text
) -> None:
    window = make_window(demo_services)
    window.select_cycle(2568)
    page = window.memo_page
    click_page(qtbot, window, page)
    window.activateWindow()
    qtbot.waitActive(window)
    before = demo_services.memos.settings(2568, MemoKind.ANALYSIS)
    page.date_edit.setFocus()
    qtbot.waitUntil(page.date_edit.hasFocus)
    page.date_edit.selectAll()
    type_text(page.date_edit, "๓๑ กุมภาพันธ์ ๒๕๖๙")
    qtbot.keyClick(page.date_edit, Qt.Key.Key_Return)
    assert "อ่านไม่ได้" in page.error_label.text()
    page.kind_combo.setFocus()
    qtbot.keyClick(page.kind_combo, Qt.Key.Key_Down)  # the publishing memo
    assert page.kind == MemoKind.ANALYSIS  # stays: leaving would throw the typed date away
    assert page.date_edit.text() == "๓๑ กุมภาพันธ์ ๒๕๖๙"
    assert "อ่านไม่ได้" in page.error_label.text()
    assert demo_services.memos.settings(2568, MemoKind.ANALYSIS) == before
    page.date_edit.setText("๒ มีนาคม ๒๕๖๙")
    qtbot.keyClick(page.kind_combo, Qt.Key.Key_Down)
    assert page.kind == MemoKind.PUBLISH
    saved = demo_services.memos.settings(2568, MemoKind.ANALYSIS)
    assert saved.memo_date is not None and saved.memo_date.month == 3


def test_a_note_typed_on_one_row_is_saved_on_that_row_when_the_clerk_moves_on(
    qtbot, make_window, scored_services, type_text
) -> None:
    from datetime import date

    for entry in scored_services.measures.catalogue()[:1]:
        scored_services.measures.add_from_catalogue(2569, entry.key)
    window = make_window(scored_services)
    page = window.tracking_page
    page._today = date(2026, 1, 15)
    window.select_cycle(2568)
    click_page(qtbot, window, page)
    shown = page.tree.model()
    first = shown.index(0, 0, shown.index(0, 0))
    page.tree.setCurrentIndex(first)
    page.note_edit.setPlainText("รอใบเสร็จ")  # typed, not saved yet (no pause, no focus-out)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)
    assert page.tree.currentIndex() == first.siblingAtRow(1)
    measure = scored_services.tracking.measures(2569)[0]
    items = scored_services.tracking.items(2569)[measure.id]
    assert [items[0].note, items[1].note] == ["รอใบเสร็จ", ""]
    assert page.note_edit.toPlainText() == ""  # the second row's own note


# ---------------------------------------------------------------------------- previews


def test_preview_dialogs_are_opened_in_one_place() -> None:
    opened = {
        path.relative_to(UI_ROOT).as_posix(): len(
            calls_in(path.read_text(encoding="utf-8"), "PreviewDialog")
        )
        for path in UI_ROOT.rglob("*.py")
    }
    assert {where: count for where, count in opened.items() if count} == {"pages/base.py": 1}


def test_the_proof_sheet_opens_from_the_settings_page_and_is_let_go_when_closed(
    qtbot, make_window, demo_services
) -> None:
    window = make_window(demo_services)
    page = window.settings_page
    click_page(qtbot, window, page)
    qtbot.mouseClick(button(page, "proof_button"), Qt.MouseButton.LeftButton)
    assert len(page.previews) == 1
    dialog = page.previews[0]
    assert not dialog.isModal() and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.ready or bool(dialog.error_message), timeout=30_000)
    assert dialog.ready, dialog.error_message
    dialog.close()
    assert page.previews == []


def test_the_results_preview_saves_the_outcomes_typed_first(
    qtbot, make_window, demo_services, type_text
) -> None:
    window = make_window(demo_services)
    page = window.tracking_page
    page._today = DEMO_TODAY
    click_page(qtbot, window, page)
    page.tree.setCurrentIndex(page.tree.model().index(0, 0))
    assert page.detail_stack.currentWidget() is page.measure_detail
    page.outcomes_edit.setPlainText("ประชาชนร้องเรียนลดลงครึ่งหนึ่ง")  # no pause yet
    qtbot.mouseClick(button(page, "preview_results_button"), Qt.MouseButton.LeftButton)
    measure = demo_services.tracking.measures(2569)[0]
    assert demo_services.tracking.result(measure.id).outcomes == "ประชาชนร้องเรียนลดลงครึ่งหนึ่ง"
    assert len(page.previews) == 1
    dialog = page.previews[0]
    qtbot.waitUntil(lambda: dialog.ready or bool(dialog.error_message), timeout=30_000)
    assert dialog.ready, dialog.error_message
    dialog.close()


# ---------------------------------------------------------------------------- the style sheet


def test_only_the_application_loads_a_style_sheet() -> None:
    found = {
        path.relative_to(UI_ROOT).as_posix(): len(
            calls_in(path.read_text(encoding="utf-8"), "setStyleSheet")
        )
        for path in UI_ROOT.rglob("*.py")
    }
    assert {where: count for where, count in found.items() if count} == {"application.py": 1}
    forms = "".join(path.read_text(encoding="utf-8") for path in ui_dir().glob("*.ui"))
    assert "styleSheet" not in forms


def test_every_role_has_a_rule_in_the_sheet() -> None:
    sheet = (ui_dir() / STYLE_SHEET_FILE).read_text(encoding="utf-8")
    selectors = set(re.findall(r'\[role="([a-z-]+)"\]', sheet))
    assert selectors == {str(role) for role in Role}
    app = QApplication.instance()
    assert app is not None and "$" not in app.styleSheet()  # every colour filled in


def test_the_sheet_colours_the_pages_labels_by_role(qtbot, make_window, demo_services) -> None:
    window = make_window(demo_services)
    scores = window.scores_page
    click_page(qtbot, window, scores)
    assert foreground(scores.error_label) == QColor(ERROR_COLOUR)
    assert foreground(scores.official_warning_label) == QColor(WARNING_COLOUR)
    assert scores.title_label.font().pointSize() == 16 and scores.title_label.font().bold()
    summary = demo_services.scores.summary(2568).result
    assert summary.rating is not None and summary.rating.passing
    assert foreground(scores.rating_label) == QColor(GOOD_COLOUR)
    # A failing total turns the same label red, through the sheet, at once.
    for number in range(1, 11):
        demo_services.scores.set_indicator_score(2568, number, "40")
    scores.refresh()
    assert not demo_services.scores.summary(2568).result.rating.passing
    assert foreground(scores.rating_label) == QColor(ERROR_COLOUR)
