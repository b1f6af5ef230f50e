"""A user's API token, for a user name and password (throttled, and locked by django-axes
after ``PLANTRACK_LOGIN_FAILURES`` wrong passwords, as the pages' logins are)."""

from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from plantrack.api.common import ErrorSerializer, errors


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
        responses={
            200: TokenSerializer,
            **errors(400),
            429: OpenApiResponse(ErrorSerializer, description="throttled, locked_out"),
        },
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token, _created = Token.objects.get_or_create(user=user)
        # A token handed out is a login: the security log and django-axes's AccessLog keep it.
        user_logged_in.send(sender=type(user), request=request._request, user=user)
        return Response({"token": token.key})

    def finalize_response(self, request, response, *args, **kwargs):
        # django-axes marks a locked-out login on the request it authenticated, DRF's; its
        # middleware (the last one) reads Django's request and answers with the lock-out.
        if getattr(request, "axes_locked_out", False):
            request._request.axes_locked_out = True
            request._request.axes_credentials = getattr(request, "axes_credentials", None)
        return super().finalize_response(request, response, *args, **kwargs)
