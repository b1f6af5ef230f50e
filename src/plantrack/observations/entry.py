"""One figure entered by hand (the web form, the API): ``enter_observation``; one cell of
the data-entry grid: ``save_figure``.

The cells are checked by the importer's own row checks, so a figure typed in a form and the
same figure in a file get the same answer.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from plantrack.observations.choices import WorkflowState
from plantrack.observations.models import Observation
from plantrack.observations.vintages import record_observation
from plantrack.observations.workflow import (
    FigureInvalid,
    check_figure,
    edit_observation,
    submit_observations,
)
from plantrack.tabular.problems import Problem


@transaction.atomic
def enter_observation(
    *,
    user,
    indicator: str,
    unit: str,
    period: str,
    value,
    source: str,
    status: str = "",
    breakdown: str = "",
    comment: str = "",
    published_on: datetime.date | None = None,
    locale: str | None = None,
    submit: bool = False,
    reason: str = "",
) -> tuple[Observation, bool]:
    """Check one figure as the importer checks a row and record it as a draft.

    One code path for the rules: the web form and the API both call it, and the figure is
    checked by ``validation.check_rows`` exactly as a row of an imported file is (indicator
    and unit by code, period and frequency, the unit's existence in the period, the allowed
    range, the right to report, jumps, consistency rules). ``indicator`` and ``unit`` are
    codes (or names, as in a file), ``value`` a number or a text in Vietnamese or English
    format. The reporting agency is the indicator's owner. With ``submit`` the draft is
    sent for approval in the same transaction; ``reason`` goes to the revision history.
    Return the figure and whether anything was written (the same figure recorded twice is
    kept once). Raise ``NotPermitted`` when the user may not report it and
    ``FigureInvalid`` when a check fails.
    """
    row = check_figure(
        {
            "indicator": indicator,
            "unit": unit,
            "period": period,
            "value": value,
            "status": status,
            "breakdown": breakdown,
            "source": source,
            "comment": comment,
        },
        user=user,
        locale=locale,
    )
    observation, written = record_observation(
        indicator=row.indicator,
        unit=row.unit,
        period=row.period,
        value=row.value,
        status=row.status,
        source=row.source_text,
        breakdown=row.breakdown,
        comment=row.comment,
        published_on=published_on,
        state=WorkflowState.DRAFT,
        agency=row.indicator.owner,
        user=user,
        reason=reason or _("Nhập một số liệu"),
    )
    if submit and observation.state in (WorkflowState.DRAFT, WorkflowState.REJECTED):
        (observation,) = submit_observations([observation.pk], user=user)
    return observation, written


# The states of a figure still in its agency's hands or with its approver: the one a grid
# cell shows before an approved figure of the same key.
PENDING_STATES = (WorkflowState.DRAFT, WorkflowState.SUBMITTED, WorkflowState.REJECTED)


def pending_figure(indicator, unit, period: str) -> Observation | None:
    """Return the newest figure of the total (no breakdown) not yet approved and not
    replaced by a newer one, or None."""
    return (
        Observation.objects.filter(
            indicator=indicator,
            unit=unit,
            period=period,
            breakdown="",
            state__in=PENDING_STATES,
            superseded_by__isnull=True,
        )
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def save_figure(
    *,
    user,
    indicator,
    unit,
    period: str,
    value: str,
    status: str,
    source: str,
    expected_version: int | None,
    locale: str | None = None,
    reason: str = "",
) -> tuple[Observation, bool]:
    """Save one cell of the data-entry grid: the total of an indicator for a unit and period.

    A draft or returned figure already there is changed (``edit_observation``, refused if
    it is not at ``expected_version``: someone saved in between); otherwise a figure is
    entered (``enter_observation``; beside an approved figure it is a new vintage waiting
    for approval). A figure already sent for approval is refused (``wrong_state``): its
    approver returns it to be corrected. ``expected_version`` None means the cell was shown
    empty; a figure entered since is a concurrent edit. Return the figure and whether
    anything was written.
    """
    pending = pending_figure(indicator, unit, period)
    if pending is not None and pending.is_editable:
        if expected_version is None:
            expected_version = 0  # shown empty: any stored version is someone else's save
        changes = {"value": value}
        if status:
            changes["status"] = status
        if source.strip():
            changes["source"] = source.strip()
        before = pending.version
        observation = edit_observation(
            pending.pk,
            user=user,
            expected_version=expected_version,
            locale=locale,
            reason=reason,
            **changes,
        )
        return observation, observation.version != before
    if pending is not None:
        # Submitted: the same refusal the edit service gives (its rights first, then state).
        edit_observation(pending.pk, user=user, expected_version=pending.version, value=value)
    if not source.strip():
        raise FigureInvalid(
            [
                Problem(
                    code="source_required",
                    message=_(
                        "Hãy ghi nguồn của số liệu (văn bản, báo cáo công bố số liệu: số hiệu, "
                        "ngày, cơ quan ban hành)."
                    ),
                    column="source",
                )
            ],
            single=True,
        )
    return enter_observation(
        user=user,
        indicator=indicator.code,
        unit=unit.code,
        period=period,
        value=value,
        source=source.strip(),
        status=status,
        locale=locale,
        reason=reason,
    )
