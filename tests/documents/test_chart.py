"""The score chart's labels never overlap the bars, the target line or each other: checked on
the label boxes (the ink of the shaped text) of the chart's layout, and on the drawn PDF."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from doc_helpers import plumber_objects
from reportlab.lib.units import cm

from itadesk.documents.chart import Box, ChartBar, ScoreChart
from itadesk.documents.page import PageSetup
from itadesk.domain.thai_text import to_thai_digits

NAMES = (
    "การปฏิบัติหน้าที่",
    "การใช้งบประมาณ",
    "การใช้อำนาจ",
    "การใช้ทรัพย์สินของราชการ",
    "การแก้ไขปัญหาการทุจริต",
    "คุณภาพการดำเนินงาน",
    "ประสิทธิภาพการสื่อสาร",
    "การปรับปรุงการทำงาน",
    "การเปิดเผยข้อมูล",
    "การป้องกันการทุจริต",
)
#: values around the target of 85 (the case of the issue), at the top and at the bottom
NEAR_TARGET = ("84.90", "85.00", "85.40", "86.10", "99.38", "100", "0", "83.20", "85.90", "70")
PREVIOUS = ("85.10", "84.00", "86.00", "85.50", "97.00", "100", "12.50", "85.00", "84.90", "71")
WIDTH = 16 * cm


def _chart(values, previous=None, target="85", thai=True) -> ScoreChart:
    bars = [
        ChartBar(
            to_thai_digits(str(i)) if thai else str(i),
            name,
            Decimal(value) if value is not None else None,
            Decimal(previous[i - 1]) if previous else None,
        )
        for i, (name, value) in enumerate(zip(NAMES, values, strict=True), 1)
    ]
    return ScoreChart(
        bars,
        Decimal(target),
        thai_digits=thai,
        current_label="ปี พ.ศ. ๒๕๖๘",
        previous_label="ปี พ.ศ. ๒๕๖๗" if previous else "",
    )


CASES = {
    "near-target": (NEAR_TARGET, None, "85"),
    "two-series": (NEAR_TARGET, PREVIOUS, "85"),
    "all-at-target": (("85",) * 10, None, "85"),
    "two-series-at-target": (("85",) * 10, ("85",) * 10, "85"),
    "target-95": (
        ("94.50", "95", "95.2", "96", "93", "100", "90", "94.9", "95.1", "99"),
        None,
        "95",
    ),
    "missing-values": (("85", None, "84", None, "86", "85", None, "100", "0", "85.5"), None, "85"),
}


@pytest.mark.parametrize("case", CASES)
def test_value_labels_clear_bars_target_line_and_each_other(case: str) -> None:
    values, previous, target = CASES[case]
    chart = _chart(values, previous, target)
    layout = chart.layout(WIDTH)
    bars = [r.box for r in layout.rects if r.kind in ("bar", "previous")]
    labels = [t for t in layout.texts if t.kind in ("value", "target", "tick", "number")]
    values_shown = [t for t in labels if t.kind == "value"]
    assert len(values_shown) == sum(v is not None for v in values)
    assert len(bars) == sum(v is not None for v in values) + (10 if previous else 0)
    target_line = layout.target_box()
    for label in labels:
        for bar in bars:
            assert not label.box.intersects(bar), (label.text, label.kind, bar)
        assert not label.box.intersects(target_line), (label.text, label.kind)
    for a, b in itertools.combinations(labels, 2):
        assert not a.box.intersects(b.box), (a.text, a.kind, b.text, b.kind)
    # every label stays inside the chart's own box
    for label in layout.texts:
        assert label.box.x0 >= -0.5 and label.box.x1 <= layout.width + 0.5, label.text
        assert label.box.y0 >= -0.5 and label.box.y1 <= layout.height + 0.5, label.text


def test_labels_near_the_target_are_lifted_over_the_line_and_stay_over_their_bar() -> None:
    chart = _chart(NEAR_TARGET)
    layout = chart.layout(WIDTH)
    line = layout.target_box()
    bars = sorted((r.box for r in layout.rects if r.kind == "bar"), key=lambda b: b.x0)
    values = sorted((t for t in layout.texts if t.kind == "value"), key=lambda t: t.box.x0)
    for bar, label, value in zip(bars, values, NEAR_TARGET, strict=True):
        centre = (bar.x0 + bar.x1) / 2
        assert abs((label.box.x0 + label.box.x1) / 2 - centre) < 1.0  # over its own bar
        assert label.box.y0 >= bar.y1  # never on its bar
        if abs(Decimal(value) - 85) < 3:
            assert label.box.y0 > line.y1  # lifted over the dashed line, not on it
        else:
            assert label.box.y0 - bar.y1 < 3.0  # otherwise right over the bar


def test_label_boxes_are_what_the_pdf_draws(make_pdf) -> None:
    """The boxes tested above are where the text really is: every value's glyphs in the PDF
    lie inside its layout box (moved to where the chart sits on the page)."""
    chart = _chart(NEAR_TARGET, PREVIOUS)
    page = PageSetup(page_numbers="none")
    pdf = make_pdf([chart], page)
    layout = chart.layout(page.frame_width)
    x0, _y0, _x1, y1 = page.frame_box()
    height = page.pagesize[1]
    bottom = y1 - layout.height  # the chart is the first flowable: its top is the frame's top
    chars = plumber_objects(pdf)[0]["chars"]
    for label in (t for t in layout.texts if t.kind == "value"):
        box = Box(
            x0 + label.box.x0, bottom + label.box.y0, x0 + label.box.x1, bottom + label.box.y1
        )
        drawn = [
            c
            for c in chars
            if box.x0 - 1 <= c["x0"] and c["x1"] <= box.x1 + 1
            and height - c["bottom"] >= box.y0 - 4 and height - c["top"] <= box.y1 + 4
        ]  # fmt: skip
        assert "".join(c["text"] for c in drawn) == label.text, label.text


def test_the_png_for_the_word_copy_has_the_chart_size() -> None:
    chart = _chart(NEAR_TARGET, PREVIOUS)
    png = chart.png(WIDTH, dpi=100)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    layout = chart.layout(WIDTH)
    assert width == round(WIDTH * 100 / 72)
    assert height == round(layout.height * 100 / 72)
