"""The wheel carries every package of the source tree: a sub-package missing from
pyproject.toml's explicit list installs fine and fails only on a clerk's machine."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"]) - {"itadesk._resources"}
    on_disk = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "itadesk").rglob("__init__.py")
    }
    assert listed == on_disk
