"""Build the QApplication: Thai UI font from resources/fonts, the one application style sheet
(resources/ui/app.qss, see ui/styles.py), Qt's own words in Thai (resources/i18n), Thai line
breaking at the documents' word boundaries, crash handler, main window."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from itadesk.errors import UserError
from itadesk.paths import fonts_dir, resource_path
from itadesk.services.session import CloudFolderError, OfficeSession, copy_office_to
from itadesk.ui.styles import application_style_sheet
from itadesk.ui.thai_wrap import use_thai_word_breaks

log = logging.getLogger(__name__)
UI_FONT_FAMILY = "Sarabun"
UI_FONT_POINT_SIZE = 11
EXIT_WHEN_SHOWN_ENV = "ITADESK_EXIT_WHEN_SHOWN"
BACKGROUND_DELAY_MS = 300  # after the window is shown: the daily backup, the warm-up


def ensure_application() -> QApplication:
    use_thai_word_breaks()  # before Qt lays out its first line of Thai
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("ITADesk")
        app.setOrganizationName("ITADesk")
        app.setApplicationDisplayName("ITADesk")
    assert isinstance(app, QApplication)
    load_ui_fonts()
    install_thai_translations(app)
    app.setFont(QFont(UI_FONT_FAMILY, UI_FONT_POINT_SIZE))
    if not app.styleSheet():
        # The only style sheet in the program: widgets get roles, app.qss says how they look.
        app.setStyleSheet(application_style_sheet())
    return app


THAI = QLocale(QLocale.Language.Thai, QLocale.Country.Thailand)
QT_THAI_TRANSLATION = "qtbase_th.qm"
_translated_app: QApplication | None = None


def install_thai_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own words (standard buttons, Show Details…, file and print dialogs, the text
    boxes' context menu) in Thai, once per application. Qt's qtbase translation for Thai is
    loaded first if this Qt ever ships one (PySide6 6.12 does not); ITADesk's own
    resources/i18n/qtbase_th.qm is installed last, so Qt asks it first."""
    global _translated_app
    if _translated_app is app:
        return app.findChildren(QTranslator, "itadesk_qt_thai")
    installed = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [
        (THAI, "qtbase", "_", qt_folder),
        (str(resource_path("i18n", QT_THAI_TRANSLATION)),),
    ]
    for arguments in candidates:
        translator = QTranslator(app)
        translator.setObjectName("itadesk_qt_thai")
        # each tuple matches one of load()'s overloads, which mypy cannot tell from *arguments
        loaded = translator.load(*arguments)  # type: ignore[arg-type]
        if loaded and app.installTranslator(translator):
            installed.append(translator)
        else:
            translator.deleteLater()
    if not any(t.filePath().endswith(QT_THAI_TRANSLATION) for t in installed):
        log.error("Qt's Thai translation %s could not be loaded", QT_THAI_TRANSLATION)
    _translated_app = app
    return installed


_fonts_loaded = False


