"""The REST API under /api/: resources, imports, tokens, the schema and its documentation."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from plantrack.api import (
    accounts,
    assessments,
    common,
    figures,
    imports,
    plans,
    projects,
    schema,
    tasks,
)

app_name = "api"

router = DefaultRouter()
router.register("plans", plans.PlanViewSet, basename="plan")
router.register("sections", plans.PlanSectionViewSet, basename="section")
router.register("indicators", plans.IndicatorViewSet, basename="indicator")
router.register("targets", plans.TargetViewSet, basename="target")
router.register("units", plans.AdminUnitViewSet, basename="unit")
router.register("observations", figures.ObservationViewSet, basename="observation")
router.register("assessment-runs", assessments.AssessmentRunViewSet, basename="assessment-run")
router.register("assessments", assessments.AssessmentViewSet, basename="assessment")
router.register("judgements", assessments.JudgementViewSet, basename="judgement")
router.register("tasks", tasks.TaskViewSet, basename="task")
router.register("projects", projects.ProjectViewSet, basename="project")

urlpatterns = [
    path("imports/", imports.ImportView.as_view(), name="import"),
    path("imports/tasks/", imports.TaskImportView.as_view(), name="import-tasks"),
    path("imports/projects/", imports.ProjectImportView.as_view(), name="import-projects"),
    path("evidence/<int:pk>/", tasks.EvidenceView.as_view(), name="evidence"),
    path("scorecards/tasks/", tasks.TaskScorecardView.as_view(), name="scorecard-tasks"),
    path(
        "scorecards/projects/",
        projects.ProjectScorecardView.as_view(),
        name="scorecard-projects",
    ),
    path("token/", accounts.TokenView.as_view(), name="token"),
    path("schema/", schema.SchemaView.as_view(), name="schema"),
    # Swagger UI's start-up script as a file of its own (the "split" view), so the
    # Content-Security-Policy keeps script-src 'self'; its page carries one small <style>.
    path(
        "docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    path("docs/endpoints/", common.docs, name="endpoints"),
    path("", include(router.urls)),
    re_path(r"^", common.NotFoundView.as_view(), name="not-found"),
]
