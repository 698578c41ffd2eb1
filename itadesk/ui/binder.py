"""Autosave for every page, written once: a widget is bound to the page's save for it, and the
``CommitBinder`` decides when that save runs.

- **Typing in a text box** (QPlainTextEdit, QTextEdit, a spin box) is saved after a pause
  (``COMMIT_DELAY_MS``) and at once when the box loses the focus.
- **A one-line box** (QLineEdit, an editable combo's line) is saved on Enter and when it
  loses the focus (``editingFinished``); a half-typed date is not an error yet.
- **A choice** (a combo picked, a check box toggled) is saved at once.
- **A list or table edited in place** (``itemChanged``, rows dragged) is saved from a zero
  timer, never inside the view's own signal: the save refreshes the page, which rebuilds
  the items Qt is still using.
- **Before anything changes** (another page or cycle, undo or redo, a preview, closing the
  window) the page's ``flush()`` saves whatever is still waiting.

A save is a callable of no arguments that writes through a service (one undo step) and
returns; it refuses by raising ``UserError`` with a Thai message naming the field. The
binder shows that message (the page's error label) and leaves the widgets as the clerk typed
them, still waiting: the next commit or flush tries again. Nothing typed is wiped.

While a page puts saved values into its widgets it says so with ``with binder.loading():``
(instead of a ``_loading`` flag on every page); the widgets' signals are then ignored. A save
already under way is never started again from inside itself (a message box opened while
saving takes the focus, and that focus-out must not save, and ask, twice).

Why not ``QDataWidgetMapper``: it maps the columns of one item model row to widgets, while
these forms stand over domain values (an office profile, a memo's settings, one measure) that
are saved whole, validated by the domain and pushed as one undo command; every form would
need a model written only to feed the mapper. The mapper commits only on focus change or by
hand (no pause for long text), and reverts a widget to the model when a write is refused,
where the clerk's typing must stay on screen with the reason."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from itadesk.errors import UserError

COMMIT_DELAY_MS = 1200  # the pause in typing after which a text box is saved

Save = Callable[[], object]


class _Binding(QObject):
    """One widget bound to one save. The widget's signals reach the binder through this
    object's methods, so they stop when either the widget or the binder is gone; it is also
    the text box's focus-out filter."""

    def __init__(self, binder: CommitBinder, widget: QWidget, save: Save) -> None:
        super().__init__(binder)
        self._binder = binder
        self.save = save
        self.active = True  # False once the page forgets the save (its widget is going)
        widget.destroyed.connect(self.deleteLater)

    def on_edited(self, *_args: object) -> None:
        if self.active:
            self._binder.mark(self.save)

    def on_typed(self, *_args: object) -> None:
        if self.active:
            self._binder.mark(self.save, after_pause=True)

    def on_item_changed(self, *_args: object) -> None:
        if self.active:
            self._binder.mark(self.save, soon=True)

    def on_finished(self, *_args: object) -> None:
        if self.active:
            self._binder.commit(self.save)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only typing not yet saved: a box also loses the focus while it is destroyed, when
        # its save must not read it.
        if self.active and event.type() == QEvent.Type.FocusOut:
            self._binder.commit_waiting(self.save)
        return False


class CommitBinder(QObject):
    """Runs a page's saves at the right moments (see the module docstring)."""

    def __init__(
        self,
        parent: QObject,
        on_refused: Callable[[str], None],
        delay_ms: int = COMMIT_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._on_refused = on_refused
        self._loading_depth = 0
        self._saving = False
        # Insertion-ordered sets: saves with changes not yet saved, and those a timer runs.
        self._waiting: dict[Save, None] = {}
        self._after_pause: dict[Save, None] = {}
        self._soon: dict[Save, None] = {}
        self._pause_timer = QTimer(self)
        self._pause_timer.setSingleShot(True)
        self._pause_timer.setInterval(delay_ms)
        self._pause_timer.timeout.connect(self._commit_after_pause)
        self._soon_timer = QTimer(self)
        self._soon_timer.setSingleShot(True)
        self._soon_timer.setInterval(0)
        self._soon_timer.timeout.connect(self._commit_soon)

    # ------------------------------------------------------------------ loading

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Saved values are being put into the widgets: their signals are not the clerk's."""
        self._loading_depth += 1
        try:
            yield
        finally:
            self._loading_depth -= 1

    @property
    def is_loading(self) -> bool:
        return self._loading_depth > 0

    # ------------------------------------------------------------------ binding

    def bind(self, widget: QWidget, save: Save) -> None:
        """Save ``widget``'s changes with ``save``; several widgets may share one save (a
        form saved whole)."""
        binding = _Binding(self, widget, save)
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(binding.on_edited)
            widget.editingFinished.connect(binding.on_finished)
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.textChanged.connect(binding.on_typed)
            widget.installEventFilter(binding)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(binding.on_finished)
            line = widget.lineEdit()
            if line is not None:  # an editable combo: its line is typed into
                self.bind(line, save)
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            widget.valueChanged.connect(binding.on_typed)
            widget.editingFinished.connect(binding.on_finished)  # Enter and focus-out
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(binding.on_finished)
        elif isinstance(widget, QListWidget | QTableWidget | QTreeWidget):
            widget.itemChanged.connect(binding.on_item_changed)
            widget.model().rowsMoved.connect(binding.on_item_changed)
        else:
            raise TypeError(f"cannot bind a {type(widget).__name__}")

    def forget(self, save: Save) -> None:
        """``save``'s widgets are going away (saved already, or on purpose not): nothing they
        do from now on saves."""
        for waiting in (self._waiting, self._after_pause, self._soon):
            waiting.pop(save, None)
        for binding in self.findChildren(_Binding):
            if binding.save == save:
                binding.active = False

    # ------------------------------------------------------------------ committing

    def mark(self, save: Save, *, after_pause: bool = False, soon: bool = False) -> None:
        """The clerk changed something ``save`` writes: it waits for Enter, the focus
        leaving, a flush, or (``after_pause``) a pause in typing, or (``soon``) the return
        to the event loop."""
        if self.is_loading:
            return
        self._waiting[save] = None
        if after_pause:
            self._after_pause[save] = None
            self._pause_timer.start()
        if soon:
            self._soon[save] = None
            self._soon_timer.start()

    def commit(self, save: Save) -> bool:
        """Run ``save`` now. True when it saved (or had nothing to save); False when it
        refused (its reason is shown and what was typed stays) or a save is under way."""
        if self.is_loading:
            return True
        if self._saving:
            return False
        self._after_pause.pop(save, None)
        self._soon.pop(save, None)
        self._saving = True
        try:
            save()
        except UserError as error:
            self._waiting[save] = None  # still the clerk's, still to be saved
            self._on_refused(error.message)
            return False
        finally:
            self._saving = False
        self._waiting.pop(save, None)
        return True

    def commit_waiting(self, save: Save) -> bool:
        """``commit`` when ``save`` has changes waiting; True when there are none."""
        return self.commit(save) if save in self._waiting else True

    def flush(self) -> bool:
        """Save everything still waiting; True when all of it was saved."""
        self._pause_timer.stop()
        self._soon_timer.stop()
        saved = True
        for save in list(self._waiting):
            saved = self.commit(save) and saved
        return saved

    @property
    def has_waiting(self) -> bool:
        return bool(self._waiting)

    def _commit_after_pause(self) -> None:
        for save in list(self._after_pause):
            self.commit(save)

    def _commit_soon(self) -> None:
        for save in list(self._soon):
            self.commit(save)
