"""ITA frameworks as data: one JSON file per fiscal year under ``resources/frameworks/``.

A framework says which tools and indicators a year has, their weights, the question and OIT
item codes known for that year, the default themes (the 7 ประเด็น) and the rating scheme.
Files are validated on load; every problem is reported in Thai with the file and the field,
so a clerk who imports an item list learns exactly what to fix.

This module is the public surface and owns ``FrameworkCatalog`` (which framework a year uses);
the values are in ``framework_model``, the JSON form in ``framework_data``, frameworks made
from another (a new year, a clerk's items) in ``framework_edits``.

The rating scheme is one mechanism for both eras: an ordered list of levels, each reached when
the total is at least ``min_total`` and (if given) every tool is at least ``min_each_tool``.
The seven bands AA–F (≤ 2566) use only ``min_total``; the pass scheme (≥ 2567) adds tool floors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from itadesk.domain.framework_data import framework_to_data, load_framework_file, parse_framework
from itadesk.domain.framework_edits import (
    ITEM_CODE_TOOLS,
    ItemEntry,
    derive_framework,
    indicators_for_item_code,
    item_code_order,
    replace_items,
    tool_of_item_code,
    with_item_texts,
    with_items,
    without_items,
)
from itadesk.domain.framework_model import (
    FORMAT,
    ITEM_CODE_PATTERN,
    ITEM_KINDS,
    MAX_FISCAL_YEAR,
    MIN_FISCAL_YEAR,
    RATING_SCHEMES,
    Framework,
    Indicator,
    Item,
    RatingLevel,
    RatingScheme,
    Theme,
    Tool,
)
from itadesk.errors import FrameworkError

__all__ = [
    "FORMAT",
    "ITEM_CODE_PATTERN",
    "ITEM_CODE_TOOLS",
    "ITEM_KINDS",
    "MAX_FISCAL_YEAR",
    "MIN_FISCAL_YEAR",
    "RATING_SCHEMES",
    "Framework",
    "FrameworkCatalog",
    "Indicator",
    "Item",
    "ItemEntry",
    "RatingLevel",
    "RatingScheme",
    "Theme",
    "Tool",
    "derive_framework",
    "framework_to_data",
    "indicators_for_item_code",
    "item_code_order",
    "load_framework_file",
    "parse_framework",
    "replace_items",
    "tool_of_item_code",
    "with_item_texts",
    "with_items",
    "without_items",
]


class FrameworkCatalog:
    """The frameworks a session can use: built-in files plus the office's own (from storage).

    Built-in files are read lazily, once each; the office's own frameworks override built-in
    ones of the same year.
    """

    def __init__(self, folder: Path, overrides: Mapping[int, Mapping[str, Any]] | None = None):
        self._folder = folder
        self._builtin_paths: dict[int, Path] = {}
        for path in sorted(folder.glob("fy*.json")):
            match = re.fullmatch(r"fy(\d{4})\.json", path.name)
            if match:
                self._builtin_paths[int(match.group(1))] = path
        self._cache: dict[int, Framework] = {}
        self._overrides: dict[int, Mapping[str, Any]] = dict(overrides or {})

    def set_override(self, fiscal_year: int, data: Mapping[str, Any] | None) -> None:
        if data is None:
            self._overrides.pop(fiscal_year, None)
        else:
            self._overrides[fiscal_year] = data
        self._cache.pop(fiscal_year, None)

    def years(self) -> list[int]:
        return sorted(set(self._builtin_paths) | set(self._overrides))

    def builtin_years(self) -> list[int]:
        return sorted(self._builtin_paths)

    def has(self, fiscal_year: int) -> bool:
        return fiscal_year in self._builtin_paths or fiscal_year in self._overrides

    def is_customised(self, fiscal_year: int) -> bool:
        return fiscal_year in self._overrides

    def builtin(self, fiscal_year: int) -> Framework:
        path = self._builtin_paths.get(fiscal_year)
        if path is None:
            raise FrameworkError(f"ไม่มีกรอบการประเมินในตัวโปรแกรมของปีงบประมาณ {fiscal_year}")
        return load_framework_file(path)

    def get(self, fiscal_year: int) -> Framework:
        cached = self._cache.get(fiscal_year)
        if cached is not None:
            return cached
        if fiscal_year in self._overrides:
            framework = parse_framework(
                self._overrides[fiscal_year], f"กรอบการประเมินปี {fiscal_year} ของหน่วยงาน"
            )
        elif fiscal_year in self._builtin_paths:
            framework = load_framework_file(self._builtin_paths[fiscal_year])
        else:
            known = ", ".join(str(y) for y in self.years()) or "-"
            raise FrameworkError(
                f"ยังไม่มีกรอบการประเมินของปีงบประมาณ {fiscal_year} "
                f"(มีปี {known}) — เริ่มปีใหม่โดยคัดลอกจากปีล่าสุดได้"
            )
        if framework.fiscal_year != fiscal_year:
            raise FrameworkError(
                f"กรอบการประเมินที่ใช้กับปี {fiscal_year} ระบุปีงบประมาณเป็น {framework.fiscal_year}"
            )
        self._cache[fiscal_year] = framework
        return framework

    def latest_year(self) -> int:
        years = self.years()
        if not years:
            raise FrameworkError("ไม่พบไฟล์กรอบการประเมินใด ๆ — การติดตั้งโปรแกรมไม่สมบูรณ์")
        return years[-1]
