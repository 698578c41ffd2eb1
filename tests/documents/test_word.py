"""The editable Word copy of every document: it opens with python-docx and holds the same
text as the PDF; Thai in the document's font in every slot (complex script included), the font
embedded, sizes and bold as the PDF, Thai digits as chosen, repeating table headers, ☑/☐,
page numbers, a landscape section for the measures; and, converted by LibreOffice headless,
the same text on as many pages as ours, give or take one."""

from __future__ import annotations

import uuid
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from doc_helpers import pdfium_pages, squash
from lxml import etree
from word_helpers import (
    W,
    assert_same_text,
    chart_text,
    convert_with_libreoffice,
    docx_text,
    pdf_text_without_page_numbers,
    soffice,
)

from itadesk.documents import text as text_module
from itadesk.documents.report import report_flowables, report_page_setups
from itadesk.documents.text import ThaiParagraph
from itadesk.documents.word import font_info
from itadesk.domain.documents import DocumentKind, ReportFrontMatter
from itadesk.services.session import OfficeSession

DOCUMENTS = (
    ("memo", 2568),
    ("publish-memo", 2568),
    ("report", 2568),
    ("results", 2569),
    ("results-memo", 2569),
)


class Built:
    """The demo office's documents as PDF and Word, with the header text the PDF repeats."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pdf: dict[str, Path] = {}
        self.word: dict[str, Path] = {}
        self.repeated: dict[str, str] = {}
        self.chart = ""


def _drawn_header_repeats(monkeypatch) -> list[str]:
    """Record the header rows a table part draws again on a later page (the same
    paragraphs as the first part's: ReportLab repeats them)."""
    seen: set[int] = set()
    repeats: list[str] = []
    original = text_module.ThaiTable.draw

    def draw(self) -> None:
        count = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        for row in self._cellvalues[:count]:
            for cell in row:
                items = cell if isinstance(cell, (list, tuple)) else [cell]
                for item in items:
                    if isinstance(item, ThaiParagraph):
                        if id(item) in seen:
                            repeats.append(item._chars.text)
                        seen.add(id(item))
        original(self)

    monkeypatch.setattr(text_module.ThaiTable, "draw", draw)
    return repeats


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    from itadesk.services.demo import create_demo

    folder = tmp_path_factory.mktemp("word")
    out = Built(folder)
    monkeypatch = pytest.MonkeyPatch()
    try:
        with OfficeSession.open(folder / "demo.sqlite3") as session:
            services = session.services
            create_demo(services)
            # the PDF's สารบัญ has page numbers, the Word copy's TOC field gets Word's own
            services.settings.set_front_matter(
                DocumentKind.RESULTS, ReportFrontMatter(preface=True, contents=False)
            )
            for kind, year in DOCUMENTS:
                repeats = _drawn_header_repeats(monkeypatch)
                out.pdf[kind] = services.documents.render(
                    kind, year, folder / f"{kind}.pdf", invariant=True
                )
                monkeypatch.undo()
                out.repeated[kind] = "".join(repeats)
                out.word[kind] = services.documents.render(
                    kind, year, folder / f"{kind}.docx", invariant=True
                )
            report = services.documents.build_report(2568)
            context = services.documents.render_context()
            flowables = report_flowables(report, context)
            width = report_page_setups(report)[0].frame_width
            for f in flowables:
                if type(f).__name__ == "ScoreChart":
                    f.wrap(width, 1e6)
            out.chart = chart_text(flowables)
    finally:
        monkeypatch.undo()
    return out


@pytest.mark.parametrize(("kind", "_year"), DOCUMENTS)
def test_word_copy_holds_the_pdf_text(built: Built, kind: str, _year: int) -> None:
    document = docx.Document(str(built.word[kind]))  # opens with python-docx
    assert document.paragraphs
    pdf = pdf_text_without_page_numbers(built.pdf[kind])
    word = docx_text(built.word[kind]) + built.repeated[kind]
    assert_same_text(pdf, word, minus=built.chart if kind == "report" else "")
    if kind != "report":
        return
    # the chart is a picture with its words as alternative text
    descr = [e.get("descr") for e in document.element.body.iter() if e.get("descr")]
    assert descr and "การเปิดเผยข้อมูล" in descr[0]


def test_memo_text_in_the_pdf_order(built: Built) -> None:
    """No table in the memo: the Word copy reads in the same order as the PDF."""
    pdf = squash(pdf_text_without_page_numbers(built.pdf["memo"]))
    assert squash(docx_text(built.word["memo"])) == pdf


def _xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(part))


