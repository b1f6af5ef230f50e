"""Data collection pages and downloads; included by ``plantrack.urls`` under ``observations/``."""

from django.urls import path

from plantrack.observations import entry_views, grid_views, views

app_name = "observations"
urlpatterns = [
    path("export/", views.export, name="export"),
    path("open-data/", views.open_data, name="open_data"),
    path("template/", views.template, name="template"),
    path("import/", entry_views.import_file, name="import"),
    path("imports/<int:batch_id>/", entry_views.import_record, name="import_record"),
    path("mine/", entry_views.mine, name="mine"),
    path("mine/new/", entry_views.enter, name="enter"),
    path("mine/<int:observation_id>/edit/", entry_views.edit, name="edit"),
    path("approvals/", entry_views.approvals, name="approvals"),
    path("grid/", grid_views.grid_index, name="grid_index"),
    path("grid/<str:agency_code>/", grid_views.grid, name="grid"),
    path("grid/<str:agency_code>/review/", grid_views.review_grid, name="grid_review"),
]
