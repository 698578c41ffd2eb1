"""A clerk's whole year through the real window, on a fresh database: the office typed on its
page, ten scores typed down the table with Enter, the analysis drafted and edited, measures
picked in the catalogue dialog, the memo numbered and dated, previewed, saved and printed with
the preview's buttons, steps ticked with Space (one caught up in April with its real date),
the 6-month round saved and its report saved, the website bundle exported, a backup taken and
restored. Every PDF produced is read back.

Only the boundary is patched: QFileDialog.getSaveFileName and QPrintDialog (the preview),
``itadesk.ui.dialogs`` functions (folder and file choosers, message boxes, the date question),
and the tracking page's clock."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from doc_helpers import pdfium_pages, squash
from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QWidget,
)
from ui_helpers import TOP_DOWN, button, click_page, in_order

from itadesk.domain.analysis import FINDING, SUMMARY, SectionKey
from itadesk.domain.memo import MemoKind
from itadesk.domain.office import Role
from itadesk.domain.road import StepKey, StepState
from itadesk.domain.scoring import fmt
from itadesk.domain.tracking import TrackingState
from itadesk.ui import dialogs
from itadesk.ui import preview as preview_module
from itadesk.ui.pages.office_page import COLUMN_ROLE
from itadesk.ui.pages.tracking_page import COLUMN_TEXT
from itadesk.ui.score_table_model import COLUMN_SCORE
from itadesk.ui.workers import wait_for_tasks

OFFICE = "องค์การบริหารส่วนตำบลทดลอง"
DISTRICT = "เมืองทดลอง"
PROVINCE = "ทดสอบ"
DOC_PREFIX = "ทล 70099"
UNITS = ("สำนักปลัด", "กองคลัง")
# Indicator scores 1–10 of 2568. Indicator 8 is first mistyped, then corrected with the
# arrow keys; 84.60 is under the target 85, so the catalogue puts its measures first.
SCORES = ("96.20", "95.48", "97.03", "95.90", "96.12", "88.45", "90.02", "84.60", "100", "96.15")
MISTYPED_8 = "48.60"
EDITED_FINDING = "เจ้าหน้าที่ตรวจทานข้อความนี้แล้วเมื่อสิ้นปี"
EDITED_SUMMARY = "สรุปโดยเจ้าหน้าที่: ปีหน้าเน้นการสื่อสารกับประชาชน"
MEMO_NUMBER = "๐๐๓๗"
MEMO_DATE = "๒๐ ตุลาคม ๒๕๖๘"
SUBJECT = "รายงานผลการวิเคราะห์และมาตรการ ITA ปีทดลองทั้งปี"
CHANGED_NUMBER = "๙๙๙๙"  # typed after the backup: the restore must bring back MEMO_NUMBER
MEASURES_CHOSEN = 3
JANUARY = date(2026, 1, 20)  # inside the 6-month round (Oct 2568 – Mar 2569)
APRIL = date(2026, 4, 8)  # the round has closed and is not saved yet
DONE_IN_MARCH = date(2026, 3, 25)  # the real date of a step ticked late, inside the round
DONE_IN_APRIL = date(2026, 4, 3)  # a step really done after the round: counted as late


def thai_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def pdf_text(path: Path) -> str:
    """The PDF's text as a reader's copy and paste gives it, white space removed."""
    return squash("".join(pdfium_pages(path)))


THUMBNAIL = (75, 106)  # an A4 page, small enough that anti-aliasing evens out


def thumbnails(path: Path) -> list[Image.Image]:
    """Each page of a PDF as a small grey picture."""
    document = pdfium.PdfDocument(str(path))
    try:
        pictures = []
        for page in document:
            picture = page.render(scale=300 / page.get_width(), grayscale=True).to_pil()
            pictures.append(picture.convert("L").resize(THUMBNAIL, Image.Resampling.BILINEAR))
            page.close()
        return pictures
    finally:
        document.close()


def difference(first: Image.Image, second: Image.Image) -> float:
    """Mean grey-level difference of two thumbnails (0 the same, 255 black against white)."""
    return ImageStat.Stat(ImageChops.difference(first, second)).mean[0]


class Clerk:
    """The clerk's hands: clicks and keys on the real widgets of one window."""

    def __init__(self, qtbot, window, type_text, monkeypatch, folder: Path) -> None:
        self.qtbot = qtbot
        self.window = window
        self.type_text = type_text
        self.monkeypatch = monkeypatch
        self.folder = folder

    # ------------------------------------------------------------------ basic moves

    def click(self, widget: QWidget, pos: QPoint | None = None) -> None:
        widget.ensurePolished()
        if pos is None:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
        self.qtbot.wait(10)

    def click_button(self, page, name: str) -> None:
        self.click(button(page, name))

    def focus(self, widget: QWidget) -> None:
        """Keyboard focus on ``widget``, as a click into it gives (offscreen, a window is
        made active again by hand after a dialog closed)."""
        if not widget.window().isActiveWindow():
            widget.window().activateWindow()
            self.qtbot.waitActive(widget.window())
        widget.setFocus(Qt.FocusReason.MouseFocusReason)
        self.qtbot.waitUntil(widget.hasFocus, timeout=2000)

    def keys(self, text: str) -> None:
        """Type ``text`` into whatever has the keyboard focus (Thai as a Thai layout does)."""
        for character in text:
            target = QApplication.focusWidget()
            assert target is not None, "nothing has the keyboard focus"
            if character.isascii():
                self.qtbot.keyClick(target, character)
            else:
                self.type_text(target, character)

    def press(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        self.qtbot.keyClick(target, key, modifier)
        self.qtbot.wait(10)

    def type_into(self, edit: QWidget, text: str, *, then: Qt.Key | None = Qt.Key.Key_Return):
        """Click into a box, select what it holds, type over it, then Return (or Tab)."""
        self.click(edit)
        self.focus(edit)
        self.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.keys(text)
        if then is not None:
            self.press(then)

    def go_to(self, page) -> None:
        """Click the page's entry in the list on the left."""
        click_page(self.qtbot, self.window, page)
        self.qtbot.wait(10)

    def click_list_row(self, view: QListWidget, row: int, modifier=None) -> None:
        rect = view.visualItemRect(view.item(row))
        self.qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            modifier or Qt.KeyboardModifier.NoModifier,
            rect.center(),
        )

    # ------------------------------------------------------------------ modal dialogs

    def while_modal(
        self,
        find: Callable[[], QDialog | None],
        act: Callable[[QDialog], None],
        open_it: Callable[[], None],
    ) -> None:
        """``open_it`` opens a modal dialog and blocks in its exec(): ``act`` runs on the
        dialog ``find`` returns once it is shown. A failure in ``act`` closes the dialog and
        is raised once ``open_it`` has returned."""
        failures: list[BaseException] = []
        acted: list[bool] = []
        opened: list[bool] = [True]

        def poll() -> None:
            if not opened:
                return  # open_it returned without a dialog: stop looking
            dialog = find()
            if dialog is None or not dialog.isVisible():
                QTimer.singleShot(20, poll)
                return
            acted.append(True)
            try:
                act(dialog)
            except BaseException as error:
                failures.append(error)
                dialog.reject()

        QTimer.singleShot(0, poll)
        try:
            open_it()
        finally:
            opened.clear()
        if failures:
            raise failures[0]
        assert acted, "no dialog was shown"

    # ------------------------------------------------------------------ previews

    def wait_ready(self, dialog) -> None:
        self.qtbot.waitUntil(lambda: dialog.ready or bool(dialog.error_message), timeout=60_000)
        assert dialog.ready, dialog.error_message

    def save_from_preview(self, dialog, name: str) -> Path:
        """The preview's "บันทึกเป็น PDF…" button, answering the save dialog with ``name``."""
        target = self.folder / name
        asked: list[tuple] = []

        def get_save_file_name(*args, **kwargs):
            asked.append(args)
            return str(target), "PDF (*.pdf)"

        self.monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
        self.click(dialog.toolbar.widgetForAction(dialog.save_action))
        assert len(asked) == 1
        assert target.read_bytes().startswith(b"%PDF")
        return target

    def print_from_preview(self, dialog, name: str) -> Path:
        """The preview's "พิมพ์…" button; in the print dialog the clerk picks print to a PDF
        file and presses OK."""
        output = self.folder / name
        printers: list[QPrinter] = []

        class PrintDialog:
            def __init__(self, printer: QPrinter, parent=None) -> None:
                printers.append(printer)
                self._printer = printer

            def exec(self) -> int:
                self._printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                self._printer.setOutputFileName(str(output))
                return QDialog.DialogCode.Accepted

        self.monkeypatch.setattr(preview_module, "QPrintDialog", PrintDialog)
        self.click(dialog.toolbar.widgetForAction(dialog.print_action))
        assert len(printers) == 1
        assert output.read_bytes().startswith(b"%PDF")
        return output


