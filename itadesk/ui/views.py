"""Lists, tables and trees that behave as a clerk used to Excel and Word expects.

- ``excel_cells(view)``: Enter saves the cell typed and moves down to the next cell that can
  be typed in, Shift+Enter up, as in Excel; Enter on a cell not being typed moves too;
  typing on a chosen cell starts typing in it; Tab moves right (Qt's own). Qt's own Enter
  saves and stays, so a column typed top-down overwrote its first cell. Optionally the
  cells wrap (``CellDelegate``), and the box opened on an empty cell says what to type.
- ``kept_position(view)`` / ``kept_scroll(area)``: a list, table or tree rebuilt from saved
  data keeps the clerk's current row and column and its scroll position.
- ``show_current_text_as_tip(combo)``: a combo box narrower than its longest choice keeps
  the whole of the chosen text in its tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QLineEdit,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
)

from itadesk.ui.text_fit import wrap_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def enter_step(event: QKeyEvent) -> int:
    """+1 for Enter (down), -1 for Shift+Enter (up), 0 for any other key."""
    if event.key() not in ENTER_KEYS:
        return 0
    return -1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1


# --------------------------------------------------------------------------- cells


class CellDelegate(QStyledItemDelegate):
    """The cells of an editable list, table or tree:

    - Enter in the box being typed saves it and asks to move down (``step_requested``, +1;
      Shift+Enter -1) instead of Qt's save-and-stay;
    - ``cue``: the box opened on an empty cell shows what to type there (grey), so a new row
      waiting for its text is seen at once;
    - ``wrap``: the text wraps at the column's width and the row grows to hold it (Qt's tree
      view measures a row as if its column were endless, and elides);
    - ``can_edit``: which cells of an editable row open a box (a tree widget's row is
      editable in every column or none)."""

    step_requested = Signal(int)

    def __init__(
        self,
        view: QAbstractItemView,
        *,
        wrap: bool = False,
        cue: Callable[[AnyIndex], str] | str | None = None,
        can_edit: Callable[[AnyIndex], bool] | None = None,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._wrap = wrap
        self._cue = cue
        self._can_edit = can_edit
        if wrap:
            # Rows of several lines scroll smoothly, and a row scrolled to is wholly in view.
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            self._relayout = QTimer(self)
            self._relayout.setSingleShot(True)
            self._relayout.setInterval(0)
            self._relayout.timeout.connect(self._lay_out_rows)
            header = view.header() if isinstance(view, QTreeView) else None
            if header is None and isinstance(view, QTableView):
                header = view.horizontalHeader()
            if header is not None:
                # A wider or narrower column changes how many lines each row needs.
                header.sectionResized.connect(self._on_section_resized)

    def _on_section_resized(self, _section: int, _old: int, _new: int) -> None:
        self._relayout.start()

    # ------------------------------------------------------------------ typing

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex):
        if self._can_edit is not None and not self._can_edit(index):
            return None  # a row's other cells are typed in, not this one
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and self._cue is not None:
            editor.setPlaceholderText(self._cue(index) if callable(self._cue) else self._cue)
        return editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QLineEdit):
            assert isinstance(event, QKeyEvent)
            direction = enter_step(event)
            if direction:
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                self.step_requested.emit(direction)
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ wrapping

    def _lay_out_rows(self) -> None:
        view = self._view
        if isinstance(view, QTableView):
            view.resizeRowsToContents()
        else:
            view.doItemsLayout()

    def _text_width(self, index: AnyIndex, option: QStyleOptionViewItem) -> int:
        view = self._view
        if isinstance(view, QTreeView):
            width = view.header().sectionSize(index.column())
            if index.column() == view.header().logicalIndex(0):
                depth = 0
                parent = index.parent()
                while parent.isValid():
                    depth += 1
                    parent = parent.parent()
                width -= view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        elif isinstance(view, QTableView):
            width = view.columnWidth(index.column())
        else:
            width = view.viewport().width()
        if option.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator:
            style = view.style()
            width -= style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, view) + 8
        return max(width, 40)

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        if self._wrap:
            option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        if not self._wrap:
            return super().sizeHint(option, index)
        # Width: the text on one line (a column sized to its contents gets it whole); height:
        # the lines the text takes at the column's present width.
        natural = super().sizeHint(option, index)
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.rect = QRect(0, 0, self._text_width(index, cell), 1)
        style = self._view.style()
        wrapped = style.sizeFromContents(
            QStyle.ContentsType.CT_ItemViewItem, cell, QSize(), self._view
        )
        width = natural.width()
        if not isinstance(self._view, QTreeView | QTableView):  # a list wraps at its width
            width = min(width, self._view.viewport().width())
        return QSize(width, max(natural.height(), wrapped.height()))


class EnterMovesDown(QObject):
    """Excel's keys for one view (see the module docstring): Enter typed in a cell (through
    ``delegate``) or on a chosen cell moves to the next cell below that can be typed in."""

    moved = Signal(QModelIndex)

    def __init__(self, view: QAbstractItemView, delegate: CellDelegate) -> None:
        super().__init__(view)
        self._view = view
        view.installEventFilter(self)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Tab moves right in a table, as in Excel (Ctrl+Tab leaves it); a list is one column,
        # so Tab goes on to the next field.
        view.setTabKeyNavigation(isinstance(view, QTableView | QTreeView))
        delegate.step_requested.connect(self.step)

    def step(self, direction: int) -> None:
        """Move to the next cell below (above) in the same column that can be typed in."""
        view = self._view
        index = view.currentIndex()
        if not index.isValid():
            return
        candidate = index
        while True:
            candidate = _neighbour(view, candidate, direction)
            if not candidate.isValid():
                return
            if candidate.flags() & Qt.ItemFlag.ItemIsEditable:
                break
        view.setCurrentIndex(candidate)
        view.scrollTo(candidate)
        self.moved.emit(candidate)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            direction = enter_step(event)
            if direction and self._view.state() != QAbstractItemView.State.EditingState:
                self.step(direction)
                return True
            control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if control and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                return _leave(self._view, forward=event.key() == Qt.Key.Key_Tab)
        return False


def _leave(view: QWidget, *, forward: bool) -> bool:
    """Ctrl+Tab (Ctrl+Shift+Tab): the focus goes on to the next (previous) field after the
    table, whose own Tab moves between its cells."""
    widget: QWidget | None = view
    while True:
        assert widget is not None
        widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if widget is view or widget is None:
            return False
        takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if (
            takes_tab
            and widget.isVisible()
            and widget.isEnabled()
            and not view.isAncestorOf(widget)
        ):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return True


def excel_cells(
    view: QAbstractItemView,
    *,
    wrap: bool = False,
    cue: Callable[[AnyIndex], str] | str | None = None,
    can_edit: Callable[[AnyIndex], bool] | None = None,
) -> EnterMovesDown:
    """Give ``view`` a ``CellDelegate`` (with ``wrap``, ``cue`` and ``can_edit``) and
    Excel's Enter."""
    delegate = CellDelegate(view, wrap=wrap, cue=cue, can_edit=can_edit)
    view.setItemDelegate(delegate)
    return EnterMovesDown(view, delegate)


