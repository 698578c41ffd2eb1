"""Every dialog the app can open speaks Thai: the app's own boxes and Qt's (standard buttons,
Show Details…, file and folder choosers, the print dialog, the text boxes' context menu).

Each dialog is opened by its real trigger (a menu action, a button click, a right click); a
poll on the event loop finds it once it is shown, notes every visible word a clerk reads
(buttons, labels, titles, headers, combo items, menu entries), and closes it. Qt's own file
chooser is the one these tests see: the offscreen platform has no native one, as on a Linux
desktop without a platform theme.
"""

from __future__ import annotations

import re
import sys
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QWidget,
)

from itadesk.ui import dialogs

REAL = {
    name: getattr(dialogs, name)
    for name in ("show_error", "show_info", "ask_yes_no", "show_crash", "ask_done_date")
}

# What may stay Latin: the ITA's codes and terms, file kinds, the app's and fonts' names, paths and
# links (the clerk's own data), the fonts' licence, keyboard key names in shortcuts, and
# paper-size codes.
ALLOWED = re.compile(
    r"https?://\S+|www\.\S+"
    r"|(?:[A-Za-z]:)?[\\/][^\s]*"  # a path
    r"|[\w*-]*\.[A-Za-z][\w.-]*"  # a file name, extension or pattern
    r"|\b(?:ITADesk|ITA|IIT|EIT|OIT|O\d+|i\d+|e\d+|PDF|CSV|JSON|XLSX|ZIP|URL|PNG|JPG|JPEG|TTF|OTF)\b"
    r"|\b(?:Excel|Word|TrueType|OpenType|No Gift(?: Policy)?)\b"  # programs, formats, the policy
    r"|\((?:measures|results)(?:, (?:measures|results))*\)"  # the web bundle's folder names
    r"|\b(?:TH Sarabun New|TH SarabunPSK|Sarabun|Laksaman|SIL Open Font License)\b"
    r"|\b(?:Ctrl|Shift|Alt|Del|Ins|Esc|Tab|Backspace|Enter|Return|Space|Home|End|PgUp|PgDown)\b"
    r"|\b(?:ANSI|JIS|PRC|DL|US|CC|DD)\b"
)
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str) -> list[str]:
    return ENGLISH_WORD.findall(ALLOWED.sub(" ", text))


def texts_shown_by(widget: QWidget) -> list[str]:
    """What a clerk reads on ``widget``: visible buttons, labels, group titles, tab and
    header captions, combo box items, menu entries, and the window title."""
    texts = [widget.windowTitle()]
    if isinstance(widget, QMenu):
        texts += [action.text() for action in widget.actions() if action.isVisible()]
    for button in widget.findChildren(QAbstractButton):
        if button.isVisible():
            texts += [button.text(), button.toolTip()]
    for label in widget.findChildren(QLabel):
        if label.isVisible():
            texts.append(label.text())
    for group in widget.findChildren(QGroupBox):
        if group.isVisible():
            texts.append(group.title())
    for tabs in widget.findChildren(QTabBar):
        if tabs.isVisible():
            texts += [tabs.tabText(i) for i in range(tabs.count())]
    for combo in widget.findChildren(QComboBox):
        if combo.isVisible():
            texts += [combo.itemText(i) for i in range(combo.count())]
    for header in widget.findChildren(QHeaderView):
        model = header.model()
        if header.isVisible() and model is not None:
            for section in range(header.count()):
                if not header.isSectionHidden(section):
                    texts.append(str(model.headerData(section, header.orientation()) or ""))
    for edit in widget.findChildren(QLineEdit):
        if edit.isVisible():
            texts.append(edit.placeholderText())
    return [text for text in texts if text]


@dataclass
class Seen:
    kind: str
    texts: list[str]
    widget_type: str

    def english(self) -> list[str]:
        return [word for text in self.texts for word in english_words(text)]


