from django.contrib import admin

from plantrack.plans.models import Indicator, Plan, PlanSection, Target


class PlanSectionInline(admin.TabularInline):
    model = PlanSection
    extra = 0
    fields = ["order", "number", "kind", "title", "parent"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "kind", "decision", "period_start", "period_end", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["code", "title", "decision"]
    autocomplete_fields = ["scope_unit", "amends"]
    inlines = [PlanSectionInline]


@admin.register(PlanSection)
class PlanSectionAdmin(admin.ModelAdmin):
    list_display = ["plan", "order", "number", "kind", "title"]
    list_filter = ["plan", "kind"]
    list_select_related = ["plan"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["plan", "parent"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "direction", "frequency", "owner"]
    list_filter = ["direction", "frequency", "value_type", "owner"]
    list_select_related = ["owner"]
    search_fields = ["code", "name", "name_en"]
    autocomplete_fields = ["owner"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["phrase", "plan", "indicator", "kind", "comparator", "value", "target_year"]
    list_filter = ["plan", "kind"]
    list_select_related = ["plan", "indicator"]
    search_fields = ["phrase", "indicator__code", "indicator__name"]
    autocomplete_fields = ["plan", "section", "indicator", "scope_unit", "supersedes"]
