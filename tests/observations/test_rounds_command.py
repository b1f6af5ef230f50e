"""``plantrack rounds [--late] [--as-of DATE] [--format table|json|csv]`` lists the rounds,
each agency's figures and its on-time record; ``--late`` keeps only who is behind."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from rounds_helpers import (
    at,
    make_hospital_beds,
    make_industry_output,
    open_year_round,
    submitted_figure,
)

from plantrack.observations.rounds import close_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def rounds(planner, reporter, other_reporter, province, industry, health, grdp_growth):
    """A closed 2024 round that both agencies met on time, and the 2025 round, due 15/12/2025:
    Sở Công Thương reported one figure on time and one late, Sở Y tế nothing yet."""
    industry_output = make_industry_output(industry)
    hospital_beds = make_hospital_beds(health)
    last_year = open_year_round(
        planner,
        [(industry, [grdp_growth]), (health, [hospital_beds])],
        period="2024",
        deadline=datetime.date(2024, 12, 15),
    )
    submitted_figure(grdp_growth, province, "2024", user=reporter, submitted=at("2024-12-10"))
    submitted_figure(
        hospital_beds, province, "2024", user=other_reporter, submitted=at("2024-12-11")
    )
    close_round(last_year, user=planner, as_of=datetime.date(2024, 12, 31))

    this_year = open_year_round(
        planner, [(industry, [grdp_growth, industry_output]), (health, [hospital_beds])]
    )
    submitted_figure(grdp_growth, province, "2025", user=reporter, submitted=at("2025-12-12 10:00"))
    submitted_figure(
        industry_output, province, "2025", user=reporter, submitted=at("2025-12-17 14:30")
    )
    return last_year, this_year


def run(*args) -> str:
    out = io.StringIO()
    call_command("rounds", *args, stdout=out)
    return out.getvalue()


def test_table_lists_every_round_and_agency_with_its_record(rounds):
    last_year, this_year = rounds

    output = run("--as-of", "2025-12-20")

    assert "Tính đến 20/12/2025 23:59." in output
    assert (
        f"Đợt #{this_year.pk} “Số liệu năm 2025” — kỳ 2025, hạn hết ngày 15/12/2025: "
        "Đã quá hạn, chưa đóng"
    ) in output
    assert (
        f"Đợt #{last_year.pk} “Số liệu năm 2024” — kỳ 2024, hạn hết ngày 15/12/2024: Đã đóng"
    ) in output
    assert (
        "  Sở Công Thương (SCT): phải báo cáo 2; đúng hạn 1, muộn 1, quá hạn 0, không báo cáo 0, "
        "chưa đến hạn 0 · đúng hạn qua các đợt đã đóng: 1/1 (100,0 %), 1 đợt"
    ) in output
    assert (
        "    [Báo cáo muộn] industry_output_growth · 04 Tỉnh Cao Bằng · "
        "báo cáo lúc 17/12/2025 14:30"
    ) in output
    assert "    [Quá hạn, chưa báo cáo] hospital_beds_per_10000 · 04 Tỉnh Cao Bằng" in output
    # The newest deadline first.
    assert output.index(f"Đợt #{this_year.pk}") < output.index(f"Đợt #{last_year.pk}")


def test_late_keeps_only_the_figures_and_agencies_that_are_behind(rounds):
    last_year, this_year = rounds

    output = run("--late", "--as-of", "2025-12-20")

    assert f"Đợt #{last_year.pk} " not in output  # everyone was on time
    assert f"Đợt #{this_year.pk} " in output
    assert "[Báo cáo muộn] industry_output_growth" in output
    assert "[Quá hạn, chưa báo cáo] hospital_beds_per_10000" in output
    assert "[Báo cáo đúng hạn]" not in output


def test_late_before_the_deadline_finds_nobody(rounds):
    output = run("--late", "--as-of", "2025-12-14")

    assert output.strip() == "Không có cơ quan nào chậm báo cáo (tính đến 14/12/2025 23:59)."


def test_json_gives_each_round_agency_and_figure(rounds):
    data = json.loads(run("--format", "json", "--as-of", "2025-12-20"))

    this_year, last_year = data
    assert (this_year["period"], this_year["deadline"], this_year["state"]) == (
        "2025",
        "2025-12-15",
        "past_deadline",
    )
    assert last_year["state"] == "closed" and last_year["closed_at"].startswith("2024-12-31T23:59")
    industry = this_year["agencies"][0]
    assert (industry["code"], industry["owed"], industry["on_time"], industry["late"]) == (
        "SCT",
        2,
        1,
        1,
    )
    assert industry["record"] == {
        "rounds": 1,
        "rounds_on_time": 1,
        "owed": 1,
        "on_time": 1,
        "late": 0,
        "never": 0,
        "rate": 1.0,
    }
    assert industry["figures"][1] == {
        "indicator": "industry_output_growth",
        "unit": "04",
        "unit_name": "Tỉnh Cao Bằng",
        "state": "late",
        "state_label": "Báo cáo muộn",
        "reported_at": "2025-12-17T14:30:00+07:00",
    }


def test_csv_has_one_row_per_owed_figure_and_late_filters_them(rounds):
    this_year = str(rounds[1].pk)
    rows = list(csv.DictReader(io.StringIO(run("--format", "csv", "--as-of", "2025-12-20"))))
    late = list(
        csv.DictReader(io.StringIO(run("--format", "csv", "--late", "--as-of", "2025-12-20")))
    )

    assert len(rows) == 5
    assert [(r["round"], r["agency"], r["indicator"], r["state"]) for r in late] == [
        (this_year, "SCT", "industry_output_growth", "late"),
        (this_year, "SYT", "hospital_beds_per_10000", "overdue"),
    ]


def test_as_of_leaves_out_rounds_not_yet_opened(rounds):
    last_year, this_year = rounds

    output = run("--as-of", "2025-01-01")

    assert f"Đợt #{last_year.pk} " in output and f"Đợt #{this_year.pk} " not in output


def test_no_rounds_says_so(db):
    assert run().startswith("Chưa có đợt báo cáo nào (tính đến ")


def test_a_bad_date_is_a_usage_error(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--as-of", "20/12/2025")
