"""Two kinds of failure: a UserError carries a Thai message the clerk can act on; anything
else is a bug, logged and shown in the crash dialog while the saved data stays as it was."""

from __future__ import annotations


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


_OS_ERRORS_TH = {
    "ENOSPC": "ดิสก์เต็ม",
    "EACCES": "ไม่มีสิทธิ์เข้าถึง",
    "EPERM": "ไม่มีสิทธิ์เข้าถึง",
    "EROFS": "ดิสก์หรือแฟลชไดรฟ์อ่านได้อย่างเดียว",
    "ENOENT": "ไม่พบไฟล์หรือโฟลเดอร์",
    "EBUSY": "ไฟล์กำลังถูกใช้งานโดยโปรแกรมอื่น",
    "EIO": "อ่านหรือเขียนดิสก์ไม่สำเร็จ",
    "ENAMETOOLONG": "ชื่อไฟล์หรือที่อยู่ยาวเกินไป",
}


def os_error_th(error: OSError) -> str:
    """A short Thai reason for an operating-system error (never the English text)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    if isinstance(error, PermissionError) and not name:
        name = "EACCES"
    return _OS_ERRORS_TH.get(name, "ระบบปฏิเสธการอ่านหรือเขียนไฟล์")
