"""documents layer; see ARCHITECTURE.md for what it may import.

The Thai PDF engine on ReportLab (no Qt here): ``fonts`` (one embedded family, Sarabun or the
clerk's TTF), ``shaping`` (HarfBuzz), ``linebreak`` (PyThaiNLP words + glue rules),
``text`` (``ThaiParagraph``, ``ThaiStyle``, ``thai_table``), ``page`` (``PageSetup``,
``build_pdf``, check boxes, emblem) and ``proof`` (the proof sheet).
"""
