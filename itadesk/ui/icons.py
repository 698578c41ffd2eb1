"""The page list's icons, drawn with QPainter: simple line pictures in one colour, so no icon
set (and no licence) has to ship and they stay sharp at any screen scaling."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from itadesk.ui.styles import ACCENT_COLOUR

ICON_SIZE = 20
_SCALE = 3  # drawn at three times the size, so a 125 % or 200 % screen stays sharp


def _home(p: QPainter) -> None:
    roof = QPainterPath(QPointF(3, 10))
    roof.lineTo(QPointF(10, 3.5))
    roof.lineTo(QPointF(17, 10))
    p.drawPath(roof)
    p.drawRect(QRectF(5.5, 9.5, 9, 7.5))
    p.drawRect(QRectF(9, 12.5, 2.5, 4.5))


def _office(p: QPainter) -> None:
    p.drawRect(QRectF(4, 3, 12, 14))
    for y in (6, 9.5, 13):
        p.drawLine(QPointF(7, y), QPointF(8.5, y))
        p.drawLine(QPointF(11.5, y), QPointF(13, y))


def _scores(p: QPainter) -> None:
    p.drawLine(QPointF(3, 17), QPointF(17, 17))
    for x, top in ((5, 11), (9, 6), (13, 9)):
        p.drawRect(QRectF(x, top, 2.5, 17 - top))


def _items(p: QPainter) -> None:
    for y in (5, 10, 15):
        p.drawRect(QRectF(3.5, y - 1.2, 2.4, 2.4))
        p.drawLine(QPointF(8, y), QPointF(17, y))


def _analysis(p: QPainter) -> None:
    p.drawEllipse(QRectF(3.5, 3.5, 9, 9))
    p.drawLine(QPointF(11, 11), QPointF(16.5, 16.5))


def _measures(p: QPainter) -> None:
    p.drawLine(QPointF(5, 3), QPointF(5, 17.5))
    flag = QPainterPath(QPointF(5, 4))
    flag.lineTo(QPointF(15.5, 4))
    flag.lineTo(QPointF(13, 7.5))
    flag.lineTo(QPointF(15.5, 11))
    flag.lineTo(QPointF(5, 11))
    p.drawPath(flag)


def _memo(p: QPainter) -> None:
    page = QPainterPath(QPointF(4.5, 2.5))
    page.lineTo(QPointF(12, 2.5))
    page.lineTo(QPointF(15.5, 6))
    page.lineTo(QPointF(15.5, 17.5))
    page.lineTo(QPointF(4.5, 17.5))
    page.closeSubpath()
    p.drawPath(page)
    for y in (8, 11, 14):
        p.drawLine(QPointF(7, y), QPointF(13, y))


def _tracking(p: QPainter) -> None:
    p.drawRect(QRectF(3.5, 3.5, 13, 13))
    tick = QPainterPath(QPointF(6.5, 10))
    tick.lineTo(QPointF(9, 12.8))
    tick.lineTo(QPointF(14, 6.5))
    p.drawPath(tick)


def _settings(p: QPainter) -> None:
    for y, knob in ((5, 12), (10, 6), (15, 10)):
        p.drawLine(QPointF(3, y), QPointF(17, y))
        p.drawEllipse(QPointF(knob, y), 1.8, 1.8)


PAGE_ICONS: dict[str, Callable[[QPainter], None]] = {
    "start_page": _home,
    "office_page": _office,
    "scores_page": _scores,
    "items_page": _items,
    "analysis_page": _analysis,
    "measures_page": _measures,
    "memo_page": _memo,
    "tracking_page": _tracking,
    "settings_page": _settings,
}


def _pixmap(draw: Callable[[QPainter], None], colour: str) -> QPixmap:
    pixmap = QPixmap(ICON_SIZE * _SCALE, ICON_SIZE * _SCALE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(_SCALE, _SCALE)
    pen = QPen(QColor(colour), 1.5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    draw(painter)
    painter.end()
    return pixmap


def page_icon(form_name: str, colour: str = ACCENT_COLOUR) -> QIcon:
    """The icon of the page built from the form ``form_name`` (an empty icon if none): in
    ``colour``, and white on the selected row (whose background is that colour)."""
    draw = PAGE_ICONS.get(form_name)
    if draw is None:
        return QIcon()
    icon = QIcon(_pixmap(draw, colour))
    icon.addPixmap(_pixmap(draw, "white"), QIcon.Mode.Selected)
    return icon
