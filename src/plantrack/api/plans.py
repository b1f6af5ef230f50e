"""The plan framework: plans, their sections, indicators, targets and administrative units.

Read only; reads start from ``api.permissions`` (the models' ``for_user``), so what a user may
not see answers 404.
"""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from plantrack.api import permissions
from plantrack.api.common import (
    BooleanFilter,
    DateOrEmptyFilter,
    FilterSet,
    IdFilter,
    ModelSerializer,
    ReadOnlyViewSet,
    code_of,
    errors,
)
from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.plans.choices import PlanKind, PlanStatus, SectionKind, TargetKind
from plantrack.plans.models import Indicator, Plan, PlanSection, Target

# --- filters --------------------------------------------------------------------------------


class PlanFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=PlanKind.choices)
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices)

    class Meta:
        model = Plan
        fields = ["kind", "status"]


class PlanSectionFilter(FilterSet):
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Mã quy hoạch, kế hoạch"))
    parent = IdFilter(field_name="parent_id", label=_("Mục cha (id)"))
    kind = django_filters.ChoiceFilter(choices=SectionKind.choices)

    class Meta:
        model = PlanSection
        fields = ["plan", "kind", "parent"]


class IndicatorFilter(FilterSet):
    owner = django_filters.CharFilter(field_name="owner__code", label=_("Mã cơ quan chủ trì"))

    class Meta:
        model = Indicator
        fields = ["owner", "sector", "frequency", "value_type"]


class TargetFilter(FilterSet):
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Mã quy hoạch, kế hoạch"))
    indicator = django_filters.CharFilter(field_name="indicator__code", label=_("Mã chỉ số"))
    kind = django_filters.ChoiceFilter(choices=TargetKind.choices)
    section = IdFilter(field_name="section_id", label=_("Mục (id)"))
    in_force = BooleanFilter(label=_("Chỉ những chỉ tiêu chưa bị điều chỉnh thay thế"))

    class Meta:
        model = Target
        fields = ["plan", "indicator", "kind", "section", "in_force"]


class AdminUnitFilter(FilterSet):
    level = django_filters.ChoiceFilter(choices=UnitLevel.choices)
    parent = IdFilter(field_name="parent_id", label=_("Đơn vị cấp trên (id)"))
    valid_on = DateOrEmptyFilter(
        method="filter_valid_on", label=_("Còn hiệu lực vào ngày (YYYY-MM-DD)")
    )

    class Meta:
        model = AdminUnit
        fields = ["level", "code", "parent", "valid_on"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


# --- serializers ----------------------------------------------------------------------------


class PlanSerializer(ModelSerializer):
    amends = code_of(allow_null=True)

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
    weight = code_of(allow_null=True)

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
            "sector",
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


# --- views ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Các quy hoạch, kế hoạch")),
    retrieve=extend_schema(
        summary=_("Một quy hoạch, kế hoạch (theo mã)"),
        responses={200: PlanSerializer, **errors(404)},
    ),
)
class PlanViewSet(ReadOnlyViewSet):
    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return permissions.visible_plans(self.request.user)


@extend_schema_view(
    list=extend_schema(summary=_("Các mục của quy hoạch, kế hoạch")),
    retrieve=extend_schema(
        summary=_("Một mục"), responses={200: PlanSectionSerializer, **errors(404)}
    ),
)
class PlanSectionViewSet(ReadOnlyViewSet):
    serializer_class = PlanSectionSerializer
    filterset_class = PlanSectionFilter

    def get_queryset(self):
        return permissions.visible_sections(self.request.user)


@extend_schema_view(
    list=extend_schema(summary=_("Các chỉ số")),
    retrieve=extend_schema(
        summary=_("Một chỉ số (theo mã)"),
        responses={200: IndicatorSerializer, **errors(404)},
    ),
)
class IndicatorViewSet(ReadOnlyViewSet):
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return permissions.visible_indicators(self.request.user)


@extend_schema_view(
    list=extend_schema(summary=_("Các chỉ tiêu")),
    retrieve=extend_schema(
        summary=_("Một chỉ tiêu"), responses={200: TargetSerializer, **errors(404)}
    ),
)
class TargetViewSet(ReadOnlyViewSet):
    serializer_class = TargetSerializer
    filterset_class = TargetFilter

    def get_queryset(self):
        return permissions.visible_targets(self.request.user)


@extend_schema_view(
    list=extend_schema(summary=_("Các đơn vị hành chính (không kèm ranh giới)")),
    retrieve=extend_schema(
        summary=_("Một đơn vị hành chính, kèm ranh giới GeoJSON"),
        responses={200: AdminUnitDetailSerializer, **errors(404)},
    ),
)
class AdminUnitViewSet(ReadOnlyViewSet):
    filterset_class = AdminUnitFilter

    def get_queryset(self):
        units = permissions.visible_units()
        return units.defer("geometry") if self.action == "list" else units

    def get_serializer_class(self):
        if self.action == "retrieve":
            return AdminUnitDetailSerializer
        return AdminUnitSerializer
