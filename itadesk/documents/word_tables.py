"""What a ReportLab table's style commands say about its cells, for the Word copy: which cells
are shaded, ruled on which side, spanned, and the body cells' padding.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib import colors
from reportlab.platypus import Table

__all__ = ["cell_paddings", "ruled_cells", "shaded_cells", "spanned_cells"]


def cell_range(
    t: Table, start: tuple[int, int], stop: tuple[int, int], rows: int, cols: int
) -> Iterable[tuple[int, int]]:
    (c0, r0), (c1, r1) = start, stop
    c0, c1 = (c + cols if c < 0 else c for c in (c0, c1))
    r0, r1 = (r + rows if r < 0 else r for r in (r0, r1))
    for r in range(r0, r1 + 1):
        for c in range(c0, c1 + 1):
            yield r, c


def shaded_cells(t: Table, rows: int, cols: int) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    for cmd in getattr(t, "_bkgrndcmds", []):
        if cmd[0] != "BACKGROUND" or cmd[3] is None:
            continue
        c = colors.toColor(cmd[3])
        fill = f"{round(c.red * 255):02X}{round(c.green * 255):02X}{round(c.blue * 255):02X}"
        for cell in cell_range(t, cmd[1], cmd[2], rows, cols):
            out[cell] = fill
    return out


def ruled_cells(t: Table, rows: int, cols: int) -> dict[tuple[int, int, str], bool]:
    out: dict[tuple[int, int, str], bool] = {}
    for cmd in getattr(t, "_linecmds", []):
        op, start, stop = cmd[0], cmd[1], cmd[2]
        if op not in ("GRID", "BOX", "INNERGRID", "OUTLINE"):
            continue
        cells = list(cell_range(t, start, stop, rows, cols))
        if not cells:
            continue
        r0, c0 = min(r for r, _ in cells), min(c for _, c in cells)
        r1, c1 = max(r for r, _ in cells), max(c for _, c in cells)
        for r, c in cells:
            for side in ("top", "left", "bottom", "right"):
                edge = (
                    (side == "top" and r == r0)
                    or (side == "bottom" and r == r1)
                    or (side == "left" and c == c0)
                    or (side == "right" and c == c1)
                )
                if (
                    op in ("GRID",)
                    or (op in ("BOX", "OUTLINE") and edge)
                    or (op == "INNERGRID" and not edge)
                ):
                    out[(r, c, side)] = True
    return out


def spanned_cells(t: Table, rows: int, cols: int) -> dict[tuple[int, int], int]:
    """(row, first column) -> last column of each horizontal span (the headings and notes
    that span a table; spans over rows are not used by the documents)."""
    out: dict[tuple[int, int], int] = {}
    for cmd in getattr(t, "_spanCmds", []):
        cells = list(cell_range(t, cmd[1], cmd[2], rows, cols))
        if not cells:
            continue
        for r in {r for r, _ in cells}:
            in_row = [c for rr, c in cells if rr == r]
            if max(in_row) > min(in_row):
                out[(r, min(in_row))] = max(in_row)
    return out


def cell_paddings(t: Table) -> tuple[float, float, float, float]:
    """(top, left, bottom, right) padding of the table's body cells."""
    styles = t._cellStyles
    style = styles[-1][0] if styles and styles[-1] else None
    if style is None:
        return (2.0, 4.0, 2.0, 4.0)
    return (style.topPadding, style.leftPadding, style.bottomPadding, style.rightPadding)
