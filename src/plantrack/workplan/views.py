"""Pages for the implementation tasks: the list with the agencies' scorecard and its download
(XLSX, CSV), a task with its updates and evidence, and the forms to report progress and move
a deadline."""

import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plantrack.accounts.models import Agency
from plantrack.accounts.permissions import Action, NotPermitted, permits
from plantrack.plans.choices import SectionKind
from plantrack.plans.models import Plan, PlanSection
from plantrack.tabular.writers import FORMAT_INFO, ExportError, content_type, table_format
from plantrack.workplan.board import STATE_ORDER, counts_by_agency, group_by_state, timeline
from plantrack.workplan.choices import DeadlineState
from plantrack.workplan.export import export_tasks_bytes
from plantrack.workplan.forms import MoveDeadlineForm, TaskUpdateForm
from plantrack.workplan.models import Evidence, Task
from plantrack.workplan.scorecards import agency_scorecard
from plantrack.workplan.services import TaskError, UploadedFile, add_task_update, move_deadline
from plantrack.workplan.templatetags.workplan import agency_name


def _as_of(request) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


def _filtered_tasks(request, as_of: datetime.date):
    """Return the tasks the user may see, filtered by the query's agency, deadline state,
    key issue group (``group``, a section id: its tasks and its sub-sections') and plan (the
    board, the timeline, the list and its download show the same tasks)."""
    tasks = Task.objects.for_user(request.user).with_deadline_state(as_of)
    selected = {
        key: request.GET.get(key, "").strip() for key in ("agency", "state", "group", "plan")
    }
    if selected["agency"]:
        tasks = tasks.filter(lead_agency__code=selected["agency"])
    if selected["state"] in DeadlineState.values:
        tasks = tasks.filter(deadline_state=selected["state"])
    else:
        selected["state"] = ""
    if selected["group"].isdigit():
        group = int(selected["group"])
        tasks = tasks.filter(Q(section_id=group) | Q(section__parent_id=group))
    else:
        selected["group"] = ""
    if selected["plan"]:
        tasks = tasks.filter(plan__code=selected["plan"])
    return tasks, selected


def task_list(request):
    """The tasks board as of a date: tasks by deadline state and by agency, the timeline,
    the scorecard and the list, all filtered alike."""
    as_of = _as_of(request)
    tasks, selected = _filtered_tasks(request, as_of)
    query = request.GET.copy()
    query.pop("format", None)
    listed = list(
        tasks.select_related("lead_agency", "section", "plan").order_by("deadline", "code")
    )
    context = {
        "tasks": listed,
        "groups": group_by_state(listed),
        "agency_rows": counts_by_agency(listed),
        "states_in_order": [(state, DeadlineState(state).label) for state in STATE_ORDER],
        "timeline": timeline(listed, as_of, agency_name),
        "as_of": as_of,
        "scores": agency_scorecard(Task.objects.for_user(request.user), as_of),
        "agencies": Agency.objects.filter(led_tasks__isnull=False).distinct().order_by("name"),
        "key_issue_groups": PlanSection.objects.filter(
            kind=SectionKind.KEY_ISSUES, parent__isnull=False
        )
        .select_related("plan")
        .order_by("plan__code", "order"),
        "plans": Plan.objects.filter(tasks__isnull=False).distinct().order_by("code"),
        "states": DeadlineState.choices,
        "selected": selected,
        "filtered": any(selected.values()),
        "export_query": query.urlencode(),
    }
    return render(request, "workplan/task_list.html", context)


@require_GET
def task_export(request):
    """Send the listed tasks (same filters) as ``format`` xlsx or csv, in the layout the task
    importer reads, with the illustrative fields named in Vietnamese."""
    try:
        file_format = table_format(request.GET.get("format"))
    except ExportError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    as_of = _as_of(request)
    tasks, _selected = _filtered_tasks(request, as_of)
    data = export_tasks_bytes(tasks, file_format, as_of=as_of)
    name = f"plantrack-nhiem-vu-{as_of:%Y%m%d}.{FORMAT_INFO[file_format].extension}"
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=name, content_type=content_type(file_format)
    )


def task_detail(request, code: str):
    """One task: what, who, by when, its moved deadlines, updates and evidence."""
    as_of = _as_of(request)
    task = get_object_or_404(
        Task.objects.for_user(request.user)
        .with_deadline_state(as_of)
        .select_related("lead_agency", "plan", "section")
        .prefetch_related(
            "cooperating_agencies",
            "updates__evidence",
            "updates__author__memberships__agency",
            "deadline_changes",
        ),
        code=code,
    )
    editable = permits(request.user, Action.CHANGE, task)
    may_move = permits(request.user, Action.APPROVE, task)
    context = {
        "task": task,
        "as_of": as_of,
        "editable": editable,
        "sees_evidence": Evidence.objects.for_user(request.user).filter(update__task=task).exists(),
        "may_move_deadline": may_move,
        "update_form": TaskUpdateForm(initial={"date": as_of}) if editable else None,
        "deadline_form": MoveDeadlineForm() if may_move else None,
    }
    return render(request, "workplan/task_detail.html", context)


@login_required
@require_POST
def task_update(request, code: str):
    task = get_object_or_404(Task.objects.for_user(request.user, Action.CHANGE), code=code)
    form = TaskUpdateForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request, _("Cập nhật chưa ghi: %(errors)s") % {"errors": form.errors.as_text()}
        )
        return redirect("workplan:task", code=code)
    files = [UploadedFile(f.name, f.read()) for f in form.cleaned_data["files"]]
    try:
        add_task_update(
            task,
            user=request.user,
            date=form.cleaned_data["date"],
            text=form.cleaned_data["text"],
            percent_complete=form.cleaned_data["percent_complete"],
            new_status=form.cleaned_data["new_status"],
            files=files,
        )
    except (TaskError, NotPermitted) as error:
        messages.error(request, _("Cập nhật chưa ghi: %(error)s") % {"error": error})
    else:
        messages.success(request, _("Đã ghi cập nhật tiến độ."))
    return redirect("workplan:task", code=code)


@login_required
@require_POST
def task_move_deadline(request, code: str):
    task = get_object_or_404(Task.objects.for_user(request.user, Action.APPROVE), code=code)
    form = MoveDeadlineForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("workplan:task", code=code)
    try:
        move_deadline(
            task,
            user=request.user,
            new_deadline=form.cleaned_data["new_deadline"],
            reason=form.cleaned_data["reason"],
        )
    except (TaskError, NotPermitted) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã điều chỉnh thời hạn; thời hạn ban đầu vẫn được giữ."))
    return redirect("workplan:task", code=code)


def evidence(request, pk: int):
    """Serve an evidence file to those who may see it; 404 alike for missing and not yours."""
    item = get_object_or_404(Evidence.objects.for_user(request.user), pk=pk)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )
