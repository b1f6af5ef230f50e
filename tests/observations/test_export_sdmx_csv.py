"""The open-data file: published figures only, in flat SDMX-CSV."""

import csv
import io

import pytest
from test_export_support import SOURCE, build, publish

from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.export import (
    DATAFLOW,
    SDMX_COLUMNS,
    export_bytes,
    select_observations,
)
from plantrack.observations.models import Observation
from plantrack.plans.models import Plan


@pytest.fixture
def setting(province, industry):
    return build(province, industry)


def records(observations=None) -> list[dict]:
    if observations is None:
        observations = select_observations(Observation.objects.all(), plans=Plan.objects.all())
    data = export_bytes(observations, "sdmx-csv")
    assert not data.startswith(b"\xef\xbb\xbf")  # for programs: no BOM
    reader = csv.reader(io.StringIO(data.decode("utf-8")))
    header = next(reader)
    assert tuple(header) == SDMX_COLUMNS
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_a_published_figure_becomes_one_sdmx_record(setting):
    publish(setting.turnover, setting.province, "2024", "946.462", status=FigureStatus.ESTIMATE)

    assert records() == [
        {
            "DATAFLOW": DATAFLOW,
            "REF_AREA": "04",
            "INDICATOR": "trade_turnover",
            "BREAKDOWN": "_T",
            "TIME_PERIOD": "2024",
            "OBS_VALUE": "946.462",
            "UNIT_MEASURE": "triệu USD",
            "OBS_STATUS": "E",
            "SOURCE": SOURCE,
        }
    ]
    assert DATAFLOW == "PLANTRACK:OBSERVATIONS(1.0)"


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (FigureStatus.ESTIMATE, "E"),
        (FigureStatus.PRELIMINARY, "P"),
        (FigureStatus.OFFICIAL, "A"),
        (FigureStatus.DERIVED, "E"),
    ],
)
def test_figure_status_maps_to_sdmx_obs_status(setting, status, code):
    publish(setting.growth, setting.province, "2024", "6.74", status=status)

    assert [record["OBS_STATUS"] for record in records()] == [code]


def test_quarters_are_written_the_sdmx_way_and_breakdowns_kept(setting):
    publish(setting.quarterly, setting.province, "2024Q3", "103.2")
    publish(setting.share, setting.province, "2024", "31.25", breakdown="khu_vuc=cong_nghiep")

    by_indicator = {record["INDICATOR"]: record for record in records()}
    assert by_indicator["industrial_production_index"]["TIME_PERIOD"] == "2024-Q3"
    assert by_indicator["industry_share"]["BREAKDOWN"] == "khu_vuc=cong_nghiep"


def test_only_approved_current_figures_are_published(setting, industry):
    publish(setting.turnover, setting.province, "2023", "661")
    publish(setting.turnover, setting.province, "2024", "900")  # approved, then revised:
    publish(setting.turnover, setting.province, "2024", "946.462")
    publish(setting.growth, setting.province, "2024", "6.74", state=WorkflowState.SUBMITTED)
    publish(setting.share, setting.province, "2024", "31", state=WorkflowState.DRAFT)

    published = {(r["INDICATOR"], r["TIME_PERIOD"], r["OBS_VALUE"]) for r in records()}

    assert published == {("trade_turnover", "2023", "661"), ("trade_turnover", "2024", "946.462")}


def test_an_unapproved_figure_waiting_beside_an_approved_one_is_not_published(setting):
    publish(setting.turnover, setting.province, "2024", "946.462")
    waiting = publish(
        setting.turnover, setting.province, "2024", "950", state=WorkflowState.SUBMITTED
    )
    assert not waiting.is_current

    assert [record["OBS_VALUE"] for record in records()] == ["946.462"]
