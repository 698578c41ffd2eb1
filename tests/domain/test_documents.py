"""The documents table: one row per kind, one title each, the file names the bundle and the
save dialog suggest."""

from __future__ import annotations

import pytest

from itadesk.domain.documents import DOCUMENTS, DocumentKind, document_info
from itadesk.domain.memo import MemoKind


def test_every_kind_has_one_row_and_one_title() -> None:
    assert list(DOCUMENTS) == list(DocumentKind)
    titles = [info.title_th for info in DOCUMENTS.values()]
    assert len(set(titles)) == len(titles)
    assert document_info("results").title_th == "รายงานผลการดำเนินการตามมาตรการ"


@pytest.mark.parametrize(
    ("kind", "year", "months", "name"),
    [
        ("memo", 2568, 12, "ita-2568-memo-analysis.pdf"),
        ("report", 2568, 12, "ita-2568-analysis-measures-2569.pdf"),
        ("publish-memo", 2568, 12, "ita-2568-memo-publish.pdf"),
        ("results", 2569, 6, "ita-2569-results-6-months.pdf"),
        ("results-memo", 2569, 12, "ita-2569-memo-results-12-months.pdf"),
        ("proof", 0, 12, "itadesk-proof.pdf"),
    ],
)
def test_suggested_file_names(kind: str, year: int, months: int, name: str) -> None:
    assert document_info(kind).file_name(year, months) == name


def test_memos_and_rounds() -> None:
    memos = {kind: info.memo_kind for kind, info in DOCUMENTS.items() if info.memo_kind}
    assert memos == {
        DocumentKind.MEMO: MemoKind.ANALYSIS,
        DocumentKind.PUBLISH_MEMO: MemoKind.PUBLISH,
        DocumentKind.RESULTS_MEMO: MemoKind.RESULTS,
    }
    assert {k for k, info in DOCUMENTS.items() if info.per_round} == {
        DocumentKind.RESULTS,
        DocumentKind.RESULTS_MEMO,
    }


def test_unknown_kind_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        document_info("letter")


def test_the_command_line_offers_every_printable_kind() -> None:
    from itadesk.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["render", "results-memo", "--fy", "2569", "-o", "x.pdf"])
    assert args.document == DocumentKind.RESULTS_MEMO
    with pytest.raises(SystemExit):
        parser.parse_args(["render", "proof", "--fy", "2569", "-o", "x.pdf"])
