"""The reporting rounds pages; ``plantrack/urls.py`` routes them under ``rounds/``."""

from django.urls import path

from plantrack.observations import round_views

app_name = "rounds"
urlpatterns = [
    path("", round_views.round_list, name="list"),
    path("new/", round_views.round_new, name="new"),
    path("<int:round_id>/", round_views.round_detail, name="detail"),
    path("<int:round_id>/close/", round_views.round_close, name="close"),
]
