"""The office profile: who the office is, its units (สำนัก/กอง) and the people who sign.

Pure standard library. Values are frozen; edit with :func:`dataclasses.replace`. Validation
returns every problem as a Thai sentence naming the field and saying what is allowed, so the
profile page can list them all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from itadesk.errors import echo

OFFICE_KINDS = ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร")
SHORT_KINDS = {
    "องค์การบริหารส่วนตำบล": "อบต.",
    "เทศบาลตำบล": "ทต.",
    "เทศบาลเมือง": "ทม.",
    "เทศบาลนคร": "ทน.",
}

# Digits may be Arabic or Thai (๐–๙): clerks type either, documents render Thai digits.
_PHONE_RE = re.compile(r"^[0-9๐-๙ +\-]+$")
_HAS_DIGIT_RE = re.compile(r"[0-9๐-๙]")
# The ที่ … prefix of outgoing letters, e.g. "สส 71501": Thai consonants (the abbreviation),
# exactly one space, then the office's code number.
_DOC_PREFIX_RE = re.compile(r"^[ก-ฮ]+ [0-9๐-๙]+$")
# Full and short kind names, longest first so "เทศบาลตำบล" is not read as a shorter match.
_KIND_TOKENS = sorted((*OFFICE_KINDS, *SHORT_KINDS.values()), key=len, reverse=True)


@dataclass(frozen=True)
class Unit:
    """A unit of the office (สำนักปลัด, กองคลัง …); ``id`` is None until saved."""

    name: str
    id: int | None = None


class Role(StrEnum):
    """What a person does in the memo: the author signs it, the others comment in the order
    หัวหน้าส่วนราชการ → ปลัด → นายก. The values are stored in the database."""

    AUTHOR = "author"  # ผู้จัดทำ: the clerk who writes and signs the memo
    UNIT_HEAD = "unit_head"  # หัวหน้าส่วนราชการ: head of a unit, e.g. หัวหน้าสำนักปลัด
    PALAT = "palat"  # ปลัด: the permanent secretary of the office
    NAYOK = "nayok"  # นายก: the elected chief executive, to whom the memo is addressed
    OTHER = "other"  # อื่น ๆ: anyone else (รองปลัด, รองนายก …), never chosen by default

    @property
    def label_th(self) -> str:
        return ROLE_LABELS_TH[self]


ROLE_LABELS_TH: dict[Role, str] = {
    Role.AUTHOR: "ผู้จัดทำ",
    Role.UNIT_HEAD: "หัวหน้าส่วนราชการ",
    Role.PALAT: "ปลัด",
    Role.NAYOK: "นายก",
    Role.OTHER: "อื่น ๆ",
}
# Roles an office has at most one of: the memo's addressee and the last two commenters.
SINGLE_ROLES = (Role.PALAT, Role.NAYOK)

# Position text → role, first match wins (the same rule migration 0005 applies in SQL).
_ROLE_PREFIXES: tuple[tuple[str, Role], ...] = (
    ("นายก", Role.NAYOK),
    ("ปลัด", Role.PALAT),
    ("หัวหน้า", Role.UNIT_HEAD),
    ("ผู้อำนวยการ", Role.UNIT_HEAD),
)


def infer_role(position: str) -> Role:
    """A role guessed from the position as typed: "นายก…" → นายก, "ปลัด…" → ปลัด,
    "หัวหน้า…"/"ผู้อำนวยการ…" → หัวหน้าส่วนราชการ, anything else (รองปลัด too) → อื่น ๆ.
    The author is never guessed: who writes the memo is not in the position text."""
    text = position.strip()
    for prefix, role in _ROLE_PREFIXES:
        if text.startswith(prefix):
            return role
    return Role.OTHER


#: Name prefixes Thai writes joined to the name: "นางสาวสกุลรัตน์ นุชผักแว่น". Every other
#: prefix — a rank (พ.จ.อ., ว่าที่ ร.ต., พลเอก), an abbreviated or academic title (ดร., ผศ.,
#: น.ส.) — is followed by one space: "พ.จ.อ. สมชาย ใจดี".
JOINED_PREFIXES = ("นาย", "นาง", "นางสาว", "เด็กชาย", "เด็กหญิง")


class NameSpacing(StrEnum):
    """Whether a person's prefix is joined to the name; the values are stored."""

    AUTO = "auto"  # the rule of JOINED_PREFIXES
    JOINED = "joined"  # always joined (the clerk's choice for this person)
    SPACED = "spaced"  # always one space

    @property
    def label_th(self) -> str:
        return NAME_SPACING_LABELS_TH[self]


