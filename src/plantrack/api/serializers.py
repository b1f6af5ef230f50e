"""What the API reads and writes: plans, sections, indicators, targets, units, figures and
assessments, and the bodies of the figure workflow and of an import.

Relations are named by code where the code is unique and stable (plans, indicators,
agencies) and by id otherwise (units, whose codes repeat across the 2025 reform; sections;
targets; figures). Decimals are strings without trailing zeros ("6.74", not "6.740000"), so no
precision is lost to a float.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus
from plantrack.observations.models import Observation
from plantrack.plans.models import Indicator, Plan, PlanSection, Target
from plantrack.progress.models import Assessment, AssessmentRun, Judgement

LOCALES = [("vi", "1.234,5"), ("en", "1,234.5")]


class PlainDecimalField(serializers.DecimalField):
    """A decimal written as a string without trailing zeros: "6.74", "102"."""

    def to_representation(self, value):
        if value is None:
            return None
        return format(Decimal(value).normalize(), "f")


class ModelSerializer(serializers.ModelSerializer):
    """Decimals as plain strings."""

    serializer_field_mapping = serializers.ModelSerializer.serializer_field_mapping | {
        models.DecimalField: PlainDecimalField
    }


def code_of(**kwargs) -> serializers.SlugRelatedField:
    """A read-only relation named by its ``code``."""
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


@extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "string"}],
        "description": "6.74, hoặc “6,74”, “1.234,5” (kiểu Việt Nam), “1,234.5” (kiểu Anh)",
    }
)
class NumberOrTextField(serializers.Field):
    """A value sent as a JSON number, or as text in Vietnamese or English format.

    Text is read by the importer's number reader (``observations.importing.read_number``),
    with the ``locale`` sent beside it when "1.234" alone cannot say which format it is.
    """

    default_error_messages = {"invalid": _("Hãy gửi một số hoặc một chuỗi số.")}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            self.fail("invalid")
        if isinstance(data, float):
            # JSON numbers arrive as floats; their shortest repr is the number as typed.
            return Decimal(repr(data))
        return data

    def to_representation(self, value):
        return format(Decimal(value).normalize(), "f")


# --- the plan framework -------------------------------------------------------------------


class PlanSerializer(ModelSerializer):
    amends = code_of()

    class Meta:
        model = Plan
        fields = [
            "code",
            "title",
            "title_en",
            "kind",
            "status",
            "decision",
            "decision_date",
            "issuer",
            "period_start",
            "period_end",
            "vision_year",
            "scope_unit",
            "amends",
            "sources",
            "note",
        ]


class PlanSectionSerializer(ModelSerializer):
    plan = code_of()

    class Meta:
        model = PlanSection
        fields = ["id", "plan", "parent", "kind", "number", "title", "title_en", "text"]
        fields += ["order", "source"]


class IndicatorSerializer(ModelSerializer):
    owner = code_of(help_text=_("Mã cơ quan chủ trì"))
    weight = code_of()

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "name_en",
            "unit",
            "definition",
            "source",
            "owner",
            "owner_is_illustrative",
            "frequency",
            "value_type",
            "direction",
            "aggregation",
            "formula",
            "weight",
            "decimals",
            "min_value",
            "max_value",
        ]


class TargetSerializer(ModelSerializer):
    plan = code_of()
    indicator = code_of()
    in_force = serializers.BooleanField(
        read_only=True, help_text=_("Chưa bị một lần điều chỉnh nào thay thế")
    )

    class Meta:
        model = Target
        fields = [
            "id",
            "plan",
            "section",
            "indicator",
            "scope_unit",
            "kind",
            "measure",
            "comparator",
            "value",
            "upper_value",
            "tolerance",
            "unit",
            "baseline_year",
            "baseline_value",
            "start_year",
            "target_year",
            "phrase",
            "source",
            "note",
            "supersedes",
            "in_force",
            "adopted_on",
            "order",
        ]


class AdminUnitSerializer(ModelSerializer):
    class Meta:
        model = AdminUnit
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "level",
            "parent",
            "valid_from",
            "valid_to",
            "area_km2",
            "latitude",
            "longitude",
            "source",
        ]


class AdminUnitDetailSerializer(AdminUnitSerializer):
    """A unit with its boundary (GeoJSON), which lists leave out for size."""

    class Meta(AdminUnitSerializer.Meta):
        fields = [*AdminUnitSerializer.Meta.fields, "geometry"]


# --- figures --------------------------------------------------------------------------------


class ObservationSerializer(ModelSerializer):
    indicator = code_of()
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    agency = code_of(help_text=_("Mã cơ quan báo cáo"))

    class Meta:
        model = Observation
        fields = [
            "id",
            "indicator",
            "unit",
            "unit_code",
            "unit_name",
            "period",
            "breakdown",
            "value",
            "status",
            "state",
            "source",
            "comment",
            "published_on",
            "agency",
            "is_current",
            "supersedes",
            "review_note",
            "version",
            "created_at",
            "updated_at",
        ]


class ObservationCreateSerializer(serializers.Serializer):
    """A new figure, recorded as a draft (or submitted with ``submit``)."""

    indicator = serializers.CharField(help_text=_("Mã chỉ số, ví dụ grdp_growth"))
    unit = serializers.CharField(help_text=_("Mã đơn vị hành chính (mã thống kê), ví dụ 04"))
    period = serializers.CharField(help_text=_("2024, 2024Q3 hoặc 2024-07"))
    value = NumberOrTextField()
    status = serializers.ChoiceField(
        choices=FigureStatus.choices, required=False, help_text=_("Mặc định: ước thực hiện")
    )
    breakdown = serializers.CharField(required=False, allow_blank=True, max_length=100)
    source = serializers.CharField(help_text=_("Nguồn của số liệu"))
    comment = serializers.CharField(required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)
    locale = serializers.ChoiceField(
        choices=LOCALES, required=False, help_text=_("Kiểu số của giá trị viết bằng chữ")
    )
    submit = serializers.BooleanField(default=False, help_text=_("Gửi duyệt ngay"))


class ObservationEditSerializer(serializers.Serializer):
    """Changes to a figure not yet approved, with the version its author saw."""

    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("Phiên bản đã xem (hoặc gửi tiêu đề If-Match)"),
    )
    value = NumberOrTextField(required=False)
    status = serializers.ChoiceField(choices=FigureStatus.choices, required=False)
    breakdown = serializers.CharField(required=False, allow_blank=True, max_length=100)
    source = serializers.CharField(required=False)
    comment = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True, help_text=_("Lý do sửa"))
    locale = serializers.ChoiceField(choices=LOCALES, required=False)


class ApproveSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Bắt buộc: lý do trả lại")
    )


class IdsSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=1000
    )


class BulkSubmitSerializer(IdsSerializer):
    pass


class BulkApproveSerializer(IdsSerializer, ApproveSerializer):
    pass


class BulkRejectSerializer(IdsSerializer, RejectSerializer):
    pass


class ObservationListSerializer(serializers.Serializer):
    observations = ObservationSerializer(many=True)


# --- imports --------------------------------------------------------------------------------


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
    problems = ProblemSerializer(many=True)


# --- assessments ----------------------------------------------------------------------------


class AssessmentRunSerializer(ModelSerializer):
    plan = code_of()

    class Meta:
        model = AssessmentRun
        fields = ["id", "plan", "as_of", "figures", "method", "created_at"]


class AssessmentSerializer(ModelSerializer):
    plan = serializers.CharField(source="run.plan.code", read_only=True)
    indicator = serializers.CharField(
        source="target.indicator.code", read_only=True, allow_null=True, default=None
    )
    # Derived from the components when shown (progress.engine.explain), never stored.
    explanation_vi = serializers.CharField(read_only=True)
    explanation_en = serializers.CharField(read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "run",
            "plan",
            "target",
            "indicator",
            "unit",
            "status",
            "score",
            "actual_rate",
            "required_rate",
            "ratio",
            "projected_value",
            "gap",
            "years_of_data",
            "required_rate_remaining",
            "method",
            "explanation_vi",
            "explanation_en",
            "components",
        ]


class JudgementSerializer(ModelSerializer):
    plan = code_of()
    indicator = serializers.CharField(
        source="target.indicator.code", read_only=True, allow_null=True, default=None
    )
    # Derived from the components when shown (progress.engine.explain), never stored.
    explanation_vi = serializers.CharField(read_only=True)
    explanation_en = serializers.CharField(read_only=True)
    stale = serializers.SerializerMethodField(
        help_text=_("Đúng khi số liệu đã thay đổi sau lần đánh giá này (progress.live)")
    )

    class Meta:
        model = Judgement
        fields = [
            "id",
            "plan",
            "target",
            "indicator",
            "unit",
            "as_of",
            "status",
            "score",
            "actual_rate",
            "required_rate",
            "ratio",
            "projected_value",
            "gap",
            "years_of_data",
            "required_rate_remaining",
            "method",
            "explanation_vi",
            "explanation_en",
            "components",
            "figures",
            "judged_at",
            "stale",
        ]

    def get_stale(self, judgement) -> bool:
        return judgement.target_id in self.context.get("stale", ())


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Gửi kèm mỗi yêu cầu: Authorization: Token …"))


# --- errors (for the schema) ----------------------------------------------------------------


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="not_found, not_permitted, concurrent_edit, …")
    message = serializers.CharField()
    details = serializers.JSONField(allow_null=True)


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()
