"""Fixtures for the documents tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from itadesk.documents.page import PageSetup, build_pdf
from itadesk.documents.proof import load_samples


@pytest.fixture(scope="session")
def samples() -> list[str]:
    return load_samples()


@pytest.fixture
def make_pdf(tmp_path: Path):
    """Build flowables into a PDF under tmp_path (invariant mode) and return its path."""
    counter = iter(range(10_000))

    def _make(flowables: Iterable, page: PageSetup | None = None, **kw) -> Path:
        out = tmp_path / f"doc{next(counter)}.pdf"
        build_pdf(
            list(flowables), out, page or PageSetup(page_numbers="none"), invariant=True, **kw
        )
        return out

    return _make


MEMO_TEXT = (
    "ตามที่องค์การบริหารส่วนตำบลได้เข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
    "ของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ซึ่งสำนักงานคณะกรรมการป้องกันและปราบปราม"
    "การทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้ประกาศผลคะแนน ITA เท่ากับ ๙๙.๖๖ คะแนน นั้น "
    "บัดนี้ หน่วยงานได้วิเคราะห์ผลการประเมินและจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
    "ภายในหน่วยงาน เพื่อให้การปฏิบัติหน้าที่เป็นไปตามประมวลจริยธรรมและระเบียบที่เกี่ยวข้อง "
    "รวมทั้งเผยแพร่ข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์ https://www.example.go.th/ita/2568 "
    "อย่างครบถ้วน ตามข้อ O11 และข้อ i16 จึงเรียนมาเพื่อโปรดทราบและพิจารณา"
)


@pytest.fixture(scope="session")
def long_text(samples: list[str]) -> str:
    """A long paragraph: memo prose followed by every sample line."""
    return MEMO_TEXT + " " + " ".join(samples)
