"""Every login, logout and failed login written to the ``plantrack.security`` log.

Beside the log, django-axes keeps them in the database: ``AccessLog`` (logins and logouts)
and ``AccessFailureLog`` (each failure), shown in the admin. The password is never logged;
the address is the client's as the trusted proxies saw it (``addresses.client_address``).
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from plantrack.accounts.addresses import client_address

log = logging.getLogger("plantrack.security")


def _where(request) -> tuple[str, str]:
    if request is None:
        return "-", "-"
    return client_address(request) or "-", request.path_info


@receiver(user_logged_in, dispatch_uid="plantrack.accounts.log_login")
def log_login(sender, request, user, **kwargs) -> None:
    address, path = _where(request)
    log.info("login user=%s address=%s path=%s", user.get_username(), address, path)


@receiver(user_logged_out, dispatch_uid="plantrack.accounts.log_logout")
def log_logout(sender, request, user, **kwargs) -> None:
    address, path = _where(request)
    name = user.get_username() if user is not None else "-"
    log.info("logout user=%s address=%s path=%s", name, address, path)


@receiver(user_login_failed, dispatch_uid="plantrack.accounts.log_login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs) -> None:
    address, path = _where(request)
    log.warning(
        "login failed user=%s address=%s path=%s", credentials.get("username", "-"), address, path
    )