# ---------------------------------------------------------------------- the year, step by step


DONE, DUE, WAITING = StepState.DONE, StepState.DUE, StepState.WAITING


def road_on_the_start_page(clerk: Clerk, today: date) -> dict[StepKey, StepState]:
    """The start page's road as the clerk sees it on ``today``: each step's mark."""
    page = clerk.window.start_page
    page._today = today
    if clerk.window.page_stack.currentWidget() is page.widget:
        clerk.go_to(clerk.window.office_page)  # coming back shows the page afresh
    clerk.go_to(page)
    assert clerk.window.current_cycle.assessed_year == 2568
    return {key: row.mark.state for key, row in page.step_rows.items()}


def assert_road(clerk: Clerk, today: date, **expected: StepState) -> None:
    """The steps named (``scores=DONE`` …, the rest of the ten unchecked) are in that state."""
    road = road_on_the_start_page(clerk, today)
    wanted = {StepKey(name.replace("_", "-")): state for name, state in expected.items()}
    assert {key: road[key] for key in wanted} == wanted


def type_the_office(clerk: Clerk, type_in_cell, choose_by_typing) -> None:
    window = clerk.window
    page = window.office_page
    # A fresh database opens on the office page: nothing can be done before it is typed.
    assert window.page_stack.currentWidget() is page.widget
    clerk.type_into(page.edits["name"], OFFICE)
    clerk.type_into(page.edits["district"], DISTRICT)
    clerk.type_into(page.edits["province"], PROVINCE)
    clerk.type_into(page.edits["doc_prefix"], DOC_PREFIX)
    for row, unit in enumerate(UNITS):
        clerk.click_button(page, "add_unit_button")  # opens the new row's editor
        editors = [e for e in page.units_list.viewport().findChildren(QLineEdit) if e.isVisible()]
        assert len(editors) == 1
        clerk.type_text(editors[0], unit)
        clerk.qtbot.keyClick(editors[0], Qt.Key.Key_Return)
        clerk.qtbot.wait(20)
        assert page.units_list.item(row).text() == unit
    for row, (full_name, position) in enumerate(TOP_DOWN):
        clerk.click_button(page, "add_person_button")
        type_in_cell(page.people_table, row, 1, full_name)
        type_in_cell(page.people_table, row, 2, position)
    # The roles of the first three follow their positions; the clerk is made the author.
    choose_by_typing(page.people_table.cellWidget(3, COLUMN_ROLE), "ผู้จัดทำ")

    profile = window.services.office.profile()
    assert (profile.name, profile.district, profile.province, profile.doc_prefix) == (
        OFFICE,
        DISTRICT,
        PROVINCE,
        DOC_PREFIX,
    )
    assert [unit.name for unit in profile.units] == list(UNITS)
    assert [(p.full_name, p.position, p.role) for p in profile.people] == [
        (TOP_DOWN[0][0], TOP_DOWN[0][1], Role.NAYOK),
        (TOP_DOWN[1][0], TOP_DOWN[1][1], Role.PALAT),
        (TOP_DOWN[2][0], TOP_DOWN[2][1], Role.UNIT_HEAD),
        (TOP_DOWN[3][0], TOP_DOWN[3][1], Role.AUTHOR),
    ]
    assert page.error_label.text() == ""


