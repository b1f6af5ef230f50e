"""``/api/schema/`` is generated once per language and format, then served from memory
(``api.schema.SchemaView``; its time is measured by bench/api_schema.py)."""

import pytest
from django.test import override_settings

from plantrack.api import schema

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    schema.clear_schema_cache()
    yield
    schema.clear_schema_cache()


def test_each_language_and_format_is_kept_once(client, monkeypatch):
    made = []
    generate = schema.SpectacularAPIView._get_schema_response

    def counted(view, request):
        made.append(request.GET.get("format", "yaml"))
        return generate(view, request)

    monkeypatch.setattr(schema.SpectacularAPIView, "_get_schema_response", counted)

    first = client.get("/api/schema/")
    again = client.get("/api/schema/")
    english = client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="en")
    as_json = client.get("/api/schema/?format=json")

    assert made == ["yaml", "yaml", "json"]
    assert first.content == again.content
    assert first["Content-Type"] == again["Content-Type"]
    assert "Một số liệu" in first.content.decode()
    assert english.content != first.content
    assert as_json["Content-Type"].startswith("application/vnd.oai.openapi+json")


def test_a_change_of_settings_empties_it(client):
    client.get("/api/schema/")

    with override_settings(SPECTACULAR_SETTINGS={"TITLE": "Khác"}):
        assert not schema._RENDERED
