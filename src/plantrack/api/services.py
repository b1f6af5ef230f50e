"""The API's writes of a single figure: the importer's row checks, then the workflow services.

One code path for the rules: a figure entered or edited through the API is checked by
``observations.validation.check_rows`` exactly as a row of an imported file is (indicator and
unit by code, period and frequency, the unit's existence in the period, the allowed range,
the right to report, jumps against the unit's history, consistency between indicators), then
written by ``observations.services`` (``record_observation`` as a draft, ``edit_observation``
with optimistic locking, ``submit_observations``), inside one transaction.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from plantrack.accounts.permissions import Permissions
from plantrack.observations.choices import WorkflowState
from plantrack.observations.importing import ReadResult, SourceRow
from plantrack.observations.models import Observation
from plantrack.observations.services import (
    NotPermitted,
    WorkflowError,
    edit_observation,
    record_observation,
    submit_observations,
)
from plantrack.observations.validation import CheckedRow, check_rows, choose_locale


class FigureInvalid(WorkflowError):
    """A figure that fails the importer's row checks; ``problems`` says what and where."""

    code = "invalid_observation"

    def __init__(self, problems) -> None:
        super().__init__(_("Số liệu không hợp lệ: %(problem)s") % {"problem": problems[0].message})
        self.problems = problems


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
) -> tuple[Observation, bool]:
    """Check one figure as the importer checks a row and record it as a draft.

    ``indicator`` and ``unit`` are codes (or names, as in a file), ``value`` a number or a
    text in Vietnamese or English format. The reporting agency is the indicator's owner.
    With ``submit`` the draft is sent for approval in the same transaction. Return the
    figure and whether anything was written (the same figure recorded twice is kept once).
    Raise ``NotPermitted`` when the user may not report it and ``FigureInvalid`` when a
    check fails.
    """
    row = _check(
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
        reason=_("Nhập qua API"),
    )
    if submit and observation.state in (WorkflowState.DRAFT, WorkflowState.REJECTED):
        (observation,) = submit_observations([observation.pk], user=user)
    return observation, written


@transaction.atomic
def change_observation(
    observation: Observation,
    *,
    user,
    expected_version: int,
    reason: str = "",
    locale: str | None = None,
    **changes,
) -> Observation:
    """Check a figure as it would read after ``changes`` and save them with optimistic locking.

    ``changes`` may hold ``value``, ``status``, ``source``, ``comment`` and ``breakdown``.
    Raise ``NotPermitted``, ``FigureInvalid``, ``ConcurrentEdit`` (``expected_version`` is
    not the stored one: someone saved first) or ``WorkflowError`` (an approved figure).
    """
    cells = {
        "indicator": observation.indicator.code,
        "unit": observation.unit.code,
        "period": observation.period,
        "value": observation.value,
        "status": observation.status,
        "breakdown": observation.breakdown,
        "source": observation.source,
        "comment": observation.comment,
    }
    row = _check(cells | changes, user=user, locale=locale)
    checked = {"value": row.value, "status": row.status, "breakdown": row.breakdown}
    fields = {name: checked.get(name, text) for name, text in changes.items()}
    try:
        return edit_observation(
            observation.pk, user=user, expected_version=expected_version, reason=reason, **fields
        )
    except IntegrityError as error:
        raise WorkflowError(
            _("Đã có số liệu hiện hành cho chỉ số, đơn vị, kỳ và phân tổ này."),
            code="duplicate_figure",
        ) from error


def _check(cells: dict, *, user, locale: str | None) -> CheckedRow:
    """Run one figure through the importer's row checks; return it checked or raise."""
    read = ReadResult(
        file_format="json",
        layout="long",
        rows=[SourceRow(sheet="", row=1, cells=cells, columns={name: name for name in cells})],
    )
    chosen, problems = choose_locale(read, locale)
    checked, row_problems = check_rows(read, "", locale=chosen, permissions=Permissions(user))
    problems += row_problems
    refused = [problem for problem in problems if problem.code == "not_permitted"]
    if refused:
        raise NotPermitted(refused[0].message)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        raise FigureInvalid(errors)
    return checked[0]
