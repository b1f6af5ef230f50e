"""Report pages; included by ``plantrack.urls`` under ``reports/``."""

from django.urls import path

from plantrack.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.evaluation, name="evaluation"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/status/", views.run_status, name="status"),
    path("runs/<int:pk>/files/<str:format>/", views.download, name="download"),
]
