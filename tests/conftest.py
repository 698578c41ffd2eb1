"""Shared test setup: offscreen Qt before any Qt import, a private data folder per test, and
ready-made stores. pythainlp is kept read-only so tests never write to the home folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

import pytest

from itadesk.ui.thai_wrap import use_thai_word_breaks

# As the app does before its first window: libthai (Qt's Thai word breaker on Linux) reads its
# dictionary once per process, at the first Thai line Qt lays out, whichever test that is.
use_thai_word_breaks()


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "itadesk-data"
    monkeypatch.setenv("ITADESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator:
    from itadesk.storage.database import open_store

    with open_store(db_path) as opened:
        yield opened


@pytest.fixture
def session(store):
    """The office session over the test's store (the store fixture closes it)."""
    from itadesk.services.session import OfficeSession

    return OfficeSession(store)


@pytest.fixture
def services(session):
    return session.services


@pytest.fixture
def demo_services(services):
    """The demo office's whole year: scores, analysis, measures, tracking, a round, memos."""
    from itadesk.services.demo import create_demo

    create_demo(services)
    return services


@pytest.fixture
def scored_services(services):
    """The demo office with its three years of scores only: nothing planned or tracked yet."""
    from itadesk.services.demo import create_demo_office

    create_demo_office(services)
    return services
