"""The REST API's views: parse the request, call one query or service, render.

Reads start from ``api.permissions`` (the models' ``for_user``), so what a user may not see
answers 404; writes call the services of ``observations.services`` (``enter_observation``,
``edit_observation``, the workflow and the importer, as the web pages do), which decide
what a user may do (403 ``not_permitted``).
"""

import re

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from plantrack.api import filters, permissions, serializers
from plantrack.api.exceptions import ApiError, VersionRequired
from plantrack.observations.models import Observation
from plantrack.observations.services import (
    approve_observations,
    edit_observation,
    enter_observation,
    import_observations,
    reject_observations,
    submit_observations,
)
from plantrack.progress.live import stale_targets

ERRORS = {
    code: OpenApiResponse(serializers.ErrorSerializer, description=text)
    for code, text in {
        400: "invalid",
        401: "not_authenticated, authentication_failed",
        403: "not_permitted",
        404: "not_found",
        409: "concurrent_edit, wrong_state, duplicate_figure",
        422: "invalid_observation, import_refused",
        428: "version_required",
    }.items()
}


def errors(*codes: int) -> dict:
    return {code: ERRORS[code] for code in codes}


class ListFiltersOnly:
    # Filters apply to the list only: a detail is found whatever the list's defaults
    # (``all_vintages`` off hides an old vintage from the list, not from its own URL).
    # No docstring: the schema would show it as every operation's description.

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)


class ReadOnlyViewSet(ListFiltersOnly, viewsets.ReadOnlyModelViewSet):
    # A list with filters and pages, and a detail.
    pass


@extend_schema_view(
    list=extend_schema(summary=_("Các quy hoạch, kế hoạch")),
    retrieve=extend_schema(
        summary=_("Một quy hoạch, kế hoạch (theo mã)"),
        responses={200: serializers.PlanSerializer, **errors(404)},
    ),
)
class PlanViewSet(ReadOnlyViewSet):
    serializer_class = serializers.PlanSerializer
    filterset_class = filters.PlanFilter
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return permissions.visible_plans(self.request.user)


@extend_schema_view(
    list=extend_schema(summary=_("Các mục của quy hoạch, kế hoạch")),
    retrieve=extend_schema(
        summary=_("Một mục"), responses={200: serializers.PlanSectionSerializer, **errors(404)}
    ),
)
class PlanSectionViewSet(ReadOnlyViewSet):
    serializer_class = serializers.PlanSectionSerializer
    filterset_class = filters.PlanSectionFilter

    def get_queryset(self):
        return permissions.visible_sections(self.request.user)


@extend_schema_view(
    list=extend_schema(summary=_("Các chỉ số")),
    retrieve=extend_schema(
        summary=_("Một chỉ số (theo mã)"),
        responses={200: serializers.IndicatorSerializer, **errors(404)},
    ),
)
class IndicatorViewSet(ReadOnlyViewSet):
    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilter
    lookup_field = "code"

    def get_queryset(self):
        return permissions.visible_indicators(self.request.user)


@extend_schema_view(
    list=extend_schema(summary=_("Các chỉ tiêu")),
    retrieve=extend_schema(
        summary=_("Một chỉ tiêu"), responses={200: serializers.TargetSerializer, **errors(404)}
    ),
)
class TargetViewSet(ReadOnlyViewSet):
    serializer_class = serializers.TargetSerializer
    filterset_class = filters.TargetFilter

    def get_queryset(self):
        return permissions.visible_targets(self.request.user)


@extend_schema_view(
    list=extend_schema(summary=_("Các đơn vị hành chính (không kèm ranh giới)")),
    retrieve=extend_schema(
        summary=_("Một đơn vị hành chính, kèm ranh giới GeoJSON"),
        responses={200: serializers.AdminUnitDetailSerializer, **errors(404)},
    ),
)
class AdminUnitViewSet(ReadOnlyViewSet):
    filterset_class = filters.AdminUnitFilter

    def get_queryset(self):
        units = permissions.visible_units()
        return units.defer("geometry") if self.action == "list" else units

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.AdminUnitDetailSerializer
        return serializers.AdminUnitSerializer


@extend_schema_view(
    list=extend_schema(summary=_("Các lượt đánh giá")),
    retrieve=extend_schema(
        summary=_("Một lượt đánh giá"),
        responses={200: serializers.AssessmentRunSerializer, **errors(404)},
    ),
)
class AssessmentRunViewSet(ReadOnlyViewSet):
    serializer_class = serializers.AssessmentRunSerializer
    filterset_class = filters.AssessmentRunFilter

    def get_queryset(self):
        return permissions.visible_runs(self.request.user).select_related("plan")


@extend_schema_view(
    list=extend_schema(summary=_("Kết quả đánh giá từng chỉ tiêu")),
    retrieve=extend_schema(
        summary=_("Một kết quả đánh giá"),
        responses={200: serializers.AssessmentSerializer, **errors(404)},
    ),
)
class AssessmentViewSet(ReadOnlyViewSet):
    serializer_class = serializers.AssessmentSerializer
    filterset_class = filters.AssessmentFilter

    def get_queryset(self):
        return permissions.visible_assessments(self.request.user).select_related(
            "run__plan", "target__indicator"
        )


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
        responses={200: serializers.JudgementSerializer, **errors(404)},
    ),
)
class JudgementViewSet(ReadOnlyViewSet):
    serializer_class = serializers.JudgementSerializer
    filterset_class = filters.JudgementFilter

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


# --- figures --------------------------------------------------------------------------------

IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d+)"?\s*$')
IF_MATCH_PARAMETER = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
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
        summary=_("Một số liệu"), responses={200: serializers.ObservationSerializer, **errors(404)}
    ),
)
class ObservationViewSet(
    ListFiltersOnly, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = serializers.ObservationSerializer
    filterset_class = filters.ObservationFilter
    lookup_value_regex = r"\d+"
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
        request=serializers.ObservationCreateSerializer,
        responses={
            201: serializers.ObservationSerializer,
            200: serializers.ObservationSerializer,
            **errors(400, 401, 403, 422),
        },
    )
    def create(self, request, *args, **kwargs):
        body = serializers.ObservationCreateSerializer(data=request.data)
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
        request=serializers.ObservationEditSerializer,
        parameters=[IF_MATCH_PARAMETER],
        responses={
            200: serializers.ObservationSerializer,
            **errors(400, 401, 403, 404, 409, 422, 428),
        },
    )
    def partial_update(self, request, *args, **kwargs):
        observation = self.get_object()
        body = serializers.ObservationEditSerializer(data=request.data)
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
        responses={200: serializers.ObservationSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        observation = self.get_object()
        submit_observations([observation.pk], user=request.user)
        return self._respond(observation)

    @extend_schema(
        summary=_("Phê duyệt một số liệu"),
        operation_id="observations_approve",
        request=serializers.ApproveSerializer,
        responses={200: serializers.ObservationSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        observation = self.get_object()
        body = serializers.ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        approve_observations([observation.pk], user=request.user, **body.validated_data)
        return self._respond(observation)

    @extend_schema(
        summary=_("Trả lại một số liệu, với lý do"),
        operation_id="observations_reject",
        request=serializers.RejectSerializer,
        responses={200: serializers.ObservationSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        observation = self.get_object()
        body = serializers.RejectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reject_observations([observation.pk], user=request.user, **body.validated_data)
        return self._respond(observation)

    @extend_schema(
        summary=_("Gửi duyệt nhiều số liệu (tất cả hoặc không)"),
        operation_id="observations_bulk_submit",
        request=serializers.BulkSubmitSerializer,
        responses={200: serializers.ObservationListSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=False, methods=["post"], url_path="submit")
    def bulk_submit(self, request):
        ids, _fields = self._bulk(serializers.BulkSubmitSerializer)
        submit_observations(ids, user=request.user)
        return self._respond_many(ids)

    @extend_schema(
        summary=_("Phê duyệt nhiều số liệu (tất cả hoặc không)"),
        operation_id="observations_bulk_approve",
        request=serializers.BulkApproveSerializer,
        responses={200: serializers.ObservationListSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=False, methods=["post"], url_path="approve")
    def bulk_approve(self, request):
        ids, fields = self._bulk(serializers.BulkApproveSerializer)
        approve_observations(ids, user=request.user, **fields)
        return self._respond_many(ids)

    @extend_schema(
        summary=_("Trả lại nhiều số liệu, với lý do (tất cả hoặc không)"),
        operation_id="observations_bulk_reject",
        request=serializers.BulkRejectSerializer,
        responses={200: serializers.ObservationListSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=False, methods=["post"], url_path="reject")
    def bulk_reject(self, request):
        ids, fields = self._bulk(serializers.BulkRejectSerializer)
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
        data = serializers.ObservationSerializer(rows.order_by("pk"), many=True).data
        return Response({"observations": data})


# --- imports, tokens, documentation ---------------------------------------------------------


class ImportView(APIView):
    """Import a file of figures through the one importer (``import_observations``)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary=_("Nhập một tệp số liệu (CSV, XLSX, JSON): tất cả hoặc không"),
        description=_(
            "Trả về báo cáo của lần nhập: 201 khi đã ghi, 200 khi chạy thử không lỗi, 422 "
            "khi tệp bị từ chối (chi tiết lỗi từng dòng trong error.details.problems)."
        ),
        request={"multipart/form-data": serializers.ImportSerializer},
        responses={
            201: serializers.ImportReportSerializer,
            200: serializers.ImportReportSerializer,
            **errors(400, 401, 422),
        },
    )
    def post(self, request):
        body = serializers.ImportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = body.validated_data
        upload = fields["file"]
        report = import_observations(
            upload.read(),
            upload.name,
            user=request.user,
            agency=permissions.agency_named(fields.get("agency")),
            locale=fields.get("locale"),
            dry_run=fields["dry_run"],
            approve=fields["approve"],
        )
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


class TokenView(ObtainAuthToken):
    """Exchange a user name and password for the user's API token (throttled)."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        summary=_("Lấy mã thông báo (token) API bằng tên đăng nhập và mật khẩu"),
        description=_("Gửi kèm mã trong mỗi yêu cầu: tiêu đề “Authorization: Token <mã>”."),
        request=ObtainAuthToken.serializer_class,
        responses={200: serializers.TokenSerializer, **errors(400)},
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class NotFoundView(APIView):
    """Any other path under /api/: a JSON 404, not the site's HTML page."""

    permission_classes = []
    schema = None

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound()

    options = http_method_not_allowed


def docs(request):
    """List every endpoint of the schema on a plain page (no script, nothing from a CDN)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    groups: dict[str, list[dict]] = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            tag = (operation.get("tags") or ["api"])[0]
            groups.setdefault(tag, []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []),
                    "responses": sorted(operation.get("responses", {})),
                    "request": sorted(operation.get("requestBody", {}).get("content", {})),
                }
            )
    context = {"info": schema["info"], "groups": sorted(groups.items())}
    return render(request, "api/docs.html", context)
