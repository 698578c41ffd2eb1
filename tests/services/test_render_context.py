"""Each prepared document carries its own render context: two offices with different document
settings print at the same time, in two threads of one process, and each PDF comes out as its
own settings say (font, digits, the office's own words kept whole)."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.units import cm

from itadesk.documents.memo import memo_page_setups
from itadesk.documents.text import ThaiParagraph
from itadesk.domain.documents import DocumentKind
from itadesk.domain.memo import MemoKind

LAKSAMAN = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
#: A place name the shared dictionary does not know: without it among the office's words the
#: segmenter cuts it (ท้าย|หาด|สามัคคี|พัฒนา) and a line may end inside it.
PLACE = "ท้ายหาดสามัคคีพัฒนา"
THAI_DIGIT = re.compile("[\u0e50-\u0e59]")


def pdf_lines(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def embedded_fonts(path: Path) -> set[str]:
    rows = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert all(row.split()[-5] == "yes" for row in rows), rows  # every font embedded
    return {row.split()[0].split("+")[-1] for row in rows}


def open_office(folder: Path):
    from itadesk.services import build_services
    from itadesk.services.demo import create_demo
    from itadesk.storage.database import open_store

    folder.mkdir()
    store = open_store(folder / "office.sqlite3")
    services = build_services(store)
    create_demo(services)
    return store, services


def split_across_lines(text: str, lines: list[str]) -> bool:
    """``PLACE`` is in ``text`` but no line holds it whole."""
    return PLACE in "".join(lines) and not any(PLACE in line for line in lines)


@pytest.mark.skipif(not LAKSAMAN.exists(), reason="fonts-tlwg-laksaman-ttf not installed")
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_two_offices_print_at_the_same_time_each_with_its_own_settings(tmp_path: Path) -> None:
    store_a, office_a = open_office(tmp_path / "a")
    store_b, office_b = open_office(tmp_path / "b")
    try:
        # A: the bundled Sarabun, Thai digits, and the place among its own words.
        office_a.office.save(replace(office_a.office.profile(), district=PLACE))
        # B: the clerk's own font, Arabic digits, the place unknown to it.
        office_b.settings.set_document_fonts(LAKSAMAN, LAKSAMAN.with_name("Laksaman-Bold.ttf"))
        office_b.settings.set_thai_digits(False)
        context_a = office_a.documents.render_context()
        context_b = office_b.documents.render_context()
        assert PLACE in context_a.office_words and PLACE not in context_b.office_words

        # One memo paragraph for both, with the place where a line ends in both fonts when
        # the place is not an office word: only A's words can then keep it whole.
        first, _later = memo_page_setups(office_a.memos.build(2568, MemoKind.ANALYSIS))
        width = first.frame_width

        def lines(context, text: str) -> list[str]:
            style = context.style(alignment="justify", first_line_indent=2.5 * cm)
            return ThaiParagraph(text, style, markup=False).line_texts(width)

        without_words = context_a.replace(office_words=frozenset())
        for count in range(1, 60):
            text = (
                "ตามที่หน่วยงาน" + "ได้ดำเนินการ" * count + PLACE
                + "ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานประจำปีงบประมาณถัดไป"
            )  # fmt: skip
            if split_across_lines(text, lines(without_words, text)) and split_across_lines(
                text, lines(context_b, text)
            ):
                break
        else:
            pytest.fail("no paragraph puts the place at a line end in both fonts")
        assert not split_across_lines(text, lines(context_a, text))
        for services in (office_a, office_b):
            settings = services.memos.settings(2568, MemoKind.ANALYSIS)
            services.memos.save_settings(replace(settings, paragraphs=(text,)))

        prepared = {
            "a": office_a.documents.prepare(DocumentKind.MEMO, 2568),
            "b": office_b.documents.prepare(DocumentKind.MEMO, 2568),
        }
        assert prepared["a"].context.fonts != prepared["b"].context.fonts
        runs = 3
        start = threading.Barrier(2)
        errors: list[BaseException] = []

        def render(name: str) -> None:
            try:
                start.wait(timeout=60)
                for run in range(runs):
                    prepared[name].job(tmp_path / f"{name}-{run}.pdf")
            except BaseException as error:  # reported by the main thread
                errors.append(error)

        threads = [threading.Thread(target=render, args=(name,)) for name in prepared]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert not errors, errors
    finally:
        store_a.close()
        store_b.close()

    for run in range(runs):
        a, b = tmp_path / f"a-{run}.pdf", tmp_path / f"b-{run}.pdf"
        assert embedded_fonts(a) == {"Sarabun-Regular", "Sarabun-Bold"}
        assert embedded_fonts(b) == {"Laksaman", "Laksaman-Bold"}
        lines_a, lines_b = pdf_lines(a), pdf_lines(b)
        text_a, text_b = "\n".join(lines_a), "\n".join(lines_b)
        assert "๒๕๖๘" in text_a and "2568" not in text_a
        assert "2568" in text_b and not THAI_DIGIT.search(text_b)
        assert any(PLACE in line for line in lines_a)  # kept whole: an office word of A
        assert not any(PLACE in line for line in lines_b)  # cut at a line end in B
        assert PLACE in "".join(lines_b)
