from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "plantrack.accounts"
    verbose_name = _("Cơ quan và người dùng")

    def ready(self) -> None:
        # Logins, logouts and failed logins go to the security log (signals.py).
        from plantrack.accounts import signals  # noqa: F401
        from plantrack.accounts.audit import register_audited_models

        register_audited_models()
