"""The start page's own widgets: one step of the year's road, the score history chart and the
measures' progress bars. All drawn with QPainter and styled by app.qss (no new dependency)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from itadesk.domain.fiscal import format_thai_date
from itadesk.domain.road import RoadStep, StepKey, StepState
from itadesk.services.road import MeasureBar, YearResult
from itadesk.ui.pages.base import ElidedLabel
from itadesk.ui.styles import (
    ACCENT_COLOUR,
    GOOD_COLOUR,
    MUTED_COLOUR,
    Role,
    set_flag,
    set_role,
)
from itadesk.ui.text_fit import set_full_text_tip

# What each step's button says: where the step is done.
STEP_BUTTONS_TH: dict[StepKey, str] = {
    StepKey.SCORES: "ไปที่หน้าคะแนน",
    StepKey.RATING: "ดูผลคะแนน",
    StepKey.ANALYSIS: "ไปที่หน้าวิเคราะห์",
    StepKey.MEASURES: "ไปที่หน้ามาตรการ",
    StepKey.MEMO: "ไปที่หน้าบันทึกข้อความ",
    StepKey.PUBLISH: "สร้างชุดไฟล์เว็บไซต์…",
    StepKey.ROUND_6: "ไปที่หน้าติดตาม",
    StepKey.REPORT_6: "ไปที่หน้าติดตาม",
    StepKey.ROUND_12: "ไปที่หน้าติดตาม",
    StepKey.REPORT_12: "ไปที่หน้าติดตาม",
}
STATE_NAMES_TH = {
    StepState.DONE: "เสร็จแล้ว",
    StepState.DUE: "ต้องทำ",
    StepState.WAITING: "ยังทำไม่ได้",
}
MARK_SIZE = 22


class StepMark(QWidget):
    """A circle: green with a tick when done, the accent colour with the step's number when it
    can be done, grey with the number when it cannot yet."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.state = StepState.WAITING
        self.setFixedSize(MARK_SIZE, MARK_SIZE)

    def set_state(self, state: StepState) -> None:
        self.state = state
        self.setAccessibleName(STATE_NAMES_TH[state])
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = {
            StepState.DONE: GOOD_COLOUR,
            StepState.DUE: ACCENT_COLOUR,
            StepState.WAITING: "#b0b0b0",
        }[self.state]
        box = QRectF(1, 1, MARK_SIZE - 2, MARK_SIZE - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(box)
        painter.setPen(QPen(QColor("white"), 2.2))
        if self.state == StepState.DONE:
            tick = QPainterPath(QPointF(6, 11.5))
            tick.lineTo(QPointF(9.5, 15))
            tick.lineTo(QPointF(16, 7.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
        else:
            font = painter.font()
            font.setBold(True)
            font.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
            painter.setFont(font)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), str(self.number))
        painter.end()


class RoadStepRow(QFrame):
    """One step of the road: its mark, title, what the data says, and the button that goes
    where the step is done (``go`` carries the step)."""

    go = Signal(object)

    def __init__(self, number: int, key: StepKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.step: RoadStep | None = None
        self.setObjectName(f"road_step_{key.value.replace('-', '_')}")
        set_role(self, Role.ROAD_STEP)
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 1, 6, 1)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(0)
        self.mark = StepMark(number, self)
        self.title_label = QLabel(self)
        set_role(self.title_label, Role.SECTION_TITLE)
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.detail_label.setOpenExternalLinks(False)
        self.detail_label.linkActivated.connect(self._open_target)
        self.detail_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(STEP_BUTTONS_TH[key], self)
        self.button.setObjectName(f"road_button_{key.value.replace('-', '_')}")
        self.button.clicked.connect(lambda: self.go.emit(self.step))
        layout.addWidget(self.mark, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.title_label, 0, 1)
        layout.addWidget(self.detail_label, 1, 1)
        layout.addWidget(self.button, 0, 2, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.setColumnStretch(1, 1)

    def show_step(self, step: RoadStep, current: bool) -> None:
        self.step = step
        self.mark.set_state(step.state)
        title = step.title_th
        if step.state == StepState.DONE and step.done_on is not None:
            title += f" · {format_thai_date(step.done_on, 'abbr_full_year')}"
        self.title_label.setText(title)
        detail = step.detail_th
        link = ""
        if step.target:
            link = ' — <a href="open">เปิดที่เก็บไฟล์</a>'
        self.detail_label.setText(_html(detail) + link)
        set_full_text_tip(self.detail_label, detail + (f"\n{step.target}" if step.target else ""))
        set_role(
            self.detail_label,
            Role.WARNING if step.state == StepState.DUE and "เลยกำหนด" in detail else Role.MUTED,
        )
        self.setProperty("state", str(step.state))
        set_flag(self, "current", current)
        self.button.setDefault(current)
        self.setAccessibleName(f"{step.title_th}: {STATE_NAMES_TH[step.state]} — {detail}")

    def _open_target(self, _link: str) -> None:
        if self.step is None or not self.step.target:
            return
        path = Path(self.step.target)
        folder = path if path.is_dir() else path.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ScoreHistoryChart(QWidget):
    """The total of every scored year as bars, the cycle's year in the accent colour, the
    target as a dashed line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("score_history_chart")
        self.results: tuple[YearResult, ...] = ()
        self.highlight: int | None = None
        self.target = 85.0
        self.setMinimumSize(QSize(200, 110))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_history(
        self, results: Sequence[YearResult], highlight: int | None, target: float = 85.0
    ) -> None:
        self.results = tuple(results)
        self.highlight = highlight
        self.target = target
        described = ", ".join(f"ปี {r.fiscal_year} {r.total}" for r in self.results)
        self.setAccessibleName(f"คะแนนรวมทุกปี: {described}" if described else "ยังไม่มีคะแนน")
        self.setToolTip(self.accessibleName())
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(painter.font())
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(4, line + 2, -4, -(line + 4))
        muted = QColor(MUTED_COLOUR)
        if not self.results:
            painter.setPen(muted)
            painter.drawText(
                QRectF(self.rect()),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                "กราฟคะแนนรวมจะแสดงเมื่อกรอกคะแนนครบอย่างน้อยหนึ่งปี",
            )
            painter.end()
            return
        low = 50.0  # totals of offices sit well above; a zero base would flatten the change

        def y_of(value: float) -> float:
            share = (min(max(value, low), 100.0) - low) / (100.0 - low)
            return area.bottom() - share * area.height()

        count = len(self.results)
        slot = area.width() / max(count, 1)
        bar = min(slot * 0.6, 56.0)
        painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
        target_y = y_of(self.target)
        painter.drawLine(QPointF(area.left(), target_y), QPointF(area.right(), target_y))
        for index, result in enumerate(self.results):
            value = float(result.total or 0)
            centre = area.left() + slot * (index + 0.5)
            top = y_of(value)
            colour = ACCENT_COLOUR if result.fiscal_year == self.highlight else "#9fb4cf"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRect(QRectF(centre - bar / 2, top, bar, area.bottom() - top))
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                QRectF(centre - slot / 2, top - line - 1, slot, line),
                int(Qt.AlignmentFlag.AlignCenter),
                f"{result.total}",
            )
            painter.setPen(muted)
            painter.drawText(
                QRectF(centre - slot / 2, area.bottom() + 2, slot, line),
                int(Qt.AlignmentFlag.AlignCenter),
                str(result.fiscal_year),
            )
        painter.end()


class MeasureBars(QWidget):
    """One thin progress bar per measure of the plan year, its title beside it (cut with
    "…", whole in the tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("measure_bars")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.rows: list[tuple[QLabel, QProgressBar]] = []

    def show_bars(self, bars: Sequence[MeasureBar]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once: deleteLater leaves it painted until the loop runs
                widget.deleteLater()
        self.rows = []
        for bar in bars:
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = ElidedLabel(bar.title, row)
            progress = QProgressBar(row)
            progress.setRange(0, 100)
            progress.setValue(bar.percent)
            progress.setTextVisible(False)  # the figure stands beside it, always legible
            progress.setFixedSize(90, 12)
            figure = QLabel(f"{bar.percent}%", row)
            figure.setFixedWidth(QFontMetrics(figure.font()).horizontalAdvance("100%") + 4)
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            progress.setToolTip(f"{bar.title}: เสร็จ {bar.done} จาก {bar.total} รายการ")
            progress.setAccessibleName(f"ความคืบหน้า {bar.title}")
            line.addWidget(label, 1)
            line.addWidget(progress)
            line.addWidget(figure)
            self._layout.addWidget(row)
            self.rows.append((label, progress))
