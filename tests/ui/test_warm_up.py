"""The window loads the PDF engine, the dictionary and the fonts in the background once it
shows, so the clerk's first preview does not pay for them."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from itadesk.ui.workers import wait_for_tasks


def test_warm_up_loads_the_document_engine_in_the_background(
    qtbot, make_window, demo_services
) -> None:
    from itadesk.documents import linebreak, wordlists

    wordlists._load.cache_clear()
    linebreak._dictionary.cache_clear()
    window = make_window(demo_services)
    window.start_warm_up()
    assert wait_for_tasks(60_000)
    assert "reportlab.platypus" in sys.modules
    assert wordlists._load.cache_info().currsize == 2  # both word lists read
    # The first preview after it comes out as usual.
    window.nav_list.setCurrentRow(window.pages.index(window.memo_page))
    page = window.memo_page
    preview_button = page.widget.findChild(QPushButton, "preview_memo_button")
    qtbot.mouseClick(preview_button, Qt.MouseButton.LeftButton)
    dialog = page.previews[-1]
    qtbot.waitUntil(lambda: dialog.ready or bool(dialog.error_message), timeout=30_000)
    assert dialog.ready, dialog.error_message
    dialog.close()
