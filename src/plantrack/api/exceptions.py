"""Every error of the API as one JSON shape with a machine-readable code.

``{"error": {"code": "concurrent_edit", "message": "…", "details": …}}``: ``code`` is for
programs (stable, English, snake case), ``message`` for people (in the request's language,
``Accept-Language``, Vietnamese by default), ``details`` what the code needs to say where
(the fields of a refused request, the problems of a refused figure or file) or null.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

from plantrack.accounts.permissions import NotPermitted
from plantrack.investment.services import ProjectError
from plantrack.observations.workflow import WorkflowError
from plantrack.tabular.pipeline import ImportNotPermitted
from plantrack.workplan.services import TaskError

# The HTTP status of each workflow code (observations/workflow.py); any other code, such as
# ``invalid`` or ``reason_required``, is 400. One code, one status: ``invalid`` is always 400.
WORKFLOW_STATUS = {
    "not_permitted": status.HTTP_403_FORBIDDEN,
    "not_found": status.HTTP_404_NOT_FOUND,
    "concurrent_edit": status.HTTP_409_CONFLICT,
    "wrong_state": status.HTTP_409_CONFLICT,
    "duplicate_figure": status.HTTP_409_CONFLICT,
    "superseded": status.HTTP_409_CONFLICT,
    "invalid_observation": status.HTTP_422_UNPROCESSABLE_ENTITY,
    "not_a_number": status.HTTP_422_UNPROCESSABLE_ENTITY,
    "out_of_range": status.HTTP_422_UNPROCESSABLE_ENTITY,
}


class ApiError(exceptions.APIException):
    """An error with its own status, code, message and details."""

    def __init__(self, message: str, *, code: str, status_code: int, details=None) -> None:
        super().__init__(message, code)
        self.status_code = status_code
        self.details = details


class VersionRequired(ApiError):
    """An edit that does not say which version its author saw: 428."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Hãy gửi phiên bản của số liệu mà bạn đã xem (trường “version” hoặc tiêu đề "
                "If-Match) để không ghi đè thay đổi của người khác."
            ),
            code="version_required",
            status_code=status.HTTP_428_PRECONDITION_REQUIRED,
        )


def problem_as_dict(problem) -> dict:
    """Return a problem of a single figure: the field, the value and what is wrong."""
    return {
        "code": problem.code,
        "severity": problem.severity,
        "field": problem.column,
        "value": problem.value,
        "message": problem.message,
    }


def handle_exception(exc, context):
    """Turn any error the API knows into ``{"error": {...}}``; others stay 500."""
    exc = _as_api_exception(exc)
    response = exception_handler(exc, context)  # DRF's: headers (WWW-Authenticate), rollback
    if response is None:
        return None
    response.data = {"error": _body(exc)}
    return response


def _as_api_exception(exc):
    if isinstance(exc, Http404):
        # Django's message names the model class in English; DRF's is translated.
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, NotPermitted):
        # Any service's refusal (accounts.permissions): figures, tasks, projects, imports.
        return ApiError(str(exc), code=exc.code, status_code=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, WorkflowError):
        problems = getattr(exc, "problems", None)
        # A figure refused by the importer's checks is 422 whatever its problem's code.
        unprocessable = status.HTTP_422_UNPROCESSABLE_ENTITY if problems else None
        return ApiError(
            str(exc),
            code=exc.code,
            status_code=unprocessable or WORKFLOW_STATUS.get(exc.code, status.HTTP_400_BAD_REQUEST),
            details=(
                {"problems": [problem_as_dict(p) for p in problems]}
                if problems
                else getattr(exc, "details", None)
            ),
        )
    if isinstance(exc, TaskError | ProjectError):
        # A refused progress report, evidence file, deadline move or capital row: 422 with
        # the service's code (file_too_large, file_type_not_allowed, reason_required, …).
        return ApiError(str(exc), code=exc.code, status_code=status.HTTP_422_UNPROCESSABLE_ENTITY)
    if isinstance(exc, ImportNotPermitted):
        return ApiError(str(exc), code=exc.code, status_code=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        # Django's own answer is its HTML 400 page; the API's is JSON like every other.
        return ApiError(
            _("Yêu cầu có quá nhiều trường: tối đa %(limit)s.")
            % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS or "…"},
            code="too_many_fields",
            status_code=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, RequestDataTooBig):
        return ApiError(
            _("Nội dung yêu cầu quá lớn."),
            code="request_too_large",
            status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, DjangoValidationError):
        details = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        return ApiError(
            "; ".join(exc.messages),
            code="invalid",
            status_code=status.HTTP_400_BAD_REQUEST,
            details=details,
        )
    return exc


def _body(exc) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        return {
            "code": "invalid",
            "message": _("Dữ liệu gửi lên không hợp lệ: %(fields)s.")
            % {"fields": _summary(exc.detail)},
            "details": exc.detail,
        }
    detail = exc.detail
    code = getattr(detail, "code", None) or exc.default_code
    return {"code": code, "message": str(detail), "details": getattr(exc, "details", None)}


def _summary(detail) -> str:
    """Return "field: message" for the first few fields of a validation error."""
    if isinstance(detail, dict):
        parts = []
        for name, messages in list(detail.items())[:5]:
            first = messages[0] if isinstance(messages, list) and messages else messages
            if isinstance(first, dict):
                first = _summary(first)
            parts.append(f"{name}: {first}" if name != "non_field_errors" else str(first))
        return "; ".join(parts)
    if isinstance(detail, list) and detail:
        return str(detail[0])
    return str(detail)
