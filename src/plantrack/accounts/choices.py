from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a member of an agency may do (DESIGN.md, Agency)."""

    ADMIN = "admin", _("Quản trị")
    PLANNER = "planner", _("Cán bộ kế hoạch")
    REPORTER = "reporter", _("Người báo cáo")
    APPROVER = "approver", _("Người phê duyệt")
    VIEWER = "viewer", _("Người xem")


class AgencyKind(models.TextChoices):
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    STATISTICS = "statistics", _("Cơ quan thống kê")
    OTHER = "other", _("Khác")
