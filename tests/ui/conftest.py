from __future__ import annotations

from collections.abc import Iterator

import pytest


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
def make_window(qtbot) -> Iterator:
    from itadesk.ui.application import ensure_application
    from itadesk.ui.main_window import MainWindow

    ensure_application()
    windows = []

    def make(services):
        window = MainWindow(services)
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


@pytest.fixture(autouse=True)
def _drain_worker_threads() -> Iterator[None]:
    """Background renders and backups must not outlive the test that started them."""
    yield
    from itadesk.ui.workers import wait_for_tasks

    assert wait_for_tasks(60_000), "a background task did not finish"