@dataclass
class DialogWalker:
    """Answers the dialogs and menus that open, in order: each step gets the widget once it
    is shown, after its words are noted. The poll re-arms itself before a step runs, so a
    step may open a nested dialog (its own exec) that the next step answers."""

    steps: deque = field(default_factory=deque)
    seen: list[Seen] = field(default_factory=list)
    handled: set[int] = field(default_factory=set)

    def then(self, kind: str, act: Callable[[QWidget], None]) -> DialogWalker:
        self.steps.append((kind, act))
        if len(self.steps) == 1:
            QTimer.singleShot(0, self._poll)
        return self

    def _poll(self) -> None:
        if not self.steps:
            return
        app = QApplication.instance()
        shown = app.activePopupWidget() or app.activeModalWidget()
        if shown is None or not shown.isVisible() or id(shown) in self.handled:
            QTimer.singleShot(10, self._poll)
            return
        self.handled.add(id(shown))
        kind, act = self.steps.popleft()
        self.seen.append(Seen(kind, texts_shown_by(shown), type(shown).__name__))
        QTimer.singleShot(10, self._poll)
        try:
            act(shown)
        except BaseException:
            close(shown)  # a failed step must not leave a modal dialog hanging the run
            raise
        # Back from the step (and any dialog it opened): a later step may answer this
        # dialog again.
        self.handled.discard(id(shown))

    def done(self) -> bool:
        return not self.steps


def close(widget: QWidget) -> None:
    if isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.close()


def click(name_or_text: str) -> Callable[[QWidget], None]:
    """Click the button with this object name or this exact text."""

    def act(widget: QWidget) -> None:
        for button in widget.findChildren(QAbstractButton):
            if button.objectName() == name_or_text or button.text() == name_or_text:
                button.click()
                return
        raise AssertionError(f"no button {name_or_text!r} in {widget}")

    return act


def then_close(act: Callable[[QWidget], None]) -> Callable[[QWidget], None]:
    def both(widget: QWidget) -> None:
        act(widget)
        close(widget)

    return both


def assert_all_thai(walker: DialogWalker, expected_kinds: list[str]) -> None:
    assert walker.done(), f"dialogs not seen: {[kind for kind, _ in walker.steps]}"
    assert [seen.kind for seen in walker.seen] == expected_kinds
    english = {seen.kind: seen.english() for seen in walker.seen if seen.english()}
    assert english == {}, [seen.texts for seen in walker.seen if seen.english()]


@pytest.fixture
def real_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real message boxes and date question, not conftest's recorders."""
    for name, function in REAL.items():
        monkeypatch.setattr(dialogs, name, function)


def wait_for(qtbot, walker: DialogWalker) -> None:
    qtbot.waitUntil(walker.done, timeout=10_000)


def test_main_window_menus_open_thai_dialogs(qtbot, make_window, scored_services, real_boxes):
    window = make_window(scored_services)
    walker = DialogWalker()
    # Back up: the folder chooser (Qt's own here), cancelled.
    walker.then("folder chooser", close)
    window.backup_action.trigger()
    # Restore: the file chooser, its detail view and file-type list, cancelled.
    walker.then("file chooser", then_close(click("detailModeButton")))
    window.restore_action.trigger()
    # A new assessment cycle: the Yes/No question, answered No.
    walker.then("question", click("ไม่"))
    window.new_year_action.trigger()
    # About: an information box.
    walker.then("information", close)
    about = next(
        action
        for menu in window.menuBar().actions()
        for action in menu.menu().actions()
        if action.text().startswith("เกี่ยวกับ")
    )
    about.trigger()
    wait_for(qtbot, walker)
    assert_all_thai(walker, ["folder chooser", "file chooser", "question", "information"])
    file_chooser = walker.seen[1]
    assert "ค้นหาใน(&L):" in file_chooser.texts and "ชื่อไฟล์(&N):" in file_chooser.texts
    assert "ยกเลิก" in file_chooser.texts and "ชื่อ" in file_chooser.texts  # header
    assert "เลือก(&C)" in walker.seen[0].texts


