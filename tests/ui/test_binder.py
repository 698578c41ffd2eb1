"""The commit binder on a small form of real widgets, driven with keys, clicks and focus
changes: when each kind of widget is saved, what ``loading()`` silences, what a refused save
leaves on screen, and that a save is never started again from inside itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from itadesk.errors import ValidationError
from itadesk.ui.binder import CommitBinder

PAUSE_MS = 150


class Form(QWidget):
    """Each widget bound to a save that records what it saw; ``refuse`` makes the text box's
    save refuse with a Thai message."""

    def __init__(self) -> None:
        super().__init__()
        self.line = QLineEdit()
        self.box = QPlainTextEdit()
        self.combo = QComboBox()
        self.combo.addItems(["หนึ่ง", "สอง", "สาม"])
        self.check = QCheckBox("ใช้เลขไทย")
        self.items = QListWidget()
        item = QListWidgetItem("ขั้นตอนแรก")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.items.addItem(item)
        self.elsewhere = QLineEdit()  # somewhere to move the focus to
        layout = QVBoxLayout(self)
        for widget in (self.line, self.box, self.combo, self.check, self.items, self.elsewhere):
            layout.addWidget(widget)
        self.saved: list[tuple[str, str]] = []
        self.refused: list[str] = []
        self.refuse = False
        self.binder = CommitBinder(self, self.refused.append, delay_ms=PAUSE_MS)
        self.binder.bind(self.line, self.save_line)
        self.binder.bind(self.box, self.save_box)
        self.binder.bind(self.combo, lambda: self.saved.append(("combo", self.combo.currentText())))
        self.binder.bind(
            self.check, lambda: self.saved.append(("check", str(self.check.isChecked())))
        )
        self.binder.bind(self.items, lambda: self.saved.append(("items", self.item_text())))

    def record(self, widget: str, value: str) -> None:
        self.saved.append((widget, value))

    def save_line(self) -> None:
        self.saved.append(("line", self.line.text()))

    def save_box(self) -> None:
        if self.refuse:
            raise ValidationError("บันทึก: ข้อความยาวเกินไป (ยังไม่ได้บันทึก)")
        self.saved.append(("box", self.box.toPlainText()))

    def item_text(self) -> str:
        return self.items.item(0).text()


@pytest.fixture
def form(qtbot) -> Form:
    shown = Form()
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitActive(shown)
    return shown


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_typing_in_a_text_box_is_saved_once_after_a_pause(qtbot, form, type_text) -> None:
    focus(qtbot, form.box)
    type_text(form.box, "ผลการ")
    assert form.saved == []  # not while the clerk is typing
    qtbot.wait(PAUSE_MS // 3)
    type_text(form.box, "ประเมิน")
    assert form.saved == []  # the pause starts again with each key
    qtbot.waitUntil(lambda: form.saved == [("box", "ผลการประเมิน")], timeout=2000)
    qtbot.wait(PAUSE_MS * 2)
    assert form.saved == [("box", "ผลการประเมิน")]  # once


def test_leaving_a_text_box_saves_at_once(qtbot, form, type_text) -> None:
    focus(qtbot, form.box)
    type_text(form.box, "สรุป")
    focus(qtbot, form.elsewhere)
    assert form.saved == [("box", "สรุป")]
    qtbot.wait(PAUSE_MS * 2)
    assert form.saved == [("box", "สรุป")]  # the pause's save was the same one


def test_a_line_is_saved_on_enter_and_flushed_when_left_half_typed(qtbot, form, type_text) -> None:
    focus(qtbot, form.line)
    type_text(form.line, "๗ ม.ค.")
    qtbot.wait(PAUSE_MS * 2)
    assert form.saved == []  # a half-typed date is not saved (nor refused) after a pause
    assert form.binder.flush()
    assert form.saved == [("line", "๗ ม.ค.")]
    type_text(form.line, " ๖๙")
    qtbot.keyClick(form.line, Qt.Key.Key_Return)
    assert form.saved[-1] == ("line", "๗ ม.ค. ๖๙")
    assert form.binder.flush() and len(form.saved) == 2  # nothing left waiting


def test_choices_are_saved_at_once(qtbot, form) -> None:
    focus(qtbot, form.combo)
    qtbot.keyClick(form.combo, Qt.Key.Key_Down)
    assert form.saved == [("combo", "สอง")]
    focus(qtbot, form.check)
    qtbot.keyClick(form.check, Qt.Key.Key_Space)
    assert form.saved[-1] == ("check", "True")


def test_an_item_edited_in_place_is_saved_after_its_signal(qtbot, form) -> None:
    form.items.item(0).setText("ขั้นตอนที่แก้")
    assert form.saved == []  # never inside the list's own itemChanged
    QApplication.processEvents()
    assert form.saved == [("items", "ขั้นตอนที่แก้")]


def test_values_loaded_by_the_page_are_not_saved(qtbot, form) -> None:
    with form.binder.loading():
        form.line.setText("ค่าที่บันทึกไว้")
        form.box.setPlainText("ข้อความที่บันทึกไว้")
        form.check.setChecked(True)
        form.items.item(0).setText("ขั้นตอนที่บันทึกไว้")
    QApplication.processEvents()
    qtbot.wait(PAUSE_MS * 2)
    assert form.binder.flush()
    assert form.saved == []


def test_a_refused_save_keeps_the_typing_and_says_why(qtbot, form, type_text) -> None:
    form.refuse = True
    focus(qtbot, form.box)
    type_text(form.box, "ข้อความยาว")
    focus(qtbot, form.elsewhere)
    assert form.refused == ["บันทึก: ข้อความยาวเกินไป (ยังไม่ได้บันทึก)"]
    assert form.box.toPlainText() == "ข้อความยาว"  # not wiped
    assert not form.binder.flush()  # still waiting: refused again
    assert len(form.refused) == 2 and form.saved == []
    form.refuse = False
    assert form.binder.flush()
    assert form.saved == [("box", "ข้อความยาว")]
    assert form.binder.flush() and len(form.saved) == 1


def test_a_save_that_takes_the_focus_is_not_started_again(qtbot, form, type_text) -> None:
    """A message box opened while saving takes the focus: that focus-out must not save (and
    ask) a second time."""
    runs: list[str] = []
    asking_box = QPlainTextEdit(form)
    form.layout().addWidget(asking_box)

    def save_asking() -> None:
        if runs and runs[-1] == asking_box.toPlainText():
            return  # saved already (as a page's save compares with what is stored)
        runs.append(asking_box.toPlainText())
        form.elsewhere.setFocus()  # as a message box would, and back
        qtbot.waitUntil(form.elsewhere.hasFocus)
        asking_box.setFocus()
        qtbot.waitUntil(asking_box.hasFocus)

    form.binder.bind(asking_box, save_asking)
    focus(qtbot, asking_box)
    type_text(asking_box, "ถาม")
    qtbot.waitUntil(lambda: runs == ["ถาม"], timeout=2000)  # the pause's save
    qtbot.wait(PAUSE_MS * 2)
    assert form.binder.flush()
    assert runs == ["ถาม"]  # its own focus-out neither saved again nor left it waiting


def test_a_widget_taken_away_while_typing_is_not_saved_later(qtbot, form, type_text) -> None:
    """As the analysis page does with the boxes of the indicator it leaves: saved (or not)
    and forgotten, then deleted; the pause's timer must not reach them afterwards."""
    runs: list[str] = []
    box = QPlainTextEdit(form)
    form.layout().addWidget(box)

    def save_box() -> None:
        runs.append(box.toPlainText())

    form.binder.bind(box, save_box)
    focus(qtbot, box)
    type_text(box, "ร่าง")
    form.binder.forget(save_box)
    box.deleteLater()
    qtbot.wait(PAUSE_MS * 3)
    assert form.binder.flush()
    assert runs == []