def test_thai_font_in_every_slot_and_embedded(built: Built) -> None:
    from itadesk.documents.fonts import bundled_fonts

    path = built.word["memo"]
    styles = _xml(path, "word/styles.xml")
    fonts = styles.find(f"{W}docDefaults").find(f"{W}rPrDefault").find(f"{W}rPr").find(f"{W}rFonts")
    family = font_info(bundled_fonts().regular_path).family
    assert family == "Sarabun"
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(f"{W}{slot}") == family  # Thai is set in the complex-script slot
    table = _xml(path, "word/fontTable.xml")
    entry = next(f for f in table.iter(f"{W}font") if f.get(f"{W}name") == family)
    keys = {c.tag.split("}")[1]: c.get(f"{W}fontKey") for c in entry if c.get(f"{W}fontKey")}
    assert set(keys) == {"embedRegular", "embedBold"}
    settings = _xml(path, "word/settings.xml")
    assert settings.find(f"{W}embedTrueTypeFonts") is not None
    # the embedded part is the TTF, its first 32 bytes obfuscated with the key (§17.8.1)
    rels = _xml(path, "word/_rels/fontTable.xml.rels")
    rid = entry.find(f"{W}embedRegular").get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    )
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    with zipfile.ZipFile(path) as archive:
        data = archive.read(f"word/{target}")
    key = bytes(reversed(uuid.UUID(keys["embedRegular"].strip("{}")).bytes))
    plain = bytes(b ^ key[i % 16] for i, b in enumerate(data[:32])) + data[32:]
    assert plain == bundled_fonts().regular_path.read_bytes()


def test_sizes_and_bold_as_the_pdf(built: Built) -> None:
    document = docx.Document(str(built.word["memo"]))
    title = next(r for p in document.paragraphs for r in p.runs if r.text == "บันทึกข้อความ")
    rpr = title._r.rPr
    assert rpr.find(f"{W}sz").get(f"{W}val") == "58"  # 29 pt
    assert rpr.find(f"{W}szCs").get(f"{W}val") == "58"
    assert rpr.find(f"{W}b") is not None and rpr.find(f"{W}bCs") is not None
    label = next(r for p in document.paragraphs for r in p.runs if r.text == "ส่วนราชการ")
    assert label._r.rPr.find(f"{W}szCs").get(f"{W}val") == "40"  # 20 pt bold labels
    body = next(p for p in document.paragraphs if p.text.startswith("ตามที่"))
    assert body.paragraph_format.first_line_indent.cm == pytest.approx(2.5, abs=0.01)
    assert body.paragraph_format.line_spacing.pt == pytest.approx(20.8, abs=0.05)
    jc = body._p.pPr.find(f"{W}jc").get(f"{W}val")
    assert jc == "thaiDistribute"  # Word's จัดกระจายแบบไทย


def test_tables_headers_boxes_sections_and_page_numbers(built: Built) -> None:
    report = docx.Document(str(built.word["report"]))
    orientations = [s.orientation for s in report.sections]
    assert len(orientations) == 2 and orientations[-1] == 1  # the landscape measures
    measures = report.tables[-1]
    header = measures.rows[0]._tr.trPr
    assert header is not None and header.find(f"{W}tblHeader") is not None
    assert measures.rows[1]._tr.trPr.find(f"{W}tblHeader") is None
    widths = [float(c.get(f"{W}w")) / 20 for c in measures._tbl.tblGrid.iter(f"{W}gridCol")]
    assert sum(widths) == pytest.approx((29.7 - 2.5 - 1.5) * 72 / 2.54, abs=2)  # the frame
    results = docx.Document(str(built.word["results"]))
    boxes = [p.text[0] for t in results.tables for c in t._cells for p in c.paragraphs
             if p.text[:1] in ("☑", "☐")]  # fmt: skip
    assert "☑" in boxes and "☐" in boxes and len(boxes) >= 10
    for document in (report, results):
        header_xml = etree.tostring(document.sections[0].header._element, encoding="unicode")
        assert "PAGE" in header_xml
        assert document.sections[0].different_first_page_header_footer  # none on page 1
        sect = document.sections[0]._sectPr
        assert sect.find(f"{W}pgNumType").get(f"{W}fmt") == "thaiNumbers"


