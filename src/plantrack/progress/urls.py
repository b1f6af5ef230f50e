"""Assessment pages; included by ``plantrack.urls`` under ``progress/``."""

from django.urls import path

from plantrack.progress import views

app_name = "progress"
urlpatterns = [
    path("rejudge/", views.rejudge, name="rejudge"),
]
