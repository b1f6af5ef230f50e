"""Numbers in Vietnamese (1.234,5) and English (1,234.5) style; an ambiguous 1.234 follows the
declared locale, else the style the file's other numbers show, else it is reported."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation
from plantrack.plans.models import Indicator
from plantrack.tabular.numbers import format_number, number_locale, read_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(industry, province):
    """Three plain number indicators, so one file can carry three values for one unit."""
    return [
        Indicator.objects.create(code=code, name=code, owner=industry)
        for code in ("revenue", "exports", "imports")
    ]


def load(csv_file, user, *values, locale=None):
    codes = ("revenue", "exports", "imports")
    rows = [(code, "04", "2024", value) for code, value in zip(codes, values, strict=False)]
    content = csv_file(rows, ("indicator", "unit", "period", "value"))
    report = import_observations(content, "so-lieu.csv", user=user, locale=locale)
    stored = {o.indicator.code: o.value for o in Observation.objects.select_related("indicator")}
    return report, stored


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("6,74", "6.74"),
        ("6.74", "6.74"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("-1.234,5", "-1234.5"),
        ("1 234,5", "1234.5"),
    ],
)
def test_a_number_that_shows_its_style_is_read_without_a_locale(
    text, expected, csv_file, planner, figures
):
    report, stored = load(csv_file, planner, text)

    assert report.errors == []
    assert stored == {"revenue": Decimal(expected)}


@pytest.mark.parametrize(("locale", "expected"), [("vi", "1234"), ("en", "1.234")])
def test_an_ambiguous_number_follows_the_declared_locale(
    locale, expected, csv_file, planner, figures
):
    report, stored = load(csv_file, planner, "1.234", locale=locale)

    assert report.errors == []
    assert stored == {"revenue": Decimal(expected)}


@pytest.mark.parametrize(
    ("other", "locale", "expected"), [("6,74", "vi", "1234"), ("6.74", "en", "1.234")]
)
def test_an_ambiguous_number_follows_the_style_of_the_files_other_numbers(
    other, locale, expected, csv_file, planner, figures
):
    report, stored = load(csv_file, planner, "1.234", other)

    assert report.errors == []
    assert report.locale == locale
    assert stored["revenue"] == Decimal(expected)


def test_a_number_showing_its_own_style_is_read_so_under_the_other_declared_locale(
    csv_file, planner, figures
):
    report, stored = load(csv_file, planner, "1,234.5", "1.234", locale="vi")

    assert report.errors == []
    assert stored == {"revenue": Decimal("1234.5"), "exports": Decimal("1234")}


def test_an_undecidable_ambiguous_number_is_reported_where_it_is(csv_file, planner, figures):
    report, stored = load(csv_file, planner, "1.234", "160.200")

    assert stored == {}
    assert [(p.code, p.row, p.column, p.value) for p in report.errors] == [
        ("ambiguous_number", 2, "value", "1.234"),
        ("ambiguous_number", 3, "value", "160.200"),
    ]
    assert report.errors[0].message == (
        "Số “1.234” đọc được hai cách (1.234 là một nghìn hai trăm ba mươi tư theo kiểu Việt "
        "Nam, một phẩy hai ba bốn theo kiểu Anh): hãy khai báo kiểu số của tệp."
    )


def test_mixed_styles_are_reported_on_the_rows_of_the_less_used_style(csv_file, planner, figures):
    report, stored = load(csv_file, planner, "1.234,5", "6,74", "1,234.5")

    assert stored == {}
    (problem,) = report.errors
    assert (problem.code, problem.file, problem.row, problem.value) == (
        "mixed_number_formats",
        "so-lieu.csv",
        4,
        "1,234.5",
    )
    assert "1,234.5" in problem.message


def test_an_unknown_declared_locale_is_refused(csv_file, planner, figures):
    report, stored = load(csv_file, planner, "6,74", locale="fr")

    assert [p.code for p in report.errors] == ["unknown_locale"]
    assert stored == {}


@pytest.mark.parametrize(
    ("text", "locale"),
    [("1.234,5", "vi"), ("6,74", "vi"), ("1.234.567", "vi"), ("1,234.5", "en"), ("6.74", "en")]
    + [("1.234", None), ("1,234", None), ("160.200", None), ("1234", None)],
)
def test_the_style_a_number_shows(text, locale):
    assert number_locale(text) == locale


values = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=3, allow_nan=False
)


@given(value=values, locale=st.sampled_from(["vi", "en"]))
def test_a_number_formatted_in_a_locale_reads_back_in_that_locale(value, locale):
    text = format_number(value, locale)

    assert read_number(text, locale) == (value, None)
