from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from plantrack.accounts.choices import AgencyKind, Role

# Roles that see every agency's work, published or not.
ALL_SEEING_ROLES = (Role.ADMIN, Role.PLANNER)


class Agency(models.Model):
    """A department or local government that owns indicators, tasks and projects.

    Agencies are dated: in 2025 planning moved from Sở Kế hoạch và Đầu tư to Sở Tài chính,
    so the old agency gets a ``valid_to`` and the new one names it as ``predecessor``.
    """

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    email = models.EmailField(
        _("thư điện tử"), blank=True, help_text=_("Hộp thư công vụ nhận thư nhắc việc.")
    )
    kind = models.CharField(
        _("loại"), max_length=30, choices=AgencyKind, default=AgencyKind.DEPARTMENT
    )
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        related_name="agencies",
        null=True,
        blank=True,
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan tiền thân"),
        on_delete=models.SET_NULL,
        related_name="successors",
        null=True,
        blank=True,
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    source = models.TextField(_("nguồn"), blank=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="agency_valid_period_ordered",
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                violation_error_message=_(
                    "Ngày hết hiệu lực phải không trước ngày bắt đầu hiệu lực."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in an agency: what they may report, approve or see."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                name="membership_unique_role",
                violation_error_message=_("Người dùng đã có vai trò này trong cơ quan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
