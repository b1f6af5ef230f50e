import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from plantrack.accounts.permissions import WRITING_ROLES, Action, RestrictedQuerySet
from plantrack.workplan.choices import CLOSED_STATUSES, DeadlineState, Priority, TaskStatus


def due_soon_days() -> int:
    """Return how many days before its deadline a task is "due soon" (a setting)."""
    return settings.PLANTRACK_DUE_SOON_DAYS


def _soon_after(as_of: datetime.date, soon_days: int | None) -> datetime.date:
    """Return the last day a deadline counts as due soon; the calendar's last day at most
    (an as-of date of 31/12/9999 has no day after it)."""
    days = datetime.timedelta(days=due_soon_days() if soon_days is None else soon_days)
    if as_of > datetime.date.max - days:
        return datetime.date.max
    return as_of + days


class TaskQuerySet(RestrictedQuerySet["Task"]):
    public_view = True

    def restrict(self, permissions, action) -> "TaskQuerySet":
        """View: every task (tasks are public). Change (report progress): the tasks the
        user's agencies lead, as reporter or approver; a viewer reads. Approve (move the
        deadline): planners only."""
        if action == Action.VIEW:
            return self
        if action == Action.CHANGE:
            return self.filter(lead_agency_id__in=permissions.agency_ids(*WRITING_ROLES))
        return self.none()

    def with_deadline_state(self, as_of: datetime.date, soon_days: int | None = None):
        """Annotate ``deadline_state`` (a DeadlineState value) as of a date, in the database."""
        soon = _soon_after(as_of, soon_days)
        # The annotation shadows Task.deadline_state() on the rows by design (the same state,
        # computed in the database); django-stubs' annotate cannot express that.
        return self.annotate(  # type: ignore[no-redef]
            deadline_state=Case(
                When(status__in=CLOSED_STATUSES, then=Value(DeadlineState.DONE)),
                When(deadline__isnull=True, then=Value(DeadlineState.NO_DEADLINE)),
                When(deadline__lt=as_of, then=Value(DeadlineState.OVERDUE)),
                When(deadline__lte=soon, then=Value(DeadlineState.DUE_SOON)),
                default=Value(DeadlineState.ON_SCHEDULE),
                output_field=models.CharField(),
            )
        )

    def overdue(self, as_of: datetime.date) -> "TaskQuerySet":
        return self.exclude(status__in=CLOSED_STATUSES).filter(deadline__lt=as_of)


