"""A machine that cannot show the window is told why, in Thai and English, with exit code 2,
before anything is created (Qt itself would abort with 134 after the database exists)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from itadesk.gui_check import missing_library_message, window_problem

ROOT = Path(__file__).resolve().parents[1]


def fake_plugins(tmp_path: Path) -> Path:
    folder = tmp_path / "platforms"
    folder.mkdir()
    (folder / "libqxcb.so").write_bytes(b"\x7fELF")
    (folder / "libqwayland.so").write_bytes(b"\x7fELF")
    return folder


def test_a_missing_library_names_the_package_to_install(tmp_path: Path) -> None:
    def load(path: str) -> None:
        assert path.endswith("libqxcb.so")
        raise OSError("libxcb-cursor.so.0: cannot open shared object file: No such file")

    message = window_problem({"DISPLAY": ":0"}, "linux", load, fake_plugins(tmp_path))
    assert message is not None
    thai, english = message.split("\n")
    assert "libxcb-cursor.so.0" in thai and "sudo apt install libxcb-cursor0" in thai
    assert "ข้อมูลของหน่วยงานไม่ได้ถูกแตะต้อง" in thai
    assert "install the package libxcb-cursor0" in english


def test_an_unknown_library_is_still_named() -> None:
    message = missing_library_message("libfoo.so.9: cannot open shared object file")
    assert "libfoo.so.9" in message and "ติดตั้งแพ็กเกจที่มีไลบรารีนี้" in message


def test_wayland_sessions_check_the_wayland_plugin(tmp_path: Path) -> None:
    loaded: list[str] = []
    environ = {"WAYLAND_DISPLAY": "wayland-0"}
    assert window_problem(environ, "linux", loaded.append, fake_plugins(tmp_path)) is None
    assert loaded and loaded[0].endswith("libqwayland.so")


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({"DISPLAY": ":0"}, "linux"),
        ({}, "win32"),
        ({}, "darwin"),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
    ],
)
def test_machines_that_can_show_the_window_pass(tmp_path: Path, environ, platform) -> None:
    assert window_problem(environ, platform, lambda path: None, fake_plugins(tmp_path)) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_no_display_exits_2_before_creating_anything(tmp_path: Path) -> None:
    data = tmp_path / "ข้อมูล"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env |= {"PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "ITADESK_DATA_DIR": str(data)}
    completed = subprocess.run(
        [sys.executable, "-m", "itadesk", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert completed.returncode == 2, completed.stderr
    assert "ไม่พบหน้าจอ" in completed.stderr and "no display was found" in completed.stderr
    assert not data.exists()
