from django.contrib.auth import views as auth_views
from django.urls import path

from plantrack.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("targets/", views.targets, name="targets"),
    path("targets/<int:pk>/", views.target, name="target"),
    path("indicators/<slug:code>/", views.indicator, name="indicator"),
    path("open-data/", views.open_data, name="open_data"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
