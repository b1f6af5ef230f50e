"""The change log: who changed what, when, and the values before and after (django-auditlog).

Every create, change and delete of the models in ``AUDITED`` (plans, sections, indicators,
targets, tasks, projects, their locations, capital sources and yearly finance, agencies,
memberships, users) writes one ``auditlog.LogEntry`` through the models' signals, whichever
way in: a page, the API, an import, the admin. Figures keep their own, fuller history
(``ObservationRevision``). Bulk writes (``bulk_create``, ``QuerySet.update``) send no signal
and are not logged: the project import's locations and capital sources are created so.

Only a model's own columns (and the many-to-many fields named) are compared: django-auditlog
would otherwise read every reverse relation too, one query each, and a reverse one-to-one
read before its row exists (a target's judgement, made by ``progress.live`` on the same save)
would stay cached as missing on the instance.

``AuditMiddleware`` names who and from where: the signed-in user, also when the API
authenticated them by token inside the view (the actor is read when the entry is written),
and the client's address as our trusted proxies saw it (``addresses.client_address``;
django-auditlog's own reading trusts any ``X-Forwarded-For``). A change made by a command
has no user (the command line has none) and no address.

Loading a backup (``raw`` saves) writes no entry: the entries are part of the backup.
"""

import datetime
import heapq
from collections.abc import Iterator

from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from plantrack.accounts.addresses import client_address

# Model label → (fields never recorded, many-to-many fields recorded).
AUDITED: dict[str, tuple[set[str], set[str]]] = {
    "plans.plan": (set(), set()),
    "plans.plansection": (set(), set()),
    "plans.indicator": (set(), set()),
    "plans.target": (set(), set()),
    "workplan.task": (set(), {"targets", "cooperating_agencies"}),
    "investment.project": (set(), set()),
    "investment.projectlocation": (set(), set()),
    "investment.capitalsource": (set(), set()),
    "investment.projectfinance": (set(), set()),
    "accounts.agency": (set(), set()),
    "accounts.membership": (set(), set()),
    "auth.user": ({"password", "last_login"}, set()),
}

ACTIONS = {
    LogEntry.Action.CREATE: _("tạo"),
    LogEntry.Action.UPDATE: _("sửa"),
    LogEntry.Action.DELETE: _("xóa"),
    LogEntry.Action.ACCESS: _("xem"),
}


class AuditMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, with our client address and a lazily read user."""

    @staticmethod
    def _get_remote_addr(request):
        return client_address(request) or None

    @staticmethod
    def _get_actor(request):
        # Read when an entry is written: by then DRF has put the token's user on the request.
        def signed_in():
            user = getattr(request, "user", None)
            return user if user is not None and user.is_authenticated else None

        return SimpleLazyObject(signed_in)


def register_audited_models() -> None:
    """Register ``AUDITED`` with django-auditlog, each on its own columns (AccountsConfig)."""
    from auditlog.registry import auditlog

    for label, (never, many) in AUDITED.items():
        model = apps.get_model(label)
        columns = [field.name for field in model._meta.concrete_fields if field.name not in never]
        auditlog.register(model, include_fields=[*columns, *many], m2m_fields=many)


def history_of(record: Model, *related: QuerySet) -> QuerySet[LogEntry]:
    """Return the change log of ``record`` and of the related rows given, newest first."""
    kind = ContentType.objects.get_for_model
    wanted = Q(content_type=kind(record), object_pk=str(record.pk))
    for rows in related:
        keys = [str(pk) for pk in rows.values_list("pk", flat=True)]
        wanted |= Q(content_type=kind(rows.model), object_pk__in=keys)
    entries = LogEntry.objects.filter(wanted)
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


def action_label(entry: LogEntry) -> str:
    return str(ACTIONS.get(entry.action, entry.action))


def changed_values(entry: LogEntry) -> list[tuple[str, str, str]]:
    """Return (field, before, after) of an entry, fields by their names on the page."""
    return [
        (str(field), str(values[0]), str(values[1]))
        for field, values in entry.changes_display_dict.items()
        if len(values) == 2
    ]


AUDIT_HEADERS = [
    _("Thời điểm"),
    _("Người thay đổi"),
    _("Địa chỉ"),
    _("Thao tác"),
    _("Loại đối tượng"),
    _("Mã số"),
    _("Đối tượng"),
    _("Trường"),
    _("Trước"),
    _("Sau"),
]


def audit_rows(since: datetime.date | None = None) -> Iterator[list[object]]:
    """Yield the change log and the sign-ins as rows of ``AUDIT_HEADERS``, oldest first.

    A change is one row per changed field (a delete, or a change naming no field, is one row
    without a field); a login, a logout and a failed login (django-axes's ``AccessLog`` and
    ``AccessFailureLog``) are one row each, the path in place of the record.
    """
    streams = [_change_rows(since), *_sign_in_rows(since)]
    for _moment, row in heapq.merge(*streams, key=lambda timed: timed[0]):
        yield row


def _when(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def _change_rows(since: datetime.date | None) -> Iterator[tuple[datetime.datetime, list]]:
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("timestamp", "pk")
    if since is not None:
        entries = entries.filter(timestamp__date__gte=since)
    for entry in entries.iterator(chunk_size=2000):
        head = [
            _when(entry.timestamp),
            entry.actor.get_username() if entry.actor else "",
            entry.remote_addr or "",
            action_label(entry),
            entry.content_type.name,
            entry.object_pk,
            entry.object_repr,
        ]
        changes = changed_values(entry)
        if not changes:
            yield entry.timestamp, [*head, "", "", ""]
        for field, before, after in changes:
            yield entry.timestamp, [*head, field, before, after]


def _sign_in_rows(since: datetime.date | None) -> list[Iterator[tuple[datetime.datetime, list]]]:
    from axes.models import AccessFailureLog, AccessLog

    def rows(queryset, moment: str, action: str) -> Iterator[tuple[datetime.datetime, list]]:
        if since is not None:
            queryset = queryset.filter(**{f"{moment}__date__gte": since})
        for record in queryset.exclude(**{moment: None}).order_by(moment, "pk").iterator():
            when = getattr(record, moment)
            yield (
                when,
                [
                    _when(when),
                    record.username or "",
                    record.ip_address or "",
                    action,
                    str(_("đăng nhập")),
                    record.pk,
                    # Where the user signed in; a logout ends that session: no path.
                    record.path_info if moment == "attempt_time" else "",
                    "",
                    "",
                    "",
                ],
            )

    return [
        rows(AccessLog.objects.all(), "attempt_time", str(_("đăng nhập"))),
        rows(AccessLog.objects.all(), "logout_time", str(_("đăng xuất"))),
        rows(AccessFailureLog.objects.all(), "attempt_time", str(_("đăng nhập sai mật khẩu"))),
    ]
