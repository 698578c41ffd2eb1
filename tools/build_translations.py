"""Compile the Qt translations in ``resources/i18n/*.ts`` to ``.qm`` with PySide6's own
``pyside6-lrelease`` (the Qt tool that reads what Qt Linguist writes).

``python tools/build_translations.py`` writes each ``.qm`` beside its ``.ts``;
``--out-dir DIR`` writes them there instead (the test compiles into a temporary folder and
compares with the committed files). build.spec runs it before bundling.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"


def find_lrelease() -> str | None:
    """PySide6's ``pyside6-lrelease``: beside this Python (a venv's bin or Scripts folder)
    first, then on PATH."""
    beside_python = Path(sys.executable).parent
    return shutil.which("pyside6-lrelease", path=str(beside_python)) or shutil.which(
        "pyside6-lrelease"
    )


def build(out_dir: Path | None = None, lrelease: str | None = None) -> list[Path]:
    """Compile every .ts; returns the .qm files written. Raises RuntimeError when
    pyside6-lrelease cannot be found or fails."""
    lrelease = lrelease or find_lrelease()
    if lrelease is None:
        raise RuntimeError("pyside6-lrelease not found: install PySide6 in this Python")
    written = []
    for ts_file in sorted(I18N_DIR.glob("*.ts")):
        qm_file = (out_dir or ts_file.parent) / ts_file.with_suffix(".qm").name
        completed = subprocess.run(
            [lrelease, "-silent", str(ts_file), "-qm", str(qm_file)],
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0 or not qm_file.exists():
            raise RuntimeError(f"lrelease failed on {ts_file.name}: {completed.stderr.strip()}")
        written.append(qm_file)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, help="write the .qm files here")
    args = parser.parse_args()
    try:
        for qm_file in build(args.out_dir):
            print(qm_file)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
