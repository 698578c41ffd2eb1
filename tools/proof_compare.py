"""Put the proof PDF next to the same Thai text drawn by Qt, for a visual check.

Left: page 1 of the proof sheet (``itadesk.documents.proof``) rasterised with PDFium.
Right: the same title and sample lines drawn by QPainter (Qt shapes with HarfBuzz) with the
same font file, size, margins and line spacing, on a page of the same size.
A third image repeats a few hard clusters (ที่ ปี่ ปั้น น้ำ ฐู ญู ฎุ ฏุ) large, PDF above, Qt below,
so mark placement can be compared glyph by glyph.

    QT_QPA_PLATFORM=offscreen /work/venv/bin/python tools/proof_compare.py -o build/proof-compare

Writes ``proof.pdf``, ``compare-page1.png`` and ``compare-clusters.png`` in the output folder.
A developer tool (it imports PySide6); not part of the package.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CLUSTERS = "ที่ ปี่ ปั้น น้ำ ป่ำ ฐู ญู ฎุ ฏุ ผู้ใหญ่ ฝั่ง"


def render_pdf_page(pdf: Path, page: int, dpi: int):
    """A page of ``pdf`` as a PIL image."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        doc.close()


def qt_page(dpi: int, samples: list[str], font_path: Path, bold_path: Path):
    """Draw the proof's title and left-aligned samples with QPainter; return a QImage."""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import (
        QColor,
        QFont,
        QFontDatabase,
        QImage,
        QPainter,
        QTextLayout,
        QTextOption,
    )
    from reportlab.lib.units import cm

    from itadesk.documents.page import PageSetup
    from itadesk.documents.text import ThaiStyle

    fid = QFontDatabase.addApplicationFont(str(font_path))
    QFontDatabase.addApplicationFont(str(bold_path))
    family = QFontDatabase.applicationFontFamilies(fid)[0]
    page = PageSetup()
    w_pt, h_pt = page.pagesize
    k = dpi / 72.0
    img = QImage(int(w_pt * k), int(h_pt * k), QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setPen(QColor("black"))
    left = page.left_cm * cm * k
    width = page.frame_width * k
    y = page.top_cm * cm * k

    def paragraph(text: str, size: float, bold: bool, center: bool, space_after: float) -> None:
        nonlocal y
        font = QFont(family)
        font.setPixelSize(round(size * k))  # points at this dpi
        font.setBold(bold)
        layout = QTextLayout(text, font)
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WordWrap)
        if center:
            from PySide6.QtCore import Qt

            opt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.setTextOption(opt)
        style = ThaiStyle(font_size=size, bold=bold)
        lh = style.line_height * k
        layout.beginLayout()
        n = 0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            # our baseline sits at ascender/(ascender+descender) of the line box, like Writer
            line.setPosition(
                QPointF(0, n * lh + style.line_height * k * 1068 / 1300 - line.ascent())
            )
            n += 1
        layout.endLayout()
        layout.draw(p, QPointF(left, y))
        y += n * lh + space_after * k

    paragraph("แผ่นพิสูจน์การจัดพิมพ์ภาษาไทย (Qt)", 29, True, True, 6)
    paragraph("QPainter + HarfBuzz, the same font file", 14, False, True, 0)
    paragraph("ชิดซ้าย (left)", 20, True, False, 4)
    for s in samples:
        paragraph(s, 16, False, False, 4)
    p.end()
    del QRectF
    return img


def qimage_to_pil(img):
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    import io

    return Image.open(io.BytesIO(bytes(buf.data()))).convert("RGB")


def side_by_side(a, b, gap: int = 20):
    from PIL import Image

    out = Image.new("RGB", (a.width + b.width + gap, max(a.height, b.height)), "#888888")
    out.paste(a, (0, 0))
    out.paste(b, (a.width + gap, 0))
    return out


def clusters_image(out_dir: Path, font_path: Path, size: float = 48, dpi: int = 150):
    """The hard clusters large: our PDF (top) and Qt (bottom)."""
    from PIL import Image
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter

    from itadesk.documents.page import PageSetup, build_pdf
    from itadesk.documents.text import ThaiParagraph, ThaiStyle

    pdf = out_dir / "clusters.pdf"
    build_pdf(
        [ThaiParagraph(CLUSTERS, ThaiStyle(font_size=size), markup=False)],
        pdf,
        PageSetup(orientation="landscape", left_cm=1, right_cm=1, page_numbers="none"),
        invariant=True,
    )
    page = render_pdf_page(pdf, 0, dpi)
    k = dpi / 72
    y0, y1 = int((2.5 * 28.35 - 0.2 * size) * k), int((2.5 * 28.35 + 1.7 * size) * k)
    band = page.crop((0, y0, page.width, y1))
    fid = QFontDatabase.addApplicationFont(str(font_path))
    family = QFontDatabase.applicationFontFamilies(fid)[0]
    img = QImage(page.width, page.height, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont(family)
    font.setPixelSize(round(size * k))
    p.setFont(font)
    p.setPen(QColor("black"))
    baseline = (2.5 * 28.35 + size * 1.068) * k
    p.drawText(QPointF(1 * 28.35 * k, baseline), CLUSTERS)
    p.end()
    qt = qimage_to_pil(img).crop((0, y0, page.width, y1))
    out = Image.new("RGB", (band.width, band.height * 2 + 10), "#888888")
    out.paste(band, (0, 0))
    out.paste(qt, (0, band.height + 10))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out", type=Path, default=Path("build/proof-compare"))
    ap.add_argument("--dpi", type=int, default=100)
    ap.add_argument("--pdf", type=Path, help="use this proof PDF instead of building one")
    args = ap.parse_args(argv)

    from PySide6.QtGui import QGuiApplication

    from itadesk.documents.context import bundled_context
    from itadesk.documents.proof import load_samples, write_proof_sheet

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out_dir = args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = args.pdf or out_dir / "proof.pdf"
    context = bundled_context()
    if not args.pdf:
        write_proof_sheet(pdf, context, invariant=True)
    fonts = context.fonts
    left = render_pdf_page(pdf, 0, args.dpi)
    right = qimage_to_pil(qt_page(args.dpi, load_samples(), fonts.regular_path, fonts.bold_path))
    side_by_side(left, right).save(out_dir / "compare-page1.png")
    clusters_image(out_dir, fonts.regular_path).save(out_dir / "compare-clusters.png")
    print(f"wrote {out_dir / 'compare-page1.png'} and {out_dir / 'compare-clusters.png'}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
