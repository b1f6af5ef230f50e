import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from plantrack.geo.choices import UnitLevel

# The day the two-tier local government took effect (Vietnam's 2025 reform): districts
# ended and merged communes began. Used by the loader and by tests.
REFORM_DATE = datetime.date(2025, 7, 1)


class AdminUnitQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> "AdminUnitQuerySet":
        """Return the units that existed on ``day`` (open-ended periods included)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class AdminUnit(models.Model):
    """An administrative unit with its official GSO code, valid for a period.

    Units are temporal: on 1 July 2025 Vietnam abolished districts and merged communes,
    and a new commune often took the code of one of the old ones it was formed from. So a
    code alone does not name a unit; (code, valid_from) does. Always refer to units by
    code, never by name: several Cao Bằng communes share a name.
    """

    code = models.CharField(_("mã đơn vị hành chính"), max_length=10)
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại đơn vị"), max_length=40, blank=True)
    level = models.CharField(_("cấp"), max_length=20, choices=UnitLevel)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("diện tích (km²)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    geometry = models.JSONField(_("ranh giới (GeoJSON)"), null=True, blank=True)
    source = models.TextField(_("nguồn"), blank=True)

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "level", "valid_from"],
                name="adminunit_unique_code_per_period",
                violation_error_message=_("Đã có đơn vị hành chính với mã này trong thời kỳ này."),
            ),
            # NULLs are distinct in a unique index, so units valid "since ever" need their own.
            models.UniqueConstraint(
                fields=["code", "level"],
                condition=Q(valid_from__isnull=True),
                name="adminunit_unique_code_open_start",
                violation_error_message=_("Đã có đơn vị hành chính với mã này trong thời kỳ này."),
            ),
            models.CheckConstraint(
                name="adminunit_valid_period_ordered",
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                violation_error_message=_(
                    "Ngày hết hiệu lực phải không trước ngày bắt đầu hiệu lực."
                ),
            ),
        ]
        indexes = [
            # Import and API look units up by code (then pick the one valid at the period).
            models.Index(fields=["code"], name="adminunit_code_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def is_valid_on(self, day: datetime.date) -> bool:
        """Return True if the unit existed on ``day``."""
        starts = self.valid_from is None or self.valid_from <= day
        ends = self.valid_to is None or day <= self.valid_to
        return starts and ends


class UnitSuccession(models.Model):
    """An old unit's part in a new one: old → new with a weight, from a date.

    A whole-unit merge has weight 1. When an old commune was split, its weights over the
    new communes add up to 1, so old figures can be re-aggregated onto current units.
    """

    predecessor = models.ForeignKey(
        AdminUnit,
        verbose_name=_("đơn vị cũ"),
        on_delete=models.CASCADE,
        related_name="successions",
    )
    successor = models.ForeignKey(
        AdminUnit,
        verbose_name=_("đơn vị mới"),
        on_delete=models.CASCADE,
        related_name="predecessions",
    )
    effective_date = models.DateField(_("ngày hiệu lực"))
    weight = models.DecimalField(_("trọng số"), max_digits=6, decimal_places=5, default=1)
    is_default = models.BooleanField(
        _("đơn vị kế thừa chính"),
        default=True,
        help_text=_("Khi đơn vị cũ bị chia, đơn vị mới nhận phần chính (theo nguồn dữ liệu)."),
    )
    source = models.TextField(_("nguồn"), blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị hành chính")
        verbose_name_plural = _("kế thừa đơn vị hành chính")
        ordering = ["predecessor__code", "successor__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="unitsuccession_unique_pair",
                violation_error_message=_("Quan hệ kế thừa này đã có."),
            ),
            models.CheckConstraint(
                name="unitsuccession_weight_in_range",
                condition=Q(weight__gt=0) & Q(weight__lte=1),
                violation_error_message=_("Trọng số phải lớn hơn 0 và không quá 1."),
            ),
            models.CheckConstraint(
                name="unitsuccession_not_self",
                condition=~Q(predecessor=F("successor")),
                violation_error_message=_("Một đơn vị không thể kế thừa chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
