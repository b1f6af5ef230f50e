"""One figure entered by hand (the web form, the API): ``enter_observation``.

The cells are checked by the importer's own row checks, so a figure typed in a form and the
same figure in a file get the same answer.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from plantrack.observations.choices import WorkflowState
from plantrack.observations.models import Observation
from plantrack.observations.vintages import record_observation
from plantrack.observations.workflow import check_figure, submit_observations


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
