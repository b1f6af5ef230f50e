from django.urls import path

from plantrack.extraction import views

app_name = "extraction"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:run_id>/", views.review, name="review"),
    path(
        "<int:run_id>/candidates/<int:candidate_id>/",
        views.review_candidate,
        name="review_candidate",
    ),
    path("<int:run_id>/import/", views.import_accepted, name="import"),
]
