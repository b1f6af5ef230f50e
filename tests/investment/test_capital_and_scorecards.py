"""A project's disbursement rate is derived; scorecards sum capital by sector and unit."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.investment.choices import PipelineStatus, ProjectKind
from plantrack.investment.models import Project, ProjectFinance, ProjectLocation
from plantrack.investment.scorecards import by_sector, by_unit

pytestmark = pytest.mark.django_db
BILLION = Decimal(10**9)


@pytest.fixture
def projects(province):
    thach_an = AdminUnit.objects.create(code="053", name="Huyện Thạch An", level=UnitLevel.DISTRICT)
    road = Project.objects.create(
        code="DA-01",
        name="Đường bộ cao tốc Đồng Đăng - Trà Lĩnh",
        kind=ProjectKind.PPP,
        sector="Giao thông",
        status=PipelineStatus.UNDER_CONSTRUCTION,
    )
    link = Project.objects.create(
        code="DA-02",
        name="Tuyến đường kết nối đến cửa khẩu",
        kind=ProjectKind.PUBLIC_INVESTMENT,
        sector="Giao thông",
        status=PipelineStatus.PROPOSED,
    )
    zone = Project.objects.create(
        code="DA-03",
        name="Khu kinh tế cửa khẩu",
        kind=ProjectKind.FUNCTIONAL_ZONE,
        sector="Thương mại",
    )
    ProjectLocation.objects.create(project=road, unit=thach_an)
    ProjectLocation.objects.create(project=link, unit=province)
    ProjectFinance.objects.create(
        project=road,
        year=2024,
        planned=100 * BILLION,
        allocated=80 * BILLION,
        disbursed=20 * BILLION,
    )
    ProjectFinance.objects.create(
        project=link,
        year=2024,
        planned=50 * BILLION,
        allocated=40 * BILLION,
        disbursed=30 * BILLION,
    )
    ProjectFinance.objects.create(project=zone, year=2024, planned=10 * BILLION)
    return road, link, zone


def test_the_disbursement_rate_is_disbursed_over_allocated(projects):
    road = projects[0].finances.get()
    assert road.disbursement_rate == pytest.approx(25.0)
    assert ProjectFinance.objects.get(project__code="DA-03").disbursement_rate is None


def test_by_sector_counts_statuses_and_sums_capital(projects):
    scores = {score.key: score for score in by_sector(Project.objects.all(), year=2024)}

    transport = scores["Giao thông"]
    assert transport.projects == 2
    assert transport.by_status == {"under_construction": 1, "proposed": 1}
    assert (transport.planned, transport.allocated, transport.disbursed) == (
        150 * BILLION,
        120 * BILLION,
        50 * BILLION,
    )
    assert transport.disbursement_rate == pytest.approx(50 / 120 * 100)
    assert scores["Thương mại"].disbursement_rate is None


def test_by_unit_places_each_project_where_it_is(projects):
    scores = {score.key: score for score in by_unit(Project.objects.all())}
    assert scores["Huyện Thạch An (053)"].projects == 1
    assert scores["Huyện Thạch An (053)"].disbursed == 20 * BILLION
    assert scores["Tỉnh Cao Bằng (04)"].by_status == {"proposed": 1}


def test_one_finance_row_a_year_and_no_negative_capital(projects):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFinance.objects.create(project=projects[0], year=2024)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFinance.objects.create(project=projects[0], year=2025, disbursed=-1)


def test_the_projects_command_lists_and_filters(projects):
    out = StringIO()
    call_command("projects", "--format=json", "--status=under_construction", stdout=out)

    (row,) = json.loads(out.getvalue())
    assert row["code"] == "DA-01"
    assert row["disbursement_rate"] == 25.0
    with pytest.raises(CommandError, match="dang_xay"):
        call_command("projects", "--status=dang_xay")


def test_units_sharing_a_name_stay_apart(province):
    from plantrack.geo.choices import UnitLevel
    from plantrack.geo.models import AdminUnit

    for code, district in (("01351", "043"), ("01705", "040")):
        parent = AdminUnit.objects.create(code=district, name=district, level=UnitLevel.DISTRICT)
        unit = AdminUnit.objects.create(
            code=code, name="Xã Hưng Đạo", level=UnitLevel.COMMUNE, parent=parent
        )
        project = Project.objects.create(
            code=f"DA-{code}", name="Đường", kind=ProjectKind.PUBLIC_INVESTMENT
        )
        ProjectLocation.objects.create(project=project, unit=unit)

    keys = sorted(score.key for score in by_unit(Project.objects.all()))

    assert keys == ["Xã Hưng Đạo (01351)", "Xã Hưng Đạo (01705)"]
