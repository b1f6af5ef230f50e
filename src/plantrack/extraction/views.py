"""The review screen: upload a decision, review its candidates, import the accepted ones.

Only planners and admins may use it (``accounts.gates.planners_only``): an anonymous visitor is sent
to the login page, anyone else gets 404, as for any object that is not theirs.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plantrack.accounts.gates import planners_only
from plantrack.extraction import services
from plantrack.extraction.choices import ReviewState
from plantrack.extraction.forms import ACCEPT, REJECT, CandidateForm, UploadForm
from plantrack.extraction.highlight import pieces
from plantrack.extraction.models import ExtractionRun
from plantrack.extraction.readers import ReadError
from plantrack.plans.models import Indicator

_STATE_OF_ACTION = {ACCEPT: ReviewState.ACCEPTED, REJECT: ReviewState.REJECTED}


@planners_only
def upload(request):
    """Show the upload form and the recent runs; read an uploaded file into a new run."""
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            run = services.create_run(
                file_name=upload_file.name,
                data=upload_file.read(),
                user=request.user,
                plan=form.cleaned_data["plan"],
                source=form.cleaned_data["source"],
            )
        except ReadError as error:
            form.add_error("file", str(error))
        else:
            messages.success(
                request,
                _("Đã đọc “%(name)s”: %(count)s chỉ tiêu đề xuất chờ rà soát.")
                % {"name": run.file_name, "count": run.candidates.count()},
            )
            return redirect("extraction:review", run_id=run.pk)
    runs = (
        ExtractionRun.objects.for_user(request.user)
        .select_related("plan", "created_by")
        .annotate(
            total=Count("candidates"),
            accepted=Count("candidates", filter=Q(candidates__state=ReviewState.ACCEPTED)),
            imported=Count("candidates", filter=Q(candidates__target__isnull=False)),
        )[:20]
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "extraction/upload.html", {"form": form, "runs": runs}, status=status)


def _review_page(request, run, bound=None, status=200):
    """Render a run's review page; ``bound`` is a form with errors to show in place.

    The candidates are listed least sure first (by confidence, then text order), so that
    the planner reads the doubtful ones while attentive; the text keeps its own order.
    """
    candidates = list(
        run.candidates.select_related("indicator", "target").order_by("confidence", "order")
    )
    indicators = list(Indicator.objects.order_by("code").only("id", "code", "name"))
    choices = [(indicator.pk, f"{indicator.name} ({indicator.code})") for indicator in indicators]
    by_id = {indicator.pk: indicator for indicator in indicators}
    rows = []
    for candidate in candidates:
        if bound is not None and bound.instance.pk == candidate.pk:
            form = bound
        else:
            form = CandidateForm(
                instance=candidate,
                prefix=f"c{candidate.pk}",
                indicator_choices=choices,
                indicators_by_id=by_id,
            )
        rows.append({"candidate": candidate, "form": form})
    text_pieces, anchor_of = pieces(
        run.text, [(c.order, c.span_start, c.span_end) for c in candidates]
    )
    for row in rows:
        row["anchor"] = anchor_of.get(row["candidate"].order)
    counts = {state: 0 for state in ReviewState}
    for candidate in candidates:
        counts[candidate.state] += 1
    importable = sum(
        1 for c in candidates if c.state == ReviewState.ACCEPTED and c.target_id is None
    )
    context = {
        "run": run,
        "rows": rows,
        "pieces": text_pieces,
        "counts": {state.label: counts[state] for state in ReviewState},
        "importable": importable,
        "imported": sum(1 for c in candidates if c.target_id is not None),
    }
    return render(request, "extraction/review.html", context, status=status)


def _run_for(request, run_id: int) -> ExtractionRun:
    return get_object_or_404(
        ExtractionRun.objects.for_user(request.user).select_related("plan"), pk=run_id
    )


@planners_only
def review(request, run_id: int):
    """Show the text with every candidate highlighted, and a form for each candidate."""
    return _review_page(request, _run_for(request, run_id))


@planners_only
@require_POST
def review_candidate(request, run_id: int, candidate_id: int):
    """Accept, edit or reject one candidate, then go back to it on the review page."""
    run = _run_for(request, run_id)
    candidate = get_object_or_404(run.candidates.select_related("indicator"), pk=candidate_id)
    indicators = list(Indicator.objects.order_by("code").only("id", "code", "name"))
    form = CandidateForm(
        request.POST,
        instance=candidate,
        prefix=f"c{candidate.pk}",
        indicator_choices=[(i.pk, f"{i.name} ({i.code})") for i in indicators],
        indicators_by_id={i.pk: i for i in indicators},
    )
    action = request.POST.get(form.add_prefix("action"))
    if candidate.target_id is not None:
        messages.error(request, _("Chỉ tiêu này đã được nhập vào quy hoạch, không sửa ở đây nữa."))
        return redirect(_anchor(run, candidate.order))
    if action == REJECT:
        services.review_candidate(candidate, request.user, state=ReviewState.REJECTED, changes={})
        return redirect(_anchor(run, candidate.order))
    if not form.is_valid():
        return _review_page(request, run, bound=form, status=400)
    state = _STATE_OF_ACTION.get(action, candidate.state)
    changes = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
    services.review_candidate(candidate, request.user, state=state, changes=changes)
    return redirect(_anchor(run, candidate.order))


@planners_only
@require_POST
def import_accepted(request, run_id: int):
    """Import the run's accepted candidates into its plan, all or nothing."""
    run = _run_for(request, run_id)
    try:
        targets = services.import_candidates(run, request.user)
    except services.ImportRefused as refusal:
        for message in refusal.messages:
            messages.error(request, message)
        messages.error(
            request, _("Chưa nhập chỉ tiêu nào: hãy sửa các chỉ tiêu trên rồi nhập lại.")
        )
    else:
        if targets:
            messages.success(
                request,
                _("Đã nhập %(count)s chỉ tiêu vào “%(plan)s”.")
                % {"count": len(targets), "plan": run.plan},
            )
        else:
            messages.info(request, _("Không có chỉ tiêu nào mới được chấp nhận để nhập."))
    return redirect("extraction:review", run_id=run.pk)


def _anchor(run: ExtractionRun, order: int) -> str:
    return reverse("extraction:review", kwargs={"run_id": run.pk}) + f"#candidate-{order}"
