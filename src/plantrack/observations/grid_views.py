"""The data-entry grid pages: a reporter types the agency's owed figures, an approver
approves or returns them, each cell at once (htmx) or the whole grid in one post.

One view, two renderings: a plain form post (no JavaScript) saves or reviews and comes
back to the page; the same post sent by htmx for one cell (``save``, ``approve`` or
``reject`` naming the cell) gets just that cell back, with its message in place. The
views only read the post and call the services (``entry.save_figure``,
``workflow.submit_observations``, ``approve_observations``, ``reject_observations``),
which decide; the grid is read by ``grid.agency_grid``.

- ``/observations/grid/``: the agencies whose grid the user may open (straight to it when
  there is one);
- ``/observations/grid/<agency>/``: reporters of the agency (planners, admins) enter;
- ``/observations/grid/<agency>/review/``: approvers of the agency (planners, admins)
  review.

An anonymous visitor is sent to log in; a user the page is not for gets 404 with a message
saying why; a cell the user may not act on is refused by the service (403 and its message).
"""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from plantrack.accounts.gates import approves_figures, members_only, permissions_of
from plantrack.accounts.models import Agency
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.entry import save_figure
from plantrack.observations.grid import Cell, Grid, agency_grid, entry_agencies
from plantrack.observations.workflow import (
    FigureInvalid,
    WorkflowError,
    approve_observations,
    reject_observations,
    submit_observations,
)
from plantrack.tabular.formatting import active_locale

# The HTTP status of a refused step; any other refusal is 409 (as on the entry pages).
REFUSAL_STATUS = {"not_permitted": 403, "not_found": 404, "reason_required": 400}
ALL = "all"


def _tabs(permissions) -> dict:
    """Return what the data-entry pages' shared navigation needs (``entry/_nav.html``)."""
    return {"is_member": permissions.is_member, "may_approve": approves_figures(permissions)}


def _is_htmx(request) -> bool:
    """Return True for a request htmx sent (its ``HX-Request`` header)."""
    return bool(HtmxDetails(request))


@members_only
def grid_index(request):
    """List the grids the user may open: to enter, to review; go straight to a single one."""
    permissions = permissions_of(request)
    entering = entry_agencies(permissions, review=False)
    reviewing = entry_agencies(permissions, review=True)
    if not entering and not reviewing:
        raise Http404(
            _("Bảng nhập số liệu dành cho người báo cáo và người phê duyệt của một cơ quan.")
        )
    if len(entering) + len(reviewing) == 1:
        if entering:
            return redirect("observations:grid", agency_code=entering[0].code)
        return redirect("observations:grid_review", agency_code=reviewing[0].code)
    context = {"entering": entering, "reviewing": reviewing, **_tabs(permissions)}
    return render(request, "observations/grid/index.html", context)


def _agency_or_404(request, agency_code: str, *, review: bool) -> Agency:
    for agency in entry_agencies(permissions_of(request), review=review):
        if agency.code == agency_code:
            return agency
    if review:
        message = _(
            "Không có bảng duyệt số liệu của cơ quan “%(code)s” cho bạn: chỉ người phê duyệt "
            "của cơ quan, cán bộ kế hoạch và quản trị mở được trang này."
        )
    else:
        message = _(
            "Không có bảng nhập số liệu của cơ quan “%(code)s” cho bạn: chỉ người báo cáo "
            "của cơ quan, cán bộ kế hoạch và quản trị mở được trang này."
        )
    raise Http404(message % {"code": agency_code})


# --- entering ------------------------------------------------------------------------------


@members_only
def grid(request, agency_code: str):
    """Show the agency's grid to enter; save the typed cells, or save and submit them all."""
    agency = _agency_or_404(request, agency_code, review=False)
    table = agency_grid(agency, user=request.user)
    if request.method != "POST":
        return _page(request, table, review=False)
    source = request.POST.get("source", "").strip()
    status = request.POST.get("status", "")
    if status not in FigureStatus.values:
        status = ""
    one = request.POST.get("save", "")
    if one and one != ALL:
        cell = _posted_cell(table, one)
        _save(request, cell, source=source, status=status)
        return _cell_response(request, table, cell, review=False)
    changed = [cell for cell in table.cells if _typed(request, cell) is not None]
    for cell in changed:
        _save(request, cell, source=source, status=status)
    failed = [cell for cell in changed if cell.errors]
    if failed:
        message = _("%(count)s ô chưa lưu được: xem thông báo bên cạnh từng ô.") % {
            "count": len(failed)
        }
        return _page(request, table, review=False, error=message, status=422)
    if request.POST.get("submit") != ALL:
        if changed:
            messages.success(request, _("Đã lưu %(count)s ô.") % {"count": len(changed)})
        else:
            messages.info(request, _("Không có ô nào thay đổi."))
        return redirect(request.path)
    return _submit_all(request, agency)


