"""The user guide's files: index.html is what tools/build_guide.py makes from guide.md, every
page of the window has its section and picture, nothing points off the computer, and the
files ship in the wheel and the frozen build."""

from __future__ import annotations

import fnmatch
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from build_guide import GuideSourceError, guide_html, parse_guide  # noqa: E402
from screenshots import PAGE_FILES  # noqa: E402

GUIDE = ROOT / "resources" / "guide"
MAX_GUIDE_BYTES = 3_000_000


def test_index_html_is_made_from_guide_md() -> None:
    """Wording changed in guide.md without running the script fails here."""
    source = (GUIDE / "guide.md").read_text(encoding="utf-8")
    assert (GUIDE / "index.html").read_text(encoding="utf-8") == guide_html(source), (
        "run: python tools/build_guide.py --html-only"
    )


def test_every_page_has_a_section_and_every_picture_is_there() -> None:
    guide = parse_guide((GUIDE / "guide.md").read_text(encoding="utf-8"))
    assert guide.page_sections == list(PAGE_FILES)
    assert set(PAGE_FILES) <= set(guide.pictures)
    on_disk = {path.stem for path in (GUIDE / "images").glob("*")}
    assert on_disk == set(guide.pictures)  # none missing, none left over
    for name in guide.pictures:
        picture = GUIDE / "images" / f"{name}.png"
        assert picture.stat().st_size > 0
        assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), name


def test_the_guide_stays_small_and_offline() -> None:
    total = sum(path.stat().st_size for path in GUIDE.rglob("*") if path.is_file())
    assert total < MAX_GUIDE_BYTES
    html = (GUIDE / "index.html").read_text(encoding="utf-8")
    addresses = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert addresses
    assert [a for a in addresses if "://" in a or a.startswith("//")] == []


def test_the_guide_ships_in_the_wheel_and_the_frozen_build() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["itadesk._resources"]
    shipped = [
        path.relative_to(ROOT / "resources").as_posix()
        for path in GUIDE.rglob("*")
        if path.is_file() and path.name != "guide.md"
    ]
    assert "guide/index.html" in shipped
    unshipped = [
        name for name in shipped if not any(fnmatch.fnmatch(name, pattern) for pattern in patterns)
    ]
    assert unshipped == []
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert 'datas = [(str(ROOT / "resources"), "resources")]' in spec  # guide/ rides along


SOURCE_WITH_EVERY_PAGE = "\n\n".join(
    f"### [{name}] หน้า {number}\n\nใช้ทำอะไร" for number, name in enumerate(PAGE_FILES, 1)
)


def test_a_page_section_gets_its_anchor_and_its_picture_after_its_first_paragraph() -> None:
    source = "# คู่มือ\n\n" + SOURCE_WITH_EVERY_PAGE + "\n\n- ข้อ **หนึ่ง** ดู [หน้า](#page-01-start)"
    html = guide_html(source)
    first = PAGE_FILES[0]
    assert (
        f'<h3><a name="page-{first}"></a>หน้า 1</h3>\n<p>ใช้ทำอะไร</p>\n'
        f'<p class="picture"><img src="images/{first}.png"'
    ) in html
    assert '<li>ข้อ <b>หนึ่ง</b> ดู <a href="#page-01-start">หน้า</a></li>' in html
    assert "<title>คู่มือ</title>" in html


@pytest.mark.parametrize(
    ("extra", "refused"),
    [
        ("[เว็บ ป.ป.ช.](https://itas.nacc.go.th)", "without a network"),
        ("[ไม่มี](#nowhere)", "do not exist"),
        ("### [10-nothing] หน้าที่ไม่มี", "not a page of the window"),
        (f"### [{PAGE_FILES[0]}] ซ้ำ", "a second section"),
    ],
)
def test_the_builder_refuses_what_the_guide_cannot_show(extra: str, refused: str) -> None:
    with pytest.raises(GuideSourceError, match=refused):
        parse_guide(SOURCE_WITH_EVERY_PAGE + "\n\n" + extra)


def test_a_page_without_a_section_stops_the_build() -> None:
    without_last = SOURCE_WITH_EVERY_PAGE.rsplit("\n\n###", 1)[0]
    with pytest.raises(GuideSourceError, match=PAGE_FILES[-1]):
        parse_guide(without_last)

