"""Writes of the extraction app: read a file into a run, review a candidate, import.

Nothing reaches the plan without review: ``import_candidates`` creates targets only for
the candidates a planner accepted, and ``plantrack extract --apply`` calls the same
function on the run that was reviewed for the file.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plantrack.accounts.permissions import require_all_seeing
from plantrack.extraction.choices import CandidateKind, ReviewState
from plantrack.extraction.extractor import PERIOD_KINDS, extract_targets
from plantrack.extraction.matching import IndicatorRef, match_indicator
from plantrack.extraction.models import Candidate, ExtractionRun
from plantrack.extraction.readers import read_text
from plantrack.geo.models import AdminUnit
from plantrack.plans.choices import Comparator, Direction, SeriesMeasure, TargetKind
from plantrack.plans.models import Indicator, Plan, Target

# The kinds a candidate may have beyond the target kinds become "level" targets: a share
# is the level of a share indicator, a rank the level of a rank indicator.
TARGET_KIND_OF: dict[str, TargetKind] = {
    CandidateKind.LEVEL: TargetKind.LEVEL,
    CandidateKind.AVERAGE_GROWTH: TargetKind.AVERAGE_GROWTH,
    CandidateKind.ANNUAL_CHANGE: TargetKind.ANNUAL_CHANGE,
    CandidateKind.CUMULATIVE: TargetKind.CUMULATIVE,
    CandidateKind.SHARE: TargetKind.LEVEL,
    CandidateKind.RANK: TargetKind.LEVEL,
    CandidateKind.QUALITATIVE: TargetKind.QUALITATIVE,
}

# Fields a reviewer may change (the review form's fields, and the command's none).
EDITABLE_FIELDS = (
    "indicator",
    "new_indicator_code",
    "new_indicator_name",
    "kind",
    "comparator",
    "value",
    "upper_value",
    "unit",
    "period_start",
    "period_end",
    "target_year",
)


class ImportRefused(Exception):
    """The import was refused and nothing was written; ``messages`` say which candidate
    and why, in Vietnamese."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def checksum_of(data: bytes) -> str:
    """Return the SHA-256 of a file's bytes, as hexadecimal."""
    return hashlib.sha256(data).hexdigest()


def indicator_refs() -> list[IndicatorRef]:
    """Return the registry's indicators as the matcher reads them, in code order."""
    return [
        IndicatorRef(code, name, name_en)
        for code, name, name_en in Indicator.objects.order_by("code").values_list(
            "code", "name", "name_en"
        )
    ]


def create_run(*, file_name: str, data: bytes, user, plan: Plan | None = None,
               source: str = "") -> ExtractionRun:  # fmt: skip
    """Read a decision's file, extract its candidate targets and keep them for review.

    Raise ``readers.ReadError`` (a ValueError with a Vietnamese message) for a file that
    cannot be read; nothing is written then. Each candidate is matched to the registry's
    indicators: a match above the threshold is proposed, else a new indicator's code.
    """
    require_all_seeing(user, _("Chỉ cán bộ kế hoạch và quản trị được đọc văn bản quy hoạch."))
    text = read_text(file_name, data)
    found = extract_targets(text)
    refs = indicator_refs()
    ids = dict(Indicator.objects.values_list("code", "id"))
    if not source and plan is not None and plan.decision:
        source = plan.decision
    with transaction.atomic():
        run = ExtractionRun.objects.create(
            file_name=file_name,
            checksum=checksum_of(data),
            text=text,
            plan=plan,
            source=source,
            created_by=user if user is not None and user.is_authenticated else None,
        )
        rows = []
        for order, candidate in enumerate(found, start=1):
            match = match_indicator(candidate.indicator_text, refs)
            rows.append(
                Candidate(
                    run=run,
                    order=order,
                    span_start=candidate.span[0],
                    span_end=candidate.span[1],
                    indicator_text=candidate.indicator_text,
                    indicator_id=ids.get(match.code) if match.code else None,
                    match_confidence=match.confidence,
                    new_indicator_code="" if match.code else match.proposed_code,
                    new_indicator_name="" if match.code else match.proposed_name,
                    kind=candidate.kind,
                    comparator=candidate.comparator,
                    value=candidate.value,
                    upper_value=candidate.upper_value,
                    unit=candidate.unit,
                    scale=candidate.scale,
                    period_start=candidate.period_start,
                    period_end=candidate.period_end,
                    target_year=candidate.target_year,
                    scope=candidate.scope or "",
                    confidence=candidate.confidence,
                    extracted=candidate.as_record(),
                )
            )
        Candidate.objects.bulk_create(rows)
    return run


