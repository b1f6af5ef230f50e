"""Who may see, change and approve what: the one permission chokepoint.

Every queryset that users reach derives from ``RestrictedQuerySet`` and answers
``for_user(user, action)`` with ``action`` in ``Action`` (view / change / approve), as
NetBox's ``RestrictedQuerySet.restrict`` does. Each model's queryset states its own rule in
``restrict(permissions, action)`` from the facts computed here (the user's agencies and
roles); views, the API, commands and the write services all ask through it, so they cannot
disagree. A write service checks the permission itself with ``require`` (one record) or
``require_all`` (several), raising ``NotPermitted``; views answer 404 alike for "does not
exist" and "not yours".

The rules, in one place (docs/architecture.md, "Permissions"):

- admins, planners and superusers may do everything (``Permissions.all_seeing``);
- a reporter of an agency enters, edits and submits the figures of the indicators its agency
  owns, for units in its remit (its own unit and every unit below it; an agency without a
  unit covers every unit), and reports progress on the tasks and projects it leads;
- an approver approves or returns its agency's figures and also reports task and project
  progress; it does not enter figures;
- a viewer reads its agency's unpublished work and evidence, and writes nothing;
- anonymous visitors see what is published.

Rules that depend on a record's state (a figure waiting for approval is not edited) live on
the model (``Observation.is_editable``) and are used by services, views and the API alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Self, TypeVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from plantrack.accounts.choices import Action, Role
from plantrack.accounts.models import ALL_SEEING_ROLES, Membership

__all__ = [
    "Action",
    "NotPermitted",
    "Permissions",
    "RestrictedQuerySet",
    "permits",
    "require",
    "require_all",
    "require_all_seeing",
]

# Roles that write an agency's work below a task or a project (progress reports, capital).
WRITING_ROLES = frozenset({Role.REPORTER, Role.APPROVER})
# How many levels below an agency's unit its remit reaches: province → district → commune
# (and one more for safety); ``Permissions.remit`` and ``in_remit`` agree on it.
REMIT_DEPTH = 4

_M = TypeVar("_M", bound=models.Model)


class NotPermitted(Exception):
    """The user may not do this; the message says what, in the active language."""

    code = "not_permitted"

    def __init__(self, message: str = "", code: str | None = None) -> None:
        super().__init__(message or _("Bạn không có quyền thực hiện thao tác này."))
        self.code = code or self.code


class Permissions:
    """What one user may do, computed once per user object (one query for the memberships).

    ``Permissions.of(user)`` keeps the answer on the user object, so a page that asks in
    every ``for_user`` and in its navigation queries the memberships once per request.
    """

    def __init__(self, user: Any) -> None:
        self.user = user
        self.authenticated = bool(user is not None and user.is_authenticated)
        self.roles: dict[int, set[str]] = defaultdict(set)
        self.agency_units: dict[int, int | None] = {}
        if self.authenticated:
            rows = Membership.objects.filter(user=user).values_list(
                "agency_id", "role", "agency__unit_id"
            )
            for agency_id, role, unit_id in rows:
                self.roles[agency_id].add(role)
                self.agency_units[agency_id] = unit_id
        self.all_seeing = self.authenticated and (
            bool(user.is_superuser)
            or any(roles & set(ALL_SEEING_ROLES) for roles in self.roles.values())
        )
        self._parents: dict[int, int | None] | None = None

    @classmethod
    def of(cls, user: Any) -> Permissions:
        """Return the user's permissions, computed once per user object."""
        if user is None:
            return cls(None)
        cached = getattr(user, "_plantrack_permissions", None)
        if cached is None:
            cached = cls(user)
            try:
                user._plantrack_permissions = cached
            except AttributeError:  # AnonymousUser of some stubs is read-only
                pass
        return cached

    # --- facts ---

    @property
    def is_member(self) -> bool:
        """Return True for a member of any agency (or an all-seeing user)."""
        return self.all_seeing or bool(self.roles)

    def agency_ids(self, *roles: str) -> set[int]:
        """Return the agencies where the user holds one of ``roles`` (any role if none)."""
        if not roles:
            return set(self.roles)
        wanted = set(roles)
        return {agency for agency, held in self.roles.items() if held & wanted}

    def has_role(self, *roles: str) -> bool:
        """Return True if the user holds one of ``roles`` in some agency."""
        return bool(self.agency_ids(*roles))

    # --- rules on figures, used row by row by the importer and in ``restrict`` ---

    def may_report(self, indicator: Any, unit_id: int) -> bool:
        """Return True if the user may enter, edit and submit ``indicator`` for the unit."""
        if self.all_seeing:
            return True
        owner = indicator.owner_id
        return Role.REPORTER in self.roles.get(owner, set()) and self.in_remit(owner, unit_id)

    def may_approve(self, indicator: Any) -> bool:
        """Return True if the user may approve or return figures of ``indicator``."""
        if self.all_seeing:
            return True
        return Role.APPROVER in self.roles.get(indicator.owner_id, set())

    def in_remit(self, agency_id: int, unit_id: int) -> bool:
        """Return True if the unit is the agency's own or below it."""
        home = self.agency_units.get(agency_id)
        if home is None:
            return True
        parents = self._unit_parents()
        current: int | None = unit_id
        for _level in range(REMIT_DEPTH + 1):
            if current is None:
                return False
            if current == home:
                return True
            current = parents.get(current)
        return False

    def reports_for(self, owner_field: str, unit_field: str) -> Q:
        """Return the filter "owned by an agency I report for, in its remit" (``may_report``).

        ``owner_field`` names the owning agency's id, ``unit_field`` the unit (both as
        lookups from the filtered model, e.g. ``indicator__owner_id`` and ``unit``).
        """
        by_home: dict[int | None, list[int]] = defaultdict(list)
        for agency in self.agency_ids(Role.REPORTER):
            by_home[self.agency_units.get(agency)].append(agency)
        condition = Q(pk__in=[])
        for home, agencies in by_home.items():
            owned = Q(**{f"{owner_field}__in": agencies})
            condition |= owned if home is None else owned & remit(unit_field, home)
        return condition

    def _unit_parents(self) -> dict[int, int | None]:
        if self._parents is None:
            from plantrack.geo.models import AdminUnit

            self._parents = dict(AdminUnit.objects.values_list("pk", "parent_id"))
        return self._parents


