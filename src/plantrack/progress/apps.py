from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "plantrack.progress"
    verbose_name = _("Đánh giá tiến độ")
