from django.urls import path

from plantrack.investment import views

app_name = "investment"
urlpatterns = [
    path("", views.project_list, name="projects"),
    path("<str:code>/", views.project_detail, name="project"),
]