def load_ui_fonts() -> list[str]:
    """Register the bundled Thai fonts with Qt; fall back to loading from bytes because
    Windows' untrusted-font policy can refuse file paths."""
    global _fonts_loaded
    families: list[str] = []
    if _fonts_loaded:
        return families
    for path in sorted(fonts_dir().glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id == -1:
            font_id = QFontDatabase.addApplicationFontFromData(path.read_bytes())
        if font_id == -1:
            log.error("could not load font %s", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    _fonts_loaded = True
    return families


def install_crash_handler(log_path: Path | None) -> None:
    def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        log.critical("unhandled error\n%s", details)
        from itadesk.ui import dialogs

        try:
            dialogs.show_crash(QApplication.activeWindow(), details, log_path)
        except Exception:  # the crash dialog must never itself crash the app
            log.exception("crash dialog failed")

    sys.excepthook = handle


def show_startup_error(message: str) -> None:
    ensure_application()
    from itadesk.ui import dialogs

    dialogs.show_error(None, "เปิดฐานข้อมูลไม่ได้", message)


def run_application(session: OfficeSession, *, log_path: Path | None = None) -> int:
    """Show the main window until the clerk quits. A restore from a backup is done by the
    session (which keeps the file locked throughout); a fresh window then shows the restored
    data. The caller closes the session."""
    app = ensure_application()
    install_crash_handler(log_path)
    from itadesk.ui.main_window import MainWindow

    message: str | None = None
    while True:
        window = MainWindow(session)
        font_warning = session.services.settings.document_fonts_warning()
        if font_warning:
            window.statusBar().showMessage(font_warning, 15000)
        window.show()
        if message is None:
            tell_notices(window, session.notices_th)
        if message:
            window.statusBar().showMessage(message, 20000)
        # The background work starts once the first frame is up: its imports would hold
        # Python's lock while the window paints (about 0.2 s later on a 2-core PC).
        if not message:
            QTimer.singleShot(BACKGROUND_DELAY_MS, window, window.start_daily_backup)
        QTimer.singleShot(BACKGROUND_DELAY_MS, window, window.start_warm_up)
        if os.environ.get(EXIT_WHEN_SHOWN_ENV):
            # benchmarks/startup.py: report once the first frame is up, then leave.
            def report_and_quit() -> None:
                print("ITADESK_WINDOW_SHOWN", flush=True)
                app.quit()

            QTimer.singleShot(0, report_and_quit)
        code = app.exec()
        from itadesk.ui.workers import wait_for_tasks

        wait_for_tasks()  # a daily backup may still be writing: let it finish cleanly
        backup = window.pending_restore
        window.deleteLater()
        if backup is None:
            return code
        message = restore_message(session, backup)


def tell_notices(window: QWidget, notices: tuple[str, ...]) -> None:
    """Tell the clerk, once when the file is opened, where it is and what the app does about
    it, and about a ``-wal`` from elsewhere that was set aside (after the window is up)."""
    from itadesk.ui import dialogs

    def tell() -> None:
        for notice in notices:
            dialogs.show_info(window, "ที่เก็บฐานข้อมูล", notice)

    if notices:
        QTimer.singleShot(0, window, tell)


def offer_copy_to_pc(error: CloudFolderError, db_path: Path) -> Path | None:
    """The database is in a cloud-synced folder: offer to copy it (and its evidence files) to
    this PC and to back up into the synced folder instead. Returns the copy to open, or None
    (the clerk declined, or the copy failed: told why). The original is never changed."""
    from itadesk.ui import dialogs

    ensure_application()
    if error.suggested is None:
        dialogs.show_error(None, "เปิดฐานข้อมูลไม่ได้", error.message)
        return None
    question = (
        f"{error.message}\n\nคัดลอกฐานข้อมูลและไฟล์หลักฐานไปไว้ที่ “{error.suggested}” แล้วเปิดจากที่นั่น"
        " และตั้งให้สำรองข้อมูลอัตโนมัติไปไว้ในโฟลเดอร์ที่ซิงก์เดิม?"
        " (ไฟล์เดิมในโฟลเดอร์ที่ซิงก์ยังอยู่ครบ ไม่ถูกลบหรือแก้ไข)"
    )
    if not dialogs.ask_yes_no(None, "ฐานข้อมูลอยู่ในโฟลเดอร์ที่ซิงก์กับคลาวด์", question):
        return None
    try:
        return copy_office_to(db_path, error.suggested)
    except UserError as failure:
        dialogs.show_error(None, "คัดลอกฐานข้อมูลไม่สำเร็จ", failure.message)
        return None


def restore_message(session: OfficeSession, backup: Path) -> str:
    """Restore ``backup`` into the session's office and say in Thai what happened."""
    try:
        result = session.restore(backup)
    except UserError as error:
        return f"กู้คืนไม่สำเร็จ ข้อมูลเดิมยังอยู่ครบ: {error.message}"
    if result.safety_backup:
        return f"กู้คืนข้อมูลจาก {backup.name} แล้ว — ข้อมูลเดิมเก็บสำรองไว้ที่ {result.safety_backup}"
    return f"กู้คืนข้อมูลจาก {backup.name} แล้ว"
