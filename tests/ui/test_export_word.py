"""The export dialog's Word option, ticked as a clerk would: the bundle holds the editable
.docx of every generated document beside its PDF, listed in manifest.json."""

# ruff: noqa: F811 — the fixture imported from its module is a test parameter here

from __future__ import annotations

import json
from pathlib import Path

import docx
from PySide6.QtCore import QPoint, Qt
from test_export_dialog import make_dialog  # noqa: F401 — the fixture

from itadesk.ui import dialogs


def test_export_with_word_copies(
    qtbot,
    make_dialog,
    demo_services,
    tmp_path: Path,
    monkeypatch,
    no_modal_dialogs,
) -> None:
    monkeypatch.setattr(dialogs, "choose_folder", lambda parent, title, start=None: tmp_path)
    controller = make_dialog(demo_services)
    controller.browse_button.click()
    check = controller.word_check
    assert not check.isChecked()  # off unless the clerk asks
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert check.isChecked()
    controller.export_button.click()
    qtbot.waitUntil(
        lambda: any(no_modal_dialogs[k] for k in ("info", "error", "crash")), timeout=120_000
    )
    assert no_modal_dialogs["error"] == [] and no_modal_dialogs["crash"] == []
    target = tmp_path / "ita-2568-web"
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    files = {entry["path"]: entry for entry in manifest["files"]}
    pdfs = [p for p, e in files.items() if e["source"] == "generated" and p.endswith(".pdf")]
    assert pdfs
    for pdf in pdfs:
        word = pdf[: -len(".pdf")] + ".docx"
        assert word in files, word
        assert files[word]["kind"] == files[pdf]["kind"]
        assert "Word" in files[word]["title_th"]
        assert docx.Document(str(target / word)).paragraphs  # a real Word file
