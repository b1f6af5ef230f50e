from django.contrib import admin

from plantrack.reports.models import ReportFile, ReportRun, SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    """The documents figures cite: the office completes titles, issuers and dates here."""

    list_display = ["title", "issuer", "date", "link"]
    search_fields = ["title", "issuer", "cited_as", "link"]


class ReportFileInline(admin.TabularInline):
    model = ReportFile
    extra = 0
    readonly_fields = ["format", "file", "size", "sha256"]
    can_delete = False


@admin.register(ReportFile)
class ReportFileAdmin(admin.ModelAdmin):
    """A run's files, read only (the page serves them to planners)."""

    list_display = ["run", "format", "size", "sha256"]
    readonly_fields = ["run", "format", "file", "size", "sha256"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    """Runs are made by the report page and command; the admin only reads them."""

    list_display = ["plan", "as_of", "kind", "state", "created_by", "created_at"]
    list_filter = ["state", "kind"]
    inlines = [ReportFileInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