def type_the_scores(clerk: Clerk) -> None:
    window = clerk.window
    assert window.current_cycle is not None and window.current_cycle.assessed_year == 2568
    assert window.cycle_combo.currentText() == "ผลการประเมินปี 2568 → มาตรการปี 2569"
    page = window.scores_page
    clerk.go_to(page)
    assert page.title_label.text() == "คะแนน ITA ปีงบประมาณ 2568"
    clerk.click(
        page.table.viewport(), page.table.visualRect(page.model.index(0, COLUMN_SCORE)).center()
    )
    clerk.focus(page.table)
    assert page.table.currentIndex().row() == 0
    # Straight down the column, each score ended with Enter as in Excel; indicator 8 slips.
    for number, score in enumerate(SCORES, start=1):
        clerk.keys(MISTYPED_8 if number == 8 else score)
        clerk.press(Qt.Key.Key_Return)
    assert page.table.currentIndex().row() == 9
    # Back up two rows with the arrow keys and type indicator 8 again.
    clerk.press(Qt.Key.Key_Up)
    clerk.press(Qt.Key.Key_Up)
    assert page.table.currentIndex().row() == 7
    clerk.keys(SCORES[7])
    clerk.press(Qt.Key.Key_Return)
    assert page.table.currentIndex().row() == 8

    saved = window.services.scores.indicator_scores(2568)
    assert saved == {number: Decimal(score) for number, score in enumerate(SCORES, start=1)}
    for row, score in enumerate(SCORES):
        assert page.model.data(page.model.index(row, COLUMN_SCORE)) == fmt(Decimal(score))
    summary = window.services.scores.summary(2568)
    assert summary.result.total is not None and summary.result.rating is not None
    assert page.total_label.text() == f"คะแนนรวม {fmt(summary.result.total)}"
    assert page.rating_label.text() == f"ระดับผล {summary.result.rating.label}"
    assert page.error_label.text() == ""


