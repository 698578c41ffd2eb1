"""The little markup of paragraph text: ``<b>``, ``<u>``, ``<br/>`` and five entities.

Owns turning a paragraph's source into styled ``Span``s (``parse_markup``) and escaping
clerk text for a markup template (``escape_markup``). Anything else, including unknown or
unbalanced tags, prints literally and never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    bold: bool = False
    underline: bool = False


_MARKUP = re.compile(
    r"<(?P<close>/?)(?P<tag>[bBuU])\s*>|<[bB][rR]\s*/?\s*>|&(?P<ent>lt|gt|amp|quot|apos|#39);"
)
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'", "#39": "'"}


def escape_markup(text: str) -> str:
    """Escape ``& < >`` so that ``text`` prints literally inside a markup template."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def parse_markup(text: str, *, markup: bool = True) -> list[Span]:
    """Split ``text`` into styled spans; a line break is a span ``"\\n"``. Never raises."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    if not markup:
        return [Span(text)] if text else []
    out: list[Span] = []
    bold = under = 0
    # Closing tags only count when a matching tag is open; compute which opening tags close.
    pos = 0
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append(Span("".join(buf), bold > 0, under > 0))
            buf.clear()

    opens = _balanced_opens(text)
    for m in _MARKUP.finditer(text):
        buf.append(text[pos : m.start()])
        pos = m.end()
        if m.group("ent"):
            buf.append(_ENTITIES[m.group("ent")])
            continue
        tag = m.group("tag")
        if tag is None:  # <br/>
            flush()
            out.append(Span("\n"))
            continue
        tag = tag.lower()
        closing = bool(m.group("close"))
        if not closing and m.start() not in opens:
            buf.append(m.group(0))  # never closed: literal
            continue
        if closing and m.start() not in opens:
            buf.append(m.group(0))  # closes nothing: literal
            continue
        flush()
        delta = -1 if closing else 1
        if tag == "b":
            bold += delta
        else:
            under += delta
    buf.append(text[pos:])
    flush()
    return [s for s in out if s.text]


def _balanced_opens(text: str) -> set[int]:
    """Start offsets of the <b>/<u> tags (opening and closing) that form matched pairs."""
    stacks: dict[str, list[int]] = {"b": [], "u": []}
    matched: set[int] = set()
    for m in _MARKUP.finditer(text):
        tag = m.group("tag")
        if tag is None:
            continue
        tag = tag.lower()
        if m.group("close"):
            if stacks[tag]:
                matched.add(stacks[tag].pop())
                matched.add(m.start())
        else:
            stacks[tag].append(m.start())
    return matched
