"""The window's status bar: a long message is cut with "…" before the widgets on its
right, never drawn under them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QStatusBar, QStyle, QStyleOption, QWidget

from itadesk.ui.text_fit import wrap_tooltip


class ElidingStatusBar(QStatusBar):
    """A status bar whose message never runs under the widgets on its right: a message
    longer than its room ends in "…" and the whole of it is the bar's tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messageChanged.connect(self._on_message_changed)

    def _on_message_changed(self, message: str) -> None:
        self.setToolTip(wrap_tooltip(message) if message else "")
        self.update()

    def message_rect(self):
        """Where the message is drawn: from the left edge to the first permanent widget."""
        rect = self.rect().adjusted(6, 0, -12, 0)
        for widget in self.findChildren(QWidget):
            if widget.parentWidget() is self and widget.isVisible() and widget.x() > rect.left():
                rect.setRight(min(rect.right(), widget.x() - 6))
        return rect

    def paintEvent(self, event) -> None:
        message = self.currentMessage()
        if not message:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        rect = self.message_rect()
        shown = QFontMetrics(self.font()).elidedText(
            " ".join(message.split()), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.setPen(self.palette().windowText().color())
        painter.drawText(
            rect,
            int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
            | int(Qt.TextFlag.TextSingleLine),
            shown,
        )
