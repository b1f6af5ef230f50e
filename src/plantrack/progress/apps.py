from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "plantrack.progress"
    verbose_name = _("Đánh giá tiến độ")

    def ready(self) -> None:
        """Keep judgements current: re-judge on every change of figures and targets."""
        from plantrack.observations.signals import figures_changed
        from plantrack.plans.models import Target
        from plantrack.progress import live

        figures_changed.connect(live.on_figures_changed, dispatch_uid="progress.live.figures")
        post_save.connect(live.on_target_saved, sender=Target, dispatch_uid="progress.live.target")
