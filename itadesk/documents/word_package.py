"""The .docx package of the Word copy: the trimmed default template, OOXML ``w:`` elements,
and the package written out as bytes (quick compression).
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = ["W_NS", "docx_template", "package_bytes", "w_element"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def package_bytes(document: DocxDocument) -> bytes:
    """The .docx as bytes: what python-docx's save writes, with quick compression (level 1;
    the embedded fonts are most of the file and hardly shrink further)."""
    import zipfile

    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    package = document.part.package
    parts = list(package.iter_parts())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        # python-docx's own writer helper; it has no annotations
        content_types = _ContentTypesItem.from_parts(parts)  # type: ignore[no-untyped-call]
        archive.writestr(CONTENT_TYPES_URI.membername, content_types.blob)
        archive.writestr(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            archive.writestr(part.partname.membername, part.blob)
            if len(part.rels):
                archive.writestr(part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()


@lru_cache(maxsize=1)
def docx_template() -> bytes:
    """python-docx's default document without the parts a copy never uses (numbering,
    theme, web settings, the thumbnail, …): smaller and quicker to open. Built once; an
    immutable value."""
    import docx

    document = docx.Document()
    unused = ("stylesWithEffects", "customXml", "webSettings", "numbering", "theme")
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in unused:
            document.part.drop_rel(rid)
            document.part.rels.pop(rid, None)
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rid, None)
    # the hundreds of built-in styles Word knows anyway: a much smaller styles part
    from docx.oxml.ns import qn

    styles = document.styles.element
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    keep = {"Normal", "Table Normal", "Table Grid", "Default Paragraph Font", "No List"}
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")) not in keep:
            styles.remove(style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def w_element(tag: str, **attrs: str) -> BaseOxmlElement:
    """An OOXML element ``w:…`` with ``w:`` attributes."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element