def _neighbour(view: QAbstractItemView, index: QModelIndex, direction: int) -> QModelIndex:
    if isinstance(view, QTreeView):
        below = view.indexBelow(index) if direction > 0 else view.indexAbove(index)
        return below.siblingAtColumn(index.column()) if below.isValid() else below
    model = view.model()
    row = index.row() + direction
    if not 0 <= row < model.rowCount(index.parent()):
        return QModelIndex()
    return model.index(row, index.column(), index.parent())


# --------------------------------------------------------------------------- refreshing


@contextmanager
def kept_position(view: QAbstractItemView) -> Iterator[None]:
    """Rebuild ``view``'s rows inside this block: afterwards the current row and column (by
    position) and the scroll position are what they were, as far as the rows still exist."""
    current = view.currentIndex()
    row, column = current.row(), current.column()
    parent_row = current.parent().row() if current.parent().isValid() else -1
    with kept_scroll(view):
        yield
        model = view.model()
        if row >= 0 and model is not None:
            parent = model.index(parent_row, 0) if parent_row >= 0 else QModelIndex()
            if row < model.rowCount(parent):
                index = model.index(row, max(column, 0), parent)
                selection = view.selectionModel()
                if selection is not None:
                    selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)


@contextmanager
def kept_scroll(area: QAbstractScrollArea) -> Iterator[None]:
    """Refill ``area`` (a list, table, tree or scroll area) inside this block: afterwards it
    is scrolled where it was (also once the view has laid its rows out again)."""
    vertical = area.verticalScrollBar().value()
    horizontal = area.horizontalScrollBar().value()
    try:
        yield
    finally:
        _scroll_to(area, vertical, horizontal)
        # A view lays its rows out later: put the position back once more after that.
        QTimer.singleShot(0, area, lambda: _scroll_to(area, vertical, horizontal))


def _scroll_to(area: QAbstractScrollArea, vertical: int, horizontal: int) -> None:
    if isinstance(area, QAbstractItemView):
        area.doItemsLayout()
    elif isinstance(area, QScrollArea) and (content := area.widget()) is not None:
        layout = content.layout()
        if layout is not None:
            layout.activate()
    area.verticalScrollBar().setValue(vertical)
    area.horizontalScrollBar().setValue(horizontal)


# --------------------------------------------------------------------------- combo boxes


def show_current_text_as_tip(combo: QComboBox, shortest: int = 12) -> None:
    """``combo`` stays narrow (``shortest`` characters wide at least, not its longest
    choice) and its tooltip is the chosen text whole."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(shortest)

    def follow(text: str) -> None:
        combo.setToolTip(wrap_tooltip(text) if text else "")

    combo.currentTextChanged.connect(follow)
    follow(combo.currentText())
