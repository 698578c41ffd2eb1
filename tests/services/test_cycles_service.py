"""Assessment cycles: which the clerk can pick, the default one, starting and removing one."""

from __future__ import annotations

import pytest

from itadesk.domain.fiscal import AssessmentCycle
from itadesk.errors import FrameworkError


def test_cycle_names_both_years() -> None:
    cycle = AssessmentCycle(2568)
    assert (cycle.plan_year, cycle.previous_year) == (2569, 2567)
    assert cycle.label_th == "ผลการประเมินปี 2568 → มาตรการปี 2569"
    assert AssessmentCycle.of_plan_year(2569) == cycle


def test_a_plan_year_exists_as_soon_as_a_measure_is_planned(services) -> None:
    latest = services.frameworks.catalog.latest_year()
    assert AssessmentCycle(latest + 1) not in services.cycles.cycles()
    entry = services.measures.catalogue()[0]
    services.measures.add_from_catalogue(latest + 2, entry.key)  # planned two years ahead
    assert AssessmentCycle(latest + 1) in services.cycles.cycles()
    assert services.cycles.default_cycle() == AssessmentCycle(latest + 1)


def test_default_cycle_is_the_latest_with_data(demo_services) -> None:
    assert demo_services.cycles.default_cycle() == AssessmentCycle(2568)


def test_an_empty_started_year_can_be_removed(services) -> None:
    cycle = services.cycles.start_next()
    assert cycle in services.cycles.cycles()
    assert services.cycles.can_remove(cycle) is None
    services.cycles.remove(cycle)
    assert cycle not in services.cycles.cycles()
    assert not services.frameworks.catalog.has(cycle.assessed_year)


def test_a_started_year_with_data_is_refused_with_the_reason(services) -> None:
    cycle = services.cycles.start_next()
    services.scores.set_indicator_scores(cycle.assessed_year, {1: "90"})
    services.measures.add_from_catalogue(cycle.plan_year, services.measures.catalogue()[0].key)
    with pytest.raises(FrameworkError) as caught:
        services.cycles.remove(cycle)
    assert "คะแนน 1 รายการ" in caught.value.message
    assert "มาตรการ 1 รายการ" in caught.value.message
    assert services.frameworks.catalog.has(cycle.assessed_year)
    assert services.scores.indicator_scores(cycle.assessed_year)


def test_a_builtin_year_is_never_removed(services) -> None:
    with pytest.raises(FrameworkError, match="มากับโปรแกรม"):
        services.cycles.remove(AssessmentCycle(2568))
    assert services.frameworks.catalog.has(2568)
