from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from plantrack.accounts.permissions import RestrictedQuerySet
from plantrack.extraction.choices import CandidateKind, ReviewState
from plantrack.plans.choices import Comparator


class ExtractionRunQuerySet(RestrictedQuerySet["ExtractionRun"]):
    def restrict(self, permissions, action) -> "ExtractionRunQuerySet":
        """Runs are reviewed by planners and admins only; anyone else sees none (the review
        screen answers 404 to them)."""
        return self.none()


class ExtractionRun(models.Model):
    """One reading of a decision's file: its text, who uploaded it, and the candidate
    targets found in it, kept so that the review survives a reload and an import can be
    traced to the file it came from."""

    file_name = models.CharField(_("tên tệp"), max_length=255)
    checksum = models.CharField(_("mã băm SHA-256"), max_length=64)
    text = models.TextField(_("nội dung văn bản"))
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("nhập vào quy hoạch, kế hoạch"),
        on_delete=models.SET_NULL,
        related_name="extraction_runs",
        null=True,
        blank=True,
    )
    source = models.CharField(
        _("nguồn ghi cho chỉ tiêu"),
        max_length=300,
        blank=True,
        help_text=_("Văn bản ghi vào trường “nguồn” của chỉ tiêu khi nhập, ví dụ số quyết định."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.SET_NULL,
        related_name="extraction_runs",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    objects = ExtractionRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần đọc văn bản")
        verbose_name_plural = _("lần đọc văn bản")
        ordering = ["-created_at", "-id"]
        indexes = [
            # `plantrack extract FILE --apply` finds the reviewed run of a file by checksum.
            models.Index(fields=["checksum"], name="extraction_run_checksum"),
        ]

    def __str__(self) -> str:
        return self.file_name


class Candidate(models.Model):
    """A target the extractor proposed in a run, with its review.

    The fields hold the values as reviewed (the extractor's at first); ``extracted``
    keeps what the extractor said, unchanged, so an edit can be seen and the extractor
    scored on real reviews later.
    """

    run = models.ForeignKey(
        ExtractionRun,
        verbose_name=_("lần đọc"),
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    order = models.PositiveIntegerField(_("thứ tự"))
    span_start = models.PositiveIntegerField(_("vị trí đầu"))
    span_end = models.PositiveIntegerField(_("vị trí cuối"))
    indicator_text = models.TextField(_("chỉ số như trong văn bản"))
    indicator = models.ForeignKey(
        "plans.Indicator",
        verbose_name=_("chỉ số"),
        on_delete=models.PROTECT,
        related_name="extraction_candidates",
        null=True,
        blank=True,
    )
    match_confidence = models.FloatField(_("độ tin cậy khi ghép chỉ số"), default=0)
    new_indicator_code = models.SlugField(_("mã chỉ số mới"), max_length=60, blank=True)
    new_indicator_name = models.CharField(_("tên chỉ số mới"), max_length=300, blank=True)
    kind = models.CharField(_("loại chỉ tiêu"), max_length=20, choices=CandidateKind)
    comparator = models.CharField(_("so sánh"), max_length=2, choices=Comparator, blank=True)
    value = models.DecimalField(
        _("giá trị"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    upper_value = models.DecimalField(
        _("giá trị cận trên"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    unit = models.CharField(_("đơn vị"), max_length=60, blank=True)
    scale = models.DecimalField(_("hệ số quy đổi"), max_digits=24, decimal_places=6, default=1)
    period_start = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("năm mục tiêu"), null=True, blank=True)
    scope = models.CharField(_("phạm vi ghi trong văn bản"), max_length=200, blank=True)
    confidence = models.FloatField(_("độ tin cậy"))
    extracted = models.JSONField(_("đề xuất ban đầu"), default=dict)
    state = models.CharField(
        _("trạng thái rà soát"),
        max_length=20,
        choices=ReviewState,
        default=ReviewState.PENDING,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người rà soát"),
        on_delete=models.SET_NULL,
        related_name="reviewed_candidates",
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(_("thời điểm rà soát"), null=True, blank=True)
    target = models.ForeignKey(
        "plans.Target",
        verbose_name=_("chỉ tiêu đã nhập"),
        on_delete=models.SET_NULL,
        related_name="extraction_candidates",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("chỉ tiêu đề xuất")
        verbose_name_plural = _("chỉ tiêu đề xuất")
        ordering = ["run", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "order"],
                name="candidate_unique_order",
                violation_error_message=_("Mỗi chỉ tiêu đề xuất có một thứ tự riêng."),
            ),
            models.CheckConstraint(
                name="candidate_span_ordered",
                condition=Q(span_end__gte=F("span_start")),
                violation_error_message=_("Vị trí cuối phải không trước vị trí đầu."),
            ),
            models.CheckConstraint(
                name="candidate_range_ordered",
                condition=Q(upper_value__isnull=True)
                | (Q(value__isnull=False) & Q(upper_value__gte=F("value"))),
                violation_error_message=_("Cận trên của khoảng phải không nhỏ hơn giá trị."),
            ),
            models.CheckConstraint(
                name="candidate_years_ordered",
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                violation_error_message=_("Năm kết thúc phải không trước năm bắt đầu."),
            ),
            models.CheckConstraint(
                name="candidate_accepted_names_indicator",
                condition=~Q(state=ReviewState.ACCEPTED)
                | Q(kind=CandidateKind.QUALITATIVE)
                | Q(indicator__isnull=False)
                | ~Q(new_indicator_code=""),
                violation_error_message=_(
                    "Chỉ tiêu được chấp nhận phải gắn với một chỉ số có sẵn hoặc một chỉ số mới."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.indicator_text[:120]

    @property
    def phrase(self) -> str:
        """Return the exact text of the candidate's span in its run's text."""
        return self.run.text[self.span_start : self.span_end]
