"""PySide6 6.12 on Python 3.11 takes a reference to None away with every Qt call that returns
nothing; itadesk.ui guards against it (ui/refcounts.py). Both are shown in fresh interpreters:
without the guard the calls a long working day makes end in a fatal error, with it they do
not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CALLS = 200_000  # a long day in the window: about 40 such calls per page switch

MANY_VOID_CALLS = f"""
import sys
{{setup}}
from PySide6.QtCore import QObject
holder = QObject()
for _ in range({CALLS}):
    holder.setObjectName("x")
print("done")
"""


def run(setup: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", MANY_VOID_CALLS.format(setup=setup)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_with_the_ui_imported_qt_calls_never_wear_none_out() -> None:
    result = run("import itadesk.ui")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "done"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_without_the_guard_the_same_calls_end_in_a_fatal_error() -> None:
    from PySide6.QtCore import QObject

    before = sys.getrefcount(None)
    QObject().setObjectName("x")
    if sys.getrefcount(None) >= before:
        pytest.skip("this PySide does not take references from None (fixed upstream)")
    result = run("")
    assert result.returncode != 0
    assert "deallocating None" in result.stderr
