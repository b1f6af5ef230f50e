"""The workflow of a figure: draft → submitted → approved or rejected, and edits.

``submit_observations``, ``approve_observations``, ``reject_observations`` and
``edit_observation`` (with optimistic locking) each run in one transaction and check the
user's rights through ``accounts.permissions`` and the figure's state through the model
(``Observation.is_editable`` and the like). They raise ``WorkflowError`` (or its
``NotPermitted`` and ``ConcurrentEdit``) with a machine-readable ``code`` and a message in
the active language. docs/data-collection.md, "Workflow".
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plantrack.accounts import permissions
from plantrack.accounts.permissions import Action
from plantrack.observations.choices import RevisionAction, WorkflowState
from plantrack.observations.models import Observation, ObservationRevision
from plantrack.observations.signals import send_figures_changed
from plantrack.observations.validation import (
    check_rows,
    choose_locale,
)
from plantrack.tabular.formatting import number_text


class WorkflowError(Exception):
    """A workflow step that is not allowed; ``code`` is machine-readable, the message says why."""

    code = "workflow_error"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code or self.code


class NotPermitted(WorkflowError, permissions.NotPermitted):
    """A workflow step the user may not take (``accounts.permissions``): 403 in the API."""

    code = "not_permitted"


class ConcurrentEdit(WorkflowError):
    code = "concurrent_edit"


def _locked(observation_ids) -> list[Observation]:
    """Lock the figures, in id order, and return them with their indicator and unit.

    Only the figures' own rows (``of=("self",)``): ``FOR UPDATE`` over the join would lock
    the indicator's and the unit's rows too, shared by every figure of the indicator, and
    deadlock against any transaction inserting one of its figures (which takes a key-share
    lock on both) on PostgreSQL (tests/api/test_eight_processes_edit_approve_and_supersede.py).
    """
    rows = list(
        Observation.objects.select_for_update(of=("self",))
        .select_related("indicator", "unit")
        .filter(pk__in=observation_ids)
        .order_by("pk")
    )
    if len(rows) != len(set(observation_ids)):
        raise WorkflowError(_("Không tìm thấy số liệu."), code="not_found")
    return rows


def _lock_vintages(observation_ids) -> None:
    """Lock every vintage of the figures' keys, in id order, before approving them.

    Approving a figure changes which vintage of its key is current, as recording a new
    vintage does (``vintages.record_observation``, which locks the key's vintages in id
    order): locked in the same order, two such transactions wait for each other instead
    of deadlocking, and the second finds the current figure the first made, rather than
    missing it and breaking ``observation_one_current_per_key`` (both were 500s on
    PostgreSQL: tests/api/test_eight_processes_edit_approve_and_supersede.py).
    """
    keys = Observation.objects.filter(pk__in=observation_ids).values(
        "indicator_id", "unit_id", "period", "breakdown"
    )
    same_key = Q()
    for key in keys.distinct().order_by():
        same_key |= Q(**key)
    if same_key:
        list(
            Observation.objects.select_for_update(of=("self",))
            .filter(same_key)
            .order_by("pk")
            .values_list("pk", flat=True)
        )


@transaction.atomic
def submit_observations(observation_ids, *, user) -> list[Observation]:
    """Send drafts (or rejected figures, corrected) for approval."""
    rows = _locked(observation_ids)
    allowed = _allowed(user, Action.CHANGE, rows)
    for observation in rows:
        if observation.pk not in allowed:
            raise NotPermitted(_not_yours(observation))
        if not observation.is_submittable:
            raise WorkflowError(
                _("Chỉ gửi được số liệu nháp hoặc bị trả lại; số liệu này đang “%(state)s”.")
                % {"state": observation.get_state_display()},
                code="wrong_state",
            )
        observation.state = WorkflowState.SUBMITTED
        observation.save(update_fields=["state"], changed_by=user, reason=_("Gửi duyệt"))
    return rows


@transaction.atomic
def approve_observations(observation_ids, *, user, note: str = "") -> list[Observation]:
    """Approve submitted figures; an approved figure becomes the current one for its key.

    Four eyes: a user who entered or last edited a figure does not approve it
    (``own_figures``; ``self_approval``, 403), planners and admins included, unless
    ``PLANTRACK_ALLOW_SELF_APPROVAL`` is on for a one-person office; then the approval's
    revision says it was a self-approval (``self_approval_mark``, in its reason and changes).
    """
    _lock_vintages(observation_ids)
    rows = _locked(observation_ids)
    allowed = _allowed(user, Action.APPROVE, rows)
    for observation in rows:
        if observation.pk not in allowed:
            raise NotPermitted(
                _("Bạn không được phê duyệt số liệu của chỉ số %(code)s.")
                % {"code": observation.indicator.code}
            )
    own = own_figures(user, rows)
    if own and not settings.PLANTRACK_ALLOW_SELF_APPROVAL:
        first = next(row for row in rows if row.pk in own)
        raise SelfApproval(
            _(
                "Bạn đã nhập hoặc sửa lần cuối số liệu %(value)s của %(code)s, %(unit)s, kỳ "
                "%(period)s nên không tự phê duyệt được: cần một người phê duyệt khác "
                "(nguyên tắc bốn mắt)."
            )
            % {
                "value": number_text(first.value),
                "code": first.indicator.code,
                "unit": first.unit,
                "period": first.period,
            }
        )
    for observation in rows:
        if not observation.awaits_review:
            raise WorkflowError(
                _("Chỉ phê duyệt được số liệu đã gửi; số liệu này đang “%(state)s”.")
                % {"state": observation.get_state_display()},
                code="wrong_state",
            )
        newer = Observation.objects.filter(supersedes=observation).first()
        if newer is not None:
            # Approving it would put an outdated figure back in front of the newer one.
            raise WorkflowError(
                _(
                    "Số liệu %(value)s của %(code)s, %(unit)s, kỳ %(period)s đã được thay bằng "
                    "số liệu mới hơn (%(newer)s): hãy duyệt số liệu mới."
                )
                % {
                    "value": number_text(observation.value),
                    "code": observation.indicator.code,
                    "unit": observation.unit,
                    "period": observation.period,
                    "newer": number_text(newer.value),
                },
                code="superseded",
            )
        if not observation.is_current:
            current = (
                Observation.objects.select_for_update(of=("self",))
                .filter(
                    indicator_id=observation.indicator_id,
                    unit_id=observation.unit_id,
                    period=observation.period,
                    breakdown=observation.breakdown,
                    is_current=True,
                )
                .first()
            )
            if current is not None:
                current.is_current = False
                current.save(
                    update_fields=["is_current"], changed_by=user, reason=_("Thay bằng số liệu mới")
                )
                observation.supersedes = current
            observation.is_current = True
        observation.state = WorkflowState.APPROVED
        observation.review_note = note
        reason = note or _("Phê duyệt")
        if observation.pk in own:
            reason = f"{reason} ({self_approval_mark()})"
        observation.save(
            update_fields=["state", "is_current", "supersedes", "review_note"],
            changed_by=user,
            reason=reason,
            self_approval=observation.pk in own,
        )
    send_figures_changed(rows)
    return rows


class SelfApproval(NotPermitted):
    """An approval of one's own figure while four eyes are required: 403 in the API."""

    code = "self_approval"


