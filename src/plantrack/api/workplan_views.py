"""The API for tasks and projects: lists and details, progress reports with evidence, moved
deadlines, yearly capital, imports of appendices, and the scorecards.

Reads start from the models' ``for_user`` (tasks and projects are public); writes from
``editable_by`` (the lead agency's members, planners and admins): a task or project the user
may see but not change answers 403 ``not_permitted``. Every write calls one service of
``workplan.services`` or ``investment.services``, whose refusals (``TaskError``,
``ProjectError``) answer 422 with their code (``api.exceptions``).
"""

import datetime

from django.db.models import Prefetch
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from plantrack.accounts.models import Agency
from plantrack.accounts.permissions import Action, NotPermitted, require
from plantrack.api import workplan_serializers as serializers
from plantrack.api.exceptions import ApiError
from plantrack.api.serializers import ErrorSerializer, ImportReportSerializer
from plantrack.api.views import ReadOnlyViewSet
from plantrack.investment import scorecards as project_scorecards
from plantrack.investment.choices import PipelineStatus, ProjectKind
from plantrack.investment.models import Project, ProjectFinance, ProjectLocation
from plantrack.investment.services import KEEP, add_project_update, import_projects, record_finance
from plantrack.plans.models import Plan
from plantrack.tabular.numbers import read_number
from plantrack.tabular.problems import number_message
from plantrack.workplan.choices import DeadlineState, Priority, TaskStatus
from plantrack.workplan.models import Evidence, Task
from plantrack.workplan.scorecards import agency_scorecard
from plantrack.workplan.services import (
    UploadedFile,
    add_task_update,
    import_tasks,
    move_deadline,
)

AS_OF_PARAMETER = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description=gettext_lazy("Ngày tính tình trạng thời hạn (YYYY-MM-DD); mặc định hôm nay"),
)


ERRORS = {
    code: OpenApiResponse(ErrorSerializer, description=text)
    for code, text in {
        400: "invalid",
        401: "not_authenticated, authentication_failed",
        403: "not_permitted",
        404: "not_found",
        422: (
            "file_too_large, file_type_not_allowed, text_required, invalid_percent, "
            "reason_required, unchanged, negative_capital, not_whole, invalid_year, "
            "import_refused"
        ),
    }.items()
}


def errors(*codes: int) -> dict:
    return {code: ERRORS[code] for code in codes}


def as_of_of(request) -> datetime.date:
    """Return the ``as_of`` date of the query string (today without one), or refuse it."""
    text = request.query_params.get("as_of", "").strip()
    if not text:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            {"as_of": [_("Ngày “%(value)s” không hợp lệ: dùng YYYY-MM-DD.") % {"value": text}]}
        ) from None


# --- tasks ----------------------------------------------------------------------------------


