from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plantrack.plans.models import Indicator, Plan, PlanSection, Target


class PlanSectionInline(admin.TabularInline):
    model = PlanSection
    extra = 0
    fields = ["order", "number", "kind", "title", "parent"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "kind", "decision", "period", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["code", "title", "decision"]
    autocomplete_fields = ["scope_unit", "amends"]
    inlines = [PlanSectionInline]

    @admin.display(description=_("thời kỳ"), ordering="period_start")
    def period(self, plan: Plan) -> str:
        # Years are labels, not quantities: never group them as 2.021.
        return f"{plan.period_start}–{plan.period_end}"


@admin.register(PlanSection)
class PlanSectionAdmin(admin.ModelAdmin):
    list_display = ["plan", "order", "number", "kind", "title"]
    list_filter = ["plan", "kind"]
    list_select_related = ["plan"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["plan", "parent"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "sector", "direction", "frequency", "owner"]
    list_filter = ["sector", "direction", "frequency", "value_type", "owner"]
    list_select_related = ["owner"]
    search_fields = ["code", "name", "name_en"]
    autocomplete_fields = ["owner"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["phrase", "plan", "indicator", "kind", "comparator", "value", "years"]
    list_filter = ["plan", "kind"]
    list_select_related = ["plan", "indicator"]
    search_fields = ["phrase", "indicator__code", "indicator__name"]
    autocomplete_fields = ["plan", "section", "indicator", "scope_unit", "supersedes"]

    @admin.display(description=_("năm"), ordering="target_year")
    def years(self, target: Target) -> str:
        if target.start_year is None:
            return str(target.target_year)
        return f"{target.start_year}–{target.target_year}"
