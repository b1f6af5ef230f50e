"""The answer to a login that django-axes has locked (``AXES_LOCKOUT_CALLABLE``).

A page (``/login/``, the admin's login) gets the lock-out page, the API (``/api/token/``) its
JSON error (``{"error": {"code": "locked_out", …}}``, as ``plantrack.api.exceptions``); both
429 with ``Retry-After``, and in the request's language.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def lockout_message() -> str:
    """Return the lock-out sentence in the active language."""
    return _(
        "Đăng nhập tạm thời bị khóa vì nhập sai mật khẩu %(count)d lần liên tiếp. "
        "Xin thử lại sau %(minutes)d phút, hoặc liên hệ quản trị viên."
    ) % {"count": settings.AXES_FAILURE_LIMIT, "minutes": settings.PLANTRACK_LOCKOUT_MINUTES}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """Return the lock-out answer (429) for a page or for the API."""
    retry_after = str(settings.PLANTRACK_LOCKOUT_MINUTES * 60)
    message = lockout_message()
    response: HttpResponse
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse(
            {"error": {"code": "locked_out", "message": message, "details": None}},
            status=429,
        )
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = retry_after
    return response
