"""The API's schema: the error answers every operation may give, and the schema's cache.

``document_errors`` (a drf-spectacular postprocessing hook) adds to each operation the
answers that do not depend on the operation itself, so that a client, or schemathesis,
finds every status code it can receive in the schema: 400 (a malformed query string or
body, too many fields), 401 (a wrong token, on any operation), 403 and 415 on writes (no
CSRF token, a body in another format), 404 (an unknown id, a page past the last), 406 (an
``Accept`` the API cannot give), 413 (a body past the upload limit), 429 (the token view's
throttle). An operation's own answers (409, 422, 428, …) are written beside it.
"""

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
