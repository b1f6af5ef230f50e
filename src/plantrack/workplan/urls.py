from django.urls import path

from plantrack.workplan import views

app_name = "workplan"
urlpatterns = [
    path("", views.task_list, name="tasks"),
    path("export/", views.task_export, name="export"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("<str:code>/", views.task_detail, name="task"),
    path("<str:code>/update/", views.task_update, name="task_update"),
    path("<str:code>/deadline/", views.task_move_deadline, name="task_deadline"),
]
