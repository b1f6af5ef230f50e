from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtractionConfig(AppConfig):
    name = "plantrack.extraction"
    verbose_name = _("Trích xuất chỉ tiêu từ văn bản")
