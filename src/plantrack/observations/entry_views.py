"""The data-entry pages: upload a file, the agency's figures in the workflow, approvals.

Thin views over the one importer and the workflow services of ``observations.workflow``
(the same functions the ``import`` command and the API call), which decide what a user may
do. What a page lists goes through ``Observation.objects.for_user`` and the user's rights
(``accounts.permissions.Permissions``):

- ``/observations/import/``: any signed-in user uploads a file (``import_observations``);
- ``/observations/imports/<id>/``: an import record, for its author, its agency's members,
  planners and admins;
- ``/observations/mine/``: members of an agency: their agencies' figures not yet approved
  (every agency's for planners and admins), submitted several at once; ``mine/new/``
  enters one figure (``enter_observation``), ``mine/<id>/edit/`` changes a draft or a
  rejected one (``edit_observation``, with the version it was loaded at);
- ``/observations/approvals/``: approvers, planners and admins: the submitted figures they
  may approve, approved or rejected several at once.

An anonymous visitor is sent to the login page; a user the page is not for gets 404, as
does a figure id the user may not see (nothing is changed); a figure the user sees but may
not act on is refused by the service, whose message the page shows.
"""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, Value, When
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from plantrack.accounts.choices import Role
from plantrack.accounts.gates import (
    approvers_only,
    approves_figures,
    members_only,
    permissions_of,
    reporters_only,
    reports_figures,
    signed_in,
)
from plantrack.accounts.models import Agency
from plantrack.accounts.permissions import Action, Permissions, permits
from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import ImportKind, Layout, WorkflowState
from plantrack.observations.entry import enter_observation
from plantrack.observations.entry_forms import EditForm, FigureForm, ImportForm
from plantrack.observations.imports import import_observations
from plantrack.observations.models import ImportBatch, Observation
from plantrack.observations.periods import PeriodError, parse_period
from plantrack.observations.workflow import (
    ConcurrentEdit,
    FigureInvalid,
    WorkflowError,
    approve_observations,
    edit_observation,
    reject_observations,
    submit_observations,
)
from plantrack.plans.choices import ValueType
from plantrack.plans.models import Indicator
from plantrack.tabular.formatting import active_locale
from plantrack.tabular.problems import ImportReport

