from typing import Self, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from plantrack.accounts.permissions import Action, Permissions, RestrictedQuerySet
from plantrack.progress import engine
from plantrack.progress.choices import Cause, Figures, Method, Status

_M = TypeVar("_M", bound=models.Model)


def explained(judgement: "Assessment | Judgement", language: str | None = None) -> str:
    """Render the explanation of a stored judgement from its components and columns.

    The sentence is derived data (``engine.explain``): rendered when shown, in the viewer's
    language (the active one unless ``language`` is given), never stored.
    """
    components = dict(judgement.components)
    for name in engine.COLUMN_COMPONENTS:
        components[name] = getattr(judgement, name)
    return engine.explain(components, language or get_language() or "vi")


class Explained:
    """A stored judgement's sentences, derived from its components when shown."""

    explanation = property(explained, doc="The explanation in the active language.")
    explanation_vi = property(lambda self: explained(self, "vi"), doc="In Vietnamese.")
    explanation_en = property(lambda self: explained(self, "en"), doc="In English.")


class AssessmentRunQuerySet(RestrictedQuerySet["AssessmentRun"]):
    def restrict(self, permissions: Permissions, action: Action) -> "AssessmentRunQuerySet":
        """The runs of the plans the user may see, judged on approved or official figures.

        A run judged on submitted figures mixes every agency's unapproved work, so only
        those who see all of it (planners, admins) see such a run; only they re-judge.
        """
        from plantrack.plans.models import Plan

        if action != Action.VIEW:
            return self.none()
        runs = self.filter(plan__in=Plan.objects.for_user(permissions.user))
        return runs.exclude(figures=Figures.SUBMITTED)


class AssessmentQuerySet(RestrictedQuerySet["Assessment"]):
    def restrict(self, permissions: Permissions, action: Action) -> "AssessmentQuerySet":
        """The assessments of the runs the user may see."""
        if action != Action.VIEW:
            return self.none()
        return self.filter(run__in=AssessmentRun.objects.for_user(permissions.user))


