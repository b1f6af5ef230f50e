"""Published figures and their vintages: ``record_observation``.

A figure is the value of an indicator for a unit, period and breakdown. A published figure
that changes is kept as a new vintage superseding the old, so what a report could say at any
date can be replayed (docs/data-collection.md, "Vintages").
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.models import Observation
from plantrack.observations.signals import send_figures_changed
from plantrack.observations.workflow import WorkflowError
from plantrack.tabular.formatting import number_text

# What makes two vintages of a figure the same published figure.
_VINTAGE_FIELDS = ("value", "status", "source", "published_on")


class FigureTaken(WorkflowError):
    """Another request made the current figure of this key first: 409 in the API.

    Two people (or two imports) creating the same figure at once both find no current
    figure, and the database's ``observation_one_current_per_key`` lets only one of them
    in; the other gets this, naming the ``winner``.
    """

    code = "duplicate_figure"

    def __init__(self, winner: Observation | None) -> None:
        super().__init__(taken_message(winner))
        self.winner = winner
        self.details = {"figure": winner.pk if winner is not None else None}


def taken_message(winner: Observation | None) -> str:
    """Say which figure another request wrote first, and what to do."""
    if winner is None:
        return _("Số liệu này vừa được một yêu cầu khác ghi trước: hãy tải lại rồi thử lại.")
    return _(
        "Số liệu %(code)s, %(unit)s, kỳ %(period)s vừa được %(who)s ghi trước (số liệu số "
        "%(id)s, giá trị %(value)s): hãy tải lại rồi thử lại nếu cần thay số liệu này."
    ) % {
        "code": winner.indicator.code,
        "unit": winner.unit,
        "period": winner.period,
        "who": winner.created_by.get_username() if winner.created_by else _("người khác"),
        "id": winner.pk,
        "value": number_text(winner.value),
    }


def current_figure(indicator_id: int, unit_id: int, period: str, breakdown: str):
    """Return the current figure of a key as stored now (the winner of a race), or None."""
    return (
        Observation.objects.select_related("indicator", "unit", "created_by")
        .filter(
            indicator_id=indicator_id,
            unit_id=unit_id,
            period=period,
            breakdown=breakdown,
            is_current=True,
        )
        .first()
    )


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
    ``approve`` under ``PLANTRACK_ALLOW_SELF_APPROVAL``) in its CREATED revision. Raise
    ``FigureTaken`` when another transaction made a current figure of the key meanwhile.
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

    # In id order and only the figures' rows: the model's ordering joins the indicator and
    # the unit, and FOR UPDATE would lock their rows too (workflow._locked).
    vintages = list(
        Observation.objects.select_for_update(of=("self",)).filter(**key).order_by("pk")
    )
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
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            candidate.save(changed_by=user, reason=reason, self_approval=self_approval)
    except IntegrityError as error:
        # Only the one-current-figure constraint can fail here: the row passed full_clean.
        winner = current_figure(indicator.pk, unit.pk, candidate.period, breakdown)
        raise FigureTaken(winner) from error
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
