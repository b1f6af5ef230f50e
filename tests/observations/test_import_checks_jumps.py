"""A value that jumps beyond the threshold from the unit's previous one needs a comment:
without one it refuses the file, with one it is a warning and the value is written."""

from decimal import Decimal

import pytest

from plantrack.accounts.choices import Role
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db

HEADER = ("indicator", "unit", "period", "value", "comment")
# The demo holds Cao Bằng's GRDP at current prices for 2024: 25.204 billion VND.
JUMP_MESSAGE = (
    "Giá trị 40.000 thay đổi 59 % so với 25.204 của kỳ 2024 (ngưỡng 50 %): hãy ghi chú giải "
    "thích ở cột ghi chú."
)


@pytest.fixture
def planner(demo_member):
    return demo_member("phuong", Role.PLANNER, "STC")


def run(csv_file, planner, *rows):
    # "40.000" alone is ambiguous: the agency declares its Vietnamese numbers.
    return import_observations(csv_file(rows, HEADER), "tang-vot.csv", user=planner, locale="vi")


def test_a_jump_without_a_comment_refuses_the_file(demo, csv_file, planner):
    report = run(csv_file, planner, ("grdp_current", "04", "2025", "40.000", ""))

    (problem,) = report.problems
    assert (problem.code, problem.severity, problem.row, problem.column, problem.value) == (
        "needs_comment",
        "error",
        2,
        "value",
        "40.000",
    )
    assert problem.message == JUMP_MESSAGE
    assert not report.written
    assert not Observation.objects.filter(indicator__code="grdp_current", period="2025").exists()


def test_a_jump_with_a_comment_is_a_warning_and_is_written_with_its_comment(
    demo, csv_file, planner
):
    comment = "Nhà máy mới đi vào hoạt động"

    report = run(csv_file, planner, ("grdp_current", "04", "2025", "40.000", comment))

    assert report.errors == []
    (warning,) = report.warnings
    assert (warning.code, warning.row) == ("needs_comment", 2)
    assert warning.message == (
        "Giá trị 40.000 thay đổi 59 % so với 25.204 của kỳ 2024 (ngưỡng 50 %); đã có ghi chú "
        "giải thích."
    )
    assert report.written
    stored = Observation.objects.get(indicator__code="grdp_current", period="2025")
    assert (stored.value, stored.comment) == (Decimal("40000"), comment)


def test_a_change_within_the_threshold_needs_no_comment(demo, csv_file, planner):
    report = run(csv_file, planner, ("grdp_current", "04", "2025", "28.000", ""))

    assert report.problems == []


def test_the_files_own_earlier_periods_count_as_history(demo, csv_file, planner):
    # 2026 is 5 % above the file's 2025, though 67 % above the stored 2024.
    report = run(
        csv_file,
        planner,
        ("grdp_current", "04", "2025", "40.000", "Nhà máy mới"),
        ("grdp_current", "04", "2026", "42.000", ""),
    )

    assert [(p.code, p.severity, p.row) for p in report.problems] == [
        ("needs_comment", "warning", 2)
    ]
    assert report.written


def test_the_threshold_is_a_setting(demo, csv_file, planner, settings):
    settings.PLANTRACK_OUTLIER_THRESHOLD = "0.8"

    report = run(csv_file, planner, ("grdp_current", "04", "2025", "40.000", ""))

    assert report.problems == []
    assert report.written


def test_a_growth_rate_is_judged_by_its_change_in_points(demo, csv_file, planner):
    # 2025 growth was 7,22 %: 3,5 % for 2026 is 3,72 points off (52 % in proportion),
    # ordinary for a rate; 20 % for 2027 is 16,5 points off 2026, beyond the 10 points.
    ordinary = run(csv_file, planner, ("grdp_growth", "04", "2026", "3,5", ""))
    jump = run(csv_file, planner, ("grdp_growth", "04", "2027", "20", ""))

    assert ordinary.problems == []
    (problem,) = jump.errors
    assert problem.code == "needs_comment"
    assert problem.message == (
        "Tốc độ 20 % thay đổi 16,5 điểm phần trăm so với 3,5 % của kỳ 2026 (ngưỡng 10 điểm): "
        "hãy ghi chú giải thích ở cột ghi chú."
    )


def test_a_value_already_stored_for_its_period_needs_no_comment_again(demo, csv_file, planner):
    # 2024 GRDP at current prices is stored as 25.204, 11 % above 2023's 22.747; 2021's 19.843
    # is 39 % below 2023's. Sent again (a re-import, an export read back), neither is judged.
    report = run(
        csv_file,
        planner,
        ("grdp_current", "04", "2024", "25.204", ""),
        ("grdp_current", "04", "2021", "19.843", ""),
    )

    assert report.problems == []
    assert report.unchanged == 2
