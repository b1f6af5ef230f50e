from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The engine's statuses (progress/engine.py), best first."""

    ACHIEVED = "achieved", _("Đã đạt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    NEEDS_ACCELERATION = "needs_acceleration", _("Cần đẩy nhanh")
    OFF_TRACK = "off_track", _("Chậm tiến độ")
    REGRESSING = "regressing", _("Đi lùi")
    INSUFFICIENT_DATA = "insufficient_data", _("Chưa đủ số liệu")
    NOT_ASSESSABLE = "not_assessable", _("Không đánh giá bằng số liệu")


class Method(models.TextChoices):
    """The public methods the engine can judge by (docs/methodology.md)."""

    UNSD = "unsd", _("Thống kê Liên hợp quốc (UNSD)")
    STATCAN = "statcan", _("Thống kê Canada / Open SDG")
    ESCAP = "escap", _("ESCAP: xu hướng có trọng số thời gian")


class Figures(models.TextChoices):
    """Which figures an assessment uses."""

    APPROVED = "approved", _("Số liệu đã phê duyệt (kể cả ước thực hiện)")
    OFFICIAL = "official", _("Số liệu đã phê duyệt, trừ ước thực hiện")
    SUBMITTED = "submitted", _("Số liệu đã phê duyệt và đã gửi chờ duyệt")


class RollupBy(models.TextChoices):
    SECTION = "section", _("Theo mục của quy hoạch")
    AGENCY = "agency", _("Theo cơ quan chủ trì")
    UNIT = "unit", _("Theo đơn vị hành chính")


class Cause(models.TextChoices):
    """What set a re-judging off (``JudgementChange.cause``)."""

    FIGURE = "figure", _("Số liệu thay đổi")
    TARGET = "target", _("Chỉ tiêu thay đổi")
    SWEEP = "sweep", _("Đánh giá lại toàn bộ")
