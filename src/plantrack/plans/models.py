from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from plantrack.accounts.permissions import Action, RestrictedQuerySet
from plantrack.plans.choices import (
    Aggregation,
    Comparator,
    Direction,
    Frequency,
    PlanKind,
    PlanStatus,
    SectionKind,
    Sector,
    SeriesMeasure,
    TargetKind,
    ValueType,
)

TARGET_OUTSIDE_PLAN_MESSAGE = _(
    "Năm của chỉ tiêu phải nằm trong thời kỳ của quy hoạch, kế hoạch (hoặc đến năm tầm nhìn)."
)


class PlanQuerySet(RestrictedQuerySet["Plan"]):
    def restrict(self, permissions, action) -> "PlanQuerySet":
        """Plans are public once adopted; drafts, and every change, are the planners'."""
        if action == Action.VIEW:
            return self.exclude(status=PlanStatus.DRAFT)
        return self.none()


class PlanSectionQuerySet(RestrictedQuerySet["PlanSection"]):
    def restrict(self, permissions, action) -> "PlanSectionQuerySet":
        """The sections of the plans the user may see; changed by planners only."""
        if action == Action.VIEW:
            return self.filter(plan__in=Plan.objects.for_user(permissions.user))
        return self.none()


class Plan(models.Model):
    """An approved plan: a master plan, a five-year or annual plan, a programme.

    Several plans target the same indicator at once and disagree; each target keeps its
    plan, so an indicator shows every commitment with its provenance.
    """

    code = models.CharField(_("mã"), max_length=40, unique=True)
    title = models.CharField(_("tên"), max_length=300)
    title_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)
    kind = models.CharField(_("loại"), max_length=30, choices=PlanKind)
    decision = models.CharField(_("số quyết định, nghị quyết"), max_length=200, blank=True)
    decision_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    period_start = models.PositiveSmallIntegerField(_("từ năm"))
    period_end = models.PositiveSmallIntegerField(_("đến năm"))
    vision_year = models.PositiveSmallIntegerField(_("tầm nhìn đến năm"), null=True, blank=True)
    scope_unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("phạm vi"),
        on_delete=models.PROTECT,
        related_name="plans",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=PlanStatus, default=PlanStatus.DRAFT
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("điều chỉnh, cụ thể hóa"),
        on_delete=models.PROTECT,
        related_name="amendments",
        null=True,
        blank=True,
    )
    sources = models.JSONField(_("nguồn"), default=list, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy hoạch, kế hoạch")
        verbose_name_plural = _("quy hoạch, kế hoạch")
        ordering = ["period_start", "code"]
        constraints = [
            models.CheckConstraint(
                name="plan_period_ordered",
                condition=Q(period_end__gte=F("period_start")),
                violation_error_message=_("Năm kết thúc phải không trước năm bắt đầu."),
            ),
            models.CheckConstraint(
                name="plan_vision_after_period",
                condition=Q(vision_year__isnull=True) | Q(vision_year__gte=F("period_end")),
                violation_error_message=_("Năm tầm nhìn phải không trước năm kết thúc thời kỳ."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def last_year(self) -> int:
        """Return the last year a target of this plan may aim at (the vision year if any)."""
        return max(self.period_end, self.vision_year or self.period_end)


class PlanSection(models.Model):
    """A part of a plan's own tree, so the plan reads as the decision reads."""

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("quy hoạch, kế hoạch"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("mục cha"),
        on_delete=models.CASCADE,
        related_name="children",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("loại"), max_length=30, choices=SectionKind)
    number = models.CharField(_("số mục"), max_length=20, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=300)
    title_en = models.CharField(_("tiêu đề tiếng Anh"), max_length=300, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    source = models.TextField(_("nguồn"), blank=True)

    objects = PlanSectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục của quy hoạch")
        verbose_name_plural = _("mục của quy hoạch")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class IndicatorQuerySet(RestrictedQuerySet["Indicator"]):
    """Indicators are public (what is measured); the registry is changed by planners only."""

    public_view = True


class Indicator(models.Model):
    """What is measured: GRDP growth, the multidimensional poverty rate, a PCI rank."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=300)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)
    unit = models.CharField(_("đơn vị tính"), max_length=60, blank=True)
    definition = models.TextField(_("định nghĩa"), blank=True)
    source = models.TextField(_("nguồn số liệu"), blank=True)
    owner = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.PROTECT,
        related_name="indicators",
        null=True,
        blank=True,
    )
    owner_is_illustrative = models.BooleanField(
        _("phân công minh họa"),
        default=False,
        help_text=_("Cơ quan chủ trì do bản minh họa gán, không phải theo văn bản công bố."),
    )
    sector = models.CharField(
        _("lĩnh vực"),
        max_length=20,
        choices=Sector,
        blank=True,
        help_text=_("Nhóm chỉ tiêu của quy hoạch: kinh tế, xã hội, môi trường…"),
    )
    frequency = models.CharField(
        _("kỳ báo cáo"), max_length=20, choices=Frequency, default=Frequency.ANNUAL
    )
    value_type = models.CharField(
        _("kiểu giá trị"), max_length=20, choices=ValueType, default=ValueType.NUMBER
    )
    direction = models.CharField(
        _("chiều tiến bộ"), max_length=20, choices=Direction, default=Direction.INCREASE
    )
    aggregation = models.CharField(
        _("cách cộng gộp"), max_length=20, choices=Aggregation, default=Aggregation.SUM
    )
    formula = models.CharField(
        _("công thức"),
        max_length=200,
        blank=True,
        help_text=_("Biểu thức trên mã các chỉ số khác, ví dụ: grdp_current / population"),
    )
    weight = models.ForeignKey(
        "self",
        verbose_name=_("chỉ số trọng số"),
        on_delete=models.PROTECT,
        related_name="weighted_indicators",
        null=True,
        blank=True,
        help_text=_("Với trung bình có trọng số: ví dụ số hộ cho tỷ lệ hộ nghèo."),
    )
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=2)
    min_value = models.DecimalField(
        _("giá trị nhỏ nhất"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("giá trị lớn nhất"), max_digits=24, decimal_places=6, null=True, blank=True
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = _("chỉ số")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                name="indicator_range_ordered",
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=F("min_value")),
                violation_error_message=_("Giá trị lớn nhất phải không nhỏ hơn giá trị nhỏ nhất."),
            ),
            models.CheckConstraint(
                name="indicator_weight_when_weighted_mean",
                condition=~Q(aggregation=Aggregation.WEIGHTED_MEAN) | Q(weight__isnull=False),
                violation_error_message=_(
                    "Chỉ số trung bình có trọng số phải chỉ rõ chỉ số trọng số."
                ),
            ),
            models.CheckConstraint(
                name="indicator_formula_when_aggregated_by_formula",
                condition=~Q(aggregation=Aggregation.FORMULA) | ~Q(formula=""),
                violation_error_message=_("Chỉ số cộng gộp theo công thức phải có công thức."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TargetQuerySet(RestrictedQuerySet["Target"]):
    def restrict(self, permissions, action) -> "TargetQuerySet":
        """The targets of the plans the user may see; changed by planners only."""
        if action == Action.VIEW:
            return self.filter(plan__in=Plan.objects.for_user(permissions.user))
        return self.none()

    def current(self) -> "TargetQuerySet":
        """Return the targets in force: those no later revision has replaced."""
        # NOT EXISTS uses the supersedes index; a LEFT JOIN made SQLite build a temporary
        # index on every query (bench/assess.py).
        return self.exclude(Exists(Target.objects.filter(supersedes=OuterRef("pk"))))


class Target(models.Model):
    """A commitment on an indicator for a scope unit, with the decision's own words.

    Kinds follow DESIGN.md: ``level`` (reach ≥/≤/≈ V by year Y), ``average_growth``,
    ``annual_change`` (e.g. −4 percentage points a year), ``cumulative`` (sum over the
    period), ``maintain`` (every year) and ``qualitative`` (judged with evidence). A range
    ("75–80 triệu đồng") is ``~`` with ``value`` and ``upper_value``. A revised target is a
    new row that ``supersedes`` the old one: both versions stand.
    """

    # Set by the queries of pages that show revised targets (web.services): True when a
    # later revision replaces this one. Not a column.
    replaced: bool

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("quy hoạch, kế hoạch"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    section = models.ForeignKey(
        PlanSection,
        verbose_name=_("mục"),
        on_delete=models.SET_NULL,
        related_name="targets",
        null=True,
        blank=True,
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("chỉ số"),
        on_delete=models.PROTECT,
        related_name="targets",
        null=True,
        blank=True,
    )
    scope_unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("phạm vi"),
        on_delete=models.PROTECT,
        related_name="targets",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("loại chỉ tiêu"), max_length=20, choices=TargetKind)
    measure = models.CharField(
        _("chuỗi số liệu là"),
        max_length=20,
        choices=SeriesMeasure,
        blank=True,
        help_text=_(
            "Với chỉ tiêu tăng trưởng bình quân: chuỗi là giá trị tuyệt đối hay tốc độ tăng."
        ),
    )
    comparator = models.CharField(_("so sánh"), max_length=2, choices=Comparator, blank=True)
    value = models.DecimalField(
        _("giá trị"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    upper_value = models.DecimalField(
        _("giá trị cận trên"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    tolerance = models.DecimalField(
        _("dung sai của “khoảng”"),
        max_digits=24,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Với “khoảng”: sai lệch còn coi là đạt, cùng đơn vị với giá trị."),
    )
    unit = models.CharField(_("đơn vị"), max_length=60, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("giá trị năm gốc"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    start_year = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("năm mục tiêu"))
    phrase = models.TextField(_("nguyên văn trong văn bản"))
    source = models.TextField(_("nguồn"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("điều chỉnh chỉ tiêu"),
        on_delete=models.PROTECT,
        related_name="revisions",
        null=True,
        blank=True,
    )
    adopted_on = models.DateField(_("ngày thông qua"), null=True, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "order", "id"]
        constraints = [
            models.CheckConstraint(
                name="target_indicator_unless_qualitative",
                condition=Q(kind=TargetKind.QUALITATIVE) | Q(indicator__isnull=False),
                violation_error_message=_("Chỉ tiêu định lượng phải gắn với một chỉ số."),
            ),
            models.CheckConstraint(
                name="target_value_unless_qualitative",
                condition=Q(kind=TargetKind.QUALITATIVE)
                | (Q(value__isnull=False) & ~Q(comparator="")),
                violation_error_message=_("Chỉ tiêu định lượng phải có phép so sánh và giá trị."),
            ),
            models.CheckConstraint(
                name="target_range_ordered",
                condition=Q(upper_value__isnull=True)
                | (Q(value__isnull=False) & Q(upper_value__gte=F("value"))),
                violation_error_message=_("Cận trên của khoảng phải không nhỏ hơn giá trị."),
            ),
            models.CheckConstraint(
                name="target_years_ordered",
                condition=Q(start_year__isnull=True) | Q(target_year__gte=F("start_year")),
                violation_error_message=_("Năm mục tiêu phải không trước năm bắt đầu."),
            ),
            models.CheckConstraint(
                name="target_period_kinds_have_start",
                condition=~Q(
                    kind__in=[
                        TargetKind.AVERAGE_GROWTH,
                        TargetKind.ANNUAL_CHANGE,
                        TargetKind.CUMULATIVE,
                        TargetKind.MAINTAIN,
                    ]
                )
                | Q(start_year__isnull=False),
                violation_error_message=_("Chỉ tiêu theo thời kỳ phải có năm bắt đầu."),
            ),
            models.CheckConstraint(
                name="target_not_own_revision",
                condition=~Q(supersedes=F("id")),
                violation_error_message=_("Một chỉ tiêu không thể điều chỉnh chính nó."),
            ),
            # The years-inside-the-plan rule spans two tables, so it is a trigger: see
            # plans/migrations/0002_target_years_inside_plan_period.py.
        ]

    def __str__(self) -> str:
        return self.phrase[:120]

    def clean(self) -> None:
        """Refuse years outside the plan's period here too, with the form's own message."""
        super().clean()
        if self.plan_id is None or self.target_year is None:
            return
        plan = self.plan
        first = self.start_year if self.start_year is not None else self.target_year
        if first < plan.period_start or self.target_year > plan.last_year:
            raise ValidationError({"target_year": TARGET_OUTSIDE_PLAN_MESSAGE})


def find_plan(text: str) -> Plan | None:
    return Plan.objects.filter(code__iexact=text.strip()).first()