def draft_and_edit_the_analysis(clerk: Clerk) -> None:
    window = clerk.window
    services = window.services
    page = window.analysis_page
    clerk.go_to(page)
    assert "2568" in page.title_label.text()
    assert services.analysis.analysis(2568).text(1, FINDING) == ""
    clerk.click(page.draft_button)
    drafted = services.analysis.analysis(2568).text(1, FINDING)
    assert drafted
    box = page.editors[SectionKey(1, FINDING)].editor
    assert box.toPlainText() == drafted
    # The clerk adds a sentence at the end of the drafted finding.
    clerk.click(box.viewport())
    clerk.focus(box)
    clerk.press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    clerk.keys(" " + EDITED_FINDING)
    # And writes the summary's last line (the summary is the list's last entry).
    clerk.click_list_row(page.indicator_list, page.indicator_list.count() - 1)
    summary_box = page.editors[SectionKey(None, SUMMARY)].editor
    clerk.click(summary_box.viewport())
    clerk.focus(summary_box)
    clerk.press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    clerk.press(Qt.Key.Key_Return)
    clerk.keys(EDITED_SUMMARY)
    clerk.click_list_row(page.indicator_list, 0)  # leaving the box saves it
    analysis = services.analysis.analysis(2568)
    assert analysis.text(1, FINDING) == f"{drafted} {EDITED_FINDING}"
    assert analysis.text(None, SUMMARY).endswith(EDITED_SUMMARY)
    assert page.editors[SectionKey(1, FINDING)].state_label.text() == "(แก้เองแล้ว)"


def choose_measures_in_the_catalogue(clerk: Clerk) -> list[str]:
    """Returns the titles of the measures chosen, in the order the plan lists them."""
    window = clerk.window
    services = window.services
    page = window.measures_page
    clerk.go_to(page)
    assert "ปีงบประมาณ 2569" in page.title_label.text()
    # Indicator 8 is under target and no measure serves it yet.
    assert "แต่ยังไม่มีมาตรการ: 8 " in page.coverage_label.text()
    assert page.measures_list.count() == 0
    chosen_labels: list[str] = []

    def pick(dialog: QDialog) -> None:
        entries = dialog.findChild(QListWidget, "entries_list")
        # Those serving indicator 8 (under target) come first, marked ▲.
        assert entries.item(0).text().startswith("▲") and "8" in entries.item(0).text()
        clerk.click_list_row(entries, 0)
        detail = dialog.findChild(QWidget, "detail_label")
        assert "ขั้นตอน" in detail.text()
        for row in range(1, MEASURES_CHOSEN):
            clerk.click_list_row(entries, row, Qt.KeyboardModifier.ControlModifier)
        assert len(entries.selectedItems()) == MEASURES_CHOSEN
        chosen_labels.extend(item.text() for item in entries.selectedItems())
        add = dialog.findChild(QDialogButtonBox, "button_box").button(
            QDialogButtonBox.StandardButton.Ok
        )
        assert add.text() == "เพิ่มมาตรการที่เลือก"
        clerk.click(add)

    clerk.while_modal(
        lambda: page.widget.findChild(QDialog, "CatalogueDialog"),
        pick,
        lambda: clerk.click_button(page, "add_catalogue_button"),
    )
    measures = services.measures.measures(2569)
    assert len(measures) == MEASURES_CHOSEN
    assert all(any(m.title in label for label in chosen_labels) for m in measures)
    assert [page.measures_list.item(row).text() for row in range(MEASURES_CHOSEN)] == [
        f"{number}. {m.title}" for number, m in enumerate(measures, start=1)
    ]
    assert page.coverage_label.text() == ""  # the first one chosen serves indicator 8
    assert all(m.steps for m in measures)
    return [m.title for m in measures]


def open_preview(clerk: Clerk, page, button_name: str):
    """Click a preview button; the preview window renders in the background."""
    shown = len(page.previews)
    clerk.click_button(page, button_name)
    assert len(page.previews) == shown + 1, page.error_label.text()
    dialog = page.previews[-1]
    clerk.wait_ready(dialog)
    return dialog


def assert_printed_like(printed: Path, saved: Path) -> None:
    """The printed pages are pictures (printing renders each page at a bounded resolution),
    so they have no text to read: each must look like its saved page, far more than like any
    other page or a blank sheet."""
    printed_pages, saved_pages = thumbnails(printed), thumbnails(saved)
    assert len(printed_pages) == len(saved_pages) >= 1
    blank = Image.new("L", THUMBNAIL, 255)
    for number, picture in enumerate(printed_pages):
        others = [page for index, page in enumerate(saved_pages) if index != number]
        nearest_other = min(difference(picture, other) for other in [*others, blank])
        assert difference(picture, saved_pages[number]) < nearest_other / 2, number + 1


