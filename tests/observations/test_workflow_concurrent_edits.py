"""A figure two people edit at once is not silently overwritten: the second save is refused
with a message naming who changed it, and nothing of the first is lost."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from plantrack.observations.choices import FigureStatus, RevisionAction, WorkflowState
from plantrack.observations.models import Observation
from plantrack.observations.vintages import record_observation
from plantrack.observations.workflow import (
    ConcurrentEdit,
    WorkflowError,
    edit_observation,
    reject_observations,
    submit_observations,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(grdp_growth, province, industry, reporter):
    observation, _created = record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2024",
        value=Decimal("6.74"),
        status=FigureStatus.ESTIMATE,
        source="Sở Công Thương",
        agency=industry,
        user=reporter,
    )
    return observation


def test_the_second_of_two_editors_is_refused_naming_the_first(draft, reporter, planner):
    # Both open the figure at version 1.
    seen_by_reporter = Observation.objects.get(pk=draft.pk).version
    seen_by_planner = Observation.objects.get(pk=draft.pk).version

    edit_observation(
        draft.pk, user=reporter, expected_version=seen_by_reporter, value="6.8", reason="Sửa"
    )
    with pytest.raises(ConcurrentEdit) as refused:
        edit_observation(draft.pk, user=planner, expected_version=seen_by_planner, value="7.0")

    assert refused.value.code == "concurrent_edit"
    message = str(refused.value)
    assert message.startswith("Số liệu này vừa được cong sửa lúc ")
    assert message.endswith("(phiên bản 2); hãy tải lại để xem giá trị mới rồi sửa tiếp.")
    stored = Observation.objects.get(pk=draft.pk)
    assert (stored.value, stored.version) == (Decimal("6.8"), 2)
    assert stored.revisions.filter(action=RevisionAction.CHANGED).count() == 1


def test_after_reloading_the_second_editor_saves(draft, reporter, planner):
    edit_observation(draft.pk, user=reporter, expected_version=1, value="6.8")

    edit_observation(
        draft.pk, user=planner, expected_version=2, value="7.0", reason="Sau khi tải lại"
    )

    stored = Observation.objects.get(pk=draft.pk)
    assert (stored.value, stored.version) == (Decimal("7.0"), 3)
    last = stored.revisions.order_by("id").last()
    assert (last.user, last.old_value, last.new_value) == (planner, Decimal("6.8"), Decimal("7.0"))


def test_a_workflow_step_meanwhile_also_refuses_a_stale_edit(draft, reporter, approver):
    seen = draft.version
    submit_observations([draft.pk], user=reporter)
    reject_observations([draft.pk], user=approver, reason="Thiếu nguồn")

    with pytest.raises(ConcurrentEdit) as refused:
        edit_observation(draft.pk, user=reporter, expected_version=seen, value="6.9")

    assert "vừa được an sửa" in str(refused.value)
    stored = Observation.objects.get(pk=draft.pk)
    assert (stored.value, stored.state) == (Decimal("6.74"), WorkflowState.REJECTED)


def test_a_concurrent_edit_is_a_workflow_error(draft, reporter):
    edit_observation(draft.pk, user=reporter, expected_version=1, value="6.8")

    with pytest.raises(WorkflowError):
        edit_observation(draft.pk, user=reporter, expected_version=1, value="6.9")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a server database: two real connections"
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_the_same_version_let_exactly_one_through(
    grdp_growth, province, industry, reporter, planner
):
    observation, _created = record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2024",
        value=Decimal("6.74"),
        status=FigureStatus.ESTIMATE,
        source="Sở Công Thương",
        agency=industry,
    )
    start = threading.Barrier(2)
    outcomes = {}

    def save(user, value):
        try:
            start.wait()
            edit_observation(observation.pk, user=user, expected_version=1, value=value)
            outcomes[user.username] = "saved"
        except ConcurrentEdit:
            outcomes[user.username] = "refused"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(reporter, "6.8")),
        threading.Thread(target=save, args=(planner, "7.0")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["refused", "saved"]
    stored = Observation.objects.get(pk=observation.pk)
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    assert stored.value == {"cong": Decimal("6.8"), "phuong": Decimal("7.0")}[winner]
    assert stored.version == 2
