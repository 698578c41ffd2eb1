"""The memo and its signatories: memo fields per year and kind, the office's comment chain,
the emblem image, and preview/print of the memo and the analysis report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from itadesk.domain.documents import DocumentKind
from itadesk.domain.fiscal import AssessmentCycle, format_thai_date, parse_thai_date
from itadesk.domain.memo import (
    HEADING_PREFIX,
    CommentStep,
    MemoKind,
    MemoSettings,
    default_heading,
    default_signer,
)
from itadesk.domain.office import Person
from itadesk.errors import UserError, ValidationError
from itadesk.services import Services
from itadesk.ui import dialogs
from itadesk.ui.pages.base import Page
from itadesk.ui.styles import Role, set_role
from itadesk.ui.text_fit import set_full_text_tip
from itadesk.ui.uiloader import child
from itadesk.ui.undo import SaveCommentChainCommand, SaveMemoSettingsCommand, ValueCommand
from itadesk.ui.views import excel_cells, kept_position, show_current_text_as_tip

MEMO_CHOICES = (
    (MemoKind.ANALYSIS, "เสนอผลการวิเคราะห์และมาตรการ", DocumentKind.MEMO),
    (MemoKind.PUBLISH, "ขออนุญาตเผยแพร่บนเว็บไซต์", DocumentKind.PUBLISH_MEMO),
)
CHAIN_HEADERS = ("หัวข้อ", "ผู้ให้ความเห็น", "ความเห็นที่พิมพ์ไว้ (ถ้ามี)")
CHAIN_TIPS = (
    "หัวข้อที่พิมพ์เหนือความเห็น เช่น ความเห็นของปลัด…",
    "ผู้ลงนามใต้ความเห็น",
    "ความเห็นที่จะพิมพ์ไว้ในบันทึก เว้นว่างไว้ให้เขียนด้วยมือได้",
)
COLUMN_HEADING, COLUMN_PERSON, COLUMN_COMMENT = range(3)
# Combo data for "nobody chosen". Not None: PySide mishandles None stored as item data
# (a reference-count fault that aborts the interpreter at exit).
NO_PERSON = -1


def _person_id(data: object) -> int | None:
    # PySide types item data as object; the combos hold person ids (ints)
    return None if data in (None, NO_PERSON) else int(data)  # type: ignore[call-overload]


class MemoPage(Page):
    title = "บันทึกข้อความและพิมพ์"
    purpose_th = "บันทึกข้อความเสนอผู้บริหาร ลำดับความเห็น และการพิมพ์เอกสาร"
    follows_cycle = True

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(services, undo_stack, parent, "memo_page")
        self.kind_combo = child(self.widget, QComboBox, "kind_combo")
        for kind, label, _ in MEMO_CHOICES:
            self.kind_combo.addItem(label, kind)
        self.section_combo = child(self.widget, QComboBox, "section_combo")
        self.number_edit = child(self.widget, QLineEdit, "number_edit")
        self.date_edit = child(self.widget, QLineEdit, "date_edit")
        self.salutation_edit = child(self.widget, QLineEdit, "salutation_edit")
        self.subject_edit = child(self.widget, QPlainTextEdit, "subject_edit")
        self.signer_combo = child(self.widget, QComboBox, "signer_combo")
        self.emblem_label = child(self.widget, QLabel, "emblem_label")
        self.chain_table = child(self.widget, QTableWidget, "chain_table")
        self.preflight_label = child(self.widget, QLabel, "preflight_label")
        set_role(self.preflight_label, Role.WARNING)
        self.chain_table.setColumnCount(len(CHAIN_HEADERS))
        self.chain_table.setHorizontalHeaderLabels(list(CHAIN_HEADERS))
        for column, tip in enumerate(CHAIN_TIPS):
            header_item = self.chain_table.horizontalHeaderItem(column)
            assert header_item is not None  # made by setHorizontalHeaderLabels
            header_item.setToolTip(tip)
        header = self.chain_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMN_PERSON, QHeaderView.ResizeMode.ResizeToContents)
        self.chain_table.setWordWrap(True)
        # Rows grow to show a long heading whole instead of eliding it.
        self.chain_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        # Enter saves the heading or comment typed and moves down, as in Excel.
        excel_cells(self.chain_table, wrap=True, cue="พิมพ์ แล้วกด Enter")
        for combo in (self.kind_combo, self.signer_combo):
            show_current_text_as_tip(combo)

        self._shown_kind = MemoKind.ANALYSIS  # the kind whose settings the form shows
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.binder.bind(self.section_combo, self.save_section)
        for widget in (
            self.number_edit,
            self.date_edit,
            self.salutation_edit,
            self.subject_edit,
            self.signer_combo,
        ):
            self.binder.bind(widget, self.save_settings)
        self.binder.bind(self.chain_table, self.save_chain)  # headings and comments typed
        child(self.widget, QPushButton, "add_step_button").clicked.connect(self._add_step)
        child(self.widget, QPushButton, "remove_step_button").clicked.connect(self._remove_step)
        child(self.widget, QPushButton, "up_step_button").clicked.connect(lambda: self._move(-1))
        child(self.widget, QPushButton, "down_step_button").clicked.connect(lambda: self._move(1))
        child(self.widget, QPushButton, "reset_chain_button").clicked.connect(
            self._reset_chain_to_roles
        )
        child(self.widget, QPushButton, "emblem_button").clicked.connect(self._choose_emblem)
        child(self.widget, QPushButton, "emblem_clear_button").clicked.connect(
            lambda: self._set_emblem(None)
        )
        # Without the analysis or the measures there is nothing to present yet: what the memo
        # needs and the page where it is made, in place of the memo's form.
        self._missing_page = "measures_page"  # the page that makes what the memo lacks
        self.empty_state = self.add_empty_state(child(self.widget, QWidget, "memo_body"))
        self.empty_state.action_button.clicked.connect(
            lambda: self.open_page.emit(self._missing_page)
        )
        child(self.widget, QPushButton, "preview_memo_button").clicked.connect(self.preview_memo)
        child(self.widget, QPushButton, "preview_report_button").clicked.connect(
            self.preview_report
        )

    @property
    def _year(self) -> int | None:
        """The memo presents the analysis of the assessed year."""
        return self.cycle.assessed_year if self.cycle is not None else None

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData() or MemoKind.ANALYSIS)

    def current_document(self) -> DocumentKind:
        for kind, _, document in MEMO_CHOICES:
            if kind == self.kind:
                return document
        return DocumentKind.MEMO

    # ------------------------------------------------------------------ loading

    def set_cycle(self, cycle: AssessmentCycle) -> None:
        self.title_label.setText(f"บันทึกข้อความและพิมพ์ — {cycle.label_th}")
        super().set_cycle(cycle)

    def refresh(self) -> None:
        if self._year is None:
            return
        self._show_empty_state()
        with self.loading():
            office = self._services.office.profile()
            self.section_combo.clear()
            self.section_combo.addItems([unit.name for unit in office.units])
            self.section_combo.setEditText(self._services.memos.section())
            self.signer_combo.clear()
            author = default_signer(office.people)
            self.signer_combo.addItem(
                f"(ค่าเริ่มต้น: ผู้จัดทำ — {author.display_name})"
                if author is not None
                else "(ยังไม่มีผู้จัดทำ — กำหนดบทบาทที่หน้า “ข้อมูลหน่วยงาน” หรือเลือกที่นี่)",
                NO_PERSON,
            )
            for person in office.people:
                self.signer_combo.addItem(f"{person.display_name} — {person.position}", person.id)
            settings = self._services.memos.settings(self._year, self.kind)
            self.number_edit.setText(settings.running_number)
            self.date_edit.setText(
                format_thai_date(settings.memo_date, "full", thai_digits=True)
                if settings.memo_date
                else ""
            )
            self.salutation_edit.setText(settings.salutation)
            self.subject_edit.setPlainText(settings.subject)
            self._fill_placeholders()
            index = (
                self.signer_combo.findData(settings.signer_person_id)
                if settings.signer_person_id is not None
                else 0
            )
            self.signer_combo.setCurrentIndex(max(index, 0))
            self._shown_kind = MemoKind(self.kind)
            emblem = self._services.settings.document_settings().emblem_path
            # The file's name only; the whole path is in the tooltip.
            self.emblem_label.setText(emblem.name if emblem else "ไม่ใช้รูป (เว้นที่ว่างไว้)")
            set_full_text_tip(self.emblem_label, str(emblem) if emblem else "")
            with kept_position(self.chain_table):
                self._fill_chain(office.people)
            # Who signs and who comments is checked at once, not only before printing.
            warnings = self._services.memos.preflight(self._year, self.kind)
            self._show_preflight(warnings)

    def _show_empty_state(self) -> None:
        """The memo presents the analysis and the measures: while either is missing, say so
        with the way to the page that makes it (the measures first, as the road does)."""
        assert self.cycle is not None
        plan_year = self.cycle.plan_year
        has_measures = bool(self._services.measures.measures(plan_year))
        has_analysis = any(
            section.text.strip()
            for section in self._services.analysis.analysis(self.cycle.assessed_year).sections
        )
        if not has_measures:
            self._missing_page = "measures_page"
            hint: str | None = (
                f"ยังไม่มีมาตรการของปี {plan_year} — บันทึกข้อความเสนอผลการวิเคราะห์และมาตรการ "
                "จึงพิมพ์ได้เมื่อวางมาตรการแล้ว"
            )
            action = "ไปที่หน้ามาตรการ"
        elif not has_analysis:
            self._missing_page = "analysis_page"
            hint = (
                f"ยังไม่มีการวิเคราะห์ผลปี {self.cycle.assessed_year} — บันทึกข้อความเสนอผลการวิเคราะห์"
                "และมาตรการ จึงพิมพ์ได้เมื่อร่างการวิเคราะห์แล้ว"
            )
            action = "ไปที่หน้าวิเคราะห์"
        else:
            hint, action = None, ""
        self.set_empty(self.empty_state, hint, action)

    def _show_preflight(self, warnings: list[str]) -> None:
        self.preflight_label.setText(
            ("ตรวจก่อนพิมพ์:\n" + "\n".join(f"• {w}" for w in warnings)) if warnings else ""
        )

    def _fill_placeholders(self) -> None:
        """Show the drafted subject and salutation as placeholders: empty means 'use these'."""
        try:
            draft = self._services.memos.build(self._year or 0, self.kind)
        except UserError:
            return
        self.salutation_edit.setPlaceholderText(draft.salutation)
        self.subject_edit.setPlaceholderText(draft.subject)
        # A grey draft longer than its box is whole in the tooltip.
        set_full_text_tip(self.salutation_edit, f"ว่างไว้จะใช้: {draft.salutation}")
        set_full_text_tip(self.subject_edit, f"ว่างไว้จะใช้: {draft.subject}")

    def _signer_id(self) -> int | None:
        """The signer of the memo shown (chosen, else the author), who may not comment."""
        if self._year is None:
            return None
        signer = self._services.memos.signer(self._year, self.kind)
        return signer.id if signer is not None else None

    def _fill_chain(self, people: tuple[Person, ...]) -> None:
        """The chain in print order, top to bottom; a row naming the signer is greyed out
        (the memo leaves it out; the warnings under the print buttons say why)."""
        steps = self._services.memos.comment_chain()
        signer_id = self._signer_id()
        self.chain_table.setRowCount(0)
        for step in steps:
            row = self._append_step_row(step, people)
            if signer_id is not None and step.person_id == signer_id:
                grey = QBrush(self.chain_table.palette().color(QPalette.ColorRole.PlaceholderText))
                for column in (COLUMN_HEADING, COLUMN_COMMENT):
                    item = self.chain_table.item(row, column)
                    assert item is not None  # made by _append_step_row
                    item.setForeground(grey)
                    item.setToolTip("ไม่พิมพ์ในบันทึกนี้ เพราะเป็นผู้เสนอ (ลงนาม)")

    def _append_step_row(self, step: CommentStep, people: tuple[Person, ...]) -> int:
        row = self.chain_table.rowCount()
        self.chain_table.insertRow(row)
        self.chain_table.setItem(row, COLUMN_HEADING, QTableWidgetItem(step.heading))
        self.chain_table.setItem(row, COLUMN_COMMENT, QTableWidgetItem(step.comment))
        # The person is chosen in the combo box over this cell: the cell itself is not typed in.
        under_combo = QTableWidgetItem()
        under_combo.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.chain_table.setItem(row, COLUMN_PERSON, under_combo)
        combo = QComboBox()
        combo.addItem("(เว้นว่างไว้)", NO_PERSON)
        for person in people:
            # The name only: the heading beside it shows the position (and so does the tip).
            combo.addItem(person.display_name, person.id)
            combo.setItemData(combo.count() - 1, person.position, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(combo.findData(step.person_id), 0))
        combo.setAccessibleName(f"ผู้ให้ความเห็นลำดับที่ {row + 1}")
        combo.activated.connect(self._person_chosen)
        self.chain_table.setCellWidget(row, COLUMN_PERSON, combo)
        return row

    def _person_chosen(self, _index: int) -> None:
        """A person chosen for a step: a heading still empty or made for someone (not typed
        by the clerk) becomes "ความเห็นของ" + the new person's position; then save."""
        combo = self.sender()
        if not isinstance(combo, QComboBox):
            return
        row = next(
            (
                r
                for r in range(self.chain_table.rowCount())
                if self.chain_table.cellWidget(r, COLUMN_PERSON) is combo
            ),
            -1,
        )
        if row < 0:
            return
        people = self._services.office.profile().people
        person = next((p for p in people if p.id == _person_id(combo.currentData())), None)
        heading = self.chain_table.item(row, COLUMN_HEADING)
        made = {"", HEADING_PREFIX} | {default_heading(p) for p in people}
        if person is not None and heading is not None and heading.text().strip() in made:
            with self.loading():  # one save below, not one from itemChanged as well
                heading.setText(default_heading(person) or heading.text())
        self.binder.commit(self.save_chain)

    # ------------------------------------------------------------------ saving

    def settings_from_form(self) -> MemoSettings:
        """The fields of the memo kind the form shows (``_shown_kind``)."""
        assert self._year is not None
        text = self.date_edit.text().strip()
        memo_date = parse_thai_date(text) if text else None
        return MemoSettings(
            fiscal_year=self._year,
            kind=self._shown_kind,
            running_number=self.number_edit.text().strip(),
            memo_date=memo_date,
            signer_person_id=_person_id(self.signer_combo.currentData()),
            subject=self.subject_edit.toPlainText().strip(),
            salutation=self.salutation_edit.text().strip(),
            paragraphs=self._services.memos.settings(self._year, self._shown_kind).paragraphs,
        )

    def save_settings(self) -> None:
        """The memo's fields as one undo step; refused with the reason (a date that does not
        read, a signer who also comments) and nothing saved."""
        if self._year is None:
            return
        try:
            new = self.settings_from_form()
        except ValueError:
            raise ValidationError(
                f"วันที่: “{self.date_edit.text()}” อ่านไม่ได้ — พิมพ์เช่น ๗ มกราคม ๒๕๖๙ "
                "หรือ 7 ม.ค. 69 หรือเว้นว่างไว้ (ยังไม่ได้บันทึก)"
            ) from None
        old = self._services.memos.settings(self._year, self._shown_kind)
        if new == old:
            return
        problems = self._services.memos.settings_problems(new)
        if problems:
            # Show the signer that stays saved, not the refused choice.
            with self.loading():
                index = self.signer_combo.findData(
                    NO_PERSON if old.signer_person_id is None else old.signer_person_id
                )
                self.signer_combo.setCurrentIndex(max(index, 0))
            raise ValidationError(" ".join(problems) + " (ยังไม่ได้บันทึก)")
        self.clear_error()
        self.push(SaveMemoSettingsCommand(self._services, new, old, self.refresh))

    def _on_kind_changed(self, _index: int) -> None:
        """Save the fields of the memo kind the form showed, then show the chosen kind; while
        they cannot be saved the form stays on its kind, with the typing and the reason."""
        if self.is_loading:
            return
        if not self.flush():
            with self.loading():
                self.kind_combo.setCurrentIndex(self.kind_combo.findData(self._shown_kind))
            return
        self.refresh()

    def chain_from_form(self) -> list[CommentStep]:
        steps = []
        for row in range(self.chain_table.rowCount()):
            heading = self.chain_table.item(row, COLUMN_HEADING)
            comment = self.chain_table.item(row, COLUMN_COMMENT)
            combo = self.chain_table.cellWidget(row, COLUMN_PERSON)
            steps.append(
                CommentStep(
                    heading=heading.text().strip() if heading else "",
                    person_id=_person_id(combo.currentData())
                    if isinstance(combo, QComboBox)
                    else None,
                    comment=comment.text().strip() if comment else "",
                )
            )
        return steps

    def save_chain(self) -> None:
        """The chain as the table shows it (a cell typed, a person chosen, a row removed)."""
        self._push_chain(self.chain_from_form())

    def _push_chain(self, new: list[CommentStep]) -> None:
        """One undo step for the chain in the order given; refused as a whole, with the step
        named, when a heading is missing or the signer would comment."""
        old = [dataclasses.replace(step, id=None) for step in self._services.memos.comment_chain()]
        if new == old:
            return
        signer_id = self._signer_id()
        problems = self._services.memos.chain_problems(new, signer_person_id=signer_id)
        if problems:
            raise ValidationError(" ".join(problems) + " (ยังไม่ได้บันทึก)")
        self.clear_error()
        self.push(SaveCommentChainCommand(self._services, new, old, self.refresh, signer_id))

    def _save_chain_as(self, new: list[CommentStep]) -> bool:
        """A button's reordering of the chain, saved; False (reason shown) when refused."""
        try:
            self._push_chain(new)
        except UserError as error:
            self.show_error(error.message)
            return False
        return True

    def _add_step(self) -> None:
        """A new row at the end, saved once a person is chosen (the heading then follows the
        person's position) or a heading is typed."""
        people = self._services.office.profile().people
        with self.loading():
            row = self._append_step_row(CommentStep("", None), people)
        self.chain_table.setCurrentCell(row, COLUMN_PERSON)
        combo = self.chain_table.cellWidget(row, COLUMN_PERSON)
        if combo is not None:
            combo.setFocus()

    def _remove_step(self) -> None:
        row = self.chain_table.currentRow()
        if row >= 0:
            self.chain_table.removeRow(row)
            self.binder.commit(self.save_chain)

    def _move(self, delta: int) -> None:
        row = self.chain_table.currentRow()
        steps = self.chain_from_form()
        target = row + delta
        if row < 0 or not 0 <= target < len(steps):
            return
        steps[row], steps[target] = steps[target], steps[row]
        if self._save_chain_as(steps):
            self.chain_table.setCurrentCell(target, COLUMN_HEADING)  # the moved row stays chosen

    def _reset_chain_to_roles(self) -> None:
        """Back to หัวหน้าส่วนราชการ → ปลัด → นายก from the roles (an office whose chain was
        saved in another order keeps it until the clerk asks for this)."""
        signer_id = self._signer_id()
        steps = [
            step
            for step in self._services.memos.default_comment_chain()
            if signer_id is None or step.person_id != signer_id
        ]
        self._save_chain_as(steps)

    def save_section(self) -> None:
        """The ส่วนราชการ line of every memo (chosen from the units or typed)."""
        new = self.section_combo.currentText().strip()
        old = self._services.memos.section()
        if new == old:
            return
        if not new:
            raise ValidationError("ส่วนราชการ: ต้องระบุชื่อสำนักหรือกองที่ทำบันทึก")
        self.push(
            ValueCommand(
                lambda value: self._services.memos.set_section(str(value)),
                new,
                old,
                self.refresh,
                "แก้ส่วนราชการ",
            )
        )

    def _choose_emblem(self) -> None:
        path = dialogs.choose_open_file(
            self.widget, "เลือกรูปตราครุฑหรือตราหน่วยงาน", "รูปภาพ (*.png *.jpg *.jpeg)"
        )
        if path is not None:
            self._set_emblem(path)

    def _set_emblem(self, path: Path | None) -> None:
        old = self._services.settings.document_settings().emblem_path
        if path is not None and not path.is_file():
            self.show_error(f"ไม่พบไฟล์ {path} — เลือกไฟล์รูป PNG หรือ JPG")
            return
        self.clear_error()
        self.push(
            ValueCommand(
                lambda value: self._services.settings.set_emblem_path(value),  # type: ignore[arg-type]
                path,
                old,
                self.refresh,
                "เปลี่ยนรูปตรา",
            )
        )

    # ------------------------------------------------------------------ printing

    def preview_memo(self) -> None:
        if self._year is not None:
            self.open_preview(self.current_document(), self._year)

    def preview_report(self) -> None:
        if self._year is not None:
            self.open_preview(DocumentKind.REPORT, self._year)

    def check_before_printing(self, kind: DocumentKind, fiscal_year: int) -> None:
        """What is missing, shown under the buttons (the memo's signer and comment chain
        only for the memo)."""
        memo_kind = None if kind == DocumentKind.REPORT else self.kind
        self._show_preflight(self._services.documents.preflight(fiscal_year, memo_kind))