def number_date_and_print_the_memo(clerk: Clerk, titles: list[str]) -> dict[str, Path]:
    """Returns the PDFs saved from the previews: the memo and the analysis report."""
    window = clerk.window
    services = window.services
    page = window.memo_page
    clerk.go_to(page)
    assert page.signer_combo.currentText() == f"(ค่าเริ่มต้น: ผู้จัดทำ — {TOP_DOWN[3][0]})"
    clerk.type_into(page.number_edit, MEMO_NUMBER)
    clerk.type_into(page.date_edit, MEMO_DATE)
    clerk.type_into(page.subject_edit, SUBJECT, then=None)
    clerk.click(page.salutation_edit)  # leaving the subject box saves it
    settings = services.memos.settings(2568, MemoKind.ANALYSIS)
    assert settings.running_number == MEMO_NUMBER
    assert settings.memo_date == date(2025, 10, 20)
    assert settings.subject == SUBJECT
    assert page.error_label.text() == ""

    memo = open_preview(clerk, page, "preview_memo_button")
    assert page.preflight_label.text() == ""  # nothing to warn about before printing
    saved = clerk.save_from_preview(memo, "บันทึกข้อความ ITA.pdf")
    printed = clerk.print_from_preview(memo, "บันทึกข้อความ ITA (พิมพ์).pdf")
    assert "ส่งไปพิมพ์แล้ว" in memo.status_label.text()
    memo.close()
    text = pdf_text(saved)
    total = services.scores.summary(2568).result.total
    assert in_order(
        text,
        f"ส่วนราชการ สำนักปลัด {OFFICE}",
        f"ที่ {thai_digits(DOC_PREFIX)}/{MEMO_NUMBER} วันที่ {MEMO_DATE}",
        f"เรื่อง {SUBJECT}",
        f"เรียน นายก{OFFICE}",
        f"{OFFICE}ได้คะแนน {thai_digits(fmt(total))} คะแนน",
        f"จำนวน {thai_digits(str(len(titles)))} มาตรการ",
        f"({TOP_DOWN[3][0]})",  # the author signs
        TOP_DOWN[3][1],
        "ความเห็นของหัวหน้าสำนักปลัด",
        f"ความเห็นของปลัด{OFFICE}",
        f"ความเห็นของนายก{OFFICE}",
        f"({TOP_DOWN[0][0]})",
    )
    assert_printed_like(printed, saved)

    # The analysis report, from the same page: the edited text is in it.
    report = open_preview(clerk, page, "preview_report_button")
    report_pdf = clerk.save_from_preview(report, "รายงานการวิเคราะห์.pdf")
    report.close()
    text = pdf_text(report_pdf)
    assert squash(OFFICE) in text
    assert squash(EDITED_FINDING) in text and squash(EDITED_SUMMARY) in text
    for title in titles:
        assert squash(title) in text, title
    assert not page.previews
    return {"memo": saved, "report": report_pdf}


def tree_row(tree, measure: int, item: int | None = None):
    """The tree's index of a measure's row, or of one of its items' rows."""
    shown = tree.model()
    top = shown.index(measure, COLUMN_TEXT)
    return top if item is None else shown.index(item, COLUMN_TEXT, top)


def move_to(clerk: Clerk, tree, row) -> None:
    """Arrow down (or up) the tree until ``row`` is current."""
    clerk.focus(tree)
    for _ in range(60):
        current = tree.currentIndex()
        if current == row:
            return
        above_target = not current.isValid() or (
            tree.visualRect(current).top() < tree.visualRect(row).top()
        )
        clerk.press(Qt.Key.Key_Down if above_target else Qt.Key.Key_Up)
    raise AssertionError(f"could not reach {row.data()}")


def tick_with_space(clerk: Clerk, tree) -> None:
    clerk.press(Qt.Key.Key_Space)
    clerk.qtbot.wait(20)  # the tick is applied once the key press has returned


