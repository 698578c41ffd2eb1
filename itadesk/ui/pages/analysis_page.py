"""The analysis page: per indicator the finding, urgent weaknesses, issues to improve and
guidance, drafted from the scores and edited freely; a summary at the end."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from itadesk.domain.analysis import (
    FIELD_TITLES_TH,
    INDICATOR_FIELDS,
    SUMMARY,
    Analysis,
    SectionKey,
    with_text,
)
from itadesk.domain.fiscal import AssessmentCycle
from itadesk.domain.scoring import fmt
from itadesk.errors import UserError, ValidationError
from itadesk.services import Services
from itadesk.services.analysis import MAX_SECTION_CHARACTERS, has_html_fragments, strip_html
from itadesk.ui import dialogs
from itadesk.ui.binder import CommitBinder
from itadesk.ui.pages.base import Page
from itadesk.ui.styles import Role, set_role
from itadesk.ui.uiloader import child
from itadesk.ui.undo import ReplaceAnalysisCommand

SUMMARY_ROW_DATA = -1


class SectionTextEdit(QPlainTextEdit):
    """A text box that asks once per paste (or drop) whether to strip HTML tags from the
    pasted text, and inserts the answer: the question is about what was pasted, not about
    the whole text each time it is saved."""

    def __init__(self, ask_strip_html: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ask_strip_html = ask_strip_html

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        if has_html_fragments(text) and self._ask_strip_html():
            self.insertPlainText(strip_html(text))
            return
        super().insertFromMimeData(source)


class SectionEditor(QFrame):
    """One section: heading, text box, "edited" marker and a reset-to-draft button. The text
    box is bound to the page's binder: it is saved when the clerk pauses or leaves it."""

    reset_requested = Signal(object)  # SectionKey

    def __init__(
        self,
        key: SectionKey,
        binder: CommitBinder,
        save_section: Callable[[SectionKey, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self._binder = binder
        self._save_section = save_section
        self.setObjectName(f"section_{key.indicator or 0}_{key.field}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        header = QHBoxLayout()
        self.title_label = QLabel(FIELD_TITLES_TH[key.field])
        set_role(self.title_label, Role.SECTION_TITLE)
        self.state_label = QLabel()
        set_role(self.state_label, Role.WARNING)
        self.reset_button = QPushButton("กลับไปใช้ร่าง")
        self.reset_button.setToolTip("แทนข้อความในช่องนี้ด้วยร่างที่โปรแกรมเขียนจากคะแนน")
        header.addWidget(self.title_label)
        header.addWidget(self.state_label)
        header.addStretch(1)
        header.addWidget(self.reset_button)
        layout.addLayout(header)
        self.editor = SectionTextEdit(self._ask_strip_html)
        self.editor.setAccessibleName(FIELD_TITLES_TH[key.field])
        self.editor.setMinimumHeight(110)
        layout.addWidget(self.editor)
        self._saved_text = ""
        binder.bind(self.editor, self._save)
        self.reset_button.clicked.connect(lambda: self.reset_requested.emit(self.key))

    def set_section(self, text: str, drafted: str) -> None:
        self._saved_text = text
        if self.editor.toPlainText() != text:
            with self._binder.loading():
                self.editor.setPlainText(text)
        edited = text != drafted and bool(drafted)
        self.state_label.setText("(แก้เองแล้ว)" if edited else "")
        self.reset_button.setEnabled(edited or not text)

    def _save(self) -> None:
        text = self.editor.toPlainText()
        if text != self._saved_text:
            self._save_section(self.key, text)

    def commit(self) -> bool:
        """Save the text now (as leaving the box does); False when it was refused."""
        return self._binder.commit(self._save)

    def discard(self) -> None:
        """The editor is going away: it has nothing more to save."""
        self._binder.forget(self._save)
        self.setParent(None)
        self.deleteLater()

    def _ask_strip_html(self) -> bool:
        return dialogs.ask_yes_no(
            self,
            "ข้อความมีแท็ก HTML",
            "ข้อความที่วางมามีแท็ก HTML เช่น <p> ติดมาด้วย ต้องการลบแท็กออกให้เหลือแต่ข้อความไหม?\n"
            "(เลือก “ไม่” จะวางข้อความตามที่คัดลอกมา และพิมพ์เครื่องหมาย < > ออกมาตามจริง)",
        )


class AnalysisPage(Page):
    title = "การวิเคราะห์ผล"
    purpose_th = "ร่างการวิเคราะห์จากคะแนน แล้วแก้ข้อความให้ตรงกับหน่วยงาน"
    follows_cycle = True

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(services, undo_stack, parent, "analysis_page")
        self._analysis: Analysis | None = None
        self.editors: dict[SectionKey, SectionEditor] = {}
        self.draft_button = child(self.widget, QPushButton, "draft_button")
        self.warning_label = child(self.widget, QLabel, "warning_label")
        set_role(self.warning_label, Role.WARNING)
        self.indicator_list = child(self.widget, QListWidget, "indicator_list")
        editor_layout = child(self.widget, QWidget, "editor_container").layout()
        assert editor_layout is not None  # the .ui gives the container its layout
        self.editor_layout = editor_layout
        self.draft_button.clicked.connect(self.redraft)
        # Without scores, or before the first draft: what goes here and the way to it.
        self.empty_state = self.add_empty_state(child(self.widget, QSplitter, "splitter"))
        self.empty_state.action_button.clicked.connect(self._on_empty_action)
        self.indicator_list.currentRowChanged.connect(self._on_indicator_chosen)

    @property
    def _year(self) -> int | None:
        """The analysis shown is of the assessed year's scores."""
        return self.cycle.assessed_year if self.cycle is not None else None

    # ------------------------------------------------------------------ loading

    def set_cycle(self, cycle: AssessmentCycle) -> None:
        self.cycle = cycle
        fiscal_year = cycle.assessed_year
        self.clear_error()
        try:
            framework = self._services.frameworks.get(fiscal_year)
        except UserError as error:
            self.show_error(error.message)
            return
        scores = self._services.scores.indicator_scores(fiscal_year)
        self.title_label.setText(
            f"การวิเคราะห์ผลการประเมิน ITA ปีงบประมาณ {fiscal_year} (สำหรับมาตรการปี {fiscal_year + 1})"
        )
        row = max(self.indicator_list.currentRow(), 0)
        with self.loading():
            self.indicator_list.clear()
            for indicator in framework.indicators:
                score = scores.get(indicator.number)
                label = f"{indicator.number}. {indicator.name_th}"
                if score is not None:
                    label += f"  ({fmt(score)})"
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, indicator.number)
                if score is not None and score < framework.target:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.indicator_list.addItem(item)
            summary = QListWidgetItem("สรุปผลการวิเคราะห์")
            summary.setData(Qt.ItemDataRole.UserRole, SUMMARY_ROW_DATA)
            self.indicator_list.addItem(summary)
        self.indicator_list.setCurrentRow(min(row, self.indicator_list.count() - 1))
        self.refresh()

    def _on_indicator_chosen(self, _row: int) -> None:
        if not self.is_loading:
            self._show_current()

    def refresh(self) -> None:
        if self._year is None:
            return
        self._analysis = self._services.analysis.analysis(self._year)
        self._show_empty_state()
        self._show_current()
        warnings = self._services.analysis.foreign_names(self._year)
        self.warning_label.setText(
            "\n".join(
                f"พบชื่อหน่วยงานอื่นในข้อความ: {', '.join(w.names)} "
                "— ตรวจว่าไม่ได้คัดลอกมาจากเอกสารของหน่วยงานอื่น"
                for w in warnings
            )
        )

    def _show_empty_state(self) -> None:
        """Without scores (and no text typed yet) there is nothing to analyse: say so, with
        the way to the scores page. With scores the editors stay, drafted or typed by hand."""
        assert self._year is not None and self._analysis is not None
        empty = not self._services.scores.indicator_scores(self._year) and not any(
            section.text.strip() for section in self._analysis.sections
        )
        self.set_empty(
            self.empty_state,
            f"ยังไม่มีคะแนนของปี {self._year} — กรอกคะแนนก่อน แล้วโปรแกรมจะร่างการวิเคราะห์ให้"
            if empty
            else None,
            "ไปที่หน้าคะแนน",
        )

    def _on_empty_action(self) -> None:
        self.open_page.emit("scores_page")

    def _current_indicator(self) -> int | None:
        item = self.indicator_list.currentItem()
        if item is None:
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return None if value == SUMMARY_ROW_DATA else int(value)

    def _show_current(self) -> None:
        if self._analysis is None or self.indicator_list.currentItem() is None:
            return
        indicator = self._current_indicator()
        fields = INDICATOR_FIELDS if indicator is not None else (SUMMARY,)
        keys = [SectionKey(indicator, field) for field in fields]
        if list(self.editors) != keys:
            # Take the old editors out before committing them: a commit refreshes the page,
            # which must not find (and commit) them again.
            old_editors, self.editors = self.editors, {}
            for editor in old_editors.values():
                editor.commit()
                editor.discard()
            for key in keys:
                editor = SectionEditor(key, self.binder, self._save_section)
                editor.reset_requested.connect(self._on_reset_requested)
                self.editor_layout.addWidget(editor)
                self.editors[key] = editor
        for key, editor in self.editors.items():
            section = self._analysis.get(key.indicator, key.field)
            editor.set_section(
                section.text if section else "", section.drafted_text if section else ""
            )

    # ------------------------------------------------------------------ editing

    def _push(self, new: Analysis, text: str) -> None:
        assert self._analysis is not None
        self.push(ReplaceAnalysisCommand(self._services, new, self._analysis, self.refresh, text))

    def _save_section(self, key: SectionKey, text: str) -> None:
        """One section's text as typed (refused while it is longer than a section holds)."""
        if self._analysis is None:
            return
        if len(text) > MAX_SECTION_CHARACTERS:
            raise ValidationError(
                f"{FIELD_TITLES_TH[key.field]}: ข้อความยาว {len(text):,} ตัวอักษร "
                f"เกิน {MAX_SECTION_CHARACTERS:,} ตัวอักษร — ยังไม่ได้บันทึก ย่อให้สั้นลง"
            )
        self.clear_error()
        where = f"ตัวชี้วัดที่ {key.indicator}" if key.indicator is not None else "บทสรุป"
        self._push(
            with_text(self._analysis, key, text), f"แก้{FIELD_TITLES_TH[key.field]} ({where})"
        )

    def _on_reset_requested(self, key: SectionKey) -> None:
        if self._analysis is None or self._year is None:
            return
        section = self._analysis.get(key.indicator, key.field)
        drafted = section.drafted_text if section and section.drafted_text else None
        if drafted is None:
            try:
                drafted = self._services.analysis.drafts(self._year).get(key, "")
            except UserError as error:
                self.show_error(error.message)
                return
        new = with_text(self._analysis, key, drafted)
        if section is None or not section.drafted_text:
            from dataclasses import replace

            new = replace(
                new,
                sections=tuple(
                    replace(s, drafted_text=drafted) if s.key == key else s for s in new.sections
                ),
            )
        self._push(new, f"กลับไปใช้ร่าง: {FIELD_TITLES_TH[key.field]}")

    def redraft(self) -> None:
        if self._year is None or self._analysis is None:
            return
        self.flush()
        try:
            plan = self._services.analysis.plan_redraft(self._year)
        except UserError as error:
            self.show_error(error.message)
            return
        overwrite = False
        if plan.conflicts:
            overwrite = dialogs.ask_yes_no(
                self.widget,
                "มีข้อความที่แก้เองแล้ว",
                f"มี {len(plan.conflicts)} หัวข้อที่แก้ข้อความเองแล้ว ต้องการแทนที่ด้วยร่างใหม่ด้วยไหม?\n"
                "เลือก “ไม่” จะร่างใหม่เฉพาะหัวข้อที่ยังไม่ได้แก้ และเก็บข้อความที่แก้ไว้ตามเดิม",
            )
        new = plan.apply(self._analysis, overwrite_edited=overwrite)
        self.clear_error()
        self._push(new, f"ร่างการวิเคราะห์ปี {self._year} จากคะแนน")
