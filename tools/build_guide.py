"""The user guide inside the app (ช่วยเหลือ → คู่มือการใช้งาน), built from its Thai text and
from pictures of the app itself:

    python tools/build_guide.py

1. Photographs every page of the demo office's window and the main dialogs with
   ``tools/screenshots.py`` at 1024×600 (the smallest office screen; the guide shows the
   pictures at that size or smaller, so their text stays readable), on the demo's own
   "today" (``DEMO_TODAY``) and in a fixed folder, so a second run gives the same pictures.
2. Keeps the pictures the text uses, as 8-bit palette PNGs (``resources/guide/images/``).
3. Writes ``resources/guide/index.html`` from ``resources/guide/guide.md``.

Run it again whenever a page changes. ``--html-only`` rewrites the HTML from the text and
the pictures already there (for a change of wording).

The text, ``guide.md``, is a small part of Markdown (what this script understands):

- ``# title``, ``## section``, ``### subsection``; ``{#name}`` at the end of a heading names
  its anchor (otherwise ``section-N``).
- ``### [03-scores] คะแนน ITA``: the section of a page of the window, ``03-scores`` being
  the page's picture in ``tools/screenshots.PAGE_FILES``. Its anchor is ``page-03-scores``
  and the page's picture follows the section's first paragraph. Every page needs one.
- ``![caption](dialog-export)`` on a line of its own: another picture, with its caption.
- ``- item`` and ``1. item``: lists (one line each); ``> text``: a note.
- A paragraph is one line; a blank line separates blocks; ``<!-- … -->`` is left out.
- Inline: ``**bold**`` and ``[text](#anchor)``, a link inside the guide (no other links:
  the guide works without a network).
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent
for folder in (ROOT, TOOLS):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from screenshots import PAGE_FILES  # noqa: E402

GUIDE_DIR = ROOT / "resources" / "guide"
SOURCE = GUIDE_DIR / "guide.md"
INDEX = GUIDE_DIR / "index.html"
IMAGES = GUIDE_DIR / "images"
SCREEN = (1024, 600)
PALETTE_COLOURS = 256
WORKSPACE_NAME = "itadesk-guide"  # the demo office's fixed folder under the temp folder

STYLE = """\
body { font-family: Sarabun, "TH Sarabun New", Tahoma, sans-serif; font-size: 11pt; }
p, li, blockquote { line-height: 130%; }
h1 { font-size: 20pt; }
h2 { font-size: 16pt; margin-top: 24px; color: #1f4e8c; }
h3 { font-size: 13pt; margin-top: 18px; color: #1f4e8c; }
p.picture { line-height: 100%; margin-bottom: 0px; }
img { max-width: 100%; border: 1px solid #999999; }
p.caption { color: #555555; margin-top: 2px; }
blockquote { background-color: #eef3fa; margin: 8px 0px; padding: 6px 10px; }
"""


class GuideSourceError(ValueError):
    """guide.md does not say what the script can build (the message names the line)."""


@dataclass
class Guide:
    """The guide as HTML, and what it uses: the pictures and the pages it has sections for."""

    body: list[str] = field(default_factory=list)
    pictures: list[str] = field(default_factory=list)
    page_sections: list[str] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)
    title: str = ""


_HEADING = re.compile(
    r"^(#{1,3}) (?:\[(?P<page>[\w-]+)\] )?(?P<text>.+?)(?: \{#(?P<anchor>[\w-]+)\})?$"
)
_PICTURE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<name>[\w-]+)\)$")
_BULLET = re.compile(r"^- (?P<text>.+)$")
_NUMBERED = re.compile(r"^\d+\. (?P<text>.+)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _inline(text: str, number: int, guide: Guide) -> str:
    """Escaped text with **bold** and [links](#anchor)."""
    parts: list[str] = []
    at = 0
    for match in _LINK.finditer(text):
        parts.append(_bold(html.escape(text[at : match.start()], quote=False)))
        label, target = match.groups()
        if not target.startswith("#"):
            raise GuideSourceError(
                f"guide.md line {number}: link to {target!r} — only links inside the guide "
                "(#anchor) are allowed, the guide must work without a network"
            )
        guide.links.append((number, target[1:]))
        shown = _bold(html.escape(label, quote=False))
        parts.append(f'<a href="{html.escape(target)}">{shown}</a>')
        at = match.end()
    parts.append(_bold(html.escape(text[at:], quote=False)))
    return "".join(parts)


def _bold(escaped: str) -> str:
    return _BOLD.sub(r"<b>\1</b>", escaped)


def _without_comments(source: str) -> list[tuple[int, str]]:
    """(line number, line) of the source without ``<!-- … -->`` blocks."""
    kept = []
    inside = False
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if not inside and stripped.startswith("<!--"):
            inside = True
        if inside:
            if stripped.endswith("-->"):
                inside = False
            continue
        kept.append((number, line.rstrip()))
    return kept


def parse_guide(source: str) -> Guide:
    """The guide's HTML body and what it refers to, from guide.md's text."""
    guide = Guide()
    out = guide.body
    open_list: str | None = None
    pending_page: str | None = None  # a page section whose picture follows its first paragraph
    sections = 0

    def close_list() -> None:
        nonlocal open_list
        if open_list is not None:
            out.append(f"</{open_list}>")
            open_list = None

    def picture(name: str, caption: str) -> None:
        guide.pictures.append(name)
        alt = html.escape(caption)
        out.append(f'<p class="picture"><img src="images/{name}.png" alt="{alt}"></p>')
        out.append(f'<p class="caption">{html.escape(caption, quote=False)}</p>')

    def page_picture_due() -> None:
        nonlocal pending_page
        if pending_page is not None:
            name, pending_page = pending_page, None
            picture(name, f"ภาพ: หน้า “{page_titles[name]}” ของหน่วยงานตัวอย่าง")

    page_titles: dict[str, str] = {}
    for number, line in _without_comments(source):
        if not line.strip():
            close_list()
            continue
        heading = _HEADING.match(line)
        if heading:
            close_list()
            page_picture_due()
            level = len(heading.group(1))
            text = heading.group("text").strip()
            page = heading.group("page")
            if level == 1:
                guide.title = text
                out.append(f"<h1>{_inline(text, number, guide)}</h1>")
                continue
            sections += 1
            if page is not None:
                if page not in PAGE_FILES:
                    raise GuideSourceError(
                        f"guide.md line {number}: [{page}] is not a page of the window "
                        f"(tools/screenshots.PAGE_FILES: {', '.join(PAGE_FILES)})"
                    )
                if page in guide.page_sections:
                    raise GuideSourceError(f"guide.md line {number}: a second section for {page}")
                guide.page_sections.append(page)
                page_titles[page] = text
                pending_page = page
                anchor = f"page-{page}"
            else:
                anchor = heading.group("anchor") or f"section-{sections}"
            if anchor in guide.anchors:
                raise GuideSourceError(f"guide.md line {number}: anchor {anchor} used twice")
            guide.anchors.add(anchor)
            shown = _inline(text, number, guide)
            out.append(f'<h{level}><a name="{anchor}"></a>{shown}</h{level}>')
            continue
        shown = _PICTURE.match(line)
        if shown:
            close_list()
            page_picture_due()
            picture(shown.group("name"), shown.group("caption"))
            continue
        for kind, pattern in (("ul", _BULLET), ("ol", _NUMBERED)):
            item = pattern.match(line)
            if item:
                if open_list != kind:
                    close_list()
                    page_picture_due()
                    out.append(f"<{kind}>")
                    open_list = kind
                out.append(f"<li>{_inline(item.group('text'), number, guide)}</li>")
                break
        else:
            close_list()
            if line.startswith("> "):
                page_picture_due()
                out.append(f"<blockquote>{_inline(line[2:], number, guide)}</blockquote>")
            else:
                out.append(f"<p>{_inline(line.strip(), number, guide)}</p>")
                page_picture_due()
    close_list()
    page_picture_due()
    missing = [name for name in PAGE_FILES if name not in guide.page_sections]
    if missing:
        raise GuideSourceError(f"guide.md has no section for the page(s) {', '.join(missing)}")
    broken = [f"line {n}: #{target}" for n, target in guide.links if target not in guide.anchors]
    if broken:
        raise GuideSourceError(f"guide.md links to anchors that do not exist: {broken}")
    return guide


def guide_html(source: str) -> str:
    """index.html for guide.md's text: one file, its pictures beside it in images/."""
    guide = parse_guide(source)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="th">',
        "<head>",
        '<meta charset="utf-8">',
        "<!-- Made by tools/build_guide.py from guide.md: edit that, then run the script. -->",
        f"<title>{html.escape(guide.title, quote=False)}</title>",
        "<style>",
        STYLE.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
        *guide.body,
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(lines)


def optimise_picture(source: Path, target: Path) -> None:
    """``source`` as an 8-bit palette PNG, a third of the size. A page of the window has
    about a thousand colours, mostly the grey steps of anti-aliased text: maximum coverage
    keeps every colour within 3 levels of the original (median cut turned the red of a
    score under target brown), and no dithering keeps text sharp."""
    from PIL import Image

    with Image.open(source) as image:
        palette = image.convert("RGB").quantize(
            colors=PALETTE_COLOURS,
            method=Image.Quantize.MAXCOVERAGE,
            dither=Image.Dither.NONE,
        )
        palette.save(target, optimize=True)


def write_html(source_text: str) -> Guide:
    guide = parse_guide(source_text)
    missing = [name for name in guide.pictures if not (IMAGES / f"{name}.png").is_file()]
    if missing:
        raise GuideSourceError(
            f"pictures missing from {IMAGES}: {missing} (run without --html-only)"
        )
    INDEX.write_text(guide_html(source_text), encoding="utf-8", newline="\n")
    return guide


def build(html_only: bool = False) -> Guide:
    """Pictures (unless ``html_only``) and index.html; the guide it wrote."""
    source_text = SOURCE.read_text(encoding="utf-8")
    guide = parse_guide(source_text)  # a mistake in the text stops before the pictures
    if not html_only:
        from screenshots import capture

        from itadesk.services.demo import DEMO_TODAY

        with tempfile.TemporaryDirectory(prefix="itadesk-guide-shots-") as name:
            shots = Path(name)
            workspace = Path(tempfile.gettempdir()) / WORKSPACE_NAME
            taken = {
                path.stem: path
                for path in capture(SCREEN, 1.0, shots, today=DEMO_TODAY, workspace=workspace)
            }
            unknown = [name for name in guide.pictures if name not in taken]
            if unknown:
                raise GuideSourceError(f"guide.md shows pictures the app does not make: {unknown}")
            if IMAGES.exists():
                shutil.rmtree(IMAGES)
            IMAGES.mkdir(parents=True)
            for picture in dict.fromkeys(guide.pictures):
                optimise_picture(taken[picture], IMAGES / f"{picture}.png")
    return write_html(source_text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--html-only", action="store_true", help="rewrite index.html only, keep the pictures"
    )
    args = parser.parse_args(argv)
    try:
        guide = build(html_only=args.html_only)
    except GuideSourceError as error:
        print(f"build_guide: {error}", file=sys.stderr)
        return 2
    size = sum(path.stat().st_size for path in GUIDE_DIR.rglob("*") if path.is_file())
    print(
        f"{INDEX.relative_to(ROOT)}: {len(guide.page_sections)} pages, "
        f"{len(set(guide.pictures))} pictures, {size / 1_000_000:.2f} MB in resources/guide"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
