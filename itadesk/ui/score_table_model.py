"""The indicator score table: a thin adapter over the year's summary. Edits are validated,
then handed to ``edit_requested`` as one clerk action (the page turns it into an undo command);
the model itself never writes."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from itadesk.domain.scoring import fmt
from itadesk.domain.validation import parse_score
from itadesk.errors import ValidationError
from itadesk.services.scores import YearSummary, indicator_field_th
from itadesk.ui.styles import ERROR_COLOUR, GOOD_COLOUR

COLUMN_INDICATOR, COLUMN_TOOL, COLUMN_SCORE, COLUMN_PREVIOUS, COLUMN_CHANGE = range(5)
HEADERS = ("ตัวชี้วัด", "เครื่องมือ", "คะแนน", "ปีก่อน", "เปลี่ยนแปลง")
BELOW_TARGET = QColor(ERROR_COLOUR)
ABOVE = QColor(GOOD_COLOUR)

AnyIndex = QModelIndex | QPersistentModelIndex


def format_delta(delta: Decimal | None) -> str:
    if delta is None:
        return "–"
    if delta > 0:
        return f"+{fmt(delta)}"
    return fmt(delta)  # negative already has its minus; zero prints 0.00


class IndicatorScoreModel(QAbstractTableModel):
    edit_requested = Signal(object, str)  # {indicator: Decimal | None}, description
    edit_rejected = Signal(str)  # Thai message

    def __init__(self) -> None:
        super().__init__()
        self._summary: YearSummary | None = None

    def set_summary(self, summary: YearSummary) -> None:
        same_shape = (
            self._summary is not None
            and self._summary.framework.indicator_numbers == summary.framework.indicator_numbers
        )
        if same_shape:
            self._summary = summary
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        else:
            self.beginResetModel()
            self._summary = summary
            self.endResetModel()

    @property
    def summary(self) -> YearSummary | None:
        return self._summary

    def indicator_at(self, row: int) -> int:
        assert self._summary is not None
        return self._summary.framework.indicators[row].number

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._summary is None:
            return 0
        return len(self._summary.framework.indicators)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section == COLUMN_PREVIOUS and self._summary is not None:
            return f"ปี {self._summary.framework.fiscal_year - 1}"
        return HEADERS[section] if 0 <= section < len(HEADERS) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COLUMN_SCORE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._summary is None:
            return None
        summary = self._summary
        indicator = summary.framework.indicators[index.row()]
        score = summary.indicator_scores.get(indicator.number)
        previous = summary.previous_scores.get(indicator.number)
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == COLUMN_INDICATOR:
                return f"{indicator.number}. {indicator.name_th}"
            if column == COLUMN_TOOL:
                return indicator.tool
            if column == COLUMN_SCORE:
                if score is None:
                    return ""
                return fmt(score) if role == Qt.ItemDataRole.DisplayRole else str(score)
            if column == COLUMN_PREVIOUS:
                return fmt(previous) if previous is not None else "–"
            if column == COLUMN_CHANGE:
                comparison = summary.comparison
                return format_delta(
                    comparison.indicators.get(indicator.number) if comparison else None
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= COLUMN_SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COLUMN_SCORE and score is not None and score < summary.framework.target:
                return QBrush(BELOW_TARGET)
            if column == COLUMN_CHANGE and summary.comparison is not None:
                delta = summary.comparison.indicators.get(indicator.number)
                if delta is not None and delta != 0:
                    return QBrush(ABOVE if delta > 0 else BELOW_TARGET)
        if role == Qt.ItemDataRole.ToolTipRole and column == COLUMN_SCORE:
            if score is not None and score < summary.framework.target:
                return f"ต่ำกว่าเป้าหมาย {fmt(summary.framework.target)}"
            return "0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง"
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != COLUMN_SCORE:
            return False
        return self.request_edit({index.row(): "" if value is None else str(value)})

    def request_edit(self, texts_by_row: dict[int, str]) -> bool:
        """Validate typed or pasted texts; on success emit one edit request, else a message."""
        if self._summary is None:
            return False
        framework = self._summary.framework
        new: dict[int, Decimal | None] = {}
        try:
            for row, text in sorted(texts_by_row.items()):
                number = self.indicator_at(row)
                new[number] = parse_score(text, indicator_field_th(framework, number))
        except ValidationError as error:
            self.edit_rejected.emit(error.message)
            return False
        current = self._summary.indicator_scores
        if all(current.get(number) == value for number, value in new.items()):
            return True  # nothing changes: no undo step, no write
        if len(new) == 1:
            number = next(iter(new))
            description = f"แก้คะแนนตัวชี้วัดที่ {number} ปี {framework.fiscal_year}"
        else:
            description = f"วางคะแนน {len(new)} ตัวชี้วัด ปี {framework.fiscal_year}"
        self.edit_requested.emit(new, description)
        return True
