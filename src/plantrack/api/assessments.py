"""Assessment runs, each target's assessment in a run, and every target's current
judgement: read only.

Reads start from ``api.permissions`` (the models' ``for_user``), so a run a user may not see
answers 404.
"""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from plantrack.api import permissions
from plantrack.api.common import (
    FilterSet,
    IdFilter,
    ModelSerializer,
    ReadOnlyViewSet,
    code_of,
    errors,
)
from plantrack.progress.choices import Status
from plantrack.progress.live import stale_targets
from plantrack.progress.models import Assessment, AssessmentRun, Judgement

# --- filters --------------------------------------------------------------------------------


class AssessmentRunFilter(FilterSet):
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Mã quy hoạch, kế hoạch"))

    class Meta:
        model = AssessmentRun
        fields = ["plan", "figures", "method", "as_of"]


class AssessmentFilter(FilterSet):
    plan = django_filters.CharFilter(
        field_name="run__plan__code", label=_("Mã quy hoạch, kế hoạch")
    )
    indicator = django_filters.CharFilter(
        field_name="target__indicator__code", label=_("Mã chỉ số")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices)
    run = IdFilter(field_name="run_id", label=_("Lượt đánh giá (id)"))
    target = IdFilter(field_name="target_id", label=_("Chỉ tiêu (id)"))

    class Meta:
        model = Assessment
        fields = ["plan", "run", "target", "indicator", "status"]


# --- serializers ----------------------------------------------------------------------------


class AssessmentRunSerializer(ModelSerializer):
    plan = code_of()

    class Meta:
        model = AssessmentRun
        fields = ["id", "plan", "as_of", "figures", "method", "created_at"]


# What a judgement says, stored in a run (``Assessment``) or current (``Judgement``) alike.
JUDGEMENT_FIELDS = [
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


# The fields of a judgement; its explanations are derived from the components when shown
# (``progress.engine.explain``), never stored. (A comment: a docstring would become the
# schema's description of every serializer built on it.)
class JudgementFields(ModelSerializer):
    indicator = serializers.CharField(
        source="target.indicator.code", read_only=True, allow_null=True, default=None
    )
    explanation_vi = serializers.CharField(read_only=True)
    explanation_en = serializers.CharField(read_only=True)


class AssessmentSerializer(JudgementFields):
    plan = serializers.CharField(source="run.plan.code", read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "run", "plan", "target", "indicator", "unit", *JUDGEMENT_FIELDS]


# --- views ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Các lượt đánh giá")),
    retrieve=extend_schema(
        summary=_("Một lượt đánh giá"),
        responses={200: AssessmentRunSerializer, **errors(404)},
    ),
)
class AssessmentRunViewSet(ReadOnlyViewSet):
    serializer_class = AssessmentRunSerializer
    filterset_class = AssessmentRunFilter

    def get_queryset(self):
        return permissions.visible_runs(self.request.user).select_related("plan")


@extend_schema_view(
    list=extend_schema(summary=_("Kết quả đánh giá từng chỉ tiêu")),
    retrieve=extend_schema(
        summary=_("Một kết quả đánh giá"),
        responses={200: AssessmentSerializer, **errors(404)},
    ),
)
class AssessmentViewSet(ReadOnlyViewSet):
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter

    def get_queryset(self):
        return permissions.visible_assessments(self.request.user).select_related(
            "run__plan", "target__indicator"
        )


class JudgementFilter(FilterSet):
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Mã quy hoạch, kế hoạch"))
    indicator = django_filters.CharFilter(
        field_name="target__indicator__code", label=_("Mã chỉ số")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices)
    target = IdFilter(field_name="target_id", label=_("Chỉ tiêu (id)"))

    class Meta:
        model = Judgement
        fields = ["plan", "target", "indicator", "status"]


class JudgementSerializer(JudgementFields):
    plan = code_of()
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
            *JUDGEMENT_FIELDS,
            "figures",
            "judged_at",
            "stale",
        ]

    def get_stale(self, judgement) -> bool:
        return judgement.target_id in self.context.get("stale", ())


@extend_schema_view(
    list=extend_schema(
        summary=_("Kết quả đánh giá hiện hành của từng chỉ tiêu"),
        description=_(
            "Luôn theo số liệu đã phê duyệt: cập nhật ngay khi số liệu được phê duyệt, điều "
            "chỉnh, trả lại hoặc thay thế, và khi chỉ tiêu thay đổi. stale = true khi số liệu "
            "đã thay đổi sau lần đánh giá."
        ),
    ),
    retrieve=extend_schema(
        summary=_("Kết quả đánh giá hiện hành của một chỉ tiêu"),
        responses={200: JudgementSerializer, **errors(404)},
    ),
)
class JudgementViewSet(ReadOnlyViewSet):
    serializer_class = JudgementSerializer
    filterset_class = JudgementFilter

    def get_queryset(self):
        return permissions.visible_judgements(self.request.user).select_related(
            "plan", "target__indicator"
        )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        items = list(page if page is not None else queryset)
        serializer = self.get_serializer(items, many=True, context=self._context(items))
        if page is not None:
            return self.get_paginated_response(serializer.data)
        return Response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        judgement = self.get_object()
        return Response(self.get_serializer(judgement, context=self._context([judgement])).data)

    def _context(self, judgements) -> dict:
        """The serializer's context with the stale targets among ``judgements`` (one query)."""
        indicators = {j.target_id: j.target.indicator_id for j in judgements}
        return self.get_serializer_context() | {"stale": stale_targets(judgements, indicators)}
