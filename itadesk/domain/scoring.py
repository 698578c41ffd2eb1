"""Scoring by a year's framework, in exact decimal arithmetic.

Tool scores are the plain means of their indicators; the total is the weighted sum of the
*unrounded* tool means, rounded half-up to 2 decimals (this reproduces NACC's published totals,
e.g. ตราด 2564 = 81.45, where rounding the tool scores first would give 81.46). The rating is
decided on the rounded figures, as ITAS prints them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from itadesk.domain.frameworks import Framework, RatingLevel

HUNDREDTH = Decimal("0.01")
OFFICIAL_TOLERANCE = Decimal("0.01")


def round2(value: Decimal) -> Decimal:
    """Round half-up to 2 decimals (banker's rounding would turn 69.225 into 69.22)."""
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def fmt(value: Decimal) -> str:
    return f"{round2(value):.2f}"


@dataclass(frozen=True)
class ScoreResult:
    fiscal_year: int
    tool_scores: Mapping[str, Decimal]  # rounded, only for tools whose indicators are all entered
    total: Decimal | None  # rounded; None until every indicator has a score
    rating: RatingLevel | None
    explanation_th: str
    missing_indicators: tuple[int, ...]
    official_total: Decimal | None = None
    official_difference: Decimal | None = None  # official − computed, when it exceeds 0.01

    @property
    def complete(self) -> bool:
        return not self.missing_indicators

    @property
    def warnings_th(self) -> tuple[str, ...]:
        if self.official_difference is None or self.total is None:
            return ()
        assert self.official_total is not None
        return (
            f"คะแนนรวมที่ ป.ป.ช. ประกาศ ({fmt(self.official_total)}) ต่างจากที่คำนวณได้ "
            f"({fmt(self.total)}) {fmt(abs(self.official_difference))} คะแนน "
            "— ตรวจสอบคะแนนรายตัวชี้วัดที่กรอกอีกครั้ง",
        )


def tool_means(framework: Framework, scores: Mapping[int, Decimal]) -> dict[str, Decimal]:
    """Exact (unrounded) mean of each tool whose indicators all have scores."""
    means: dict[str, Decimal] = {}
    for tool in framework.tools:
        values = [scores[n] for n in tool.indicators if n in scores]
        if len(values) == len(tool.indicators):
            means[tool.code] = sum(values, Decimal(0)) / Decimal(len(values))
    return means


def compute_total(framework: Framework, scores: Mapping[int, Decimal]) -> Decimal | None:
    means = tool_means(framework, scores)
    if len(means) != len(framework.tools):
        return None
    return round2(sum((tool.weight * means[tool.code] for tool in framework.tools), Decimal(0)))


def _meets(level: RatingLevel, total: Decimal, tools: Mapping[str, Decimal]) -> bool:
    if total < level.min_total:
        return False
    return level.min_each_tool is None or all(v >= level.min_each_tool for v in tools.values())


def rate(framework: Framework, total: Decimal, tools: Mapping[str, Decimal]) -> RatingLevel:
    """The highest level whose conditions the rounded total and tool scores meet."""
    for level in framework.rating.levels:
        if _meets(level, total, tools):
            return level
    return framework.rating.levels[-1]


def explain(
    framework: Framework, total: Decimal, tools: Mapping[str, Decimal], level: RatingLevel
) -> str:
    """Why the rating is what it is, in Thai: what the level needs, and what the next one up
    lacks (e.g. which tool is under 85)."""
    levels = framework.rating.levels
    index = levels.index(level)
    parts = [f"คะแนนรวม {fmt(total)}"]
    # The totals that would reach a higher level whatever the tools score: the lowest min_total
    # above this level's among higher levels without a tool floor. (In the pass scheme
    # "ผ่านดี" shares "ผ่าน"'s 85 but needs every tool ≥ 85, so it is no ceiling for "ผ่าน".)
    ceiling = min(
        (
            higher.min_total
            for higher in levels[:index]
            if higher.min_each_tool is None and higher.min_total > level.min_total
        ),
        default=None,
    )
    if level.min_each_tool is not None:
        parts.append(
            f"ได้ระดับ “{level.label}” เพราะคะแนนรวมไม่น้อยกว่า {fmt(level.min_total)} "
            f"และทุกเครื่องมือไม่น้อยกว่า {fmt(level.min_each_tool)}"
        )
    elif index == len(levels) - 1:
        parts.append(
            f"ต่ำกว่า {fmt(ceiling)} จึงได้ระดับ “{level.label}”"
            if ceiling is not None
            else f"ได้ระดับ “{level.label}”"
        )
    elif index == 0 or ceiling is not None:
        upper = ceiling - HUNDREDTH if ceiling is not None else Decimal(100)
        parts.append(f"อยู่ในช่วง {fmt(level.min_total)}–{fmt(upper)} จึงได้ระดับ “{level.label}”")
    else:
        parts.append(f"ไม่น้อยกว่า {fmt(level.min_total)} จึงได้ระดับ “{level.label}”")
    if index > 0:
        higher = levels[index - 1]
        reasons: list[str] = []
        if total < higher.min_total:
            reasons.append(f"คะแนนรวมต่ำกว่า {fmt(higher.min_total)}")
        if higher.min_each_tool is not None:
            below = [
                f"{tool.code} ได้ {fmt(tools[tool.code])}"
                for tool in framework.tools
                if tools[tool.code] < higher.min_each_tool
            ]
            if below:
                reasons.append(f"เครื่องมือที่ต่ำกว่า {fmt(higher.min_each_tool)}: " + ", ".join(below))
        if reasons and (level.min_each_tool is not None or higher.min_each_tool is not None):
            parts.append(f"ยังไม่ถึงระดับ “{higher.label}” เพราะ" + " และ".join(reasons))
    if not level.confirmed:
        parts.append("(เกณฑ์ระดับนี้ยังไม่ได้ยืนยันจากคู่มือ ป.ป.ช.)")
    return " ".join(parts)


def score(
    framework: Framework,
    indicator_scores: Mapping[int, Decimal],
    official_total: Decimal | None = None,
) -> ScoreResult:
    """Tool scores, total, rating and explanation for the scores entered so far."""
    known = {n: indicator_scores[n] for n in framework.indicator_numbers if n in indicator_scores}
    missing = tuple(n for n in framework.indicator_numbers if n not in known)
    means = tool_means(framework, known)
    tool_scores = {code: round2(mean) for code, mean in means.items()}
    if missing:
        listing = ", ".join(str(n) for n in missing)
        return ScoreResult(
            fiscal_year=framework.fiscal_year,
            tool_scores=tool_scores,
            total=None,
            rating=None,
            explanation_th=f"กรอกคะแนนให้ครบทุกตัวชี้วัดก่อน (ยังขาดตัวชี้วัดที่ {listing})",
            missing_indicators=missing,
            official_total=official_total,
        )
    total = compute_total(framework, known)
    assert total is not None
    level = rate(framework, total, tool_scores)
    difference = None
    if official_total is not None and abs(official_total - total) > OFFICIAL_TOLERANCE:
        difference = official_total - total
    return ScoreResult(
        fiscal_year=framework.fiscal_year,
        tool_scores=tool_scores,
        total=total,
        rating=level,
        explanation_th=explain(framework, total, tool_scores, level),
        missing_indicators=(),
        official_total=official_total,
        official_difference=difference,
    )


@dataclass(frozen=True)
class YearComparison:
    """Change from the previous year; ``None`` where either year lacks the figure."""

    previous_year: int
    indicators: Mapping[int, Decimal | None]
    tools: Mapping[str, Decimal | None]
    total: Decimal | None


def compare(
    current: Mapping[int, Decimal],
    current_result: ScoreResult,
    previous: Mapping[int, Decimal],
    previous_result: ScoreResult,
) -> YearComparison:
    indicators = {
        n: (current[n] - previous[n]) if n in current and n in previous else None
        for n in sorted(set(current) | set(previous))
    }
    codes = [*current_result.tool_scores]
    codes += [code for code in previous_result.tool_scores if code not in codes]
    tools = {
        code: current_result.tool_scores[code] - previous_result.tool_scores[code]
        if code in current_result.tool_scores and code in previous_result.tool_scores
        else None
        for code in codes
    }
    total = (
        current_result.total - previous_result.total
        if current_result.total is not None and previous_result.total is not None
        else None
    )
    return YearComparison(
        previous_year=previous_result.fiscal_year, indicators=indicators, tools=tools, total=total
    )


def theme_item_scores(
    framework: Framework, item_scores: Mapping[str, Decimal]
) -> list[tuple[str, list[tuple[str, Decimal]], Decimal | None]]:
    """Item scores grouped by theme: (theme name, [(code, score)], mean of those entered)."""
    grouped = []
    for theme in framework.themes:
        codes = list(theme.items) or [
            item.code for item in framework.items if item.indicator in theme.indicators
        ]
        entered = [(code, item_scores[code]) for code in codes if code in item_scores]
        mean = round2(sum((v for _, v in entered), Decimal(0)) / len(entered)) if entered else None
        grouped.append((theme.name_th, entered, mean))
    return grouped
