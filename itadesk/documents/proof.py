"""The proof sheet: every hard Thai sample in every alignment, in a narrow table column, with
check boxes and the memo sizes, for a visual check of the text engine (``itadesk proof``).

Public API
----------
``write_proof_sheet(output, context, samples_path=None, *, invariant=False)``
    Writes the proof PDF atomically in the fonts and with the line breaker of ``context``
    (a ``RenderContext``). Default samples: ``resources/data/thai-samples.txt``.
``load_samples(samples_path=None) -> list[str]``
    The non-empty lines of the samples file.
``proof_flowables(samples, context) -> list``
    The flowables of the sheet (used by ``tools/proof_compare.py``).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer

from itadesk.documents.context import RenderContext
from itadesk.documents.markup import escape_markup
from itadesk.documents.page import CheckLine, PageSetup, build_pdf
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.table import thai_table
from itadesk.domain.documents import Justification
from itadesk.paths import resource_path

__all__ = ["load_samples", "proof_flowables", "write_proof_sheet"]

ALIGNMENT_TITLES = {
    "left": "ชิดซ้าย (left)",
    "center": "กึ่งกลาง (center)",
    "right": "ชิดขวา (right)",
    "justify": "เต็มแนว (justify) ย่อหน้า ๒.๕ ซม.",
}


def load_samples(samples_path: Path | None = None) -> list[str]:
    """Non-empty lines of the samples file (default: the bundled thai-samples.txt)."""
    path = Path(samples_path) if samples_path else resource_path("data", "thai-samples.txt")
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def proof_flowables(samples: list[str], context: RenderContext) -> list[Flowable]:
    """The proof sheet's content for ``samples``."""
    fonts = context.fonts
    body = context.style()
    label = body.replace(
        font_size=20, bold=True, space_before=8, space_after=4, keep_with_next=True
    )
    title = body.replace(font_size=29, bold=True, alignment="center", space_after=6)
    out: list[Flowable] = [
        ThaiParagraph("แผ่นพิสูจน์การจัดพิมพ์ภาษาไทย", title),
        ThaiParagraph(
            f"ฟอนต์ {escape_markup(fonts.regular_path.name)} / {escape_markup(fonts.bold_path.name)}"
            f" ขนาด ๑๖ พอยต์ ระยะบรรทัด {body.line_height:.2f} พอยต์ "
            "หัวข้อ <b>๒๐ พอยต์ ตัวหนา</b> ชื่อเรื่อง <b>๒๙ พอยต์</b>",
            body.replace(alignment="center", font_size=14),
        ),
    ]
    for alignment, heading in ALIGNMENT_TITLES.items():
        out.append(ThaiParagraph(heading, label))
        indent = 2.5 * cm if alignment == "justify" else 0.0
        style = body.replace(alignment=alignment, first_line_indent=indent, space_after=4)
        for line in samples:
            out.append(ThaiParagraph(line, style, markup=False))
        if alignment == "justify":
            out.append(ThaiParagraph(" ".join(samples[2:9]), style, markup=False))
            # the two ways a justified line can spread its spare width, side by side
            for choice in Justification:
                out.append(ThaiParagraph(choice.label_th, label.replace(font_size=16)))
                out.append(
                    ThaiParagraph(
                        " ".join(samples[2:9]),
                        style.replace(justification=choice),
                        markup=False,
                    )
                )
    out.append(ThaiParagraph("ในตาราง: คอลัมน์แคบ ๓ ซม. และคอลัมน์กว้าง", label))
    rows: list[list[object]] = [["ที่", "คอลัมน์แคบ", "คอลัมน์กว้าง (เต็มแนว)"]]
    narrow = body.replace(font_size=16)
    wide = body.replace(alignment="justify")
    for i, line in enumerate(samples, 1):
        rows.append(
            [
                ThaiParagraph(str(i), narrow.replace(alignment="center"), markup=False),
                ThaiParagraph(line, narrow, markup=False),
                ThaiParagraph(line, wide, markup=False),
            ]
        )
    out.append(thai_table(rows, [1.2 * cm, 3.0 * cm, 11.8 * cm], header_rows=1, style=body))
    out.append(ThaiParagraph("ช่องทำเครื่องหมาย ตัวหนา ขีดเส้นใต้ และขึ้นบรรทัดใหม่", label))
    out.append(CheckLine("ดำเนินการแล้ว: เผยแพร่ประมวลจริยธรรมบนเว็บไซต์ของหน่วยงาน", True, body))
    out.append(
        CheckLine(
            "ยังไม่ดำเนินการ: จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
            "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ และรายงานผลต่อผู้บริหาร",
            False,
            body,
        )
    )
    out.append(
        ThaiParagraph(
            "ข้อความ<b>ตัวหนา</b> ข้อความ<u>ขีดเส้นใต้</u> และ<b><u>ทั้งสองอย่าง</u></b>"
            "<br/>บรรทัดใหม่หลัง &lt;br/&gt; และอักษร &amp; &lt; &gt; แสดงตามจริง",
            body,
        )
    )
    out.append(Spacer(1, 6))
    out.append(
        ThaiParagraph(
            "๑. ขั้นตอนที่มีย่อหน้าแบบแขวน: ข้อความบรรทัดถัดไปเริ่มตรงกับข้อความบรรทัดแรก "
            "ไม่ใช่ตรงกับตัวเลขลำดับ เพื่อให้อ่านง่ายตามแบบหนังสือราชการ",
            body.replace(left_indent=1 * cm, hanging_indent=0.75 * cm, alignment="justify"),
            markup=False,
        )
    )
    return out


def write_proof_sheet(
    output: Path,
    context: RenderContext,
    samples_path: Path | None = None,
    *,
    invariant: bool = False,
) -> None:
    """Write the proof sheet PDF to ``output`` (atomically)."""
    samples = load_samples(samples_path)
    build_pdf(
        proof_flowables(samples, context),
        Path(output),
        PageSetup(page_numbers="thai"),
        invariant=invariant,
        font_set=context.fonts,
        title="แผ่นพิสูจน์การจัดพิมพ์ภาษาไทย",
        author="ITADesk",
    )
