"""Data-collection downloads; included by ``plantrack.urls`` under ``observations/``."""

from django.urls import path

from plantrack.observations import views

app_name = "observations"
urlpatterns = [
    path("export/", views.export, name="export"),
    path("template/", views.template, name="template"),
]