def track_and_report_the_round(clerk: Clerk, no_modal_dialogs, titles: list[str]) -> Path:
    window = clerk.window
    services = window.services
    page = window.tracking_page
    page._today = JANUARY
    clerk.go_to(page)
    assert page.title_label.text() == "ติดตามมาตรการ ปีงบประมาณ 2569"
    tree = page.tree
    assert [tree_row(tree, i).data() for i in range(tree.model().rowCount())] == [
        f"{number}. {title}" for number, title in enumerate(titles, start=1)
    ]
    measures = services.tracking.measures(2569)
    items = services.tracking.items(2569)

    def item_state(item_id: int):
        found = services.tracking.item(item_id, 2569)
        return found.state, found.done_date

    # January: the first step of the first measure, clicked, then ticked with Space.
    first_row = tree_row(tree, 0, 0)
    clerk.click(tree.viewport(), tree.visualRect(first_row).center())
    clerk.focus(tree)
    assert tree.currentIndex() == first_row
    tick_with_space(clerk, tree)
    in_january = items[measures[0].id][0]
    assert item_state(in_january.id) == (TrackingState.DONE, JANUARY)
    assert no_modal_dialogs["date"] == []  # no round has closed: today is recorded

    # April, catching up before the 6-month round is saved: each tick asks its real date.
    page._today = APRIL
    asked: list[tuple[str, date]] = []
    answers = [DONE_IN_MARCH, DONE_IN_APRIL]

    def ask_done_date(parent, title, prompt, default, check):
        asked.append((prompt, default))
        answer = answers[len(asked) - 1]
        assert check(answer) == []
        assert check(date(2026, 4, 9)), "a date after today must be refused"
        return answer

    clerk.monkeypatch.setattr(dialogs, "ask_done_date", ask_done_date)
    move_to(clerk, tree, tree_row(tree, 0, 1))
    tick_with_space(clerk, tree)
    in_march = items[measures[0].id][1]
    assert item_state(in_march.id) == (TrackingState.DONE, DONE_IN_MARCH)
    move_to(clerk, tree, tree_row(tree, 1, 0))
    tick_with_space(clerk, tree)
    in_april = items[measures[1].id][0]
    assert item_state(in_april.id) == (TrackingState.DONE, DONE_IN_APRIL)
    assert len(asked) == 2
    assert all("รอบ 6 เดือนสิ้นสุดแล้ว" in prompt and default == APRIL for prompt, default in asked)
    assert page.overall_progress.value() > 0

    # Save the 6-month round: the step done in April is listed first, then the round is saved.
    assert page.round_combo.currentData() == 6
    assert page.round_state_label.text().startswith("ยังไม่ได้บันทึกรายงานรอบนี้")
    questions = len(no_modal_dialogs["question"])
    clerk.click_button(page, "snapshot_button")
    late_question = no_modal_dialogs["question"][questions:]
    assert len(late_question) == 1 and in_april.text[:20] in late_question[0]
    assert in_march.text[:20] not in late_question[0]
    assert "บันทึกรายงานรอบ 6 เดือน" in no_modal_dialogs["info"][-1]
    assert services.tracking.saved_rounds(2569) == frozenset({6})
    assert page.round_state_label.text().startswith("บันทึกรายงานรอบนี้แล้ว")

    # Once the round is saved, an April tick records today without asking.
    move_to(clerk, tree, tree_row(tree, 2, 0))
    tick_with_space(clerk, tree)
    after_round = items[measures[2].id][0]
    assert item_state(after_round.id) == (TrackingState.DONE, APRIL)
    assert len(asked) == 2

    results = open_preview(clerk, page, "preview_results_button")
    report = clerk.save_from_preview(results, "รายงานผลรอบ 6 เดือน.pdf")
    results.close()
    text = pdf_text(report)
    assert in_order(
        text,
        "รายงานผลการดำเนินการตามมาตรการ",
        "รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๘ – ๓๑ มีนาคม ๒๕๖๙)",
        OFFICE,
        f"อำเภอ{DISTRICT} จังหวัด{PROVINCE}",
    )
    assert "ฉบับร่าง" not in text  # the saved round, not live data
    for title in titles:
        assert squash(title) in text, title
    # The ticked steps with the dates they were really done; the step done in April, after
    # the round's cut-off, is not done in the frozen round.
    assert squash(f"{in_january.text} ดำเนินการแล้ว ๒๐ ม.ค. ๒๕๖๙") in text
    assert squash(f"{in_march.text} ดำเนินการแล้ว ๒๕ มี.ค. ๒๕๖๙") in text
    assert squash("๓ เม.ย. ๒๕๖๙") not in text and squash("๘ เม.ย. ๒๕๖๙") not in text
    assert in_order(text, "๒. ผลการดำเนินการ", in_april.text, "ยังไม่เริ่ม")
    assert not page.previews
    return report


def export_the_website_bundle(clerk: Clerk, no_modal_dialogs) -> list[Path]:
    """แฟ้ม → สร้างชุดไฟล์สำหรับเว็บไซต์…, driven through its own widgets."""
    window = clerk.window
    web = clerk.folder / "เว็บไซต์"
    web.mkdir()
    clerk.monkeypatch.setattr(dialogs, "choose_folder", lambda parent, title, start=None: web)
    infos = len(no_modal_dialogs["info"])

    def export(dialog: QDialog) -> None:
        assert dialog.windowTitle() == "สร้างชุดไฟล์สำหรับเว็บไซต์ ปีงบประมาณ 2568"
        clerk.click(dialog.findChild(QWidget, "browse_button"))
        target = dialog.findChild(QLineEdit, "target_edit")
        assert target.text() == str(web / "ita-2568-web")
        clerk.click(dialog.findChild(QWidget, "export_button"))
        clerk.qtbot.waitUntil(
            lambda: (
                any(no_modal_dialogs[k] for k in ("error", "crash"))
                or len(no_modal_dialogs["info"]) > infos
            ),
            timeout=120_000,
        )
        clerk.click(dialog.findChild(QWidget, "close_button"))

    clerk.while_modal(
        lambda: next(
            (d for d in window.findChildren(QDialog, "ExportDialog") if d.isVisible()), None
        ),
        export,
        window.export_action.trigger,
    )
    assert no_modal_dialogs["error"] == [] and no_modal_dialogs["crash"] == []
    bundle = web / "ita-2568-web"
    assert f"สร้างชุดไฟล์ที่ {bundle} แล้ว" in no_modal_dialogs["info"][-1]
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"] for entry in manifest["files"]}
    pdfs = sorted(bundle.rglob("*.pdf"))
    assert pdfs and {str(pdf.relative_to(bundle)) for pdf in pdfs} <= listed
    assert (bundle / "index.html").is_file()
    return pdfs


