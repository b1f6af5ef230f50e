from django.urls import path

from plantrack.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("indicators/<slug:code>/", views.indicator, name="indicator"),
]