# Figures a list page shows at once; the rest are on the next pages.
PAGE_SIZE = 100
# Import records the upload page lists.
RECENT_IMPORTS = 10
# Figures an import record's page lists.
BATCH_FIGURES = 200
# The HTTP status of a refused workflow step shown on a page; any other code is 409.
WORKFLOW_STATUS = {
    "not_permitted": 403,
    "self_approval": 403,
    "not_found": 404,
    "reason_required": 400,
}
# The largest id a form may send: a bigint (SQLite raises OverflowError past 64 bits).
MAX_ID = 2**63 - 1
# The order the agency's figures are listed in: what needs the reporter first.
STATE_ORDER = Case(
    When(state=WorkflowState.REJECTED, then=Value(0)),
    When(state=WorkflowState.DRAFT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
APPROVE, REJECT = "approve", "reject"


def reporting_agency_ids(permissions: Permissions) -> list[int]:
    """Return the agencies the user reports for (empty for planners: they report for all)."""
    return sorted(permissions.agency_ids(Role.REPORTER))


def _tabs(request) -> dict:
    """Return what the pages' shared navigation needs."""
    permissions = permissions_of(request)
    return {
        "is_member": permissions.is_member,
        "may_approve": approves_figures(permissions),
    }


def _selected_ids(request) -> list[int] | None:
    """Return the figure ids ticked in the form, or None when one is not an id."""
    try:
        ids = sorted({int(value) for value in request.POST.getlist("ids")})
    except ValueError:
        return None
    if ids and not (1 <= ids[0] and ids[-1] <= MAX_ID):
        return None
    return ids


def _visible_or_404(user, ids: list[int]) -> None:
    """Raise 404 unless the user may see every figure of ``ids`` (``for_user``)."""
    seen = Observation.objects.for_user(user).filter(pk__in=ids).count()
    if seen != len(ids):
        raise Http404


# --- uploading a file ------------------------------------------------------------------------


@signed_in
def import_file(request):
    """Show the upload form; import an uploaded file and show its report."""
    permissions = permissions_of(request)
    agencies = Agency.objects.select_related("unit").order_by("name")
    if not permissions.all_seeing:
        agencies = agencies.filter(pk__in=list(permissions.roles))
    agency_list = list(agencies)
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        agencies=agency_list,
        may_approve=approves_figures(permissions),
        agency_required=not permissions.all_seeing and bool(agency_list),
        initial={"agency": agency_list[0].pk} if len(agency_list) == 1 else {},
    )
    report = None
    status = 200
    if posted:
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = import_observations(
                upload.read(),
                upload.name,
                user=request.user,
                agency=form.cleaned_data["agency"],
                locale=form.cleaned_data["locale"] or None,
                dry_run=form.cleaned_data["dry_run"],
                approve=form.cleaned_data.get("approve", False),
            )
            status = 422 if report.errors else 200
        else:
            status = 400
    context = {
        "form": form,
        "report": report,
        "layout_label": _layout_label(report),
        "template_agencies": agency_list,
        "template_period": str(timezone.localdate().year),
        "recent": ImportBatch.objects.for_user(request.user)
        .filter(kind=ImportKind.FIGURES)
        .select_related("user", "agency")[:RECENT_IMPORTS],
        **_tabs(request),
    }
    return render(request, "observations/entry/import.html", context, status=status)


def _layout_label(report: ImportReport | None) -> str | Promise:
    if report is None or report.layout not in Layout.values:
        return ""
    return Layout(report.layout).label


@signed_in
def import_record(request, batch_id: int):
    """Show one import record and the figures it created."""
    batch = get_object_or_404(
        ImportBatch.objects.for_user(request.user).select_related("user", "agency"), pk=batch_id
    )
    created = (
        Observation.objects.for_user(request.user)
        .filter(import_batch=batch)
        .select_related("indicator", "unit")
        .order_by("indicator__code", "unit__code", "period", "breakdown", "pk")
    )
    context = {
        "batch": batch,
        "figures": created[:BATCH_FIGURES],
        "more": max(batch.created_count - BATCH_FIGURES, 0),
        **_tabs(request),
    }
    return render(request, "observations/entry/import_record.html", context)


# --- the agency's figures --------------------------------------------------------------------


def _pending(user):
    """Return the figures not yet approved that ``user`` may see, newest vintage of each."""
    return (
        Observation.objects.for_user(user)
        .filter(
            state__in=[WorkflowState.DRAFT, WorkflowState.SUBMITTED, WorkflowState.REJECTED],
            # A draft a newer one replaced is history, not work.
            superseded_by__isnull=True,
        )
        .select_related("indicator", "unit", "agency")
    )


@members_only
def mine(request):
    """List the agencies' figures in draft, submitted or rejected; submit the ticked ones."""
    if request.method == "POST":
        return _submit(request)
    return _mine_page(request)


def _mine_page(request, error: str = "", status: int = 200):
    permissions = permissions_of(request)
    figures = _pending(request.user).order_by(
        STATE_ORDER, "indicator__code", "unit__code", "period", "breakdown", "pk"
    )
    page = Paginator(figures, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for observation in page:
        may_report = permissions.may_report(observation.indicator, observation.unit_id)
        editable = observation.is_editable
        rows.append({"figure": observation, "may_act": may_report and editable})
    context = {
        "rows": rows,
        "page": page,
        "error": error,
        "may_enter": reports_figures(permissions),
        "states": WorkflowState,
        **_tabs(request),
    }
    return render(request, "observations/entry/mine.html", context, status=status)


def _submit(request):
    ids = _selected_ids(request)
    if ids is None:
        return HttpResponseBadRequest(_("Mã số liệu không hợp lệ."))
    if not ids:
        return _mine_page(request, _("Hãy chọn ít nhất một số liệu để gửi duyệt."), 400)
    _visible_or_404(request.user, ids)
    try:
        submit_observations(ids, user=request.user)
    except WorkflowError as error:
        return _mine_page(request, str(error), WORKFLOW_STATUS.get(error.code, 409))
    messages.success(request, _("Đã gửi duyệt %(count)s số liệu.") % {"count": len(ids)})
    return redirect("observations:mine")


def _indicator_choices(permissions: Permissions) -> list[tuple[str, str]]:
    indicators = Indicator.objects.exclude(value_type=ValueType.QUALITATIVE).order_by("code")
    if not permissions.all_seeing:
        indicators = indicators.filter(owner_id__in=reporting_agency_ids(permissions))
    return [
        (indicator.code, f"{indicator.code} — {indicator.name}")
        for indicator in indicators.only("code", "name")
    ]


def _unit_choices(permissions: Permissions, period_text: str = "") -> list:
    """Return the units in the user's remit as grouped choices (value: the unit's code).

    With a period that can be read, only the units that existed during it are offered (the
    2025 reform ended districts on 30/6/2025 and began the merged communes on 1/7/2025);
    without one, every unit, each group saying when its units were valid. Groups: the
    province, the districts, the communes of each district, the communes after the reform.
    A code two units carried (the reform reused codes) is told apart by the period.
    """
    units = AdminUnit.objects.select_related("parent").order_by("name", "code")
    try:
        period = parse_period(period_text) if period_text.strip() else None
    except PeriodError:
        period = None
    if period is not None:
        units = units.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
            Q(valid_to__isnull=True) | Q(valid_to__gte=period.start),
        )
    agencies = reporting_agency_ids(permissions)
    groups: dict[tuple, list[tuple[str, str]]] = {}
    for unit in units:
        if not (permissions.all_seeing or any(permissions.in_remit(a, unit.pk) for a in agencies)):
            continue
        groups.setdefault(_unit_group(unit), []).append((unit.code, f"{unit.name} ({unit.code})"))
    return [(key[-1], choices) for key, choices in sorted(groups.items(), key=lambda g: g[0][:-1])]


# The order of the groups of the unit picker: by level, then the units' era.
_LEVELS = {UnitLevel.PROVINCE: 0, UnitLevel.DISTRICT: 1, UnitLevel.COMMUNE: 2}


def _unit_group(unit: AdminUnit) -> tuple:
    """Return the sort key and label of a unit's group in the unit picker."""
    level = UnitLevel(unit.level)
    label = str(level.label)
    parent = unit.parent
    by_district = level == UnitLevel.COMMUNE and parent is not None
    if by_district and parent is not None and parent.level == UnitLevel.DISTRICT:
        label = _("%(level)s thuộc %(district)s") % {"level": label, "district": parent.name}
    else:
        parent = None
    if unit.valid_to is not None:
        era = _("đến %(day)s") % {"day": date_format(unit.valid_to, "SHORT_DATE_FORMAT")}
        label = f"{label} ({era})"
    elif unit.valid_from is not None:
        era = _("từ %(day)s") % {"day": date_format(unit.valid_from, "SHORT_DATE_FORMAT")}
        label = f"{label} ({era})"
    started = unit.valid_from or datetime.date.min
    return (_LEVELS.get(level, 3), started, parent.name if parent else "", label)


@reporters_only
def enter(request):
    """Show the form that enters one figure; record it as a draft (or submit it)."""
    permissions = permissions_of(request)
    posted = request.method == "POST"
    # The period chooses the units offered: the posted one, or the one the page was asked
    # for (the "units of this period" button without JavaScript, htmx on the period field).
    period = (request.POST if posted else request.GET).get("period", "")
    form = FigureForm(
        request.POST if posted else None,
        initial={name: request.GET[name] for name in FigureForm.base_fields if name in request.GET},
        indicators=_indicator_choices(permissions),
        units=_unit_choices(permissions, period),
        refresh_url=request.path,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                observation, written = enter_observation(
                    user=request.user,
                    indicator=data["indicator"],
                    unit=data["unit"],
                    period=data["period"],
                    value=data["value"],
                    status=data["status"],
                    source=data["source"],
                    comment=data["comment"],
                    locale=active_locale(),
                    submit=data["submit"],
                    reason=_("Nhập trên trang web"),
                )
            except FigureInvalid as error:
                for problem in error.problems:
                    field = problem.column if problem.column in form.fields else None
                    form.add_error(field, problem.message)
            except WorkflowError as error:
                form.add_error(None, str(error))
                status = WORKFLOW_STATUS.get(error.code, 409)
            else:
                messages.success(request, _entered_message(observation, written))
                return redirect("observations:mine")
    context = {"form": form, **_tabs(request)}
    return render(request, "observations/entry/enter.html", context, status=status)


def _entered_message(observation: Observation, written: bool) -> str:
    what = {
        "code": observation.indicator.code,
        "unit": observation.unit,
        "period": observation.period,
        "state": observation.get_state_display().lower(),
    }
    if not written:
        return (
            _("Số liệu %(code)s, %(unit)s, kỳ %(period)s đã có đúng như vậy: không ghi thêm.")
            % what
        )
    return _("Đã ghi số liệu %(code)s, %(unit)s, kỳ %(period)s (%(state)s).") % what


@members_only
def edit(request, observation_id: int):
    """Show a figure's edit form; save it unless someone saved in between."""
    observation = get_object_or_404(
        Observation.objects.for_user(request.user).select_related("indicator", "unit", "agency"),
        pk=observation_id,
    )
    refusal = ""
    if not permits(request.user, Action.CHANGE, observation):
        refusal = _("Bạn không được sửa số liệu này: chỉ người báo cáo của %(owner)s sửa được.") % {
            "owner": observation.indicator.owner or _("cơ quan chủ trì")
        }
    elif not observation.is_editable:
        refusal = _(
            "Số liệu đang “%(state)s” nên không sửa ở đây: chỉ sửa số liệu nháp hoặc bị trả lại."
        ) % {"state": observation.get_state_display()}
    data = request.POST if request.method == "POST" else None
    form = EditForm(data, initial=EditForm.initial_for(observation))
    status = 403 if refusal and request.method == "POST" else 200
    attempted = None
    conflict = ""
    if request.method == "POST" and not refusal:
        status = 400
        if form.is_valid():
            changes = {
                name: form.cleaned_data[name]
                for name in EditForm.FIGURE_FIELDS
                if form.cleaned_data[name] != form.initial[name]
            }
            if not changes:
                messages.info(request, _("Không có gì thay đổi."))
                return redirect("observations:mine")
            try:
                edit_observation(
                    observation.pk,
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                    reason=form.cleaned_data["reason"],
                    locale=active_locale(),
                    **changes,
                )
            except ConcurrentEdit as error:
                # Start again from what is stored now; what the user typed is shown beside.
                attempted = {name: form.cleaned_data[name] for name in EditForm.FIGURE_FIELDS}
                conflict = str(error)
                observation.refresh_from_db()
                form = EditForm(initial=EditForm.initial_for(observation))
                status = 409
            except FigureInvalid as error:
                for problem in error.problems:
                    field = problem.column if problem.column in form.fields else None
                    form.add_error(field, problem.message)
                status = 422
            except WorkflowError as error:
                form.add_error(None, str(error))
                status = WORKFLOW_STATUS.get(error.code, 409)
            else:
                messages.success(
                    request,
                    _("Đã lưu số liệu %(code)s, %(unit)s, kỳ %(period)s.")
                    % {
                        "code": observation.indicator.code,
                        "unit": observation.unit,
                        "period": observation.period,
                    },
                )
                return redirect("observations:mine")
    context = {
        "figure": observation,
        "form": form,
        "refusal": refusal,
        "conflict": conflict,
        "attempted": attempted,
        **_tabs(request),
    }
    return render(request, "observations/entry/edit.html", context, status=status)


# --- approvals -------------------------------------------------------------------------------


def _approved_beside(field: str) -> Subquery:
    """Return a subquery of ``field`` of the approved figure a pending vintage would replace."""
    return Subquery(
        Observation.objects.filter(
            indicator_id=OuterRef("indicator_id"),
            unit_id=OuterRef("unit_id"),
            period=OuterRef("period"),
            breakdown=OuterRef("breakdown"),
            is_current=True,
            state=WorkflowState.APPROVED,
        )
        .exclude(pk=OuterRef("pk"))
        .values(field)[:1]
    )


def _awaiting(request):
    """Return the submitted figures the user may approve, each with the approved value it
    would replace (``approved_value`` and ``approved_source``; None when there is none)."""
    permissions = permissions_of(request)
    figures = Observation.objects.for_user(request.user).filter(
        state=WorkflowState.SUBMITTED, superseded_by__isnull=True
    )
    if not permissions.all_seeing:
        own = [pk for pk, roles in permissions.roles.items() if Role.APPROVER in roles]
        figures = figures.filter(indicator__owner_id__in=own)
    return figures.select_related("indicator", "unit", "agency", "created_by").annotate(
        approved_value=_approved_beside("value"),
        approved_source=_approved_beside("source"),
    )


@approvers_only
def approvals(request):
    """List the submitted figures the user may approve; approve or reject the ticked ones."""
    if request.method == "POST":
        return _review(request)
    return _approvals_page(request)


def _approvals_page(request, error: str = "", status: int = 200, note: str = ""):
    figures = _awaiting(request).order_by(
        "indicator__code", "unit__code", "period", "breakdown", "pk"
    )
    page = Paginator(figures, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "error": error,
        "note": note,
        "approve": APPROVE,
        "reject": REJECT,
        **_tabs(request),
    }
    return render(request, "observations/entry/approvals.html", context, status=status)


def _review(request):
    ids = _selected_ids(request)
    action = request.POST.get("action")
    note = request.POST.get("note", "").strip()
    if ids is None:
        message = _("Trường “ids” phải là mã số liệu: số nguyên từ 1 đến %(maximum)s.")
        return _approvals_page(request, message % {"maximum": MAX_ID}, 400, note)
    if action not in (APPROVE, REJECT):
        return HttpResponseBadRequest(_("Yêu cầu không hợp lệ."))
    if not ids:
        return _approvals_page(request, _("Hãy chọn ít nhất một số liệu."), 400, note)
    _visible_or_404(request.user, ids)
    try:
        if action == APPROVE:
            approve_observations(ids, user=request.user, note=note)
            done = _("Đã phê duyệt %(count)s số liệu.")
        else:
            reject_observations(ids, user=request.user, reason=note)
            done = _("Đã trả lại %(count)s số liệu.")
    except WorkflowError as error:
        return _approvals_page(request, str(error), WORKFLOW_STATUS.get(error.code, 409), note)
    messages.success(request, done % {"count": len(ids)})
    return redirect("observations:approvals")
