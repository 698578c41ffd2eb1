"""Ctrl+Z and Ctrl+Y while typing: the text box's own undo first, as in Word and Excel, and
the window's history only when the box has nothing of its own to undo (``TypingUndoFirst``);
the keys that undo and redo on every platform (Ctrl+Y too, as on Windows)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

UNDO = "undo"
REDO = "redo"
# Ctrl+Y redoes everywhere, as on Windows; Linux desktops bind only Ctrl+Shift+Z to redo.
CTRL_Y = QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Y)

TextBox = QLineEdit | QPlainTextEdit | QTextEdit


def undo_keys() -> list[QKeySequence]:
    return QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)


def redo_keys() -> list[QKeySequence]:
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    return keys if CTRL_Y in keys else [*keys, CTRL_Y]


def undo_step_of(event: QKeyEvent) -> str | None:
    """UNDO or REDO when the key pressed is one of the undo or redo keys."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return UNDO
    if event.matches(QKeySequence.StandardKey.Redo) or (
        QKeySequence(event.keyCombination()) == CTRL_Y
    ):
        return REDO
    return None


def editable_text_box(widget: QObject) -> TextBox | None:
    """The text box typed into when ``widget`` has the focus (for an editable combo or a spin
    box, the line edit inside it); None when typing there is not possible."""
    box: QObject | None = widget
    if isinstance(widget, QComboBox):
        box = widget.lineEdit() if widget.isEditable() else None
    elif isinstance(widget, QAbstractSpinBox):
        box = widget.findChild(QLineEdit)
    if isinstance(box, TextBox) and not box.isReadOnly():
        return box
    return None


def has_typing_to(step: str, box: TextBox) -> bool:
    history = box if isinstance(box, QLineEdit) else box.document()
    return history.isUndoAvailable() if step == UNDO else history.isRedoAvailable()


class TypingUndoFirst(QObject):
    """Ctrl+Z / Ctrl+Y undo and redo the typing in the focused text box while it has typing
    to undo or redo; otherwise (or once it has none left) they undo and redo the window's
    steps.

    Qt text boxes claim the undo keys whenever they have the focus (they accept the
    ShortcutOverride event that comes before every shortcut), so the window's actions would
    never get them from inside a box. This filter sits on the focused text box of the window
    and decides instead: with typing to undo, it claims the key and undoes the typing; with
    none, it refuses the claim and the key reaches the window's undo or redo action."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._watched: QWidget | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # instance() is typed as the core application
        app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = None
        if (
            new is not None
            and shiboken6.isValid(self._window)
            and new.window() is self._window
            and editable_text_box(new) is not None
        ):
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        box = editable_text_box(watched)
        step = undo_step_of(event)
        if box is None or step is None:
            return False
        if not has_typing_to(step, box):
            if kind == QEvent.Type.ShortcutOverride:
                event.ignore()  # not claimed: the shortcut goes to the window's action
                return True
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # claimed: the key press comes to the box
            return True
        if step == UNDO:
            box.undo()
        else:
            box.redo()
        return True
