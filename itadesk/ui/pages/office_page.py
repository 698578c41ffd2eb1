"""The office profile, typed once and used by every document. Each change is saved when the
clerk leaves a field (one undo step per change; every field is bound to the one save of the
whole profile); a problem is shown in Thai and nothing is written until it is fixed."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from itadesk.domain.office import (
    NAME_SPACING_LABELS_TH,
    OFFICE_KINDS,
    ROLE_LABELS_TH,
    NameSpacing,
    OfficeProfile,
    Person,
    Role,
    Unit,
    infer_role,
    validate_office,
)
from itadesk.errors import ValidationError
from itadesk.services import Services
from itadesk.ui.pages.base import Page
from itadesk.ui.uiloader import child
from itadesk.ui.undo import SaveOfficeCommand
from itadesk.ui.views import excel_cells, kept_position

PEOPLE_HEADERS = (
    "ยศ/คำนำหน้า",
    "ชื่อ-นามสกุล",
    "ตำแหน่ง",
    "รักษาการ",
    "บทบาท",
    "คำนำหน้ากับชื่อ",
)
PEOPLE_TIPS = (
    "ยศหรือคำนำหน้านาม เช่น พ.จ.อ., ว่าที่ร้อยตรี (ถ้ามี)",
    "ชื่อและนามสกุล",
    "ตำแหน่งตามที่พิมพ์ใต้ชื่อ",
    "รักษาราชการแทน / ปฏิบัติหน้าที่ (ถ้ามี)",
    "หน้าที่ในบันทึกข้อความ",
    "เขียนคำนำหน้าติดชื่อ (นาย นาง นางสาว) หรือเว้นวรรค (ยศ ตำแหน่งทางวิชาการ)",
)
PEOPLE_CUES = ("ยศ (ถ้ามี)", "ชื่อ-นามสกุล", "ตำแหน่ง", "รักษาการ (ถ้ามี)", "", "")
TEXT_COLUMNS = 4  # the typed columns; then the role combo and the name-spacing combo
COLUMN_RANK, COLUMN_POSITION, COLUMN_ACTING, COLUMN_ROLE, COLUMN_SPACING = 0, 2, 3, 4, 5
# A new row's role follows its position as typed until the clerk picks one.
FOLLOWS_POSITION = "follows_position"
TEXT_FIELDS = ("name", "district", "province", "phone", "doc_prefix")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class OfficePage(Page):
    title = "ข้อมูลหน่วยงาน"
    purpose_th = "ชื่อ หน่วยงานย่อย และผู้ลงนาม กรอกครั้งเดียวใช้ในทุกเอกสาร"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(services, undo_stack, parent, "office_page")
        self.kind_combo = child(self.widget, QComboBox, "kind_combo")
        self.kind_combo.addItems(list(OFFICE_KINDS))
        self.edits = {name: child(self.widget, QLineEdit, f"{name}_edit") for name in TEXT_FIELDS}
        self.units_list = child(self.widget, QListWidget, "units_list")
        self.people_table = child(self.widget, QTableWidget, "people_table")
        self.people_table.setColumnCount(len(PEOPLE_HEADERS))
        self.people_table.setHorizontalHeaderLabels(list(PEOPLE_HEADERS))
        for column, tip in enumerate(PEOPLE_TIPS):
            header_item = self.people_table.horizontalHeaderItem(column)
            assert header_item is not None  # made by setHorizontalHeaderLabels
            header_item.setToolTip(tip)
        header = self.people_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (COLUMN_RANK, COLUMN_ACTING, COLUMN_ROLE, COLUMN_SPACING):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The stretched columns (name, position) never shrink below their heading: on a narrow
        # screen the table scrolls sideways, as a spreadsheet would, rather than cut them.
        metrics = header.fontMetrics()
        header.setMinimumSectionSize(
            max(metrics.horizontalAdvance(PEOPLE_HEADERS[c]) for c in (1, COLUMN_POSITION)) + 28
        )
        # Long positions wrap and the row grows, instead of "นายกองค์การบริหารส่ว…".
        self.people_table.setWordWrap(True)
        self.people_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        # Enter saves the cell and moves down, as in Excel; a new row's box says what to type.
        excel_cells(self.people_table, wrap=True, cue=lambda index: PEOPLE_CUES[index.column()])
        excel_cells(self.units_list, cue="พิมพ์ชื่อสำนัก/กอง แล้วกด Enter")

        for widget in (*self.edits.values(), self.kind_combo, self.units_list, self.people_table):
            self.binder.bind(widget, self.save_from_form)
        self.people_table.itemChanged.connect(self._follow_position)
        # An empty list says what goes in it, with the button that adds the first row.
        self.units_empty = self.add_empty_state(self.units_list)
        self.units_empty.action_button.clicked.connect(self._add_unit)
        self.people_empty = self.add_empty_state(self.people_table)
        self.people_empty.action_button.clicked.connect(self._add_person)
        child(self.widget, QPushButton, "add_unit_button").clicked.connect(self._add_unit)
        child(self.widget, QPushButton, "remove_unit_button").clicked.connect(self._remove_unit)
        child(self.widget, QPushButton, "add_person_button").clicked.connect(self._add_person)
        child(self.widget, QPushButton, "remove_person_button").clicked.connect(self._remove_person)
        self.refresh()

    # ------------------------------------------------------------------ form ↔ profile

    def refresh(self) -> None:
        profile = self._services.office.profile()
        with self.loading():
            for name, edit in self.edits.items():
                edit.setText(getattr(profile, name))
                edit.setCursorPosition(0)
            index = self.kind_combo.findText(profile.kind)
            self.kind_combo.setCurrentIndex(max(index, 0))
            # The clerk's row and scroll position stay (Enter has just moved down a row).
            with kept_position(self.units_list):
                self.units_list.clear()
                for unit in profile.units:
                    self._append_unit_item(unit.name, unit.id)
            with kept_position(self.people_table):
                self.people_table.setRowCount(0)
                for person in profile.people:
                    self._append_person_row(
                        (
                            person.rank_prefix,
                            person.full_name,
                            person.position,
                            person.acting_position,
                        ),
                        person.role,
                        person.id,
                        person.name_spacing,
                    )
        self._show_empty_lists()

    def _show_empty_lists(self) -> None:
        """The units and the people, each empty list in its own words with the button that
        adds the first row (a row being added shows the list). The list's own add and remove
        buttons wait under the list: an empty one has nothing to remove."""
        no_units = not self.units_list.count()
        self.set_empty(
            self.units_empty,
            "ยังไม่มีสำนัก/กอง — เพิ่มส่วนงานที่รับผิดชอบมาตรการและเสนอบันทึกข้อความ" if no_units else None,
            "เพิ่มส่วนงาน",
        )
        no_people = not self.people_table.rowCount()
        self.set_empty(
            self.people_empty,
            "ยังไม่มีผู้ลงนาม — เพิ่มผู้จัดทำ หัวหน้าส่วนราชการ ปลัด และนายก ที่ลงนามและให้ความเห็นในบันทึกข้อความ"
            if no_people
            else None,
            "เพิ่มบุคคล",
        )
        for name, empty in (
            ("add_unit_button", no_units),
            ("remove_unit_button", no_units),
            ("add_person_button", no_people),
            ("remove_person_button", no_people),
        ):
            child(self.widget, QPushButton, name).setVisible(not empty)

    def _append_unit_item(self, name: str, unit_id: int | None = None) -> QListWidgetItem:
        item = QListWidgetItem(name)
        # The row keeps its database id, so a renamed unit or person stays the same record
        # (the memo's signer and comment chain point at people by id).
        if unit_id is not None:
            item.setData(ID_ROLE, unit_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.units_list.addItem(item)
        return item

    def _append_person_row(
        self,
        values: tuple[str, str, str, str],
        role: Role,
        person_id: int | None = None,
        spacing: NameSpacing = NameSpacing.AUTO,
    ) -> int:
        row = self.people_table.rowCount()
        self.people_table.insertRow(row)
        for column, value in enumerate(values):
            cell = QTableWidgetItem(value)
            if person_id is not None:
                cell.setData(ID_ROLE, person_id)
            self.people_table.setItem(row, column, cell)
        # The role is chosen in the combo box over this cell: the cell itself is not typed in.
        under_combo = QTableWidgetItem()
        under_combo.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.people_table.setItem(row, COLUMN_ROLE, under_combo)
        combo = QComboBox()
        for each, label in ROLE_LABELS_TH.items():
            combo.addItem(label, str(each))
        combo.setCurrentIndex(max(combo.findData(str(role)), 0))
        combo.setAccessibleName(f"บทบาทของบุคลากรลำดับที่ {row + 1}")
        combo.setProperty(FOLLOWS_POSITION, person_id is None)
        combo.activated.connect(self._role_chosen)  # the clerk's pick: the guess stops
        self.binder.bind(combo, self.save_from_form)
        self.people_table.setCellWidget(row, COLUMN_ROLE, combo)
        # นาย/นาง/นางสาว are joined to the name, ranks take a space; the clerk may override
        spacing_combo = QComboBox()
        for spacing_choice, label in NAME_SPACING_LABELS_TH.items():
            spacing_combo.addItem(label, str(spacing_choice))
        spacing_combo.setCurrentIndex(max(spacing_combo.findData(str(spacing)), 0))
        spacing_combo.setAccessibleName(f"คำนำหน้ากับชื่อของบุคลากรลำดับที่ {row + 1}")
        spacing_combo.activated.connect(self._spacing_chosen)
        self.people_table.setCellWidget(row, COLUMN_SPACING, spacing_combo)
        return row

    def _role_combo(self, row: int) -> QComboBox | None:
        combo = self.people_table.cellWidget(row, COLUMN_ROLE)
        return combo if isinstance(combo, QComboBox) else None

    def _spacing_combo(self, row: int) -> QComboBox | None:
        combo = self.people_table.cellWidget(row, COLUMN_SPACING)
        return combo if isinstance(combo, QComboBox) else None

    def _spacing_chosen(self, _index: int) -> None:
        self.save_from_form()

    def _role_chosen(self, _index: int) -> None:
        combo = self.sender()
        if isinstance(combo, QComboBox):
            combo.setProperty(FOLLOWS_POSITION, False)

    def _follow_position(self, item: QTableWidgetItem) -> None:
        """A new row's role is guessed from the position typed (ปลัด…, นายก…, หัวหน้า…)
        until the clerk picks one; a saved row keeps the role it has."""
        if self.is_loading or item.column() != COLUMN_POSITION:
            return
        combo = self._role_combo(item.row())
        if combo is not None and combo.property(FOLLOWS_POSITION):
            combo.setCurrentIndex(max(combo.findData(str(infer_role(item.text()))), 0))

    def profile_from_form(self) -> OfficeProfile:
        saved = self._services.office.profile()
        units = tuple(
            Unit(
                self.units_list.item(row).text().strip(),
                id=self.units_list.item(row).data(ID_ROLE),
            )
            for row in range(self.units_list.count())
            if self.units_list.item(row).text().strip()
        )
        people = []
        for row in range(self.people_table.rowCount()):
            cells = [
                (cell.text().strip() if (cell := self.people_table.item(row, column)) else "")
                for column in range(TEXT_COLUMNS)
            ]
            if any(cells):
                first = self.people_table.item(row, 0) or self.people_table.item(row, 1)
                combo = self._role_combo(row)
                spacing = self._spacing_combo(row)
                people.append(
                    Person(
                        full_name=cells[1],
                        position=cells[2],
                        rank_prefix=cells[0],
                        acting_position=cells[3],
                        id=first.data(ID_ROLE) if first is not None else None,
                        role=Role(combo.currentData()) if combo is not None else Role.OTHER,
                        name_spacing=(
                            NameSpacing(spacing.currentData())
                            if spacing is not None
                            else NameSpacing.AUTO
                        ),
                    )
                )
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        return dataclasses.replace(
            saved,
            kind=self.kind_combo.currentText(),
            units=units,
            people=tuple(people),
            **values,
        )

    def save_from_form(self) -> None:
        """The whole profile as the form shows it, as one undo step (refused, with every
        problem named, while any field is wrong)."""
        old = self._services.office.profile()
        new = self.profile_from_form()
        if _comparable(new) == _comparable(old):
            self.clear_error()
            return
        problems = validate_office(new)
        if problems:
            raise ValidationError("ยังไม่ได้บันทึก: " + " ".join(problems))
        self.clear_error()
        self.push(SaveOfficeCommand(self._services, new, old, self.refresh))

    # ------------------------------------------------------------------ list buttons

    def _add_unit(self) -> None:
        """A new, empty unit at the end, its box open with the cursor in it and a grey cue
        saying what to type (saved once a name is typed)."""
        item = self._append_unit_item("")
        self._show_empty_lists()
        self.units_list.setCurrentItem(item)
        self.units_list.scrollToItem(item)
        self.units_list.setFocus()
        self.units_list.editItem(item)

    def _remove_unit(self) -> None:
        row = self.units_list.currentRow()
        if row >= 0:
            self.units_list.takeItem(row)
            self.binder.commit(self.save_from_form)
            self._show_empty_lists()

    def _add_person(self) -> None:
        with self.loading():  # an empty row: nothing to save until a name is typed
            row = self._append_person_row(("", "", "", ""), Role.OTHER)
        self._show_empty_lists()
        self.people_table.setCurrentCell(row, 1)
        name_item = self.people_table.item(row, 1)
        assert name_item is not None  # made by _append_person_row
        self.people_table.scrollToItem(name_item)
        self.people_table.setFocus()
        self.people_table.editItem(name_item)

    def _remove_person(self) -> None:
        row = self.people_table.currentRow()
        if row >= 0:
            self.people_table.removeRow(row)
            self.binder.commit(self.save_from_form)
            self._show_empty_lists()


def _comparable(profile: OfficeProfile) -> tuple:
    """Profile content without database ids, to tell whether the clerk changed anything."""
    return (
        tuple(getattr(profile, name) for name in (*TEXT_FIELDS, "kind")),
        tuple(unit.name for unit in profile.units),
        tuple(
            (p.rank_prefix, p.full_name, p.position, p.acting_position, p.role, p.name_spacing)
            for p in profile.people
        ),
    )