def review_candidate(candidate: Candidate, user, *, state: str, changes: dict) -> Candidate:
    """Record a reviewer's decision on a candidate and the values they edited.

    ``changes`` maps editable fields (``EDITABLE_FIELDS``) to their new values; an imported
    candidate keeps its values (its target is edited in the plan from then on).
    """
    require_all_seeing(user, _("Chỉ cán bộ kế hoạch và quản trị được rà soát chỉ tiêu."))
    if candidate.target_id is not None:
        raise ValidationError(_("Chỉ tiêu này đã được nhập vào quy hoạch, không sửa ở đây nữa."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(candidate, name, value)
    candidate.state = state
    candidate.reviewed_by = user if user is not None and user.is_authenticated else None
    candidate.reviewed_at = timezone.now()
    candidate.save(update_fields=[*changes, "state", "reviewed_by", "reviewed_at"])
    return candidate


@dataclass(frozen=True)
class _Years:
    start: int | None
    target: int | None


def _years(candidate: Candidate, kind: str) -> _Years:
    target = candidate.target_year or candidate.period_end
    start = candidate.period_start if (kind in PERIOD_KINDS or candidate.period_start) else None
    return _Years(start, target)


def _direction(candidate: Candidate) -> str:
    decreasing = candidate.comparator in (Comparator.LTE, Comparator.LT) or (
        candidate.value is not None and candidate.value < 0
    )
    return Direction.DECREASE if decreasing else Direction.INCREASE


def _indicator_for(candidate: Candidate) -> Indicator | None:
    """Return the candidate's indicator, creating the proposed new one if need be."""
    if candidate.indicator_id is not None:
        return candidate.indicator
    if not candidate.new_indicator_code:
        return None
    unit = candidate.unit
    if candidate.kind == CandidateKind.ANNUAL_CHANGE:
        unit = "%"
    elif candidate.kind == CandidateKind.AVERAGE_GROWTH:
        unit = ""  # the level's unit is not written with a growth rate
    indicator, _created = Indicator.objects.get_or_create(
        code=candidate.new_indicator_code,
        defaults={
            "name": candidate.new_indicator_name or candidate.indicator_text,
            "unit": unit,
            "direction": _direction(candidate),
        },
    )
    return indicator


def _scope_unit(candidate: Candidate, plan: Plan):
    """Return the unit the candidate names if exactly one unit has that name, else the plan's.

    Units are referred to by code (DESIGN.md); a name is used only when it is unambiguous.
    """
    if candidate.scope:
        units = list(AdminUnit.objects.filter(name__iexact=candidate.scope)[:2])
        if len(units) == 1:
            return units[0]
    return plan.scope_unit


def import_candidates(run: ExtractionRun, user) -> list[Target]:
    """Create the plan's targets of the run's accepted candidates, in one transaction.

    Pending and rejected candidates create nothing; a candidate imported before is not
    imported again. A new indicator proposed by an accepted candidate is created (or the
    indicator of that code reused). If any target is refused (a year outside the plan's
    period, a missing value), ``ImportRefused`` lists every refusal and nothing is written.
    Planners and admins only; ``user=None`` is the command line (``plantrack extract
    --apply``), whose operator has the database already.
    """
    if user is not None:
        require_all_seeing(user, _("Chỉ cán bộ kế hoạch và quản trị được nhập chỉ tiêu."))
    plan = run.plan
    if plan is None:
        raise ImportRefused([_("Chưa chọn quy hoạch, kế hoạch để nhập các chỉ tiêu vào.")])
    reviewer = getattr(user, "username", "") or _("lệnh plantrack extract")
    refusals: list[str] = []
    created: list[Target] = []
    with transaction.atomic():
        accepted = (
            run.candidates.select_for_update(of=("self",))
            .filter(state=ReviewState.ACCEPTED, target__isnull=True)
            .select_related("indicator")
            .order_by("order")
        )
        order = (plan.targets.aggregate(last=Max("order"))["last"] or 0) + 1
        for candidate in accepted:
            target = _target_of(candidate, run, plan, order, reviewer)
            try:
                target.full_clean(exclude=["indicator"] if target.indicator is None else None)
            except ValidationError as error:
                refusals.append(_refusal(candidate, run, error))
                continue
            target.save()
            candidate.target = target
            candidate.save(update_fields=["target"])
            created.append(target)
            order += 1
        if refusals:
            raise ImportRefused(refusals)  # rolls the transaction back
    return created


def _target_of(candidate: Candidate, run: ExtractionRun, plan: Plan, order: int, reviewer):
    kind = TARGET_KIND_OF[candidate.kind]
    indicator = _indicator_for(candidate)
    years = _years(candidate, kind)
    measure = ""
    if kind == TargetKind.AVERAGE_GROWTH:
        is_rate = indicator is not None and indicator.unit == "%"
        measure = SeriesMeasure.GROWTH_RATE if is_rate else SeriesMeasure.LEVEL
    return Target(
        plan=plan,
        indicator=indicator,
        scope_unit=_scope_unit(candidate, plan),
        kind=kind,
        measure=measure,
        comparator=candidate.comparator,
        value=candidate.value,
        upper_value=candidate.upper_value,
        unit=candidate.unit,
        start_year=years.start,
        # None when the passage gives no year: full_clean then refuses the target (import_
        # candidates says why); django-stubs types the argument as the saved column.
        target_year=years.target,  # type: ignore[misc]
        phrase=run.text[candidate.span_start : candidate.span_end],
        source=run.source or run.file_name,
        note=_("Trích xuất từ tệp %(file)s, %(who)s rà soát.")
        % {"file": run.file_name, "who": reviewer},
        order=order,
    )


def _refusal(candidate: Candidate, run: ExtractionRun, error: ValidationError) -> str:
    messages: list[str] = []
    for field_messages in error.message_dict.values():
        messages.extend(str(message) for message in field_messages)
    if candidate.target_year is None and candidate.period_end is None:
        messages = [_("Chưa có năm mục tiêu.")]
    return _("Chỉ tiêu số %(order)s (“%(phrase)s”): %(reasons)s") % {
        "order": candidate.order,
        "phrase": run.text[candidate.span_start : candidate.span_end][:80],
        "reasons": " ".join(dict.fromkeys(messages)),
    }


def reviewed_run_for(data: bytes, plan: Plan) -> ExtractionRun | None:
    """Return the latest run of this file for ``plan`` with accepted candidates, if any."""
    return (
        ExtractionRun.objects.filter(
            checksum=checksum_of(data), plan=plan, candidates__state=ReviewState.ACCEPTED
        )
        .distinct()
        .order_by("-created_at", "-id")
        .first()
    )
