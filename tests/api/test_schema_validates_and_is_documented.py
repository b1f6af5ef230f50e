"""The OpenAPI 3 schema at /api/schema/ validates with no warning, and /api/docs/ lists
every endpoint on a plain page that loads nothing from outside."""

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/plans/",
    "/api/sections/",
    "/api/indicators/",
    "/api/targets/",
    "/api/units/",
    "/api/observations/",
    "/api/observations/{id}/submit/",
    "/api/observations/{id}/approve/",
    "/api/observations/{id}/reject/",
    "/api/observations/submit/",
    "/api/observations/approve/",
    "/api/observations/reject/",
    "/api/assessment-runs/",
    "/api/assessments/",
    "/api/imports/",
    "/api/token/",
]


def test_the_schema_command_validates_without_warnings(tmp_path):
    # --fail-on-warn turns any warning (an operation spectacular could not infer) into an error.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )

    assert "openapi: 3" in (tmp_path / "schema.yml").read_text()


def test_the_schema_is_valid_openapi_3():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    validate_schema(schema)
    assert set(ENDPOINTS) <= set(schema["paths"])


def test_the_schema_is_served_as_json(api):
    response = api().get("/api/schema/?format=json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "PlanTrack API"


def test_the_interactive_docs_are_served_from_our_own_static_files(client):
    response = client.get("/api/docs/")

    assertContains(response, "swagger-ui")
    assertContains(response, "/static/drf_spectacular_sidecar/swagger-ui-dist/")
    assertNotContains(response, "cdn.jsdelivr")
    assertNotContains(response, "unpkg")
    # Swagger UI's start-up is a script of its own (the Content-Security-Policy runs no
    # inline script); it loads our schema.
    assertContains(response, '<script src="/api/docs/?script="></script>', html=False)
    script = client.get("/api/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assertContains(script, "/api/schema/")


def test_the_plain_endpoint_list_needs_no_script_and_no_cdn(client):
    response = client.get("/api/docs/endpoints/")

    for path in ENDPOINTS:
        assertContains(response, path)
    assertContains(response, "PATCH /api/observations/{id}/")
    assertNotContains(response, "cdn")
    assertNotContains(response, "<script")
