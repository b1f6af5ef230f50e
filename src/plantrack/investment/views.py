"""Pages for the priority investment projects: the list with where the money goes, and a
project with its locations, capital and progress."""

from django.shortcuts import get_object_or_404, render

from plantrack.investment.choices import PipelineStatus
from plantrack.investment.models import Project
from plantrack.investment.scorecards import by_sector, by_unit


def project_list(request):
    projects = Project.objects.for_user(request.user).order_by("code")
    status = request.GET.get("status", "")
    if status in PipelineStatus.values:
        projects = projects.filter(status=status)
    context = {
        "projects": projects.select_related("lead_agency").prefetch_related("locations__unit"),
        "sectors": by_sector(projects),
        "units": by_unit(projects),
        "statuses": PipelineStatus.choices,
        "selected": status,
    }
    return render(request, "investment/project_list.html", context)


def project_detail(request, code: str):
    project = get_object_or_404(
        Project.objects.for_user(request.user)
        .select_related("lead_agency", "plan", "section")
        .prefetch_related("locations__unit", "capital_sources", "finances", "updates"),
        code=code,
    )
    return render(request, "investment/project_detail.html", {"project": project})
