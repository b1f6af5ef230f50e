from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    name = "plantrack.workplan"
    verbose_name = _("Nhiệm vụ thực hiện quy hoạch")
