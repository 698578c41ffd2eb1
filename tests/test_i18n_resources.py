"""The shipped Qt translation and libthai dictionary are exactly what the tools build from
their sources: resources/i18n/qtbase_th.ts through Qt's lrelease, and the documents' word
list through libdatrie. Both are packaged (wheel and PyInstaller)."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
sys.path.insert(0, str(ROOT / "tools"))

import build_thai_dictionary  # noqa: E402
import build_translations  # noqa: E402


def test_the_shipped_qm_is_compiled_from_the_ts_by_lrelease(tmp_path: Path) -> None:
    lrelease = build_translations.find_lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    built = build_translations.build(tmp_path, lrelease)
    assert [p.name for p in built] == ["qtbase_th.qm"]
    assert built[0].read_bytes() == (I18N / "qtbase_th.qm").read_bytes(), (
        "resources/i18n/qtbase_th.qm is stale: run python tools/build_translations.py"
    )


def test_the_shipped_dictionary_is_the_documents_word_list(tmp_path: Path) -> None:
    datrie = build_thai_dictionary.load_datrie()
    if datrie is None:
        pytest.skip("libdatrie is not installed")
    out = tmp_path / "thbrk.tri"
    count = build_thai_dictionary.build(out, datrie)
    assert count > 50_000
    assert out.read_bytes() == (I18N / "thbrk.tri").read_bytes(), (
        "resources/i18n/thbrk.tri is stale: run python tools/build_thai_dictionary.py"
    )
    assert "ตัวชี้วัด" in build_thai_dictionary.words()


def test_the_translation_covers_what_the_dialogs_show() -> None:
    import xml.etree.ElementTree as ET

    root = ET.parse(I18N / "qtbase_th.ts").getroot()
    pairs = {
        (context.findtext("name"), message.findtext("source")): message.findtext("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }
    assert pairs[("QPlatformTheme", "OK")] == "ตกลง"
    assert pairs[("QPlatformTheme", "Cancel")] == "ยกเลิก"
    assert pairs[("QMessageBox", "Show Details...")] == "แสดงรายละเอียด…"
    assert pairs[("QFileDialog", "&Look in:")] == "ค้นหาใน(&L):"
    # Every accelerator of the source is kept.
    lost = [
        key for key, thai in pairs.items() if "&" in key[1].replace("&&", "") and "&" not in thai
    ]
    assert lost == []


def test_i18n_is_packaged() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "i18n/*" in config["tool"]["setuptools"]["package-data"]["itadesk._resources"]
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "build_translations" in spec  # the .qm is rebuilt before bundling
    assert '(str(ROOT / "resources"), "resources")' in spec  # resources/i18n rides along