def _submit_all(request, agency: Agency):
    table = agency_grid(agency, user=request.user)  # as saved just now
    ids = [cell.figure.pk for cell in table.cells if cell.is_submittable and cell.figure]
    if not ids:
        message = _("Không có số liệu nháp hoặc bị trả lại nào để gửi duyệt.")
        return _page(request, table, review=False, error=message, status=400)
    try:
        submit_observations(ids, user=request.user)
    except WorkflowError as error:
        return _page(request, table, review=False, error=str(error), status=_refusal_status(error))
    messages.success(request, _("Đã gửi duyệt %(count)s số liệu.") % {"count": len(ids)})
    return redirect(request.path)


def _typed(request, cell: Cell) -> str | None:
    """Return what was typed in the cell if it differs from what the page showed, else None."""
    name = f"cell-{cell.key}"
    if name not in request.POST:
        return None
    typed = request.POST[name].strip()
    return None if typed == request.POST.get(f"was-{cell.key}", "").strip() else typed


def _save(request, cell: Cell, *, source: str, status: str) -> None:
    """Save one cell through ``save_figure``; leave its message on the cell."""
    typed = request.POST.get(f"cell-{cell.key}", "").strip()
    cell.typed = typed
    if _typed(request, cell) is None:
        cell.note = _("Không có gì thay đổi.")
        return
    if not typed:
        cell.errors = [_("Ô để trống: số liệu đã nhập không bị xóa; hãy nhập giá trị đúng.")]
        return
    if not cell.may_edit:
        cell.refusal_status = 403
        cell.errors = [_("Bạn không sửa được ô này.")]
        if cell.figure is not None and cell.figure.state == WorkflowState.SUBMITTED:
            cell.errors = [_("Số liệu đã gửi duyệt: chờ người phê duyệt, họ trả lại nếu cần sửa.")]
        return
    try:
        version = int(request.POST.get(f"version-{cell.key}") or 0) or None
    except ValueError:
        version = None
    obligation = cell.obligation
    try:
        figure, written = save_figure(
            user=request.user,
            indicator=obligation.indicator,
            unit=obligation.unit,
            period=obligation.round.period,
            value=typed,
            status=status or obligation.round.figure_status or FigureStatus.ESTIMATE,
            source=source,
            expected_version=version,
            locale=active_locale(),
            reason=_("Nhập trên bảng số liệu"),
        )
    except FigureInvalid as error:
        cell.errors = [problem.message for problem in error.problems]
    except WorkflowError as error:
        cell.errors = [str(error)]
        cell.refusal_status = _refusal_status(error)
    else:
        cell.figure = figure
        cell.typed = None
        cell.note = _("Đã lưu.") if written else _("Không có gì thay đổi.")


# --- reviewing ------------------------------------------------------------------------------


@members_only
def review_grid(request, agency_code: str):
    """Show the agency's grid to review; approve or return one cell or all submitted."""
    agency = _agency_or_404(request, agency_code, review=True)
    table = agency_grid(agency, user=request.user)
    if request.method != "POST":
        return _page(request, table, review=True)
    for action in ("approve", "reject"):
        target = request.POST.get(action, "")
        if target == ALL:
            return _review_all(request, table, action)
        if target:
            cell = _posted_cell(table, target)
            _review(request, cell, action)
            if _is_htmx(request):
                return _cell_response(request, table, cell, review=True)
            if cell.errors:
                return _page(request, table, review=True, error=cell.errors[0], status=400)
            messages.success(request, cell.note)
            return redirect(request.path)
    return HttpResponseBadRequest(_("Yêu cầu không hợp lệ."))