def test_the_choosers_open_in_documents_not_the_working_folder(
    qtbot, make_window, scored_services, tmp_path, monkeypatch
):
    documents = tmp_path / "Documents"  # the XDG default, no user-dirs.dirs here
    documents.mkdir()
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.setattr(dialogs, "_last_folder", None)
    monkeypatch.chdir(tmp_path)
    window = make_window(scored_services)
    folders: list[str] = []
    walker = DialogWalker()
    walker.then("export", click("browse_button"))
    walker.then(
        "folder chooser",
        lambda chooser: (folders.append(chooser.directory().path()), close(chooser)),
    )
    walker.then("export closed", close)
    window.export_action.trigger()
    wait_for(qtbot, walker)
    assert folders == [str(documents)]


def test_dialogs_of_the_file_menu_and_their_choosers(
    qtbot, make_window, scored_services, real_boxes
):
    window = make_window(scored_services)
    walker = DialogWalker()
    walker.then("import", click("choose_file_button"))
    walker.then("score file chooser", close)
    walker.then("import again", click("save_template_button"))
    walker.then("example file chooser", close)
    walker.then("import last", close)
    window.import_scores_action.trigger()
    walker.then("export", click("browse_button"))
    walker.then("export folder chooser", close)
    walker.then("export again", click("add_signed_button"))
    walker.then("signed memo chooser", close)
    walker.then("export last", close)
    window.export_action.trigger()
    wait_for(qtbot, walker)
    assert_all_thai(
        walker,
        [
            "import",
            "score file chooser",
            "import again",
            "example file chooser",
            "import last",
            "export",
            "export folder chooser",
            "export again",
            "signed memo chooser",
            "export last",
        ],
    )


def test_page_dialogs_are_thai(qtbot, make_window, scored_services, real_boxes):
    for entry in scored_services.measures.catalogue()[:2]:
        scored_services.measures.add_from_catalogue(2569, entry.key)
    window = make_window(scored_services)
    walker = DialogWalker()
    # The measure catalogue (OK/Cancel box from a .ui form).
    window.nav_list.setCurrentRow(window.pages.index(window.measures_page))
    walker.then("catalogue", close)
    qtbot.mouseClick(
        window.measures_page.widget.findChild(QPushButton, "add_catalogue_button"),
        Qt.MouseButton.LeftButton,
    )
    # Tracking: evidence file chooser and the link question.
    window.select_cycle(2568)
    tracking = window.tracking_page
    window.nav_list.setCurrentRow(window.pages.index(tracking))
    shown = tracking.tree.model()
    tracking.tree.setCurrentIndex(shown.index(0, 0, shown.index(0, 0)))
    walker.then("evidence chooser", close)
    qtbot.mouseClick(
        tracking.widget.findChild(QPushButton, "add_file_button"), Qt.MouseButton.LeftButton
    )
    walker.then("link question", close)
    qtbot.mouseClick(
        tracking.widget.findChild(QPushButton, "add_link_button"), Qt.MouseButton.LeftButton
    )
    # Memo: the emblem image chooser. Settings: the font chooser.
    window.nav_list.setCurrentRow(window.pages.index(window.memo_page))
    walker.then("emblem chooser", close)
    qtbot.mouseClick(
        window.memo_page.widget.findChild(QPushButton, "emblem_button"), Qt.MouseButton.LeftButton
    )
    window.nav_list.setCurrentRow(window.pages.index(window.settings_page))
    walker.then("font chooser", close)
    qtbot.mouseClick(
        window.settings_page.widget.findChild(QPushButton, "regular_button"),
        Qt.MouseButton.LeftButton,
    )
    wait_for(qtbot, walker)
    assert_all_thai(
        walker,
        ["catalogue", "evidence chooser", "link question", "emblem chooser", "font chooser"],
    )
    assert {"ตกลง", "ยกเลิก"} <= set(walker.seen[2].texts)


