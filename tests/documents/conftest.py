"""Fixtures for the documents tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from doc_helpers import MEMO_TEXT

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


@pytest.fixture(scope="session")
def long_text(samples: list[str]) -> str:
    """A long paragraph: memo prose followed by every sample line."""
    return MEMO_TEXT + " " + " ".join(samples)