NAME_SPACING_LABELS_TH: dict[NameSpacing, str] = {
    NameSpacing.AUTO: "ตามหลัก (นาย นาง นางสาว ติดชื่อ)",
    NameSpacing.JOINED: "ติดกับชื่อ",
    NameSpacing.SPACED: "เว้นวรรคหนึ่งครั้ง",
}


def thai_display_name(prefix: str, full_name: str, spacing: NameSpacing = NameSpacing.AUTO) -> str:
    """The name as Thai writes it: นาย/นาง/นางสาว/เด็กชาย/เด็กหญิง joined to the name
    ("นางสาวสกุลรัตน์ นุชผักแว่น"), any other prefix followed by one space ("พ.จ.อ. สมชาย
    ใจดี", "ว่าที่ ร.ต. สมศักดิ์ ดี"); ``spacing`` overrides the rule for one person. A joined
    prefix typed as the name's first word ("นาย สมชาย ใจดี" with no prefix) is joined too."""
    prefix = " ".join(prefix.split())
    name = " ".join(full_name.split())
    if not prefix:
        first, _, rest = name.partition(" ")
        if spacing != NameSpacing.SPACED and first in JOINED_PREFIXES and " " in rest.strip():
            return first + rest
        return name
    if not name:
        return prefix
    joined = (
        prefix in JOINED_PREFIXES
        if spacing == NameSpacing.AUTO
        else (spacing == NameSpacing.JOINED)
    )
    return f"{prefix}{name}" if joined else f"{prefix} {name}"


@dataclass(frozen=True)
class Person:
    """Someone who appears in documents (signer, head of a unit)."""

    full_name: str
    position: str
    rank_prefix: str = ""
    acting_position: str = ""
    id: int | None = None
    role: Role = Role.OTHER
    name_spacing: NameSpacing = NameSpacing.AUTO

    @property
    def display_name(self) -> str:
        """The prefix and the full name as Thai writes them (``thai_display_name``):
        "นางสาวสกุลรัตน์ นุชผักแว่น", "พ.จ.อ. สมชาย ใจดี"; no prefix: just the name."""
        return thai_display_name(self.rank_prefix, self.full_name, self.name_spacing)


@dataclass(frozen=True)
class OfficeProfile:
    name: str = ""
    kind: str = OFFICE_KINDS[0]
    district: str = ""
    province: str = ""
    phone: str = ""
    doc_prefix: str = ""
    units: tuple[Unit, ...] = ()
    people: tuple[Person, ...] = ()

    @property
    def short_kind(self) -> str:
        """The short form used in running text: อบต., ทต., ทม. or ทน. (empty if unknown)."""
        return SHORT_KINDS.get(self.kind, "")

    @property
    def full_name(self) -> str:
        """The name as printed: the kind is put in front unless the clerk already typed one
        ("บ้านนา" → "องค์การบริหารส่วนตำบลบ้านนา"; "เทศบาลตำบลท่าช้าง" stays as it is)."""
        name = self.name.strip()
        if not name or _leading_kinds(name):
            return name
        return f"{self.kind}{name}"


def _leading_kinds(name: str) -> int:
    """How many kind names (full or short) the text starts with, one after another."""
    count = 0
    rest = name.strip()
    while True:
        for token in _KIND_TOKENS:
            if rest.startswith(token):
                rest = rest[len(token) :].lstrip()
                count += 1
                break
        else:
            return count


