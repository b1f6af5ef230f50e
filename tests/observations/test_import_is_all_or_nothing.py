"""A file with one bad row writes nothing; a dry run checks and counts but writes nothing."""

import pytest

from plantrack.accounts.choices import Role
from plantrack.observations.imports import import_observations
from plantrack.observations.models import ImportBatch

pytestmark = pytest.mark.django_db

HEADER = ("indicator", "unit", "period", "value", "status", "source")
# Against the demo: a new figure, a changed one (2024 trade turnover was 946,462) and one
# unchanged (the published 2024 GRDP growth of 6,74, with its source).
GOOD_ROWS = [
    ("trade_turnover", "04", "2025", "1.020,5", "ước", "Sở Công Thương, báo cáo tháng 12/2025"),
    ("trade_turnover", "04", "2024", "950,1", "chính thức", "Cục Hải quan"),
]


@pytest.fixture
def planner(demo_member):
    return demo_member("phuong", Role.PLANNER, "STC")


def test_one_bad_row_leaves_every_table_exactly_as_it_was(demo, csv_file, planner, tables):
    content = csv_file([*GOOD_ROWS, ("grdp_growth", "04", "2025", "bảy phẩy hai", "ước", "")])
    before = tables()

    report = import_observations(content, "mot-dong-hong.csv", user=planner)

    assert [(p.code, p.row) for p in report.errors] == [("not_a_number", 4)]
    assert not report.written
    assert report.batch is None
    assert (report.created, report.changed, report.unchanged) == (0, 0, 0)
    assert tables() == before


def test_a_dry_run_counts_what_it_would_write_and_writes_nothing(demo, csv_file, planner, tables):
    content = csv_file([*GOOD_ROWS, ("trade_turnover", "04", "2023", "661", "ước", "")])
    before = tables()

    report = import_observations(content, "chay-thu.csv", user=planner, dry_run=True)

    assert report.errors == []
    assert report.dry_run
    assert not report.written
    assert report.batch is None
    assert (report.rows, report.created, report.changed, report.unchanged) == (3, 1, 1, 1)
    assert tables() == before


def test_the_same_file_without_dry_run_writes_what_the_dry_run_counted(demo, csv_file, planner):
    content = csv_file([*GOOD_ROWS, ("trade_turnover", "04", "2023", "661", "ước", "")])
    dry = import_observations(content, "that.csv", user=planner, dry_run=True)

    real = import_observations(content, "that.csv", user=planner)

    assert real.written
    assert (real.created, real.changed, real.unchanged) == (dry.created, dry.changed, dry.unchanged)
    assert ImportBatch.objects.get() == real.batch


def test_a_dry_run_of_a_bad_file_reports_its_problems(demo, csv_file, planner, tables):
    content = csv_file([("grdp_growth", "04", "2025", "1.234", "", "")])
    before = tables()

    report = import_observations(content, "chay-thu.csv", user=planner, dry_run=True)

    assert [p.code for p in report.errors] == ["ambiguous_number"]
    assert tables() == before
