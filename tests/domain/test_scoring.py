"""Scoring by a year's framework: tool means, the weighted total, rating and its explanation.

Indicator scores are chosen so that the rounded figures land exactly on each boundary: a tool
score is the mean of its indicators, the total is 0.3·IIT + 0.3·EIT + 0.4·OIT of the *unrounded*
means, rounded half-up to 2 decimals.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from itadesk.domain.frameworks import FrameworkCatalog
from itadesk.domain.scoring import (
    compare,
    compute_total,
    rate,
    round2,
    score,
    theme_item_scores,
    tool_means,
)

FRAMEWORKS = Path(__file__).resolve().parents[2] / "resources" / "frameworks"
BAND_YEARS = [2563, 2564, 2565, 2566]
PASS_YEARS = [2567, 2568]

D = Decimal


@pytest.fixture(scope="module")
def catalog() -> FrameworkCatalog:
    return FrameworkCatalog(FRAMEWORKS)


def by_tool(iit: str, eit: str, oit: str) -> dict[int, Decimal]:
    """Every indicator of a tool at the same score, so the tool score is exactly that score."""
    scores = {n: D(iit) for n in range(1, 6)}
    scores.update({n: D(eit) for n in range(6, 9)})
    scores.update({9: D(oit), 10: D(oit)})
    return scores


# ITA 2564 report, กลุ่ม 2: ตราด, indicators 1–10 (guide §1.2).
TRAT_2564 = {
    1: D("93.55"),
    2: D("87.72"),
    3: D("91.01"),
    4: D("87.93"),
    5: D("89.52"),
    6: D("90.55"),
    7: D("88.68"),
    8: D("88.58"),
    9: D("72.89"),
    10: D("65.56"),
}


# --------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("69.225", "69.23"),  # banker's rounding would give 69.22
        ("84.995", "85.00"),
        ("94.985", "94.99"),
        ("81.4548", "81.45"),
        ("81.458", "81.46"),
        ("0.005", "0.01"),
        ("-0.005", "-0.01"),  # deltas round away from zero too
    ],
)
def test_round2_is_half_up(value: str, expected: str) -> None:
    assert round2(D(value)) == D(expected)
    assert str(round2(D(value))) == expected


def test_total_rounds_half_up_from_exact_means(catalog: FrameworkCatalog) -> None:
    # IIT 90, EIT (90.05 + 90 + 90) / 3 = 90.01666…, OIT 90:
    # 27 + 0.1 × 270.05 + 36 = 90.005 exactly → 90.01 (half-even would give 90.00).
    scores = by_tool("90", "90", "90")
    scores[6] = D("90.05")
    result = score(catalog.get(2566), scores)
    assert result.total == D("90.01")
    assert result.tool_scores == {"IIT": D("90.00"), "EIT": D("90.02"), "OIT": D("90.00")}


def test_tool_means_are_unrounded(catalog: FrameworkCatalog) -> None:
    means = tool_means(catalog.get(2564), TRAT_2564)
    assert means["IIT"] == D("89.946")
    assert means["OIT"] == D("69.225")
    assert round2(means["EIT"]) == D("89.27")


# --------------------------------------------------------------------------- worked example


def test_trat_2564_public_example(catalog: FrameworkCatalog) -> None:
    framework = catalog.get(2564)
    result = score(framework, TRAT_2564, official_total=D("81.45"))
    assert result.tool_scores == {"IIT": D("89.95"), "EIT": D("89.27"), "OIT": D("69.23")}
    assert result.total == D("81.45")
    assert result.rating is not None and result.rating.label == "B"
    assert not result.rating.passing
    assert result.official_difference is None
    assert result.warnings_th == ()
    assert "81.45" in result.explanation_th
    assert "75.00–84.99" in result.explanation_th


def test_trat_2564_rounding_tools_first_would_give_81_46(catalog: FrameworkCatalog) -> None:
    framework = catalog.get(2564)
    result = score(framework, TRAT_2564)
    rounded_first = round2(
        sum((tool.weight * result.tool_scores[tool.code] for tool in framework.tools), D(0))
    )
    assert rounded_first == D("81.46")
    assert result.total == D("81.45") != rounded_first
    assert compute_total(framework, TRAT_2564) == D("81.45")


# --------------------------------------------------------------------------- bands ≤ 2566


BAND_BOUNDARIES = [
    ("100", "AA"),
    ("95.00", "AA"),
    ("94.99", "A"),
    ("85.00", "A"),
    ("84.99", "B"),
    ("75.00", "B"),
    ("74.99", "C"),
    ("65.00", "C"),
    ("64.99", "D"),
    ("55.00", "D"),
    ("54.99", "E"),
    ("50.00", "E"),
    ("49.99", "F"),
    ("0", "F"),
]


@pytest.mark.parametrize("year", BAND_YEARS)
@pytest.mark.parametrize(("total", "label"), BAND_BOUNDARIES)
def test_bands_at_boundaries(catalog: FrameworkCatalog, year: int, total: str, label: str) -> None:
    result = score(catalog.get(year), by_tool(total, total, total))
    assert result.total == D(total)
    assert result.rating is not None
    assert result.rating.label == label
    assert result.rating.passing is (label in ("AA", "A"))
    assert f"“{label}”" in result.explanation_th


def test_bands_use_the_total_not_the_tools(catalog: FrameworkCatalog) -> None:
    # OIT far below 85 does not matter in the seven-band scheme.
    result = score(catalog.get(2566), by_tool("100", "100", "70"))
    assert result.total == D("88.00")
    assert result.rating is not None and result.rating.label == "A"


def test_band_explanation_gives_the_range(catalog: FrameworkCatalog) -> None:
    result = score(catalog.get(2566), by_tool("94.99", "94.99", "94.99"))
    assert "85.00–94.99" in result.explanation_th
    result = score(catalog.get(2566), by_tool("49.99", "49.99", "49.99"))
    assert "ต่ำกว่า 50.00" in result.explanation_th


# --------------------------------------------------------------------------- pass scheme ≥ 2567


@pytest.mark.parametrize("year", PASS_YEARS)
@pytest.mark.parametrize(
    ("iit", "eit", "oit", "total", "label"),
    [
        ("95", "95", "95", "95.00", "ผ่านดีเยี่ยม"),
        ("100", "100", "100", "100.00", "ผ่านดีเยี่ยม"),
        ("96", "94.99", "96", "95.70", "ผ่านดี"),  # total ≥ 95 but EIT < 95
        ("85", "85", "85", "85.00", "ผ่านดี"),
        ("84.99", "90", "90", "88.50", "ผ่าน"),  # total ≥ 85 but IIT < 85
        ("84.99", "85.01", "85", "85.00", "ผ่าน"),  # total exactly 85, one tool below
        ("84.99", "84.99", "84.99", "84.99", "ต้องปรับปรุง"),
        ("70", "70", "70", "70.00", "ต้องปรับปรุง"),
        ("69.99", "69.99", "69.99", "69.99", "ต้องปรับปรุงโดยด่วน"),
        ("0", "0", "0", "0.00", "ต้องปรับปรุงโดยด่วน"),
    ],
)
def test_pass_scheme_at_boundaries(
    catalog: FrameworkCatalog, year: int, iit: str, eit: str, oit: str, total: str, label: str
) -> None:
    result = score(catalog.get(year), by_tool(iit, eit, oit))
    assert result.total == D(total)
    assert result.rating is not None
    assert result.rating.label == label
    assert result.rating.passing is label.startswith("ผ่าน")
    assert f"“{label}”" in result.explanation_th


@pytest.mark.parametrize("year", PASS_YEARS)
def test_pass_explanation_names_the_tool_below_85(catalog: FrameworkCatalog, year: int) -> None:
    result = score(catalog.get(year), by_tool("84.99", "90", "90"))
    assert result.rating is not None and result.rating.label == "ผ่าน"
    text = result.explanation_th
    assert "IIT ได้ 84.99" in text
    assert "“ผ่านดี”" in text
    assert "EIT ได้" not in text and "OIT ได้" not in text
    assert "85.00–84.99" not in text  # the range ผ่าน shares with ผ่านดี is not a range


@pytest.mark.parametrize("year", PASS_YEARS)
def test_pass_explanation_names_the_tool_below_95(catalog: FrameworkCatalog, year: int) -> None:
    result = score(catalog.get(year), by_tool("96", "94.99", "96"))
    assert result.rating is not None and result.rating.label == "ผ่านดี"
    text = result.explanation_th
    assert "EIT ได้ 94.99" in text
    assert "“ผ่านดีเยี่ยม”" in text
    assert "IIT ได้" not in text


@pytest.mark.parametrize("year", PASS_YEARS)
def test_pass_scheme_compares_rounded_tool_scores(catalog: FrameworkCatalog, year: int) -> None:
    # OIT = (84.99 + 85.00) / 2 = 84.995 → printed 85.00, which meets the ≥ 85 floor.
    scores = by_tool("90", "90", "85")
    scores[9] = D("84.99")
    result = score(catalog.get(year), scores)
    assert result.tool_scores["OIT"] == D("85.00")
    assert result.rating is not None and result.rating.label == "ผ่านดี"


@pytest.mark.parametrize("year", PASS_YEARS)
def test_unconfirmed_levels_say_so(catalog: FrameworkCatalog, year: int) -> None:
    below = score(catalog.get(year), by_tool("80", "80", "80"))
    assert below.rating is not None and not below.rating.confirmed
    assert "ยังไม่ได้ยืนยัน" in below.explanation_th
    good = score(catalog.get(year), by_tool("90", "90", "90"))
    assert good.rating is not None and good.rating.confirmed
    assert "ยังไม่ได้ยืนยัน" not in good.explanation_th


def test_rate_directly(catalog: FrameworkCatalog) -> None:
    framework = catalog.get(2568)
    tools = {"IIT": D("99"), "EIT": D("84.99"), "OIT": D("99")}
    assert rate(framework, D("94.64"), tools).label == "ผ่าน"
    tools["EIT"] = D("85")
    assert rate(framework, D("94.64"), tools).label == "ผ่านดี"


# --------------------------------------------------------------------------- incomplete / official


def test_missing_indicators_give_no_total(catalog: FrameworkCatalog) -> None:
    scores = dict(TRAT_2564)
    del scores[4], scores[10]
    result = score(catalog.get(2564), scores, official_total=D("81.45"))
    assert result.total is None
    assert result.rating is None
    assert not result.complete
    assert result.missing_indicators == (4, 10)
    assert "4, 10" in result.explanation_th
    assert result.tool_scores == {"EIT": D("89.27")}  # only the complete tool
    assert result.official_difference is None
    assert result.warnings_th == ()


def test_no_scores_at_all(catalog: FrameworkCatalog) -> None:
    result = score(catalog.get(2566), {})
    assert result.missing_indicators == tuple(range(1, 11))
    assert result.tool_scores == {}
    assert result.total is None


def test_scores_for_unknown_indicators_are_ignored(catalog: FrameworkCatalog) -> None:
    scores = {**TRAT_2564, 11: D("0")}
    assert score(catalog.get(2564), scores).total == D("81.45")


@pytest.mark.parametrize(
    ("official", "difference"),
    [("81.47", "0.02"), ("81.43", "-0.02"), ("85.00", "3.55")],
)
def test_official_total_differing_more_than_0_01_warns(
    catalog: FrameworkCatalog, official: str, difference: str
) -> None:
    result = score(catalog.get(2564), TRAT_2564, official_total=D(official))
    assert result.official_difference == D(difference)
    (warning,) = result.warnings_th
    assert "ป.ป.ช." in warning
    assert official in warning and "81.45" in warning
    assert difference.lstrip("-") in warning


@pytest.mark.parametrize("official", ["81.46", "81.44", "81.45"])
def test_official_total_within_0_01_is_accepted(catalog: FrameworkCatalog, official: str) -> None:
    result = score(catalog.get(2564), TRAT_2564, official_total=D(official))
    assert result.official_total == D(official)
    assert result.official_difference is None
    assert result.warnings_th == ()


# --------------------------------------------------------------------------- compare


def test_compare_gives_deltas(catalog: FrameworkCatalog) -> None:
    previous = by_tool("80", "80", "60")
    current = dict(TRAT_2564)
    previous_result = score(catalog.get(2563), previous)
    current_result = score(catalog.get(2564), current)
    comparison = compare(current, current_result, previous, previous_result)
    assert comparison.previous_year == 2563
    assert comparison.indicators[1] == D("13.55")
    assert comparison.indicators[10] == D("5.56")
    assert comparison.tools == {"IIT": D("9.95"), "EIT": D("9.27"), "OIT": D("9.23")}
    assert previous_result.total == D("72.00")
    assert comparison.total == D("9.45")


def test_compare_with_missing_figures_gives_none(catalog: FrameworkCatalog) -> None:
    previous = by_tool("80", "80", "80")
    del previous[2]
    current = dict(TRAT_2564)
    del current[9]
    comparison = compare(
        current,
        score(catalog.get(2564), current),
        previous,
        score(catalog.get(2563), previous),
    )
    assert comparison.indicators[2] is None
    assert comparison.indicators[9] is None
    assert comparison.indicators[1] == D("13.55")
    assert comparison.tools["IIT"] is None  # previous IIT incomplete
    assert comparison.tools["EIT"] == D("9.27")
    assert comparison.tools["OIT"] is None  # current OIT incomplete
    assert comparison.total is None


def test_compare_negative_delta(catalog: FrameworkCatalog) -> None:
    previous = by_tool("99.66", "99.66", "99.66")
    current = by_tool("96.44", "96.44", "96.44")
    comparison = compare(
        current,
        score(catalog.get(2568), current),
        previous,
        score(catalog.get(2567), previous),
    )
    assert comparison.total == D("-3.22")
    assert comparison.tools["OIT"] == D("-3.22")


# --------------------------------------------------------------------------- themes


# Seed 004 (เทศบาลตำบลบึงไผ่, ITA 2566) item scores, as printed.
SEED_004_SCORES = {
    "i19": "88.93",
    "i20": "88.93",
    "i21": "90.07",
    "i22": "93.37",
    "i23": "96.67",
    "i24": "87.83",
    "i1": "92.52",
    "e6": "73.50",
    "O7": "0",
    "O1": "100",
}


def test_theme_item_scores_2566(catalog: FrameworkCatalog) -> None:
    framework = catalog.get(2566)
    item_scores = {code: D(value) for code, value in SEED_004_SCORES.items()}
    grouped = theme_item_scores(framework, item_scores)
    assert [name for name, _, _ in grouped] == [theme.name_th for theme in framework.themes]
    assert len(grouped) == 7

    name, entries, mean = grouped[3]
    assert name == "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ"
    assert [code for code, _ in entries] == ["i19", "i20", "i21", "i22", "i23", "i24"]
    # (88.93 + 88.93 + 90.07 + 93.37 + 96.67 + 87.83) / 6 = 90.9666…
    assert mean == D("90.97")

    # i1 belongs to themes 1 and 2; only entered codes are listed, in the theme's order.
    assert grouped[0][1] == [("i1", D("92.52"))]
    assert grouped[1][1] == [("i1", D("92.52"))]
    assert grouped[2][1] == [("e6", D("73.50")), ("O1", D("100")), ("O7", D("0"))]
    assert grouped[2][2] == D("57.83")
    # nothing entered for themes 5–7
    assert [(entries, mean) for _, entries, mean in grouped[4:]] == [([], None)] * 3


def test_theme_item_scores_without_items_fall_back_to_indicators(
    catalog: FrameworkCatalog,
) -> None:
    # 2567 has no item list: the themes can only group items the clerk imports.
    grouped = theme_item_scores(catalog.get(2567), {"i1": D("90")})
    assert len(grouped) == 7
    assert all(entries == [] and mean is None for _, entries, mean in grouped)
