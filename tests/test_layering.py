"""The layering rule of ARCHITECTURE.md, checked in fresh interpreters: the lower layers never
load PySide6, and the domain loads neither sqlite_utils nor reportlab."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import itadesk

LAYERS = ("domain", "storage", "documents", "services")
FORBIDDEN = {
    "domain": ("PySide6", "shiboken6", "sqlite_utils", "reportlab"),
    "storage": ("PySide6", "shiboken6", "reportlab"),
    "documents": ("PySide6", "shiboken6", "sqlite_utils"),
    "services": ("PySide6", "shiboken6"),
}


def modules_of(layer: str) -> list[str]:
    package = __import__(f"itadesk.{layer}", fromlist=["_"])
    names = [f"itadesk.{layer}"]
    for info in pkgutil.walk_packages(package.__path__, prefix=f"itadesk.{layer}."):
        names.append(info.name)
    return names


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_imports_nothing_forbidden(layer: str) -> None:
    modules = modules_of(layer)
    assert len(modules) > 1, f"layer {layer} has no modules"
    script = (
        "import importlib, json, sys\n"
        f"modules = {modules!r}\n"
        "leaks = {}\n"
        "for name in modules:\n"
        "    before = set(sys.modules)\n"
        "    importlib.import_module(name)\n"
        f"    bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN[layer]!r})\n"
        "    if bad: leaks[name] = bad[:3]\n"
        "print(json.dumps(leaks))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    leaks = json.loads(completed.stdout.strip().splitlines()[-1])
    assert leaks == {}, f"{layer} loads forbidden modules: {leaks}"


def test_importing_package_loads_no_qt() -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, itadesk, itadesk.app; "
            "print(any(m.startswith('PySide6') for m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert completed.stdout.strip() == "False"
    assert itadesk.__version__


def test_import_graph_keeps_the_layering_contracts() -> None:
    """import-linter's contracts in pyproject.toml on the static import graph: the layers in
    order, the window reaching storage and documents only through services (which the run-time
    check above cannot see), no Qt below the window, a pure domain."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter import cli; "
            "sys.exit(cli.lint_imports(config_filename='pyproject.toml'))",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=root,
    )
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    assert "0 broken" in completed.stdout


def test_fileio_is_usable_by_every_layer() -> None:
    """itadesk.fileio sits beside paths.py and errors.py under every layer: it loads no other
    itadesk module and no third-party library."""
    script = (
        "import sys, json, itadesk.fileio\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('itadesk')"
        " or m.split('.')[0] in ('PySide6', 'sqlite_utils', 'reportlab', 'jinja2', 'openpyxl'))))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(completed.stdout) == ["itadesk", "itadesk.fileio"]
