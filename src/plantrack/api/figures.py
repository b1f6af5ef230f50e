"""Figures (observations): read, enter, edit, and their workflow — submit, approve, reject,
one figure or many (all or nothing).

Reads start from ``api.permissions`` (the models' ``for_user``), so what a user may not see
answers 404; writes call the services of ``observations`` (``entry.enter_observation``,
``workflow.edit_observation`` and the workflow, as the web pages do), which decide what a
user may do (403 ``not_permitted``).
"""

import re

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from plantrack.api import permissions
from plantrack.api.common import (
    ID_PATTERN,
    LOCALES,
    MAX_ID,
    BooleanFilter,
    FilterSet,
    ListFiltersOnly,
    ModelSerializer,
    NumberOrTextField,
    RequiredTextField,
    TextField,
    code_of,
    errors,
)
from plantrack.api.exceptions import ApiError, VersionRequired
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.entry import enter_observation
from plantrack.observations.models import Observation
from plantrack.observations.workflow import (
    approve_observations,
    edit_observation,
    reject_observations,
    submit_observations,
)

# --- filters --------------------------------------------------------------------------------


class ObservationFilter(FilterSet):
    indicator = django_filters.CharFilter(field_name="indicator__code", label=_("Mã chỉ số"))
    unit = django_filters.CharFilter(field_name="unit__code", label=_("Mã đơn vị hành chính"))
    agency = django_filters.CharFilter(field_name="agency__code", label=_("Mã cơ quan báo cáo"))
    status = django_filters.ChoiceFilter(
        choices=FigureStatus.choices, label=_("Tình trạng số liệu")
    )
    state = django_filters.ChoiceFilter(choices=WorkflowState.choices, label=_("Trạng thái duyệt"))
    all_vintages = BooleanFilter(
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


# --- serializers ----------------------------------------------------------------------------


class ObservationSerializer(ModelSerializer):
    indicator = code_of()
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    agency = code_of(help_text=_("Mã cơ quan báo cáo"), allow_null=True)

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

    indicator = TextField(help_text=_("Mã chỉ số, ví dụ grdp_growth"))
    unit = TextField(help_text=_("Mã đơn vị hành chính (mã thống kê), ví dụ 04"))
    period = TextField(help_text=_("2024, 2024Q3 hoặc 2024-07"))
    value = NumberOrTextField()
    status = serializers.ChoiceField(
        choices=FigureStatus.choices, required=False, help_text=_("Mặc định: ước thực hiện")
    )
    breakdown = TextField(required=False, allow_blank=True, max_length=100)
    source = TextField(help_text=_("Nguồn của số liệu"))
    comment = TextField(required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)
    locale = serializers.ChoiceField(
        choices=LOCALES, required=False, help_text=_("Kiểu số của giá trị viết bằng chữ")
    )
    submit = serializers.BooleanField(default=False, help_text=_("Gửi duyệt ngay"))

    # Fields of a figure that its entry does not choose: a new figure is a draft (``submit``
    # sends it), reported by the indicator's owner, in its first version. Sent anyway, they
    # are refused by name rather than ignored, so no one believes they approved a figure.
    REFUSED = ("state", "agency", "is_current", "version", "supersedes", "review_note", "id")

    def validate(self, attrs):
        sent = getattr(self, "initial_data", {})
        refused = [name for name in self.REFUSED if name in sent]
        if refused:
            raise ValidationError(
                {
                    name: [
                        gettext(
                            "Không gửi được trường này khi nhập số liệu: số liệu mới là nháp "
                            "(gửi duyệt bằng “submit”), của cơ quan chủ trì chỉ số."
                        )
                    ]
                    for name in refused
                }
            )
        return attrs


class ObservationEditSerializer(serializers.Serializer):
    """Changes to a figure not yet approved, with the version its author saw."""

    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("Phiên bản đã xem (hoặc gửi tiêu đề If-Match)"),
    )
    value = NumberOrTextField(required=False)
    status = serializers.ChoiceField(choices=FigureStatus.choices, required=False)
    breakdown = TextField(required=False, allow_blank=True, max_length=100)
    source = TextField(required=False)
    comment = TextField(required=False, allow_blank=True)
    reason = TextField(required=False, allow_blank=True, help_text=_("Lý do sửa"))
    locale = serializers.ChoiceField(choices=LOCALES, required=False)


