"""Every persona × every resource × every action × every way in (page, API, command).

The reusable permission suite (NetBox's ``ViewTestCases`` are the model): each case names a
resource, an action and a way in, does it as one persona in a fresh world
(``persona_world.build_world``), and reports whether it was *done* — a read that showed the
record, a write whose effect is in the database — or refused. The table says which personas
may; every other persona must be refused, and a refused write must leave nothing behind.
Pages and the API both answer a record the persona may not see with 404, and one it may see
but not change with 403 (API) or a refusal on the page.
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from persona_world import OFFICE, PDF, PERSONAS, build_world, figures_csv

from plantrack.extraction.choices import ReviewState
from plantrack.investment.models import ProjectFinance, ProjectUpdate
from plantrack.observations.choices import WorkflowState
from plantrack.observations.models import Observation, ReportingRound
from plantrack.workplan.models import DeadlineChange, Task, TaskUpdate

pytestmark = pytest.mark.django_db

OWNER_MEMBERS = {"viewer", "reporter", "approver"}
EVERYONE = set(PERSONAS)
SIGNED_IN = EVERYONE - {"anonymous"}


@dataclass(frozen=True)
class Case:
    resource: str
    action: str
    way: str
    allowed: frozenset
    run: Callable  # (world, client, persona, tmp_path) -> bool: was it done?
    personas: tuple = PERSONAS  # who the case applies to (commands have no anonymous)

    @property
    def id(self) -> str:
        return f"{self.resource}-{self.action}-{self.way}"


def _ok(response, *codes) -> bool:
    return response.status_code in (codes or (200,))


# --- figures ----------------------------------------------------------------------------------


def view_draft_api(world, client, persona, tmp_path):
    return _ok(world.api(persona).get(f"/api/observations/{world.draft.pk}/"))


def view_draft_page(world, client, persona, tmp_path):
    response = world.page(client, persona).get(f"/observations/mine/{world.draft.pk}/edit/")
    return _ok(response) and "5,1" in response.content.decode()


def view_approved_api(world, client, persona, tmp_path):
    return _ok(world.api(persona).get(f"/api/observations/{world.approved.pk}/"))


def _value_of(observation):
    return Observation.objects.get(pk=observation.pk).value


def change_draft_api(world, client, persona, tmp_path):
    world.api(persona).patch(
        f"/api/observations/{world.draft.pk}/", {"value": "5,9", "version": world.draft.version}
    )
    return _value_of(world.draft) == Decimal("5.9")


def change_draft_page(world, client, persona, tmp_path):
    fields = {
        "value": "5,9",
        "status": world.draft.status,
        "source": world.draft.source,
        "comment": "",
        "breakdown": "",
        "version": world.draft.version,
        "reason": "Sửa",
    }
    world.page(client, persona).post(f"/observations/mine/{world.draft.pk}/edit/", fields)
    return _value_of(world.draft) == Decimal("5.9")


def change_submitted_api(world, client, persona, tmp_path):
    world.api(persona).patch(
        f"/api/observations/{world.submitted.pk}/",
        {"value": "5,9", "version": world.submitted.version},
    )
    return _value_of(world.submitted) == Decimal("5.9")


def submit_draft_api(world, client, persona, tmp_path):
    world.api(persona).post(f"/api/observations/{world.draft.pk}/submit/")
    return Observation.objects.get(pk=world.draft.pk).state == WorkflowState.SUBMITTED


def submit_draft_page(world, client, persona, tmp_path):
    world.page(client, persona).post("/observations/mine/", {"ids": [world.draft.pk]})
    return Observation.objects.get(pk=world.draft.pk).state == WorkflowState.SUBMITTED


def _approved_now(world) -> bool:
    return Observation.objects.get(pk=world.submitted.pk).state == WorkflowState.APPROVED


def approve_api(world, client, persona, tmp_path):
    world.api(persona).post(f"/api/observations/{world.submitted.pk}/approve/", {})
    return _approved_now(world)


def approve_page(world, client, persona, tmp_path):
    world.page(client, persona).post(
        "/observations/approvals/", {"ids": [world.submitted.pk], "action": "approve"}
    )
    return _approved_now(world)


def return_api(world, client, persona, tmp_path):
    world.api(persona).post(
        f"/api/observations/{world.submitted.pk}/reject/", {"reason": "Thiếu nguồn"}
    )
    return Observation.objects.get(pk=world.submitted.pk).state == WorkflowState.REJECTED


def _new_figure_written() -> bool:
    return Observation.objects.filter(period="2021").exists()


def import_figures_page(world, client, persona, tmp_path):
    upload = io.BytesIO(figures_csv())
    upload.name = "so-lieu.csv"
    world.page(client, persona).post(
        "/observations/import/", {"file": upload, "agency": world.industry.pk}
    )
    return _new_figure_written()


def import_figures_api(world, client, persona, tmp_path):
    upload = io.BytesIO(figures_csv())
    upload.name = "so-lieu.csv"
    world.api(persona).post("/api/imports/", {"file": upload, "agency": "SCT"}, format="multipart")
    return _new_figure_written()


def _command(*args) -> None:
    try:
        call_command(*[str(arg) for arg in args], stdout=io.StringIO(), stderr=io.StringIO())
    except (SystemExit, CommandError):
        pass


def import_figures_command(world, client, persona, tmp_path):
    path = tmp_path / "so-lieu.csv"
    path.write_bytes(figures_csv())
    _command("import", path, "--user", world.user(persona).username, "--agency", "SCT")
    return _new_figure_written()


def view_import_record_page(world, client, persona, tmp_path):
    response = world.page(client, persona).get(f"/observations/imports/{world.batch.pk}/")
    return _ok(response) and "so-lieu.csv" in response.content.decode()


# --- tasks, task updates and evidence ---------------------------------------------------------


def view_task_page(world, client, persona, tmp_path):
    return _ok(world.page(client, persona).get(f"/tasks/{world.task.code}/"))


def view_task_api(world, client, persona, tmp_path):
    return _ok(world.api(persona).get(f"/api/tasks/{world.task.code}/"))


def _updates() -> int:
    return TaskUpdate.objects.count()


def update_task_page(world, client, persona, tmp_path):
    before = _updates()
    world.page(client, persona).post(
        f"/tasks/{world.task.code}/update/",
        {"date": "2025-06-01", "text": "Đã ban hành", "percent_complete": 80, "new_status": ""},
    )
    return _updates() == before + 1


def update_task_api(world, client, persona, tmp_path):
    before = _updates()
    world.api(persona).post(
        f"/api/tasks/{world.task.code}/updates/",
        {"date": "2025-06-01", "text": "Đã ban hành", "percent_complete": 80},
        format="multipart",
    )
    return _updates() == before + 1


def _moved(world) -> bool:
    return DeadlineChange.objects.filter(task=world.task).exists()


def move_deadline_page(world, client, persona, tmp_path):
    world.page(client, persona).post(
        f"/tasks/{world.task.code}/deadline/", {"new_deadline": "2025-12-31", "reason": "Lùi"}
    )
    return _moved(world)


def move_deadline_api(world, client, persona, tmp_path):
    world.api(persona).post(
        f"/api/tasks/{world.task.code}/deadline/",
        {"new_deadline": "2025-12-31", "reason": "Lùi"},
        format="json",
    )
    return _moved(world)


def open_evidence_page(world, client, persona, tmp_path):
    response = world.page(client, persona).get(f"/tasks/evidence/{world.evidence.pk}/")
    return _ok(response) and b"".join(response.streaming_content) == PDF


def open_evidence_api(world, client, persona, tmp_path):
    response = world.api(persona).get(f"/api/evidence/{world.evidence.pk}/")
    return _ok(response) and b"".join(response.streaming_content) == PDF


def evidence_name_in_task_api(world, client, persona, tmp_path):
    response = world.api(persona).get(f"/api/tasks/{world.task.code}/")
    return "du-thao.pdf" in response.content.decode()


def _task_appendix(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"])
    sheet.append(["NV-002", "Xây dựng kế hoạch chuyển đổi số", "Sở Công Thương", "31/12/2025"])
    path = tmp_path / "phu-luc.xlsx"
    workbook.save(path)
    return path


def import_tasks_command(world, client, persona, tmp_path):
    path = _task_appendix(tmp_path)
    username = world.user(persona).username
    _command("import_tasks", path, "--user", username, "--plan", world.plan.code)
    return Task.objects.count() == 2


def import_tasks_api(world, client, persona, tmp_path):
    path = _task_appendix(tmp_path)
    with path.open("rb") as upload:
        world.api(persona).post(
            "/api/imports/tasks/", {"file": upload, "plan": world.plan.code}, format="multipart"
        )
    return Task.objects.count() == 2


# --- projects ---------------------------------------------------------------------------------


def view_project_page(world, client, persona, tmp_path):
    return _ok(world.page(client, persona).get(f"/projects/{world.project.code}/"))


def record_finance_api(world, client, persona, tmp_path):
    world.api(persona).post(
        f"/api/projects/{world.project.code}/finance/",
        {"year": 2025, "planned": "1500000000"},
        format="json",
    )
    return ProjectFinance.objects.filter(project=world.project).exists()


def update_project_api(world, client, persona, tmp_path):
    world.api(persona).post(
        f"/api/projects/{world.project.code}/updates/",
        {"date": "2025-06-01", "text": "Đã khởi công"},
        format="json",
    )
    return ProjectUpdate.objects.filter(project=world.project).exists()


# --- reporting rounds, extraction reviews, assessment runs ------------------------------------


def view_round_page(world, client, persona, tmp_path):
    response = world.page(client, persona).get(f"/rounds/{world.round.pk}/")
    return _ok(response) and "Báo cáo năm 2024" in response.content.decode()


def close_round_page(world, client, persona, tmp_path):
    world.page(client, persona).post(f"/rounds/{world.round.pk}/close/")
    return ReportingRound.objects.get(pk=world.round.pk).closed_at is not None


def open_round_page(world, client, persona, tmp_path):
    before = ReportingRound.objects.count()
    world.page(client, persona).post(
        "/rounds/new/",
        {
            "title": "Báo cáo năm 2025",
            "period": "2025",
            "deadline": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
            "figure_status": "",
            "note": "",
            f"owes_{world.industry.pk}": [str(world.indicator.pk)],
        },
    )
    return ReportingRound.objects.count() > before


def view_extraction_page(world, client, persona, tmp_path):
    response = world.page(client, persona).get(f"/extraction/{world.run.pk}/")
    return _ok(response) and "quyet-dinh.txt" in response.content.decode()


def review_candidate_page(world, client, persona, tmp_path):
    prefix = f"c{world.candidate.pk}"
    world.page(client, persona).post(
        f"/extraction/{world.run.pk}/candidates/{world.candidate.pk}/",
        {f"{prefix}-action": "reject"},
    )
    world.candidate.refresh_from_db()
    return world.candidate.state == ReviewState.REJECTED


def view_unapproved_run_api(world, client, persona, tmp_path):
    return _ok(world.api(persona).get(f"/api/assessment-runs/{world.unapproved_run.pk}/"))


WRITERS_OF_FIGURES = frozenset({"reporter"} | OFFICE)
APPROVERS_OF_FIGURES = frozenset({"approver"} | OFFICE)
WRITERS_BELOW_TASKS = frozenset({"reporter", "approver"} | OFFICE)
CONCERNED = frozenset(OWNER_MEMBERS | OFFICE)
OFFICE_ONLY = frozenset(OFFICE)
NOBODY = frozenset()
COMMAND_PERSONAS = tuple(p for p in PERSONAS if p != "anonymous")

CASES = [
    Case("figure", "view-draft", "api", CONCERNED, view_draft_api),
    Case("figure", "view-draft", "page", CONCERNED, view_draft_page),
    Case("figure", "view-approved", "api", frozenset(EVERYONE), view_approved_api),
    Case("figure", "change-draft", "api", WRITERS_OF_FIGURES, change_draft_api),
    Case("figure", "change-draft", "page", WRITERS_OF_FIGURES, change_draft_page),
    Case("figure", "change-submitted", "api", NOBODY, change_submitted_api),
    Case("figure", "submit", "api", WRITERS_OF_FIGURES, submit_draft_api),
    Case("figure", "submit", "page", WRITERS_OF_FIGURES, submit_draft_page),
    Case("figure", "approve", "api", APPROVERS_OF_FIGURES, approve_api),
    Case("figure", "approve", "page", APPROVERS_OF_FIGURES, approve_page),
    Case("figure", "return", "api", APPROVERS_OF_FIGURES, return_api),
    Case("figure", "import", "page", WRITERS_OF_FIGURES, import_figures_page),
    Case("figure", "import", "api", WRITERS_OF_FIGURES, import_figures_api),
    Case(
        "figure",
        "import",
        "command",
        WRITERS_OF_FIGURES,
        import_figures_command,
        COMMAND_PERSONAS,
    ),
    Case("import-record", "view", "page", CONCERNED, view_import_record_page),
    Case("task", "view", "page", frozenset(EVERYONE), view_task_page),
    Case("task", "view", "api", frozenset(EVERYONE), view_task_api),
    Case("task-update", "change", "page", WRITERS_BELOW_TASKS, update_task_page),
    Case("task-update", "change", "api", WRITERS_BELOW_TASKS, update_task_api),
    Case("task", "approve-deadline", "page", OFFICE_ONLY, move_deadline_page),
    Case("task", "approve-deadline", "api", OFFICE_ONLY, move_deadline_api),
    Case("task", "import", "api", OFFICE_ONLY, import_tasks_api),
    Case("task", "import", "command", OFFICE_ONLY, import_tasks_command, COMMAND_PERSONAS),
    Case("evidence", "view", "page", CONCERNED, open_evidence_page),
    Case("evidence", "view", "api", CONCERNED, open_evidence_api),
    Case("evidence", "view-name", "api", CONCERNED, evidence_name_in_task_api),
    Case("project", "view", "page", frozenset(EVERYONE), view_project_page),
    Case("project-finance", "change", "api", WRITERS_BELOW_TASKS, record_finance_api),
    Case("project-update", "change", "api", WRITERS_BELOW_TASKS, update_project_api),
    Case("round", "view", "page", CONCERNED, view_round_page),
    Case("round", "approve-close", "page", OFFICE_ONLY, close_round_page),
    Case("round", "approve-open", "page", OFFICE_ONLY, open_round_page),
    Case("extraction-review", "view", "page", OFFICE_ONLY, view_extraction_page),
    Case("extraction-review", "change", "page", OFFICE_ONLY, review_candidate_page),
    Case("assessment-run", "view-unapproved", "api", OFFICE_ONLY, view_unapproved_run_api),
]

MATRIX = [
    pytest.param(case, persona, id=f"{case.id}-{persona}")
    for case in CASES
    for persona in case.personas
]


@pytest.fixture
def world(django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world(django_user_model)


@pytest.mark.parametrize(("case", "persona"), MATRIX)
def test_each_persona_does_exactly_what_it_may(case, persona, world, client, tmp_path):
    done = case.run(world, client, persona, tmp_path)

    expected = persona in case.allowed
    assert done is expected, (
        f"{persona} {'should' if expected else 'should not'} {case.action} {case.resource} "
        f"({case.way})"
    )


def test_the_matrix_covers_every_resource_and_way():
    resources = {case.resource for case in CASES}
    ways = {(case.resource.split("-")[0], case.way) for case in CASES}

    assert {
        "figure",
        "task",
        "task-update",
        "evidence",
        "project",
        "project-finance",
        "round",
        "extraction-review",
        "assessment-run",
        "import-record",
    } <= resources
    assert {("figure", "page"), ("figure", "api"), ("figure", "command")} <= ways
    assert {("task", "page"), ("task", "api"), ("task", "command")} <= ways
    assert len(MATRIX) >= 250