def test_digits_as_chosen(tmp_path: Path) -> None:
    from itadesk.services.demo import create_demo

    with OfficeSession.open(tmp_path / "arabic.sqlite3") as session:
        services = session.services
        create_demo(services)
        services.settings.set_thai_digits(False)
        word = services.documents.render("memo", 2568, tmp_path / "m.docx", invariant=True)
        text = docx_text(word)
        assert "2568" in text and "๒๕๖๘" not in text
        sect = docx.Document(str(word)).sections[0]._sectPr
        numbering = sect.find(f"{W}pgNumType")
        assert numbering is None or numbering.get(f"{W}fmt") != "thaiNumbers"


def test_contents_is_a_toc_field_word_fills_on_opening(tmp_path: Path) -> None:
    from itadesk.services.demo import create_demo

    with OfficeSession.open(tmp_path / "toc.sqlite3") as session:
        services = session.services
        create_demo(services)
        word = services.documents.render("results", 2569, tmp_path / "r.docx", invariant=True)
    body = etree.tostring(docx.Document(str(word)).element.body, encoding="unicode")
    assert 'TOC \\o "1-2"' in body
    assert "<w:outlineLvl" in body  # the headings Word collects
    settings = _xml(word, "word/settings.xml")
    assert settings.find(f"{W}updateFields") is not None


def _lo_extra_is_repeated_headers(
    kind: str, lo: Counter, word: Counter, headers: str, pages: int
) -> None:
    """What LibreOffice prints beyond the Word text: its tab leaders (dots) and the header
    rows it repeats on its pages, nothing else."""
    extra = lo - word
    extra.pop(".", None)
    allowed: Counter = Counter()
    for _ in range(pages):
        allowed.update(squash(headers))
    assert extra - allowed == Counter(), (kind, (extra - allowed).most_common(12))


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_gives_the_same_text_and_pages(built: Built, tmp_path: Path) -> None:
    import re

    kinds = [kind for kind, _year in DOCUMENTS]
    pdfs = convert_with_libreoffice(
        [built.word[k] for k in kinds], tmp_path / "lo", tmp_path / "profile"
    )
    for kind, converted in zip(kinds, pdfs, strict=True):
        ours = len(pdfium_pages(built.pdf[kind]))
        theirs = len(pdfium_pages(converted))
        if kind == "results":
            # LibreOffice splits a table row anywhere, inside a check item too, so it packs
            # the results tables denser than the PDF, whose rows split only between items:
            # measured 16 pages against our 19. Never more pages than ours.
            assert ours - 3 <= theirs <= ours + 1, (kind, ours, theirs)
        else:
            assert abs(ours - theirs) <= 1, (kind, ours, theirs)
        # LibreOffice prints tab leaders as dots and repeats the header rows on its pages
        lo_text = re.sub(r"\.{3,}", "", pdf_text_without_page_numbers(converted))
        word = Counter(squash(docx_text(built.word[kind]).translate(str.maketrans("", "", "☑☐"))))
        lo = Counter(squash(lo_text.translate(str.maketrans("", "", "☑☐"))))
        assert word - lo == Counter(), (kind, (word - lo).most_common(12))  # nothing lost
        document = docx.Document(str(built.word[kind]))
        headers = "".join(
            cell.text
            for table in document.tables
            for row in table.rows
            if row._tr.trPr is not None and row._tr.trPr.find(f"{W}tblHeader") is not None
            for cell in row.cells
        )
        _lo_extra_is_repeated_headers(kind, lo, word, headers, theirs)