def _review(request, cell: Cell, action: str) -> None:
    figure = cell.figure
    if figure is None or not cell.is_reviewable:
        cell.errors = [_("Ô này không có số liệu đang chờ duyệt.")]
        return
    reason = request.POST.get(f"reason-{cell.key}", "").strip()
    try:
        if action == "approve":
            (figure,) = approve_observations([figure.pk], user=request.user, note=reason)
            done = _("Đã phê duyệt %(code)s, %(unit)s, kỳ %(period)s.")
        else:
            (figure,) = reject_observations([figure.pk], user=request.user, reason=reason)
            done = _("Đã trả lại %(code)s, %(unit)s, kỳ %(period)s.")
    except WorkflowError as error:
        cell.errors = [str(error)]
        cell.refusal_status = _refusal_status(error)
        return
    cell.figure = figure
    cell.note = done % {
        "code": figure.indicator.code,
        "unit": cell.obligation.unit,
        "period": cell.obligation.round.period,
    }


def _review_all(request, table: Grid, action: str):
    ids = [cell.figure.pk for cell in table.cells if cell.is_reviewable and cell.figure]
    if not ids:
        message = _("Không có số liệu nào đang chờ duyệt.")
        return _page(request, table, review=True, error=message, status=400)
    reason = request.POST.get("reason-all", "").strip()
    try:
        if action == "approve":
            approve_observations(ids, user=request.user, note=reason)
            done = _("Đã phê duyệt %(count)s số liệu.")
        else:
            reject_observations(ids, user=request.user, reason=reason)
            done = _("Đã trả lại %(count)s số liệu.")
    except WorkflowError as error:
        return _page(request, table, review=True, error=str(error), status=_refusal_status(error))
    messages.success(request, done % {"count": len(ids)})
    return redirect(request.path)


# --- rendering ------------------------------------------------------------------------------


def _posted_cell(table: Grid, key: str) -> Cell:
    """Return the grid's cell named in the post; 404 for a cell not in this grid."""
    try:
        cell = table.cell(int(key))
    except ValueError:
        cell = None
    if cell is None:
        raise Http404(_("Ô này không có trong bảng số liệu của cơ quan."))
    return cell


def _refusal_status(error: WorkflowError) -> int:
    return REFUSAL_STATUS.get(error.code, 409)


def _cell_status(cell: Cell) -> int:
    return cell.refusal_status if cell.errors else 200


def _cell_response(request, table: Grid, cell: Cell, *, review: bool):
    """Return one cell (htmx) or, for a plain post, the page or back to it."""
    if not _is_htmx(request):
        if cell.errors:
            return _page(
                request, table, review=review, error=cell.errors[0], status=_cell_status(cell)
            )
        messages.success(request, cell.note)
        return redirect(request.path)
    template = "observations/grid/_review_cell.html" if review else "observations/grid/_cell.html"
    context = {"cell": cell, "states": WorkflowState}
    # Always 200 for htmx: the cell carries the refusal (its message with role="alert", the
    # input aria-invalid), and a browser reports any 4xx answer as a console error.
    return render(request, template, context)


def _page(request, table: Grid, *, review: bool, error: str = "", status: int = 200):
    permissions = permissions_of(request)
    context = {
        "grid": table,
        "review": review,
        "error": error,
        "statuses": FigureStatus.choices,
        "default_status": _default_status(table),
        "source": request.POST.get("source", "") if request.method == "POST" else "",
        "states": WorkflowState,
        "submittable": sum(1 for cell in table.cells if cell.is_submittable),
        "reviewable": sum(1 for cell in table.cells if cell.is_reviewable),
        "other_url": _other_url(permissions, table.agency, review=review),
        **_tabs(permissions),
    }
    return render(request, "observations/grid/grid.html", context, status=status)


def _default_status(table: Grid) -> str:
    """Return the figure status a round asks for, when all the grid's rounds agree."""
    asked = {r.figure_status for r in table.rounds if r.figure_status}
    return asked.pop() if len(asked) == 1 else FigureStatus.ESTIMATE


def _other_url(permissions, agency: Agency, *, review: bool) -> str:
    """Return the agency's other grid (review from entry, entry from review) if the user
    may open it, else ""."""
    if agency in entry_agencies(permissions, review=not review):
        name = "observations:grid" if review else "observations:grid_review"
        return reverse(name, kwargs={"agency_code": agency.code})
    return ""
