"""#14.5: the documents of a plan year (the results report and memo of a round) render from
the command line and the window whenever its measures or a saved round exist, although no
framework of that year is published (the demo's plan year 2569 has none)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from security_helpers import office_state

from itadesk.services.session import OfficeSession


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("document", ["results", "results-memo"])
def test_plan_year_documents_render_without_that_years_framework(
    document: str, office: Path, tmp_path: Path, cli
) -> None:
    with OfficeSession.open(office) as session:
        assert 2569 not in session.services.frameworks.years()
        session.services.tracking.take_snapshot(2569, 12, today=date(2026, 10, 5))
    before = office_state(office)
    output = tmp_path / f"{document}.pdf"
    result = cli("render", document, "--db", office, "--fy", 2569, "--round", 12, "-o", output)
    assert result.code == 0, result.err
    assert "๒๕๖๙" in pdf_text(output) or "2569" in pdf_text(output)
    assert office_state(office) == before


def test_a_saved_round_renders_after_its_measures_were_deleted(
    office: Path, tmp_path: Path, cli
) -> None:
    with OfficeSession.open(office) as session:
        services = session.services
        services.tracking.take_snapshot(2569, 12, today=date(2026, 10, 5))
        frozen = len(services.measures.measures(2569))
        for measure in services.measures.measures(2569):
            services.measures.delete(measure.id)
    for document in ("results", "results-memo"):
        output = tmp_path / f"{document}.pdf"
        result = cli("render", document, "--db", office, "--fy", 2569, "-o", output)
        assert result.code == 0, result.err
    memo = pdf_text(tmp_path / "results-memo.pdf")
    assert "๐ มาตรการ" not in memo and "0 มาตรการ" not in memo
    assert frozen > 0


def test_the_window_previews_the_plan_years_results(qtbot, office: Path, dialogs_shown) -> None:
    from PySide6.QtWidgets import QPushButton

    from itadesk.ui.application import ensure_application
    from itadesk.ui.main_window import MainWindow
    from itadesk.ui.workers import wait_for_tasks

    ensure_application()
    with OfficeSession.open(office) as session:
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        window.select_cycle(2568)  # ผลการประเมินปี 2568 → มาตรการปี 2569
        page = window.tracking_page
        window.nav_list.setCurrentRow(window.pages.index(page))
        for name in ("preview_results_button", "preview_results_memo_button"):
            button = page.widget.findChild(QPushButton, name)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            assert page.error_label.text() == ""
        assert len(page.previews) == 2
        wait_for_tasks()
        qtbot.waitUntil(lambda: all(p.ready for p in page.previews), timeout=60_000)
        for preview in list(page.previews):
            preview.close()
        window.close()
    assert dialogs_shown["error"] == []
