"""คำนำ and สารบัญ: the results booklet opens with both by default (as seed 003), the analysis
report when the office asks; the preface from the phrase bank or as the clerk edited it,
signed with the unit and the month and year; every contents entry shows the page its heading
is printed on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from doc_helpers import pdfium_pages, squash

from itadesk.domain.documents import DocumentKind, ReportFrontMatter
from itadesk.domain.thai_text import to_thai_digits

THAI_NUMBER = re.compile(r"([๐-๙]+)$")


def _contents_entries(page_text: str) -> list[tuple[str, int]]:
    """(heading, page) for each entry of a สารบัญ page (wrapped headings joined)."""
    entries, pending = [], ""
    for line in page_text.replace("\r\n", "\n").split("\n")[1:]:
        line = line.strip()
        if not line or line in ("สารบัญ", "หน้า") or line.startswith("- "):
            continue
        found = THAI_NUMBER.search(line)
        if found is None:
            pending += line
            continue
        heading = (pending + line[: found.start()]).strip()
        pending = ""
        number = int(found.group(1).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
        entries.append((heading, number))
    return entries


def _assert_contents_match_pages(pages: list[str]) -> int:
    at = next(i for i, p in enumerate(pages) if "สารบัญ" in p)
    entries = _contents_entries(pages[at])
    assert entries
    for heading, number in entries:
        printed = pages[number - 1]
        label = f"- {to_thai_digits(str(number))} -"
        assert label in printed, (heading, number)
        # the heading starts on that page (a long one is printed whole there)
        assert squash(heading)[:25] in squash(printed), (heading, number)
    return len(entries)


def test_results_booklet_opens_with_preface_and_contents(demo_services, tmp_path: Path) -> None:
    pdf = demo_services.documents.render(
        "results", 2569, tmp_path / "results.pdf", invariant=True, round_months=12
    )
    pages = pdfium_pages(pdf)
    preface = squash(pages[1])
    assert preface.startswith(squash("- ๒ - คำนำ"))
    draft = demo_services.documents.preface_draft(DocumentKind.RESULTS, 2569)
    assert draft and all(squash(p) in preface for p in draft)
    assert squash("รอบ ๑๒ เดือน") in preface  # the round, in the report's digits
    signed = demo_services.documents.build_results_report(2569, 12).preface
    assert signed is not None and signed.signed_by[0] == "สำนักปลัด"
    assert preface.endswith(squash(" ".join([*signed.signed_by, signed.month_year])))
    assert re.fullmatch(r"[ก-ฮะ-์]+ [๐-๙]{4}", signed.month_year)
    assert "สารบัญ" in pages[2]
    assert _assert_contents_match_pages(pages) >= 4  # the two sections and the groups


def test_analysis_report_contents_when_asked(demo_services, tmp_path: Path) -> None:
    plain = demo_services.documents.render("report", 2568, tmp_path / "a.pdf", invariant=True)
    assert not any("สารบัญ" in p or "คำนำ" in p for p in pdfium_pages(plain))
    demo_services.settings.set_front_matter(
        DocumentKind.REPORT, ReportFrontMatter(preface=True, contents=True)
    )
    pdf = demo_services.documents.render("report", 2568, tmp_path / "b.pdf", invariant=True)
    pages = pdfium_pages(pdf)
    assert "คำนำ" in pages[1]
    assert _assert_contents_match_pages(pages) >= 10  # sections and every indicator
    assert len(pages) == len(pdfium_pages(plain)) + 2


def test_edited_preface_is_printed(demo_services, tmp_path: Path) -> None:
    demo_services.settings.set_preface_text(
        DocumentKind.RESULTS, 2569, ("คำนำฉบับแก้ไข ย่อหน้าแรก", "ย่อหน้าที่สอง")
    )
    pdf = demo_services.documents.render("results", 2569, tmp_path / "r.pdf", invariant=True)
    preface = squash(pdfium_pages(pdf)[1])
    assert squash("คำนำฉบับแก้ไข ย่อหน้าแรก") in preface
    assert squash("ย่อหน้าที่สอง") in preface
    draft = demo_services.documents.preface_draft(DocumentKind.RESULTS, 2569)
    assert squash(draft[0]) not in preface


@pytest.mark.parametrize("thai", [True, False])
def test_preface_draft_follows_the_digits(demo_services, thai: bool) -> None:
    demo_services.settings.set_thai_digits(thai)
    draft = "".join(demo_services.documents.preface_draft(DocumentKind.REPORT, 2568))
    assert ("๒๕๖๘" in draft) is thai
    assert ("2568" in draft) is not thai
