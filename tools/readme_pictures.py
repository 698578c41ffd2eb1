"""The README's pictures of the window: every page of the demo office at 1366×768, on the
demo's own day and in a fixed folder (the same pictures from one run to the next), kept as
8-bit palette PNGs like the user guide's:

    python tools/readme_pictures.py

writes ``docs/images/start-1366x768.png`` (the start page, at the top of the README's section
"The start page") and ``docs/images/pages-1366x768/02-office.png`` … ``09-settings.png``. The
same pages at 1024×600 are the user guide's pictures (``resources/guide/images/``, made by
``tools/build_guide.py``), which the README's table links to rather than keep twice.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent
for folder in (ROOT, TOOLS):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from build_guide import optimise_picture  # noqa: E402
from screenshots import PAGE_FILES, capture  # noqa: E402

IMAGES = ROOT / "docs" / "images"
START = IMAGES / "start-1366x768.png"
PAGES = IMAGES / "pages-1366x768"
SCREEN = (1366, 768)
WORKSPACE_NAME = "itadesk-readme"  # the demo office's fixed folder under the temp folder


def build() -> list[Path]:
    """The pictures, written; their paths."""
    from itadesk.services.demo import DEMO_TODAY

    written = []
    with tempfile.TemporaryDirectory(prefix="itadesk-readme-shots-") as name:
        workspace = Path(tempfile.gettempdir()) / WORKSPACE_NAME
        taken = {
            path.stem: path
            for path in capture(SCREEN, 1.0, Path(name), today=DEMO_TODAY, workspace=workspace)
        }
        PAGES.mkdir(parents=True, exist_ok=True)
        for page in PAGE_FILES:
            target = START if page == PAGE_FILES[0] else PAGES / f"{page}.png"
            optimise_picture(taken[page], target)
            written.append(target)
    return written


def main() -> int:
    written = build()
    size = sum(path.stat().st_size for path in written)
    for path in written:
        print(path.relative_to(ROOT))
    print(f"{len(written)} pictures, {size / 1_000_000:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