def test_the_done_date_question_is_thai(qtbot, real_boxes):
    from datetime import date

    walker = DialogWalker()
    walker.then("done date", close)
    answer = dialogs.ask_done_date(
        None, "วันที่ดำเนินการ", "ทำเสร็จเมื่อใด", date(2026, 3, 1), lambda d: []
    )
    assert answer is None
    assert_all_thai(walker, ["done date"])
    assert {"ตกลง", "ยกเลิก"} <= set(walker.seen[0].texts)


def test_the_crash_box_shows_and_hides_details_in_thai(qtbot, monkeypatch, real_boxes):
    from itadesk.ui.application import ensure_application, install_crash_handler

    ensure_application()
    # Windows of earlier tests still waiting for deletion must not parent the box.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    install_crash_handler(None)
    labels: list[str] = []

    def open_details_then_close(box: QWidget) -> None:
        details = next(
            b for b in box.findChildren(QPushButton) if b.text().startswith("แสดงรายละเอียด")
        )
        details.click()
        labels.append(details.text())
        close(box)

    walker = DialogWalker().then("crash", open_details_then_close)
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert_all_thai(walker, ["crash"])
    assert "แสดงรายละเอียด…" in walker.seen[0].texts
    assert labels == ["ซ่อนรายละเอียด…"]


def test_the_preview_prints_and_saves_through_thai_dialogs(
    qtbot, make_window, demo_services, real_boxes
):
    window = make_window(demo_services)
    window.select_cycle(2568)
    window.nav_list.setCurrentRow(window.pages.index(window.memo_page))
    page = window.memo_page
    qtbot.mouseClick(
        page.widget.findChild(QPushButton, "preview_memo_button"), Qt.MouseButton.LeftButton
    )
    preview = page.previews[-1]
    qtbot.waitUntil(lambda: preview.ready or bool(preview.error_message), timeout=30_000)
    assert preview.ready, preview.error_message
    walker = DialogWalker()
    walker.then("print dialog", close)
    preview.toolbar.widgetForAction(preview.print_action).click()
    walker.then("save as", close)
    preview.toolbar.widgetForAction(preview.save_action).click()
    wait_for(qtbot, walker)
    preview_words = [w for t in texts_shown_by(preview) for w in english_words(t)]
    preview.close()
    assert_all_thai(walker, ["print dialog", "save as"])
    assert preview_words == []
    assert "พิมพ์" in walker.seen[0].texts


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_text_box_context_menus_are_thai(qtbot, make_window, scored_services):
    window = make_window(scored_services)
    window.nav_list.setCurrentRow(window.pages.index(window.analysis_page))
    summary_or_first = next(iter(window.analysis_page.editors.values()))
    box: QPlainTextEdit = summary_or_first.editor
    line: QLineEdit = next(
        e for e in window.office_page.widget.findChildren(QLineEdit) if not e.isReadOnly()
    )
    window.nav_list.setCurrentRow(window.pages.index(window.office_page))
    walker = DialogWalker()
    walker.then("line menu", close)
    QApplication.sendEvent(line, right_click())
    window.nav_list.setCurrentRow(window.pages.index(window.analysis_page))
    walker.then("text box menu", close)
    QApplication.sendEvent(box.viewport(), right_click())
    wait_for(qtbot, walker)
    assert_all_thai(walker, ["line menu", "text box menu"])
    for seen in walker.seen:
        entries = {text.split("\t")[0] for text in seen.texts}  # without the shortcut
        assert {"คัดลอก(&C)", "วาง(&P)", "เลือกทั้งหมด"} <= entries, seen.texts


def right_click() -> QContextMenuEvent:
    return QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(4, 4), QPoint(4, 4))


def test_no_dialog_asks_qt_for_its_widget_file_dialog() -> None:
    """Native choosers where the platform has them: nothing in the app opts out."""
    from pathlib import Path

    import itadesk

    package = Path(itadesk.__file__).parent
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "DontUseNativeDialog" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
