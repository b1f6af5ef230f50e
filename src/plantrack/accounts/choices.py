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


class Action(models.TextChoices):
    """What a user asks to do with a record (``RestrictedQuerySet.for_user``).

    - ``view``: see it (lists, pages, the API, exports);
    - ``change``: write it or write below it (edit and submit a figure, report a task's or a
      project's progress, record a project's capital);
    - ``approve``: decide on someone else's work (approve or return a figure, move a task's
      deadline, open or close a reporting round, review an extraction, re-judge a plan).
    """

    VIEW = "view", _("xem")
    CHANGE = "change", _("sửa")
    APPROVE = "approve", _("duyệt")
