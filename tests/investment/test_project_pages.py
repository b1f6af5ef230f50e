"""The project pages show the published facts, capital left empty where not public."""

import pytest
from pytest_django.asserts import assertContains

from plantrack.investment.choices import PipelineStatus, ProjectKind
from plantrack.investment.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def expressway(db):
    return Project.objects.create(
        code="DA-01",
        name="Đường bộ cao tốc Đồng Đăng (Lạng Sơn) - Trà Lĩnh (Cao Bằng), giai đoạn 1",
        kind=ProjectKind.PPP,
        sector="Giao thông",
        status=PipelineStatus.UNDER_CONSTRUCTION,
        source="https://baotintuc.vn/infographics/ngay-112024-khoi-cong",
    )


def test_the_list_shows_projects_and_says_capital_is_not_published(client, expressway):
    response = client.get("/projects/")
    assertContains(response, "Đường bộ cao tốc Đồng Đăng")
    assertContains(response, "Đối tác công tư (PPP)")
    assertContains(response, "Chưa công bố")


def test_a_project_page_links_its_source(client, expressway):
    response = client.get("/projects/DA-01/")
    assertContains(response, 'href="https://baotintuc.vn/infographics/ngay-112024-khoi-cong"')
    assertContains(response, "Chưa có số liệu vốn công bố: không vẽ biểu đồ")


def test_an_unknown_project_is_404(client):
    assert client.get("/projects/DA-99/").status_code == 404
