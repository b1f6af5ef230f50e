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


class RoundState(models.TextChoices):
    """Where a reporting round stands at a moment (``ReportingRound.state_on``)."""

    OPEN = "open", _("Đang nhận báo cáo")
    PAST_DEADLINE = "past_deadline", _("Đã quá hạn, chưa đóng")
    CLOSED = "closed", _("Đã đóng")


class ObligationState(models.TextChoices):
    """Where one owed figure stands (``observations.rounds``); the first, second and last are
    the outcomes written when a round closes."""

    ON_TIME = "on_time", _("Báo cáo đúng hạn")
    LATE = "late", _("Báo cáo muộn")
    NOT_DUE = "not_due", _("Chưa đến hạn")
    OVERDUE = "overdue", _("Quá hạn, chưa báo cáo")
    NEVER = "never", _("Không báo cáo")
