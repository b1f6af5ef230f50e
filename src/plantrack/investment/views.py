"""Pages for the priority investment projects: the list with where the money goes and its
download (XLSX, CSV), and a project with its locations, capital and progress."""

import io

from django.http import FileResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from plantrack.investment.charts import capital_by_source, capital_by_year, project_map
from plantrack.investment.choices import PipelineStatus
from plantrack.investment.export import export_projects_bytes
from plantrack.investment.models import Project
from plantrack.investment.scorecards import by_sector, by_unit
from plantrack.tabular.writers import FORMAT_INFO, ExportError, content_type, table_format


def _filtered_projects(request):
    """Return the projects the user may see with the query's status (list and download)."""
    projects = Project.objects.for_user(request.user).order_by("code")
    status = request.GET.get("status", "")
    if status in PipelineStatus.values:
        projects = projects.filter(status=status)
    return projects, status


def project_list(request):
    projects, status = _filtered_projects(request)
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "export_query": query.urlencode(),
        "projects": projects.select_related("lead_agency").prefetch_related("locations__unit"),
        "sectors": by_sector(projects),
        "units": by_unit(projects),
        "statuses": PipelineStatus.choices,
        "selected": status,
    }
    return render(request, "investment/project_list.html", context)


def project_detail(request, code: str):
    """A project: what, where (a map of its districts, or why not), capital by year and by
    source (charts with their tables; unpublished capital says so)."""
    project = get_object_or_404(
        Project.objects.for_user(request.user)
        .select_related("lead_agency", "plan", "section")
        .prefetch_related(
            "locations__unit__parent", "capital_sources", "finances", "updates__author"
        ),
        code=code,
    )
    context = {
        "project": project,
        "capital_years": capital_by_year(project),
        "capital_sources": capital_by_source(project),
        "map": project_map(project),
    }
    return render(request, "investment/project_detail.html", context)


@require_GET
def project_export(request):
    """Send the listed projects (same filter) as ``format`` xlsx (with the yearly capital
    sheet) or csv, in the layout the project importer reads."""
    try:
        file_format = table_format(request.GET.get("format"))
    except ExportError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    projects, _status = _filtered_projects(request)
    data = export_projects_bytes(projects, file_format)
    extension = FORMAT_INFO[file_format].extension
    name = f"plantrack-du-an-{timezone.localdate():%Y%m%d}.{extension}"
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=name, content_type=content_type(file_format)
    )
