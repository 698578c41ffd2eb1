"""The internal memo (บันทึกข้อความ, ระเบียบงานสารบรรณ ข้อ 12) as data, ready for a document
layout: header fields, body paragraphs, the sender's signature block and the chain of comment
blocks (e.g. หัวหน้าสำนักปลัด → ปลัด → นายก)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from itadesk.domain.office import Person, Role


class MemoKind(StrEnum):
    """The memos, by what they ask; the values are what storage and memos.json hold."""

    ANALYSIS = "analysis"  # presenting the analysis and next year's measures
    RESULTS = "results"  # reporting the results of this year's measures
    PUBLISH = "publish"  # asking permission to publish on the website


MEMO_KINDS = tuple(MemoKind)


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


# The heading of a comment block: "ความเห็นของ" + the commenter's position.
HEADING_PREFIX = "ความเห็นของ"


def comment_heading(position: str) -> str:
    """The heading for a commenter in ``position``: "หัวหน้าสำนักปลัด" gives
    "ความเห็นของหัวหน้าสำนักปลัด". No position gives "", never a bare "ความเห็นของ"."""
    text = position.strip()
    return f"{HEADING_PREFIX}{text}" if text else ""


def default_heading(person: Person) -> str:
    """The heading a chain step for ``person`` gets unless the clerk types another."""
    return comment_heading(person.position)


def default_signer(people: Sequence[Person]) -> Person | None:
    """Who signs the memo unless the clerk chooses: the first ผู้จัดทำ, None if nobody is."""
    return next((person for person in people if person.role == Role.AUTHOR), None)


def default_comment_chain(people: Sequence[Person], section: str = "") -> list[CommentStep]:
    """หัวหน้าส่วนราชการ → ปลัด → นายก, as in a real memo (seed 001).

    One head comments: the head of the unit that writes the memo (``section``, matched in the
    position, e.g. สำนักปลัด in "หัวหน้าสำนักปลัด"), else the first head listed. With no
    นายก, whoever acts as นายก ("ปฏิบัติหน้าที่นายก…" in the acting title, often the ปลัด)
    comments once more under the นายก's title, as in seed 001. The author signs the memo and
    so never comments on it.
    """
    steps: list[CommentStep] = []
    heads = [person for person in people if person.role == Role.UNIT_HEAD]
    unit = section.strip()
    head = next((p for p in heads if unit and unit in p.position), heads[0] if heads else None)
    if head is not None:
        steps.append(CommentStep(default_heading(head), head.id))
    palat = next((person for person in people if person.role == Role.PALAT), None)
    if palat is not None:
        steps.append(CommentStep(default_heading(palat), palat.id))
    nayok = next((person for person in people if person.role == Role.NAYOK), None)
    if nayok is not None:
        steps.append(CommentStep(default_heading(nayok), nayok.id))
    else:
        acting = next(
            (p for p in people if "นายก" in p.acting_position and p.role != Role.AUTHOR), None
        )
        if acting is not None:
            title = acting.acting_position[acting.acting_position.index("นายก") :]
            steps.append(CommentStep(comment_heading(title), acting.id))
    return steps


def chain_problems(
    steps: Sequence[CommentStep], people: Sequence[Person], signer_id: int | None = None
) -> list[str]:
    """Every problem of a comment chain as a Thai sentence naming the step; [] = it can be
    saved. ``signer_id`` is the memo's signer, who may not also comment on it."""
    by_id = {person.id: person for person in people}
    problems: list[str] = []
    for number, step in enumerate(steps, start=1):
        person = by_id.get(step.person_id) if step.person_id is not None else None
        where = f"ลำดับความเห็นที่ {number}" + (f" ({person.display_name})" if person else "")
        if not step.heading.strip():
            example = default_heading(person) if person is not None else ""
            example = example or "ความเห็นของปลัดองค์การบริหารส่วนตำบล"
            problems.append(f"{where}: ต้องมีหัวข้อ — พิมพ์หัวข้อ เช่น “{example}”")
        if step.person_id is not None and person is None:
            problems.append(f"{where}: ไม่พบบุคคลที่เลือกในข้อมูลหน่วยงาน — เลือกผู้ให้ความเห็นใหม่หรือเว้นว่างไว้")
        elif signer_id is not None and step.person_id == signer_id:
            problems.append(
                f"{where}: เป็นผู้ลงนามเสนอบันทึกนี้ จึงให้ความเห็นในบันทึกเดียวกันไม่ได้"
                " — เลือกผู้ให้ความเห็นคนอื่น หรือเปลี่ยนผู้เสนอ (ลงนาม) ก่อน"
            )
    return problems


def signer_problems(
    signer_id: int | None, steps: Sequence[CommentStep], people: Sequence[Person]
) -> list[str]:
    """The signer chosen is already in the comment chain: a Thai sentence naming the step."""
    if signer_id is None:
        return []
    for number, step in enumerate(steps, start=1):
        if step.person_id == signer_id:
            person = next((p for p in people if p.id == signer_id), None)
            who = person.display_name if person else "ผู้ที่เลือก"
            return [
                f"ผู้เสนอ (ลงนาม): {who} อยู่ในลำดับผู้ให้ความเห็นลำดับที่ {number} แล้ว"
                " — ลบออกจากลำดับผู้ให้ความเห็นก่อน แล้วจึงเลือกเป็นผู้ลงนาม"
            ]
    return []
