"""A JSON file: a list of figures, or an object with "observations" and its "locale"."""

from decimal import Decimal

import pytest

from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


def record(value, period="2024", **fields):
    return {"indicator": "grdp_growth", "unit": "04", "period": period, "value": value} | fields


def test_a_list_of_figures_is_read_with_numbers_as_numbers(
    json_file, planner, grdp_growth, province
):
    content = json_file(
        [
            record(6.74, status="chính thức", source="Cục Thống kê", comment="báo cáo năm"),
            record("7,22", period=2025),
        ]
    )

    report = import_observations(content, "so-lieu.json", user=planner)

    assert report.errors == []
    assert (report.file_format, report.layout, report.created) == ("json", "long", 2)
    by_period = {o.period: o for o in Observation.objects.all()}
    assert by_period["2024"].value == Decimal("6.74")
    assert (by_period["2024"].status, by_period["2024"].source) == ("official", "Cục Thống kê")
    assert by_period["2025"].value == Decimal("7.22")


@pytest.mark.parametrize(("locale", "expected"), [("vi", "1234"), ("en", "1.234")])
def test_an_object_declares_the_locale_of_its_ambiguous_numbers(
    locale, expected, json_file, planner, grdp_growth, province
):
    content = json_file([record("1.234")], locale=locale)

    report = import_observations(content, "so-lieu.json", user=planner)

    assert report.errors == []
    assert report.locale == locale
    assert Observation.objects.get().value == Decimal(expected)


def test_the_vietnamese_keys_are_accepted(json_file, planner, grdp_growth, province):
    content = json_file(
        [{"chỉ số": "grdp_growth", "đơn vị": "04", "kỳ": "2024", "giá trị": 6.74}], wrap=True
    )

    assert import_observations(content, "so-lieu.json", user=planner).created == 1


def test_problems_name_the_item_and_the_key(json_file, planner, grdp_growth, province):
    content = json_file([record(6.74), record("abc", period="2025")])

    report = import_observations(content, "so-lieu.json", user=planner)

    (problem,) = report.errors
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "so-lieu.json",
        2,
        "value",
        "abc",
    )


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b'[{"indicator": "grdp_growth",', "invalid_json"),
        (b'{"figures": []}', "invalid_json"),
        (b"[1, 2]", "invalid_json"),
        (b'{"locale": "fr", "observations": []}', "unknown_locale"),
        (
            b'[{"indicator": "grdp_growth", "unit": "04", "period": "2024", "value": NaN}]',
            "not_a_number",
        ),
    ],
    ids=["broken", "no-observations", "not-objects", "unknown-locale", "nan"],
)
def test_a_malformed_json_file_is_refused(content, code, planner, grdp_growth, province):
    report = import_observations(content, "hong.json", user=planner)

    assert code in {p.code for p in report.errors}
    assert all(p.file == "hong.json" for p in report.errors)
    assert not Observation.objects.exists()


def test_a_json_file_is_recognised_by_its_content_whatever_its_name(
    json_file, planner, grdp_growth, province
):
    report = import_observations(json_file([record(6.74)]), "so-lieu.txt", user=planner)

    assert report.file_format == "json"
    assert report.created == 1
