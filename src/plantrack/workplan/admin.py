from django.contrib import admin

from plantrack.workplan.models import DeadlineChange, Evidence, ReminderSent, Task, TaskUpdate


class TaskUpdateInline(admin.StackedInline):
    model = TaskUpdate
    extra = 0
    fields = ["date", "text", "percent_complete", "new_status", "author"]
    readonly_fields = ["author"]


# Shown, and read only (a tuple: the same names fit both options' types).
_CHANGE_FIELDS = ("old_deadline", "new_deadline", "reason", "changed_by", "changed_at")


class DeadlineChangeInline(admin.TabularInline):
    model = DeadlineChange
    extra = 0
    can_delete = False
    fields = _CHANGE_FIELDS
    readonly_fields = _CHANGE_FIELDS

    def has_add_permission(self, request, obj=None) -> bool:
        # Deadlines move through the service, which records the change.
        return False


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "lead_agency", "deadline", "status", "percent_complete"]
    list_filter = ["status", "priority", "lead_agency", "plan"]
    list_select_related = ["lead_agency"]
    search_fields = ["code", "title", "expected_product"]
    autocomplete_fields = ["plan", "section", "lead_agency"]
    filter_horizontal = ["cooperating_agencies", "targets"]
    readonly_fields = ["original_deadline"]
    inlines = [TaskUpdateInline, DeadlineChangeInline]


@admin.register(TaskUpdate)
class TaskUpdateAdmin(admin.ModelAdmin):
    list_display = ["task", "date", "percent_complete", "new_status", "author"]
    list_select_related = ["task", "author"]
    search_fields = ["task__code", "text"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["original_name", "update", "content_type", "size"]
    list_select_related = ["update", "update__task"]
    readonly_fields = ["sha256", "size", "content_type"]


@admin.register(DeadlineChange)
class DeadlineChangeAdmin(admin.ModelAdmin):
    list_display = ["task", "old_deadline", "new_deadline", "changed_by", "changed_at"]
    list_select_related = ["task", "changed_by"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "recipient", "agency", "items", "sent_at"]
    list_filter = ["kind", "day"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False
