"""Which frameworks the office uses: built-in years, years started by the clerk, imported item
lists and edited themes. The office's own versions are stored in its database."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from itadesk.domain.frameworks import (
    Framework,
    FrameworkCatalog,
    ItemEntry,
    derive_framework,
    framework_to_data,
    parse_framework,
    replace_items,
    with_item_texts,
    with_items,
    without_items,
)
from itadesk.domain.thai_text import normalize_item_code, to_arabic_digits
from itadesk.domain.validation import PARAGRAPH_MAX, TITLE_MAX, clean_text
from itadesk.errors import FrameworkError, echo
from itadesk.storage.database import Store
from itadesk.storage.repositories import Repositories

ITEM_LIST_COLUMNS = ("code", "indicator", "text_th")


class FrameworkService:
    def __init__(self, store: Store, repos: Repositories, builtin_folder: Path) -> None:
        self._store = store
        self._repos = repos
        self.catalog = FrameworkCatalog(builtin_folder, repos.frameworks.framework_overrides())

    def years(self) -> list[int]:
        return self.catalog.years()

    def get(self, fiscal_year: int) -> Framework:
        return self.catalog.get(fiscal_year)

    def is_customised(self, fiscal_year: int) -> bool:
        return self.catalog.is_customised(fiscal_year)

    def _save(self, fiscal_year: int, data: Mapping[str, Any] | None) -> None:
        if data is not None:
            parse_framework(data, f"กรอบการประเมินปี {fiscal_year}")  # validate before writing
        with self._store.transaction():
            self._repos.frameworks.save_framework_override(
                fiscal_year, dict(data) if data else None
            )
        self.catalog.set_override(fiscal_year, data)

    def start_new_year(self, fiscal_year: int | None = None) -> int:
        """Start a fiscal year (2569 and later) from the latest framework the office has."""
        latest = self.catalog.latest_year()
        target = fiscal_year if fiscal_year is not None else latest + 1
        if self.catalog.has(target):
            raise FrameworkError(f"ปีงบประมาณ {target} มีกรอบการประเมินอยู่แล้ว")
        if target <= latest:
            raise FrameworkError(f"เริ่มปีใหม่ได้เฉพาะปีหลังปีล่าสุด ({latest}) — ปี {target} ไม่มีในโปรแกรม")
        self._save(target, derive_framework(self.catalog.get(latest), target))
        return target

    def import_item_list(self, fiscal_year: int, text: str, *, source_name: str) -> Framework:
        """Replace a year's item list (for the tools present in ``text``) with a clerk's list.

        ``text`` is CSV with a header ``code,indicator,text_th[,group_th]`` (Thai or Arabic
        digits; OCR's "๐11" for O11 is accepted) or a JSON list of item objects.
        """
        base = self.catalog.get(fiscal_year)
        items = parse_item_list(text, source_name)
        tool_of = {indicator.number: indicator.tool for indicator in base.indicators}
        tools = {tool_of.get(item["indicator"], "") for item in items}
        data = replace_items(base, items, tools - {""})
        self._save(fiscal_year, data)
        return self.catalog.get(fiscal_year)

    # ------------------------------------------------------------------ items by code
    # For the years whose item lists ป.ป.ช. has not published (2567, 2568) the clerk enters
    # items by code (i1…, e1…, O1…) under an indicator, wording optional and addable later.
    # Each change is planned first (``with_…``: the year's framework data, validated, nothing
    # written) and saved with ``save_item_list``, which an undo step replays both ways.

    def saved_data(self, fiscal_year: int) -> dict[str, Any] | None:
        """The office's own framework data of the year (None: the one built into the app)."""
        data = self._repos.frameworks.framework_overrides().get(fiscal_year)
        return copy.deepcopy(dict(data)) if data is not None else None

    def with_items(self, fiscal_year: int, entries: Iterable[ItemEntry]) -> dict[str, Any]:
        """The year's framework data with ``entries`` added (refused, with the code named,
        for a code of another tool's indicator or one listed under another indicator)."""
        data = with_items(self.catalog.get(fiscal_year), entries)
        parse_framework(data, f"รายการข้อปี {fiscal_year}")
        return data

    def without_items(self, fiscal_year: int, codes: Iterable[str]) -> dict[str, Any]:
        return without_items(self.catalog.get(fiscal_year), codes)

    def with_item_texts(self, fiscal_year: int, texts: Mapping[str, str]) -> dict[str, Any]:
        """The year's framework data with the wording of items set (empty: none)."""
        return with_item_texts(self.catalog.get(fiscal_year), texts)

    def save_item_list(
        self,
        fiscal_year: int,
        data: Mapping[str, Any] | None,
        item_scores: Mapping[str, Decimal | None] | None = None,
    ) -> Framework:
        """Save the year's framework ``data`` (None: back to the built-in one) and, in the same
        transaction, ``item_scores`` (None removes a score: a code taken off the list takes
        its score with it, and an undo puts both back)."""
        if data is not None:
            parse_framework(data, f"กรอบการประเมินปี {fiscal_year}")
        with self._store.transaction():
            self._repos.frameworks.save_framework_override(
                fiscal_year, dict(data) if data is not None else None
            )
            if item_scores:
                self._repos.scores.set_item_scores(fiscal_year, item_scores)
        self.catalog.set_override(fiscal_year, data)
        return self.catalog.get(fiscal_year)

    def save_themes(self, fiscal_year: int, names: list[str]) -> Framework:
        """Rename the themes of a year (the 7 ประเด็น are a shipped default, not NACC's)."""
        base = self.catalog.get(fiscal_year)
        data = framework_to_data(base)
        if len(names) != len(data["themes"]):
            raise FrameworkError(f"ต้องมีชื่อประเด็นครบ {len(data['themes'])} ประเด็น")
        for number, (theme, name) in enumerate(zip(data["themes"], names, strict=True), 1):
            name = clean_text(name, f"ชื่อประเด็นที่ {number}", TITLE_MAX)
            if not name.strip():
                raise FrameworkError("ชื่อประเด็นต้องไม่ว่าง")
            theme["name_th"] = name.strip()
        data["source"] = "user"
        self._save(fiscal_year, data)
        return self.catalog.get(fiscal_year)

    def remove_started_year(self, fiscal_year: int) -> None:
        """Forget a year the clerk started (not a built-in one); the caller checked it is
        empty (CycleService.remove)."""
        if fiscal_year in self.catalog.builtin_years():
            raise FrameworkError(f"ปี {fiscal_year} เป็นกรอบการประเมินที่มากับโปรแกรม ลบไม่ได้")
        self._save(fiscal_year, None)

    def reset_to_builtin(self, fiscal_year: int) -> None:
        if fiscal_year not in self.catalog.builtin_years():
            raise FrameworkError(f"ปี {fiscal_year} ไม่มีกรอบในตัวโปรแกรมให้กลับไปใช้")
        self._save(fiscal_year, None)


def parse_item_list(text: str, source_name: str) -> list[dict[str, Any]]:
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise FrameworkError(f"{source_name}: ไฟล์ว่าง")
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise FrameworkError(f"{source_name}: JSON ผิดที่บรรทัด {exc.lineno}") from exc
        if not isinstance(data, list):
            raise FrameworkError(f"{source_name}: ต้องเป็นรายการ JSON")
        rows = [row for row in data if isinstance(row, dict)]
    else:
        reader = csv.DictReader(io.StringIO(stripped))
        header = [name.strip() for name in reader.fieldnames or []]
        missing = [column for column in ITEM_LIST_COLUMNS[:2] if column not in header]
        if missing:
            raise FrameworkError(
                f"{source_name}: ไม่มีคอลัมน์ {', '.join(missing)} — แถวแรกต้องเป็น "
                "code,indicator,text_th (และ group_th ถ้ามี)"
            )
        rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]
    items: list[dict[str, Any]] = []
    for line, row in enumerate(rows, start=2):
        code = normalize_item_code(str(row.get("code", "")))
        if code is None:
            raise FrameworkError(
                f"{source_name} แถวที่ {line}: รหัส “{echo(row.get('code', ''))}” ต้องเป็น i, e หรือ O "
                "ตามด้วยเลข เช่น i1, e5, O11"
            )
        try:
            indicator = int(to_arabic_digits(str(row.get("indicator", "")).strip()))
        except ValueError:
            raise FrameworkError(
                f"{source_name} แถวที่ {line}: ช่อง indicator ต้องเป็นเลขตัวชี้วัด 1–10"
            ) from None
        item: dict[str, Any] = {
            "code": code,
            "indicator": indicator,
            "kind": "oit" if code.startswith("O") else "scale",
        }
        where = f"{source_name} แถวที่ {line}"
        if row.get("text_th"):
            item["text_th"] = clean_text(str(row["text_th"]), f"{where} ข้อความ", PARAGRAPH_MAX)
        if row.get("group_th"):
            item["group_th"] = clean_text(str(row["group_th"]), f"{where} กลุ่ม", TITLE_MAX)
        items.append(item)
    if not items:
        raise FrameworkError(f"{source_name}: ไม่มีรายการข้อ")
    return items
