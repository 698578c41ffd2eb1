"""The score chart as a PNG picture, for the Word copy of the report: its ``ChartLayout``
painted with Pillow, the same as the PDF shows it.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors

from itadesk.documents.chart_items import (
    LEGEND_SIZE,
    ChartLayout,
    ChartLine,
    ChartRect,
    ChartText,
)
from itadesk.documents.fonts import FontSet

__all__ = ["chart_png"]


def chart_png(
    layout: ChartLayout, fonts_set: FontSet, legend_line_height: float, dpi: int
) -> bytes:
    """``layout`` painted on a PNG picture at ``dpi`` (Pillow, HarfBuzz shaping via raqm): the
    same rectangles, lines and shaped texts the PDF draws, the key's lines as its paragraphs
    broke them (``legend_line_height`` apart)."""
    from PIL import Image, ImageDraw, ImageFont

    scale = dpi / 72.0
    size = (max(1, round(layout.width * scale)), max(1, round(layout.height * scale)))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    fonts: dict[tuple[bool, float], ImageFont.FreeTypeFont] = {}

    def font(bold: bool, pt: float) -> ImageFont.FreeTypeFont:
        key = (bold, pt)
        if key not in fonts:
            path: Path = fonts_set.bold_path if bold else fonts_set.regular_path
            fonts[key] = ImageFont.truetype(
                str(path), max(1, round(pt * scale)), layout_engine=ImageFont.Layout.RAQM
            )
        return fonts[key]

    def px(x: float, y: float) -> tuple[float, float]:
        return x * scale, (layout.height - y) * scale

    def rgb(colour: colors.Color) -> tuple[int, int, int]:
        red, green, blue = (round(c * 255) for c in (colour.red, colour.green, colour.blue))
        return red, green, blue

    def line(item: ChartLine) -> None:
        (x0, y0), (x1, y1) = px(item.x0, item.y0), px(item.x1, item.y1)
        w = max(1, round(item.width * scale))
        if not item.dash:
            draw.line([(x0, y0), (x1, y1)], fill=rgb(item.colour), width=w)
            return
        on, off = (d * scale for d in item.dash)
        x = x0
        while x < x1:  # dashed lines here are horizontal
            draw.line([(x, y0), (min(x + on, x1), y0)], fill=rgb(item.colour), width=w)
            x += on + off

    def rect(item: ChartRect) -> None:
        (x0, y1), (x1, y0) = px(item.box.x0, item.box.y0), px(item.box.x1, item.box.y1)
        draw.rectangle([x0, y0, x1, y1], fill=rgb(item.fill))

    def text(item: ChartText) -> None:
        face = font(item.bold, item.size)
        if not item.angle:
            draw.text(px(item.x, item.y), item.text, font=face, fill=rgb(item.colour), anchor="ls")
            return
        # turned text: drawn level on its own picture, turned, pasted at its box
        left, top, right, bottom = face.getbbox(item.text, anchor="ls")
        # (whole pixels: Pillow types the box as float for its bitmap fonts)
        tile = Image.new("L", (int(right - left) + 2, int(bottom - top) + 2), 0)
        ImageDraw.Draw(tile).text((1 - left, 1 - top), item.text, font=face, fill=255, anchor="ls")
        turned = tile.rotate(item.angle, expand=True)
        x, y = px(item.box.x0, item.box.y1)
        image.paste(Image.new("RGB", turned.size, rgb(item.colour)), (round(x), round(y)), turned)

    for kind in ("grid", "previous", "bar", "target", "axis", "tick", "swatch", "legend"):
        for item in layout.of_kind(kind):
            if isinstance(item, ChartRect):
                rect(item)
            elif isinstance(item, ChartLine):
                line(item)
    for item in layout.texts:
        text(item)
    lh = legend_line_height
    for para, x, y_top in layout.key:
        for k, line_text in enumerate(para.line_texts(para.width)):
            indent = 0.0 if k == 0 else para.style.hanging_indent
            base = y_top - k * lh - para.baseline_offset()
            draw.text(
                px(x + indent, base),
                line_text.strip(),
                font=font(False, LEGEND_SIZE),
                fill=(0, 0, 0),
                anchor="ls",
            )
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)  # quick: the .docx is zipped anyway
    return out.getvalue()
