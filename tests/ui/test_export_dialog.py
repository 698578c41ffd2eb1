"""The export dialog driven as a clerk would: choose where, add the signed memo, export."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from itadesk.ui import dialogs
from itadesk.ui.export_dialog import ExportDialog
from itadesk.ui.workers import wait_for_tasks


@pytest.fixture
def make_dialog(qtbot):
    from itadesk.ui.application import ensure_application

    ensure_application()
    made = []

    def make(services, fiscal_year: int = 2568) -> ExportDialog:
        controller = ExportDialog(services, fiscal_year, None)
        qtbot.addWidget(controller.dialog)
        made.append(controller)
        return controller

    yield make
    wait_for_tasks()


def test_export_to_a_folder_with_the_signed_memo(
    qtbot, make_dialog, demo_services, tmp_path: Path, monkeypatch, no_modal_dialogs
) -> None:
    scan = tmp_path / "บันทึกลงนาม.pdf"
    scan.write_bytes(b"%PDF-1.4 signed")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda parent, title, filters: scan)
    monkeypatch.setattr(dialogs, "choose_folder", lambda parent, title, start=None: tmp_path)
    controller = make_dialog(demo_services)
    assert "ยังไม่ทราบเลขข้อ OIT" in controller.warnings_label.text()  # 2568
    controller.browse_button.click()
    assert controller.target_edit.text() == str(tmp_path / "ita-2568-web")
    controller.add_signed_button.click()
    controller.add_signed_button.click()  # a second pick replaces the first
    assert controller.extras_list.count() == 1
    controller.export_button.click()
    assert not controller.export_button.isEnabled()  # running on the worker
    qtbot.waitUntil(
        lambda: any(no_modal_dialogs[k] for k in ("info", "error", "crash")), timeout=60_000
    )
    assert no_modal_dialogs["error"] == [] and no_modal_dialogs["crash"] == []
    assert controller.export_button.isEnabled()
    assert controller.progress_bar.value() == controller.progress_bar.maximum() > 0
    target = tmp_path / "ita-2568-web"
    assert controller.last_target == target
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    paths = {entry["path"] for entry in manifest["files"]}
    assert "measures/ita-2568-memo-analysis-signed.pdf" in paths
    assert "measures/ita-2568-memo-analysis.pdf" not in paths


def test_zip_format_and_a_refused_target(
    qtbot, make_dialog, demo_services, tmp_path: Path, monkeypatch, no_modal_dialogs
) -> None:
    monkeypatch.setattr(dialogs, "choose_folder", lambda parent, title, start=None: tmp_path)
    controller = make_dialog(demo_services)
    controller.zip_radio.setChecked(True)
    controller.browse_button.click()
    assert controller.target_edit.text() == str(tmp_path / "ita-2568-web.zip")
    controller.target_edit.setText(str(tmp_path / "web"))
    controller.folder_radio.setChecked(True)
    controller.zip_radio.setChecked(True)
    assert controller.target_edit.text() == str(tmp_path / "web.zip")
    controller.folder_radio.setChecked(True)
    assert controller.target_edit.text() == str(tmp_path / "web")
    controller.zip_radio.setChecked(True)
    controller.export_button.click()
    qtbot.waitUntil(lambda: bool(no_modal_dialogs["info"]), timeout=60_000)
    with zipfile.ZipFile(tmp_path / "web.zip") as archive:
        assert "index.html" in archive.namelist()

    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "letter.txt").write_text("x", encoding="utf-8")
    controller.folder_radio.setChecked(True)
    controller.target_edit.setText(str(foreign))
    controller.export_button.click()
    assert no_modal_dialogs["error"] and "ไม่ใช่ชุดไฟล์ที่ ITADesk สร้าง" in no_modal_dialogs["error"][-1]
    assert controller.export_button.isEnabled()  # refused before anything ran
    assert {p.name for p in foreign.iterdir()} == {"letter.txt"}


def test_no_target_chosen(make_dialog, demo_services, no_modal_dialogs) -> None:
    controller = make_dialog(demo_services)
    controller.export_button.click()
    assert "ยังไม่ได้เลือกที่เก็บ" in no_modal_dialogs["error"][-1]