def validate_office(profile: OfficeProfile) -> list[str]:
    """Every problem of ``profile`` as a Thai sentence; an empty list means it can be saved."""
    problems: list[str] = []
    name = profile.name.strip()
    if not name:
        problems.append("ชื่อหน่วยงาน: ยังไม่ได้กรอก — พิมพ์ชื่อหน่วยงาน เช่น “องค์การบริหารส่วนตำบลบ้านนา”")
    elif _leading_kinds(name) >= 2:
        problems.append(
            f"ชื่อหน่วยงาน: “{echo(name)}” มีประเภทหน่วยงานซ้ำกันสองครั้งที่ต้นชื่อ — ลบคำที่ซ้ำออกให้เหลือครั้งเดียว"
        )
    if profile.kind not in OFFICE_KINDS:
        problems.append(
            f"ประเภทหน่วยงาน: “{echo(profile.kind)}” ใช้ไม่ได้ — เลือกหนึ่งใน " + ", ".join(OFFICE_KINDS)
        )
    phone = profile.phone.strip()
    if phone and (not _PHONE_RE.match(phone) or not _HAS_DIGIT_RE.search(phone)):
        problems.append(
            f"หมายเลขโทรศัพท์: “{echo(phone)}” ใช้ไม่ได้"
            " — ใช้ได้เฉพาะตัวเลข ช่องว่าง ขีด (-) และ + เช่น 0 3951 1234"
        )
    doc_prefix = profile.doc_prefix.strip()
    if doc_prefix and not _DOC_PREFIX_RE.match(doc_prefix):
        problems.append(
            f"เลขที่หนังสือ (ที่ …): “{echo(doc_prefix)}” ใช้ไม่ได้ — พิมพ์อักษรย่อภาษาไทย"
            " เว้นวรรคหนึ่งครั้ง แล้วตามด้วยตัวเลข เช่น “สส 71501” หรือเว้นว่างไว้"
        )
    seen: set[str] = set()
    for number, unit in enumerate(profile.units, start=1):
        unit_name = unit.name.strip()
        if not unit_name:
            problems.append(f"ส่วนราชการลำดับที่ {number}: ยังไม่ได้กรอกชื่อ — กรอกชื่อหรือลบแถวนี้")
        elif unit_name in seen:
            problems.append(
                f"ส่วนราชการลำดับที่ {number}: ชื่อ “{echo(unit_name)}” ซ้ำกับรายการก่อนหน้า"
                " — แก้ชื่อหรือลบแถวที่ซ้ำ"
            )
        seen.add(unit_name)
    for number, person in enumerate(profile.people, start=1):
        if not person.full_name.strip():
            problems.append(f"บุคลากรลำดับที่ {number}: ยังไม่ได้กรอกชื่อ–สกุล — กรอกชื่อหรือลบแถวนี้")
        if not person.position.strip():
            who = person.full_name.strip() or f"ลำดับที่ {number}"
            problems.append(f"บุคลากร {who}: ยังไม่ได้กรอกตำแหน่ง — กรอกตำแหน่ง เช่น “ปลัด อบต.”")
    problems += _role_problems(profile.people)
    return problems


def _role_problems(people: tuple[Person, ...]) -> list[str]:
    """A role the office has one of (ปลัด, นายก) given to a second person, named by row."""
    problems: list[str] = []
    first_with: dict[Role, int] = {}
    for number, person in enumerate(people, start=1):
        if person.role not in ROLE_LABELS_TH:
            problems.append(
                f"บุคลากรลำดับที่ {number}: บทบาท “{person.role}” ใช้ไม่ได้ — เลือกหนึ่งใน "
                + ", ".join(ROLE_LABELS_TH.values())
            )
            continue
        if person.role not in SINGLE_ROLES:
            continue
        if person.role in first_with:
            who = person.full_name.strip() or "ไม่มีชื่อ"
            label = person.role.label_th
            problems.append(
                f"บุคลากรลำดับที่ {number} ({who}): บทบาท “{label}” ซ้ำกับลำดับที่"
                f" {first_with[person.role]} — หน่วยงานมี{label}ได้คนเดียว"
                " เลือกบทบาทอื่นให้คนใดคนหนึ่ง เช่น “อื่น ๆ”"
            )
        else:
            first_with[person.role] = number
    return problems
