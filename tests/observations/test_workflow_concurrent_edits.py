"""A figure two people edit at once is not silently overwritten: the second save is refused
with a message naming who changed it, and nothing of the first is lost."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from plantrack.observations.choices import FigureStatus, RevisionAction, WorkflowState
from plantrack.observations.models import Observation
from plantrack.observations.vintages import record_observation
from plantrack.observations.workflow import (
    ConcurrentEdit,
    WorkflowError,
    approve_observations,
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


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks (FOR UPDATE)"
)
def test_the_workflow_locks_only_figures_never_their_indicator_or_unit(
    grdp_growth, province, industry, reporter, approver
):
    # FOR UPDATE over the model's join (its ordering, select_related) locked the indicator's
    # and the unit's rows, which every insert of one of their figures needs: deadlocks,
    # 500s, with eight writers (tests/api/test_eight_processes_edit_approve_and_supersede.py).
    with CaptureQueriesContext(connection) as queries:
        draft, _created = record_observation(
            indicator=grdp_growth,
            unit=province,
            period="2024",
            value=Decimal("6.74"),
            status=FigureStatus.ESTIMATE,
            source="Sở Công Thương",
            agency=industry,
            user=reporter,
        )
        edit_observation(draft.pk, user=reporter, expected_version=1, value="6.8")
        submit_observations([draft.pk], user=reporter)
        approve_observations([draft.pk], user=approver)

    locking = [query["sql"] for query in queries.captured_queries if "FOR UPDATE" in query["sql"]]
    assert len(locking) >= 4
    for sql in locking:
        assert sql.endswith('FOR UPDATE OF "observations_observation"'), sql


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a server database: two real connections"
)
@pytest.mark.django_db(transaction=True)
def test_two_vintages_approved_at_once_chain_one_after_the_other(
    grdp_growth, province, industry, reporter, approver, django_user_model
):
    published, _created = record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2024",
        value=Decimal("6.74"),
        status=FigureStatus.OFFICIAL,
        source="Cục Thống kê",
        state=WorkflowState.APPROVED,
        agency=industry,
    )
    waiting = []
    for value in ("6.8", "6.9"):
        vintage, _created = record_observation(
            indicator=grdp_growth,
            unit=province,
            period="2024",
            value=Decimal(value),
            status=FigureStatus.ESTIMATE,
            source="Sở Công Thương",
            state=WorkflowState.SUBMITTED,
            agency=industry,
            user=reporter,
        )
        waiting.append(vintage)
    start = threading.Barrier(2)
    errors = []

    def approve(observation):
        try:
            start.wait()
            approve_observations([observation.pk], user=approver)
        except Exception as error:  # noqa: BLE001 -- the test asserts there is none
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(vintage,)) for vintage in waiting]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Both approved (no IntegrityError, no deadlock); the later one supersedes the earlier.
    assert errors == []
    figures = {f.pk: f for f in Observation.objects.filter(period="2024")}
    (current,) = [f for f in figures.values() if f.is_current]
    earlier = figures[current.supersedes_id]
    assert {current.pk, earlier.pk} == {vintage.pk for vintage in waiting}
    assert earlier.supersedes_id == published.pk
    assert {f.state for f in figures.values()} == {WorkflowState.APPROVED}
