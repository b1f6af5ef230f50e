from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plantrack.observations.models import (
    ConsistencyRule,
    ImportBatch,
    Observation,
    ObservationRevision,
    ReportingRound,
    RoundObligation,
)

# Shown, and read only (a tuple: the same names fit both options' types).
_REVISION_FIELDS = ("at", "action", "old_value", "new_value", "changes", "user", "reason")


class ObservationRevisionInline(admin.TabularInline):
    model = ObservationRevision
    extra = 0
    can_delete = False
    fields = _REVISION_FIELDS
    readonly_fields = _REVISION_FIELDS

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ObservationAdminForm(forms.ModelForm):
    """The admin's form adds a reason for the change; the admin supplies model and fields."""

    change_reason = forms.CharField(
        label=_("Lý do sửa"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ghi vào lịch sử sửa số liệu cùng giá trị cũ và mới."),
    )


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    form = ObservationAdminForm
    list_display = ["indicator", "unit", "period", "value", "status", "state", "is_current"]
    list_filter = ["status", "state", "is_current", "indicator"]
    list_select_related = ["indicator", "unit"]
    search_fields = ["indicator__code", "indicator__name", "unit__code", "period", "source"]
    autocomplete_fields = ["indicator", "unit", "agency", "supersedes"]
    readonly_fields = ["version", "created_by", "created_at", "updated_at"]
    inlines = [ObservationRevisionInline]

    def save_model(self, request, obj, form, change) -> None:
        # The revision history records who made the change (Observation.save).
        if not change:
            obj.created_by = request.user
        obj.save(changed_by=request.user, reason=form.cleaned_data["change_reason"])

    def has_delete_permission(self, request, obj=None) -> bool:
        # A figure is replaced by a newer vintage, never erased.
        return False


@admin.register(ObservationRevision)
class ObservationRevisionAdmin(admin.ModelAdmin):
    list_display = ["observation", "action", "old_value", "new_value", "user", "at"]
    list_filter = ["action"]
    list_select_related = ["observation", "user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Import records are written by the importer only."""

    list_display = [
        "file_name",
        "user",
        "agency",
        "created_at",
        "created_count",
        "changed_count",
        "unchanged_count",
    ]
    list_filter = ["file_format", "layout", "agency"]
    list_select_related = ["user", "agency"]
    search_fields = ["file_name", "checksum"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ConsistencyRule)
class ConsistencyRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "total", "tolerance"]
    filter_horizontal = ["indicators"]


# --- reporting rounds ----------------------------------------------------------------------


class RoundObligationInline(admin.TabularInline):
    model = RoundObligation
    extra = 0
    fields = ["agency", "indicator", "unit", "outcome", "reported_at"]
    readonly_fields = ["outcome", "reported_at"]
    autocomplete_fields = ["agency", "indicator", "unit"]


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    """Rounds are opened on the site (``/rounds/new/``) or here; closing writes the outcomes,
    so it is done on the round's page (``observations.rounds.close_round``)."""

    list_display = ["title", "period", "deadline", "figure_status", "opened_at", "closed_at"]
    list_filter = ["period", "figure_status"]
    search_fields = ["title", "period"]
    readonly_fields = ["opened_by", "opened_at", "closed_by", "closed_at"]
    inlines = [RoundObligationInline]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.opened_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A closed round is the agencies' on-time record: it is kept.
        if obj is not None and obj.closed_at is not None:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(RoundObligation)
class RoundObligationAdmin(admin.ModelAdmin):
    list_display = ["round", "agency", "indicator", "unit", "outcome", "reported_at"]
    list_filter = ["outcome", "agency"]
    list_select_related = ["round", "agency", "indicator", "unit"]
    search_fields = ["round__title", "indicator__code", "agency__code", "unit__code"]
    autocomplete_fields = ["round", "agency", "indicator", "unit"]
    readonly_fields = ["outcome", "reported_at"]
