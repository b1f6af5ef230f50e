"""What the API reads and writes for tasks and projects: lists, details with their updates,
deadline changes, evidence, locations and yearly capital, the bodies of the writes, and the
scorecards.

Tasks and projects are named by code, agencies by code, plans by code, units by id with their
code and name beside (a unit's code repeats across the 2025 reform). Amounts are whole đồng
as strings ("1500000000000"), rates numbers in %. ``illustrative_fields`` lists the fields the
demo assigned because no published document gives them: show them as illustrative.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from plantrack.api.serializers import LOCALES, ModelSerializer, NumberOrTextField, code_of
from plantrack.investment.choices import CapitalSourceKind, PipelineStatus, ProjectKind
from plantrack.investment.models import (
    CapitalSource,
    Project,
    ProjectFinance,
    ProjectLocation,
    ProjectUpdate,
)
from plantrack.workplan.choices import DeadlineState, TaskStatus
from plantrack.workplan.models import DeadlineChange, Evidence, Task, TaskUpdate

ILLUSTRATIVE_HELP = _(
    "Các trường do bản minh họa gán vì không có trong văn bản công bố (ví dụ "
    '["lead_agency", "deadline"]): hiển thị kèm nhãn “minh họa”.'
)


def enum_field(choices, component: str):
    """Return a ChoiceField class whose enum is one named schema component.

    Several models have a ``status`` or ``kind`` with different values; named components keep
    the schema free of drf-spectacular's enum-name collisions (and of their warnings).
    """

    @extend_schema_field({"type": "string", "enum": list(choices.values)}, component_name=component)
    class Field(serializers.ChoiceField):
        def __init__(self, **kwargs):
            super().__init__(choices=choices.choices, **kwargs)

    Field.__name__ = component.removesuffix("Enum") + "Field"
    return Field


TaskStatusField = enum_field(TaskStatus, "TaskStatusEnum")
DeadlineStateField = enum_field(DeadlineState, "DeadlineStateEnum")
PipelineStatusField = enum_field(PipelineStatus, "PipelineStatusEnum")
ProjectKindField = enum_field(ProjectKind, "ProjectKindEnum")
CapitalSourceKindField = enum_field(CapitalSourceKind, "CapitalSourceKindEnum")


class IllustrativeField(serializers.ListField):
    """The names of the fields the demo assigned (``illustrative_fields``)."""

    def __init__(self, **kwargs):
        super().__init__(
            child=serializers.CharField(), read_only=True, help_text=ILLUSTRATIVE_HELP, **kwargs
        )


# --- tasks ----------------------------------------------------------------------------------


class TaskSerializer(ModelSerializer):
    """A task in a list: what, who, by when, how far, and its deadline state as of the
    list's ``as_of`` (today by default)."""

    plan = code_of()
    lead_agency = code_of(help_text=_("Mã cơ quan chủ trì"))
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

    @extend_schema_field(OpenApiTypes.STR)
    def get_name(self, evidence) -> str | None:
        return evidence.original_name if self._sees() else None

    @extend_schema_field(OpenApiTypes.URI)
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
    text = serializers.CharField(allow_blank=True, help_text=_("Bắt buộc: việc đã làm"))
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

    new_deadline = serializers.DateField(allow_null=True, help_text=_("Thời hạn mới"))
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Bắt buộc: lý do điều chỉnh")
    )


# --- projects -------------------------------------------------------------------------------


class ProjectLocationSerializer(ModelSerializer):
    """Where a project is: the unit (id, code, name), optional coordinates."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = ProjectLocation
        fields = ["unit", "unit_code", "unit_name", "latitude", "longitude", "note"]


class CapitalSourceSerializer(ModelSerializer):
    """A source of the project's capital and its amount in đồng (null when not public)."""

    kind = CapitalSourceKindField(read_only=True)

    class Meta:
        model = CapitalSource
        fields = ["kind", "amount"]


