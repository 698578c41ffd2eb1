"""What the score chart (``chart``) is made of, as values: its colours and sizes, the bars it is
given (``ChartBar``) and everything it draws (``ChartRect``, ``ChartLine``, ``ChartText`` with
its ink ``Box``) collected in a ``ChartLayout``, which the PDF and the picture both paint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib import colors

from itadesk.documents.paragraph import ThaiParagraph

AT_TARGET = colors.HexColor("#1f4e79")  # dark blue
BELOW_TARGET = colors.HexColor("#e69500")  # orange: much lighter than the blue in grey
PREVIOUS = colors.HexColor("#c9d6e3")  # pale: last year's bars stay in the background
TARGET_LINE = colors.HexColor("#b00020")
GRID = colors.Color(0.82, 0.82, 0.82)

TICK_SIZE = 10.0
VALUE_SIZE = 9.5
LABEL_SIZE = 10.0
LEGEND_SIZE = 10.0
AXIS_MAX = 100
TARGET_WIDTH = 1.2
TARGET_DASH = (5.0, 3.0)
#: Clear space kept between a value label and a bar, the target line or another label.
CLEARANCE = 1.5


@dataclass(frozen=True)
class ChartBar:
    number: str
    name: str
    value: Decimal | None
    previous: Decimal | None = None


@dataclass(frozen=True)
class Box:
    """A rectangle in points, y up, in the chart's own coordinates."""

    x0: float
    y0: float
    x1: float
    y1: float

    def intersects(self, other: Box, margin: float = 0.0) -> bool:
        return (
            self.x0 < other.x1 + margin
            and other.x0 < self.x1 + margin
            and self.y0 < other.y1 + margin
            and other.y0 < self.y1 + margin
        )

    def moved(self, dx: float = 0.0, dy: float = 0.0) -> Box:
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)


@dataclass(frozen=True)
class ChartRect:
    box: Box
    fill: colors.Color
    kind: str = ""  # "bar", "previous", "swatch"


@dataclass(frozen=True)
class ChartLine:
    x0: float
    y0: float
    x1: float
    y1: float
    colour: colors.Color
    width: float
    dash: tuple[float, float] | None = None
    kind: str = ""  # "grid", "axis", "tick", "target", "legend"


@dataclass(frozen=True)
class ChartText:
    """Shaped text from (x, y) on its baseline, turned ``angle`` degrees (0 or 90); ``box``
    is its ink."""

    text: str
    x: float
    y: float
    size: float
    bold: bool
    colour: colors.Color
    box: Box
    angle: int = 0
    kind: str = ""  # "value", "tick", "target", "number", "legend"


@dataclass
class ChartLayout:
    width: float
    height: float
    rects: list[ChartRect] = field(default_factory=list)
    lines: list[ChartLine] = field(default_factory=list)
    texts: list[ChartText] = field(default_factory=list)
    #: the key: paragraphs with the x of their left edge and the y of their top
    key: list[tuple[ThaiParagraph, float, float]] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[ChartRect | ChartLine | ChartText]:
        items: list[ChartRect | ChartLine | ChartText] = [*self.rects, *self.lines, *self.texts]
        return [item for item in items if item.kind == kind]

    def target_box(self) -> Box:
        """The band the target line covers (its stroke width)."""
        (line,) = [item for item in self.lines if item.kind == "target"]
        half = line.width / 2
        return Box(line.x0, line.y0 - half, line.x1, line.y0 + half)
