"""One small world and eight personas for the permission suite (test_personas_*.py).

Sở Công Thương (``industry``) owns the indicator, leads the task and the project and owes a
figure in the round; Sở Y tế (``health``) is the other agency. The personas:

- ``anonymous``: not logged in;
- ``viewer``, ``reporter``, ``approver``: of Sở Công Thương, the owner;
- ``other_reporter``, ``other_approver``: of Sở Y tế;
- ``planner``, ``admin``: of Sở Tài chính, the planning office.
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from plantrack.accounts.choices import AgencyKind, Role
from plantrack.accounts.models import Agency, Membership
from plantrack.extraction.choices import CandidateKind, ReviewState
from plantrack.extraction.models import Candidate, ExtractionRun
from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.investment.choices import PipelineStatus, ProjectKind
from plantrack.investment.models import Project
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.models import ImportBatch, ReportingRound, RoundObligation
from plantrack.observations.vintages import record_observation
from plantrack.plans.choices import Comparator, PlanKind, PlanStatus
from plantrack.plans.models import Indicator, Plan
from plantrack.progress.choices import Figures
from plantrack.progress.models import AssessmentRun
from plantrack.workplan.choices import TaskStatus
from plantrack.workplan.models import Evidence, Task, TaskUpdate

PERSONAS = (
    "anonymous",
    "viewer",
    "reporter",
    "approver",
    "other_reporter",
    "other_approver",
    "planner",
    "admin",
)
OFFICE = {"planner", "admin"}
SOURCE = "Cục Thống kê tỉnh Cao Bằng, Báo cáo tình hình kinh tế - xã hội năm 2024"
PDF = b"%PDF-1.4\n% minh chung\n"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    industry: Agency | None = None
    health: Agency | None = None
    province: AdminUnit | None = None
    indicator: Indicator | None = None
    draft: object = None
    submitted: object = None
    approved: object = None
    task: Task | None = None
    evidence: Evidence | None = None
    project: Project | None = None
    round: ReportingRound | None = None
    run: ExtractionRun | None = None
    candidate: Candidate | None = None
    unapproved_run: AssessmentRun | None = None
    batch: ImportBatch | None = None
    plan: Plan | None = None

    def user(self, persona: str):
        return self.users.get(persona)

    def page(self, client, persona: str):
        """Return the test client logged in as ``persona`` (anonymous: not logged in)."""
        user = self.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    def api(self, persona: str) -> APIClient:
        """Return an API client with ``persona``'s token (anonymous: none)."""
        client = APIClient()
        user = self.user(persona)
        if user is not None:
            token, _created = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client


def _member(django_user_model, username: str, agency: Agency, role: Role, **extra):
    user = django_user_model.objects.create_user(username=username, password="pw-" + username)
    Membership.objects.create(user=user, agency=agency, role=role)
    for name, value in extra.items():
        setattr(user, name, value)
    return user


def _figure(world: World, period: str, value: str, state: WorkflowState, user):
    observation, _written = record_observation(
        indicator=world.indicator,
        unit=world.province,
        period=period,
        value=Decimal(value),
        status=FigureStatus.ESTIMATE,
        source=SOURCE,
        state=state,
        agency=world.industry,
        user=user,
    )
    return observation


