from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plantrack.accounts.permissions import RestrictedQuerySet
from plantrack.reports.choices import ReportFormat, ReportKind, ReportLanguage, RunState


class ReportRunQuerySet(RestrictedQuerySet["ReportRun"]):
    def restrict(self, permissions, action) -> "ReportRunQuerySet":
        """Reports are drafted by the planning office: planners and admins only (the base
        answers them); nobody else sees a draft."""
        return self.none()


class ReportRun(models.Model):
    """One generation of the plan-implementation evaluation report ("báo cáo đánh giá thực
    hiện quy hoạch"): who asked, when, as of which date, which figures it used, its files.

    The figures are the (observation id, version) pairs the report cites, so a reader can
    check that a report reproduces what was known at its as-of date.
    """

    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("quy hoạch, kế hoạch"),
        on_delete=models.PROTECT,
        related_name="report_runs",
    )
    kind = models.CharField(_("loại đánh giá"), max_length=20, choices=ReportKind)
    as_of = models.DateField(_("tính đến ngày"))
    year = models.PositiveSmallIntegerField(_("năm đánh giá"), null=True, blank=True)
    language = models.CharField(
        _("ngôn ngữ"), max_length=5, choices=ReportLanguage, default=ReportLanguage.VI
    )
    formats = models.JSONField(_("định dạng"), default=list)
    state = models.CharField(
        _("tình trạng"), max_length=20, choices=RunState, default=RunState.PENDING
    )
    step = models.CharField(_("bước đang làm"), max_length=200, blank=True)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    figures = models.JSONField(_("số liệu sử dụng"), default=list, blank=True)
    digest = models.CharField(_("mã băm nội dung"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("thời điểm yêu cầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)

    objects = ReportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt lập báo cáo đánh giá")
        verbose_name_plural = _("lượt lập báo cáo đánh giá")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="report_run_percent_at_most_100",
                condition=Q(percent__lte=100),
                violation_error_message=_("Tiến độ không quá 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.as_of:%d/%m/%Y} ({self.kind})"

    @property
    def is_finished(self) -> bool:
        return self.state in (RunState.DONE, RunState.FAILED)


def report_file_path(instance: "ReportFile", filename: str) -> str:
    # One folder a run: the files of two runs never overwrite each other.
    return f"reports/{instance.run_id}/{filename}"


class ReportFile(models.Model):
    """A file a run made: the DOCX, XLSX, PDF or the publication package (a ZIP)."""

    run = models.ForeignKey(
        ReportRun, verbose_name=_("lượt lập"), on_delete=models.CASCADE, related_name="files"
    )
    format = models.CharField(_("định dạng"), max_length=10, choices=ReportFormat)
    file = models.FileField(_("tệp"), upload_to=report_file_path, max_length=200)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("tệp báo cáo")
        verbose_name_plural = _("tệp báo cáo")
        ordering = ["run", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "format"],
                name="report_file_one_per_format",
                violation_error_message=_("Mỗi lượt lập chỉ có một tệp mỗi định dạng."),
            ),
        ]

    def __str__(self) -> str:
        return self.file.name


class SourceDocument(models.Model):
    """A published document a figure comes from, as a reader can find it: title, issuer,
    date and link. ``cited_as`` is the source exactly as figures record it (a URL or a
    description), so the report shows the document instead of our own note."""

    cited_as = models.TextField(_("nguồn như số liệu ghi"), unique=True)
    title = models.CharField(_("tên văn bản, bài viết"), max_length=500)
    issuer = models.CharField(_("cơ quan, đơn vị phát hành"), max_length=300, blank=True)
    date = models.CharField(
        _("ngày phát hành"),
        max_length=20,
        blank=True,
        help_text=_("Như nguồn ghi: 24/11/2023, 12/2024 hoặc 2024; để trống nếu không rõ."),
    )
    link = models.URLField(_("địa chỉ"), max_length=500, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("văn bản nguồn")
        verbose_name_plural = _("văn bản nguồn")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
