"""Implementation tasks: lists and details with their progress reports, evidence and moved
deadlines; a progress report with evidence files, a moved deadline, an evidence download, and
the lead agencies' scorecard.

Reads start from the models' ``for_user`` (tasks are public); writes from ``editable_by``
(the lead agency's members, planners and admins): a task the user may see but not change
answers 403 ``not_permitted``. Every write calls one service of ``workplan.services``, whose
refusals (``TaskError``) answer 422 with their code (``api.exceptions``).

Tasks are named by code, agencies by code, plans by code.
"""

from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from plantrack.accounts.models import Agency
from plantrack.accounts.permissions import Action, require
from plantrack.api.common import (
    DATE_OR_EMPTY,
    MAX_ID,
    WORKPLAN_REFUSALS,
    FilterSet,
    IllustrativeField,
    ModelSerializer,
    NullableDateField,
    ReadOnlyViewSet,
    RequiredTextField,
    as_of_of,
    code_of,
    enum_field,
    errors,
)
from plantrack.api.exceptions import ApiError
from plantrack.api.parsers import JSONParser
from plantrack.workplan.choices import DeadlineState, Priority, TaskStatus
from plantrack.workplan.models import DeadlineChange, Evidence, Task, TaskUpdate
from plantrack.workplan.scorecards import agency_scorecard
from plantrack.workplan.services import (
    EVIDENCE_TYPES,
    UploadedFile,
    add_task_update,
    move_deadline,
)

TaskStatusField = enum_field(TaskStatus, "TaskStatusEnum")
DeadlineStateField = enum_field(DeadlineState, "DeadlineStateEnum")

AS_OF_PARAMETER = OpenApiParameter(
    "as_of",
    DATE_OR_EMPTY,
    description=_("Ngày tính tình trạng thời hạn (YYYY-MM-DD); mặc định hôm nay"),
)


# --- filters --------------------------------------------------------------------------------


class TaskFilter(FilterSet):
    agency = django_filters.CharFilter(
        field_name="lead_agency__code", label=_("Mã cơ quan chủ trì")
    )
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Mã quy hoạch, kế hoạch"))
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices)
    priority = django_filters.ChoiceFilter(choices=Priority.choices)
    state = django_filters.ChoiceFilter(
        field_name="deadline_state",
        choices=DeadlineState.choices,
        label=_("Tình trạng thời hạn tính đến ngày as_of (overdue: quá hạn, …)"),
    )

    class Meta:
        model = Task
        fields = ["agency", "plan", "status", "priority", "state"]


# --- serializers ----------------------------------------------------------------------------


class TaskSerializer(ModelSerializer):
    """A task in a list: what, who, by when, how far, and its deadline state as of the
    list's ``as_of`` (today by default)."""

    plan = code_of()
    lead_agency = code_of(help_text=_("Mã cơ quan chủ trì"), allow_null=True)
    lead_agency_name = serializers.CharField(
        source="lead_agency.name", read_only=True, allow_null=True, default=None
    )
    cooperating_agencies = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text=_("Mã các cơ quan phối hợp")
    )
    status = TaskStatusField(read_only=True)
    deadline_state = DeadlineStateField(
        read_only=True,
        help_text=_("Tình trạng thời hạn tính đến ngày as_of (mặc định hôm nay); không lưu"),
    )
    illustrative_fields = IllustrativeField()

    class Meta:
        model = Task
        fields = [
            "code",
            "title",
            "plan",
            "section",
            "lead_agency",
            "lead_agency_name",
            "cooperating_agencies",
            "expected_product",
            "start_date",
            "deadline",
            "original_deadline",
            "deadline_state",
            "status",
            "percent_complete",
            "completed_on",
            "priority",
            "source",
            "illustrative_fields",
        ]


