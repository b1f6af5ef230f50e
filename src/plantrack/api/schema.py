"""The API's schema: the error answers every operation may give, and the schema's cache.

``document_errors`` (a drf-spectacular postprocessing hook) adds to each operation the
answers that do not depend on the operation itself, so that a client, or schemathesis,
finds every status code it can receive in the schema: 400 (a malformed query string or
body, too many fields), 401 (a wrong token, on any operation), 403 and 415 on writes (no
CSRF token, a body in another format), 404 (an unknown id, a page past the last), 406 (an
``Accept`` the API cannot give), 413 (a body past the upload limit), 429 (the token view's
throttle). An operation's own answers (409, 422, 428, …) are written beside it.

``SchemaView`` serves ``/api/schema/`` from memory after its first request in each language
and format; ``schema_of_language`` gives the endpoint list the same schema.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.utils.translation import get_language
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

from plantrack.api.common import ERROR_CODES

ERROR_REF = {"$ref": "#/components/schemas/Error"}

COMMON_ERRORS = {
    "400": "invalid, too_many_fields, parse_error",
    "401": ERROR_CODES[401],
    "404": "not_found",
    "406": "not_acceptable",
}
WRITE_ERRORS = {
    "403": "not_permitted, permission_denied",
    "413": "request_too_large",
    "415": "unsupported_media_type",
}
THROTTLED = {"429": "throttled"}


def document_errors(result, generator, request, public):
    """Add the answers any operation may give (module docstring) where it lacks them."""
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            extra = dict(COMMON_ERRORS)
            if method in ("post", "put", "patch", "delete"):
                extra |= WRITE_ERRORS
            if path.endswith("/token/"):
                extra |= THROTTLED
            responses = operation["responses"]
            for code, description in extra.items():
                responses.setdefault(
                    code,
                    {
                        "content": {"application/json": {"schema": ERROR_REF}},
                        "description": description,
                    },
                )
    return result


# --- the schema, generated once per language -------------------------------------------------

# (language, media type, version) → (rendered bytes, content type, Content-Disposition); and
# language → the schema as a dict, for the endpoint list (``common.docs``). In the process's
# memory: a deploy restarts the processes, which start empty, so a new version of the code
# never serves an old schema. Emptied when a test changes the settings.
_RENDERED: dict[tuple[str, str, str], tuple[bytes, str, str]] = {}
_SCHEMAS: dict[str, dict] = {}


def clear_schema_cache(**kwargs) -> None:
    _RENDERED.clear()
    _SCHEMAS.clear()


setting_changed.connect(clear_schema_cache, dispatch_uid="plantrack-api-schema-cache")


def schema_of_language() -> dict:
    """Return the public schema in the active language, generated on first use."""
    language = get_language() or settings.LANGUAGE_CODE
    schema = _SCHEMAS.get(language)
    if schema is None:
        schema = _SCHEMAS[language] = SchemaGenerator().get_schema(request=None, public=True)
    return schema


class SchemaView(SpectacularAPIView):
    # drf-spectacular's view, serving each language and format from memory after the first
    # request (generating the schema took 420–520 ms a request: bench/README.md, issue 14).
    # The schema is public and the same for every user (SERVE_PUBLIC), so one copy serves
    # all. No docstring: it would be the operation's description.

    def _key(self, request) -> tuple[str, str, str]:
        language = request.GET.get("lang") if settings.USE_I18N else None
        return (
            language or get_language() or settings.LANGUAGE_CODE,
            request.accepted_renderer.media_type,
            str(request.GET.get("version", "")),
        )

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        cached = _RENDERED.get(self._key(request))
        if cached is None:
            return super().get(request, *args, **kwargs)
        content, content_type, disposition = cached
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = disposition
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and response.status_code == 200:
            response.render()
            _RENDERED[self._key(request)] = (
                response.content,
                response["Content-Type"],
                response.get("Content-Disposition", ""),
            )
        return response
