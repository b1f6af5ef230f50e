from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    name = "plantrack.investment"
    verbose_name = _("Dự án đầu tư ưu tiên")
