"""Can this machine show the window at all? Checked before anything is created.

Qt does not fail gracefully when its platform plugin cannot start: a missing system library
(``libxcb-cursor0`` on a fresh Debian/Ubuntu) or no display ends the process with an abort
(exit 134) from deep inside ``QApplication``. By then ITADesk would already have created its
data folder, a lock file and the database. So the composition root asks here first, without
starting Qt: is there a display, and does the platform plugin's shared library load (the
dynamic loader names the first library it cannot find)? A problem comes back as a message in
Thai and English naming the package to install; the caller prints it and exits with code 2.

Only Linux (and other X11/Wayland Unixes) can fail this way: the Windows and macOS plugins
ship with PySide6 and need nothing else.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# Sonames Qt's xcb plugin and its libraries load → the Debian/Ubuntu package that has them.
DEBIAN_PACKAGES: Mapping[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-util.so.1": "libxcb-util1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}
_MISSING_LIBRARY = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")
_NON_WINDOW_PLATFORMS = {"offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}

Loader = Callable[[str], object]


def window_problem(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    load: Loader = ctypes.CDLL,
    plugins_dir: Path | None = None,
) -> str | None:
    """Why the window cannot start here (Thai, then English), or None when it can."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin")):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if chosen in _NON_WINDOW_PLATFORMS:
        return None
    wayland = chosen == "wayland" or (not chosen and bool(environ.get("WAYLAND_DISPLAY")))
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "เปิดหน้าต่างโปรแกรมไม่ได้ เพราะไม่พบหน้าจอ (ไม่มีค่า DISPLAY หรือ WAYLAND_DISPLAY)"
            " — เปิด ITADesk จากหน้าจอเดสก์ท็อปของเครื่อง หรือใช้คำสั่ง เช่น"
            " “itadesk render memo --fy 2568 -o บันทึก.pdf” ซึ่งไม่ต้องใช้หน้าจอ\n"
            "Cannot open the window: no display was found (neither DISPLAY nor WAYLAND_DISPLAY"
            " is set). Start ITADesk from the desktop, or use a command such as"
            " “itadesk render memo --fy 2568 -o memo.pdf”, which needs no display."
        )
    plugin = (plugins_dir or _platform_plugins_dir()) / (
        "libqwayland.so" if wayland else "libqxcb.so"
    )
    if not plugin.is_file():
        return None  # an unusual Qt build: let Qt itself decide
    try:
        load(str(plugin))
    except OSError as error:
        return missing_library_message(str(error))
    return None


def missing_library_message(loader_error: str) -> str:
    """The Thai and English message for a dynamic loader error naming a missing library."""
    match = _MISSING_LIBRARY.search(loader_error)
    library = match.group(1) if match else loader_error.strip()[:200]
    package = DEBIAN_PACKAGES.get(library)
    install_th = (
        f"ติดตั้งแพ็กเกจ {package} (เช่น “sudo apt install {package}”)"
        if package
        else "ติดตั้งแพ็กเกจที่มีไลบรารีนี้"
    )
    install_en = (
        f"install the package {package} (for example “sudo apt install {package}”)"
        if package
        else "install the package that provides it"
    )
    return (
        f"เปิดหน้าต่างโปรแกรมไม่ได้ เพราะเครื่องนี้ขาดไลบรารี {library} ที่ Qt ต้องใช้"
        f" — {install_th} แล้วเปิดโปรแกรมใหม่ (ข้อมูลของหน่วยงานไม่ได้ถูกแตะต้อง)\n"
        f"Cannot open the window: the library {library} that Qt needs is missing —"
        f" {install_en} and start ITADesk again (no data was touched)."
    )


def _platform_plugins_dir() -> Path:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return Path("/nonexistent")
    root = Path(next(iter(spec.submodule_search_locations)))
    return root / "Qt" / "plugins" / "platforms"
