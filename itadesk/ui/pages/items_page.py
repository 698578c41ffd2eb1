"""Item scores (i…, e…, O…) of a year, grouped by tool and indicator or by theme. The indicator
scores stay what the clerk typed on the score page; item scores are kept and shown beside."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QWidget,
)

from itadesk.domain.fiscal import AssessmentCycle
from itadesk.domain.frameworks import Framework, Item
from itadesk.domain.scoring import fmt, theme_item_scores
from itadesk.domain.validation import parse_score
from itadesk.errors import UserError
from itadesk.services import Services
from itadesk.ui import dialogs
from itadesk.ui.pages.base import Page
from itadesk.ui.styles import ERROR_COLOUR
from itadesk.ui.uiloader import child
from itadesk.ui.undo import SetItemScoresCommand

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_BY_TOOL, GROUP_BY_THEME = 0, 1
COLUMN_CODE, COLUMN_SCORE, COLUMN_TEXT = 0, 1, 2
LOW = QColor(ERROR_COLOUR)


class ItemsPage(Page):
    title = "คะแนนรายข้อ"
    follows_cycle = True

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(services, undo_stack, parent, "items_page")
        self._scores: dict[str, Decimal] = {}
        self.group_by_combo = child(self.widget, QComboBox, "group_by_combo")
        self.import_button = child(self.widget, QPushButton, "import_items_button")
        self.empty_label = child(self.widget, QLabel, "empty_label")
        self.tree = child(self.widget, QTreeWidget, "items_tree")
        header = self.tree.header()
        header.setSectionResizeMode(COLUMN_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_SCORE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_TEXT, QHeaderView.ResizeMode.Stretch)
        self.group_by_combo.currentIndexChanged.connect(self.refresh)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.binder.bind(self.tree, self.save_item_scores)

    @property
    def _year(self) -> int | None:
        """The item scores shown are the assessed year's."""
        return self.cycle.assessed_year if self.cycle is not None else None

    def set_cycle(self, cycle: AssessmentCycle) -> None:
        self.clear_error()
        super().set_cycle(cycle)

    def refresh(self) -> None:
        if self._year is None:
            return
        try:
            framework = self._services.frameworks.get(self._year)
        except UserError as error:
            self.show_error(error.message)
            return
        self._scores = self._services.scores.item_scores(self._year)
        self.title_label.setText(f"คะแนนรายข้อ ปีงบประมาณ {self._year}")
        has_items = bool(framework.items)
        self.tree.setVisible(has_items)
        self.group_by_combo.setEnabled(has_items and bool(framework.themes))
        if not has_items:
            self.empty_label.setText(
                f"ยังไม่มีรายการข้อคำถามและรายการ OIT ของปี {self._year} ในโปรแกรม "
                "(ยังไม่พบรายการที่ ป.ป.ช. เผยแพร่) — กด “นำเข้ารายการข้อของปีนี้…” "
                "เพื่อนำเข้าไฟล์ CSV ที่มีคอลัมน์ code,indicator,text_th"
            )
        else:
            unknown = [tool for tool, known in framework.items_known.items() if not known]
            self.empty_label.setText(
                ("ยังไม่มีรายการข้อของเครื่องมือ " + ", ".join(unknown)) if unknown else ""
            )
        self.empty_label.setVisible(bool(self.empty_label.text()))
        with self.loading():
            self.tree.clear()
            if self.group_by_combo.currentIndex() == GROUP_BY_THEME and framework.themes:
                self._fill_by_theme(framework)
            else:
                self._fill_by_tool(framework)
            self.tree.expandAll()

    def _item_row(self, parent: QTreeWidgetItem, item: Item) -> QTreeWidgetItem:
        score = self._scores.get(item.code)
        text = item.text_th or "(ไม่มีข้อความ)"
        if item.group_th:
            text = f"[{item.group_th}] {text}"
        row = QTreeWidgetItem(parent, [item.code, fmt(score) if score is not None else "", text])
        row.setData(COLUMN_CODE, CODE_ROLE, item.code)
        row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
        row.setToolTip(COLUMN_TEXT, text)
        row.setTextAlignment(
            COLUMN_SCORE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        if score is not None and score < 85:
            row.setForeground(COLUMN_SCORE, QBrush(LOW))
        return row

    def _fill_by_tool(self, framework: Framework) -> None:
        for tool in framework.tools:
            tool_row = QTreeWidgetItem(self.tree, [tool.code, "", tool.name_th])
            for number in tool.indicators:
                indicator = framework.indicator(number)
                items = framework.items_of_indicator(number)
                if not items:
                    continue
                entered = [self._scores[i.code] for i in items if i.code in self._scores]
                mean = fmt(sum(entered, Decimal(0)) / len(entered)) if entered else ""
                indicator_row = QTreeWidgetItem(
                    tool_row, [f"ตัวชี้วัดที่ {number}", mean, indicator.name_th]
                )
                indicator_row.setToolTip(COLUMN_SCORE, "ค่าเฉลี่ยของคะแนนรายข้อที่กรอก")
                for item in items:
                    self._item_row(indicator_row, item)
            if tool_row.childCount() == 0:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(tool_row))

    def _fill_by_theme(self, framework: Framework) -> None:
        by_code = {item.code: item for item in framework.items}
        groups = theme_item_scores(framework, self._scores)
        for theme, (_, _, mean) in zip(framework.themes, groups, strict=True):
            theme_row = QTreeWidgetItem(
                self.tree,
                [f"ประเด็นที่ {theme.number}", fmt(mean) if mean is not None else "", theme.name_th],
            )
            codes = list(theme.items) or [
                item.code for item in framework.items if item.indicator in theme.indicators
            ]
            for code in codes:
                if code in by_code:
                    self._item_row(theme_row, by_code[code])

    def _typed_scores(self) -> dict[str, str]:
        """Item code → score text as the tree shows it, for every item row."""
        typed: dict[str, str] = {}
        iterator = QTreeWidgetItemIterator(self.tree)
        while (row := iterator.value()) is not None:
            code = row.data(COLUMN_CODE, CODE_ROLE)
            if code:
                typed[code] = row.text(COLUMN_SCORE)
            iterator += 1
        return typed

    def save_item_scores(self) -> None:
        """The item scores typed in the tree that differ from those saved, as one undo step;
        refused (nothing saved, the typing stays) while one of them is not a score."""
        if self._year is None:
            return
        new: dict[str, Decimal | None] = {}
        for code, text in self._typed_scores().items():
            score = parse_score(text, f"ข้อ {code}")
            if score != self._scores.get(code):
                new[code] = score
        if not new:
            return
        old = {code: self._scores.get(code) for code in new}
        codes = ", ".join(new)
        self.clear_error()
        self.push(
            SetItemScoresCommand(
                self._services,
                self._year,
                new,
                old,
                self.refresh,
                f"แก้คะแนนข้อ {codes} ปี {self._year}",
            )
        )

    def _on_import_clicked(self) -> None:
        if self._year is None:
            return
        path = dialogs.choose_open_file(
            self.widget, "เลือกไฟล์รายการข้อ", "รายการข้อ (*.csv *.json);;ทุกไฟล์ (*)"
        )
        if path is None:
            return
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            self.show_error(f"อ่านไฟล์ {path.name} ไม่ได้ — ต้องเป็นไฟล์ข้อความ UTF-8")
            return
        try:
            framework = self._services.frameworks.import_item_list(
                self._year, text, source_name=f"ไฟล์ {path.name}"
            )
        except UserError as error:
            self.show_error(error.message)
            return
        self.clear_error()
        self.refresh()
        dialogs.show_info(
            self.widget,
            "นำเข้ารายการข้อแล้ว",
            f"ปี {self._year} มีรายการข้อ {len(framework.items)} ข้อ",
        )
