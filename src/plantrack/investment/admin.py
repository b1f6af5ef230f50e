from django.contrib import admin

from plantrack.investment.models import (
    CapitalSource,
    Project,
    ProjectFinance,
    ProjectLocation,
    ProjectUpdate,
)


class ProjectLocationInline(admin.TabularInline):
    model = ProjectLocation
    extra = 0
    autocomplete_fields = ["unit"]


class CapitalSourceInline(admin.TabularInline):
    model = CapitalSource
    extra = 0


class ProjectFinanceInline(admin.TabularInline):
    model = ProjectFinance
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "sector", "status", "lead_agency"]
    list_filter = ["kind", "status", "sector", "lead_agency"]
    list_select_related = ["lead_agency"]
    search_fields = ["code", "name", "investor"]
    autocomplete_fields = ["plan", "section", "lead_agency"]
    inlines = [ProjectLocationInline, CapitalSourceInline, ProjectFinanceInline]


@admin.register(ProjectLocation)
class ProjectLocationAdmin(admin.ModelAdmin):
    list_display = ["project", "unit"]
    list_select_related = ["project", "unit"]
    autocomplete_fields = ["project", "unit"]


@admin.register(CapitalSource)
class CapitalSourceAdmin(admin.ModelAdmin):
    list_display = ["project", "kind", "amount"]
    list_select_related = ["project"]


@admin.register(ProjectFinance)
class ProjectFinanceAdmin(admin.ModelAdmin):
    list_display = ["project", "year", "planned", "allocated", "disbursed"]
    list_select_related = ["project"]
    list_filter = ["year"]


@admin.register(ProjectUpdate)
class ProjectUpdateAdmin(admin.ModelAdmin):
    list_display = ["project", "date", "new_status", "author"]
    list_select_related = ["project", "author"]
