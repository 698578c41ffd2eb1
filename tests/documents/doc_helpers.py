"""Read generated PDFs back as a reader would (PDFium, pdfminer/pdfplumber, poppler)."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

# U+0E31 and U+0E34..U+0E3A, U+0E47..U+0E4E: Thai signs that must never start a line
COMBINING = {chr(0x0E31), *map(chr, range(0x0E34, 0x0E3B)), *map(chr, range(0x0E47, 0x0E4F))}
BASE14 = re.compile(r"Helvetica|Times|Courier|Symbol|ZapfDingbats", re.I)


def squash(text: str) -> str:
    """All white space removed (line breaks in Thai fall between words without spaces)."""
    return re.sub(r"\s+", "", text)


def collapse(text: str) -> str:
    return " ".join(text.split())


def pdfium_pages(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            # PDFium marks a "-" that ends a line as a soft hyphen (U+FFFE) and joins the
            # lines; give the reader back the hyphen and the line break
            out.append(tp.get_text_range().replace("\ufffe", "-\r\n"))
            tp.close()
            page.close()
        return out
    finally:
        doc.close()


def pdfium_lines(path: Path) -> list[str]:
    """Text lines as PDFium extracts them, in reading order over all pages."""
    lines = []
    for text in pdfium_pages(path):
        lines += [ln for ln in text.replace("\r\n", "\n").split("\n") if ln.strip()]
    return lines


def plumber_pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def plumber_chars(path: Path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [list(p.chars) for p in pdf.pages]


def plumber_objects(path: Path) -> list[dict]:
    """Per page: chars, curves (glyph forms, check marks), rects, lines, images, height."""
    with pdfplumber.open(path) as pdf:
        return [
            {
                "chars": list(p.chars),
                "curves": list(p.curves),
                "rects": list(p.rects),
                "lines": list(p.lines),
                "images": list(p.images),
                "height": p.height,
            }
            for p in pdf.pages
        ]


def group_lines(chars: list[dict], tol: float = 2.0) -> list[list[dict]]:
    """Chars grouped into visual lines by baseline, each sorted left to right."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (round(c["bottom"], 1), c["x0"])):
        if rows and abs(rows[-1][0]["bottom"] - c["bottom"]) <= tol:
            rows[-1].append(c)
        else:
            rows.append([c])
    return [sorted(r, key=lambda c: c["x0"]) for r in rows]


def pdffonts_rows(path: Path) -> list[str] | None:
    exe = shutil.which("pdffonts")
    if not exe:
        return None
    out = subprocess.run([exe, str(path)], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[2:]


class BuiltPdf:
    """A built document and what readers extract from it. The pdfplumber objects are read
    once, when a test first needs them: pdfplumber takes seconds on thirty pages of Thai."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pages = pdfium_pages(path)
        doc = pdfium.PdfDocument(str(path))
        try:
            self.sizes = [tuple(doc[i].get_size()) for i in range(len(doc))]
        finally:
            doc.close()

    @functools.cached_property
    def objects(self) -> list[dict]:
        return plumber_objects(self.path)


# A memo paragraph that exercises the engine: an abbreviation and its year, a URL, codes.
MEMO_TEXT = (
    "ตามที่องค์การบริหารส่วนตำบลได้เข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
    "ของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ซึ่งสำนักงานคณะกรรมการป้องกันและปราบปราม"
    "การทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้ประกาศผลคะแนน ITA เท่ากับ ๙๙.๖๖ คะแนน นั้น "
    "บัดนี้ หน่วยงานได้วิเคราะห์ผลการประเมินและจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
    "ภายในหน่วยงาน เพื่อให้การปฏิบัติหน้าที่เป็นไปตามประมวลจริยธรรมและระเบียบที่เกี่ยวข้อง "
    "รวมทั้งเผยแพร่ข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์ https://www.example.go.th/ita/2568 "
    "อย่างครบถ้วน ตามข้อ O11 และข้อ i16 จึงเรียนมาเพื่อโปรดทราบและพิจารณา"
)
