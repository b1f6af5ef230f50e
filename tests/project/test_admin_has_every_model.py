"""Every model of the domain has a working Django admin."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from plantrack.observations.choices import FigureStatus
from plantrack.observations.models import ObservationRevision
from plantrack.observations.vintages import record_observation

pytestmark = pytest.mark.django_db

PLANTRACK_APPS = tuple(
    config.label
    for config in apps.get_app_configs()
    if config.name.startswith("plantrack.") and list(config.get_models())
)


def test_every_plantrack_model_is_registered():
    models = [m for label in PLANTRACK_APPS for m in apps.get_app_config(label).get_models()]
    assert {"Observation", "Target", "Task", "Project", "ReportingRound"} <= {
        m.__name__ for m in models
    }
    assert [m.__name__ for m in models if not admin.site.is_registered(m)] == []


@pytest.mark.parametrize("label", PLANTRACK_APPS)
def test_changelists_open_for_an_administrator(admin_client, label):
    for model in apps.get_app_config(label).get_models():
        url = reverse(f"admin:{label}_{model._meta.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url


@pytest.fixture
def observation(grdp_growth, province):
    observation, _ = record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2024",
        value=Decimal("6.74"),
        status=FigureStatus.ESTIMATE,
        source="http://thongkecaobang.gso.gov.vn/",
    )
    return observation


def test_an_observation_page_shows_its_history_and_cannot_be_deleted(admin_client, observation):
    url = reverse("admin:observations_observation_change", args=[observation.pk])

    response = admin_client.get(url)

    assert response.status_code == 200
    assert "Tạo mới" in response.content.decode()  # the revision inline
    delete = reverse("admin:observations_observation_delete", args=[observation.pk])
    assert admin_client.get(delete).status_code == 403


def test_editing_an_observation_in_the_admin_records_who_did_it(
    admin_client, admin_user, observation
):
    url = reverse("admin:observations_observation_change", args=[observation.pk])
    form = {
        "indicator": observation.indicator_id,
        "unit": observation.unit_id,
        "period": "2024",
        "breakdown": "",
        "value": "6.75",
        "status": FigureStatus.OFFICIAL,
        "state": observation.state,
        "source": observation.source,
        "comment": "",
        "change_reason": "Cục Thống kê công bố số liệu chính thức",
        "is_current": "on",
        "revisions-TOTAL_FORMS": "1",
        "revisions-INITIAL_FORMS": "1",
        "revisions-MIN_NUM_FORMS": "0",
        "revisions-MAX_NUM_FORMS": "1000",
        "revisions-0-id": observation.revisions.get().pk,
        "revisions-0-observation": observation.pk,
    }

    response = admin_client.post(url, form)

    assert response.status_code == 302, response.content.decode()[:2000]
    last = ObservationRevision.objects.filter(observation=observation).last()
    assert (last.old_value, last.new_value) == (Decimal("6.74"), Decimal("6.75"))
    assert last.user == admin_user
    assert last.reason == "Cục Thống kê công bố số liệu chính thức"
    assert last.changes["status"] == ["estimate", "official"]
