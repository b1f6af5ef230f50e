"""The planner's report page: ask for a report, watch it build, download its files."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from plantrack.accounts.gates import planners_only
from plantrack.reports.forms import EvaluationForm
from plantrack.reports.models import ReportFile, ReportRun
from plantrack.reports.services import ReportError, download_name, start_report

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "package": "application/zip",
}


@planners_only
def evaluation(request: HttpRequest) -> HttpResponse:
    """The form, and the runs made so far."""
    form = EvaluationForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                run = start_report(
                    data["plan"],
                    user=request.user,
                    as_of=data["as_of"],
                    kind=data["kind"],
                    year=data["year"],
                    formats=data["formats"],
                    language=data["language"],
                )
            except ReportError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                return redirect("reports:run", pk=run.pk)
        else:
            status = 400
    runs = ReportRun.objects.for_user(request.user).select_related("plan", "created_by")[:20]
    context = {"form": form, "runs": runs}
    return render(request, "reports/evaluation.html", context, status=status)


@planners_only
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One run: its progress while it builds, then its files and the figures it cites."""
    run = get_object_or_404(
        ReportRun.objects.for_user(request.user).select_related("plan", "created_by"), pk=pk
    )
    return render(request, "reports/run.html", {"run": run, "files": run.files.all()})


@planners_only
@require_GET
def run_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The run's state as JSON, for the page's progress indicator (reports/progress.js)."""
    run = get_object_or_404(ReportRun.objects.for_user(request.user), pk=pk)
    return JsonResponse(
        {
            "state": run.state,
            "state_label": run.get_state_display(),
            "percent": run.percent,
            "step": run.step,
            "error": run.error,
            "finished": run.is_finished,
            "url": reverse("reports:run", kwargs={"pk": run.pk}),
        }
    )


@planners_only
def download(request: HttpRequest, pk: int, format: str) -> FileResponse:
    """A run's file, to the planners only (never served straight from MEDIA_ROOT)."""
    run = get_object_or_404(ReportRun.objects.for_user(request.user), pk=pk)
    report_file = (
        ReportFile.objects.filter(run=run, format=format).select_related("run__plan").first()
    )
    if report_file is None:
        raise Http404
    name = download_name(report_file)
    return FileResponse(
        report_file.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES.get(format, "application/octet-stream"),
    )
