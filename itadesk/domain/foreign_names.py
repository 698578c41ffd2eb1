"""Names of *other* offices in a text: a neighbour's file copied and its name left in, as in
seeds 000 and 001 (``find_foreign_office_names``).
"""

from __future__ import annotations

import re

from itadesk.domain.thai_text import LEADING_VOWELS, is_thai_mark, remove_invisible

__all__ = ["find_foreign_office_names"]

_FOLLOWING_VOWELS = frozenset("\u0e30\u0e32\u0e33\u0e45")  # ะ า ำ ๅ


# Kinds of local office, full and short. The full forms tolerate a space or line break between
# their words, as text extracted from PDFs wraps them ("องค์การบริหาร ส่วนตำบลโพนทอง").
_KIND_RE = re.compile(
    r"(?:องค์การ\s*บริหาร\s*ส่วน\s*ตำบล|เทศบาล\s*(?:ตำบล|เมือง|นคร)|(?:อบต|ทต|ทม|ทน)\.)"
    r"[ \t\u00a0]*\n?[ \t\u00a0]*"
)
# Words that end a name glued to what follows (Thai has no spaces between words): the place
# ("อำเภอ", "อ.", "จังหวัด", "จ.") and common verbs and connectives of official prose.
_STOP_WORDS = (
    "อำเภอ", "อ.", "จังหวัด", "จ.", "ได้", "มี", "จึง", "ซึ่ง", "โดย", "ประจำ", "ในการ",
    "และ", "หรือ", "เข้า", "เรียบร้อย", "ที่", "ให้", "เป็น", "ไม่", "ยัง", "ควร", "เพื่อ",
    "ต่อ", "กับ", "ของ", "แล้ว", "ตาม", "นั้น", "นี้", "ดังกล่าว", "ทุก", "ทั้ง", "อื่น",
    "แห่ง",
)  # fmt: skip
# Words that, right after the own name, make it a *different* name ("หนองบัว" → "หนองบัวแดง"):
# the usual second parts of Thai place names.
_NAME_SUFFIXES = (
    "ใหม่", "เหนือ", "ใต้", "กลาง", "ตะวันออก", "ตะวันตก", "น้อย", "ใหญ่", "แดง", "ทอง",
    "งาม", "พัฒนา", "สามัคคี", "เจริญ", "ทุ่ง", "หนอง", "นา", "โพธิ์", "ศรี",
)  # fmt: skip
_NAME_CHUNK_RE = re.compile(r"[^\s,;:()\[\]{}<>\"“”'‘’/|]+")


def _normalize_name(text: str) -> str:
    text = remove_invisible(text)
    text = text.replace("\u0e4d\u0e32", "\u0e33")  # นิคหิต + สระอา, as PDFs store สระอำ
    return "".join(text.split())


def _word_at(text: str, pos: int, word: str) -> bool:
    """``word`` starts at ``pos`` and is not part of a longer syllable: no leading vowel before
    it, and no vowel or tone mark after it ("ตาม" is not in "ตามุย")."""
    if not text.startswith(word, pos):
        return False
    if pos > 0 and text[pos - 1] in LEADING_VOWELS:
        return False
    end = pos + len(word)
    return not (end < len(text) and (is_thai_mark(text[end]) or text[end] in _FOLLOWING_VOWELS))


def _name_end(chunk: str) -> int:
    """Where the name at the start of ``chunk`` ends: at the first stop word, else the end."""
    for pos in range(len(chunk)):
        if any(_word_at(chunk, pos, word) for word in _STOP_WORDS):
            return pos
    return len(chunk)


def _own_name_part(own_name: str) -> str:
    name = own_name.strip()
    match = _KIND_RE.match(name)
    if match:
        name = name[match.end() :]
    return _normalize_name(name.split("\n")[0])


def find_foreign_office_names(text: str, own_name: str) -> list[str]:
    """Names of offices other than ``own_name`` mentioned in ``text``, distinct, in order.

    An office is written as a kind followed by its name: "องค์การบริหารส่วนตำบล…", "อบต.…",
    "อบต. …", "เทศบาลตำบล…", "ทต.…", "เทศบาลเมือง…", "ทม.…", "เทศบาลนคร…", "ทน.…".
    Names are compared without spaces and without the kind, so "อบต.หนองตัวอย่าง" is the own
    office "องค์การบริหารส่วนตำบลหนองตัวอย่าง". Heuristic for where a name ends, as Thai runs
    words together:

    1. the name runs to the next space, line break or punctuation;
    2. if the text there starts with the own name, it is the own office — whatever is glued
       after it ("…โพหนองเข้าถึงได้ยาก") — unless a usual second part of a place name follows
       ("หนองบัว" + "แดง"), which makes it another office;
    3. otherwise the name is cut before the first stop word: the place words "อำเภอ", "อ.",
       "จังหวัด", "จ." and common words of official prose ("ได้", "มี", "จึง", "ซึ่ง", "โดย",
       "ประจำ", "ในการ", "และ", …). A stop word right after the kind means no name at all
       ("เทศบาลตำบลและองค์การบริหารส่วนตำบล").

    A foreign name containing a stop word is reported shortened ("โนนมีชัย" → "โนน"); it is
    still reported. Without an own name every office name found is reported.
    """
    own = _own_name_part(own_name)
    found: list[str] = []
    seen: set[str] = set()
    for match in _KIND_RE.finditer(text):
        rest = text[match.end() : match.end() + 80].split("\n")[0]
        chunk_match = _NAME_CHUNK_RE.match(rest)
        if chunk_match is None:
            continue
        chunk = chunk_match.group()
        if own and _normalize_name(rest).startswith(own):
            after = _normalize_name(rest)[len(own) :]
            if not any(_word_at(after, 0, suffix) for suffix in _NAME_SUFFIXES):
                continue  # the own office, possibly with words glued after its name
        name = chunk[: _name_end(chunk)].rstrip(".")
        key = _normalize_name(name)
        if len(key) < 2 or key == own or key in seen:
            continue
        seen.add(key)
        found.append(name)
    return found
