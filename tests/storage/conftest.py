"""Fixtures for the storage tests: fixture databases copied to a temp folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from storage_helpers import FIXTURE_DIR


@pytest.fixture
def fixture_copy(tmp_path: Path):
    """Copy ``schema_v<N>.sqlite3`` into a fresh folder; never touch the committed file."""

    def copy(version: int, name: str | None = None) -> Path:
        folder = tmp_path / f"office_v{version}"
        folder.mkdir(exist_ok=True)
        target = folder / (name or f"schema_v{version}.sqlite3")
        shutil.copyfile(FIXTURE_DIR / f"schema_v{version}.sqlite3", target)
        return target

    return copy


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    return folder / "itadesk.sqlite3"
