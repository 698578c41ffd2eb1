"""documents layer; see ARCHITECTURE.md for what it may import.

The Thai PDF engine on ReportLab (no Qt here): ``context`` (``RenderContext``: the fonts, the
office's own words, the digit style and the emblem of one document), ``fonts`` (embedded
families, Sarabun or the clerk's TTF, registered by content), ``shaping`` (HarfBuzz),
``linebreak`` (``LineBreaker``: PyThaiNLP words + the office's words + glue rules), ``text``
(``ThaiParagraph``, ``ThaiStyle``, ``thai_table``), ``page`` (``PageSetup``, ``build_pdf``,
check boxes, emblem), the layouts ``memo``, ``report``, ``results``, ``chart``, ``web`` and
``proof`` (the proof sheet).

No module here keeps state that decides what a document looks like: every layout takes the
document's ``RenderContext``. What is kept are caches of immutable values keyed by their
content (registered fonts, shaping results, the dictionary, one line breaker per word set).
"""
