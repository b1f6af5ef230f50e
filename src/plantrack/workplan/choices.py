from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    COMPLETED = "completed", _("Đã hoàn thành")
    POSTPONED = "postponed", _("Tạm hoãn")
    CANCELLED = "cancelled", _("Hủy bỏ")


# Statuses after which a task owes nothing more: never overdue.
CLOSED_STATUSES = (TaskStatus.COMPLETED, TaskStatus.CANCELLED)


class Priority(models.TextChoices):
    HIGH = "high", _("Cao")
    MEDIUM = "medium", pgettext_lazy("priority", "Trung bình")
    LOW = "low", _("Thấp")


class DeadlineState(models.TextChoices):
    """Derived from the deadline and an as-of date, never stored (Task.deadline_state)."""

    DONE = "done", _("Đã xong")
    OVERDUE = "overdue", _("Quá hạn")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    ON_SCHEDULE = "on_schedule", _("Còn hạn")
    NO_DEADLINE = "no_deadline", _("Không có thời hạn")
