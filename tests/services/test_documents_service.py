"""Rendering through the service, as the GUI and the CLI do: the PDF a clerk signs."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from itadesk.app import main
from itadesk.errors import UserError


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture
def ready_office(demo_services):
    services = demo_services
    services.analysis.apply_redraft(
        2568, services.analysis.plan_redraft(2568), overwrite_edited=False
    )
    for entry in services.measures.catalogue()[:3]:
        services.measures.add_from_catalogue(2569, entry.key)
    return services


def test_memo_and_report_render(ready_office, tmp_path: Path) -> None:
    memo = ready_office.documents.render("memo", 2568, tmp_path / "memo.pdf", invariant=True)
    text = pdf_text(memo)
    for expected in ("บันทึกข้อความ", "ส่วนราชการ", "หนองตัวอย่าง", "เรียน", "สมหญิง ตั้งใจงาน"):
        assert expected in text
    report = ready_office.documents.render("report", 2568, tmp_path / "report.pdf", invariant=True)
    # Table cells wrap, and extraction interleaves the lines of neighbouring cells, so check
    # the start of each title and step (the full column order is tested in tests/documents).
    text = "".join(pdf_text(report).split())
    for measure in ready_office.measures.measures(2569):
        assert "".join(measure.title.split())[:10] in text
        for step in measure.steps:
            assert "".join(step.split())[:8] in text


def test_preflight_lists_indicators_without_measures(ready_office) -> None:
    warnings = ready_office.documents.preflight(2568)
    assert all(isinstance(w, str) for w in warnings)
    gaps = ready_office.measures.coverage_gaps(2568)
    for number in gaps:
        assert any(f"ตัวชี้วัดที่ {number}" in w for w in warnings)


def test_missing_emblem_is_a_clear_error_and_no_file_is_left(ready_office, tmp_path: Path) -> None:
    emblem = tmp_path / "garuda.png"
    emblem.write_bytes(b"\x89PNG\r\n\x1a\n")
    ready_office.settings.set_emblem_path(emblem)
    emblem.unlink()
    output = tmp_path / "memo.pdf"
    with pytest.raises(UserError):
        ready_office.documents.render("memo", 2568, output)
    assert not output.exists()


def test_cli_render(tmp_path: Path, capsys) -> None:
    db = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db)]) == 0
    output = tmp_path / "memo.pdf"
    assert main(["render", "memo", "--db", str(db), "--fy", "2568", "-o", str(output)]) == 0
    assert "บันทึกข้อความ" in pdf_text(output)
    assert (
        main(["render", "report", "--db", str(db), "--fy", "2599", "-o", str(tmp_path / "x.pdf")])
        == 2
    )
    assert "2599" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_proof_with_a_font_that_is_not_thai(tmp_path: Path, capsys) -> None:
    bogus = tmp_path / "notafont.ttf"
    bogus.write_bytes(b"not a font")
    assert main(["proof", "-o", str(tmp_path / "p.pdf"), "--font", str(bogus)]) == 2
    assert "ฟอนต์" in capsys.readouterr().err
    assert not (tmp_path / "p.pdf").exists()
