from __future__ import annotations

from pathlib import Path


def test_thai_digits_toggle_and_undo(qtbot, make_window, demo_services) -> None:
    window = make_window(demo_services)
    page = window.settings_page
    assert page.thai_digits_check.isChecked()
    page.thai_digits_check.setChecked(False)
    assert demo_services.settings.document_settings().thai_digits is False
    assert demo_services.documents.render_context().digits("12") == "12"
    window.undo_action.trigger()
    assert demo_services.settings.document_settings().thai_digits is True
    assert demo_services.documents.render_context().digits("12") == "๑๒"


def test_a_file_that_is_not_a_font_is_refused(
    qtbot, make_window, demo_services, tmp_path: Path
) -> None:
    window = make_window(demo_services)
    page = window.settings_page
    bogus = tmp_path / "THSarabunNew.ttf"
    bogus.write_bytes(b"not a font at all")
    before = demo_services.documents.render_context().fonts
    page.set_fonts(bogus, None)
    assert "ฟอนต์" in page.error_label.text()
    assert demo_services.settings.document_font_paths()["regular"] is None
    assert demo_services.documents.render_context().fonts == before


def test_clerks_own_font_is_used_and_undone(qtbot, make_window, demo_services) -> None:
    import pytest

    laksaman = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
    if not laksaman.exists():
        pytest.skip("fonts-tlwg-laksaman-ttf not installed")
    window = make_window(demo_services)
    page = window.settings_page
    page.set_fonts(laksaman, None)
    fonts = demo_services.documents.render_context().fonts
    assert fonts.regular_path == laksaman.resolve()
    assert "Laksaman" in page.regular_label.text()
    window.undo_action.trigger()
    assert demo_services.settings.document_font_paths()["regular"] is None
    fonts = demo_services.documents.render_context().fonts
    assert fonts.regular_path.name == "Sarabun-Regular.ttf"