class EvidenceSerializer(ModelSerializer):
    """An evidence file: its type and size for everyone; its name and download address
    only for those who may see evidence (planners, the lead and co-operating agencies)."""

    name = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "name", "content_type", "size", "url"]

    def _sees(self) -> bool:
        return bool(self.context.get("sees_evidence"))

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_name(self, evidence) -> str | None:
        return evidence.original_name if self._sees() else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, evidence) -> str | None:
        if not self._sees():
            return None
        path = reverse("api:evidence", args=[evidence.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class TaskUpdateSerializer(ModelSerializer):
    """A progress report on a task, with its evidence files."""

    new_status = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = TaskUpdate
        fields = ["id", "date", "text", "percent_complete", "new_status", "created_at", "evidence"]

    @extend_schema_field({"type": "string", "description": "not_started, in_progress, …; '' "})
    def get_new_status(self, update) -> str:
        return update.new_status


class DeadlineChangeSerializer(ModelSerializer):
    """A moved deadline: from when to when, who moved it (user name) and why."""

    changed_by = serializers.CharField(
        source="changed_by.username", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = DeadlineChange
        fields = ["old_deadline", "new_deadline", "reason", "changed_by", "changed_at"]


class TaskDetailSerializer(TaskSerializer):
    """A task with its description, linked targets, progress reports (with evidence) and
    moved deadlines."""

    updates = TaskUpdateSerializer(many=True, read_only=True)
    deadline_changes = DeadlineChangeSerializer(many=True, read_only=True)

    class Meta(TaskSerializer.Meta):
        fields = [
            *TaskSerializer.Meta.fields,
            "description",
            "legal_basis",
            "targets",
            "updates",
            "deadline_changes",
        ]


class TaskUpdateCreateSerializer(serializers.Serializer):
    """A progress report, sent as multipart/form-data with its evidence files."""

    date = serializers.DateField(help_text=_("Ngày của cập nhật (YYYY-MM-DD)"))
    text = RequiredTextField(help_text=_("Bắt buộc: việc đã làm"))
    percent_complete = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Tiến độ mới, 0–100 (%)")
    )
    new_status = TaskStatusField(
        required=False, help_text=_("Tình trạng mới; bỏ trống để giữ nguyên")
    )
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text=_("Tệp minh chứng: PDF, Word .docx, Excel .xlsx, ảnh PNG hoặc JPEG"),
    )


class MoveDeadlineSerializer(serializers.Serializer):
    """A new deadline (null: none) and the reason, which is required."""

    new_deadline = NullableDateField(allow_null=True, help_text=_("Thời hạn mới"))
    reason = RequiredTextField(required=False, help_text=_("Bắt buộc: lý do điều chỉnh"))


class AgencyScoreSerializer(serializers.Serializer):
    """One lead agency's tasks as of the date."""

    agency = serializers.CharField(allow_null=True, help_text=_("Mã cơ quan chủ trì"))
    agency_name = serializers.CharField()
    tasks = serializers.IntegerField()
    due = serializers.IntegerField(help_text=_("Đã đến hạn (thời hạn trước ngày as_of)"))
    completed_on_time = serializers.IntegerField()
    completed_late = serializers.IntegerField()
    overdue = serializers.IntegerField()
    deadlines_moved = serializers.IntegerField()
    on_time_rate = serializers.FloatField(
        allow_null=True,
        help_text=_("Hoàn thành đúng hạn / đến hạn, %; null khi chưa có gì đến hạn"),
    )


class TaskScorecardSerializer(serializers.Serializer):
    """Every lead agency's scorecard as of a date, by agency name."""

    as_of = serializers.DateField()
    results = AgencyScoreSerializer(many=True)


# --- views ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_("Các nhiệm vụ thực hiện quy hoạch"),
        description=_(
            "Tình trạng thời hạn (deadline_state) tính đến ngày as_of; state=overdue lọc các "
            "nhiệm vụ quá hạn vào ngày đó. Nhiệm vụ là thông tin công khai."
        ),
        parameters=[AS_OF_PARAMETER],
    ),
    retrieve=extend_schema(
        summary=_("Một nhiệm vụ, với các cập nhật, minh chứng và điều chỉnh thời hạn"),
        parameters=[AS_OF_PARAMETER],
        responses={200: TaskDetailSerializer, **errors(400, 404)},
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
            return TaskDetailSerializer
        return TaskSerializer

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
        summary=_("Báo cáo tiến độ một nhiệm vụ, kèm tệp minh chứng"),
        description=_(
            "multipart/form-data. Chỉ cơ quan chủ trì, cán bộ kế hoạch và quản trị; người khác "
            "nhận 403 not_permitted. Tệp quá lớn (file_too_large) hoặc không đúng loại "
            "(file_type_not_allowed) bị từ chối với 422, và không ghi gì."
        ),
        operation_id="tasks_add_update",
        request={"multipart/form-data": TaskUpdateCreateSerializer},
        responses={
            201: TaskUpdateSerializer,
            **errors(400, 401, 403, 404, 422, refusals=WORKPLAN_REFUSALS),
        },
    )
    @action(detail=True, methods=["post"], url_path="updates")
    def add_update(self, request, code=None):
        task = self.get_object()
        require(
            request.user,
            Action.CHANGE,
            task,
            gettext("Bạn không được cập nhật nhiệm vụ %(code)s: nhiệm vụ do %(agency)s chủ trì.")
            % {"code": task.code, "agency": task.lead_agency or "—"},
        )
        body = TaskUpdateCreateSerializer(data=request.data)
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
        data = TaskUpdateSerializer(update, context=context).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Điều chỉnh thời hạn một nhiệm vụ, với lý do"),
        description=_(
            "Chỉ cán bộ kế hoạch và quản trị (403 not_permitted cho người khác). Thời hạn ban "
            "đầu được giữ; thiếu lý do: 422 reason_required."
        ),
        operation_id="tasks_move_deadline",
        request=MoveDeadlineSerializer,
        responses={
            200: TaskDetailSerializer,
            **errors(400, 401, 403, 404, 422, refusals=WORKPLAN_REFUSALS),
        },
    )
    @action(detail=True, methods=["post"], url_path="deadline")
    def deadline(self, request, code=None):
        task = self.get_object()
        require(
            request.user,
            Action.APPROVE,
            task,
            gettext("Chỉ cán bộ kế hoạch điều chỉnh được thời hạn nhiệm vụ."),
        )
        body = MoveDeadlineSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        move_deadline(task, user=request.user, **body.validated_data)
        self.action = "retrieve"
        self._task = self.get_queryset().get(pk=task.pk)
        context = self.get_serializer_context()
        return Response(TaskDetailSerializer(self._task, context=context).data)


