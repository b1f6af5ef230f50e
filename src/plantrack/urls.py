"""PlanTrack's URL map: the language switch, the admin and the pages."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("plantrack.api.urls")),
    path("extraction/", include("plantrack.extraction.urls")),
    path("observations/", include("plantrack.observations.urls")),
    path("progress/", include("plantrack.progress.urls")),
    path("rounds/", include("plantrack.observations.round_urls")),
    path("tasks/", include("plantrack.workplan.urls")),
    path("projects/", include("plantrack.investment.urls")),
    path("reports/", include("plantrack.reports.urls")),
    path("", include("plantrack.web.urls")),
]
