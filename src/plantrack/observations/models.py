import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plantrack.accounts.choices import Role
from plantrack.accounts.permissions import Action, RestrictedQuerySet
from plantrack.observations.choices import (
    FigureStatus,
    FileFormat,
    ImportKind,
    Layout,
    ObligationState,
    RevisionAction,
    RoundState,
    WorkflowState,
)
from plantrack.observations.periods import PeriodError, parse_period

# The fields whose every change is written to the revision history.
TRACKED_FIELDS = (
    "review_note",
    "value",
    "status",
    "state",
    "source",
    "comment",
    "published_on",
    "is_current",
    "unit_id",
    "period",
    "breakdown",
    "indicator_id",
)


class ObservationQuerySet(RestrictedQuerySet["Observation"]):
    def restrict(self, permissions, action) -> "ObservationQuerySet":
        """View: approved figures, plus the work of the user's agencies (as the reporting
        agency or the indicator's owner). Change: the figures the user may report
        (``Permissions.may_report``: reporter of the owner, unit in its remit). Approve:
        the figures of indicators the user's agencies own, as approver."""
        if action == Action.VIEW:
            visible = Q(state=WorkflowState.APPROVED)
            agencies = permissions.agency_ids()
            if agencies:
                visible |= Q(agency_id__in=agencies) | Q(indicator__owner_id__in=agencies)
            return self.filter(visible)
        if action == Action.CHANGE:
            return self.filter(permissions.reports_for("indicator__owner_id", "unit"))
        return self.filter(indicator__owner_id__in=permissions.agency_ids(Role.APPROVER))

    def current(self) -> "ObservationQuerySet":
        """Return the latest vintage of each figure."""
        return self.filter(is_current=True)


