"""Every text field of a form states its length limit, the same one the services enforce
(``itadesk.domain.validation``): a line edit takes no more (``setMaxLength``), a text box says
it in its tooltip and the service refuses more with a Thai message naming the field.

Applied once to every form as it is loaded (``uiloader.load_ui``), by object name."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from itadesk.domain.score_import import MAX_PASTE_CHARS
from itadesk.domain.validation import (
    DOC_PREFIX_MAX,
    LINE_MAX,
    LONG_TEXT_MAX,
    NAME_MAX,
    NOTE_MAX,
    PARAGRAPH_MAX,
    PHONE_MAX,
    RUNNING_NUMBER_MAX,
    TITLE_MAX,
)

DATE_MAX = 40  # "๓๐ กันยายน ๒๕๖๙" and the like
SCORE_TEXT_MAX = 20
PATH_MAX = 1_000

#: Object name of a field in the .ui forms → its limit in characters.
FIELD_LIMITS: Mapping[str, int] = {
    # office_page.ui
    "name_edit": NAME_MAX,
    "district_edit": NAME_MAX,
    "province_edit": NAME_MAX,
    "phone_edit": PHONE_MAX,
    "doc_prefix_edit": DOC_PREFIX_MAX,
    # measures_page.ui, catalogue_dialog.ui
    "measure_title_edit": TITLE_MAX,
    "rationale_edit": PARAGRAPH_MAX,
    "follow_up_edit": PARAGRAPH_MAX,
    "reporting_edit": PARAGRAPH_MAX,
    "start_edit": DATE_MAX,
    "end_edit": DATE_MAX,
    "search_edit": TITLE_MAX,
    # memo_page.ui
    "number_edit": RUNNING_NUMBER_MAX,
    "date_edit": DATE_MAX,
    "salutation_edit": TITLE_MAX,
    "subject_edit": TITLE_MAX,
    # tracking_page.ui
    "done_date_edit": DATE_MAX,
    "note_edit": NOTE_MAX,
    "reason_edit": LINE_MAX,
    "outputs_edit": LONG_TEXT_MAX,
    "outcomes_edit": LONG_TEXT_MAX,
    # start_page.ui, scores_page.ui
    "oit_start_edit": DATE_MAX,
    "oit_end_edit": DATE_MAX,
    "official_total_edit": SCORE_TEXT_MAX,
    # export_dialog.ui, import_dialog.ui
    "target_edit": PATH_MAX,
    "paste_edit": MAX_PASTE_CHARS,
}


def limit_text_th(limit: int) -> str:
    return f"พิมพ์ได้ไม่เกิน {limit:,} ตัวอักษร"


def apply_text_limits(form: QWidget) -> None:
    """Give every line edit and text box of ``form`` named in :data:`FIELD_LIMITS` its limit,
    stated in the field's tooltip."""
    for kind in (QLineEdit, QPlainTextEdit):
        for field in form.findChildren(kind):
            limit = FIELD_LIMITS.get(field.objectName())
            if limit is None:
                continue
            if isinstance(field, QLineEdit):
                field.setMaxLength(limit)
            stated = limit_text_th(limit)
            tip = field.toolTip()
            field.setToolTip(f"{tip}\n{stated}" if tip else stated)
