"""The tracking page's tree as a model: the plan year's measures, each with its check items
(steps and expected outputs), read from the domain objects the tracking service returns.

- ``TrackingTreeModel`` is a thin adapter: two levels (measure → items), four columns, a
  check box on each item (``Qt.CheckStateRole``). A tick never writes: ``setData`` asks for
  it with ``tick_requested`` and the page applies it (asking the date it was really done
  when a round has closed since), then the saved state comes back through ``set_year``.
- ``set_year`` updates the rows in place when the year still has the same measures and items
  (a tick, a date, evidence), so the view keeps its selection, scroll position and expanded
  rows; only a different set of rows (a measure added or removed) resets the model.
- ``TrackingFilter`` (a ``QSortFilterProxyModel``) shows what the page's filters ask for:
  overdue or open items only, one unit's or one theme's measures.
- ``ProgressDelegate`` draws each measure's progress bar in the state column.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from itadesk.domain import tracking_rules
from itadesk.domain.fiscal import format_thai_date
from itadesk.domain.measures import Measure
from itadesk.domain.tracking import ITEM_OUTPUT, STATE_LABELS_TH, CheckItem, TrackingState
from itadesk.errors import UserError
from itadesk.ui.text_fit import wrap_tooltip

COLUMN_TEXT, COLUMN_STATE, COLUMN_DATE, COLUMN_DUE = range(4)
HEADERS = ("มาตรการ / ขั้นตอน / ผลผลิต", "สถานะ", "วันที่ทำ", "กำหนด")
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # ("measure", id) or ("item", id): the row's key
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2  # a measure's tracking_rules.Progress
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3  # an item past its due date and not finished
OPEN_ROLE = Qt.ItemDataRole.UserRole + 4  # an item neither done nor declared impossible
SHOW_ALL, SHOW_OVERDUE, SHOW_OPEN = range(3)
OVERDUE_COLOUR = QColor(Qt.GlobalColor.darkRed)
FINISHED = (TrackingState.DONE, TrackingState.CANNOT)

# An index's internal id says where the row is: a measure row carries MEASURE_ROW; an item
# row carries its measure's row + 1, so parent() needs no lookup.
MEASURE_ROW = 0

AnyIndex = QModelIndex | QPersistentModelIndex
RowKey = tuple[str, int]


@dataclass(frozen=True)
class _ItemRow:
    """One check item as shown: the item and what the page's date works out for it."""

    item: CheckItem
    due: date | None
    overdue: bool


@dataclass(frozen=True)
class _MeasureRow:
    measure: Measure
    progress: tracking_rules.Progress
    items: tuple[_ItemRow, ...]


def _due(measure: Measure, item: CheckItem) -> date | None:
    try:
        return tracking_rules.item_due_date(measure, item, measure.plan_year)
    except (ValueError, UserError):  # a timeline that cannot be read has no due dates
        return None


def _shape(rows: list[_MeasureRow]) -> list[tuple[int | None, list[int | None]]]:
    return [(row.measure.id, [each.item.id for each in row.items]) for row in rows]


