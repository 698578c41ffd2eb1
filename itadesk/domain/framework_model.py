"""The ITA framework of a fiscal year as values: its tools, indicators, items, themes and
rating scheme (see ``frameworks`` for where they come from).

The rating scheme is one mechanism for both eras: an ordered list of levels, each reached when
the total is at least ``min_total`` and (if given) every tool is at least ``min_each_tool``.
The seven bands AA–F (≤ 2566) use only ``min_total``; the pass scheme (≥ 2567) adds tool floors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

FORMAT = "itadesk-framework/1"
ITEM_KINDS = ("scale", "yes_no", "oit")
RATING_SCHEMES = ("bands", "pass")
ITEM_CODE_PATTERN = re.compile(r"^(i|e|O)([1-9][0-9]{0,2})$")
MIN_FISCAL_YEAR = 2560
MAX_FISCAL_YEAR = 2700


@dataclass(frozen=True)
class Tool:
    code: str
    name_th: str
    weight: Decimal
    indicators: tuple[int, ...]


@dataclass(frozen=True)
class Indicator:
    number: int
    name_th: str
    tool: str


@dataclass(frozen=True)
class Item:
    """A question (i…, e…) or an OIT item (O…) that can carry its own score."""

    code: str
    indicator: int
    kind: str
    text_th: str | None = None
    group_th: str | None = None
    reverse: bool = False


@dataclass(frozen=True)
class Theme:
    number: int
    name_th: str
    indicators: tuple[int, ...]
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class RatingLevel:
    label: str
    min_total: Decimal
    min_each_tool: Decimal | None = None
    passing: bool = False
    confirmed: bool = True


@dataclass(frozen=True)
class RatingScheme:
    kind: str
    levels: tuple[RatingLevel, ...]


@dataclass(frozen=True)
class Framework:
    fiscal_year: int
    tools: tuple[Tool, ...]
    indicators: tuple[Indicator, ...]
    items: tuple[Item, ...]
    themes: tuple[Theme, ...]
    rating: RatingScheme
    target: Decimal
    document_items: Mapping[str, str] = field(default_factory=dict)
    items_known: Mapping[str, bool] = field(default_factory=dict)
    unconfirmed_th: tuple[str, ...] = ()
    notes_th: tuple[str, ...] = ()
    source: str = "builtin"

    def tool(self, code: str) -> Tool:
        for tool in self.tools:
            if tool.code == code:
                return tool
        raise KeyError(code)

    def indicator(self, number: int) -> Indicator:
        for indicator in self.indicators:
            if indicator.number == number:
                return indicator
        raise KeyError(number)

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    @property
    def indicator_numbers(self) -> tuple[int, ...]:
        return tuple(indicator.number for indicator in self.indicators)

    def items_of_indicator(self, number: int) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.indicator == number)

    def items_of_tool(self, code: str) -> tuple[Item, ...]:
        numbers = set(self.tool(code).indicators)
        return tuple(item for item in self.items if item.indicator in numbers)
