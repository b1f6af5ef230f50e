from typing import TypeVar

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from plantrack.progress.models import Assessment, AssessmentRun, Judgement, JudgementChange

_Derived = TypeVar("_Derived", bound=models.Model)

# Shown, and read only (a tuple: the same names fit both options' types).
_ASSESSMENT_FIELDS = ("target", "status", "score", "actual_rate", "required_rate_remaining")


class AssessmentInline(admin.TabularInline[Assessment, AssessmentRun]):
    model = Assessment
    extra = 0
    can_delete = False
    fields = _ASSESSMENT_FIELDS
    readonly_fields = _ASSESSMENT_FIELDS

    def has_add_permission(self, request: HttpRequest, obj: AssessmentRun | None = None) -> bool:
        return False


@admin.register(AssessmentRun)
class AssessmentRunAdmin(admin.ModelAdmin[AssessmentRun]):
    """Runs are snapshots: made by ``plantrack assess``, read here, never edited."""

    list_display = ["plan", "as_of", "figures", "method", "created_by", "created_at"]
    list_filter = ["plan", "figures", "method"]
    list_select_related = ["plan", "created_by"]
    readonly_fields = ["plan", "as_of", "figures", "method", "created_by", "created_at"]
    inlines = [AssessmentInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AssessmentRun | None = None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin[Assessment]):
    list_display = ["target", "run", "status", "score", "required_rate_remaining"]
    list_filter = ["status", "run__plan"]
    list_select_related = ["target", "run", "run__plan"]
    search_fields = ["target__phrase", "target__indicator__code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Assessment | None = None) -> bool:
        return False


class DerivedAdmin(admin.ModelAdmin[_Derived]):
    """Judgements are derived (progress/live.py): read here, never added or edited."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: _Derived | None = None) -> bool:
        return False


@admin.register(Judgement)
class JudgementAdmin(DerivedAdmin[Judgement]):
    list_display = ["target", "plan", "status", "score", "as_of", "judged_at"]
    list_filter = ["status", "plan"]
    list_select_related = ["target", "plan"]
    search_fields = ["target__phrase", "target__indicator__code"]


@admin.register(JudgementChange)
class JudgementChangeAdmin(DerivedAdmin[JudgementChange]):
    list_display = ["target", "status", "score", "as_of", "cause", "at"]
    list_filter = ["status", "cause"]
    list_select_related = ["target"]
