"""The filters of each list: ``?indicator=grdp_growth&unit=04&period=2024&state=draft``."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.models import Observation
from plantrack.plans.choices import PlanKind, PlanStatus, SectionKind, TargetKind
from plantrack.plans.models import Indicator, Plan, PlanSection, Target
from plantrack.progress.choices import Status
from plantrack.progress.models import Assessment, AssessmentRun, Judgement


class PlanFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=PlanKind.choices)
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices)

    class Meta:
        model = Plan
        fields = ["kind", "status"]


class PlanSectionFilter(django_filters.FilterSet):
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Mã quy hoạch, kế hoạch"))
    parent = django_filters.NumberFilter(field_name="parent_id", label=_("Mục cha (id)"))
    kind = django_filters.ChoiceFilter(choices=SectionKind.choices)

    class Meta:
        model = PlanSection
        fields = ["plan", "kind", "parent"]


class IndicatorFilter(django_filters.FilterSet):
    owner = django_filters.CharFilter(field_name="owner__code", label=_("Mã cơ quan chủ trì"))

    class Meta:
        model = Indicator
        fields = ["owner", "frequency", "value_type"]


class TargetFilter(django_filters.FilterSet):
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Mã quy hoạch, kế hoạch"))
    indicator = django_filters.CharFilter(field_name="indicator__code", label=_("Mã chỉ số"))
    kind = django_filters.ChoiceFilter(choices=TargetKind.choices)
    section = django_filters.NumberFilter(field_name="section_id", label=_("Mục (id)"))
    in_force = django_filters.BooleanFilter(
        label=_("Chỉ những chỉ tiêu chưa bị điều chỉnh thay thế")
    )

    class Meta:
        model = Target
        fields = ["plan", "indicator", "kind", "section", "in_force"]


class AdminUnitFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=UnitLevel.choices)
    parent = django_filters.NumberFilter(field_name="parent_id", label=_("Đơn vị cấp trên (id)"))
    valid_on = django_filters.DateFilter(
        method="filter_valid_on", label=_("Còn hiệu lực vào ngày (YYYY-MM-DD)")
    )

    class Meta:
        model = AdminUnit
        fields = ["level", "code", "parent", "valid_on"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


class ObservationFilter(django_filters.FilterSet):
    indicator = django_filters.CharFilter(field_name="indicator__code", label=_("Mã chỉ số"))
    unit = django_filters.CharFilter(field_name="unit__code", label=_("Mã đơn vị hành chính"))
    agency = django_filters.CharFilter(field_name="agency__code", label=_("Mã cơ quan báo cáo"))
    status = django_filters.ChoiceFilter(
        choices=FigureStatus.choices, label=_("Tình trạng số liệu")
    )
    state = django_filters.ChoiceFilter(choices=WorkflowState.choices, label=_("Trạng thái duyệt"))
    all_vintages = django_filters.BooleanFilter(
        method="filter_all_vintages",
        label=_(
            "1: cả các phiên bản cũ đã được thay thế; mặc định chỉ số liệu mới nhất và số liệu "
            "đang chờ duyệt"
        ),
    )

    class Meta:
        model = Observation
        fields = [
            "indicator",
            "unit",
            "period",
            "breakdown",
            "status",
            "state",
            "agency",
            "is_current",
        ]

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("all_vintages"):
            queryset = latest_vintages(queryset)
        return queryset

    def filter_all_vintages(self, queryset, name, value):
        return queryset  # applied in ``qs``, since its default (off) filters too


def latest_vintages(queryset):
    """Return the figures no later vintage has replaced.

    That is the current figure of each key, plus the figures waiting beside an approved one
    (``record_observation`` keeps a pending draft beside the approved figure, not current,
    until it is approved), so a reporter sees its drafts without ``all_vintages``.
    """
    return queryset.filter(superseded_by__isnull=True)


class AssessmentRunFilter(django_filters.FilterSet):
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Mã quy hoạch, kế hoạch"))

    class Meta:
        model = AssessmentRun
        fields = ["plan", "figures", "method", "as_of"]


class AssessmentFilter(django_filters.FilterSet):
    plan = django_filters.CharFilter(
        field_name="run__plan__code", label=_("Mã quy hoạch, kế hoạch")
    )
    indicator = django_filters.CharFilter(
        field_name="target__indicator__code", label=_("Mã chỉ số")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices)
    run = django_filters.NumberFilter(field_name="run_id", label=_("Lượt đánh giá (id)"))
    target = django_filters.NumberFilter(field_name="target_id", label=_("Chỉ tiêu (id)"))

    class Meta:
        model = Assessment
        fields = ["plan", "run", "target", "indicator", "status"]


class JudgementFilter(django_filters.FilterSet):
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Mã quy hoạch, kế hoạch"))
    indicator = django_filters.CharFilter(
        field_name="target__indicator__code", label=_("Mã chỉ số")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices)
    target = django_filters.NumberFilter(field_name="target_id", label=_("Chỉ tiêu (id)"))

    class Meta:
        model = Judgement
        fields = ["plan", "target", "indicator", "status"]
