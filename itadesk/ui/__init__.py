"""ui layer; see ARCHITECTURE.md for what it may import."""

from itadesk.ui.refcounts import keep_singletons_alive

# Before any Qt call: PySide6 6.12 on Python 3.11 wears down None's references (refcounts.py).
keep_singletons_alive()
