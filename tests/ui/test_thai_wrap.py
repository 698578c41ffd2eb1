"""Thai wraps between words in the window's text boxes, at the documents' word boundaries,
and what the clerk typed is saved exactly as typed (see itadesk/ui/thai_wrap.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from itadesk.domain.analysis import SUMMARY, SectionKey
from itadesk.ui.thai_wrap import LIBTHAI_DICTDIR_ENV, qt_breaks_thai_words

TYPED = (
    "ตัวชี้วัดที่ ๒ การใช้งบประมาณ ได้คะแนน ๗๘.๕๐ ต่ำกว่าเกณฑ์ที่กำหนด "
    "หน่วยงานควรเปิดเผยข้อมูลการใช้จ่ายงบประมาณประจำปีต่อสาธารณะ "
    "และจัดทำรายงานผลการดำเนินงานตามตัวชี้วัดอย่างต่อเนื่อง เพื่อให้ประชาชนตรวจสอบได้"
)
WHOLE_WORDS = ("ตัวชี้วัด", "งบประมาณ", "เปิดเผย", "สาธารณะ", "ต่อเนื่อง", "ประชาชน", "ตรวจสอบ")


def word_boundaries(text: str) -> set[int]:
    """Where one word of the documents' segmentation ends and the next begins (PyThaiNLP's
    newmm with the documents' dictionary: its word list and the ITA terms)."""
    from pythainlp.tokenize import word_tokenize

    from itadesk.documents.linebreak import load_dictionary

    tokens = word_tokenize(text, custom_dict=load_dictionary(), engine="newmm")
    ends, position = set(), 0
    for token in tokens:
        position += len(token)
        ends.add(position)
    assert position == len(text)
    return ends


def line_starts(box) -> list[int]:
    """Where each laid-out line of the text box starts, as offsets in its text."""
    starts = []
    block = box.document().begin()
    while block.isValid():
        layout = block.layout()
        starts += [
            block.position() + layout.lineAt(i).textStart() for i in range(layout.lineCount())
        ]
        block = block.next()
    return starts


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt finds libthai on Linux")
def test_qt_breaks_thai_with_libthai_here():
    """On this Linux machine Qt has libthai: it breaks inside a run of Thai (without it, as
    on Windows, Qt would not break a Thai run at all)."""
    from itadesk.ui.application import ensure_application

    ensure_application()
    assert qt_breaks_thai_words()


def test_the_summary_box_wraps_only_between_words_and_saves_what_was_typed(
    qtbot, make_window, scored_services, type_text
):
    window = make_window(scored_services)
    window.select_cycle(2568)
    window.nav_list.setCurrentRow(window.pages.index(window.analysis_page))
    page = window.analysis_page
    page.indicator_list.setCurrentRow(page.indicator_list.count() - 1)
    box = page.editors[SectionKey(None, SUMMARY)].editor
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    type_text(box, TYPED)
    assert box.toPlainText() == TYPED

    boundaries = word_boundaries(TYPED)
    words_at = [(TYPED.index(w), w) for w in WHOLE_WORDS]
    most_lines = 0
    for width in range(120, 640, 20):
        box.setFixedWidth(width)
        QApplication.processEvents()
        starts = line_starts(box)
        most_lines = max(most_lines, len(starts))
        inside_words = [
            TYPED[s - 6 : s] + "|" + TYPED[s : s + 6] for s in starts[1:] if s not in boundaries
        ]
        assert inside_words == [], (width, inside_words)
        split = [w for at, w in words_at for s in starts if at < s < at + len(w)]
        assert split == [], (width, split)
    assert most_lines >= 6  # the box really wrapped

    qtbot.waitUntil(
        lambda: scored_services.analysis.analysis(2568).text(None, SUMMARY) == TYPED,
        timeout=5_000,
    )
    assert box.toPlainText() == TYPED  # nothing was inserted into the clerk's text


LAYOUT_SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    if {use_app_dictionary}:
        from itadesk.ui.thai_wrap import use_thai_word_breaks
        use_thai_word_breaks()
    from PySide6.QtGui import QFont, QGuiApplication, QTextLayout
    app = QGuiApplication([])
    text = "ตามตัวชี้วัดอย่างต่อเนื่อง"
    split = False
    for width in range(10, 200, 5):
        layout = QTextLayout(text, QFont())
        layout.beginLayout()
        starts = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            starts.append(line.textStart())
        layout.endLayout()
        split = split or any(3 < s < 3 + len("ตัวชี้วัด") for s in starts)
    print("SPLIT" if split else "WHOLE")
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt finds libthai on Linux")
@pytest.mark.parametrize(("use_app_dictionary", "expected"), [(False, "SPLIT"), (True, "WHOLE")])
def test_libthai_needs_the_app_dictionary_to_keep_ita_terms_whole(use_app_dictionary, expected):
    """The issue's "ตัวชี้ / วัด": libthai's own dictionary splits the word; the app's keeps
    it whole. Each case in a fresh process, since libthai reads its dictionary once."""
    env = {k: v for k, v in os.environ.items() if k != LIBTHAI_DICTDIR_ENV}
    env["QT_QPA_PLATFORM"] = "offscreen"
    root = str(__import__("pathlib").Path(__file__).resolve().parents[2])
    script = LAYOUT_SCRIPT.format(root=root, use_app_dictionary=use_app_dictionary)
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip().splitlines()[-1] == expected
