"""Shared pieces of the reporting-round tests (tests/observations/test_rounds_*.py).

There is no clock to set (time-machine is not installed): figures are entered and submitted
through the services, then their history is moved to the moments a test needs
(``place_in_time``), and every computation is asked ``as_of`` a moment.

``urlpatterns`` is the project's URL map, plus the rounds pages under ``rounds/`` while
``plantrack/urls.py`` does not route them yet; the page tests use it through
``pytest.mark.urls("rounds_helpers")``.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.urls import include, path

from plantrack import urls as project_urls
from plantrack.observations.choices import FigureStatus, RevisionAction, WorkflowState
from plantrack.observations.models import Observation, ObservationRevision
from plantrack.observations.rounds import Owed, open_round
from plantrack.observations.vintages import record_observation
from plantrack.observations.workflow import submit_observations
from plantrack.plans.choices import Direction
from plantrack.plans.models import Indicator

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SOURCE = "Báo cáo của cơ quan trong đợt báo cáo"

urlpatterns = [
    *(
        []
        if any(getattr(p, "namespace", None) == "rounds" for p in project_urls.urlpatterns)
        else [path("rounds/", include("plantrack.observations.round_urls"))]
    ),
    *project_urls.urlpatterns,
]


def at(text: str) -> datetime.datetime:
    """Return a moment in Vietnam's time zone from "2025-12-15 23:59:59"."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


def place_in_time(observation: Observation, created: datetime.datetime, *changes) -> None:
    """Move a figure's history to the given moments: its creation, then each state change in
    order. Tests only: ``QuerySet.update`` skips the history on purpose, standing in for the
    clock."""
    Observation.objects.filter(pk=observation.pk).update(created_at=created)
    ObservationRevision.objects.filter(
        observation=observation, action=RevisionAction.CREATED
    ).update(at=created)
    moves = ObservationRevision.objects.filter(
        observation=observation, changes__has_key="state"
    ).order_by("pk")
    for revision, moment in zip(moves, changes, strict=True):
        ObservationRevision.objects.filter(pk=revision.pk).update(at=moment)


def submitted_figure(
    indicator,
    unit,
    period: str,
    *,
    user,
    submitted: datetime.datetime,
    created: datetime.datetime | None = None,
    status: FigureStatus = FigureStatus.ESTIMATE,
    breakdown: str = "",
    value: str = "6.5",
) -> Observation:
    """Enter a draft (at ``created``, a day before by default) and submit it at ``submitted``."""
    observation, _ = record_observation(
        indicator=indicator,
        unit=unit,
        period=period,
        value=Decimal(value),
        status=status,
        source=SOURCE,
        breakdown=breakdown,
        state=WorkflowState.DRAFT,
        user=user,
    )
    submit_observations([observation.pk], user=user)
    place_in_time(observation, created or submitted - datetime.timedelta(days=1), submitted)
    observation.refresh_from_db()
    return observation


def imported_figure(
    indicator,
    unit,
    period: str,
    *,
    created: datetime.datetime,
    state: WorkflowState = WorkflowState.SUBMITTED,
    status: FigureStatus = FigureStatus.ESTIMATE,
    value: str = "6.5",
) -> Observation:
    """Record a figure created already ``state`` (as an import does) at ``created``."""
    observation, _ = record_observation(
        indicator=indicator,
        unit=unit,
        period=period,
        value=Decimal(value),
        status=status,
        source=SOURCE,
        state=state,
    )
    place_in_time(observation, created)
    observation.refresh_from_db()
    return observation


def make_industry_output(industry) -> Indicator:
    return Indicator.objects.create(
        code="industry_output_growth",
        name="Tốc độ tăng giá trị sản xuất công nghiệp",
        unit="%",
        direction=Direction.INCREASE,
        owner=industry,
    )


def make_hospital_beds(health) -> Indicator:
    return Indicator.objects.create(
        code="hospital_beds_per_10000",
        name="Số giường bệnh trên 1 vạn dân",
        unit="giường",
        direction=Direction.INCREASE,
        owner=health,
    )


def open_year_round(
    planner,
    owed,
    *,
    period: str = "2025",
    deadline: datetime.date = datetime.date(2025, 12, 15),
    opened: datetime.datetime | None = None,
    title: str | None = None,
    **fields,
):
    """Open a yearly round: "Số liệu năm 2025", due at the end of 15/12/2025."""
    return open_round(
        title=title or f"Số liệu năm {period}",
        period=period,
        deadline=deadline,
        owed=[Owed(agency=agency, indicators=indicators) for agency, indicators in owed],
        user=planner,
        as_of=opened or deadline - datetime.timedelta(days=25),
        **fields,
    )
