"""#14.6: every clerk text has a length limit, stated in its field and enforced by the service
with a Thai message naming the field; and the document engine never crashes on long text
stored before the limits (a 3,000-character office name or subject, a 20,000-character run
with no break): a flowable taller than a page is split across pages, a run wider than a line
is hard-broken."""

from __future__ import annotations

import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest
from security_helpers import office_state

from itadesk.domain.analysis import SectionKey
from itadesk.domain.measures import Measure
from itadesk.domain.memo import MemoKind
from itadesk.domain.validation import (
    LONG_TEXT_MAX,
    NAME_MAX,
    PARAGRAPH_MAX,
    TITLE_MAX,
)
from itadesk.errors import ValidationError
from itadesk.services.session import OfficeSession
from itadesk.storage.database import open_store
from itadesk.storage.repositories import Repositories


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def _office_name(services, text):
    services.office.save(replace(services.office.profile(), name=text))


def _memo_subject(services, text):
    settings = services.memos.settings(2568, MemoKind.ANALYSIS)
    services.memos.save_settings(replace(settings, subject=text))


def _measure_title(services, text):
    measure = services.measures.measures(2569)[0]
    services.measures.update(replace(measure, title=text))


def _measure_step(services, text):
    measure = services.measures.measures(2569)[0]
    services.measures.update(replace(measure, steps=(*measure.steps, text)))


def _chain_comment(services, text):
    steps = services.memos.comment_chain()
    services.memos.save_comment_chain([replace(steps[0], comment=text), *steps[1:]])


def _analysis(services, text):
    services.analysis.set_text(2568, SectionKey(None, "summary"), text)


def _outputs(services, text):
    measure = services.measures.measures(2569)[0]
    result = services.tracking.result(measure.id)
    services.tracking.save_result(replace(result, outputs=text))


@pytest.mark.parametrize(
    ("write", "limit", "field"),
    [
        (_office_name, NAME_MAX, "ชื่อหน่วยงาน"),
        (_memo_subject, TITLE_MAX, "เรื่อง"),
        (_measure_title, TITLE_MAX, "ชื่อมาตรการ"),
        (_measure_step, 1_000, "ขั้นตอน"),
        (_chain_comment, PARAGRAPH_MAX, "ลำดับความเห็นที่ 1"),
        (_analysis, LONG_TEXT_MAX, "ข้อความการวิเคราะห์"),
        (_outputs, LONG_TEXT_MAX, "ผลการดำเนินการ"),
    ],
    ids=["office", "subject", "measure", "step", "comment", "analysis", "outputs"],
)
def test_text_over_its_limit_is_refused_naming_the_field(
    write, limit: int, field: str, office: Path
) -> None:
    before = office_state(office)
    with OfficeSession.open(office) as session:
        write(session.services, "ก" * limit)  # exactly the limit is fine …
        with pytest.raises(ValidationError) as caught:
            write(session.services, "ก" * (limit + 1))  # … one more is not
    message = caught.value.message
    assert field in message and f"{limit:,} ตัวอักษร" in message
    assert len(message) < 400  # the text itself is not echoed
    assert office_state(office) != before  # the first write (at the limit) was saved


def test_fields_state_their_limits(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    from itadesk.ui.application import ensure_application
    from itadesk.ui.uiloader import load_ui

    ensure_application()
    office = load_ui("office_page")
    name = office.findChild(QLineEdit, "name_edit")
    assert name.maxLength() == NAME_MAX and f"{NAME_MAX:,} ตัวอักษร" in name.toolTip()
    tracking = load_ui("tracking_page")
    outputs = tracking.findChild(QPlainTextEdit, "outputs_edit")
    assert f"{LONG_TEXT_MAX:,} ตัวอักษร" in outputs.toolTip()
    memo = load_ui("memo_page")
    assert memo.findChild(QLineEdit, "salutation_edit").maxLength() == TITLE_MAX
    for form in (office, tracking, memo):
        form.deleteLater()


def _store_legacy_long_texts(office: Path, length: int) -> None:
    """What an earlier ITADesk let a clerk save: no limits at all."""
    with open_store(office) as store:
        repos = Repositories.of(store)
        profile = repos.office.get_office()
        with store.transaction():
            repos.office.save_office(replace(profile, name="ก" * length))
            settings = repos.memos.memo_settings(2568, MemoKind.ANALYSIS)
            repos.memos.save_memo_settings(replace(settings, subject="ข" * length))
            measure: Measure = repos.measures.measures(2569)[0]
            repos.measures.update_measure(replace(measure, title="x" * length))


@pytest.mark.parametrize("document", ["memo", "report", "publish-memo"])
def test_long_stored_text_renders_on_more_pages_instead_of_crashing(
    document: str, office: Path, tmp_path: Path, cli
) -> None:
    _store_legacy_long_texts(office, 3_000)
    before = office_state(office)
    output = tmp_path / f"{document}.pdf"
    started = time.monotonic()
    result = cli("render", document, "--db", office, "--fy", 2568, "-o", output)
    assert result.code == 0, result.err
    assert time.monotonic() - started < 90
    assert pages(output) >= 2
    assert office_state(office) == before


def test_long_stored_text_exports(office: Path, tmp_path: Path, cli) -> None:
    _store_legacy_long_texts(office, 3_000)
    result = cli("export", "--db", office, "--fy", 2568, "-o", tmp_path / "bundle.zip")
    assert result.code == 0, result.err


def test_a_run_with_no_break_is_hard_broken_within_the_line() -> None:
    from itadesk.documents.text import ThaiParagraph, ThaiStyle

    for text in ("a" * 20_000, "http://example.org/" + "x/" * 10_000, "1" * 20_000):
        started = time.monotonic()
        paragraph = ThaiParagraph(text, ThaiStyle())
        width = 400.0
        paragraph.wrap(width, 700)
        lines = paragraph._ensure_layout(width)
        assert time.monotonic() - started < 20
        assert max(line.width for line in lines) <= width + 0.5
        assert "".join(paragraph.line_texts(width)) == text  # nothing lost, nothing added
