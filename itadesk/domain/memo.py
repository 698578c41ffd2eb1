"""The internal memo (บันทึกข้อความ, ระเบียบงานสารบรรณ ข้อ 12) as data, ready for a document
layout: header fields, body paragraphs, the sender's signature block and the chain of comment
blocks (e.g. หัวหน้าสำนักปลัด → ปลัด → นายก)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path


class MemoKind(StrEnum):
    """The memos, by what they ask; the values are what storage and memos.json hold."""

    ANALYSIS = "analysis"  # presenting the analysis and next year's measures
    RESULTS = "results"  # reporting the results of this year's measures
    PUBLISH = "publish"  # asking permission to publish on the website


MEMO_KINDS = tuple(MemoKind)
# The single names stay while code outside this change still imports them; new code uses
# MemoKind.
MEMO_ANALYSIS = MemoKind.ANALYSIS
MEMO_RESULTS = MemoKind.RESULTS
MEMO_PUBLISH = MemoKind.PUBLISH


@dataclass(frozen=True)
class Signature:
    """A signature block: a line to sign on, the full name in parentheses, the position
    lines (position, then acting titles such as ปฏิบัติหน้าที่นายก…)."""

    display_name: str  # with rank prefix, e.g. "พ.จ.อ. สมชาย ใจดี"
    positions: tuple[str, ...]


@dataclass(frozen=True)
class CommentBlock:
    heading: str  # e.g. "ความเห็นของหัวหน้าสำนักปลัด"
    signature: Signature
    comment: str = ""  # pre-filled comment; empty → dotted lines for handwriting
    dotted_lines: int = 2


@dataclass(frozen=True)
class MemoDocument:
    kind: str
    office_section: str  # ส่วนราชการ, e.g. "สำนักปลัด องค์การบริหารส่วนตำบลหนองตัวอย่าง"
    phone: str
    number: str  # ที่, e.g. "ตย 70001/123" or "ตย 70001/-"
    date: date | None  # None → left blank for the date of signing
    subject: str  # เรื่อง
    salutation: str  # เรียน …
    paragraphs: tuple[str, ...]
    signer: Signature
    comments: tuple[CommentBlock, ...] = ()
    attachments: tuple[str, ...] = ()  # สิ่งที่ส่งมาด้วย (printed as the last paragraph lines)
    thai_digits: bool = True
    emblem_path: Path | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CommentStep:
    """One step of the office's comment chain, as configured (who comments, under which
    heading); the memo turns it into a CommentBlock with that person's signature."""

    heading: str
    person_id: int | None
    comment: str = ""
    id: int | None = None


@dataclass(frozen=True)
class MemoSettings:
    """What the clerk chose for one memo of one year. Empty fields mean "use the draft"."""

    fiscal_year: int
    kind: str
    running_number: str = ""  # the part after the slash in ที่; "" prints "-"
    memo_date: date | None = None
    signer_person_id: int | None = None
    subject: str = ""
    salutation: str = ""
    paragraphs: tuple[str, ...] = ()
