"""The Cao Bằng demo's projects, exported, import again with nothing changed (capital that is
not public stays empty)."""

import pytest
from django.db import transaction

from plantrack.demo.services import load_demo
from plantrack.investment.export import export_projects_bytes
from plantrack.investment.models import Project, ProjectLocation
from plantrack.investment.services import import_projects


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_demo_projects_import_again_unchanged(demo, django_user_model, file_format):
    admin = django_user_model.objects.create_superuser("root", password="pw-root")
    data = export_projects_bytes(Project.objects.all(), file_format)
    before = list(Project.objects.order_by("code").values())
    locations = list(ProjectLocation.objects.order_by("pk").values())

    report = import_projects(data, f"du-an.{file_format}", user=admin)

    assert report.errors == []
    assert report.unchanged == report.rows == Project.objects.count() > 0
    assert list(Project.objects.order_by("code").values()) == before
    assert list(ProjectLocation.objects.order_by("pk").values()) == locations
