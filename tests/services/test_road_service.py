"""What the road service records and reads back from the office's own data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from itadesk.domain.documents import DocumentKind
from itadesk.domain.fiscal import AssessmentCycle
from itadesk.domain.road import ProducedHow, StepKey, StepState
from itadesk.errors import UserError


def test_printing_and_exporting_are_recorded_and_shown_on_the_road(demo_services) -> None:
    road = demo_services.road
    cycle = AssessmentCycle(2568)
    assert road.road(cycle, date(2026, 4, 8)).step(StepKey.MEMO).state == StepState.DUE
    road.record_document(DocumentKind.MEMO, 2568, ProducedHow.PDF, Path("/tmp/memo.pdf"))
    road.record_document(DocumentKind.PROOF, 2568, ProducedHow.PDF, Path("/tmp/proof.pdf"))
    road.record_bundle(2568, Path("/tmp/ita-2568.zip"))
    after = road.road(cycle, date(2026, 4, 8))
    assert after.step(StepKey.MEMO).state == StepState.DONE
    assert after.step(StepKey.MEMO).target == "/tmp/memo.pdf"
    assert after.step(StepKey.PUBLISH).detail_th.startswith("สร้างชุดไฟล์เป็น ZIP")
    assert [p.kind for p in road.history(2568)] == ["memo", "bundle"]  # not the proof sheet


def test_a_round_report_printed_before_the_round_was_saved_does_not_count(demo_services) -> None:
    road = demo_services.road
    demo_services.tracking.take_snapshot(2569, 12, today=date(2026, 10, 5))
    cycle = AssessmentCycle(2568)
    assert road.road(cycle, date(2026, 10, 6)).step(StepKey.REPORT_12).state == StepState.DUE
    road.record_document(DocumentKind.RESULTS, 2569, ProducedHow.PRINTED, None, 12)
    assert road.road(cycle, date(2026, 10, 6)).step(StepKey.REPORT_12).state == StepState.DONE


def test_a_round_document_needs_its_round(services) -> None:
    with pytest.raises(UserError):
        services.road.record_document(DocumentKind.RESULTS, 2569, ProducedHow.PDF, None, 9)
