"""The memo on as few pages as its text needs: only the signer's block and each comment block
are kept whole; the closing paragraph may split, its last lines going overleaf with the
signature; closer spacing only when it saves a page. The demo's analysis memo: its text and
signer on page 1, its chain of comments on page 2."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from doc_helpers import pdfium_pages, squash
from test_memo import PARAGRAPHS, SIGNER, build, make_memo

from itadesk.documents.context import bundled_context
from itadesk.documents.memo import NORMAL_SPACING, TIGHT_SPACING, memo_spacing
from itadesk.domain.memo import MemoKind


def test_demo_memo_text_on_page_one_comments_on_page_two(demo_services, tmp_path: Path) -> None:
    memo = demo_services.memos.build(2568, MemoKind.ANALYSIS)
    pdf = demo_services.documents.render("memo", 2568, tmp_path / "memo.pdf", invariant=True)
    pages = [squash(p) for p in pdfium_pages(pdf)]
    assert len(pages) == 2
    first, second = pages
    for paragraph in memo.paragraphs:
        assert squash(paragraph) in first
    assert squash(f"({memo.signer.display_name})") in first
    assert len(memo.comments) == 3
    for block in memo.comments:
        assert squash(block.heading) not in first
        assert squash(block.heading) in second
        assert squash(f"({block.signature.display_name})") in second


def test_every_demo_memo_is_two_pages(demo_services, tmp_path: Path) -> None:
    for kind, year in (("memo", 2568), ("publish-memo", 2568), ("results-memo", 2569)):
        pdf = demo_services.documents.render(kind, year, tmp_path / f"{kind}.pdf", invariant=True)
        assert len(pdfium_pages(pdf)) == 2, kind


def test_closing_paragraph_splits_and_the_signature_is_never_alone(tmp_path: Path) -> None:
    long_closing = " ".join([PARAGRAPHS[1]] * 3) + " จึงเรียนมาเพื่อโปรดพิจารณา"
    memo = replace(make_memo(), paragraphs=(*PARAGRAPHS[:2], PARAGRAPHS[1], long_closing))
    pdf = build(tmp_path, memo)
    pages = [squash(p) for p in pdfium_pages(pdf)]
    name = squash(f"({SIGNER.display_name})")
    signed = next(i for i, p in enumerate(pages) if name in p)
    assert signed >= 1
    # the closing paragraph began on the page before and ends on the signature's page:
    # it was split, so the page before is not left half empty
    assert squash(long_closing[:40]) in pages[signed - 1]
    assert squash("จึงเรียนมาเพื่อโปรดพิจารณา") in pages[signed]
    before_name = pages[signed].split(name)[0]
    assert len(before_name) > 60  # two lines of the paragraph at least, above the signature


def test_tight_spacing_only_when_it_saves_a_page() -> None:
    context = bundled_context()
    short = replace(make_memo(comments=0), paragraphs=(PARAGRAPHS[0], PARAGRAPHS[2]))
    assert memo_spacing(short, context) == NORMAL_SPACING
    assert TIGHT_SPACING.signing >= 36.0  # still room to sign
