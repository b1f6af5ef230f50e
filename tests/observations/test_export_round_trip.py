"""An exported CSV or XLSX imports again as is: every figure unchanged, nothing written."""

import csv
import datetime
import io

import pytest
from test_export_support import SOURCE, build, publish

from plantrack.observations.choices import FigureStatus
from plantrack.observations.export import export_bytes, select_observations
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation, ObservationRevision
from plantrack.plans.models import Plan


@pytest.fixture
def figures(province, industry):
    setting = build(province, industry)
    turnover, growth, share = setting.turnover, setting.growth, setting.share
    old_commune, new_commune = setting.old_commune, setting.communes[0]
    publish(turnover, province, "2023", "661", status=FigureStatus.ESTIMATE)
    # 946.462 and 1.234 read as thousands in Vietnamese: the export must not let them.
    publish(turnover, province, "2024", "946.462", comment="Khoảng 900, theo báo cáo khác")
    publish(turnover, setting.districts[0], "2024", "1.234")
    publish(turnover, old_commune, "2024", "160200")
    publish(turnover, new_commune, "2025", "0")
    publish(growth, province, "2023", "6.74")
    publish(growth, province, "2024", "-2.5", comment="Giảm do nhà máy\ntạm dừng; xem phụ lục")
    publish(share, province, "2024", "31.25", breakdown="khu_vuc=cong_nghiep")
    publish(setting.quarterly, province, "2024Q3", "103.2", status=FigureStatus.DERIVED)
    return setting


def snapshot() -> list[tuple]:
    return list(
        Observation.objects.order_by("pk").values_list(
            "pk",
            "indicator_id",
            "unit_id",
            "period",
            "breakdown",
            "value",
            "status",
            "source",
            "comment",
            "state",
            "is_current",
            "version",
        )
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exported_file_reimports_with_everything_unchanged(figures, planner, file_format):
    selected = select_observations(
        Observation.objects.for_user(planner), plans=Plan.objects.for_user(planner)
    )
    data = export_bytes(selected, file_format)
    before, revisions = snapshot(), ObservationRevision.objects.count()

    report = import_observations(data, f"so-lieu.{file_format}", user=planner)

    assert report.errors == [], [problem.message for problem in report.errors]
    assert (report.rows, report.created, report.changed, report.unchanged) == (9, 0, 0, 9)
    assert snapshot() == before
    assert ObservationRevision.objects.count() == revisions


def test_a_csv_imported_into_an_empty_database_gives_the_same_figures(figures, planner):
    selected = select_observations(Observation.objects.all(), plans=Plan.objects.all())
    data = export_bytes(selected, "csv")
    expected = sorted(
        (o.indicator.code, o.unit_id, o.period, o.breakdown, o.value, o.status, o.source, o.comment)
        for o in Observation.objects.select_related("indicator")
    )
    # Delete history too, as if on another server (revisions protect their observations).
    ObservationRevision.objects.all().delete()
    Observation.objects.all().delete()

    report = import_observations(data, "so-lieu.csv", user=planner)

    assert report.errors == []
    assert report.created == 9
    got = sorted(
        (o.indicator.code, o.unit_id, o.period, o.breakdown, o.value, o.status, o.source, o.comment)
        for o in Observation.objects.select_related("indicator")
    )
    assert got == expected


def test_only_the_current_vintage_of_a_revised_figure_is_exported(figures, planner):
    publish(
        figures.growth, figures.province, "2024", "-2.1", published_on=datetime.date(2025, 3, 1)
    )
    selected = select_observations(Observation.objects.all(), plans=Plan.objects.all())

    text = export_bytes(selected, "csv").decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(text)))
    growth_2024 = [row for row in rows if row[:3] == ["growth_industry", "04", "2024"]]
    assert growth_2024 == [["growth_industry", "04", "2024", "-2.1", "", "official", SOURCE, ""]]


def test_quotes_inside_texts_survive_the_csv_round_trip(figures, planner):
    observation = Observation.objects.get(
        indicator=figures.turnover, unit=figures.province, period="2024"
    )
    observation.source = "Wikipedia 'Cao Bằng', bản lưu"
    observation.comment = 'Khoảng 900, theo "báo cáo khác"'
    observation.save(update_fields=["source", "comment"])
    selected = select_observations(Observation.objects.all(), plans=Plan.objects.all())
    data = export_bytes(selected, "csv")
    ObservationRevision.objects.all().delete()
    Observation.objects.all().delete()

    import_observations(data, "so-lieu.csv", user=planner)

    observation = Observation.objects.get(
        indicator=figures.turnover, unit=figures.province, period="2024"
    )
    assert observation.source == "Wikipedia 'Cao Bằng', bản lưu"
    assert observation.comment == 'Khoảng 900, theo "báo cáo khác"'