def build_world(django_user_model) -> World:
    """Create the agencies, personas and one record of every resource."""
    world = World()
    world.province = AdminUnit.objects.create(
        code="04", name="Tỉnh Cao Bằng", level=UnitLevel.PROVINCE
    )
    finance = Agency.objects.create(code="STC", name="Sở Tài chính", kind=AgencyKind.DEPARTMENT)
    world.industry = Agency.objects.create(
        code="SCT", name="Sở Công Thương", kind=AgencyKind.DEPARTMENT
    )
    world.health = Agency.objects.create(code="SYT", name="Sở Y tế", kind=AgencyKind.DEPARTMENT)
    users = world.users
    users["viewer"] = _member(django_user_model, "van", world.industry, Role.VIEWER)
    users["reporter"] = _member(django_user_model, "cong", world.industry, Role.REPORTER)
    users["approver"] = _member(django_user_model, "an", world.industry, Role.APPROVER)
    users["other_reporter"] = _member(django_user_model, "yen", world.health, Role.REPORTER)
    users["other_approver"] = _member(django_user_model, "binh", world.health, Role.APPROVER)
    users["planner"] = _member(django_user_model, "phuong", finance, Role.PLANNER)
    users["admin"] = _member(django_user_model, "quang", finance, Role.ADMIN)
    world.plan = Plan.objects.create(
        code="QH-CB-2021-2030",
        title="Quy hoạch tỉnh Cao Bằng thời kỳ 2021 - 2030",
        kind=PlanKind.MASTER_PLAN,
        period_start=2021,
        period_end=2030,
        scope_unit=world.province,
        status=PlanStatus.IN_FORCE,
    )
    world.indicator = Indicator.objects.create(
        code="grdp_growth", name="Tốc độ tăng trưởng GRDP", unit="%", owner=world.industry
    )
    reporter = users["reporter"]
    world.draft = _figure(world, "2023", "5.1", WorkflowState.DRAFT, reporter)
    world.submitted = _figure(world, "2024", "5.2", WorkflowState.SUBMITTED, reporter)
    world.approved = _figure(world, "2022", "4.9", WorkflowState.APPROVED, reporter)

    world.task = Task.objects.create(
        code="NV-001",
        title="Lập kế hoạch thực hiện quy hoạch tỉnh",
        lead_agency=world.industry,
        deadline=datetime.date(2025, 6, 30),
        status=TaskStatus.IN_PROGRESS,
    )
    update = TaskUpdate.objects.create(
        task=world.task, date=datetime.date(2025, 5, 1), text="Đã trình dự thảo", author=reporter
    )
    world.evidence = Evidence(
        update=update,
        original_name="du-thao.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
    )
    world.evidence.file.save("0" * 64, ContentFile(PDF), save=False)
    world.evidence.save()

    world.project = Project.objects.create(
        code="DA-01",
        name="Đường cao tốc Đồng Đăng - Trà Lĩnh",
        kind=ProjectKind.PPP,
        plan=world.plan,
        lead_agency=world.industry,
        status=PipelineStatus.UNDER_CONSTRUCTION,
    )
    world.round = ReportingRound.objects.create(
        title="Báo cáo năm 2024",
        period="2024",
        deadline=datetime.date(2025, 1, 15),
        opened_by=users["planner"],
    )
    RoundObligation.objects.create(
        round=world.round, agency=world.industry, indicator=world.indicator, unit=world.province
    )
    world.run = ExtractionRun.objects.create(
        file_name="quyet-dinh.txt",
        checksum="1" * 64,
        text="Tốc độ tăng trưởng GRDP bình quân đạt 9,72%/năm.",
        plan=world.plan,
        created_by=users["planner"],
    )
    world.candidate = Candidate.objects.create(
        run=world.run,
        order=1,
        kind=CandidateKind.AVERAGE_GROWTH,
        indicator_text="Tốc độ tăng trưởng GRDP",
        comparator=Comparator.GTE,
        value=Decimal("9.72"),
        unit="%/năm",
        span_start=0,
        span_end=48,
        confidence=0.9,
        state=ReviewState.PENDING,
        extracted={},
    )
    world.unapproved_run = AssessmentRun.objects.create(
        plan=world.plan, as_of=timezone.localdate(), figures=Figures.SUBMITTED
    )
    world.batch = ImportBatch.objects.create(
        user=reporter,
        agency=world.industry,
        file_name="so-lieu.csv",
        checksum="2" * 64,
        file_format="csv",
        layout="long",
        rows=1,
        created_count=1,
    )
    return world


def figures_csv(period: str = "2021", value: str = "4,1") -> bytes:
    """Return a CSV of one figure of the world's indicator, as an agency would upload it."""
    text = io.StringIO()
    text.write("indicator,unit,period,value,status,source,comment\r\n")
    text.write(f'grdp_growth,04,{period},"{value}",ước thực hiện,{SOURCE},\r\n')
    return text.getvalue().encode("utf-8")
