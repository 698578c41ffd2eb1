"""The score import dialog, driven through its widgets: nothing is written before “นำเข้า”,
one import is one undo step, problems are listed, file dialogs are patched."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from itadesk.ui import dialogs, import_dialog
from itadesk.ui.import_dialog import (
    CHANGED_BACKGROUND,
    COLUMN_NEW,
    COLUMN_OLD,
    COLUMN_SOURCE,
    COLUMN_TARGET,
    ImportDialog,
)

PASTED = """ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๖
ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ๘๖.๙๒
2. การใช้งบประมาณ 70.00
คะแนนรวม 87.45
i๑ การปฏิบัติงานของเจ้าหน้าที่ ๙๒.๕๒
๐๑๑ แผนดำเนินงานและการใช้งบประมาณประจำปี ๑๐๐
"""


@pytest.fixture
def undo_stack(qtbot) -> QUndoStack:
    from itadesk.ui.application import ensure_application

    ensure_application()
    return QUndoStack()


@pytest.fixture
def make_dialog(qtbot, services, undo_stack):
    refreshed: list[int] = []

    def make(fiscal_year: int = 2566) -> ImportDialog:
        dialog = ImportDialog(services, undo_stack, fiscal_year, lambda: refreshed.append(1), None)
        qtbot.addWidget(dialog.dialog)
        dialog.refreshed = refreshed  # type: ignore[attr-defined]
        return dialog

    return make


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def table_rows(dialog: ImportDialog) -> list[tuple[str, ...]]:
    table = dialog.preview_table
    return [
        tuple(table.item(row, column).text() for column in range(table.columnCount()))
        for row in range(table.rowCount())
    ]


def problems(dialog: ImportDialog) -> list[str]:
    return [dialog.problems_list.item(i).text() for i in range(dialog.problems_list.count())]


def test_paste_preview_import_and_undo(qtbot, services, undo_stack, make_dialog) -> None:
    services.scores.set_indicator_scores(2566, {1: Decimal("50"), 2: Decimal("70")})
    dialog = make_dialog()
    assert not dialog.import_button.isEnabled()

    dialog.paste_edit.setPlainText(PASTED)
    click(qtbot, dialog.read_text_button)
    assert table_rows(dialog) == [
        ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่", "50.00", "86.92", "บรรทัดที่ 2"),
        ("ตัวชี้วัดที่ 2 การใช้งบประมาณ", "70.00", "70.00", "บรรทัดที่ 3"),
        ("ข้อ i1", "–", "92.52", "บรรทัดที่ 5"),
        ("ข้อ O11", "–", "100.00", "บรรทัดที่ 6"),
    ]
    changed = dialog.preview_table.item(0, COLUMN_NEW)
    unchanged = dialog.preview_table.item(1, COLUMN_NEW)
    assert changed.background().color() == CHANGED_BACKGROUND
    assert changed.font().bold() and not unchanged.font().bold()
    assert unchanged.background().color() != CHANGED_BACKGROUND
    assert dialog.preview_table.item(0, COLUMN_SOURCE).toolTip().startswith("ตัวชี้วัดที่ ๑")
    assert "อ่านได้ 4 รายการ คะแนนเปลี่ยน 3 รายการ" in dialog.summary_label.text()
    # Reading wrote nothing.
    assert services.scores.indicator_scores(2566) == {1: Decimal("50"), 2: Decimal("70")}
    assert services.scores.item_scores(2566) == {}
    assert dialog.import_button.isEnabled()

    click(qtbot, dialog.import_button)
    assert services.scores.indicator_scores(2566) == {1: Decimal("86.92"), 2: Decimal("70")}
    assert services.scores.item_scores(2566) == {"i1": Decimal("92.52"), "O11": Decimal("100")}
    assert undo_stack.count() == 1
    assert dialog.refreshed  # type: ignore[attr-defined]
    assert dialog.result_message_th and "4 รายการ" in dialog.result_message_th

    undo_stack.undo()
    assert services.scores.indicator_scores(2566) == {1: Decimal("50"), 2: Decimal("70")}
    assert services.scores.item_scores(2566) == {}
    undo_stack.redo()
    assert services.scores.item_scores(2566) == {"i1": Decimal("92.52"), "O11": Decimal("100")}


def test_problems_are_listed_and_do_not_block_the_readable_rows(
    qtbot, services, make_dialog, no_modal_dialogs
) -> None:
    dialog = make_dialog()
    dialog.paste_edit.setPlainText(PASTED)
    click(qtbot, dialog.read_text_button)
    (problem,) = problems(dialog)
    assert problem.startswith("บรรทัดที่ 4: ") and "87.45" in problem
    assert dialog.problems_list.isVisibleTo(dialog.dialog)
    assert "อ่านไม่ได้ 1 รายการ" in dialog.summary_label.text()

    click(qtbot, dialog.import_button)
    # The clerk was asked once, naming the unreadable line count, and said yes.
    (question,) = no_modal_dialogs["question"]
    assert "1 รายการที่อ่านไม่ได้" in question
    assert services.scores.indicator_scores(2566)[1] == Decimal("86.92")


def test_declining_the_question_writes_nothing(
    qtbot, services, make_dialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, title, text: False)
    dialog = make_dialog()
    dialog.paste_edit.setPlainText(PASTED)
    click(qtbot, dialog.read_text_button)
    click(qtbot, dialog.import_button)
    assert services.scores.indicator_scores(2566) == {}


def test_another_fiscal_year_in_the_text_is_a_warning(qtbot, make_dialog) -> None:
    dialog = make_dialog(2567)
    dialog.paste_edit.setPlainText("ปีงบประมาณ พ.ศ. 2566\nตัวชี้วัดที่ 1 80")
    click(qtbot, dialog.read_text_button)
    assert "2566" in dialog.warning_label.text() and "2567" in dialog.warning_label.text()


def test_nothing_readable_keeps_import_disabled(qtbot, make_dialog) -> None:
    dialog = make_dialog()
    click(qtbot, dialog.read_text_button)
    assert "ยังไม่มีข้อความ" in dialog.summary_label.text()
    dialog.paste_edit.setPlainText("หัวข้อ\nคะแนนรวม 87.45\n")
    click(qtbot, dialog.read_text_button)
    assert dialog.preview_table.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    assert "ไม่พบคะแนนที่อ่านได้" in dialog.summary_label.text()
    assert len(problems(dialog)) == 1


def test_choose_file_reads_a_csv(
    qtbot, services, make_dialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "scores.csv"
    file.write_bytes("ตัวชี้วัดหรือรหัสข้อ,คะแนน\r\n3,88.10\r\nO1,ไม่มี\r\n".encode("cp874"))
    asked: list[str] = []

    def choose(parent, title, filters):
        asked.append(filters)
        return file

    monkeypatch.setattr(dialogs, "choose_open_file", choose)
    dialog = make_dialog()
    click(qtbot, dialog.choose_file_button)
    qtbot.waitUntil(lambda: not dialog.reading)
    assert "*.csv" in asked[0] and "*.xlsx" in asked[0]
    assert table_rows(dialog) == [("ตัวชี้วัดที่ 3 การใช้อำนาจ", "–", "88.10", "บรรทัดที่ 2")]
    assert problems(dialog)[0].startswith("บรรทัดที่ 3: ข้อ O1")
    assert "scores.csv" in dialog.source_label.text()
    dialog.import_button.click()
    assert services.scores.indicator_scores(2566) == {3: Decimal("88.10")}


def test_an_unreadable_file_is_an_error_message(
    qtbot, make_dialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_modal_dialogs
) -> None:
    file = tmp_path / "scores.xlsx"
    file.write_text("not excel", encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda parent, title, filters: file)
    dialog = make_dialog()
    click(qtbot, dialog.choose_file_button)
    qtbot.waitUntil(lambda: not dialog.reading)
    (error,) = no_modal_dialogs["error"]
    assert "ไม่ใช่ไฟล์ Excel" in error
    assert not dialog.import_button.isEnabled()


def test_cancelled_file_chooser_changes_nothing(
    qtbot, make_dialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "choose_open_file", lambda parent, title, filters: None)
    dialog = make_dialog()
    click(qtbot, dialog.choose_file_button)
    assert dialog.preview is None


def test_save_template(qtbot, make_dialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from itadesk.services.score_import import template_path

    monkeypatch.setattr(
        import_dialog, "choose_save_file", lambda parent, title, name, filters: tmp_path / "mine"
    )
    dialog = make_dialog()
    click(qtbot, dialog.save_template_button)
    saved = tmp_path / "mine.csv"  # the .csv suffix is added
    assert saved.read_bytes() == template_path().read_bytes()
    assert str(saved) in dialog.source_label.text()


def test_import_through_the_main_window_undo(qtbot, make_window, services) -> None:
    window = make_window(services)
    window.select_cycle(2568)
    dialog = ImportDialog(
        services, window.undo_stack, 2568, lambda: window.scores_page.refresh(), window
    )
    dialog.paste_edit.setPlainText("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 86.92")
    dialog.read_text_button.click()
    dialog.import_button.click()
    assert services.scores.indicator_scores(2568) == {1: Decimal("86.92")}
    window.undo_action.trigger()
    assert services.scores.indicator_scores(2568) == {}


def test_columns_are_named(make_dialog) -> None:
    dialog = make_dialog()
    header = [
        dialog.preview_table.horizontalHeaderItem(c).text()
        for c in (COLUMN_TARGET, COLUMN_OLD, COLUMN_NEW, COLUMN_SOURCE)
    ]
    assert header == ["ตัวชี้วัด/รหัส", "คะแนนเดิม", "คะแนนใหม่", "ที่มา บรรทัด"]
