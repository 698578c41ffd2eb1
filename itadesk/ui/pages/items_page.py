"""Item scores (i…, e…, O…) of a year, grouped by tool and indicator or by theme. The indicator
scores stay what the clerk typed on the score page; item scores are kept and shown beside.

For the years whose item lists ป.ป.ช. has not published (2567, 2568: a tool whose list is not
known) the clerk builds the list by code alone: types a code, picks its indicator (only those
of the code's tool: i… IIT 1–5, e… EIT 6–8, O… OIT 9–10) and the score, or selects an
indicator's row and pastes two columns (code, score) copied from Excel. The wording is
optional and typed later in the tree. Scores are typed in the tree as in Excel: Enter saves
and moves down, a column pasted fills down. Every change is one undo step."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QWidget,
)

from itadesk.domain.fiscal import AssessmentCycle
from itadesk.domain.frameworks import (
    Framework,
    Item,
    ItemEntry,
    indicators_for_item_code,
    tool_of_item_code,
)
from itadesk.domain.scoring import fmt, theme_item_scores
from itadesk.domain.thai_text import normalize_item_code
from itadesk.domain.validation import parse_score
from itadesk.errors import UserError, ValidationError
from itadesk.services import Services
from itadesk.ui import dialogs
from itadesk.ui.pages.base import IMPORT_SCORES_ACTION, Page
from itadesk.ui.styles import ERROR_COLOUR, MUTED_COLOUR
from itadesk.ui.text_fit import wrap_tooltip
from itadesk.ui.uiloader import child
from itadesk.ui.undo import SetItemScoresCommand, ValueCommand
from itadesk.ui.views import excel_cells, kept_scroll, show_current_text_as_tip

CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # an item row's code
INDICATOR_ROLE = Qt.ItemDataRole.UserRole + 2  # an indicator row's number
OWN_TEXT_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's wording is the clerk's to type
GROUP_BY_TOOL, GROUP_BY_THEME = 0, 1
COLUMN_CODE, COLUMN_SCORE, COLUMN_TEXT = 0, 1, 2
LOW = QColor(ERROR_COLOUR)
NO_TEXT_TH = "(ไม่มีข้อความ)"


class ItemsPage(Page):
    title = "คะแนนรายข้อ"
    purpose_th = "คะแนนรายข้อของแบบวัด IIT EIT และ OIT ใช้ประกอบการวิเคราะห์"
    follows_cycle = True

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(services, undo_stack, parent, "items_page")
        self._scores: dict[str, Decimal] = {}
        self._framework: Framework | None = None
        self.group_by_combo = child(self.widget, QComboBox, "group_by_combo")
        self.import_button = child(self.widget, QPushButton, "import_items_button")
        self.empty_label = child(self.widget, QLabel, "empty_label")
        self.add_group = child(self.widget, QWidget, "add_group")
        self.code_edit = child(self.widget, QLineEdit, "code_edit")
        self.indicator_combo = child(self.widget, QComboBox, "indicator_combo")
        self.score_edit = child(self.widget, QLineEdit, "score_edit")
        self.item_text_edit = child(self.widget, QLineEdit, "item_text_edit")
        self.add_button = child(self.widget, QPushButton, "add_item_button")
        self.remove_button = child(self.widget, QPushButton, "remove_item_button")
        self.paste_hint_label = child(self.widget, QLabel, "paste_hint_label")
        self.tree = child(self.widget, QTreeWidget, "items_tree")
        # No item score yet: what goes here and the way to fill it, above the list to type in
        # (the list stays: it is where the scores are typed or pasted).
        self.empty_state = self.add_empty_state(self.empty_label, inline=True)
        self.empty_state.action_button.clicked.connect(self._on_empty_action)
        header = self.tree.header()
        header.setSectionResizeMode(COLUMN_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_SCORE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_TEXT, QHeaderView.ResizeMode.Stretch)
        # Scores typed as in Excel (Enter moves down to the next item); the wording wraps.
        excel_cells(self.tree, wrap=True, cue=_cue, can_edit=_can_edit)
        show_current_text_as_tip(self.indicator_combo, shortest=16)
        self.group_by_combo.currentIndexChanged.connect(self.refresh)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.add_button.clicked.connect(self.add_typed_item)
        self.code_edit.returnPressed.connect(self.score_edit.setFocus)
        self.score_edit.returnPressed.connect(self.add_typed_item)
        self.item_text_edit.returnPressed.connect(self.add_typed_item)
        self.code_edit.textChanged.connect(self._offer_indicators_for_code)
        self.remove_button.clicked.connect(self.remove_selected)
        self.tree.currentItemChanged.connect(self._on_current_row_changed)
        self.tree.installEventFilter(self)
        self.binder.bind(self.tree, self.save_typed)

    @property
    def _year(self) -> int | None:
        """The item scores shown are the assessed year's."""
        return self.cycle.assessed_year if self.cycle is not None else None

    def set_cycle(self, cycle: AssessmentCycle) -> None:
        self.clear_error()
        super().set_cycle(cycle)

    # ------------------------------------------------------------------ showing

    def refresh(self) -> None:
        if self._year is None:
            return
        try:
            framework = self._services.frameworks.get(self._year)
        except UserError as error:
            self.show_error(error.message)
            return
        self._framework = framework
        self._scores = self._services.scores.item_scores(self._year)
        self.title_label.setText(f"คะแนนรายข้อ ปีงบประมาณ {self._year}")
        unknown = self._unpublished_tools()
        self.add_group.setVisible(bool(unknown))
        self.group_by_combo.setEnabled(bool(framework.items) and bool(framework.themes))
        self.empty_label.setText(self._empty_text(unknown))
        self._show_empty_state(unknown)
        self.paste_hint_label.setText(
            "Ctrl+V วางจาก Excel: คอลัมน์คะแนน หรือสองคอลัมน์ รหัสข้อ–คะแนน"
            if unknown
            else "Ctrl+V วางคอลัมน์คะแนนจาก Excel ตั้งแต่ข้อที่เลือกลงไป"
        )
        self.paste_hint_label.setToolTip(
            wrap_tooltip(
                "คอลัมน์คะแนนเติมลงไปตั้งแต่ข้อที่เลือก สองคอลัมน์ รหัสข้อ–คะแนน (และข้อความ "
                "ถ้ามี) ตั้งคะแนนของข้อนั้น ข้อที่ยังไม่มีจะเพิ่มในตัวชี้วัดของแถวที่เลือก"
            )
        )
        self._fill_indicator_combo(framework)
        current = self._current_key()
        with self.loading(), kept_scroll(self.tree):
            self.tree.clear()
            if self.group_by_combo.currentIndex() == GROUP_BY_THEME and framework.themes:
                self._fill_by_theme(framework)
            else:
                self._fill_by_tool(framework)
            self.tree.expandAll()
            self._select_key(current)
        self._update_remove_button()

    def _unpublished_tools(self) -> list[str]:
        """The tools whose item list the year does not have (the clerk enters it by code)."""
        framework = self._framework
        if framework is None:
            return []
        return [tool.code for tool in framework.tools if not framework.items_known.get(tool.code)]

    def _show_empty_state(self, unknown: list[str]) -> None:
        """Without any item score: one sentence of what goes here with its button (import
        the scores file, or, for a year whose lists are not published, type a code)."""
        if self._scores:
            self.set_empty(self.empty_state, None)
            self.empty_label.setVisible(bool(self.empty_label.text()))
        elif unknown:
            self.set_empty(
                self.empty_state,
                f"ยังไม่มีคะแนนรายข้อของปี {self._year} (ไม่บังคับ) — ป.ป.ช. ยังไม่เผยแพร่"
                f"รายการข้อของ {', '.join(unknown)} จึงเพิ่มข้อด้วยรหัสที่ช่องด้านล่าง",
                "เพิ่มข้อด้วยรหัส",
            )
        else:
            self.set_empty(
                self.empty_state,
                f"ยังไม่มีคะแนนรายข้อของปี {self._year} (ไม่บังคับ) — พิมพ์คะแนนในคอลัมน์ "
                "“คะแนน” ด้านล่าง หรือนำเข้าจากไฟล์คะแนน",
                "นำเข้าคะแนนจากไฟล์หรือข้อความ…",
            )

    def _on_empty_action(self) -> None:
        if self._unpublished_tools():
            self.code_edit.setFocus()  # the row that adds an item by its code
        else:
            self.run_action.emit(IMPORT_SCORES_ACTION)

    def _empty_text(self, unknown: list[str]) -> str:
        if not unknown:
            return ""
        tools = ", ".join(unknown)
        return (
            f"ป.ป.ช. ยังไม่เผยแพร่รายการข้อของ {tools} ปี {self._year} — เพิ่มข้อด้วยรหัส "
            "(i1…, e1…, O1…) หรือเลือกแถวตัวชี้วัดแล้ววางรหัสข้อกับคะแนนจาก Excel "
            "ข้อความของข้อเพิ่มทีหลังได้"
        )

    def _fill_indicator_combo(self, framework: Framework) -> None:
        chosen = self.indicator_combo.currentData()
        self.indicator_combo.clear()
        for indicator in framework.indicators:
            self.indicator_combo.addItem(
                f"{indicator.number}. {indicator.name_th} ({indicator.tool})", indicator.number
            )
        index = self.indicator_combo.findData(chosen)
        self.indicator_combo.setCurrentIndex(max(index, 0))
        self._offer_indicators_for_code(self.code_edit.text())

    def _own_text(self, item: Item) -> bool:
        """The wording of ``item`` is the clerk's (its tool's list is not published)."""
        framework = self._framework
        return framework is not None and not framework.items_known.get(
            framework.indicator(item.indicator).tool, False
        )

    def _item_row(self, parent: QTreeWidgetItem, item: Item) -> QTreeWidgetItem:
        score = self._scores.get(item.code)
        own = self._own_text(item)
        text = item.text_th or ("" if own else NO_TEXT_TH)
        if item.group_th:
            text = f"[{item.group_th}] {text}"
        row = QTreeWidgetItem(parent, [item.code, fmt(score) if score is not None else "", text])
        row.setData(COLUMN_CODE, CODE_ROLE, item.code)
        row.setData(COLUMN_CODE, OWN_TEXT_ROLE, own)
        row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
        if text:
            row.setToolTip(COLUMN_TEXT, wrap_tooltip(text))
        elif own:
            row.setToolTip(COLUMN_TEXT, "ยังไม่มีข้อความ — ดับเบิลคลิกหรือพิมพ์เพื่อเพิ่ม")
        row.setTextAlignment(
            COLUMN_SCORE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        if score is not None and score < 85:
            row.setForeground(COLUMN_SCORE, QBrush(LOW))
        return row

    def _fill_by_tool(self, framework: Framework) -> None:
        unknown = set(self._unpublished_tools())
        for tool in framework.tools:
            tool_row = QTreeWidgetItem(self.tree, [tool.code, "", tool.name_th])
            for number in tool.indicators:
                indicator = framework.indicator(number)
                items = framework.items_of_indicator(number)
                if not items and tool.code not in unknown:
                    continue
                entered = [self._scores[i.code] for i in items if i.code in self._scores]
                mean = fmt(sum(entered, Decimal(0)) / len(entered)) if entered else ""
                indicator_row = QTreeWidgetItem(
                    tool_row, [f"ตัวชี้วัดที่ {number}", mean, indicator.name_th]
                )
                indicator_row.setData(COLUMN_CODE, INDICATOR_ROLE, number)
                indicator_row.setToolTip(COLUMN_SCORE, "ค่าเฉลี่ยของคะแนนรายข้อที่กรอก")
                if not items:
                    indicator_row.setToolTip(
                        COLUMN_TEXT,
                        wrap_tooltip(
                            f"{indicator.name_th} — ยังไม่มีข้อ: เลือกแถวนี้แล้ววางรหัสข้อและคะแนน "
                            "หรือเพิ่มด้วยรหัสด้านบน"
                        ),
                    )
                    indicator_row.setForeground(COLUMN_TEXT, QBrush(QColor(MUTED_COLOUR)))
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
            theme_row.setToolTip(COLUMN_TEXT, wrap_tooltip(theme.name_th))
            codes = list(theme.items) or [
                item.code for item in framework.items if item.indicator in theme.indicators
            ]
            for code in codes:
                if code in by_code:
                    self._item_row(theme_row, by_code[code])

    # ------------------------------------------------------------------ the clerk's row

    def _current_key(self) -> tuple[str, object, int] | None:
        row = self.tree.currentItem()
        if row is None:
            return None
        code = row.data(COLUMN_CODE, CODE_ROLE)
        if code:
            return ("item", code, self.tree.currentColumn())
        return ("row", row.text(COLUMN_CODE), self.tree.currentColumn())

    def _select_key(self, key: tuple[str, object, int] | None) -> None:
        """Make the row the clerk was on current again after the tree was refilled."""
        if key is None:
            return
        kind, wanted, column = key
        iterator = QTreeWidgetItemIterator(self.tree)
        while (row := iterator.value()) is not None:
            code = row.data(COLUMN_CODE, CODE_ROLE)
            if (kind == "item" and code == wanted) or (
                kind == "row" and not code and row.text(COLUMN_CODE) == wanted
            ):
                self.tree.setCurrentItem(row, max(column, 0))
                return
            iterator += 1

    def _target_indicator(self) -> int | None:
        """The indicator of the tree's current row (an indicator row, or an item's)."""
        row = self.tree.currentItem()
        while row is not None:
            number = row.data(COLUMN_CODE, INDICATOR_ROLE)
            if number:
                return int(number)
            code = row.data(COLUMN_CODE, CODE_ROLE)
            if code and self._framework is not None:
                return self._framework.item(code).indicator
            row = row.parent()
        return None

    def _on_current_row_changed(self, *_rows: object) -> None:
        number = self._target_indicator()
        if number is not None and self.add_group.isVisible():
            index = self.indicator_combo.findData(number)
            if index >= 0 and self._combo_allows(index):
                self.indicator_combo.setCurrentIndex(index)
        self._update_remove_button()

    def _offer_indicators_for_code(self, text: str) -> None:
        """Only the indicators of the typed code's tool can be chosen (i… IIT, e… EIT, O…
        OIT); the choice moves to one of them."""
        framework = self._framework
        code = normalize_item_code(text.strip()) if text.strip() else None
        allowed = set(indicators_for_item_code(framework, code)) if framework and code else None
        model = self.indicator_combo.model()
        for index in range(self.indicator_combo.count()):
            item = model.item(index)  # type: ignore[attr-defined]
            number = self.indicator_combo.itemData(index)
            item.setEnabled(allowed is None or number in allowed)
        if allowed and self.indicator_combo.currentData() not in allowed:
            target = self._target_indicator()
            first = target if target in allowed else min(allowed)
            self.indicator_combo.setCurrentIndex(self.indicator_combo.findData(first))

    def _combo_allows(self, index: int) -> bool:
        item = self.indicator_combo.model().item(index)  # type: ignore[attr-defined]
        return item is None or item.isEnabled()

    def _selected_codes(self) -> list[str]:
        return [
            code for row in self.tree.selectedItems() if (code := row.data(COLUMN_CODE, CODE_ROLE))
        ]

    def _update_remove_button(self) -> None:
        """Only the clerk's own items can be taken off a year's list."""
        codes = self._selected_codes()
        framework = self._framework
        self.remove_button.setEnabled(
            bool(codes)
            and framework is not None
            and all(self._own_text(framework.item(code)) for code in codes)
        )

    # ------------------------------------------------------------------ saving

    def _typed_rows(self) -> dict[str, tuple[str, str | None]]:
        """Item code → (score text, wording typed or None) as the tree shows them."""
        typed: dict[str, tuple[str, str | None]] = {}
        iterator = QTreeWidgetItemIterator(self.tree)
        while (row := iterator.value()) is not None:
            code = row.data(COLUMN_CODE, CODE_ROLE)
            if code:
                own = bool(row.data(COLUMN_CODE, OWN_TEXT_ROLE))
                typed[code] = (row.text(COLUMN_SCORE), row.text(COLUMN_TEXT) if own else None)
            iterator += 1
        return typed

    def save_typed(self) -> None:
        """The scores (and the clerk's own wording) typed in the tree that differ from what is
        saved, each kind as one undo step; refused (nothing saved, the typing stays) while
        one of the scores is not a score."""
        if self._year is None or self._framework is None:
            return
        framework = self._framework
        new: dict[str, Decimal | None] = {}
        texts: dict[str, str] = {}
        for code, (score_text, wording) in self._typed_rows().items():
            score = parse_score(score_text, f"ข้อ {code}")
            if score != self._scores.get(code):
                new[code] = score
            if wording is not None and wording.strip() != (framework.item(code).text_th or ""):
                texts[code] = wording.strip()
        if not new and not texts:
            return
        self.clear_error()
        if texts:  # the wording and any score typed with it, as one step
            data = self._services.frameworks.with_item_texts(self._year, texts)
            self._push_item_list(data, new, f"แก้ข้อความของข้อ {', '.join(texts)} ปี {self._year}")
        else:
            self._push_scores(new)

    def _push_scores(self, new: dict[str, Decimal | None]) -> bool:
        assert self._year is not None
        old = {code: self._scores.get(code) for code in new}
        codes = ", ".join(new)
        return self.push(
            SetItemScoresCommand(
                self._services,
                self._year,
                new,
                old,
                self.refresh,
                f"แก้คะแนนข้อ {codes} ปี {self._year}",
            )
        )

    def _push_item_list(
        self, data: dict, scores: dict[str, Decimal | None], description: str
    ) -> bool:
        """The year's item list ``data`` and ``scores`` as one undo step (undo puts back the
        list and the scores as they were)."""
        assert self._year is not None
        year = self._year
        frameworks = self._services.frameworks
        old = (frameworks.saved_data(year), {code: self._scores.get(code) for code in scores})
        return self.push(
            ValueCommand(
                lambda value: frameworks.save_item_list(year, *value),  # type: ignore[misc]
                (data, dict(scores)),
                old,
                self.refresh,
                description,
            )
        )

    # ------------------------------------------------------------------ adding by code

    def add_typed_item(self) -> None:
        """The code, indicator, score and wording typed above the tree, added (or, for a
        code already listed, its score and wording set); the boxes empty for the next one."""
        if self._year is None:
            return
        typed = self.code_edit.text().strip()
        code = normalize_item_code(typed) if typed else None
        if code is None:
            self.show_error(
                f"รหัสข้อ: “{typed}” ต้องเป็น i, e หรือ O ตามด้วยเลข เช่น i1, e5, O11 (ยังไม่ได้เพิ่ม)"
                if typed
                else "รหัสข้อ: พิมพ์รหัสของข้อก่อน เช่น i1, e5, O11"
            )
            self.code_edit.setFocus()
            return
        try:
            score = parse_score(self.score_edit.text(), f"คะแนนข้อ {code}")
            entry = ItemEntry(
                code, int(self.indicator_combo.currentData()), self.item_text_edit.text()
            )
            data = self._services.frameworks.with_items(self._year, [entry])
        except UserError as error:
            self.show_error(error.message + " (ยังไม่ได้เพิ่ม)")
            return
        scores: dict[str, Decimal | None] = {code: score} if score is not None else {}
        self.clear_error()
        if self._push_item_list(data, scores, f"เพิ่มข้อ {code} ปี {self._year}"):
            for box in (self.code_edit, self.score_edit, self.item_text_edit):
                box.clear()
            self.code_edit.setFocus()
            self._select_key(("item", code, COLUMN_SCORE))

    def remove_selected(self) -> None:
        codes = self._selected_codes()
        if not codes or self._year is None:
            return
        data = self._services.frameworks.without_items(self._year, codes)
        self.clear_error()
        self._push_item_list(data, dict.fromkeys(codes), f"ลบข้อ {', '.join(codes)} ปี {self._year}")

    # ------------------------------------------------------------------ pasting

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            not_editing = self.tree.state() != QAbstractItemView.State.EditingState
            if event.matches(QKeySequence.StandardKey.Paste) and not_editing:
                self.paste(QGuiApplication.clipboard().text())
                return True
        return super().eventFilter(watched, event)

    def paste(self, text: str) -> None:
        """Paste from Excel at the tree's current row: a column (or a row) of scores fills
        the items from there down; two or three columns (code, score, wording) set those
        items' scores, adding the codes not listed yet under the current row's indicator.
        Refused whole, with the reason, when any cell cannot be used."""
        if self._year is None or self._framework is None:
            return
        rows = [line.split("\t") for line in text.replace("\r\n", "\n").strip("\n").split("\n")]
        rows = [[cell.strip() for cell in row] for row in rows if any(c.strip() for c in row)]
        if not rows:
            return
        try:
            if all(len(row) >= 2 and normalize_item_code(row[0]) for row in rows):
                self._paste_codes(rows)
            elif len(rows) == 1:  # a row copied from Excel: its cells fill down
                self._paste_column(rows[0])
            elif all(len(row) == 1 for row in rows):
                self._paste_column([row[0] for row in rows])
            else:
                raise ValidationError(
                    "วางได้ทีละคอลัมน์คะแนน หรือสองคอลัมน์ รหัสข้อ–คะแนน (ไม่ใช่ตารางหลายคอลัมน์)"
                )
        except UserError as error:
            self.show_error(error.message + " (ยังไม่ได้วาง)")

    def _paste_column(self, values: list[str]) -> None:
        codes = self._item_codes_from_current()
        if not codes:
            raise ValidationError("เลือกข้อที่จะเริ่มวางคะแนนก่อน")
        if len(values) > len(codes):
            raise ValidationError(
                f"วางคะแนน {len(values)} ค่า แต่จากข้อที่เลือกลงไปมีเพียง {len(codes)} ข้อ"
            )
        new = {
            code: parse_score(value, f"ข้อ {code}")
            for code, value in zip(codes, values, strict=False)
        }
        self.clear_error()
        self._push_scores(new)

    def _item_codes_from_current(self) -> list[str]:
        """The item codes from the current row down, in the order the tree shows them."""
        codes: list[str] = []
        started = self.tree.currentItem() is None
        iterator = QTreeWidgetItemIterator(self.tree)
        while (row := iterator.value()) is not None:
            started = started or row is self.tree.currentItem()
            code = row.data(COLUMN_CODE, CODE_ROLE)
            if started and code:
                codes.append(code)
            iterator += 1
        return codes

    def _paste_codes(self, rows: list[list[str]]) -> None:
        assert self._year is not None and self._framework is not None
        framework = self._framework
        listed = {item.code for item in framework.items}
        target = self._target_indicator()
        entries: list[ItemEntry] = []
        scores: dict[str, Decimal | None] = {}
        homeless: list[str] = []
        for row in rows:
            code = normalize_item_code(row[0])
            assert code is not None
            scores[code] = parse_score(row[1], f"ข้อ {code}")
            wording = row[2] if len(row) > 2 else ""
            if code in listed:
                if wording:
                    entries.append(ItemEntry(code, framework.item(code).indicator, wording))
            elif target is not None and target in indicators_for_item_code(framework, code):
                entries.append(ItemEntry(code, target, wording))
            else:
                homeless.append(code)
        if homeless:
            by_tool = {tool_of_item_code(code): code for code in homeless}
            where = " หรือ ".join(
                f"{tool} (ตัวชี้วัดที่ {', '.join(map(str, indicators_for_item_code(framework, code)))})"
                for tool, code in sorted(by_tool.items())
            )
            raise ValidationError(
                f"ข้อ {', '.join(homeless)} ยังไม่มีในรายการของปี {self._year}: เลือกแถวตัวชี้วัดของ "
                f"{where} ที่จะเพิ่มข้อเหล่านี้ แล้ววางอีกครั้ง"
            )
        self.clear_error()
        if entries:
            data = self._services.frameworks.with_items(self._year, entries)
            what = "ข้อและคะแนน" if any(e.code not in listed for e in entries) else "คะแนน"
            self._push_item_list(data, scores, f"วาง{what} {len(rows)} ข้อ ปี {self._year}")
        else:
            self._push_scores(scores)

    # ------------------------------------------------------------------ importing a file

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


def _can_edit(index: QModelIndex | QPersistentModelIndex) -> bool:
    """Scores are typed in the score column; the wording only of the clerk's own items."""
    if index.column() == COLUMN_SCORE:
        return True
    if index.column() == COLUMN_TEXT:
        return bool(index.sibling(index.row(), COLUMN_CODE).data(OWN_TEXT_ROLE))
    return False


def _cue(index: QModelIndex | QPersistentModelIndex) -> str:
    return "คะแนน 0–100" if index.column() == COLUMN_SCORE else "ข้อความของข้อ (ไม่บังคับ)"
