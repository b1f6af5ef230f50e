"""The three imports, all or nothing, each through its one importer: a file of figures
(``import_observations``), a task appendix (``import_tasks``), a project appendix
(``import_projects``). Each answers the importer's report: 201 when written, 200 for a dry
run without errors, 422 ``import_refused`` with every problem when the file has errors.
"""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from plantrack.api import permissions
from plantrack.api.common import LOCALES, WORKPLAN_REFUSALS, errors
from plantrack.api.exceptions import ApiError
from plantrack.investment.services import import_projects
from plantrack.observations.imports import import_observations
from plantrack.plans.models import Plan
from plantrack.tabular.pipeline import oversized
from plantrack.tabular.problems import ImportReport
from plantrack.workplan.services import import_tasks

# --- serializers ----------------------------------------------------------------------------


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("Tệp CSV, XLSX hoặc JSON"))
    dry_run = serializers.BooleanField(default=False, help_text=_("Chỉ kiểm tra, không ghi"))
    approve = serializers.BooleanField(
        default=False, help_text=_("Phê duyệt luôn (cần quyền phê duyệt)")
    )
    locale = serializers.ChoiceField(choices=LOCALES, required=False)
    agency = serializers.CharField(required=False, help_text=_("Mã cơ quan báo cáo"))


class ProblemSerializer(serializers.Serializer):
    code = serializers.CharField()
    severity = serializers.ChoiceField(choices=[("error", "error"), ("warning", "warning")])
    file = serializers.CharField()
    sheet = serializers.CharField()
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField()
    value = serializers.CharField()
    message = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    """The importer's report (``ImportReport.as_dict``)."""

    file = serializers.CharField()
    checksum = serializers.CharField()
    format = serializers.CharField()
    layout = serializers.CharField()
    locale = serializers.CharField(allow_null=True)
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    dry_run = serializers.BooleanField()
    written = serializers.BooleanField()
    batch = serializers.IntegerField(allow_null=True)
    problems = ProblemSerializer(
        many=True,
        help_text=_("Các lỗi và cảnh báo đầu tiên (tối đa PLANTRACK_IMPORT_MAX_PROBLEMS)"),
    )
    problems_total = serializers.IntegerField(help_text=_("Số lỗi và cảnh báo của cả tệp"))
    problem_counts = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Số lỗi và cảnh báo theo mã, của cả tệp")
    )


class TaskImportSerializer(serializers.Serializer):
    """A task appendix to import (multipart/form-data)."""

    file = serializers.FileField(help_text=_("Tệp XLSX hoặc CSV: phụ lục nhiệm vụ"))
    dry_run = serializers.BooleanField(default=False, help_text=_("Chỉ kiểm tra, không ghi"))
    prefix = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text=_("Tiền tố tạo mã từ STT khi tệp không có cột Mã, ví dụ KH-2025"),
    )
    plan = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Mã quy hoạch, kế hoạch của các dòng")
    )


class ProjectImportSerializer(TaskImportSerializer):
    """A project appendix to import (multipart/form-data)."""

    file = serializers.FileField(help_text=_("Tệp XLSX hoặc CSV: danh mục dự án"))
    locale = serializers.ChoiceField(choices=LOCALES, required=False)


# --- views ----------------------------------------------------------------------------------


def _refused_or_report(report) -> Response:
    """Answer an importer's report: 422 ``import_refused`` with the report when the file has
    errors (nothing was written), else the report, 201 when written and 200 for a dry run."""
    conflict = next((p for p in report.errors if p.code == "duplicate_figure"), None)
    if conflict is not None:
        # Lost a race with another import or entry (tabular.pipeline.WriteConflict): 409.
        raise ApiError(
            conflict.message,
            code="duplicate_figure",
            status_code=status.HTTP_409_CONFLICT,
            details=report.as_dict(),
        )
    if report.errors:
        raise ApiError(
            gettext("Không ghi gì: tệp %(file)s có %(count)s lỗi.")
            % {"file": report.file_name, "count": len(report.errors)},
            code="import_refused",
            status_code=status.HTTP_422_UNPROCESSABLE_ENTITY,
            details=report.as_dict(),
        )
    written = status.HTTP_201_CREATED if report.written else status.HTTP_200_OK
    return Response(report.as_dict(), status=written)


