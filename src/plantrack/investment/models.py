from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from plantrack.accounts.permissions import WRITING_ROLES, Action, RestrictedQuerySet
from plantrack.investment.choices import CapitalSourceKind, PipelineStatus, ProjectKind


class ProjectQuerySet(RestrictedQuerySet["Project"]):
    public_view = True

    def restrict(self, permissions, action) -> "ProjectQuerySet":
        """View: every project (the priority list is public). Change (capital, progress):
        the projects the user's agencies lead, as reporter or approver; a viewer reads."""
        if action == Action.VIEW:
            return self
        if action == Action.CHANGE:
            return self.filter(lead_agency_id__in=permissions.agency_ids(*WRITING_ROLES))
        return self.none()


class Project(models.Model):
    """A priority investment project of the plan: where, by whom, how much, how far."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.TextField(_("tên dự án"))
    sector = models.CharField(_("ngành, lĩnh vực"), max_length=120, blank=True)
    kind = models.CharField(_("hình thức đầu tư"), max_length=30, choices=ProjectKind)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("quy hoạch, kế hoạch"),
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
    )
    section = models.ForeignKey(
        "plans.PlanSection",
        verbose_name=_("mục"),
        on_delete=models.SET_NULL,
        related_name="projects",
        null=True,
        blank=True,
    )
    investor = models.CharField(_("chủ đầu tư, nhà đầu tư"), max_length=300, blank=True)
    lead_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
    )
    total_investment = models.DecimalField(
        _("tổng mức đầu tư (đồng)"), max_digits=20, decimal_places=0, null=True, blank=True
    )
    start_year = models.PositiveSmallIntegerField(_("năm khởi công"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("năm hoàn thành"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=30, choices=PipelineStatus, default=PipelineStatus.PROPOSED
    )
    source = models.TextField(_("nguồn"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    illustrative_fields = models.JSONField(
        _("thông tin minh họa"),
        default=list,
        blank=True,
        help_text=_("Các trường do bản minh họa gán, không có trong văn bản công bố."),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("dự án")
        verbose_name_plural = _("dự án")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                name="project_years_ordered",
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                violation_error_message=_("Năm hoàn thành phải không trước năm khởi công."),
            ),
            models.CheckConstraint(
                name="project_investment_not_negative",
                condition=Q(total_investment__isnull=True) | Q(total_investment__gte=0),
                violation_error_message=_("Tổng mức đầu tư không được âm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name[:80]}"


class ProjectLocation(models.Model):
    """Where a project is: an administrative unit, with optional coordinates."""

    project = models.ForeignKey(
        Project, verbose_name=_("dự án"), on_delete=models.CASCADE, related_name="locations"
    )
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="project_locations",
    )
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("địa điểm dự án")
        verbose_name_plural = _("địa điểm dự án")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "unit"],
                name="projectlocation_unique_unit",
                violation_error_message=_("Địa điểm này đã có trong dự án."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.code} @ {self.unit}"


class CapitalSource(models.Model):
    """Part of a project's total investment from one source of capital."""

    project = models.ForeignKey(
        Project, verbose_name=_("dự án"), on_delete=models.CASCADE, related_name="capital_sources"
    )
    kind = models.CharField(_("nguồn vốn"), max_length=30, choices=CapitalSourceKind)
    amount = models.DecimalField(
        _("số vốn (đồng)"), max_digits=20, decimal_places=0, null=True, blank=True
    )

    class Meta:
        verbose_name = _("nguồn vốn")
        verbose_name_plural = _("nguồn vốn")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind"],
                name="capitalsource_unique_kind",
                violation_error_message=_("Nguồn vốn này đã có trong dự án."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.get_kind_display()}"


class ProjectFinance(models.Model):
    """A project's capital in one year: planned, allocated and disbursed (đồng).

    The disbursement rate is derived (``disbursement_rate``): disbursed over allocated.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("dự án"), on_delete=models.CASCADE, related_name="finances"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    planned = models.DecimalField(
        _("kế hoạch vốn"), max_digits=20, decimal_places=0, null=True, blank=True
    )
    allocated = models.DecimalField(
        _("vốn đã giao"), max_digits=20, decimal_places=0, null=True, blank=True
    )
    disbursed = models.DecimalField(
        _("vốn đã giải ngân"), max_digits=20, decimal_places=0, null=True, blank=True
    )
    as_of = models.DateField(_("số liệu đến ngày"), null=True, blank=True)
    source = models.TextField(_("nguồn"), blank=True)

    class Meta:
        verbose_name = _("vốn theo năm")
        verbose_name_plural = _("vốn theo năm")
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"],
                name="projectfinance_one_row_a_year",
                violation_error_message=_("Dự án đã có số vốn của năm này."),
            ),
            models.CheckConstraint(
                name="projectfinance_not_negative",
                condition=(Q(planned__isnull=True) | Q(planned__gte=0))
                & (Q(allocated__isnull=True) | Q(allocated__gte=0))
                & (Q(disbursed__isnull=True) | Q(disbursed__gte=0)),
                violation_error_message=_("Số vốn không được âm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.code} {self.year}"

    @property
    def disbursement_rate(self) -> float | None:
        """Return disbursed over allocated in %, or None when either is unknown or zero."""
        if not self.allocated or self.disbursed is None:
            return None
        return float(self.disbursed / self.allocated * 100)


class ProjectUpdate(models.Model):
    """A progress report on a project: what happened, the new pipeline status."""

    project = models.ForeignKey(
        Project, verbose_name=_("dự án"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("ngày"))
    text = models.TextField(_("nội dung"))
    new_status = models.CharField(
        _("tình trạng mới"), max_length=30, choices=PipelineStatus, blank=True
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
        verbose_name = _("cập nhật dự án")
        verbose_name_plural = _("cập nhật dự án")
        ordering = ["project", "-date", "-id"]

    def __str__(self) -> str:
        return f"{self.project.code} {self.date:%Y-%m-%d}"
