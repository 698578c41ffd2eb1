"""What a reader copies or searches equals the source text (PDFium, pdfminer, poppler)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from doc_helpers import collapse, pdfium_lines, pdfium_pages, plumber_pages, squash
from reportlab.lib.units import cm

from itadesk.documents.page import PageSetup
from itadesk.documents.proof import load_samples
from itadesk.documents.text import ThaiParagraph, ThaiStyle, thai_table

WIDE = PageSetup(orientation="landscape", left_cm=1, right_cm=1, page_numbers="none")
SAMPLES = load_samples()


@pytest.mark.parametrize("alignment", ["left", "justify", "center", "right"])
@pytest.mark.parametrize("index", range(len(SAMPLES)))
def test_every_sample_line_extracts_exactly(make_pdf, index: int, alignment: str) -> None:
    sample = SAMPLES[index]
    # 13 pt on a wide page: every sample fits on one line, so the comparison keeps spaces
    style = ThaiStyle(font_size=13, alignment=alignment)
    para = ThaiParagraph(sample, style, markup=False)
    assert len(para.line_texts(WIDE.frame_width)) == 1
    pdf = make_pdf([para], WIDE)
    assert collapse(pdfium_pages(pdf)[0]) == collapse(sample)
    assert collapse(plumber_pages(pdf)[0]) == collapse(sample)


@pytest.mark.parametrize("index", range(len(SAMPLES)))
def test_sample_lines_wrapped_at_16pt_extract_exactly(make_pdf, index: int) -> None:
    sample = SAMPLES[index]
    pdf = make_pdf([ThaiParagraph(sample, ThaiStyle(alignment="justify"), markup=False)])
    # PDFium reads the per-line ActualText: the lines joined give the source exactly
    assert "".join(pdfium_lines(pdf)) == sample.replace("\n", "")
    assert squash(plumber_pages(pdf)[0]) == squash(sample)


@pytest.mark.parametrize("alignment", ["left", "justify", "center", "right"])
def test_long_paragraph_extracts_exactly(make_pdf, long_text: str, alignment: str) -> None:
    style = ThaiStyle(alignment=alignment, first_line_indent=2.5 * cm)
    pdf = make_pdf([ThaiParagraph(long_text, style, markup=False)] * 6)
    pages = pdfium_pages(pdf)
    assert len(pages) >= 2  # the paragraphs also split across pages
    assert "".join(pdfium_lines(pdf)) == long_text * 6
    assert squash("".join(plumber_pages(pdf))) == squash(long_text * 6)


def test_table_cells_extract_exactly_and_header_repeats(make_pdf, samples: list[str]) -> None:
    header = "หัวตาราง"
    rows = [[header]] + [[s] for s in samples]
    pdf = make_pdf([thai_table(rows, [4 * cm])])
    pages = pdfium_pages(pdf)
    assert len(pages) >= 2
    assert all(p.startswith(header) for p in pages)  # the header row repeats on every page
    body = [ln for ln in pdfium_lines(pdf) if ln != header]
    assert "".join(body) == "".join(samples)
    plumber = "".join(p.replace(header, "", 1) for p in plumber_pages(pdf))
    assert squash(plumber) == squash("".join(samples))


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_poppler_extracts_exactly(make_pdf, long_text: str) -> None:
    pdf = make_pdf([ThaiParagraph(long_text, ThaiStyle(alignment="justify"), markup=False)])
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert squash(out) == squash(long_text)