class TaskFilter(django_filters.FilterSet):
    agency = django_filters.CharFilter(
        field_name="lead_agency__code", label=gettext_lazy("Mã cơ quan chủ trì")
    )
    plan = django_filters.CharFilter(
        field_name="plan__code", label=gettext_lazy("Mã quy hoạch, kế hoạch")
    )
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices)
    priority = django_filters.ChoiceFilter(choices=Priority.choices)
    state = django_filters.ChoiceFilter(
        field_name="deadline_state",
        choices=DeadlineState.choices,
        label=gettext_lazy("Tình trạng thời hạn tính đến ngày as_of (overdue: quá hạn, …)"),
    )

    class Meta:
        model = Task
        fields = ["agency", "plan", "status", "priority", "state"]


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Các nhiệm vụ thực hiện quy hoạch"),
        description=gettext_lazy(
            "Tình trạng thời hạn (deadline_state) tính đến ngày as_of; state=overdue lọc các "
            "nhiệm vụ quá hạn vào ngày đó. Nhiệm vụ là thông tin công khai."
        ),
        parameters=[AS_OF_PARAMETER],
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("Một nhiệm vụ, với các cập nhật, minh chứng và điều chỉnh thời hạn"),
        parameters=[AS_OF_PARAMETER],
        responses={200: serializers.TaskDetailSerializer, **errors(400, 404)},
    ),
)
class TaskViewSet(ReadOnlyViewSet):
    filterset_class = TaskFilter
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        tasks = (
            Task.objects.for_user(self.request.user)
            .with_deadline_state(as_of_of(self.request))
            .select_related("lead_agency", "plan")
            .prefetch_related("cooperating_agencies")
            .order_by("deadline", "code")
        )
        if self.action == "retrieve":
            tasks = tasks.prefetch_related(
                "targets", "updates__evidence", "deadline_changes__changed_by"
            )
        return tasks

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.TaskDetailSerializer
        return serializers.TaskSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        task = getattr(self, "_task", None)
        if task is not None:
            visible = Evidence.objects.for_user(self.request.user).filter(update__task=task)
            context["sees_evidence"] = visible.exists()
        return context

    def retrieve(self, request, *args, **kwargs):
        self._task = self.get_object()
        return Response(self.get_serializer(self._task).data)

    @extend_schema(
        summary=gettext_lazy("Báo cáo tiến độ một nhiệm vụ, kèm tệp minh chứng"),
        description=gettext_lazy(
            "multipart/form-data. Chỉ cơ quan chủ trì, cán bộ kế hoạch và quản trị; người khác "
            "nhận 403 not_permitted. Tệp quá lớn (file_too_large) hoặc không đúng loại "
            "(file_type_not_allowed) bị từ chối với 422, và không ghi gì."
        ),
        operation_id="tasks_add_update",
        request={"multipart/form-data": serializers.TaskUpdateCreateSerializer},
        responses={201: serializers.TaskUpdateSerializer, **errors(400, 401, 403, 404, 422)},
    )
    @action(detail=True, methods=["post"], url_path="updates")
    def add_update(self, request, code=None):
        task = self.get_object()
        require(
            request.user,
            Action.CHANGE,
            task,
            _("Bạn không được cập nhật nhiệm vụ %(code)s: nhiệm vụ do %(agency)s chủ trì.")
            % {"code": task.code, "agency": task.lead_agency or "—"},
        )
        body = serializers.TaskUpdateCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = body.validated_data
        update = add_task_update(
            task,
            user=request.user,
            date=fields["date"],
            text=fields["text"],
            percent_complete=fields.get("percent_complete"),
            new_status=fields.get("new_status", ""),
            files=[UploadedFile(upload.name, upload.read()) for upload in fields["files"]],
        )
        context = {"request": request, "sees_evidence": True}
        data = serializers.TaskUpdateSerializer(update, context=context).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Điều chỉnh thời hạn một nhiệm vụ, với lý do"),
        description=gettext_lazy(
            "Chỉ cán bộ kế hoạch và quản trị (403 not_permitted cho người khác). Thời hạn ban "
            "đầu được giữ; thiếu lý do: 422 reason_required."
        ),
        operation_id="tasks_move_deadline",
        request=serializers.MoveDeadlineSerializer,
        responses={200: serializers.TaskDetailSerializer, **errors(400, 401, 403, 404, 422)},
    )
    @action(detail=True, methods=["post"], url_path="deadline")
    def deadline(self, request, code=None):
        task = self.get_object()
        require(
            request.user,
            Action.APPROVE,
            task,
            _("Chỉ cán bộ kế hoạch điều chỉnh được thời hạn nhiệm vụ."),
        )
        body = serializers.MoveDeadlineSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        move_deadline(task, user=request.user, **body.validated_data)
        self.action = "retrieve"
        self._task = self.get_queryset().get(pk=task.pk)
        context = self.get_serializer_context()
        return Response(serializers.TaskDetailSerializer(self._task, context=context).data)


@extend_schema(
    summary=gettext_lazy("Tải một tệp minh chứng"),
    description=gettext_lazy(
        "Chỉ cán bộ kế hoạch, quản trị và thành viên cơ quan chủ trì, phối hợp; người khác "
        "nhận 404 như với tệp không tồn tại."
    ),
    responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **errors(404)},
)
class EvidenceView(APIView):
    """Send an evidence file to those who may see it; 404 alike for missing and not yours."""

    def get(self, request, pk: int):
        item = Evidence.objects.for_user(request.user).filter(pk=pk).first()
        if item is None:
            raise ApiError(
                _("Không tìm thấy."), code="not_found", status_code=status.HTTP_404_NOT_FOUND
            )
        return FileResponse(
            item.file.open("rb"),
            as_attachment=True,
            filename=item.original_name,
            content_type=item.content_type,
        )


# --- projects -------------------------------------------------------------------------------


class ProjectFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ProjectKind.choices)
    status = django_filters.ChoiceFilter(choices=PipelineStatus.choices)
    sector = django_filters.CharFilter(lookup_expr="iexact", label=gettext_lazy("Ngành, lĩnh vực"))
    unit = django_filters.CharFilter(
        method="filter_unit", label=gettext_lazy("Mã đơn vị hành chính nơi có dự án")
    )
    agency = django_filters.CharFilter(
        field_name="lead_agency__code", label=gettext_lazy("Mã cơ quan chủ trì")
    )
    plan = django_filters.CharFilter(
        field_name="plan__code", label=gettext_lazy("Mã quy hoạch, kế hoạch")
    )

    class Meta:
        model = Project
        fields = ["kind", "status", "sector", "unit", "agency", "plan"]

    def filter_unit(self, queryset, name, value):
        located = ProjectLocation.objects.filter(unit__code=value.strip()).values("project_id")
        return queryset.filter(pk__in=located)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Các dự án đầu tư ưu tiên")),
    retrieve=extend_schema(
        summary=gettext_lazy("Một dự án, với địa điểm, nguồn vốn, vốn theo năm và cập nhật"),
        responses={200: serializers.ProjectDetailSerializer, **errors(404)},
    ),
)
class ProjectViewSet(ReadOnlyViewSet):
    filterset_class = ProjectFilter
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        projects = (
            Project.objects.for_user(self.request.user)
            .select_related("lead_agency", "plan")
            .prefetch_related(
                Prefetch("locations", queryset=ProjectLocation.objects.select_related("unit"))
            )
            .order_by("code")
        )
        if self.action == "retrieve":
            projects = projects.prefetch_related("capital_sources", "finances", "updates")
        return projects

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ProjectDetailSerializer
        return serializers.ProjectSerializer

    def _editable(self) -> Project:
        # The service checks the permission too; asking first keeps a refused write from
        # parsing its body (403 before 400).
        project = self.get_object()
        writable = Project.objects.for_user(self.request.user, Action.CHANGE)
        if not writable.filter(pk=project.pk).exists():
            raise NotPermitted(
                _("Bạn không được cập nhật dự án %(code)s: dự án do %(agency)s chủ trì.")
                % {"code": project.code, "agency": project.lead_agency or "—"}
            )
        return project

    @extend_schema(
        summary=gettext_lazy("Ghi vốn một năm của dự án: kế hoạch, đã giao, đã giải ngân"),
        description=gettext_lazy(
            "Một dòng mỗi năm: lần đầu tạo (201), sau đó sửa (200) các trường được gửi; trường "
            "không gửi giữ nguyên, null là chưa biết. Số tiền tính bằng đồng, là số JSON hoặc "
            "chuỗi kiểu Việt Nam (1.500.000.000) hay kiểu Anh. Tỷ lệ giải ngân suy ra."
        ),
        operation_id="projects_record_finance",
        request=serializers.FinanceWriteSerializer,
        responses={
            201: serializers.ProjectFinanceSerializer,
            200: serializers.ProjectFinanceSerializer,
            **errors(400, 401, 403, 404, 422),
        },
    )
    @action(detail=True, methods=["post"], url_path="finance")
    def finance(self, request, code=None):
        project = self._editable()
        body = serializers.FinanceWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = dict(body.validated_data)
        locale = fields.pop("locale", None)
        year = fields.pop("year")
        values = {name: _amount(name, fields[name], locale) for name in fields}
        finance, created = record_finance(
            project,
            year,
            **{name: values.get(name, KEEP) for name in ("planned", "allocated", "disbursed")},
            as_of=values.get("as_of", KEEP),
            source=values.get("source", KEEP),
            user=request.user,
        )
        finance = ProjectFinance.objects.get(pk=finance.pk)
        return Response(
            serializers.ProjectFinanceSerializer(finance).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        summary=gettext_lazy("Báo cáo diễn biến một dự án, có thể kèm tình trạng mới"),
        operation_id="projects_add_update",
        request=serializers.ProjectUpdateCreateSerializer,
        responses={201: serializers.ProjectUpdateSerializer, **errors(400, 401, 403, 404, 422)},
    )
    @action(detail=True, methods=["post"], url_path="updates")
    def add_update(self, request, code=None):
        project = self._editable()
        body = serializers.ProjectUpdateCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        update = add_project_update(project, user=request.user, **body.validated_data)
        return Response(
            serializers.ProjectUpdateSerializer(update).data, status=status.HTTP_201_CREATED
        )


def _amount(name: str, value, locale: str | None):
    """Return an amount of money as the importer reads a cell, or refuse it (400)."""
    if name not in ("planned", "allocated", "disbursed") or value is None:
        return value
    number, error = read_number(value, locale)
    if error:
        raise ValidationError({name: [number_message(error, value)]})
    return number


# --- scorecards -----------------------------------------------------------------------------


class TaskScorecardView(APIView):
    """Each lead agency's tasks due, completed on time or late, overdue, on-time rate."""

    @extend_schema(
        summary=gettext_lazy("Bảng điểm nhiệm vụ của các cơ quan chủ trì, tính đến một ngày"),
        parameters=[
            AS_OF_PARAMETER,
            OpenApiParameter("plan", OpenApiTypes.STR, description=gettext_lazy("Mã quy hoạch")),
        ],
        responses={200: serializers.TaskScorecardSerializer, **errors(400)},
    )
    def get(self, request):
        as_of = as_of_of(request)
        tasks = Task.objects.for_user(request.user)
        if plan := request.query_params.get("plan", "").strip():
            tasks = tasks.filter(plan__code=plan)
        scores = agency_scorecard(tasks, as_of)
        codes = dict(
            Agency.objects.filter(pk__in=[s.agency_id for s in scores]).values_list("pk", "code")
        )
        results = [
            {
                "agency": codes.get(score.agency_id),
                "agency_name": score.agency,
                "tasks": score.tasks,
                "due": score.due,
                "completed_on_time": score.completed_on_time,
                "completed_late": score.completed_late,
                "overdue": score.overdue,
                "deadlines_moved": score.deadlines_moved,
                "on_time_rate": score.on_time_rate,
            }
            for score in scores
        ]
        return Response({"as_of": as_of, "results": results})


