"""Two kinds of failure: a UserError carries a Thai message the clerk can act on; anything
else is a bug, logged and shown in the crash dialog while the saved data stays as it was."""

from __future__ import annotations

#: At most this many characters of what the clerk typed or a file held are repeated in a
#: message: a 100,000-character paste must not become a 100,000-character error box.
ECHO_LIMIT = 200
_ELLIPSIS = "…"


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """``value`` as text to repeat inside a message, cut to ``limit`` characters (with "…"
    and the full length in Thai when cut). The one truncation every message uses."""
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[: max(limit - 1, 1)]}{_ELLIPSIS} (ยาว {len(text):,} ตัวอักษร)"


class UserError(Exception):
    """Bad input or an environment problem the clerk can fix. ``message`` is Thai, names the
    field and says what is allowed."""

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class FrameworkError(UserError):
    """A framework data file (or a clerk's imported item list) is malformed."""


class ValidationError(UserError):
    """A value typed by the clerk is not allowed."""


class StorageError(UserError):
    """The database file cannot be used as it is (not SQLite, damaged, newer, locked)."""