class AssessmentRun(models.Model):
    """One judging of a plan's targets as of a date: a snapshot a report can reproduce."""

    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("quy hoạch, kế hoạch"),
        on_delete=models.CASCADE,
        related_name="assessment_runs",
    )
    as_of = models.DateField(_("tính đến ngày"))
    figures = models.CharField(
        _("số liệu dùng"), max_length=20, choices=Figures, default=Figures.APPROVED
    )
    method = models.CharField(
        _("phương pháp"),
        max_length=20,
        choices=Method,
        blank=True,
        help_text=_("Để trống: phương pháp mặc định của từng loại chỉ tiêu."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chạy"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("thời điểm chạy"), auto_now_add=True)

    objects = AssessmentRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt đánh giá")
        verbose_name_plural = _("lượt đánh giá")
        ordering = ["-created_at", "-id"]
        indexes = [
            # "The latest run of a plan" (pages, reports).
            models.Index(fields=["plan", "-created_at"], name="assessmentrun_plan_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.code} @ {self.as_of:%Y-%m-%d}"


class Assessment(Explained, models.Model):
    """The judgement of one target in a run, with the components to redo it."""

    run = models.ForeignKey(
        AssessmentRun,
        verbose_name=_("lượt đánh giá"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    target = models.ForeignKey(
        "plans.Target",
        verbose_name=_("chỉ tiêu"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="assessments",
        null=True,
        blank=True,
    )
    status = models.CharField(_("kết quả"), max_length=20, choices=Status)
    score = models.FloatField(_("điểm (0–1)"), null=True, blank=True)
    actual_rate = models.FloatField(_("tốc độ thực hiện"), null=True, blank=True)
    required_rate = models.FloatField(_("tốc độ yêu cầu"), null=True, blank=True)
    ratio = models.FloatField(_("tỷ lệ thực hiện/yêu cầu"), null=True, blank=True)
    projected_value = models.FloatField(_("giá trị dự báo năm mục tiêu"), null=True, blank=True)
    gap = models.FloatField(_("khoảng cách đến mục tiêu"), null=True, blank=True)
    years_of_data = models.PositiveSmallIntegerField(_("số năm có số liệu"), default=0)
    required_rate_remaining = models.FloatField(
        _("tốc độ cần đạt những năm còn lại"), null=True, blank=True
    )
    method = models.CharField(_("phương pháp"), max_length=60)
    components = models.JSONField(_("thành phần tính toán"), default=dict)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết quả đánh giá chỉ tiêu")
        verbose_name_plural = _("kết quả đánh giá chỉ tiêu")
        ordering = ["run", "target__order", "target_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "target"],
                name="assessment_one_per_target_per_run",
                violation_error_message=_(
                    "Mỗi chỉ tiêu chỉ có một kết quả trong một lượt đánh giá."
                ),
            ),
            models.CheckConstraint(
                name="assessment_score_in_unit_interval",
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=1),
                violation_error_message=_("Điểm đánh giá phải nằm trong khoảng 0–1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.get_status_display()}"


class OfVisibleTargets(RestrictedQuerySet[_M]):
    """Rows about targets (judgements, their history): seen with the targets the user may
    see; written only by the re-judging, so never changed or approved by a user."""

    def restrict(self, permissions: Permissions, action: Action) -> Self:
        from plantrack.plans.models import Target

        if action != Action.VIEW:
            return self.none()
        return self.filter(target__in=Target.objects.for_user(permissions.user))


class JudgementQuerySet(OfVisibleTargets["Judgement"]):
    """The judgements of the targets the user may see."""


class Judgement(Explained, models.Model):
    """The current judgement of one target: always on the approved figures, kept current.

    Every change to a figure or a target re-judges the targets that depend on it
    (``progress.live``), in the same transaction, so a page, the API and the report agree
    with the approved figures. ``figures`` lists the observations it used as
    ``[[id, version], …]``, so "is this current?" is a check (``live.stale_judgements``).
    Derived data: the foreign keys carry no database constraint (a national re-judge writes
    100,000 rows, and PostgreSQL would check each key at commit); Django's cascade still
    deletes a target's judgement with it.
    """

    target = models.OneToOneField(
        "plans.Target",
        verbose_name=_("chỉ tiêu"),
        on_delete=models.CASCADE,
        related_name="judgement",
        db_constraint=False,
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("quy hoạch, kế hoạch"),
        on_delete=models.CASCADE,
        related_name="judgements",
        db_constraint=False,
        db_index=False,  # judgement_plan_idx below
    )
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.DO_NOTHING,
        related_name="+",
        null=True,
        blank=True,
        db_constraint=False,
        db_index=False,
    )
    as_of = models.DateField(_("tính đến ngày"))
    status = models.CharField(_("kết quả"), max_length=20, choices=Status)
    score = models.FloatField(_("điểm (0–1)"), null=True, blank=True)
    actual_rate = models.FloatField(_("tốc độ thực hiện"), null=True, blank=True)
    required_rate = models.FloatField(_("tốc độ yêu cầu"), null=True, blank=True)
    ratio = models.FloatField(_("tỷ lệ thực hiện/yêu cầu"), null=True, blank=True)
    projected_value = models.FloatField(_("giá trị dự báo năm mục tiêu"), null=True, blank=True)
    gap = models.FloatField(_("khoảng cách đến mục tiêu"), null=True, blank=True)
    years_of_data = models.PositiveSmallIntegerField(_("số năm có số liệu"), default=0)
    required_rate_remaining = models.FloatField(
        _("tốc độ cần đạt những năm còn lại"), null=True, blank=True
    )
    method = models.CharField(_("phương pháp"), max_length=60)
    components = models.JSONField(_("thành phần tính toán"), default=dict)
    figures = models.JSONField(_("số liệu đã dùng [[mã, phiên bản], …]"), default=list)
    digest = models.CharField(_("mã tóm tắt"), max_length=32)
    basis = models.CharField(
        _("mã tóm tắt dữ liệu đầu vào"),
        max_length=32,
        default="",
        help_text=_(
            "Chỉ tiêu, số liệu đã dùng và mã tính toán: giống nhau thì không cần tính lại."
        ),
    )
    judged_at = models.DateTimeField(_("thời điểm đánh giá"))

    objects = JudgementQuerySet.as_manager()

    class Meta:
        verbose_name = _("đánh giá hiện hành")
        verbose_name_plural = _("đánh giá hiện hành")
        ordering = ["plan", "target_id"]
        indexes = [
            # "The judgements of a plan" (the full re-judge, the API's plan filter).
            models.Index(fields=["plan"], name="judgement_plan_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.get_status_display()} @ {self.as_of:%Y-%m-%d}"


class JudgementChangeQuerySet(OfVisibleTargets["JudgementChange"]):
    """The history of the targets the user may see."""


class JudgementChange(models.Model):
    """One step of a target's judgement history: written only when the judgement changed.

    The sequence of a target's rows shows how its status moved as figures arrived and were
    revised; ``cause`` says what set the re-judging off (a figure, the target, a sweep of
    the whole plan).
    """

    target = models.ForeignKey(
        "plans.Target",
        verbose_name=_("chỉ tiêu"),
        on_delete=models.CASCADE,
        related_name="judgement_changes",
        db_constraint=False,
        db_index=False,  # judgementchange_target_idx below
    )
    as_of = models.DateField(_("tính đến ngày"))
    status = models.CharField(_("kết quả"), max_length=20, choices=Status)
    score = models.FloatField(_("điểm (0–1)"), null=True, blank=True)
    figures = models.JSONField(_("số liệu đã dùng [[mã, phiên bản], …]"), default=list)
    cause = models.CharField(_("nguyên nhân"), max_length=10, choices=Cause)
    cause_figure = models.ForeignKey(
        "observations.Observation",
        verbose_name=_("số liệu gây thay đổi"),
        on_delete=models.DO_NOTHING,
        related_name="+",
        null=True,
        blank=True,
        db_constraint=False,
        db_index=False,
    )
    cause_target = models.ForeignKey(
        "plans.Target",
        verbose_name=_("chỉ tiêu gây thay đổi"),
        on_delete=models.DO_NOTHING,
        related_name="+",
        null=True,
        blank=True,
        db_constraint=False,
        db_index=False,
    )
    at = models.DateTimeField(_("thời điểm"))

    objects = JudgementChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch sử đánh giá")
        verbose_name_plural = _("lịch sử đánh giá")
        ordering = ["target_id", "at", "id"]
        indexes = [
            # "How did this target's status move?" (the target's history, in order).
            models.Index(fields=["target", "at"], name="judgementchange_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.get_status_display()} @ {self.at:%Y-%m-%d %H:%M}"
