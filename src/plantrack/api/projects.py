"""Priority investment projects: lists and details with their locations, capital sources,
yearly capital and progress reports; a year's capital, a progress report, and the projects'
scorecard by sector or by unit.

Reads start from the models' ``for_user`` (projects are public); writes from ``editable_by``
(the lead agency's members, planners and admins): a project the user may see but not change
answers 403 ``not_permitted``. Every write calls one service of ``investment.services``, whose
refusals (``ProjectError``) answer 422 with their code (``api.exceptions``).

Projects are named by code, agencies and plans by code, units by id with their code and name
beside (a unit's code repeats across the 2025 reform). Amounts are whole đồng as strings
("1500000000000"), rates numbers in %.
"""

from django.db.models import Prefetch
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
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from plantrack.accounts.permissions import Action, NotPermitted
from plantrack.api.common import (
    LOCALES,
    WORKPLAN_REFUSALS,
    FilterSet,
    IllustrativeField,
    ModelSerializer,
    NullableDateField,
    NumberOrTextField,
    ReadOnlyViewSet,
    RequiredTextField,
    TextField,
    code_of,
    enum_field,
    errors,
)
from plantrack.investment import scorecards as project_scorecards
from plantrack.investment.choices import CapitalSourceKind, PipelineStatus, ProjectKind
from plantrack.investment.models import (
    CapitalSource,
    Project,
    ProjectFinance,
    ProjectLocation,
    ProjectUpdate,
)
from plantrack.investment.services import KEEP, add_project_update, record_finance
from plantrack.tabular.numbers import read_number
from plantrack.tabular.problems import number_message

PipelineStatusField = enum_field(PipelineStatus, "PipelineStatusEnum")
ProjectKindField = enum_field(ProjectKind, "ProjectKindEnum")
CapitalSourceKindField = enum_field(CapitalSourceKind, "CapitalSourceKindEnum")


# --- filters --------------------------------------------------------------------------------


class ProjectFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=ProjectKind.choices)
    status = django_filters.ChoiceFilter(choices=PipelineStatus.choices)
    sector = django_filters.CharFilter(lookup_expr="iexact", label=_("Ngành, lĩnh vực"))
    unit = django_filters.CharFilter(
        method="filter_unit", label=_("Mã đơn vị hành chính nơi có dự án")
    )
    agency = django_filters.CharFilter(
        field_name="lead_agency__code", label=_("Mã cơ quan chủ trì")
    )
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Mã quy hoạch, kế hoạch"))

    class Meta:
        model = Project
        fields = ["kind", "status", "sector", "unit", "agency", "plan"]

    def filter_unit(self, queryset, name, value):
        located = ProjectLocation.objects.filter(unit__code=value.strip()).values("project_id")
        return queryset.filter(pk__in=located)


# --- serializers ----------------------------------------------------------------------------


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
    lead_agency = code_of(help_text=_("Mã cơ quan chủ trì"), allow_null=True)
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
    as_of = NullableDateField(required=False, allow_null=True)
    source = TextField(required=False, allow_blank=True)
    locale = serializers.ChoiceField(
        choices=LOCALES, required=False, help_text=_("Kiểu số của số tiền viết bằng chữ")
    )


class ProjectUpdateCreateSerializer(serializers.Serializer):
    """A progress report on a project, with its new pipeline status if it changed."""

    date = serializers.DateField()
    text = RequiredTextField(help_text=_("Bắt buộc: diễn biến của dự án"))
    new_status = PipelineStatusField(
        required=False, help_text=_("Tình trạng mới; bỏ trống để giữ nguyên")
    )


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