class ProjectScorecardView(APIView):
    """Projects by status and capital planned, allocated, disbursed, by sector or unit."""

    @extend_schema(
        summary=gettext_lazy("Dự án theo ngành hoặc theo địa bàn: số dự án, vốn, giải ngân"),
        parameters=[
            OpenApiParameter(
                "by",
                OpenApiTypes.STR,
                enum=["sector", "unit"],
                description=gettext_lazy("sector: theo ngành (mặc định); unit: theo địa bàn"),
            ),
            OpenApiParameter(
                "year", OpenApiTypes.INT, description=gettext_lazy("Chỉ vốn của năm này")
            ),
        ],
        responses={200: serializers.ProjectScorecardSerializer, **errors(400)},
    )
    def get(self, request):
        by = request.query_params.get("by", "sector") or "sector"
        if by not in ("sector", "unit"):
            raise ValidationError({"by": [_("Dùng sector hoặc unit.")]})
        year = None
        if text := request.query_params.get("year", "").strip():
            if not text.isdigit() or not 1900 <= int(text) <= 2100:
                raise ValidationError({"year": [_("Năm phải là số từ 1900 đến 2100.")]})
            year = int(text)
        group = project_scorecards.by_sector if by == "sector" else project_scorecards.by_unit
        scores = group(Project.objects.for_user(request.user), year=year)
        results = [
            {
                "key": score.key,
                "projects": score.projects,
                "by_status": score.by_status,
                "planned": _plain(score.planned),
                "allocated": _plain(score.allocated),
                "disbursed": _plain(score.disbursed),
                "disbursement_rate": score.disbursement_rate,
            }
            for score in scores
        ]
        return Response({"by": by, "year": year, "results": results})


def _plain(value) -> str:
    return format(value.normalize(), "f") if value else "0"


# --- imports --------------------------------------------------------------------------------


def _refused_or_report(report):
    if report.errors:
        raise ApiError(
            _("Không ghi gì: tệp %(file)s có %(count)s lỗi.")
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
            {"plan": [_("Không có quy hoạch, kế hoạch mã “%(code)s”.") % {"code": code}]}
        )
    return plan


IMPORT_DESCRIPTION = gettext_lazy(
    "Chỉ cán bộ kế hoạch và quản trị (403 not_permitted cho người khác). Tất cả hoặc không: "
    "201 khi đã ghi, 200 khi chạy thử không lỗi, 422 import_refused khi tệp có lỗi (từng lỗi "
    "với tệp, trang, dòng, cột, giá trị trong error.details.problems)."
)


IMPORT_RESPONSES = {
    201: ImportReportSerializer,
    200: ImportReportSerializer,
    **errors(400, 401, 403, 422),
}


class TaskImportView(APIView):
    """Import a task appendix through the one importer (``import_tasks``)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary=gettext_lazy("Nhập phụ lục nhiệm vụ (XLSX, CSV): tất cả hoặc không"),
        description=IMPORT_DESCRIPTION,
        request={"multipart/form-data": serializers.TaskImportSerializer},
        responses=IMPORT_RESPONSES,
    )
    def post(self, request):
        body = serializers.TaskImportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = body.validated_data
        upload = fields["file"]
        report = import_tasks(
            upload.read(),
            upload.name,
            user=request.user,
            prefix=fields.get("prefix"),
            plan=_plan_named(fields.get("plan")),
            dry_run=fields["dry_run"],
        )
        return _refused_or_report(report)


class ProjectImportView(APIView):
    """Import a project appendix through the one importer (``import_projects``)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary=gettext_lazy("Nhập danh mục dự án (XLSX, CSV): tất cả hoặc không"),
        description=IMPORT_DESCRIPTION,
        request={"multipart/form-data": serializers.ProjectImportSerializer},
        responses=IMPORT_RESPONSES,
    )
    def post(self, request):
        body = serializers.ProjectImportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = body.validated_data
        upload = fields["file"]
        report = import_projects(
            upload.read(),
            upload.name,
            user=request.user,
            prefix=fields.get("prefix"),
            plan=_plan_named(fields.get("plan")),
            locale=fields.get("locale"),
            dry_run=fields["dry_run"],
        )
        return _refused_or_report(report)
