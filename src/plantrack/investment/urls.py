from django.urls import path

from plantrack.investment import views

app_name = "investment"
urlpatterns = [
    path("", views.project_list, name="projects"),
    path("export/", views.project_export, name="export"),
    path("<str:code>/", views.project_detail, name="project"),
]
