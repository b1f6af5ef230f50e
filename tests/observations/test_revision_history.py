"""Every change of an observation lands in its revision history; figures are never lost."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError

from plantrack.observations.choices import FigureStatus, RevisionAction, WorkflowState
from plantrack.observations.models import Observation
from plantrack.observations.vintages import record_observation

pytestmark = pytest.mark.django_db

SOURCE_2023 = "https://hdndcaobang.gov.vn/ (December 2023 estimate)"
SOURCE_2024 = "http://thongkecaobang.gso.gov.vn/ (report of December 2024)"


def record(indicator, unit, value, **fields):
    defaults = {
        "period": "2023",
        "status": FigureStatus.ESTIMATE,
        "source": SOURCE_2023,
        "state": WorkflowState.APPROVED,
    }
    return record_observation(
        indicator=indicator, unit=unit, value=Decimal(value), **(defaults | fields)
    )


def test_creating_a_value_is_recorded_with_who_and_why(grdp_growth, province, planner):
    observation, created = record(grdp_growth, province, "2.24", user=planner, reason="nhập mới")

    assert created
    (revision,) = observation.revisions.all()
    assert revision.action == RevisionAction.CREATED
    assert revision.new_value == Decimal("2.24")
    assert (revision.user, revision.reason) == (planner, "nhập mới")


def test_every_edit_of_a_value_records_old_and_new(grdp_growth, province, reporter):
    observation, _ = record(grdp_growth, province, "2.24")

    for value in ("2.30", "2.35", "2.24"):
        observation.value = Decimal(value)
        observation.save(changed_by=reporter, reason=f"sửa thành {value}")

    changes = observation.revisions.filter(action=RevisionAction.CHANGED).order_by("id")
    assert [(r.old_value, r.new_value) for r in changes] == [
        (Decimal("2.24"), Decimal("2.30")),
        (Decimal("2.30"), Decimal("2.35")),
        (Decimal("2.35"), Decimal("2.24")),
    ]
    assert {r.user for r in changes} == {reporter}
    assert changes.last().changes["value"] == ["2.35", "2.24"]
    assert Observation.objects.get().version == 4


def test_a_change_of_another_field_is_recorded_too(grdp_growth, province):
    observation, _ = record(grdp_growth, province, "2.24", state=WorkflowState.SUBMITTED)

    observation.state = WorkflowState.APPROVED
    observation.save(update_fields=["state"])

    last = observation.revisions.last()
    assert last.changes == {"state": ["submitted", "approved"]}
    assert last.old_value == last.new_value == Decimal("2.24")


def test_saving_without_a_change_writes_no_revision(grdp_growth, province):
    observation, _ = record(grdp_growth, province, "2.24")
    observation.value = Decimal("2.240")
    observation.save()
    assert observation.revisions.count() == 1


def test_a_revised_figure_becomes_a_new_vintage_and_keeps_the_old(grdp_growth, province):
    estimate, _ = record(grdp_growth, province, "2.24", published_on=datetime.date(2023, 12, 31))
    revised, created = record(
        grdp_growth,
        province,
        "3.73",
        status=FigureStatus.DERIVED,
        source=SOURCE_2024,
        published_on=datetime.date(2024, 12, 31),
    )

    assert created
    estimate.refresh_from_db()
    assert (estimate.is_current, revised.is_current) == (False, True)
    assert revised.supersedes == estimate
    assert estimate.revisions.last().action == RevisionAction.SUPERSEDED
    assert Observation.objects.current().get().value == Decimal("3.73")


def test_recording_a_known_vintage_again_changes_nothing(grdp_growth, province):
    record(grdp_growth, province, "2.24")
    record(grdp_growth, province, "3.73", status=FigureStatus.DERIVED, source=SOURCE_2024)

    _, created_old = record(grdp_growth, province, "2.24")
    _, created_new = record(
        grdp_growth, province, "3.73", status=FigureStatus.DERIVED, source=SOURCE_2024
    )

    assert not created_old and not created_new
    assert Observation.objects.count() == 2
    assert Observation.objects.current().get().value == Decimal("3.73")


def test_an_observation_cannot_be_deleted(grdp_growth, province):
    observation, _ = record(grdp_growth, province, "2.24")
    with pytest.raises(ProtectedError), transaction.atomic():
        observation.delete()
    assert Observation.objects.count() == 1


def test_a_second_current_value_for_the_same_key_is_refused(grdp_growth, province):
    record(grdp_growth, province, "2.24")
    duplicate = Observation(
        indicator=grdp_growth,
        unit=province,
        period="2023",
        value=Decimal("9.99"),
        status=FigureStatus.ESTIMATE,
        source="x",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Observation.objects.count() == 1


def test_another_breakdown_is_another_value(grdp_growth, province):
    record(grdp_growth, province, "2.24")
    record(grdp_growth, province, "1.10", breakdown="khu_vuc=nong_thon")
    assert Observation.objects.current().count() == 2


def test_update_fields_records_only_what_is_written(grdp_growth, province):
    observation, _ = record(grdp_growth, province, "2.24", state=WorkflowState.SUBMITTED)

    observation.value = Decimal("5")  # not written below
    observation.state = WorkflowState.APPROVED
    observation.save(update_fields=["state"])

    assert observation.revisions.last().changes == {"state": ["submitted", "approved"]}
    observation.refresh_from_db()
    assert observation.value == Decimal("2.24")


def test_a_draft_does_not_displace_an_approved_figure(grdp_growth, province, reporter):
    approved, _ = record(grdp_growth, province, "2.24")

    draft, created = record(
        grdp_growth,
        province,
        "3.00",
        state=WorkflowState.DRAFT,
        source="Báo cáo nháp của Sở",
        user=reporter,
    )

    assert created and not draft.is_current and draft.supersedes is None
    assert Observation.objects.current().get() == approved


def test_a_newer_draft_replaces_an_older_draft(grdp_growth, province):
    first, _ = record(grdp_growth, province, "2.24", state=WorkflowState.DRAFT)
    second, _ = record(grdp_growth, province, "2.30", state=WorkflowState.DRAFT)

    assert Observation.objects.current().get() == second
    assert second.supersedes == first