class TrackingTreeModel(QAbstractItemModel):
    tick_requested = Signal(int, bool)  # check item id, done

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_MeasureRow] = []

    # ------------------------------------------------------------------ contents

    def set_year(
        self,
        measures: list[Measure],
        items_by_measure: dict[int, list[CheckItem]],
        today: date,
    ) -> bool:
        """Show ``measures`` and their items as of ``today`` (which decides what is overdue).
        True when the rows stayed the same and were updated in place; False when the model
        was reset (the view's selection and expanded rows are then gone)."""
        rows = []
        for measure in measures:
            items = items_by_measure.get(measure.id or -1, [])
            shown = []
            for item in items:
                due = _due(measure, item)
                overdue = due is not None and item.state not in FINISHED and today > due
                shown.append(_ItemRow(item, due, overdue))
            rows.append(_MeasureRow(measure, tracking_rules.measure_progress(items), tuple(shown)))
        if _shape(rows) != _shape(self._rows):
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return False
        self._rows = rows
        last = self.columnCount() - 1
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, last))
        for number, row in enumerate(rows):
            if row.items:
                parent = self.index(number, 0)
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(len(row.items) - 1, last, parent)
                )
        return True

    def measure_at(self, row: int) -> Measure:
        return self._rows[row].measure

    def key_index(self, key: RowKey) -> QModelIndex:
        """The index (first column) of the row with ``key``; invalid when there is none."""
        kind, wanted = key
        for number, row in enumerate(self._rows):
            if kind == "measure" and row.measure.id == wanted:
                return self.index(number, COLUMN_TEXT)
            if kind == "item":
                for position, shown in enumerate(row.items):
                    if shown.item.id == wanted:
                        return self.index(position, COLUMN_TEXT, self.index(number, COLUMN_TEXT))
        return QModelIndex()

    # ------------------------------------------------------------------ structure

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, MEASURE_ROW)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == MEASURE_ROW:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, MEASURE_ROW)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._rows)
        if parent.column() != 0 or parent.internalId() != MEASURE_ROW:
            return 0  # items have no children; only the first column has any
        return len(self._rows[parent.row()].items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != MEASURE_ROW and index.column() == COLUMN_TEXT:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    # ------------------------------------------------------------------ data

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == MEASURE_ROW:
            return self._measure_data(index.row(), index.column(), role)
        shown = self._rows[index.internalId() - 1].items[index.row()]
        return self._item_data(shown, index.column(), role)

    def _measure_data(self, row: int, column: int, role: int) -> object:
        measure_row = self._rows[row]
        measure, progress = measure_row.measure, measure_row.progress
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COLUMN_TEXT:
                return f"{row + 1}. {measure.title}"
            if column == COLUMN_STATE:
                return progress_text(progress)
            return ""
        if role == Qt.ItemDataRole.ToolTipRole and column == COLUMN_TEXT:
            return wrap_tooltip(f"{row + 1}. {measure.title}")
        if role == ITEM_ROLE:
            return ("measure", measure.id)
        if role == PROGRESS_ROLE:
            return progress
        return None

    def _item_data(self, shown: _ItemRow, column: int, role: int) -> object:
        item = shown.item
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COLUMN_TEXT:
                return f"ผลผลิต: {item.text}" if item.kind == ITEM_OUTPUT else item.text
            if column == COLUMN_STATE:
                label = STATE_LABELS_TH[TrackingState(item.state)]
                # On a line of its own: the column stays as narrow as the longest state.
                return f"{label}\n(มีหลักฐาน)" if item.evidence else label
            if column == COLUMN_DATE:
                return format_thai_date(item.done_date, "abbr") if item.done_date else ""
            return format_thai_date(shown.due, "abbr") if shown.due else ""
        if role == Qt.ItemDataRole.CheckStateRole and column == COLUMN_TEXT:
            done = item.state == TrackingState.DONE
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COLUMN_TEXT:
                return wrap_tooltip(
                    f"ผลผลิต: {item.text}" if item.kind == ITEM_OUTPUT else item.text
                )
            if column == COLUMN_DUE and shown.overdue:
                return "เลยกำหนดแล้ว"
        if role == Qt.ItemDataRole.ForegroundRole and column == COLUMN_DUE and shown.overdue:
            return QBrush(OVERDUE_COLOUR)
        if role == ITEM_ROLE:
            return ("item", item.id)
        if role == OVERDUE_ROLE:
            return shown.overdue
        if role == OPEN_ROLE:
            return item.state not in FINISHED
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A tick or an untick from the view: asked for, not written (see the module
        docstring); the box shows the saved state until the page has applied it."""
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or index.internalId() == MEASURE_ROW
            or index.column() != COLUMN_TEXT
        ):
            return False
        item = self._rows[index.internalId() - 1].items[index.row()].item
        done = Qt.CheckState(value) == Qt.CheckState.Checked  # type: ignore[call-arg]
        if item.id is None or done == (item.state == TrackingState.DONE):
            return False
        self.tick_requested.emit(item.id, done)
        return True


def progress_text(progress: tracking_rules.Progress) -> str:
    """ "3/5 (60%)": items done of those still to do (items that cannot be done leave it)."""
    return f"{progress.done}/{progress.total - progress.cannot} ({progress.percent}%)"


class TrackingFilter(QSortFilterProxyModel):
    """The page's filters: which items (all, overdue, open) and whose measures (a unit, a
    theme). In the overdue and open views a measure with no such item is hidden."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = SHOW_ALL
        self._unit = ""
        self._theme: int | None = None

    def set_filters(self, show: int, unit: str, theme: int | None) -> None:
        """``unit`` "" and ``theme`` None mean every unit and every theme."""
        if (show, unit, theme) == (self._show, self._unit, self._theme):
            return
        self.beginFilterChange()
        self._show, self._unit, self._theme = show, unit, theme
        self.endFilterChange()

    def _item_shown(self, index: QModelIndex) -> bool:
        if self._show == SHOW_OVERDUE:
            return bool(index.data(OVERDUE_ROLE))
        if self._show == SHOW_OPEN:
            return bool(index.data(OPEN_ROLE))
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, TrackingTreeModel)
        if source_parent.isValid():
            return self._item_shown(model.index(source_row, COLUMN_TEXT, source_parent))
        measure = model.measure_at(source_row)
        if self._unit and measure.unit != self._unit:
            return False
        if self._theme is not None and self._theme not in measure.themes:
            return False
        if self._show == SHOW_ALL:
            return True
        parent = model.index(source_row, COLUMN_TEXT)
        return any(
            self._item_shown(model.index(row, COLUMN_TEXT, parent))
            for row in range(model.rowCount(parent))
        )


class ProgressDelegate(QStyledItemDelegate):
    """Draws a measure's progress (``PROGRESS_ROLE``) as a progress bar with its text;
    other cells as usual."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        progress = index.data(PROGRESS_ROLE)
        if not isinstance(progress, tracking_rules.Progress):
            super().paint(painter, option, index)
            return
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        # The cell as the view draws it (a selected row stays highlighted), without its text.
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.text = ""  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, widget)
        bar = QStyleOptionProgressBar()
        # One line high, centred: a measure whose title wraps over several lines keeps a bar.
        height = min(option.rect.height() - 4, option.fontMetrics.height() + 6)  # type: ignore[attr-defined]
        bar.rect = QRect(  # type: ignore[attr-defined]
            option.rect.x() + 2,  # type: ignore[attr-defined]
            option.rect.center().y() - height // 2,  # type: ignore[attr-defined]
            option.rect.width() - 4,  # type: ignore[attr-defined]
            height,
        )
        # The bar itself looks the same in a selected row, as a bar widget there would.
        bar.state = (option.state & ~QStyle.StateFlag.State_Selected) | (  # type: ignore[attr-defined]
            QStyle.StateFlag.State_Horizontal
        )
        bar.direction = option.direction  # type: ignore[attr-defined]
        bar.fontMetrics = option.fontMetrics  # type: ignore[attr-defined]
        bar.palette = option.palette  # type: ignore[attr-defined]
        bar.minimum, bar.maximum = 0, 100
        bar.progress = progress.percent
        bar.text = progress_text(progress)
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)