def _plan_named(code: str | None) -> Plan | None:
    if not code:
        return None
    plan = Plan.objects.filter(code=code).first()
    if plan is None:
        raise ValidationError(
            {"plan": [gettext("Không có quy hoạch, kế hoạch mã “%(code)s”.") % {"code": code}]}
        )
    return plan


IMPORT_DESCRIPTION = _(
    "Chỉ cán bộ kế hoạch và quản trị (403 not_permitted cho người khác). Tất cả hoặc không: "
    "201 khi đã ghi, 200 khi chạy thử không lỗi, 422 import_refused khi tệp có lỗi (từng lỗi "
    "với tệp, trang, dòng, cột, giá trị trong error.details.problems)."
)


IMPORT_RESPONSES = {
    201: ImportReportSerializer,
    200: ImportReportSerializer,
    **errors(400, 401, 403, 409, 422, refusals=WORKPLAN_REFUSALS),
}


class _ImportView(APIView):
    # Reads the body with ``body_class``, hands its file to ``importer`` with the arguments
    # that ``options`` makes of the body's fields, and answers the importer's report.

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]
    body_class: type[serializers.Serializer]

    def importer(self, content: bytes, name: str, **options: Any) -> ImportReport:
        raise NotImplementedError

    def import_options(self, fields: dict) -> dict:
        raise NotImplementedError

    def post(self, request):
        body = self.body_class(data=request.data)
        body.is_valid(raise_exception=True)
        fields = body.validated_data
        upload = fields["file"]
        # Refused before it is read into memory; Django spooled it to disk while it came in.
        report = oversized(upload.name, upload.size) or self.importer(
            upload.read(), upload.name, user=request.user, **self.import_options(fields)
        )
        return _refused_or_report(report)


@extend_schema_view(
    post=extend_schema(
        summary=_("Nhập một tệp số liệu (CSV, XLSX, JSON): tất cả hoặc không"),
        description=_(
            "Trả về báo cáo của lần nhập: 201 khi đã ghi, 200 khi chạy thử không lỗi, 422 "
            "khi tệp bị từ chối (chi tiết lỗi từng dòng trong error.details.problems)."
        ),
        request={"multipart/form-data": ImportSerializer},
        responses={
            201: ImportReportSerializer,
            200: ImportReportSerializer,
            **errors(400, 401, 409, 422),
        },
    )
)
class ImportView(_ImportView):
    """Import a file of figures through the one importer (``import_observations``)."""

    body_class = ImportSerializer

    def importer(self, content: bytes, name: str, **options: Any) -> ImportReport:
        return import_observations(content, name, **options)

    def import_options(self, fields: dict) -> dict:
        return {
            "agency": permissions.agency_named(fields.get("agency")),
            "locale": fields.get("locale"),
            "dry_run": fields["dry_run"],
            "approve": fields["approve"],
        }


@extend_schema_view(
    post=extend_schema(
        summary=_("Nhập phụ lục nhiệm vụ (XLSX, CSV): tất cả hoặc không"),
        description=IMPORT_DESCRIPTION,
        request={"multipart/form-data": TaskImportSerializer},
        responses=IMPORT_RESPONSES,
    )
)
class TaskImportView(_ImportView):
    """Import a task appendix through the one importer (``import_tasks``)."""

    body_class = TaskImportSerializer

    def importer(self, content: bytes, name: str, **options: Any) -> ImportReport:
        return import_tasks(content, name, **options)

    def import_options(self, fields: dict) -> dict:
        return {
            "prefix": fields.get("prefix"),
            "plan": _plan_named(fields.get("plan")),
            "dry_run": fields["dry_run"],
        }


@extend_schema_view(
    post=extend_schema(
        summary=_("Nhập danh mục dự án (XLSX, CSV): tất cả hoặc không"),
        description=IMPORT_DESCRIPTION,
        request={"multipart/form-data": ProjectImportSerializer},
        responses=IMPORT_RESPONSES,
    )
)
class ProjectImportView(TaskImportView):
    """Import a project appendix through the one importer (``import_projects``)."""

    body_class = ProjectImportSerializer

    def importer(self, content: bytes, name: str, **options: Any) -> ImportReport:
        return import_projects(content, name, **options)

    def import_options(self, fields: dict) -> dict:
        return {**super().import_options(fields), "locale": fields.get("locale")}
