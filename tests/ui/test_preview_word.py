"""The preview's "บันทึกเป็น Word…" button, driven as a clerk: the editable .docx of the same
memo is written where the save dialog says (only QFileDialog is patched), in a worker thread;
a cancelled dialog writes nothing; the proof sheet has no Word copy."""

# ruff: noqa: F811 — the fixture imported from its module is a test parameter here

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtWidgets import QFileDialog
from test_preview import SUBJECT, click_action, memo_preview  # noqa: F401 — the fixture

from itadesk.domain.documents import DocumentKind
from itadesk.ui.preview import PreviewDialog


def answer_word_dialog(monkeypatch, answer: str) -> list[tuple]:
    asked: list[tuple] = []

    def get_save_file_name(*args, **kwargs):
        asked.append(args)
        return answer, "Word (*.docx)" if answer else ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    return asked


def docx_text(path: Path) -> str:
    return "".join("".join(p.text for p in docx.Document(str(path)).paragraphs).split())


def test_word_button_writes_the_memo_docx(
    qtbot,
    memo_preview,
    monkeypatch,
    tmp_path: Path,
    no_modal_dialogs,
) -> None:
    target = tmp_path / "บันทึกข้อความ ITA"
    asked = answer_word_dialog(monkeypatch, str(target))
    assert memo_preview.word_action.isVisible()
    click_action(qtbot, memo_preview, memo_preview.word_action)
    assert len(asked) == 1
    assert asked[0][2] == "ita-2568-memo-analysis.docx"  # the suggested name
    written = target.with_suffix(".docx")
    qtbot.waitUntil(lambda: memo_preview.word_path == written, timeout=30_000)
    assert "".join(SUBJECT.split()) in docx_text(written)
    assert "บันทึกไฟล์ Word ไว้ที่" in memo_preview.status_label.text()
    assert no_modal_dialogs["error"] == []


def test_cancelled_word_dialog_writes_nothing(
    qtbot,
    memo_preview,
    monkeypatch,
    tmp_path: Path,
    no_modal_dialogs,
) -> None:
    asked = answer_word_dialog(monkeypatch, "")
    click_action(qtbot, memo_preview, memo_preview.word_action)
    assert len(asked) == 1
    qtbot.wait(200)
    assert memo_preview.word_path is None
    assert list(tmp_path.glob("*.docx")) == []
    assert no_modal_dialogs["error"] == []


def test_proof_sheet_offers_no_word_copy(qtbot, demo_services) -> None:
    prepared = demo_services.documents.prepare(DocumentKind.PROOF, 0)
    dialog = PreviewDialog(prepared)
    qtbot.addWidget(dialog)
    assert prepared.word_job is None
    assert not dialog.word_action.isVisible()
