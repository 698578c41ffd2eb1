from __future__ import annotations

import pytest

from itadesk.domain.analysis import FINDING, SUMMARY, WEAKNESSES, SectionKey
from itadesk.errors import ValidationError
from itadesk.services.analysis import has_html_fragments, strip_html


def test_draft_fills_every_indicator_and_the_summary(scored_services) -> None:
    plan = scored_services.analysis.plan_redraft(2568)
    assert not plan.conflicts
    analysis = scored_services.analysis.apply_redraft(2568, plan, overwrite_edited=False)
    for number in range(1, 11):
        assert analysis.text(number, FINDING)
    assert analysis.text(None, SUMMARY)
    assert "หนองตัวอย่าง" in analysis.text(None, SUMMARY) or any(
        "หนองตัวอย่าง" in section.text for section in analysis.sections
    )


def test_redraft_never_overwrites_edited_text_without_consent(scored_services) -> None:
    services = scored_services
    services.analysis.apply_redraft(
        2568, services.analysis.plan_redraft(2568), overwrite_edited=False
    )
    key = SectionKey(8, WEAKNESSES)
    services.analysis.set_text(2568, key, "ข้อความที่เจ้าหน้าที่เขียนเอง")
    services.scores.set_indicator_score(2568, 8, "70")  # the draft for 8 changes
    plan = services.analysis.plan_redraft(2568)
    assert [section.key for section in plan.conflicts] == [key] or key in {
        section.key for section in plan.conflicts
    }
    kept = services.analysis.apply_redraft(2568, plan, overwrite_edited=False)
    assert kept.text(8, WEAKNESSES) == "ข้อความที่เจ้าหน้าที่เขียนเอง"
    assert kept.get(8, WEAKNESSES).edited
    replaced = services.analysis.apply_redraft(2568, plan, overwrite_edited=True)
    assert replaced.text(8, WEAKNESSES) != "ข้อความที่เจ้าหน้าที่เขียนเอง"
    assert not replaced.get(8, WEAKNESSES).edited


def test_reset_to_draft(scored_services) -> None:
    services = scored_services
    services.analysis.apply_redraft(
        2568, services.analysis.plan_redraft(2568), overwrite_edited=False
    )
    key = SectionKey(1, FINDING)
    drafted = services.analysis.analysis(2568).text(1, FINDING)
    services.analysis.set_text(2568, key, "แก้แล้ว")
    assert services.analysis.reset_to_draft(2568, key).text(1, FINDING) == drafted


def test_drafting_without_scores_is_refused(services) -> None:
    with pytest.raises(ValidationError, match="ยังไม่มีคะแนน"):
        services.analysis.plan_redraft(2568)


def test_too_long_text_is_refused_and_saved_text_stays(scored_services) -> None:
    key = SectionKey(2, FINDING)
    scored_services.analysis.set_text(2568, key, "สั้น")
    with pytest.raises(ValidationError, match="ตัวอักษร"):
        scored_services.analysis.set_text(2568, key, "ก" * 30_000)
    assert scored_services.analysis.analysis(2568).text(2, FINDING) == "สั้น"


def test_other_office_names_are_reported(scored_services) -> None:
    scored_services.analysis.set_text(
        2568, SectionKey(3, FINDING), "องค์การบริหารส่วนตำบลโพนทอง ได้ดำเนินการตามแผน"
    )
    warnings = scored_services.analysis.foreign_names(2568)
    assert warnings and "โพนทอง" in " ".join(warnings[0].names)


def test_html_fragments_are_detected_and_stripped() -> None:
    pasted = "<p>ข้อบกพร่อง &amp; จุดอ่อน</p><p>ข้อที่สอง</p>"
    assert has_html_fragments(pasted)
    assert strip_html(pasted) == "ข้อบกพร่อง & จุดอ่อน\n\nข้อที่สอง" or strip_html(pasted).split() == [
        "ข้อบกพร่อง",
        "&",
        "จุดอ่อน",
        "ข้อที่สอง",
    ]
    assert not has_html_fragments("ค่าใช้จ่าย < 5,000 บาท & อื่น ๆ")
