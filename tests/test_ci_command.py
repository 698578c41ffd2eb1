"""CI runs exactly the README's install-and-test command, and that command checks the types:
a step added to one and not the other (or mypy dropped) fails here."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMAND_START = 'python3 -m venv .venv && .venv/bin/pip install ".[test]"'


def _command_in(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith(COMMAND_START)]
    assert len(lines) == 1, lines
    return lines[0]


def test_readme_and_ci_run_the_same_command_with_ruff_mypy_then_pytest() -> None:
    readme = _command_in((ROOT / "README.md").read_text(encoding="utf-8"))
    ci = _command_in((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert readme == ci
    steps = [step.strip() for step in ci.split("&&")]
    assert steps[-3:] == [".venv/bin/ruff check .", ".venv/bin/mypy", ".venv/bin/pytest"]


def test_mypy_of_the_ci_command_is_pinned_and_checks_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pinned = [p for p in config["project"]["optional-dependencies"]["test"] if p.startswith("mypy")]
    assert len(pinned) == 1 and re.fullmatch(r"mypy==[\d.]+", pinned[0])
    mypy = config["tool"]["mypy"]
    assert mypy["files"] == ["itadesk"]
    strict_modules = {
        module
        for override in mypy["overrides"]
        if override.get("disallow_untyped_defs")
        for module in override["module"]
    }
    assert {"itadesk.domain.*", "itadesk.storage.*", "itadesk.documents.*"} <= strict_modules