def self_approval_mark() -> str:
    """Return the words that mark a self-approval in the figure's history."""
    return _("tự phê duyệt: người nhập hoặc sửa lần cuối cũng là người duyệt")


# The fields whose change makes the user who changed them the figure's last editor (the
# workflow's own fields, state and review note, do not).
CONTENT_FIELDS = frozenset(
    ("value", "status", "source", "comment", "breakdown", "published_on", "period", "unit_id")
)


def own_figures(user, rows: list[Observation]) -> set[int]:
    """Return the ids among ``rows`` that ``user`` entered or last edited (one query).

    Entered: ``created_by``, or the user of its CREATED revision. Last edited: the user of
    the latest revision that changed a ``CONTENT_FIELDS`` field. An anonymous or system
    caller (``user`` None) owns nothing.
    """
    if user is None or not getattr(user, "pk", None):
        return set()
    own = {row.pk for row in rows if row.created_by_id == user.pk}
    revisions = ObservationRevision.objects.filter(
        observation_id__in=[row.pk for row in rows]
    ).order_by("observation_id", "at", "id")
    last_editor: dict[int, int | None] = {}
    for observation_id, action, changes, user_id in revisions.values_list(
        "observation_id", "action", "changes", "user_id"
    ):
        if action == RevisionAction.CREATED:
            if user_id == user.pk:
                own.add(observation_id)
            last_editor[observation_id] = user_id
        elif CONTENT_FIELDS & set(changes or {}):
            last_editor[observation_id] = user_id
    own |= {pk for pk, editor in last_editor.items() if editor == user.pk}
    return own