class ProjectFinanceSerializer(ModelSerializer):
    """A year's capital in đồng: planned, allocated, disbursed, and the derived rate."""

    disbursement_rate = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text=_("Đã giải ngân / vốn đã giao, %; suy ra, không lưu"),
    )

    class Meta:
        model = ProjectFinance
        fields = [
            "year",
            "planned",
            "allocated",
            "disbursed",
            "disbursement_rate",
            "as_of",
            "source",
        ]


class ProjectUpdateSerializer(ModelSerializer):
    """A progress report on a project."""

    new_status = serializers.SerializerMethodField()

    class Meta:
        model = ProjectUpdate
        fields = ["id", "date", "text", "new_status", "created_at"]

    @extend_schema_field({"type": "string", "description": "proposed, under_construction, …; ''"})
    def get_new_status(self, update) -> str:
        return update.new_status


class ProjectSerializer(ModelSerializer):
    """A project in a list: what, where, how much in total, how far."""

    plan = code_of()
    lead_agency = code_of(help_text=_("Mã cơ quan chủ trì"))
    kind = ProjectKindField(read_only=True)
    status = PipelineStatusField(read_only=True)
    locations = ProjectLocationSerializer(many=True, read_only=True)
    illustrative_fields = IllustrativeField()

    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "sector",
            "kind",
            "plan",
            "section",
            "investor",
            "lead_agency",
            "total_investment",
            "start_year",
            "end_year",
            "status",
            "locations",
            "source",
            "note",
            "illustrative_fields",
        ]


class ProjectDetailSerializer(ProjectSerializer):
    """A project with its capital sources, yearly capital and progress reports."""

    capital_sources = CapitalSourceSerializer(many=True, read_only=True)
    finances = ProjectFinanceSerializer(many=True, read_only=True)
    updates = ProjectUpdateSerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "capital_sources", "finances", "updates"]


class FinanceWriteSerializer(serializers.Serializer):
    """A year's capital; a field left out keeps its stored value, null makes it unknown."""

    year = serializers.IntegerField(min_value=1900, max_value=2100)
    planned = NumberOrTextField(required=False, allow_null=True)
    allocated = NumberOrTextField(required=False, allow_null=True)
    disbursed = NumberOrTextField(required=False, allow_null=True)
    as_of = serializers.DateField(required=False, allow_null=True)
    source = serializers.CharField(required=False, allow_blank=True)
    locale = serializers.ChoiceField(
        choices=LOCALES, required=False, help_text=_("Kiểu số của số tiền viết bằng chữ")
    )


class ProjectUpdateCreateSerializer(serializers.Serializer):
    """A progress report on a project, with its new pipeline status if it changed."""

    date = serializers.DateField()
    text = serializers.CharField(allow_blank=True, help_text=_("Bắt buộc: diễn biến của dự án"))
    new_status = PipelineStatusField(
        required=False, help_text=_("Tình trạng mới; bỏ trống để giữ nguyên")
    )


# --- scorecards -----------------------------------------------------------------------------


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


class GroupScoreSerializer(serializers.Serializer):
    """Projects of one sector or unit: how many in each status, capital in đồng."""

    key = serializers.CharField(help_text=_("Ngành, lĩnh vực hoặc tên đơn vị hành chính"))
    projects = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())
    planned = serializers.CharField(help_text=_("Đồng"))
    allocated = serializers.CharField(help_text=_("Đồng"))
    disbursed = serializers.CharField(help_text=_("Đồng"))
    disbursement_rate = serializers.FloatField(allow_null=True)


class ProjectScorecardSerializer(serializers.Serializer):
    """Projects grouped by sector or by unit; capital of one year, or of all years."""

    by = serializers.ChoiceField(choices=[("sector", "sector"), ("unit", "unit")])
    year = serializers.IntegerField(allow_null=True)
    results = GroupScoreSerializer(many=True)


# --- imports --------------------------------------------------------------------------------


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
