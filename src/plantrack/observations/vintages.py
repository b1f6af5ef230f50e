"""Published figures and their vintages: ``record_observation``.

A figure is the value of an indicator for a unit, period and breakdown. A published figure
that changes is kept as a new vintage superseding the old, so what a report could say at any
date can be replayed (docs/data-collection.md, "Vintages").
"""

import datetime
from decimal import Decimal

from django.db import transaction

from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.models import Observation
from plantrack.observations.signals import send_figures_changed

# What makes two vintages of a figure the same published figure.
_VINTAGE_FIELDS = ("value", "status", "source", "published_on")


@transaction.atomic
def record_observation(
    *,
    indicator,
    unit,
    period: str,
    value: Decimal,
    status: FigureStatus,
    source: str,
    breakdown: str = "",
    comment: str = "",
    published_on: datetime.date | None = None,
    state: WorkflowState = WorkflowState.DRAFT,
    agency=None,
    user=None,
    reason: str = "",
    self_approval: bool = False,
) -> tuple[Observation, bool]:
    """Record a published figure; return it and whether anything was written.

    A figure already recorded (same value, status, source and publication date, current or
    an older vintage) changes nothing, so loading the same data twice is harmless. A new
    figure for the same indicator, unit, period and breakdown becomes the current vintage and
    the previous one is kept, marked as superseded; except that an unapproved figure never
    displaces an approved one: it is kept beside it, not current, until it is approved.
    ``self_approval`` marks an approved figure recorded by its own approver (an import with
    ``approve`` under ``PLANTRACK_ALLOW_SELF_APPROVAL``) in its CREATED revision.
    """
    candidate = Observation(
        indicator=indicator,
        unit=unit,
        period=period,
        breakdown=breakdown,
        value=Decimal(value),
        status=status,
        source=source,
        comment=comment,
        published_on=published_on,
        state=state,
        agency=agency,
        created_by=user,
    )
    # Checks the period and the unit's validity, and puts the period in canonical form.
    candidate.full_clean(validate_unique=False, validate_constraints=False)
    key = {"indicator": indicator, "unit": unit, "period": candidate.period, "breakdown": breakdown}

    vintages = list(Observation.objects.select_for_update().filter(**key))
    for known in vintages:
        if all(same_value(getattr(known, f), getattr(candidate, f)) for f in _VINTAGE_FIELDS):
            return known, False

    current = next((v for v in vintages if v.is_current), None)
    if current is not None and _waits_for_approval(candidate, current):
        candidate.is_current = False
        candidate.save(changed_by=user, reason=reason)
        return candidate, True
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"], changed_by=user, reason=reason)
        candidate.supersedes = current
    candidate.save(changed_by=user, reason=reason, self_approval=self_approval)
    if WorkflowState.APPROVED in (candidate.state, getattr(current, "state", None)):
        send_figures_changed([candidate])
    return candidate, True


def _waits_for_approval(candidate: Observation, current: Observation) -> bool:
    """Return True when ``candidate`` is a pending figure and ``current`` an approved one.

    The public sees approved figures only (``Observation.objects.for_user``), so letting a
    draft become current would hide the approved value until the draft is approved.
    """
    approved = WorkflowState.APPROVED
    return candidate.state != approved and current.state == approved


def same_value(left, right) -> bool:
    if isinstance(left, Decimal) or isinstance(right, Decimal):
        return left is not None and right is not None and Decimal(left) == Decimal(right)
    return left == right