# --- views ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Các dự án đầu tư ưu tiên")),
    retrieve=extend_schema(
        summary=_("Một dự án, với địa điểm, nguồn vốn, vốn theo năm và cập nhật"),
        responses={200: ProjectDetailSerializer, **errors(404)},
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
            return ProjectDetailSerializer
        return ProjectSerializer

    def _editable(self) -> Project:
        # The service checks the permission too; asking first keeps a refused write from
        # parsing its body (403 before 400).
        project = self.get_object()
        writable = Project.objects.for_user(self.request.user, Action.CHANGE)
        if not writable.filter(pk=project.pk).exists():
            raise NotPermitted(
                gettext("Bạn không được cập nhật dự án %(code)s: dự án do %(agency)s chủ trì.")
                % {"code": project.code, "agency": project.lead_agency or "—"}
            )
        return project

    @extend_schema(
        summary=_("Ghi vốn một năm của dự án: kế hoạch, đã giao, đã giải ngân"),
        description=_(
            "Một dòng mỗi năm: lần đầu tạo (201), sau đó sửa (200) các trường được gửi; trường "
            "không gửi giữ nguyên, null là chưa biết. Số tiền tính bằng đồng, là số JSON hoặc "
            "chuỗi kiểu Việt Nam (1.500.000.000) hay kiểu Anh. Tỷ lệ giải ngân suy ra."
        ),
        operation_id="projects_record_finance",
        request=FinanceWriteSerializer,
        responses={
            201: ProjectFinanceSerializer,
            200: ProjectFinanceSerializer,
            **errors(400, 401, 403, 404, 422, refusals=WORKPLAN_REFUSALS),
        },
    )
    @action(detail=True, methods=["post"], url_path="finance")
    def finance(self, request, code=None):
        project = self._editable()
        body = FinanceWriteSerializer(data=request.data)
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
            ProjectFinanceSerializer(finance).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        summary=_("Báo cáo diễn biến một dự án, có thể kèm tình trạng mới"),
        operation_id="projects_add_update",
        request=ProjectUpdateCreateSerializer,
        responses={
            201: ProjectUpdateSerializer,
            **errors(400, 401, 403, 404, 422, refusals=WORKPLAN_REFUSALS),
        },
    )
    @action(detail=True, methods=["post"], url_path="updates")
    def add_update(self, request, code=None):
        project = self._editable()
        body = ProjectUpdateCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        update = add_project_update(project, user=request.user, **body.validated_data)
        return Response(ProjectUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


def _amount(name: str, value, locale: str | None):
    """Return an amount of money as the importer reads a cell, or refuse it (400)."""
    if name not in ("planned", "allocated", "disbursed") or value is None:
        return value
    number, error = read_number(value, locale)
    if error:
        raise ValidationError({name: [number_message(error, value)]})
    return number


class ProjectScorecardView(APIView):
    """Projects by status and capital planned, allocated, disbursed, by sector or unit."""

    @extend_schema(
        summary=_("Dự án theo ngành hoặc theo địa bàn: số dự án, vốn, giải ngân"),
        parameters=[
            OpenApiParameter(
                "by",
                OpenApiTypes.STR,
                enum=["sector", "unit"],
                description=_("sector: theo ngành (mặc định); unit: theo địa bàn"),
            ),
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": 1900, "maximum": 2100},
                description=_("Chỉ vốn của năm này"),
                # One value, never spread over several parameters (style form, not exploded):
                # a malformed year then reaches the view, which refuses it by name.
                explode=False,
            ),
        ],
        responses={200: ProjectScorecardSerializer, **errors(400)},
    )
    def get(self, request):
        # Left out, a parameter takes its default; given empty, it is refused as the
        # schema's enum and integer say.
        by = request.query_params.get("by", "sector")
        if by not in ("sector", "unit"):
            raise ValidationError({"by": [gettext("Dùng sector hoặc unit.")]})
        year = None
        if (text := request.query_params.get("year")) is not None:
            text = text.strip()
            if not text.isdigit() or not 1900 <= int(text) <= 2100:
                raise ValidationError({"year": [gettext("Năm phải là số từ 1900 đến 2100.")]})
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
