"""The shell: page list on the left, the fiscal-year picker and undo/redo in the toolbar."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QFontMetrics,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from itadesk import __version__
from itadesk.domain.fiscal import AssessmentCycle, format_thai_date
from itadesk.domain.road import RoadStep, StepKey
from itadesk.errors import UserError
from itadesk.services.session import OfficeSession
from itadesk.ui import dialogs
from itadesk.ui.geometry import (
    fit_to_screen,
    remember_splitter,
    restore_window,
    save_window,
    window_settings,
)
from itadesk.ui.icons import ICON_SIZE, page_icon
from itadesk.ui.pages.analysis_page import AnalysisPage
from itadesk.ui.pages.base import IMPORT_SCORES_ACTION, Page
from itadesk.ui.pages.items_page import ItemsPage
from itadesk.ui.pages.measures_page import MeasuresPage
from itadesk.ui.pages.memo_page import MemoPage
from itadesk.ui.pages.office_page import OfficePage
from itadesk.ui.pages.scores_page import ScoresPage
from itadesk.ui.pages.settings_page import SettingsPage
from itadesk.ui.pages.start_page import StartPage
from itadesk.ui.pages.tracking_page import TrackingPage
from itadesk.ui.status_bar import ElidingStatusBar
from itadesk.ui.text_fit import set_full_text_tip, shorten, wrap_tooltip
from itadesk.ui.typing_undo import TypingUndoFirst, redo_keys, undo_keys
from itadesk.ui.uiloader import child, load_ui
from itadesk.ui.undo import set_refusal_handler

if TYPE_CHECKING:
    from itadesk.ui.guide import GuideWindow

WINDOW_KEY = "main_window"
PREFERRED_SIZE = QSize(1280, 800)  # fitted to smaller screens (90 %, or maximised)
UNDO_MENU_CHARACTERS = 50  # the undo step's name in the menu, cut between words
DATABASE_LABEL_WIDTH = 320  # the status bar's file name; the whole path is in its tooltip
NAV_VISIBLE_KEY = "main_window/page_list_visible"

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, session: OfficeSession) -> None:
        super().__init__()
        self.session = session
        self.services = services = session.services
        self.undo_stack = QUndoStack(self)
        self.pending_restore: Path | None = None  # set when the clerk asks to restore a backup
        set_refusal_handler(self._on_write_refused)
        # A timer the window owns (not QTimer.singleShot with a bound method): it dies with the
        # window, so a reload can never fire into a window already deleted.
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._reload_visible_page)
        form = load_ui("main_window")
        # The .ui describes a QMainWindow; adopt its central widget.
        central = child(form, QWidget, "central_widget")
        self.setCentralWidget(central)
        self.setStatusBar(ElidingStatusBar(self))
        self.setWindowTitle(f"ITADesk {__version__}")
        self.main_splitter = child(central, QSplitter, "main_splitter")
        self.nav_list = child(central, QListWidget, "nav_list")
        self.page_stack = child(central, QStackedWidget, "page_stack")
        form.deleteLater()

        self.start_page = StartPage(services, self.undo_stack, self.page_stack)
        self.office_page = OfficePage(services, self.undo_stack, self.page_stack)
        self.scores_page = ScoresPage(services, self.undo_stack, self.page_stack)
        self.items_page = ItemsPage(services, self.undo_stack, self.page_stack)
        self.analysis_page = AnalysisPage(services, self.undo_stack, self.page_stack)
        self.measures_page = MeasuresPage(services, self.undo_stack, self.page_stack)
        self.memo_page = MemoPage(services, self.undo_stack, self.page_stack)
        self.tracking_page = TrackingPage(services, self.undo_stack, self.page_stack)
        self.settings_page = SettingsPage(services, self.undo_stack, self.page_stack)
        self.pages: list[Page] = [
            self.start_page,
            self.office_page,
            self.scores_page,
            self.items_page,
            self.analysis_page,
            self.measures_page,
            self.memo_page,
            self.tracking_page,
            self.settings_page,
        ]
        self.nav_list.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        for page in self.pages:
            self.page_stack.addWidget(page.widget)
            self.nav_list.addItem(QListWidgetItem(page_icon(page.form_name), page.title))
            if not page.follows_cycle:
                page.show_header(None)
        self.start_page.go_to.connect(self.go_to_step)
        for page in self.pages:
            page.open_page.connect(self.show_page_named)
            page.run_action.connect(self.run_action_named)
        self.nav_list.currentRowChanged.connect(self._on_page_changed)
        self._size_page_list()

        self._build_actions()
        self.cycle_combo.currentIndexChanged.connect(self._on_cycle_changed)
        self._fill_cycles()
        self.database_label = QLabel()
        self.database_label.setObjectName("database_label")
        label = f"ฐานข้อมูล: {session.path.name}"
        self.database_label.setText(
            QFontMetrics(self.database_label.font()).elidedText(
                label, Qt.TextElideMode.ElideMiddle, DATABASE_LABEL_WIDTH
            )
        )
        set_full_text_tip(self.database_label, f"ฐานข้อมูล: {session.path}")
        self.statusBar().addPermanentWidget(self.database_label)
        location_label = QLabel(f"ที่เก็บ: {session.location.label_th}")
        location_label.setContentsMargins(0, 0, 8, 0)  # clear of the window's right edge
        self.statusBar().addPermanentWidget(location_label)
        first = self.start_page if services.office.profile().name else self.office_page
        self.nav_list.setCurrentRow(self.pages.index(first))
        self._restore_layout()

    # ------------------------------------------------------------------ actions

    def _build_actions(self) -> None:
        toolbar = QToolBar("แถบเครื่องมือ", self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        toolbar.addWidget(QLabel(" รอบการประเมิน "))
        self.cycle_combo = QComboBox(self)
        self.cycle_combo.setObjectName("cycle_combo")
        self.cycle_combo.setAccessibleName("รอบการประเมิน")
        self.cycle_combo.setToolTip(
            "คะแนนและการวิเคราะห์เป็นของปีที่ประเมิน\nมาตรการ การติดตาม และรายงานผลเป็นของปีถัดไป"
        )
        toolbar.addWidget(self.cycle_combo)
        self.new_year_action = QAction("เริ่มรอบการประเมินปีใหม่…", self)
        self.new_year_action.triggered.connect(self._on_new_year)
        toolbar.addAction(self.new_year_action)
        self.remove_year_action = QAction("ลบรอบการประเมินที่เริ่มไว้โดยไม่ได้ตั้งใจ…", self)
        self.remove_year_action.triggered.connect(self._on_remove_year)
        toolbar.addSeparator()

        # Own actions rather than createUndoAction: text typed a moment ago (not yet saved)
        # must be saved first, or the undo's refresh would wipe it. Every key the platform
        # binds to undo/redo, and Ctrl+Y; inside a text box they undo its typing first
        # (TypingUndoFirst).
        # The toolbar shows only "เลิกทำ"/"ทำซ้ำ" (iconText), so a long step name never widens
        # it; the menu names the step (cut between words) and the tooltip names it whole.
        self.undo_action = QAction("เลิกทำ", self)
        self.undo_action.setIconText("เลิกทำ")
        self.undo_action.setShortcuts(undo_keys())
        self.undo_action.triggered.connect(self._undo)
        self.redo_action = QAction("ทำซ้ำ", self)
        self.redo_action.setIconText("ทำซ้ำ")
        self.redo_action.setShortcuts(redo_keys())
        self.redo_action.triggered.connect(self._redo)
        self._typing_undo_first = TypingUndoFirst(self)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._on_undo_text_changed)
        self.undo_stack.redoTextChanged.connect(self._on_redo_text_changed)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)

        # Ctrl+S saves what is still waiting at once, although every page saves by itself.
        self.save_action = QAction("บันทึกทันที", self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setToolTip("บันทึกทุกช่องที่แก้ไว้ตอนนี้ (โปรแกรมบันทึกให้อัตโนมัติอยู่แล้ว)")
        self.save_action.triggered.connect(self.save_now)

        file_menu = self.menuBar().addMenu("แฟ้ม")
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self.new_year_action)
        file_menu.addAction(self.remove_year_action)
        self.import_scores_action = QAction("นำเข้าคะแนนจากไฟล์หรือข้อความ…", self)
        self.import_scores_action.triggered.connect(self._on_import_scores)
        file_menu.addAction(self.import_scores_action)
        self.export_action = QAction("สร้างชุดไฟล์สำหรับเว็บไซต์…", self)
        self.export_action.triggered.connect(self._on_export)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        self.backup_action = QAction("สำรองข้อมูลตอนนี้…", self)
        self.backup_action.triggered.connect(self._on_backup)
        file_menu.addAction(self.backup_action)
        self.restore_action = QAction("กู้คืนจากไฟล์สำรอง…", self)
        self.restore_action.triggered.connect(self._on_restore)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        quit_action = QAction("ออก", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu("แก้ไข")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self._build_page_menu()
        help_menu = self.menuBar().addMenu("ช่วยเหลือ")
        # F1 opens the guide at the section of the page in view.
        self.guide_action = QAction("คู่มือการใช้งาน", self)
        self.guide_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(self.guide_action)
        help_menu.addSeparator()
        self.guide_window: GuideWindow | None = None  # made on first use, then shown again
        about_action = QAction("เกี่ยวกับ ITADesk", self)
        about_action.triggered.connect(self._on_about)
        help_menu.addAction(about_action)

    # ------------------------------------------------------------------ cycles

    @property
    def current_cycle(self) -> AssessmentCycle | None:
        data = self.cycle_combo.currentData()
        return AssessmentCycle(int(data)) if data is not None else None

    def _fill_cycles(self, select: AssessmentCycle | None = None) -> None:
        cycles = self.services.cycles.cycles()
        if select is None or select not in cycles:
            select = self.services.cycles.default_cycle()
        self.cycle_combo.blockSignals(True)
        self.cycle_combo.clear()
        for cycle in cycles:
            self.cycle_combo.addItem(cycle.label_th, cycle.assessed_year)
        if select is not None:
            self.cycle_combo.setCurrentIndex(self.cycle_combo.findData(select.assessed_year))
        self.cycle_combo.blockSignals(False)
        if select is not None:
            self._on_cycle_changed()  # once, whether or not the index moved

    def _undo(self) -> None:
        self.flush_pages()
        self.undo_stack.undo()
        self._on_history_changed()

    def _redo(self) -> None:
        self.flush_pages()
        self.undo_stack.redo()
        self._on_history_changed()

    def _on_undo_text_changed(self, text: str) -> None:
        _name_step(self.undo_action, "เลิกทำ", text, self.undo_action.shortcut())

    def _on_redo_text_changed(self, text: str) -> None:
        _name_step(self.redo_action, "ทำซ้ำ", text, self.redo_action.shortcut())

    def _on_history_changed(self) -> None:
        """An undo or redo may have changed what another page shows (e.g. a measure undone
        while the tracking page is open): refresh the visible page once the step is done.
        (Only after undo/redo: a new step is already shown by the page that made it.)"""
        self._reload_timer.start()

    def _reload_visible_page(self) -> None:
        if self.session.closed:
            return
        shown = [self.cycle_combo.itemData(i) for i in range(self.cycle_combo.count())]
        if shown != [cycle.assessed_year for cycle in self.services.cycles.cycles()]:
            self._fill_cycles(select=self.current_cycle)  # e.g. measures of a new plan year
        row = self.nav_list.currentRow()
        page = self.pages[row] if 0 <= row < len(self.pages) else None
        if page is not None and not self.session.closed:
            page.refresh()

    def _on_write_refused(self, message: str) -> None:
        dialogs.show_error(self, "บันทึกไม่สำเร็จ", f"{message}\nข้อมูลที่บันทึกไว้ก่อนหน้านี้ยังอยู่ครบ")
        self._reload_timer.start()

    def flush_pages(self) -> None:
        """Pages save typed text after a short pause; save it now, before anything changes.
        What a page refuses stays on it with the reason; the status bar says so too, since
        the page may be the one being left."""
        if self.session.closed:  # a restore is swapping the file
            return
        for page in self.pages:
            if not page.flush():
                self.statusBar().showMessage(f"{page.title}: {page.error_label.text()}", 10000)

    def save_now(self) -> None:
        """Ctrl+S: save every page's waiting typing now and say so in the status bar (what a
        page refuses stays on it with the reason, and the status bar names it)."""
        if self.session.closed:
            return
        refused = [page for page in self.pages if not page.flush()]
        if refused:
            page = refused[0]
            self.statusBar().showMessage(
                f"ยังบันทึกไม่ได้ — {page.title}: {page.error_label.text()}", 15000
            )
            return
        self.statusBar().showMessage(f"บันทึกแล้ว เวลา {datetime.now():%H:%M} น.", 10000)

    def closeEvent(self, event) -> None:
        self.flush_pages()
        save_window(self, WINDOW_KEY)
        window_settings().setValue(NAV_VISIBLE_KEY, self.page_list_action.isChecked())
        super().closeEvent(event)

    # ------------------------------------------------------------------ layout

    def _size_page_list(self) -> None:
        """The page list as wide as its longest title; it may be hidden (มุมมอง menu) or
        dragged narrower on a small screen."""
        nav = self.nav_list
        width = nav.sizeHintForColumn(0) + 2 * nav.frameWidth() + 12
        nav.setMinimumWidth(0)
        nav.setMaximumWidth(max(width * 2, 320))
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setCollapsible(1, False)
        self.main_splitter.setSizes([width, max(self.width() - width, 400)])

    def _build_page_menu(self) -> None:
        """หน้า: every page with Ctrl+1 … Ctrl+9, and the page list shown or hidden."""
        menu = self.menuBar().addMenu("หน้า")
        group = QActionGroup(self)
        self.page_actions: list[QAction] = []
        for number, page in enumerate(self.pages, start=1):
            action = QAction(page.title, self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked, row=number - 1: self.show_page_at(row))
            group.addAction(action)
            menu.addAction(action)
            self.page_actions.append(action)
        self.nav_list.currentRowChanged.connect(self._check_page_action)
        menu.addSeparator()
        self.page_list_action = QAction("แสดงรายการหน้าด้านซ้าย", self)
        self.page_list_action.setCheckable(True)
        self.page_list_action.setChecked(True)
        self.page_list_action.setShortcut(QKeySequence("Ctrl+0"))
        self.page_list_action.toggled.connect(self.nav_list.setVisible)
        menu.addAction(self.page_list_action)

    def show_page_at(self, row: int) -> None:
        self.nav_list.setCurrentRow(row)

    def _check_page_action(self, row: int) -> None:
        if 0 <= row < len(self.page_actions):
            self.page_actions[row].setChecked(True)

    def _restore_layout(self) -> None:
        """The window's size and place, the page list and the pages' splitters as the clerk
        left them, clamped to this screen."""
        restore_window(self, WINDOW_KEY, PREFERRED_SIZE)
        remember_splitter(self.main_splitter, "main_window/main_splitter")
        for page in self.pages:
            for splitter in page.widget.findChildren(QSplitter):
                remember_splitter(splitter, f"{page.form_name}/{splitter.objectName()}")
        visible = window_settings().value(NAV_VISIBLE_KEY, True)
        self.page_list_action.setChecked(visible not in (False, "false"))

    def _on_page_changed(self, row: int) -> None:
        """Show the page with fresh data: another page may have changed what it shows."""
        self.flush_pages()
        page = self.pages[row] if 0 <= row < len(self.pages) else None
        cycle = self.current_cycle
        # Filled before it is shown: it appears laid out for its text (a title that now
        # takes two lines gets them), never with another cycle's data.
        if page is not None and page.follows_cycle and cycle is not None:
            page.show_header(cycle)
            page.set_cycle(cycle)
        elif page is not None:
            page.refresh()
        self.page_stack.setCurrentIndex(row)

    def show_page_named(self, form_name: str) -> None:
        """Show the page built from the form ``form_name`` (an empty state's button)."""
        for row, page in enumerate(self.pages):
            if page.form_name == form_name:
                self.show_page_at(row)
                return

    def run_action_named(self, name: str) -> None:
        """Run the window's action ``name`` (a page's empty state: import the scores …)."""
        actions = {IMPORT_SCORES_ACTION: self.import_scores_action}
        actions[name].trigger()

    def go_to_step(self, step: RoadStep) -> None:
        """A button of the start page's road: open the page where ``step`` is done (for a
        round, with that round chosen; for publishing, the website bundle's dialog)."""
        if step.key == StepKey.PUBLISH:
            self.export_action.trigger()
            return
        pages: dict[StepKey, Page] = {
            StepKey.SCORES: self.scores_page,
            StepKey.RATING: self.scores_page,
            StepKey.ANALYSIS: self.analysis_page,
            StepKey.MEASURES: self.measures_page,
            StepKey.MEMO: self.memo_page,
        }
        page = pages.get(step.key, self.tracking_page)
        self.show_page_at(self.pages.index(page))
        if page is self.tracking_page and step.round_months is not None:
            combo = self.tracking_page.round_combo
            combo.setCurrentIndex(combo.findData(step.round_months))

    def select_cycle(self, assessed_year: int) -> None:
        """Show the cycle whose assessed year is ``assessed_year`` (plan year one later)."""
        if self.cycle_combo.findData(assessed_year) < 0:
            self._fill_cycles(select=self.current_cycle)
        index = self.cycle_combo.findData(assessed_year)
        if index >= 0:  # a year the office has no cycle of leaves the choice as it was
            self.cycle_combo.setCurrentIndex(index)

    def _on_cycle_changed(self) -> None:
        cycle = self.current_cycle
        if cycle is None:
            return
        self.flush_pages()  # text typed for the previous cycle belongs to that cycle
        # Only the page in view is filled now: every page is filled with the toolbar's
        # cycle when it is shown (_on_page_changed), so a change costs one page, not nine.
        shown = self.page_stack.currentIndex()
        for row, page in enumerate(self.pages):
            if page.follows_cycle:
                page.show_header(cycle)
                if row == shown:
                    page.set_cycle(cycle)
        reason = self.services.cycles.can_remove(cycle)
        self.remove_year_action.setEnabled(reason is None)

    def _on_new_year(self) -> None:
        latest = self.services.frameworks.catalog.latest_year()
        nxt = AssessmentCycle(latest + 1)
        if not dialogs.ask_yes_no(
            self,
            "เริ่มรอบการประเมินปีใหม่",
            f"เริ่ม “{nxt.label_th}” โดยคัดลอกกรอบการประเมินของปี {latest}?\n"
            "ใช้เมื่อได้รับผลการประเมินของปีนั้นแล้ว (มาตรการของปีถัดไปวางแผนได้โดยไม่ต้องเริ่มปีใหม่)\n"
            "ตรวจสอบตัวชี้วัด รายการข้อ และเกณฑ์ระดับกับคู่มือของ ป.ป.ช. ของปีนั้นอีกครั้ง",
        ):
            return
        try:
            cycle = self.services.cycles.start_next()
        except UserError as error:
            dialogs.show_error(self, "เริ่มรอบการประเมินปีใหม่ไม่ได้", error.message)
            return
        self._fill_cycles(select=cycle)
        self.statusBar().showMessage(f"เริ่ม{cycle.label_th}แล้ว", 5000)

    def _on_remove_year(self) -> None:
        cycle = self.current_cycle
        if cycle is None:
            return
        reason = self.services.cycles.can_remove(cycle)
        if reason is not None:
            dialogs.show_error(self, "ลบรอบการประเมินไม่ได้", reason)
            return
        if not dialogs.ask_yes_no(
            self,
            "ลบรอบการประเมิน",
            f"ลบ “{cycle.label_th}” ที่เริ่มไว้โดยยังไม่มีข้อมูล?\n"
            "ลบเฉพาะกรอบการประเมินที่คัดลอกไว้ของปีนั้น ข้อมูลปีอื่นไม่เปลี่ยน",
        ):
            return
        try:
            self.services.cycles.remove(cycle)
        except UserError as error:
            dialogs.show_error(self, "ลบรอบการประเมินไม่ได้", error.message)
            return
        self._fill_cycles()
        self.statusBar().showMessage(f"ลบ{cycle.label_th}แล้ว", 5000)

    def _on_import_scores(self) -> None:
        cycle = self.current_cycle
        if cycle is None:
            return
        year = cycle.assessed_year
        from itadesk.ui.import_dialog import ImportDialog

        importer = ImportDialog(
            self.services, self.undo_stack, year, self._refresh_current_page, self
        )
        fit_to_screen(importer.dialog)
        if importer.exec() and importer.result_message_th:
            self.statusBar().showMessage(importer.result_message_th, 8000)

    def _on_export(self) -> None:
        cycle = self.current_cycle
        if cycle is None:
            return
        year = cycle.assessed_year
        from itadesk.ui.export_dialog import ExportDialog

        exporter = ExportDialog(self.services, year, self)
        fit_to_screen(exporter.dialog)
        exporter.exec()

    def _refresh_current_page(self) -> None:
        self._on_page_changed(self.nav_list.currentRow())

    # ------------------------------------------------------------------ backup

    def start_daily_backup(self) -> None:
        """One automatic backup a day, in the background; a problem is told, never fatal."""
        from datetime import date

        from itadesk.ui.workers import run_task

        service = self.services.backups

        def done(path: object) -> None:
            if path:
                self.statusBar().showMessage(f"สำรองข้อมูลประจำวันแล้ว: {path}", 8000)

        def failed(error: BaseException, _details: str) -> None:
            message = getattr(error, "message", None) or "สำรองข้อมูลประจำวันไม่สำเร็จ"
            self.statusBar().showMessage(f"คำเตือน: {message}", 20000)

        try:  # the folder is read here, on the database's thread
            job = service.daily_backup_job(date.today())
        except UserError as error:
            failed(error, "")
            return
        run_task(job, done, failed)

    def start_warm_up(self) -> None:
        """Right after the window shows: load the PDF engine, the break dictionary and the
        fonts in the background, so the first preview is as fast as later ones. A problem
        here only means the first document pays for it; it is logged, never shown."""
        from itadesk.ui.workers import run_task

        try:
            job = self.services.documents.warm_up_job()
        except UserError as error:
            log.info("no warm-up: %s", error.message)
            return

        def failed(error: BaseException, details: str) -> None:
            log.warning("warm-up failed: %s\n%s", error, details)

        run_task(job, lambda _result: None, failed)

    def _on_backup(self) -> None:
        from itadesk.ui.workers import run_task

        service = self.services.backups
        folder = dialogs.choose_folder(self, "เลือกโฟลเดอร์เก็บไฟล์สำรอง", service.default_dir)
        if folder is None:
            return
        self.statusBar().showMessage("กำลังสำรองข้อมูล…")

        def done(path: object) -> None:
            self.statusBar().clearMessage()
            dialogs.show_info(self, "สำรองข้อมูลแล้ว", f"เก็บไฟล์สำรองไว้ที่\n{path}")

        def failed(error: BaseException, _details: str) -> None:
            self.statusBar().clearMessage()
            message = getattr(error, "message", None) or "สำรองข้อมูลไม่สำเร็จ ข้อมูลเดิมยังอยู่ครบ"
            dialogs.show_error(self, "สำรองข้อมูลไม่สำเร็จ", message)

        run_task(lambda: service.backup_now(folder), done, failed)

    def _on_restore(self) -> None:
        from itadesk.services.backup import BackupService

        path = dialogs.choose_open_file(
            self, "เลือกไฟล์สำรอง", "ไฟล์สำรอง ITADesk (*.itadesk-backup.zip);;ทุกไฟล์ (*)"
        )
        if path is None:
            return
        try:
            info = BackupService.inspect(path)
        except UserError as error:
            dialogs.show_error(self, "ใช้ไฟล์สำรองนี้ไม่ได้", error.message)
            return
        created = format_thai_date(info.created_at, "numeric")
        if not dialogs.ask_yes_no(
            self,
            "กู้คืนจากไฟล์สำรอง",
            f"กู้คืนข้อมูลของ {info.office_name or 'หน่วยงาน'} ที่สำรองไว้เมื่อ {created} "
            f"(ไฟล์หลักฐาน {info.attachment_count} ไฟล์)?\n"
            "ข้อมูลปัจจุบันจะถูกเก็บเป็นไฟล์สำรองในโฟลเดอร์ backups ก่อน แล้วโปรแกรมจะเปิดใหม่",
        ):
            return
        self.pending_restore = path
        self.leave_event_loop()

    def leave_event_loop(self) -> None:
        """End app.exec() so run_application can swap the database (tests replace this)."""

        QApplication.exit(0)  # static: ends the running app.exec()

    def show_guide(self) -> None:
        """The user guide beside the window (not modal), at the section of the page in view;
        one guide window, brought to the front when it is already open."""
        from itadesk.ui.guide import GuideWindow

        if self.guide_window is None or not shiboken6.isValid(self.guide_window):
            self.guide_window = GuideWindow(self)
        guide = self.guide_window
        guide.show()
        row = self.nav_list.currentRow()
        if 0 <= row < len(self.pages):
            guide.show_section(self.pages[row].title)
        guide.raise_()
        guide.activateWindow()

    def _on_about(self) -> None:
        dialogs.show_info(
            self,
            "เกี่ยวกับ ITADesk",
            f"ITADesk รุ่น {__version__}\nโปรแกรมช่วยงานการประเมินคุณธรรมและความโปร่งใส (ITA) "
            "ขององค์กรปกครองส่วนท้องถิ่น ทำงานได้โดยไม่ต้องใช้อินเทอร์เน็ต\n"
            "แบบอักษร Sarabun ใช้ตามสัญญาอนุญาต SIL Open Font License 1.1",
        )


def _name_step(action: QAction, verb: str, step: str, shortcut: QKeySequence) -> None:
    """An undo or redo action named after its step: shortened in the menu, whole in the
    tooltip; the toolbar keeps showing the verb alone (its iconText)."""
    action.setText(f"{verb} {shorten(step, UNDO_MENU_CHARACTERS)}".strip())
    keys = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
    tip = f"{verb} {step}".strip() + (f" ({keys})" if keys else "")
    action.setToolTip(wrap_tooltip(tip))
