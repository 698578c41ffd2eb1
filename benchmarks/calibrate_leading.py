"""Calibrate the engine's line spacing against LibreOffice Writer.

Sets the same page of body text twice, A4 with the memo margins (left 3 cm, right 2 cm, top
2.5 cm, bottom 2 cm), 16 pt, single spacing, no space between paragraphs:

1. LibreOffice Writer (Debian ``libreoffice-writer-nogui``), headless, from a flat ODT file
   generated here, with the bundled font made visible to fontconfig through a private
   ``FONTCONFIG_FILE`` (nothing is installed in the user's font folders);
2. our engine (``ThaiParagraph``, ``build_pdf``) with ``LEADING_FACTOR``.

Counts the lines on page 1 of each PDF with pdfplumber, measures LibreOffice's baseline pitch
and prints the leading factor that reproduces it. Run:

    /work/venv/bin/python benchmarks/calibrate_leading.py [--font path/to/Regular.ttf]

Our single spacing is ``size x (hhea ascender + descender + line gap) x LEADING_FACTOR``;
the script prints the factor that would reproduce LibreOffice's pitch exactly. Result recorded in
``itadesk/documents/text.py`` (``LEADING_FACTOR = 1.0``), LibreOffice 7.4.7 (Debian 12):

    Sarabun:  LibreOffice 34 lines, pitch 20.80 pt; ours 34 lines, pitch 20.80 pt
    Laksaman: LibreOffice 26 lines, pitch 27.45 pt; ours 26 lines, pitch 27.44 pt
              (--font /usr/share/fonts/truetype/tlwg/Laksaman.ttf from the Debian package
              fonts-tlwg-laksaman-ttf, TH SarabunPSK metrics, i.e. a clerk's own font)

Exit status 0 when the line counts agree within one line.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINE = "บรรทัดที่ {n} การประเมินคุณธรรมและความโปร่งใส ITA ที่ ปี่ ปั้น"
N_LINES = 120
SIZE = 16.0


def _family_name(font: Path) -> str:
    from reportlab.pdfbase.ttfonts import TTFontFile

    ttf = TTFontFile(str(font))
    # fontconfig family = the name table family (ID 1); ReportLab keeps the PostScript name
    return ttf.familyName.decode() if isinstance(ttf.familyName, bytes) else ttf.familyName


def write_fodt(path: Path, family: str, lines: list[str]) -> None:
    paras = "\n".join(f'<text:p text:style-name="Body">{escape(t)}</text:p>' for t in lines)
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="{family}" svg:font-family="'{family}'"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:line-height="100%"/>
  <style:text-properties style:font-name="{family}" fo:font-size="{SIZE}pt"
   style:font-name-complex="{family}" style:font-size-complex="{SIZE}pt"
   style:font-name-asian="{family}" style:font-size-asian="{SIZE}pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2.5cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1"/>
</office:master-styles>
<office:body><office:text>
{paras}
</office:text></office:body></office:document>
""",
        encoding="utf-8",
    )


def libreoffice_pdf(fodt: Path, font_dir: Path, work: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice not found: apt-get install -y libreoffice-writer-nogui")
    conf = work / "fonts.conf"
    conf.write_text(
        f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>{escape(str(font_dir))}</dir><cachedir>{escape(str(work / "fc-cache"))}</cachedir></fontconfig>
""",
        encoding="utf-8",
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(work))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{work / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(fodt),
        ],
        check=True,
        env=env,
        capture_output=True,
        timeout=300,
    )
    return work / (fodt.stem + ".pdf")


def page_lines(pdf: Path, page: int = 0) -> tuple[int, float, list[str]]:
    """(lines on the page, median baseline pitch, font names) via pdfplumber."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        p = doc.pages[page]
        lines = p.extract_text_lines()
        fonts = sorted({c["fontname"] for c in p.chars})
    if any(not ln["text"].startswith("บรรทัดที่") for ln in lines):
        raise SystemExit(f"{pdf.name}: a test line wrapped; shorten LINE")
    bottoms = [ln["bottom"] for ln in lines]
    pitch = (bottoms[-1] - bottoms[0]) / (len(bottoms) - 1) if len(bottoms) > 1 else 0.0
    return len(lines), pitch, fonts


def ours_pdf(out: Path, font: Path | None, factor: float | None) -> Path:
    from itadesk.documents.fonts import register_fonts
    from itadesk.documents.page import PageSetup, build_pdf
    from itadesk.documents.text import ThaiParagraph, ThaiStyle

    fonts = register_fonts(font) if font else register_fonts()
    style = ThaiStyle(font_size=SIZE, font_set=fonts)
    if factor is not None:
        style = style.replace(leading=SIZE * factor)
    lines = [LINE.format(n=n + 1) for n in range(N_LINES)]
    build_pdf(
        [ThaiParagraph(t, style, markup=False) for t in lines],
        out,
        PageSetup(page_numbers="none"),
        invariant=True,
        font_set=fonts,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--font", type=Path, help="regular TTF (default: bundled Sarabun)")
    ap.add_argument("--keep", type=Path, help="copy both PDFs to this folder")
    args = ap.parse_args(argv)
    from itadesk.documents.text import LEADING_FACTOR
    from itadesk.paths import fonts_dir

    font = args.font.resolve() if args.font else fonts_dir() / "Sarabun-Regular.ttf"
    with tempfile.TemporaryDirectory(prefix="itad-calib-") as tmp:
        work = Path(tmp)
        font_dir = work / "fonts"
        font_dir.mkdir()
        shutil.copy(font, font_dir / font.name)
        family = _family_name(font)
        fodt = work / "page.fodt"
        write_fodt(fodt, family, [LINE.format(n=n + 1) for n in range(N_LINES)])
        lo = libreoffice_pdf(fodt, font_dir, work)
        lo_n, lo_pitch, lo_fonts = page_lines(lo)
        ours = ours_pdf(work / "ours.pdf", args.font, None)
        our_n, our_pitch, our_fonts = page_lines(ours)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(lo, args.keep / "libreoffice.pdf")
            shutil.copy(ours, args.keep / "ours.pdf")
    print(f"font family           : {family}")
    print(f"LibreOffice fonts     : {', '.join(lo_fonts)}")
    print(f"our fonts             : {', '.join(our_fonts)}")
    print(f"LibreOffice           : {lo_n} lines on page 1, baseline pitch {lo_pitch:.2f} pt")
    print(f"ours (factor {LEADING_FACTOR:.3f}) : {our_n} lines on page 1, pitch {our_pitch:.2f} pt")
    print(f"LEADING_FACTOR matching LibreOffice: {LEADING_FACTOR * lo_pitch / our_pitch:.3f}")
    if not any(family.replace(" ", "") in f.replace(" ", "") for f in lo_fonts):
        print("WARNING: LibreOffice did not use the font; fontconfig did not find it")
        return 2
    return 0 if abs(lo_n - our_n) <= 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
