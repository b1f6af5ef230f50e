"""What an import counts as new, changed or unchanged, the record it keeps of itself, and the
vintages a changed value makes."""

import hashlib
from decimal import Decimal

import pytest

from plantrack.observations.choices import FigureStatus, RevisionAction, WorkflowState
from plantrack.observations.imports import import_observations
from plantrack.observations.models import ImportBatch, Observation
from plantrack.observations.vintages import record_observation
from plantrack.observations.workflow import approve_observations

pytestmark = pytest.mark.django_db

HEADER = ("indicator", "unit", "period", "value", "status")
ROWS = [("grdp_growth", "04", "2023", "2,24", "ước"), ("grdp_growth", "04", "2024", "2,5", "ước")]


@pytest.fixture
def approved_2023(grdp_growth, province):
    observation, _created = record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2023",
        value=Decimal("2.24"),
        status=FigureStatus.ESTIMATE,
        source="HĐND tỉnh, báo cáo tháng 12/2023",
        state=WorkflowState.APPROVED,
    )
    return observation


def test_an_import_records_who_what_when_and_which_file(
    csv_file, reporter, industry, grdp_growth, province
):
    content = csv_file(ROWS, HEADER)

    report = import_observations(content, "tang-truong.csv", user=reporter, agency=industry)

    assert report.errors == []
    batch = ImportBatch.objects.get()
    assert report.batch == batch
    assert (batch.user, batch.agency, batch.file_name) == (reporter, industry, "tang-truong.csv")
    assert batch.checksum == hashlib.sha256(content).hexdigest() == report.checksum
    assert (batch.file_format, batch.layout, batch.rows) == ("csv", "long", 2)
    assert (batch.created_count, batch.changed_count, batch.unchanged_count) == (2, 0, 0)
    assert batch.created_at is not None
    for observation in Observation.objects.all():
        assert (observation.state, observation.agency, observation.created_by) == (
            WorkflowState.SUBMITTED,
            industry,
            reporter,
        )
        assert observation.import_batch == batch
        assert observation.source.startswith("Tệp tang-truong.csv (SHA-256 ")
        (revision,) = observation.revisions.all()
        assert (revision.action, revision.user, revision.reason) == (
            RevisionAction.CREATED,
            reporter,
            "Nhập từ tệp tang-truong.csv",
        )


def test_the_reporters_own_agency_is_taken_when_none_is_named(
    csv_file, reporter, industry, grdp_growth, province
):
    import_observations(csv_file(ROWS, HEADER), "tang-truong.csv", user=reporter)

    assert ImportBatch.objects.get().agency == industry
    assert {o.agency for o in Observation.objects.all()} == {industry}


def test_reimporting_the_same_file_changes_nothing(
    csv_file, planner, grdp_growth, province, tables
):
    content = csv_file(ROWS, HEADER)
    import_observations(content, "tang-truong.csv", user=planner)
    before = tables()

    again = import_observations(content, "tang-truong.csv", user=planner)

    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    after = tables()
    assert after["Observation"] == before["Observation"]
    assert after["ObservationRevision"] == before["ObservationRevision"]
    # The second import is recorded, as having found everything unchanged.
    assert after["ImportBatch"][:-1] == before["ImportBatch"]
    assert after["ImportBatch"][-1]["unchanged_count"] == 2


def test_the_same_values_in_another_file_are_unchanged(csv_file, planner, grdp_growth, province):
    import_observations(csv_file(ROWS, HEADER), "thang-11.csv", user=planner)

    resent = import_observations(
        csv_file([*ROWS, ("grdp_growth", "04", "2025", "2,6", "ước")], HEADER),
        "thang-12.csv",
        user=planner,
    )

    assert resent.errors == []
    assert (resent.created, resent.changed, resent.unchanged) == (1, 0, 2)
    assert Observation.objects.count() == 3


def test_a_value_known_from_an_older_vintage_is_unchanged(
    csv_file, planner, approved_2023, grdp_growth, province
):
    record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2023",
        value=Decimal("3.73"),
        status=FigureStatus.DERIVED,
        source="Cục Thống kê, báo cáo năm 2024",
        state=WorkflowState.APPROVED,
    )

    report = import_observations(csv_file(ROWS[:1], HEADER), "cu.csv", user=planner)

    assert (report.created, report.changed, report.unchanged) == (0, 0, 1)
    assert Observation.objects.current().get(period="2023").value == Decimal("3.73")


@pytest.mark.parametrize(
    ("row", "why"),
    [
        (("grdp_growth", "04", "2023", "3,73", "ước", ""), "a new value"),
        (("grdp_growth", "04", "2023", "2,24", "chính thức", ""), "a matured status"),
        (("grdp_growth", "04", "2023", "2,24", "ước", "Cục Thống kê"), "another source"),
    ],
)
def test_a_changed_figure_waits_beside_the_approved_one_until_approved(
    row, why, csv_file, reporter, approver, industry, approved_2023
):
    header = (*HEADER, "source")

    report = import_observations(csv_file([row], header), "sua.csv", user=reporter)

    assert (report.created, report.changed, report.unchanged) == (0, 1, 0), why
    approved_2023.refresh_from_db()
    pending = Observation.objects.exclude(pk=approved_2023.pk).get()
    assert approved_2023.is_current and approved_2023.state == WorkflowState.APPROVED
    assert not pending.is_current and pending.state == WorkflowState.SUBMITTED
    assert pending.import_batch is None or pending.import_batch == report.batch

    approve_observations([pending.pk], user=approver, note="Khớp báo cáo của Cục Thống kê")

    approved_2023.refresh_from_db()
    pending.refresh_from_db()
    assert pending.is_current and pending.supersedes == approved_2023
    assert not approved_2023.is_current
    assert [r.action for r in approved_2023.revisions.order_by("id")] == [
        RevisionAction.CREATED,
        RevisionAction.SUPERSEDED,
    ]
    assert [(r.action, r.user) for r in pending.revisions.order_by("id")] == [
        (RevisionAction.CREATED, reporter),
        (RevisionAction.CHANGED, approver),
    ]


def test_a_changed_pending_figure_is_superseded_at_once(csv_file, planner, grdp_growth, province):
    import_observations(csv_file(ROWS[:1], HEADER), "lan-1.csv", user=planner)
    first = Observation.objects.get()

    report = import_observations(
        csv_file([("grdp_growth", "04", "2023", "3,73", "ước")], HEADER), "lan-2.csv", user=planner
    )

    assert report.changed == 1
    first.refresh_from_db()
    second = Observation.objects.current().get()
    assert second.value == Decimal("3.73") and second.supersedes == first
    assert not first.is_current
    superseded = first.revisions.get(action=RevisionAction.SUPERSEDED)
    assert (superseded.user, superseded.reason) == (planner, "Nhập từ tệp lan-2.csv")
    assert superseded.changes == {"is_current": [True, False]}


def test_a_row_without_a_status_matches_the_known_figure_whatever_its_status(
    csv_file, planner, grdp_growth, province
):
    record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2023",
        value=Decimal("2.24"),
        status=FigureStatus.OFFICIAL,
        source="Cục Thống kê",
        state=WorkflowState.APPROVED,
    )
    header = ("indicator", "unit", "period", "value", "status")

    silent = import_observations(
        csv_file([("grdp_growth", "04", "2023", "2,24", "")], header), "a.csv", user=planner
    )
    said = import_observations(
        csv_file([("grdp_growth", "04", "2023", "2,24", "ước")], header), "b.csv", user=planner
    )

    assert (silent.changed, silent.unchanged) == (0, 1)
    assert (said.changed, said.unchanged) == (1, 0)