def assert_bundle_pdfs(bundle_pdfs: list[Path], saved: dict[str, Path], titles: list[str]) -> None:
    """The bundle holds the documents the clerk saved from the previews, word for word, and
    the two memos she did not preview (publishing, the round's results)."""
    texts = {pdf.name: pdf_text(pdf) for pdf in bundle_pdfs}
    assert sorted(texts) == [
        "ita-2568-analysis-measures-2569.pdf",
        "ita-2568-memo-analysis.pdf",
        "ita-2568-memo-publish.pdf",
        "ita-2569-memo-results-6-months.pdf",
        "ita-2569-results-6-months.pdf",
    ]
    assert texts["ita-2568-memo-analysis.pdf"] == pdf_text(saved["memo"])
    assert texts["ita-2568-analysis-measures-2569.pdf"] == pdf_text(saved["report"])
    assert texts["ita-2569-results-6-months.pdf"] == pdf_text(saved["results"])
    signer = (f"({TOP_DOWN[3][0]})", TOP_DOWN[3][1])
    assert in_order(
        texts["ita-2568-memo-publish.pdf"],
        f"ส่วนราชการ สำนักปลัด {OFFICE}",
        "เรื่อง ขออนุญาตเผยแพร่",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ บนเว็บไซต์",
        f"เรียน นายก{OFFICE}",
        *signer,
        "ความเห็นของหัวหน้าสำนักปลัด",
    )
    assert in_order(
        texts["ita-2569-memo-results-6-months.pdf"],
        "เรื่อง รายงานผลการดำเนินการตามมาตรการ",
        f"เรียน นายก{OFFICE}",
        f"จำนวน {thai_digits(str(len(titles)))} มาตรการ",
        "รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๘ – ๓๑ มีนาคม ๒๕๖๙)",
        *signer,
        "ความเห็นของหัวหน้าสำนักปลัด",
    )


def year_data(services) -> dict[str, object]:
    """Everything the clerk did this year, as the services read it back."""
    return {
        "office": services.office.profile(),
        "scores": services.scores.indicator_scores(2568),
        "analysis": services.analysis.analysis(2568),
        "measures": services.measures.measures(2569),
        "tracking": services.tracking.items(2569),
        "results": services.tracking.results(2569),
        "round": services.tracking.latest_snapshot(2569, 6),
        "memo": services.memos.settings(2568, MemoKind.ANALYSIS),
        "chain": services.memos.comment_chain(),
    }


def back_up(clerk: Clerk, no_modal_dialogs) -> Path:
    """แฟ้ม → สำรองข้อมูลตอนนี้…, onto a USB stick."""
    usb = clerk.folder / "แฟลชไดรฟ์"
    usb.mkdir()
    clerk.monkeypatch.setattr(dialogs, "choose_folder", lambda parent, title, start=None: usb)
    infos = len(no_modal_dialogs["info"])
    clerk.window.backup_action.trigger()  # runs in the background
    clerk.qtbot.waitUntil(
        lambda: len(no_modal_dialogs["info"]) > infos or bool(no_modal_dialogs["error"]),
        timeout=60_000,
    )
    assert no_modal_dialogs["error"] == []
    backups = list(usb.glob("*.itadesk-backup.zip"))
    assert len(backups) == 1 and str(backups[0]) in no_modal_dialogs["info"][-1]
    return backups[0]


def change_after_the_backup(clerk: Clerk) -> None:
    """Two changes made after the backup: the memo's number and indicator 1's score."""
    window = clerk.window
    services = window.services
    clerk.go_to(window.memo_page)
    clerk.type_into(window.memo_page.number_edit, CHANGED_NUMBER)
    assert services.memos.settings(2568, MemoKind.ANALYSIS).running_number == CHANGED_NUMBER
    page = window.scores_page
    clerk.go_to(page)
    clerk.click(
        page.table.viewport(), page.table.visualRect(page.model.index(0, COLUMN_SCORE)).center()
    )
    clerk.focus(page.table)
    clerk.keys("50")
    clerk.press(Qt.Key.Key_Return)
    assert services.scores.indicator_scores(2568)[1] == Decimal("50")


