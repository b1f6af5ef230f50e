from django.db import models
from django.utils.translation import gettext_lazy as _


class FigureStatus(models.TextChoices):
    """How final a figure is, in GSO practice; ``derived`` is computed from published ones."""

    ESTIMATE = "estimate", _("Ước thực hiện")
    PRELIMINARY = "preliminary", _("Sơ bộ")
    OFFICIAL = "official", _("Chính thức")
    DERIVED = "derived", _("Tính từ số liệu công bố")


class WorkflowState(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã gửi")
    APPROVED = "approved", _("Đã phê duyệt")
    REJECTED = "rejected", _("Bị trả lại")


class RevisionAction(models.TextChoices):
    CREATED = "created", _("Tạo mới")
    CHANGED = "changed", _("Sửa")
    SUPERSEDED = "superseded", _("Được thay bằng số liệu mới hơn")


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    JSON = "json", "JSON"


class Layout(models.TextChoices):
    LONG = "long", _("Dạng dọc (mỗi dòng một giá trị)")
    TEMPLATE = "template", _("Biểu mẫu Excel của PlanTrack")
    TASKS = "tasks", _("Phụ lục nhiệm vụ")
    PROJECTS = "projects", _("Danh mục dự án")


class ImportKind(models.TextChoices):
    """What an import record wrote: figures, tasks or projects (one record per file)."""

    FIGURES = "figures", _("Số liệu")
    TASKS = "tasks", _("Nhiệm vụ")
    PROJECTS = "projects", _("Dự án")
