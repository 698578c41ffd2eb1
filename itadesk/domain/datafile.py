"""Reading the program's JSON data files (frameworks, the measure catalogue, the phrase bank):
one reader, so a missing, unreadable or malformed file is reported the same way everywhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from itadesk.errors import FrameworkError


def read_json(path: Path, name: str) -> Any:
    """The decoded JSON of ``path`` (UTF-8, with or without a byte-order mark). ``name`` is
    how the Thai message calls the file ("ไฟล์กรอบการประเมิน fy2569.json"); any problem raises
    ``FrameworkError`` saying what is wrong and, for bad JSON, where."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise FrameworkError(f"{name}: ไม่พบไฟล์") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError(f"{name}: อ่านไฟล์ไม่ได้ ({exc.__class__.__name__})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FrameworkError(
            f"{name}: รูปแบบ JSON ผิดที่บรรทัด {exc.lineno} ตำแหน่ง {exc.colno}"
        ) from exc