def restore_in_the_running_program(clerk: Clerk, backup: Path, no_modal_dialogs) -> dict:
    """The program as the clerk starts it (run_application's event loop): แฟ้ม → กู้คืนจาก
    ไฟล์สำรอง… ends the loop, the file is replaced and a new window opens on the restored
    data. Returns what that window showed."""
    from itadesk.ui.application import run_application
    from itadesk.ui.main_window import MainWindow

    app = QApplication.instance()
    session = clerk.window.session
    clerk.window.close()  # the clerk restarts the program
    clerk.monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_application sets its own
    clerk.monkeypatch.setattr(dialogs, "choose_open_file", lambda parent, title, filters: backup)
    seen: dict[str, object] = {}
    failures: list[BaseException] = []
    windows: list[MainWindow] = []

    def shown_window() -> MainWindow | None:
        return next(
            (
                w
                for w in app.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible() and w not in windows
            ),
            None,
        )

    def when_shown(act: Callable[[MainWindow], None]) -> None:
        window = shown_window()
        if window is None:
            QTimer.singleShot(20, lambda: when_shown(act))
            return
        windows.append(window)
        try:
            act(window)
        except BaseException as error:
            failures.append(error)
            window.close()
            app.quit()

    def restore(window: MainWindow) -> None:
        questions = len(no_modal_dialogs["question"])
        window.restore_action.trigger()  # asks, then ends the event loop
        assert "กู้คืนข้อมูลของ" in no_modal_dialogs["question"][questions]
        assert window.pending_restore == backup
        QTimer.singleShot(0, lambda: when_shown(look))

    def look(window: MainWindow) -> None:
        seen["status"] = window.statusBar().currentMessage()
        seen["data"] = year_data(window.services)
        window.nav_list.setCurrentRow(window.pages.index(window.memo_page))
        seen["memo number"] = window.memo_page.number_edit.text()
        window.nav_list.setCurrentRow(window.pages.index(window.scores_page))
        seen["score 1"] = window.scores_page.model.data(
            window.scores_page.model.index(0, COLUMN_SCORE)
        )
        window.close()  # the last window: the program ends

    def give_up() -> None:
        failures.append(AssertionError("the program did not end within two minutes"))
        for window in windows:
            window.close()
        app.quit()

    QTimer.singleShot(0, lambda: when_shown(restore))
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(give_up)
    watchdog.start(120_000)
    run_application(session)
    watchdog.stop()
    wait_for_tasks()
    assert not failures, failures
    assert len(windows) == 2
    assert no_modal_dialogs["crash"] == []
    return seen


@pytest.mark.slow
def test_a_clerks_whole_year_through_the_window(
    qtbot,
    make_window,
    session,
    services,
    db_path: Path,
    type_text,
    type_in_cell,
    choose_by_typing,
    monkeypatch,
    tmp_path: Path,
    no_modal_dialogs,
) -> None:
    folder = tmp_path / "เอกสาร"
    folder.mkdir()
    window = make_window(services)
    window.activateWindow()
    qtbot.waitActive(window)
    clerk = Clerk(qtbot, window, type_text, monkeypatch, folder)

    type_the_office(clerk, type_in_cell, choose_by_typing)
    # The start page's road follows every step below (checked at each one).
    assert_road(
        clerk, JANUARY, scores=DUE, rating=WAITING, analysis=WAITING, measures=DUE,
        memo=WAITING, publish=WAITING, round_6=WAITING, report_6=WAITING,
    )  # fmt: skip
    type_the_scores(clerk)
    assert_road(clerk, JANUARY, scores=DONE, rating=DONE, analysis=DUE, memo=WAITING)
    draft_and_edit_the_analysis(clerk)
    assert_road(clerk, JANUARY, analysis=DONE, measures=DUE, memo=WAITING, round_6=WAITING)
    titles = choose_measures_in_the_catalogue(clerk)
    assert titles
    assert_road(clerk, JANUARY, measures=DONE, memo=DUE, publish=DUE, round_6=WAITING)
    saved = number_date_and_print_the_memo(clerk, titles)
    assert_road(clerk, JANUARY, memo=DONE, publish=DUE)
    assert_road(clerk, APRIL, round_6=DUE, report_6=WAITING)  # the round has closed
    saved["results"] = track_and_report_the_round(clerk, no_modal_dialogs, titles)
    assert_road(clerk, APRIL, round_6=DONE, report_6=DONE, publish=DUE, round_12=WAITING)
    bundle_pdfs = export_the_website_bundle(clerk, no_modal_dialogs)
    assert_road(clerk, APRIL, publish=DONE, round_12=WAITING, report_12=WAITING)
    assert_bundle_pdfs(bundle_pdfs, saved, titles)

    at_backup = year_data(services)
    backup = back_up(clerk, no_modal_dialogs)
    change_after_the_backup(clerk)
    assert year_data(services) != at_backup
    seen = restore_in_the_running_program(clerk, backup, no_modal_dialogs)
    assert f"กู้คืนข้อมูลจาก {backup.name} แล้ว" in seen["status"]
    assert seen["data"] == at_backup
    assert seen["memo number"] == MEMO_NUMBER
    assert seen["score 1"] == fmt(Decimal(SCORES[0]))
    # And the file itself, opened afresh once the program has ended (its session closed).
    from itadesk.services.session import OfficeSession

    session.close()
    with OfficeSession.open(db_path) as reopened:
        assert year_data(reopened.services) == at_backup

    assert no_modal_dialogs["error"] == [] and no_modal_dialogs["crash"] == []