@transaction.atomic
def reject_observations(observation_ids, *, user, reason: str) -> list[Observation]:
    """Send submitted figures back to their reporter, with the reason."""
    if not reason.strip():
        raise WorkflowError(_("Hãy ghi lý do trả lại."), code="reason_required")
    rows = _locked(observation_ids)
    allowed = _allowed(user, Action.APPROVE, rows)
    for observation in rows:
        if observation.pk not in allowed:
            raise NotPermitted(
                _("Bạn không được duyệt số liệu của chỉ số %(code)s.")
                % {"code": observation.indicator.code}
            )
        if not observation.awaits_review:
            raise WorkflowError(
                _("Chỉ trả lại được số liệu đã gửi; số liệu này đang “%(state)s”.")
                % {"state": observation.get_state_display()},
                code="wrong_state",
            )
        observation.state = WorkflowState.REJECTED
        observation.review_note = reason
        observation.save(update_fields=["state", "review_note"], changed_by=user, reason=reason)
    send_figures_changed(rows)
    return rows


# The fields of a figure its reporter may change (the rest make it another figure).
EDITABLE_FIELDS = ("value", "status", "source", "comment", "breakdown")


@transaction.atomic
def edit_observation(
    observation_id: int,
    *,
    user,
    expected_version: int,
    reason: str = "",
    locale: str | None = None,
    **changes,
) -> Observation:
    """Change a figure not yet sent for approval, refusing the save if someone saved first.

    The one edit path (the web form, the API and scripts call it). In order: the user must
    be allowed to change the figure (``Action.CHANGE``: ``NotPermitted``); the figure must be
    editable (``Observation.is_editable``: a draft or a returned figure; a submitted one
    waits for its approver, who returns it to be corrected; an approved one is replaced by a
    new vintage, ``record_observation``: ``wrong_state``); ``expected_version`` must be the
    stored version (else a second editor saved first: ``ConcurrentEdit``); the figure as
    changed must pass the importer's row checks (``FigureInvalid``). ``changes`` may hold
    ``value`` (a number, or a text in Vietnamese or English style; an ambiguous "1.234" in
    ``locale``, by default the active language's), ``status``, ``source``, ``comment`` and
    ``breakdown``. A returned figure that is edited goes back to draft, to be submitted
    again.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise WorkflowError(
            _("Không sửa được trường: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="invalid_field",
        )
    (observation,) = _locked([observation_id])
    if observation.pk not in _allowed(user, Action.CHANGE, [observation]):
        raise NotPermitted(_not_yours(observation))
    if not observation.is_editable:
        raise WorkflowError(_not_editable(observation), code="wrong_state")
    if observation.version != expected_version:
        last = observation.revisions.select_related("user").last()
        raise ConcurrentEdit(
            _(
                "Số liệu này vừa được %(who)s sửa lúc %(when)s (phiên bản %(version)s); hãy tải "
                "lại để xem giá trị mới rồi sửa tiếp."
            )
            % {
                "who": _who(last.user if last else None),
                "when": (timezone.localtime(last.at).strftime("%H:%M %d/%m/%Y") if last else "…"),
                "version": observation.version,
            }
        )
    if locale is None and "value" in changes:
        locale = "en" if (get_language() or "vi").startswith("en") else "vi"
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
    try:
        row = check_figure(cells | changes, user=user, locale=locale)
    except FigureInvalid as error:
        raise FigureInvalid(error.problems, single=True) from None
    checked = {"value": row.value, "status": row.status, "breakdown": row.breakdown}
    for name, value in changes.items():
        setattr(observation, name, checked.get(name, value))
    if observation.state == WorkflowState.REJECTED:
        observation.state = WorkflowState.DRAFT
    try:
        observation.full_clean(validate_unique=False)
    except ValidationError as error:
        raise WorkflowError(" ".join(error.messages), code="invalid") from error
    try:
        with transaction.atomic():
            observation.save(changed_by=user, reason=reason)
    except IntegrityError as error:
        raise WorkflowError(
            _("Đã có số liệu hiện hành cho chỉ số, đơn vị, kỳ và phân tổ này."),
            code="duplicate_figure",
        ) from error
    return observation


def _allowed(user, action: Action, rows: list[Observation]) -> set[int]:
    """Return the ids among ``rows`` that ``user`` may ``action`` (one query)."""
    ids = [row.pk for row in rows]
    return set(
        Observation.objects.for_user(user, action).filter(pk__in=ids).values_list("pk", flat=True)
    )


def _not_editable(observation: Observation) -> str:
    """Say why a figure is not edited now (``Observation.is_editable``)."""
    if observation.state == WorkflowState.APPROVED:
        return _("Số liệu đã phê duyệt không sửa trực tiếp: hãy nhập số liệu mới thay thế.")
    return _(
        "Số liệu đang “%(state)s” nên không sửa được: chỉ sửa số liệu nháp hoặc bị trả lại; "
        "người phê duyệt trả lại số liệu đã gửi nếu cần sửa."
    ) % {"state": observation.get_state_display()}


def _who(user) -> str:
    if user is None:
        return _("người khác")
    return user.get_full_name() or user.get_username()


def _not_yours(observation: Observation) -> str:
    return _("Bạn không được báo cáo chỉ số %(code)s cho %(unit)s: chỉ số này thuộc %(owner)s.") % {
        "code": observation.indicator.code,
        "unit": observation.unit,
        "owner": observation.indicator.owner or _("cơ quan khác"),
    }


# --- the checks of a figure typed by hand -------------------------------------------------


class FigureInvalid(WorkflowError):
    """A figure that fails the importer's row checks; ``problems`` says what and where.

    A new figure is refused as ``invalid_observation`` (the API's contract for
    ``POST /api/observations/``); an edit refused for one problem names that problem
    (``out_of_range``: "Giá trị 120 nằm ngoài khoảng cho phép …"), as the editor changed
    one thing.
    """

    code = "invalid_observation"

    def __init__(self, problems, *, single: bool = False) -> None:
        if single and len(problems) == 1:
            super().__init__(problems[0].message, code=problems[0].code)
        else:
            message = _("Số liệu không hợp lệ: %(problem)s") % {"problem": problems[0].message}
            super().__init__(message)
        self.problems = problems


def check_figure(cells: dict, *, user, locale: str | None):
    """Run one figure through the importer's row checks; return its ``CheckedRow`` or raise."""
    from plantrack.observations.importing import ReadResult
    from plantrack.tabular.readers import SourceRow

    read = ReadResult(
        file_format="json",
        layout="long",
        rows=[SourceRow(sheet="", row=1, cells=cells, columns={name: name for name in cells})],
    )
    chosen, problems = choose_locale(read, locale)
    checked, row_problems = check_rows(
        read, "", locale=chosen, permissions=permissions.Permissions.of(user)
    )
    problems += row_problems
    refused = [problem for problem in problems if problem.code == "not_permitted"]
    if refused:
        raise NotPermitted(refused[0].message)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        raise FigureInvalid(errors)
    return checked[0]