class ApproveSerializer(serializers.Serializer):
    note = TextField(required=False, allow_blank=True, default="")


class RejectSerializer(serializers.Serializer):
    reason = RequiredTextField(required=False, help_text=_("Bắt buộc: lý do trả lại"))


class IdsSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=1000
    )


class BulkSubmitSerializer(IdsSerializer):
    pass


class BulkApproveSerializer(IdsSerializer, ApproveSerializer):
    pass


class BulkRejectSerializer(IdsSerializer, RejectSerializer):
    pass


class ObservationListSerializer(serializers.Serializer):
    observations = ObservationSerializer(many=True)


# --- views ----------------------------------------------------------------------------------


IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d+)"?\s*$')
IF_MATCH_PARAMETER = OpenApiParameter(
    "If-Match",
    {"type": "string", "pattern": IF_MATCH.pattern},
    OpenApiParameter.HEADER,
    description=_("Phiên bản đã xem, như tiêu đề ETag của số liệu trả về (thay cho “version”)"),
)


@extend_schema_view(
    list=extend_schema(
        summary=_("Các số liệu"),
        description=_(
            "Mặc định: số liệu mới nhất của mỗi chỉ số, đơn vị, kỳ và phân tổ, cùng số liệu "
            "đang chờ duyệt bên cạnh; all_vintages=1 thêm các phiên bản cũ đã được thay thế. "
            "Người chưa đăng nhập chỉ thấy số liệu đã phê duyệt."
        ),
    ),
    retrieve=extend_schema(
        summary=_("Một số liệu"), responses={200: ObservationSerializer, **errors(404)}
    ),
)
class ObservationViewSet(
    ListFiltersOnly, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return permissions.visible_observations(self.request.user)

    def retrieve(self, request, *args, **kwargs):
        observation = self.get_object()
        return self._respond(observation)

    @extend_schema(
        summary=_("Nhập một số liệu (nháp, hoặc gửi duyệt ngay)"),
        description=_(
            "Số liệu được kiểm tra như một dòng của tệp nhập (cùng các quy tắc), rồi ghi là "
            "nháp. 201 khi ghi mới; 200 khi đúng số liệu này đã có."
        ),
        request=ObservationCreateSerializer,
        responses={
            201: ObservationSerializer,
            200: ObservationSerializer,
            **errors(400, 401, 403, 409, 422),
        },
    )
    def create(self, request, *args, **kwargs):
        body = ObservationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        observation, written = enter_observation(
            user=request.user, reason=gettext("Nhập qua API"), **body.validated_data
        )
        response = self._respond(
            observation, code=status.HTTP_201_CREATED if written else status.HTTP_200_OK
        )
        response["Location"] = request.build_absolute_uri(
            reverse("api:observation-detail", args=[observation.pk])
        )
        return response

    @extend_schema(
        summary=_("Sửa một số liệu chưa phê duyệt"),
        description=_(
            "Gửi phiên bản đã xem (“version” hoặc If-Match); nếu người khác đã sửa trước, "
            "yêu cầu bị từ chối với mã concurrent_edit (409)."
        ),
        request=ObservationEditSerializer,
        parameters=[IF_MATCH_PARAMETER],
        responses={
            200: ObservationSerializer,
            **errors(400, 401, 403, 404, 409, 422, 428),
        },
    )
    def partial_update(self, request, *args, **kwargs):
        observation = self.get_object()
        body = ObservationEditSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        changes = dict(body.validated_data)
        version = changes.pop("version", None)
        if version is None:
            version = self._if_match(request)
        observation = edit_observation(
            observation.pk,
            user=request.user,
            expected_version=version,
            reason=changes.pop("reason", ""),
            locale=changes.pop("locale", None),
            **changes,
        )
        return self._respond(observation)

    @extend_schema(
        summary=_("Gửi duyệt một số liệu"),
        operation_id="observations_submit",
        request=None,
        responses={200: ObservationSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        observation = self.get_object()
        submit_observations([observation.pk], user=request.user)
        return self._respond(observation)

    @extend_schema(
        summary=_("Phê duyệt một số liệu"),
        operation_id="observations_approve",
        request=ApproveSerializer,
        responses={200: ObservationSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        observation = self.get_object()
        body = ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        approve_observations([observation.pk], user=request.user, **body.validated_data)
        return self._respond(observation)

    @extend_schema(
        summary=_("Trả lại một số liệu, với lý do"),
        operation_id="observations_reject",
        request=RejectSerializer,
        responses={200: ObservationSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        observation = self.get_object()
        body = RejectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reject_observations([observation.pk], user=request.user, **body.validated_data)
        return self._respond(observation)

    @extend_schema(
        summary=_("Gửi duyệt nhiều số liệu (tất cả hoặc không)"),
        operation_id="observations_bulk_submit",
        request=BulkSubmitSerializer,
        responses={200: ObservationListSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=False, methods=["post"], url_path="submit")
    def bulk_submit(self, request):
        ids, _fields = self._bulk(BulkSubmitSerializer)
        submit_observations(ids, user=request.user)
        return self._respond_many(ids)

    @extend_schema(
        summary=_("Phê duyệt nhiều số liệu (tất cả hoặc không)"),
        operation_id="observations_bulk_approve",
        request=BulkApproveSerializer,
        responses={200: ObservationListSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=False, methods=["post"], url_path="approve")
    def bulk_approve(self, request):
        ids, fields = self._bulk(BulkApproveSerializer)
        approve_observations(ids, user=request.user, **fields)
        return self._respond_many(ids)

    @extend_schema(
        summary=_("Trả lại nhiều số liệu, với lý do (tất cả hoặc không)"),
        operation_id="observations_bulk_reject",
        request=BulkRejectSerializer,
        responses={200: ObservationListSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=False, methods=["post"], url_path="reject")
    def bulk_reject(self, request):
        ids, fields = self._bulk(BulkRejectSerializer)
        reject_observations(ids, user=request.user, **fields)
        return self._respond_many(ids)

    # --- helpers ---

    def _bulk(self, serializer_class) -> tuple[list[int], dict]:
        """Return the ids of the body, all visible to the user (else 404), and its fields."""
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        fields = dict(body.validated_data)
        ids = sorted(set(fields.pop("ids")))
        seen = set(self.get_queryset().filter(pk__in=ids).values_list("pk", flat=True))
        missing = [pk for pk in ids if pk not in seen]
        if missing:
            raise ApiError(
                _("Không tìm thấy số liệu: %(ids)s.") % {"ids": ", ".join(map(str, missing))},
                code="not_found",
                status_code=status.HTTP_404_NOT_FOUND,
                details={"missing": missing},
            )
        return ids, fields

    def _if_match(self, request) -> int:
        header = request.headers.get("If-Match")
        if header is None:
            raise VersionRequired()
        match = IF_MATCH.match(header)
        if match is None:
            raise ValidationError(
                {"If-Match": [_('Tiêu đề If-Match phải là số phiên bản, ví dụ "3".')]}
            )
        return int(match.group(1))

    def _respond(self, observation: Observation, code: int = status.HTTP_200_OK) -> Response:
        """Render the figure as stored now, with its version as the ETag (for If-Match)."""
        fresh = Observation.objects.select_related("indicator", "unit", "agency").get(
            pk=observation.pk
        )
        response = Response(self.get_serializer(fresh).data, status=code)
        response["ETag"] = f'"{fresh.version}"'
        return response

    def _respond_many(self, ids: list[int]) -> Response:
        rows = Observation.objects.select_related("indicator", "unit", "agency").filter(pk__in=ids)
        data = ObservationSerializer(rows.order_by("pk"), many=True).data
        return Response({"observations": data})
