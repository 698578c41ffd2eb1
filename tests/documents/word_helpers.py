"""Read a Word copy back as a reader would (python-docx), and compare its text with the PDF's."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import docx
from doc_helpers import pdfium_pages, squash

from itadesk.documents.chart import ScoreChart

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAGE_LABEL = re.compile(r"-\s*[๐-๙0-9]+\s*-")
BOXES = str.maketrans("", "", "☑☐")


def docx_text(path: Path) -> str:
    """Every w:t of the body (paragraphs and tables, in document order) and of nothing else
    (headers hold the page numbers)."""
    document = docx.Document(str(path))
    return "".join(t.text or "" for t in document.element.body.iter(f"{W}t"))


def pdf_text_without_page_numbers(path: Path) -> str:
    return PAGE_LABEL.sub("", "".join(pdfium_pages(path)))


def chart_text(flowables) -> str:
    """What the report's chart prints as text (the Word copy has it as a picture)."""
    for f in flowables:
        if isinstance(f, ScoreChart):
            layout = f.layout(f.width)
            return "".join(t.text for t in layout.texts) + "".join(
                p._chars.text for p, _x, _y in layout.key
            )
    return ""


def assert_same_text(pdf_text: str, word_text: str, *, minus: str = "") -> None:
    """The same characters, as many of each (white space, check boxes and ``minus`` — the
    chart's words — set aside): table cells read across a PDF line, so the order of table
    text differs between readers; any word missing or added shows."""
    pdf = Counter(squash(pdf_text)) - Counter(squash(minus))
    word = Counter(squash(word_text.translate(BOXES)))
    assert pdf - word == Counter(), ("only in the PDF", (pdf - word).most_common(12))
    assert word - pdf == Counter(), ("only in Word", (word - pdf).most_common(12))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(files: list[Path], outdir: Path, home: Path) -> list[Path]:
    """PDFs of ``files`` made by LibreOffice headless (its own profile under ``home``)."""
    exe = soffice()
    assert exe is not None
    subprocess.run(
        [exe, f"-env:UserInstallation=file://{home}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), *map(str, files)],
        check=True,
        capture_output=True,
        timeout=600,
    )  # fmt: skip
    return [outdir / f.with_suffix(".pdf").name for f in files]
