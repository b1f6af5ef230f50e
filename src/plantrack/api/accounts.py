"""A user's API token, for a user name and password (throttled)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import ScopedRateThrottle

from plantrack.api.common import errors


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Gửi kèm mỗi yêu cầu: Authorization: Token …"))


class TokenView(ObtainAuthToken):
    """Exchange a user name and password for the user's API token (throttled)."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        summary=_("Lấy mã thông báo (token) API bằng tên đăng nhập và mật khẩu"),
        description=_("Gửi kèm mã trong mỗi yêu cầu: tiêu đề “Authorization: Token <mã>”."),
        request=ObtainAuthToken.serializer_class,
        responses={200: TokenSerializer, **errors(400)},
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
