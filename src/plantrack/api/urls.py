"""The REST API under /api/: resources, imports, tokens, the schema and its documentation."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from plantrack.api import views, workplan_views

app_name = "api"

router = DefaultRouter()
router.register("plans", views.PlanViewSet, basename="plan")
router.register("sections", views.PlanSectionViewSet, basename="section")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("targets", views.TargetViewSet, basename="target")
router.register("units", views.AdminUnitViewSet, basename="unit")
router.register("observations", views.ObservationViewSet, basename="observation")
router.register("assessment-runs", views.AssessmentRunViewSet, basename="assessment-run")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("judgements", views.JudgementViewSet, basename="judgement")
router.register("tasks", workplan_views.TaskViewSet, basename="task")
router.register("projects", workplan_views.ProjectViewSet, basename="project")

urlpatterns = [
    path("imports/", views.ImportView.as_view(), name="import"),
    path("imports/tasks/", workplan_views.TaskImportView.as_view(), name="import-tasks"),
    path("imports/projects/", workplan_views.ProjectImportView.as_view(), name="import-projects"),
    path("evidence/<int:pk>/", workplan_views.EvidenceView.as_view(), name="evidence"),
    path("scorecards/tasks/", workplan_views.TaskScorecardView.as_view(), name="scorecard-tasks"),
    path(
        "scorecards/projects/",
        workplan_views.ProjectScorecardView.as_view(),
        name="scorecard-projects",
    ),
    path("token/", views.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("docs/endpoints/", views.docs, name="endpoints"),
    path("", include(router.urls)),
    re_path(r"^", views.NotFoundView.as_view(), name="not-found"),
]
