from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The GUI tests read printed PDFs back with the documents suite's helpers (doc_helpers).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))


@pytest.fixture(autouse=True)
def _private_window_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Remembered window sizes and splitter positions go to the test's own folder (in this
    process through QSettings.setPath, in a child process through XDG_CONFIG_HOME)."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "window-settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Modal boxes would hang the test run: record what would have been shown instead."""
    from itadesk.ui import dialogs

    shown: dict[str, list] = {"error": [], "info": [], "question": [], "crash": [], "date": []}
    monkeypatch.setattr(dialogs, "show_error", lambda p, t, m: shown["error"].append(m))
    monkeypatch.setattr(dialogs, "show_info", lambda p, t, m: shown["info"].append(m))
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, m: shown["question"].append(m) or True)
    monkeypatch.setattr(dialogs, "show_crash", lambda p, d, log: shown["crash"].append(d))
    # An unexpected date question is recorded and cancelled (a test that expects one patches it).
    monkeypatch.setattr(
        dialogs, "ask_done_date", lambda p, t, prompt, *rest: shown["date"].append(prompt)
    )
    return shown


@pytest.fixture
def make_window(qtbot, request) -> Iterator:
    """A shown main window over the test's office session; pass the session, or the services
    of the ``session`` fixture (demo_services, scored_services …)."""
    from itadesk.services.session import OfficeSession
    from itadesk.ui.application import ensure_application
    from itadesk.ui.main_window import MainWindow

    ensure_application()
    windows = []

    def make(services_or_session):
        session = services_or_session
        if not isinstance(session, OfficeSession):
            session = request.getfixturevalue("session")
            assert session.services is services_or_session, "pass the session of these services"
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.undo_stack.clear()


@pytest.fixture
def type_text(qtbot):
    """Type text key by key. QTest.keyClicks asserts on non-ASCII characters, so Thai is sent
    as key events carrying the text, as a Thai keyboard layout would."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    def type_into(widget, text: str) -> None:
        for character in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(
                    kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character
                )
                QApplication.sendEvent(widget, event)

    return type_into


@pytest.fixture
def type_in_cell(qtbot, type_text):
    """Type into a table cell as a clerk does: select it, F2 (unless an editor is already
    open there), type, Return. The pages save from a zero timer after itemChanged returns,
    so the event loop runs briefly afterwards."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit

    def type_into(table, row: int, column: int, text: str) -> None:
        if table.state() != QAbstractItemView.State.EditingState:
            table.setCurrentCell(row, column)
            qtbot.keyClick(table, Qt.Key.Key_F2)
        # The cell's editor (offscreen windows are never active, so no focus widget).
        editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
        assert len(editors) == 1, editors
        editor = editors[0]
        qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.wait(20)

    return type_into


@pytest.fixture
def choose_by_typing(qtbot, type_text):
    """Pick a combo box item by typing its first letter, as with the keyboard (offscreen Qt
    cannot show the popup list without warnings). Keys typed within the keyboard input
    interval extend the previous search, so that interval is waited out first."""
    from PySide6.QtWidgets import QApplication

    def choose(combo, text: str) -> None:
        qtbot.wait(QApplication.keyboardInputInterval() + 50)
        with qtbot.waitSignal(combo.activated, timeout=1000) as chosen:
            type_text(combo, text[0])
        # The item the clerk chose (a page may have put back a refused choice since).
        assert combo.itemText(chosen.args[0]).startswith(text), (chosen.args, text)
        qtbot.wait(20)  # a page may save from a zero timer

    return choose


@pytest.fixture(autouse=True)
def _drain_worker_threads() -> Iterator[None]:
    """Background renders and backups must not outlive the test that started them."""
    yield
    from itadesk.ui.workers import wait_for_tasks

    assert wait_for_tasks(60_000), "a background task did not finish"
