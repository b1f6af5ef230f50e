from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "plantrack.reports"
    verbose_name = _("Báo cáo đánh giá thực hiện quy hoạch")