@extend_schema(
    summary=_("Tải một tệp minh chứng"),
    description=_(
        "Chỉ cán bộ kế hoạch, quản trị và thành viên cơ quan chủ trì, phối hợp; người khác "
        "nhận 404 như với tệp không tồn tại."
    ),
    responses={
        # The file as stored, in the type it was checked as (workplan.services.EVIDENCE_TYPES).
        **{
            (200, content_type): OpenApiTypes.BINARY
            for content_type in sorted({kind for kind, _starts in EVIDENCE_TYPES.values()})
        },
        **errors(404),
    },
)
class EvidenceView(APIView):
    """Send an evidence file to those who may see it; 404 alike for missing and not yours."""

    def get(self, request, pk: int):
        if pk > MAX_ID:  # past a bigint: SQLite would raise OverflowError
            raise NotFound()
        item = Evidence.objects.for_user(request.user).filter(pk=pk).first()
        if item is None:
            raise ApiError(
                gettext("Không tìm thấy."), code="not_found", status_code=status.HTTP_404_NOT_FOUND
            )
        return FileResponse(
            item.file.open("rb"),
            as_attachment=True,
            filename=item.original_name,
            content_type=item.content_type,
        )


class TaskScorecardView(APIView):
    """Each lead agency's tasks due, completed on time or late, overdue, on-time rate."""

    @extend_schema(
        summary=_("Bảng điểm nhiệm vụ của các cơ quan chủ trì, tính đến một ngày"),
        parameters=[
            AS_OF_PARAMETER,
            OpenApiParameter("plan", OpenApiTypes.STR, description=_("Mã quy hoạch")),
        ],
        responses={200: TaskScorecardSerializer, **errors(400)},
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
