"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11.

PySide6 6.12.0 hands ``None`` back from every Qt function that returns nothing
(``label.setText(...)``, ``painter.end()``…) without adding a reference to it, and
``isinstance(x, Signal)`` does the same with ``False``. Python 3.12 made ``None``, ``True`` and
``False`` immortal, so there it does no harm; on Python 3.11 each such call takes one reference
away for good. The window makes dozens of these calls per page shown (about 40 per page
switch, measured), and ``None`` starts with some 17,000 references: after a few hundred page
switches the interpreter stops with "Fatal Python error: none_dealloc: deallocating None".

Until PySide is fixed, ``keep_singletons_alive`` gives the three singletons as many references
as they would have as immortal objects on 3.12 (a count no program can wear down). It only
touches CPython before 3.12, where an object's reference count is the first field of the
object, at ``id(object)``."""

from __future__ import annotations

import ctypes
import sys

# Far more references than a program's lifetime of leaked ones, far below the counter's limit.
RESERVE = 1 << 40


def keep_singletons_alive() -> bool:
    """Top up the reference counts of None, True and False (once is enough); False where not
    needed (Python 3.12 and later, or not CPython)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < RESERVE:
            count.value += RESERVE
    return True
