"""Values: a number, in the indicator's allowed range, percentages within 0–100, ranks whole
and positive, a known status word, each figure once in a file."""

import pytest

from plantrack.accounts.choices import Role
from plantrack.observations.choices import FigureStatus
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation
from plantrack.plans.choices import ValueType
from plantrack.plans.models import Indicator

pytestmark = pytest.mark.django_db

HEADER = ("indicator", "unit", "period", "value", "status")


@pytest.fixture
def planner(demo_member):
    return demo_member("phuong", Role.PLANNER, "STC")


def problems(csv_file, planner, *rows):
    report = import_observations(csv_file(rows, HEADER), "gia-tri.csv", user=planner)
    return [(p.code, p.row, p.column, p.value, p.message) for p in report.errors]


def test_a_value_below_the_indicators_minimum_is_out_of_range(demo, csv_file, planner):
    assert problems(csv_file, planner, ("doctors_per_10k", "04", "2024", "-1,5")) == [
        (
            "out_of_range",
            2,
            "value",
            "-1,5",
            "Giá trị -1,5 nằm ngoài khoảng cho phép 0 – … của doctors_per_10k.",
        )
    ]


def test_a_percentage_above_100_is_out_of_range(demo, csv_file, planner):
    assert problems(
        csv_file, planner, ("poverty_rate_multidimensional", "04", "2025", "101,5")
    ) == [
        (
            "out_of_range",
            2,
            "value",
            "101,5",
            "Giá trị 101,5 nằm ngoài khoảng cho phép 0 – 100 của poverty_rate_multidimensional.",
        )
    ]


def test_a_percentage_keeps_within_0_100_even_without_a_range_of_its_own(demo, csv_file, planner):
    Indicator.objects.create(
        code="forest_cover", name="Tỷ lệ che phủ rừng", value_type=ValueType.PERCENT
    )

    assert [
        p[:2] for p in problems(csv_file, planner, ("forest_cover", "04", "2024", "1.234,5"))
    ] == [("out_of_range", 2)]


@pytest.mark.parametrize(("value", "shown"), [("2,5", "2,5"), ("0", "0"), ("-3", "-3")])
def test_a_rank_must_be_a_positive_whole_number(value, shown, demo, csv_file, planner):
    assert problems(csv_file, planner, ("pci_rank", "04", "2024", value)) == [
        (
            "out_of_range",
            2,
            "value",
            value,
            f"Thứ hạng phải là số nguyên dương, không phải {shown}.",
        )
    ]


def test_a_value_that_is_not_a_number_or_is_missing_is_reported(demo, csv_file, planner):
    assert problems(
        csv_file,
        planner,
        ("grdp_growth", "04", "2026", "khoảng 7"),
        ("grdp_growth", "04", "2027", ""),
    ) == [
        ("not_a_number", 2, "value", "khoảng 7", "“khoảng 7” không phải là một số."),
        ("missing_value", 3, "value", "", "Thiếu giá trị."),
    ]


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("ước", FigureStatus.ESTIMATE),
        ("Ước thực hiện", FigureStatus.ESTIMATE),
        ("sơ bộ", FigureStatus.PRELIMINARY),
        ("CHINH THUC", FigureStatus.OFFICIAL),
        ("official", FigureStatus.OFFICIAL),
        ("", FigureStatus.ESTIMATE),
    ],
)
def test_status_words_in_vietnamese_or_english(word, status, demo, csv_file, planner):
    assert problems(csv_file, planner, ("grdp_growth", "04", "2026", "7", word)) == []
    assert Observation.objects.get(period="2026").status == status


def test_an_unknown_status_word_is_reported_with_the_accepted_words(demo, csv_file, planner):
    assert problems(csv_file, planner, ("grdp_growth", "04", "2026", "7", "tạm tính")) == [
        (
            "unknown_status",
            2,
            "status",
            "tạm tính",
            "Tình trạng số liệu “tạm tính” không hợp lệ: dùng ước thực hiện, sơ bộ hoặc chính "
            "thức (estimate, preliminary, official).",
        )
    ]


def test_a_figure_given_twice_in_a_file_is_reported_on_the_second_row(demo, csv_file, planner):
    assert problems(
        csv_file,
        planner,
        ("grdp_growth", "04", "2026", "7"),
        ("trade_turnover", "04", "2026", "900"),
        ("GRDP_GROWTH", "4", "2026", "7,5"),
    ) == [("duplicate_row", 4, "value", "7,5", "Giá trị này đã có ở dòng 2 của tệp.")]


def test_every_problem_of_a_row_is_reported_not_just_the_first(demo, csv_file, planner):
    found = problems(csv_file, planner, ("no_such", "99999", "2024q5", "x", "?"))

    assert sorted(code for code, *_rest in found) == [
        "invalid_period",
        "not_a_number",
        "unknown_indicator",
        "unknown_status",
        "unknown_unit",
    ]
