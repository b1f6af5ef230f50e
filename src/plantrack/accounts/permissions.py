"""Who may report, submit and approve which figures: the one place that decides.

A reporter of an agency enters and submits the indicators its agency owns, for units in its
remit (its own unit and every unit below it; an agency without a unit covers every unit);
an approver approves its agency's submissions; admins and planners may do everything.
"""

from __future__ import annotations

from collections import defaultdict

from plantrack.accounts.choices import Role
from plantrack.accounts.models import ALL_SEEING_ROLES, Membership
from plantrack.geo.models import AdminUnit


class Permissions:
    """What one user may do with figures, computed once (one query for the memberships)."""

    def __init__(self, user) -> None:
        self.user = user
        self.roles: dict[int, set[str]] = defaultdict(set)
        self.agency_units: dict[int, int | None] = {}
        if user is not None and user.is_authenticated:
            rows = Membership.objects.filter(user=user).values_list(
                "agency_id", "role", "agency__unit_id"
            )
            for agency_id, role, unit_id in rows:
                self.roles[agency_id].add(role)
                self.agency_units[agency_id] = unit_id
        self.all_seeing = bool(
            user is not None
            and user.is_authenticated
            and (
                user.is_superuser
                or any(roles & set(ALL_SEEING_ROLES) for roles in self.roles.values())
            )
        )
        self._parents: dict[int, int | None] | None = None

    def may_report(self, indicator, unit_id: int) -> bool:
        """Return True if the user may enter and submit ``indicator`` for the unit."""
        if self.all_seeing:
            return True
        owner = indicator.owner_id
        return Role.REPORTER in self.roles.get(owner, set()) and self.in_remit(owner, unit_id)

    def may_approve(self, indicator) -> bool:
        """Return True if the user may approve or reject figures of ``indicator``."""
        if self.all_seeing:
            return True
        return Role.APPROVER in self.roles.get(indicator.owner_id, set())

    def in_remit(self, agency_id: int, unit_id: int) -> bool:
        """Return True if the unit is the agency's own or below it."""
        home = self.agency_units.get(agency_id)
        if home is None:
            return True
        parents = self._unit_parents()
        seen = 0
        current: int | None = unit_id
        while current is not None and seen < 10:
            if current == home:
                return True
            current = parents.get(current)
            seen += 1
        return False

    def _unit_parents(self) -> dict[int, int | None]:
        if self._parents is None:
            self._parents = dict(AdminUnit.objects.values_list("pk", "parent_id"))
        return self._parents
