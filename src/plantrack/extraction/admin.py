from django.contrib import admin

from plantrack.extraction.models import Candidate, ExtractionRun


class CandidateInline(admin.TabularInline):
    model = Candidate
    extra = 0
    fields = ["order", "indicator_text", "indicator", "kind", "comparator", "value", "state"]
    readonly_fields = ["order", "indicator_text"]
    autocomplete_fields = ["indicator"]
    show_change_link = True


@admin.register(ExtractionRun)
class ExtractionRunAdmin(admin.ModelAdmin):
    list_display = ["file_name", "plan", "created_by", "created_at"]
    list_select_related = ["plan", "created_by"]
    search_fields = ["file_name", "checksum", "source"]
    readonly_fields = ["checksum", "created_at"]
    autocomplete_fields = ["plan"]
    inlines = [CandidateInline]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["indicator_text", "run", "kind", "comparator", "value", "unit", "state"]
    list_filter = ["state", "kind"]
    list_select_related = ["run"]
    search_fields = ["indicator_text"]
    autocomplete_fields = ["indicator", "target"]
    raw_id_fields = ["run"]
