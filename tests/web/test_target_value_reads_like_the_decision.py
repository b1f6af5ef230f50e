"""A target's commitment reads as a phrase in the active language: "≥ 9,72 %/năm"."""

from decimal import Decimal

import pytest
from django.utils import translation

from plantrack.plans.choices import Comparator, TargetKind
from plantrack.plans.models import Target
from plantrack.web.templatetags.plantrack import (
    describe_target_value,
    number,
    period_label,
    target_years,
)


def target(**fields) -> Target:
    defaults = {"kind": TargetKind.LEVEL, "target_year": 2030, "phrase": "…"}
    return Target(**(defaults | fields))


@pytest.mark.parametrize(
    ("fields", "vietnamese", "english"),
    [
        (
            {"comparator": Comparator.GTE, "value": Decimal("9.720000"), "unit": "%/năm"},
            "≥ 9,72 %/năm",
            "≥ 9.72 %/year",
        ),
        (
            {"comparator": Comparator.APPROX, "value": Decimal("102"), "unit": "triệu đồng/người"},
            "khoảng 102 triệu đồng/người",
            "about 102 million VND per person",  # the word and the unit in English
        ),
        (
            {
                "comparator": Comparator.APPROX,
                "value": Decimal("75"),
                "upper_value": Decimal("80.000000"),
                "unit": "triệu đồng/người",
            },
            "75–80 triệu đồng/người",
            "75–80 million VND per person",
        ),
        (
            {"comparator": Comparator.LT, "value": Decimal("-4.0"), "unit": "điểm %/năm"},
            "< -4 điểm %/năm",
            "< -4 percentage points a year",
        ),
        (
            {"comparator": Comparator.EQ, "value": Decimal("3.3"), "unit": "%"},
            "3,3 %",
            "3.3 %",
        ),
        ({"kind": TargetKind.QUALITATIVE}, "", ""),
    ],
)
def test_target_value_reads_in_each_language(fields, vietnamese, english):
    with translation.override("vi"):
        assert describe_target_value(target(**fields)) == vietnamese
    with translation.override("en"):
        assert describe_target_value(target(**fields)) == english


def test_number_drops_trailing_zeros_and_never_uses_an_exponent():
    with translation.override("vi"):
        assert number(Decimal("2.240000")) == "2,24"
        assert number(Decimal("102.000000")) == "102"
        assert number(Decimal("0.000000")) == "0"
        assert "E" not in number(Decimal("160200.000000"))
        assert number(None) == ""


def test_number_rounds_to_the_indicators_decimals():
    with translation.override("vi"):
        assert number(Decimal("47.126789"), 2) == "47,13"
        assert number(Decimal("7.000000"), 2) == "7"


def test_target_years_show_a_period_or_one_year():
    assert target_years(target(start_year=2021, target_year=2030)) == "2021–2030"
    assert target_years(target(target_year=2025)) == "2025"


def test_period_label_reads_quarters_and_months():
    with translation.override("vi"):
        assert period_label("2024") == "2024"
        assert period_label("2024Q3") == "quý 3/2024"
        assert period_label("2024-07") == "tháng 7/2024"
        assert period_label("không phải kỳ") == "không phải kỳ"
