"""Indicators and units are matched by code or by name without diacritics and case; a name
that fits several is reported, and a unit is looked for among those alive in the period.

Real Cao Bằng units: six old communes share a name with another (Hưng Đạo exists in three
districts) and new communes took old codes and names.
"""

import pytest

from plantrack.accounts.choices import Role
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation
from plantrack.plans.models import Indicator

pytestmark = pytest.mark.django_db

HEADER = ("indicator", "unit", "period", "value")


@pytest.fixture
def planner(demo_member):
    return demo_member("phuong", Role.PLANNER, "STC")


def run(csv_file, planner, *rows):
    return import_observations(csv_file(rows, HEADER), "so-lieu.csv", user=planner)


def only_problem(report):
    (problem,) = report.errors
    return problem


def test_an_indicator_is_found_by_its_name_without_diacritics_and_case(demo, csv_file, planner):
    report = run(csv_file, planner, ("toc do tang truong grdp (gia so sanh)", "04", "2026", "7"))

    assert report.errors == []
    assert Observation.objects.get(period="2026").indicator.code == "grdp_growth"


def test_an_indicator_is_found_by_its_english_name_and_its_code_in_any_case(
    demo, csv_file, planner
):
    report = run(
        csv_file,
        planner,
        ("GRDP growth (constant prices)", "04", "2026", "7"),
        ("TRADE_TURNOVER", "04", "2026", "1.000,5"),
    )

    assert report.errors == []
    assert report.created == 2


def test_an_unknown_indicator_is_reported_with_the_name_given(demo, csv_file, planner):
    problem = only_problem(run(csv_file, planner, ("grdp_grwth", "04", "2026", "7")))

    assert (problem.code, problem.row, problem.column, problem.value) == (
        "unknown_indicator",
        2,
        "indicator",
        "grdp_grwth",
    )
    assert problem.message == "Không có chỉ số “grdp_grwth” (theo mã hay tên)."


def test_a_name_shared_by_two_indicators_is_ambiguous(demo, csv_file, planner):
    Indicator.objects.create(code="grdp_growth_alt", name="Tốc độ tăng trưởng GRDP (giá so sánh)")

    problem = only_problem(
        run(csv_file, planner, ("Tốc độ tăng trưởng GRDP (giá so sánh)", "04", "2026", "7"))
    )

    assert problem.code == "ambiguous_indicator"
    assert problem.message == (
        "Tên chỉ số “Tốc độ tăng trưởng GRDP (giá so sánh)” khớp nhiều chỉ số: hãy dùng mã chỉ số."
    )


def test_an_unknown_unit_is_reported(demo, csv_file, planner):
    problem = only_problem(run(csv_file, planner, ("grdp_growth", "99999", "2024", "7")))

    assert (problem.code, problem.column, problem.value) == ("unknown_unit", "unit", "99999")
    assert problem.message == "Không có đơn vị hành chính “99999” (theo mã hay tên)."


def test_hung_dao_in_2024_is_ambiguous_three_communes_carried_the_name(demo, csv_file, planner):
    problem = only_problem(run(csv_file, planner, ("grdp_growth", "Xã Hưng Đạo", "2024", "7")))

    assert problem.code == "ambiguous_unit"
    assert problem.message == (
        "Tên đơn vị “Xã Hưng Đạo” khớp nhiều đơn vị hành chính: hãy dùng mã đơn vị (mã thống kê)."
    )


def test_hung_dao_in_2026_is_the_one_commune_alive_then(demo, csv_file, planner):
    report = run(csv_file, planner, ("grdp_growth", "hung dao", "2026", "7"))

    assert report.errors == []
    unit = Observation.objects.get(period="2026").unit
    assert (unit.code, unit.valid_from.isoformat()) == ("01351", "2025-07-01")


def test_a_name_kept_by_a_new_commune_is_the_old_one_before_the_reform(demo, csv_file, planner):
    report = run(
        csv_file,
        planner,
        ("grdp_growth", "Phường Tân Giang", "2024", "7"),
        ("grdp_growth", "tan giang", "2026", "7"),
    )

    assert report.errors == []
    codes = dict(
        Observation.objects.filter(
            indicator__code="grdp_growth", unit__code__in=["01276", "01288"]
        ).values_list("period", "unit__code")
    )
    assert codes == {"2024": "01276", "2026": "01288"}


def test_a_code_that_lost_its_leading_zero_in_a_spreadsheet_is_found(demo, csv_file, planner):
    report = run(
        csv_file, planner, ("grdp_growth", "4", "2026", "7"), ("grdp_growth", "1273", "2026", "7")
    )

    assert report.errors == []
    assert set(Observation.objects.filter(period="2026").values_list("unit__code", flat=True)) == {
        "04",
        "01273",
    }


def test_a_code_reused_by_a_new_commune_names_the_unit_alive_in_the_period(demo, csv_file, planner):
    # 01273 was Phường Hợp Giang until 30 June 2025 and is Phường Thục Phán since.
    report = run(
        csv_file,
        planner,
        ("grdp_growth", "01273", "2024", "7"),
        ("grdp_growth", "01273", "2026", "7"),
    )

    assert report.errors == []
    names = dict(
        Observation.objects.filter(indicator__code="grdp_growth", unit__code="01273").values_list(
            "period", "unit__name"
        )
    )
    assert names == {"2024": "Phường Hợp Giang", "2026": "Phường Thục Phán"}