def remit(unit_field: str, home: int) -> Q:
    """Return the filter "``unit_field`` is the unit ``home`` or below it"."""
    condition = Q(**{unit_field: home})
    path = unit_field
    for _level in range(REMIT_DEPTH):
        path += "__parent"
        condition |= Q(**{f"{path}_id": home})
    return condition


class RestrictedQuerySet(models.QuerySet[_M]):
    """A queryset that knows what each user may see, change and approve.

    Subclasses override ``restrict``; this base answers the all-seeing users (everything)
    and, by default, lets everyone view and nobody else change or approve. A subclass whose
    records are public sets ``public_view``, so that reading them costs no membership query.
    A subclass names its model (``class TaskQuerySet(RestrictedQuerySet["Task"])``), so that
    ``Task.objects.for_user(...)`` is a queryset of tasks.
    """

    public_view = False

    def for_user(self, user: Any, action: str = Action.VIEW) -> Self:
        """Return the records ``user`` may ``action`` (view by default)."""
        action = Action(action)
        if action == Action.VIEW and self.public_view:
            return self
        permissions = Permissions.of(user)
        if permissions.all_seeing:
            return self
        return self.restrict(permissions, action)

    def restrict(self, permissions: Permissions, action: Action) -> Self:
        """Return the records a user who is not all-seeing may ``action``."""
        if action == Action.VIEW:
            return self
        return self.none()


def restricted(model: type[_M]) -> RestrictedQuerySet[_M]:
    """Return all the records of ``model``, whose default manager must be restricted."""
    records = model._default_manager.all()
    if not isinstance(records, RestrictedQuerySet):
        raise TypeError(f"{model.__name__}'s default manager is not a RestrictedQuerySet's")
    return records


def permits(user: Any, action: str, record: models.Model) -> bool:
    """Return True if ``user`` may ``action`` the record (no query for all-seeing users)."""
    if Permissions.of(user).all_seeing:
        return True
    return restricted(type(record)).for_user(user, action).filter(pk=record.pk).exists()


def require(user: Any, action: str, record: models.Model, message: str = "") -> None:
    """Raise ``NotPermitted`` unless ``user`` may ``action`` the record."""
    if not permits(user, action, record):
        raise NotPermitted(message)


def require_all(
    user: Any, action: str, model: type[models.Model], ids: Iterable[int], message: str = ""
) -> None:
    """Raise ``NotPermitted`` unless ``user`` may ``action`` every record of ``ids``."""
    wanted = set(ids)
    allowed = restricted(model).for_user(user, action).filter(pk__in=wanted)
    if allowed.count() != len(wanted):
        raise NotPermitted(message)


def require_all_seeing(user: Any, message: str = "") -> None:
    """Raise ``NotPermitted`` unless ``user`` is a planner, an admin or a superuser.

    For the decisions that belong to the planning office as a whole and have no record to
    ask about yet: opening a reporting round, importing a plan's task or project appendix,
    reading a decision for review, re-judging a plan.
    """
    if not Permissions.of(user).all_seeing:
        raise NotPermitted(message)
