from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    """When the evaluation is made (Luật Quy hoạch 112/2025/QH15, Điều 49)."""

    ANNUAL = "annual", _("Hằng năm")
    FIVE_YEAR = "five-year", _("Định kỳ 5 năm")
    AD_HOC = "ad-hoc", _("Đột xuất")


class ReportFormat(models.TextChoices):
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    PDF = "pdf", "PDF"
    # The machine-readable package for publication: JSON and CSV of the targets.
    PACKAGE = "package", _("Gói dữ liệu công bố (JSON, CSV)")


class RunState(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang lập")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class ReportLanguage(models.TextChoices):
    VI = "vi", "Tiếng Việt"
    EN = "en", "English"
