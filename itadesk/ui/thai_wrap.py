"""Thai line breaking in the window at the documents' word boundaries.

Thai has no spaces between words, so where a line of Thai may end needs a dictionary. Qt
(qtbase ``src/corelib/text/qunicodetools.cpp``, Qt 6.12) gets Thai word boundaries from
libthai only: under ``QT_CONFIG(library)`` it opens ``QLibrary("thai", 0)`` (libthai.so.0 on
Linux, thai.dll on Windows, libthai.0.dylib on macOS), calls ``th_brk_new(nullptr)`` and
``th_brk_find_breaks`` on each Thai run, and makes libthai's word breaks the run's only line
breaks. Without libthai the run keeps Unicode's default (class SA resolved to AL): no break
inside a Thai run at all, only at spaces and other break characters.

- Linux with libthai0 (Debian, Ubuntu desktops): libthai's own dictionary lacks ITA terms,
  so Qt broke "ตัวชี้ / วัด" at a line end. ``use_thai_word_breaks`` points libthai (its
  documented ``LIBTHAI_DICTDIR``) at ``resources/i18n/thbrk.tri``, a dictionary of the words
  the documents break by (``tools/build_thai_dictionary.py``). libthai reads it at the first
  Thai line Qt lays out, so this runs before the QApplication shows anything. Every label,
  text box, table cell and message then breaks between those words; no text is changed.
- Windows and macOS: PySide6 ships no libthai, so Qt never breaks inside a Thai run: lines
  end at spaces, which Thai puts between phrases, so a word is never split there either. A
  run wider than its box is cut by Qt only where the wrap mode allows breaking anywhere.
  ``qt_breaks_thai_words`` tells which case the running Qt is in.
"""

from __future__ import annotations

import logging
import os

from itadesk.paths import resource_path

log = logging.getLogger(__name__)

LIBTHAI_DICTDIR_ENV = "LIBTHAI_DICTDIR"
DICTIONARY_NAME = "thbrk.tri"  # the name libthai looks for in LIBTHAI_DICTDIR


def use_thai_word_breaks() -> bool:
    """Point libthai at the app's dictionary; False (and nothing changed) when the bundled
    dictionary is missing. Must run before Qt lays out Thai for the first time: libthai
    loads its dictionary once per process."""
    folder = resource_path("i18n")
    if not (folder / DICTIONARY_NAME).is_file():
        log.error("Thai word-break dictionary %s missing", folder / DICTIONARY_NAME)
        return False
    previous = os.environ.get(LIBTHAI_DICTDIR_ENV)
    if previous and previous != str(folder):
        log.info("%s was %s; using ITADesk's dictionary instead", LIBTHAI_DICTDIR_ENV, previous)
    os.environ[LIBTHAI_DICTDIR_ENV] = str(folder)
    return True


def qt_breaks_thai_words() -> bool:
    """True when this Qt breaks a Thai run between words (it found libthai): a two-word line
    laid out narrower than itself gets a break inside the run. Needs a QGuiApplication."""
    from PySide6.QtGui import QFont, QTextLayout

    layout = QTextLayout("การประเมินคุณธรรม", QFont())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1.0)
    first_line_end = line.textLength()
    layout.endLayout()
    return 0 < first_line_end < len(layout.text())