class Observation(models.Model):
    """A value of an indicator for a unit and a period: one vintage of a published figure.

    Figures are revised as statistics mature (Cao Bằng's 2023 GRDP growth: 2,24 % estimated
    in December 2023, about 3,73 % in the 2024 report). Each published figure is a row; the
    latest is ``is_current`` and names the one it ``supersedes``. Every change of a row is
    written to ``ObservationRevision`` by ``save()``: nothing changes without a trace. Do not
    use ``QuerySet.update()`` on observations; it bypasses the history.
    """

    indicator = models.ForeignKey(
        "plans.Indicator",
        verbose_name=_("chỉ số"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    period = models.CharField(
        _("kỳ"), max_length=10, help_text=_("2024, 2024Q3, 2024-07 hoặc 2024-03-31")
    )
    breakdown = models.CharField(
        _("phân tổ"),
        max_length=100,
        blank=True,
        default="",
        help_text=_("Để trống cho giá trị tổng; ví dụ: gioi_tinh=nu"),
    )
    value = models.DecimalField(_("giá trị"), max_digits=24, decimal_places=6)
    status = models.CharField(_("tình trạng số liệu"), max_length=20, choices=FigureStatus)
    state = models.CharField(
        _("trạng thái duyệt"), max_length=20, choices=WorkflowState, default=WorkflowState.DRAFT
    )
    source = models.TextField(_("nguồn"))
    comment = models.TextField(_("ghi chú"), blank=True)
    published_on = models.DateField(
        _("ngày công bố"),
        null=True,
        blank=True,
        help_text=_("Khi số liệu được biết đến; dùng để tái hiện số liệu tại một thời điểm."),
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("cơ quan báo cáo"),
        on_delete=models.PROTECT,
        related_name="observations",
        null=True,
        blank=True,
    )
    is_current = models.BooleanField(_("số liệu hiện hành"), default=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("thay cho số liệu"),
        on_delete=models.PROTECT,
        related_name="superseded_by",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)
    updated_at = models.DateTimeField(_("thời điểm sửa"), auto_now=True)
    import_batch = models.ForeignKey(
        "observations.ImportBatch",
        verbose_name=_("lượt nhập"),
        on_delete=models.PROTECT,
        related_name="observations",
        null=True,
        blank=True,
    )
    review_note = models.TextField(
        _("ý kiến khi duyệt"), blank=True, help_text=_("Lý do trả lại, hoặc ghi chú khi duyệt.")
    )
    version = models.PositiveIntegerField(
        _("phiên bản"),
        default=1,
        help_text=_("Tăng mỗi lần sửa; chống ghi đè khi hai người cùng sửa."),
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        ordering = ["indicator", "unit", "period", "breakdown", "-is_current", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period", "breakdown"],
                condition=Q(is_current=True),
                name="observation_one_current_per_key",
                violation_error_message=_(
                    "Đã có số liệu hiện hành cho chỉ số, đơn vị, kỳ và phân tổ này."
                ),
            ),
            models.CheckConstraint(
                name="observation_period_not_blank",
                condition=~Q(period=""),
                violation_error_message=_("Kỳ số liệu không được để trống."),
            ),
            models.CheckConstraint(
                name="observation_source_not_blank",
                condition=~Q(source=""),
                violation_error_message=_("Số liệu phải ghi nguồn."),
            ),
        ]
        indexes = [
            # The home page and the engine read a series: one indicator and unit, by period.
            models.Index(fields=["indicator", "unit", "period"], name="observation_series_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} · {self.unit_id} · {self.period}: {self.value}"

    def save(
        self, *args, changed_by=None, reason: str = "", self_approval: bool = False, **kwargs
    ) -> None:
        """Save and write what changed to the revision history, in one transaction.

        ``self_approval`` marks an approval by the figure's own author (allowed only by
        ``PLANTRACK_ALLOW_SELF_APPROVAL``: an approval, or a figure imported as approved):
        its revision's changes carry ``"self_approval": [false, true]``.
        """
        # The tracked values as last read or written; None when the figure is being created.
        loaded: dict[str, Any] | None = (
            None if self._state.adding else getattr(self, "_loaded", None)
        )
        update_fields = kwargs.get("update_fields")
        # With update_fields only those columns are written, so only they can have changed.
        names = [
            name
            for name in TRACKED_FIELDS
            if update_fields is None or {name, name.removesuffix("_id")} & set(update_fields)
        ]
        if loaded is not None:
            changes = self._changes_since(loaded, names)
            if not changes:
                return
            self.version += 1
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
        with transaction.atomic():
            super().save(*args, **kwargs)
            if loaded is None:
                ObservationRevision.objects.create(
                    observation=self,
                    action=RevisionAction.CREATED,
                    new_value=self.value,
                    changes={"self_approval": [False, True]} if self_approval else {},
                    user=changed_by,
                    reason=reason,
                )
            else:
                superseded = changes.keys() == {"is_current"} and not self.is_current
                if self_approval:
                    changes["self_approval"] = [False, True]
                ObservationRevision.objects.create(
                    observation=self,
                    action=RevisionAction.SUPERSEDED if superseded else RevisionAction.CHANGED,
                    old_value=loaded["value"],
                    new_value=self.value,
                    changes=changes,
                    user=changed_by,
                    reason=reason,
                )
        if loaded is None:
            self._remember_state()
        else:
            loaded.update({name: getattr(self, name) for name in names})

    def _changes_since(self, loaded: dict[str, Any], names: list[str]) -> dict[str, list[Any]]:
        changes = {}
        for name in names:
            old, new = loaded[name], getattr(self, name)
            if isinstance(old, Decimal) or isinstance(new, Decimal):
                same = old is not None and new is not None and Decimal(old) == Decimal(new)
            else:
                same = old == new
            if not same:
                changes[name] = [_jsonable(old), _jsonable(new)]
        return changes

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_state()
        return instance

    def _remember_state(self) -> None:
        self._loaded = {name: getattr(self, name) for name in TRACKED_FIELDS}

    def clean(self) -> None:
        """Check the period's form and that the unit existed during it."""
        super().clean()
        try:
            period = parse_period(self.period)
        except PeriodError as error:
            raise ValidationError({"period": str(error)}) from error
        self.period = period.text
        if self.unit_id is not None:
            unit = self.unit
            starts_ok = unit.valid_from is None or unit.valid_from <= period.end
            ends_ok = unit.valid_to is None or period.start <= unit.valid_to
            if not (starts_ok and ends_ok):
                raise ValidationError(
                    {
                        "unit": _(
                            "Đơn vị %(unit)s không tồn tại trong kỳ %(period)s "
                            "(hiệu lực %(start)s – %(end)s)."
                        )
                        % {
                            "unit": unit,
                            "period": period.text,
                            "start": unit.valid_from or "…",
                            "end": unit.valid_to or "…",
                        }
                    }
                )

    # --- rules that depend on the figure's state (services, pages and the API use these) ---

    @property
    def is_editable(self) -> bool:
        """Return True while the reporter may change the figure: a draft, or returned.

        A submitted figure waits for its approver, who returns it to be corrected; an
        approved one is replaced by a new vintage, never edited.
        """
        return self.state in (WorkflowState.DRAFT, WorkflowState.REJECTED)

    @property
    def is_submittable(self) -> bool:
        """Return True if the figure may be sent for approval (the same states as editing)."""
        return self.is_editable

    @property
    def awaits_review(self) -> bool:
        """Return True if an approver may approve or return the figure now."""
        return self.state == WorkflowState.SUBMITTED


def _jsonable(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        # The same number reads back as 2.35 from SQLite and 2.350000 from PostgreSQL.
        return format(value.normalize(), "f")
    return str(value)


class ObservationRevision(models.Model):
    """One change of an observation: old and new value, what else changed, who, when, why."""

    observation = models.ForeignKey(
        Observation,
        verbose_name=_("số liệu"),
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    action = models.CharField(_("thao tác"), max_length=20, choices=RevisionAction)
    old_value = models.DecimalField(
        _("giá trị cũ"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    new_value = models.DecimalField(
        _("giá trị mới"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    changes = models.JSONField(_("các thay đổi"), default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("lịch sử sửa số liệu")
        verbose_name_plural = _("lịch sử sửa số liệu")
        ordering = ["observation", "at", "id"]

    def __str__(self) -> str:
        return f"{self.observation_id} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class ImportBatchQuerySet(RestrictedQuerySet["ImportBatch"]):
    def restrict(self, permissions, action) -> "ImportBatchQuerySet":
        """The import records a member may see: their own and their agencies'; none for
        anonymous visitors. Records are written by the importer, never changed."""
        if action != Action.VIEW or not permissions.authenticated:
            return self.none()
        return self.filter(Q(user=permissions.user) | Q(agency_id__in=permissions.agency_ids()))


class ImportBatch(models.Model):
    """One written import of a file: who, when, which file (checksum), what it changed.

    Figures, tasks and projects alike (``kind``): the import pipeline
    (``tabular.pipeline.run_import``) opens the record before it writes and closes it with
    the counts, in the same transaction.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.SET_NULL,
        related_name="import_batches",
        null=True,
        blank=True,
    )
    file_name = models.CharField(_("tên tệp"), max_length=255)
    checksum = models.CharField(_("mã băm SHA-256"), max_length=64)
    file_format = models.CharField(_("định dạng"), max_length=10, choices=FileFormat)
    layout = models.CharField(_("bố cục"), max_length=10, choices=Layout)
    kind = models.CharField(
        _("nội dung nhập"), max_length=10, choices=ImportKind, default=ImportKind.FIGURES
    )
    rows = models.PositiveIntegerField(_("số dòng giá trị"), default=0)
    created_count = models.PositiveIntegerField(_("giá trị mới"), default=0)
    changed_count = models.PositiveIntegerField(_("giá trị thay đổi"), default=0)
    unchanged_count = models.PositiveIntegerField(_("giá trị không đổi"), default=0)
    created_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt nhập số liệu")
        verbose_name_plural = _("lượt nhập số liệu")
        ordering = ["-created_at", "-id"]
        indexes = [
            # "Was this file imported before?" (the import report, the extraction --apply).
            models.Index(fields=["checksum"], name="importbatch_checksum_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @classmethod
    def open(cls, report, *, kind: str, user, agency=None, rows: int) -> "ImportBatch":
        """Record a file about to be written (``report`` is its ``ImportReport``)."""
        return cls.objects.create(
            user=user if user is not None and user.is_authenticated else None,
            agency=agency,
            file_name=report.file_name,
            checksum=report.checksum,
            file_format=report.file_format,
            layout=report.layout,
            kind=kind,
            rows=rows,
        )

    def close(self, report) -> None:
        """Keep what the import did: how many records were new, changed and unchanged."""
        self.created_count = report.created
        self.changed_count = report.changed
        self.unchanged_count = report.unchanged
        self.save(update_fields=["created_count", "changed_count", "unchanged_count"])


class ConsistencyRule(models.Model):
    """Indicators whose values for one unit and period must add up to a total.

    Cao Bằng's sector shares of GRDP (agriculture, industry and construction, services,
    product taxes) add up to about 100 %.
    """

    name = models.CharField(_("tên"), max_length=200)
    indicators = models.ManyToManyField(
        "plans.Indicator", verbose_name=_("các chỉ số"), related_name="consistency_rules"
    )
    total = models.DecimalField(_("tổng"), max_digits=24, decimal_places=6, default=100)
    tolerance = models.DecimalField(
        _("sai lệch cho phép"), max_digits=24, decimal_places=6, default=1
    )

    class Meta:
        verbose_name = _("quy tắc nhất quán")
        verbose_name_plural = _("quy tắc nhất quán")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# --- reporting rounds ----------------------------------------------------------------------


# The states an owed figure can end in when its round closes.
FINAL_OBLIGATION_STATES = (ObligationState.ON_TIME, ObligationState.LATE, ObligationState.NEVER)


class ReportingRoundQuerySet(RestrictedQuerySet["ReportingRound"]):
    def restrict(self, permissions, action) -> "ReportingRoundQuerySet":
        """The rounds that ask the user's agencies for figures; none for anonymous visitors.
        Rounds are opened and closed by planners (``approve``)."""
        agencies = permissions.agency_ids()
        if action != Action.VIEW or not agencies:
            return self.none()
        return self.filter(
            pk__in=RoundObligation.objects.filter(agency_id__in=agencies).values("round_id")
        )


class ReportingRound(models.Model):
    """A call for figures (đợt báo cáo): which agency owes which indicators for which period
    by which deadline.

    The deadline is a day, inclusive, in the province's time zone (``settings.TIME_ZONE``):
    a figure that reached "submitted" before midnight at the end of that day is on time. A
    round is closed by ``observations.rounds.close_round``, which writes each owed figure's
    outcome, so the agencies' on-time record does not move when figures change later.
    """

    title = models.CharField(_("tên đợt"), max_length=200)
    period = models.CharField(
        _("kỳ số liệu"), max_length=10, help_text=_("2025, 2025Q3 hoặc 2025-07")
    )
    deadline = models.DateField(_("hạn báo cáo"), help_text=_("Đến hết ngày này."))
    figure_status = models.CharField(
        _("tình trạng số liệu yêu cầu"),
        max_length=20,
        choices=FigureStatus,
        blank=True,
        help_text=_(
            "Chỉ số liệu có tình trạng này mới được tính (ví dụ: chính thức); "
            "để trống: mọi tình trạng."
        ),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở đợt"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    # Not auto_now_add: ``open_round`` takes the moment so a round can be recorded afterwards.
    opened_at = models.DateTimeField(_("thời điểm mở"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đóng đợt"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    closed_at = models.DateTimeField(_("thời điểm đóng"), null=True, blank=True)

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt báo cáo")
        verbose_name_plural = _("đợt báo cáo")
        ordering = ["-deadline", "-id"]
        constraints = [
            models.CheckConstraint(
                name="reportinground_period_not_blank",
                condition=~Q(period=""),
                violation_error_message=_("Đợt báo cáo phải có kỳ số liệu."),
            ),
            models.CheckConstraint(
                name="reportinground_closed_after_opened",
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=F("opened_at")),
                violation_error_message=_("Đợt báo cáo không thể đóng trước khi mở."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period})"

    def clean(self) -> None:
        """Check the period's form and put it in canonical form (2025q3 → 2025Q3)."""
        super().clean()
        try:
            self.period = parse_period(self.period).text
        except PeriodError as error:
            raise ValidationError({"period": str(error)}) from error

    @property
    def cutoff(self) -> datetime.datetime:
        """Return the first moment after the deadline: midnight at the end of the deadline day."""
        return deadline_cutoff(self.deadline)

    def is_closed_on(self, moment: datetime.datetime) -> bool:
        """Return True if the round had been closed at ``moment``."""
        return self.closed_at is not None and self.closed_at <= moment

    def state_on(self, moment: datetime.datetime) -> RoundState:
        """Return whether the round was open, past its deadline or closed at ``moment``."""
        if self.is_closed_on(moment):
            return RoundState.CLOSED
        if moment < self.cutoff:
            return RoundState.OPEN
        return RoundState.PAST_DEADLINE


def deadline_cutoff(deadline: datetime.date) -> datetime.datetime:
    """Return midnight at the end of ``deadline`` in the project's time zone (the
    calendar's last moment for its last day, which has no day after it)."""
    zone = timezone.get_default_timezone()
    if deadline == datetime.date.max:
        return datetime.datetime.combine(deadline, datetime.time.max, tzinfo=zone)
    next_day = deadline + datetime.timedelta(days=1)
    return datetime.datetime.combine(next_day, datetime.time.min, tzinfo=zone)


class RoundObligationQuerySet(RestrictedQuerySet["RoundObligation"]):
    def restrict(self, permissions, action) -> "RoundObligationQuerySet":
        """The figures owed by the user's agencies; none for anonymous visitors."""
        if action != Action.VIEW:
            return self.none()
        return self.filter(agency_id__in=permissions.agency_ids())


class RoundObligation(models.Model):
    """One figure a round asks for: an indicator for a unit, owed by an agency.

    The round gives the period and the deadline. ``outcome`` and ``reported_at`` stay empty
    while the round is open (the state is computed from the figures and their history) and
    are written when the round closes.
    """

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("đợt báo cáo"),
        on_delete=models.CASCADE,
        related_name="obligations",
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("cơ quan báo cáo"),
        on_delete=models.PROTECT,
        related_name="round_obligations",
    )
    indicator = models.ForeignKey(
        "plans.Indicator",
        verbose_name=_("chỉ số"),
        on_delete=models.PROTECT,
        related_name="round_obligations",
    )
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="round_obligations",
    )
    outcome = models.CharField(
        _("kết quả khi đóng đợt"),
        max_length=20,
        choices=ObligationState,
        blank=True,
    )
    reported_at = models.DateTimeField(
        _("thời điểm báo cáo"),
        null=True,
        blank=True,
        help_text=_("Khi số liệu lần đầu được gửi; ghi lúc đóng đợt."),
    )

    objects = RoundObligationQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ số phải báo cáo trong đợt")
        verbose_name_plural = _("chỉ số phải báo cáo trong đợt")
        ordering = ["round", "agency", "indicator", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "indicator", "unit"],
                name="roundobligation_one_agency_per_figure",
                violation_error_message=_(
                    "Chỉ số này cho đơn vị này đã được giao cho một cơ quan trong đợt."
                ),
            ),
            models.CheckConstraint(
                name="roundobligation_outcome_is_final",
                condition=Q(outcome="") | Q(outcome__in=FINAL_OBLIGATION_STATES),
                violation_error_message=_(
                    "Kết quả khi đóng đợt chỉ có thể là đúng hạn, muộn hoặc không báo cáo."
                ),
            ),
        ]
        indexes = [
            # The on-time record: an agency's owed figures over closed rounds (agency_records).
            models.Index(fields=["agency", "round"], name="roundobligation_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} · {self.agency_id} · {self.indicator_id} · {self.unit_id}"
