"""The task and project endpoints are in the OpenAPI schema, which still validates with no
warning, and in the plain endpoint list."""

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/tasks/",
    "/api/tasks/{code}/",
    "/api/tasks/{code}/updates/",
    "/api/tasks/{code}/deadline/",
    "/api/evidence/{id}/",
    "/api/projects/",
    "/api/projects/{code}/",
    "/api/projects/{code}/finance/",
    "/api/projects/{code}/updates/",
    "/api/scorecards/tasks/",
    "/api/scorecards/projects/",
    "/api/imports/tasks/",
    "/api/imports/projects/",
]


def test_the_schema_validates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )


def test_every_task_and_project_endpoint_is_documented():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    validate_schema(schema)
    assert set(ENDPOINTS) <= set(schema["paths"])
    upload = schema["paths"]["/api/tasks/{code}/updates/"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert {"201", "403", "422"} <= set(upload["responses"])
    statuses = schema["components"]["schemas"]
    assert statuses["TaskStatusEnum"]["enum"][0] == "not_started"
    assert "under_construction" in statuses["PipelineStatusEnum"]["enum"]
    task = statuses["Task"]["properties"]
    assert {"deadline_state", "illustrative_fields"} <= set(task)


def test_the_plain_endpoint_list_shows_them(client):
    response = client.get("/api/docs/endpoints/")

    for path in ENDPOINTS:
        assertContains(response, path)