class Task(models.Model):
    """An implementation task of the plan: a lead agency, a product, a deadline.

    Overdue and due-soon are derived from the deadline and an as-of date
    (``deadline_state``), never stored. A moved deadline keeps the original in
    ``original_deadline`` and a ``DeadlineChange`` row saying who moved it and why.
    """

    code = models.CharField(_("mã"), max_length=40, unique=True)
    title = models.TextField(_("tên nhiệm vụ"))
    description = models.TextField(_("nội dung"), blank=True)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("quy hoạch, kế hoạch"),
        on_delete=models.PROTECT,
        related_name="tasks",
        null=True,
        blank=True,
    )
    section = models.ForeignKey(
        "plans.PlanSection",
        verbose_name=_("mục"),
        on_delete=models.SET_NULL,
        related_name="tasks",
        null=True,
        blank=True,
    )
    targets = models.ManyToManyField(
        "plans.Target", verbose_name=_("chỉ tiêu liên quan"), related_name="tasks", blank=True
    )
    lead_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.PROTECT,
        related_name="led_tasks",
        null=True,
        blank=True,
    )
    cooperating_agencies = models.ManyToManyField(
        "accounts.Agency",
        verbose_name=_("cơ quan phối hợp"),
        related_name="cooperating_tasks",
        blank=True,
    )
    expected_product = models.TextField(_("sản phẩm"), blank=True)
    start_date = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    original_deadline = models.DateField(_("thời hạn ban đầu"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=TaskStatus, default=TaskStatus.NOT_STARTED
    )
    percent_complete = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    priority = models.CharField(
        _("mức ưu tiên"), max_length=10, choices=Priority, default=Priority.MEDIUM
    )
    source = models.TextField(_("nguồn"), blank=True)
    illustrative_fields = models.JSONField(
        _("thông tin minh họa"),
        default=list,
        blank=True,
        help_text=_(
            "Các trường do bản minh họa gán vì không có trong văn bản công bố, ví dụ "
            '["lead_agency", "deadline"]; mọi màn hình và tệp xuất ghi rõ.'
        ),
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["deadline", "code"]
        constraints = [
            models.CheckConstraint(
                name="task_percent_in_range",
                condition=Q(percent_complete__lte=100),
                violation_error_message=_("Tiến độ phải từ 0 đến 100 %."),
            ),
            models.CheckConstraint(
                name="task_deadline_after_start",
                condition=Q(start_date__isnull=True)
                | Q(deadline__isnull=True)
                | Q(deadline__gte=F("start_date")),
                violation_error_message=_("Thời hạn phải không trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                name="task_completed_has_date",
                condition=~Q(status=TaskStatus.COMPLETED) | Q(completed_on__isnull=False),
                violation_error_message=_("Nhiệm vụ đã hoàn thành phải có ngày hoàn thành."),
            ),
        ]
        indexes = [
            # Scorecards and reminders: an agency's open tasks by deadline.
            models.Index(fields=["lead_agency", "status", "deadline"], name="task_agency_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"

    def deadline_state(self, as_of: datetime.date, soon_days: int | None = None) -> str:
        """Return the DeadlineState of the task as of a date (the queryset annotates the same)."""
        if self.status in CLOSED_STATUSES:
            return DeadlineState.DONE
        if self.deadline is None:
            return DeadlineState.NO_DEADLINE
        if self.deadline < as_of:
            return DeadlineState.OVERDUE
        soon = _soon_after(as_of, soon_days)
        if self.deadline <= soon:
            return DeadlineState.DUE_SOON
        return DeadlineState.ON_SCHEDULE

    @property
    def completed_on_time(self) -> bool | None:
        """Return True/False for a completed task with a deadline, None otherwise.

        Judged against the deadline in force: a moved deadline is recorded and counted apart
        (``DeadlineChange``), so the scorecard shows both.
        """
        # (A completed task has its completion date: task_completed_has_date.)
        if (
            self.status != TaskStatus.COMPLETED
            or self.deadline is None
            or self.completed_on is None
        ):
            return None
        return self.completed_on <= self.deadline

    def is_illustrative(self, field: str) -> bool:
        return field in (self.illustrative_fields or [])


class TaskUpdate(models.Model):
    """A progress report on a task: what was done, how far, the new status, evidence."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("ngày"))
    text = models.TextField(_("nội dung"))
    percent_complete = models.PositiveSmallIntegerField(_("tiến độ (%)"), null=True, blank=True)
    new_status = models.CharField(
        _("tình trạng mới"), max_length=20, choices=TaskStatus, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["task", "-date", "-id"]
        constraints = [
            models.CheckConstraint(
                name="taskupdate_percent_in_range",
                condition=Q(percent_complete__isnull=True) | Q(percent_complete__lte=100),
                violation_error_message=_("Tiến độ phải từ 0 đến 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task.code} {self.date:%Y-%m-%d}"


def evidence_path(instance, filename: str) -> str:
    # Files are named by their checksum, not by what the uploader called them.
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}"


class EvidenceQuerySet(RestrictedQuerySet["Evidence"]):
    def restrict(self, permissions, action) -> "EvidenceQuerySet":
        """The files a user may open: those of tasks its agencies lead or co-operate on, in
        any role (a viewer included). Everyone sees that a task has evidence, its type and
        size (through the task), never its name or content. Evidence is never changed."""
        if action != Action.VIEW:
            return self.none()
        agencies = permissions.agency_ids()
        concerned = Task.objects.filter(
            Q(lead_agency_id__in=agencies) | Q(cooperating_agencies__in=agencies)
        )
        return self.filter(update__task__in=concerned.values("pk"))


class Evidence(models.Model):
    """A file attached to a task update, stored outside the database, served only to users
    who may open it (``Evidence.objects.for_user``; workplan.views.evidence)."""

    update = models.ForeignKey(
        TaskUpdate, verbose_name=_("cập nhật"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.original_name


class DeadlineChange(models.Model):
    """A moved deadline: from when to when, who moved it and why. The original stays."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="deadline_changes"
    )
    old_deadline = models.DateField(_("thời hạn cũ"), null=True, blank=True)
    new_deadline = models.DateField(_("thời hạn mới"), null=True, blank=True)
    reason = models.TextField(_("lý do"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người điều chỉnh"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    changed_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("điều chỉnh thời hạn")
        verbose_name_plural = _("điều chỉnh thời hạn")
        ordering = ["task", "changed_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="deadlinechange_has_reason",
                condition=~Q(reason=""),
                violation_error_message=_("Điều chỉnh thời hạn phải ghi lý do."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task.code}: {self.old_deadline} → {self.new_deadline}"


class ReminderSent(models.Model):
    """One reminder e-mail sent on one day to one address, so a second run that day sends none."""

    day = models.DateField(_("ngày"))
    recipient = models.CharField(_("người nhận"), max_length=254)
    kind = models.CharField(_("loại nhắc"), max_length=40)
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    items = models.PositiveIntegerField(_("số việc nhắc"), default=0)
    sent_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)

    class Meta:
        verbose_name = _("thư nhắc đã gửi")
        verbose_name_plural = _("thư nhắc đã gửi")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "recipient", "kind"],
                name="remindersent_once_a_day",
                violation_error_message=_("Thư nhắc này đã gửi trong ngày."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} → {self.recipient}"
