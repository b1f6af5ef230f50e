"""GET /api/tasks/: every task (they are public) with its deadline state as of ``as_of``;
filters by agency, status, plan and deadline state; a fixed number of queries."""

import datetime

import pytest
from api_helpers import error, results

from plantrack.workplan.choices import TaskStatus
from plantrack.workplan.models import Task

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def tasks(industry, health, finance, master_plan):
    def make(code, agency, deadline, status=TaskStatus.IN_PROGRESS, **fields):
        task = Task.objects.create(
            code=code,
            title=f"Nhiệm vụ {code}",
            lead_agency=agency,
            deadline=deadline,
            status=status,
            **fields,
        )
        task.cooperating_agencies.add(finance)
        return task

    return [
        make("NV-1", industry, D(2025, 6, 30), plan=master_plan, illustrative_fields=["deadline"]),
        make("NV-2", industry, D(2025, 7, 10)),
        make("NV-3", health, D(2025, 12, 31)),
        make("NV-4", health, D(2025, 5, 1), TaskStatus.COMPLETED, completed_on=D(2025, 4, 1)),
        make("NV-5", health, None),
    ]


def codes(response) -> list[str]:
    return [row["code"] for row in results(response)]


def test_anyone_reads_the_tasks_with_their_state_as_of_a_date(api, tasks):
    rows = {row["code"]: row for row in results(api().get("/api/tasks/?as_of=2025-07-01"))}

    assert rows["NV-1"]["deadline_state"] == "overdue"
    assert rows["NV-2"]["deadline_state"] == "due_soon"
    assert rows["NV-3"]["deadline_state"] == "on_schedule"
    assert rows["NV-4"]["deadline_state"] == "done"
    assert rows["NV-5"]["deadline_state"] == "no_deadline"
    first = rows["NV-1"]
    assert (first["lead_agency"], first["lead_agency_name"]) == ("SCT", "Sở Công Thương")
    assert first["cooperating_agencies"] == ["STC"]
    assert first["plan"] == "QH-CB-2021-2030"
    assert first["illustrative_fields"] == ["deadline"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("agency=SCT", ["NV-1", "NV-2"]),
        ("status=completed", ["NV-4"]),
        ("plan=QH-CB-2021-2030", ["NV-1"]),
        ("as_of=2025-07-01&state=overdue", ["NV-1"]),
        ("as_of=2025-05-02&state=overdue", []),
        ("as_of=2026-01-01&state=overdue", ["NV-1", "NV-2", "NV-3"]),
        ("as_of=2025-07-01&state=due_soon&agency=SCT", ["NV-2"]),
    ],
)
def test_the_list_filters(api, tasks, query, expected):
    assert sorted(codes(api().get(f"/api/tasks/?{query}"))) == expected


def test_a_bad_date_or_state_is_a_validation_error(api, tasks):
    bad_date = api().get("/api/tasks/?as_of=01/07/2025")
    bad_state = api().get("/api/tasks/?state=late")

    assert bad_date.status_code == bad_state.status_code == 400
    assert error(bad_date)["code"] == "invalid" and "as_of" in error(bad_date)["details"]
    assert "state" in error(bad_state)["details"]


def test_anonymous_task_list_reads_a_fixed_number_of_queries(
    api, tasks, industry, health, django_assert_num_queries
):
    for number in range(10):
        task = Task.objects.create(code=f"X-{number}", title="Việc", lead_agency=industry)
        task.cooperating_agencies.add(health)
    client = api()

    with django_assert_num_queries(3):  # count, page, co-operating agencies
        response = client.get("/api/tasks/")

    assert response.json()["count"] == 15


def test_planner_task_list_with_a_token_reads_a_fixed_number_of_queries(
    api, planner, tasks, django_assert_num_queries
):
    client = api(planner)

    with django_assert_num_queries(4):  # token, count, page, co-operating agencies
        response = client.get("/api/tasks/?as_of=2025-07-01&state=overdue")

    assert response.json()["count"] == 1
