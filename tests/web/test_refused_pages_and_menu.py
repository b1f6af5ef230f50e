"""A page that is not found or refused is PlanTrack's own page in the visitor's language,
even with DEBUG on (the demo); the menu offers only what the visitor's roles allow."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Membership
from plantrack.web.middleware import FriendlyRefusalMiddleware

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_the_vietnamese_404_page_even_in_debug(client, settings):
    settings.DEBUG = True

    response = client.get("/targets/987654/")

    assert response.status_code == 404
    assertContains(response, "<h1>Không tìm thấy trang</h1>", status_code=404)
    assertContains(response, "chưa được công bố", status_code=404)
    assertNotContains(response, "Using the URLconf", status_code=404)  # Django's debug page


def test_the_404_page_follows_the_language_switch(client, settings):
    settings.DEBUG = True
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/indicators/no-such-indicator/")

    assertContains(response, "<h1>Page not found</h1>", status_code=404)


def test_a_refusal_says_why_in_vietnamese(rf: RequestFactory, settings):
    settings.DEBUG = True
    request = rf.get("/tasks/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    middleware = FriendlyRefusalMiddleware(lambda request: None)

    with translation.override("vi"):  # as the language middleware sets it
        response = middleware.process_exception(
            request, PermissionDenied("Chỉ người phê duyệt của cơ quan mới được dời hạn.")
        )

    assert response.status_code == 403
    html = response.content.decode()
    assert "Bạn không có quyền làm việc này" in html
    assert "Chỉ người phê duyệt của cơ quan mới được dời hạn." in html


def test_the_api_keeps_its_own_json_errors(client, settings):
    settings.DEBUG = True

    response = client.get("/api/plans/NO-SUCH-PLAN/", HTTP_ACCEPT="application/json")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_a_viewer_is_not_offered_figure_entry_nor_approvals(client, django_user_model, finance):
    viewer = django_user_model.objects.create_user(username="viewer", password="pw-viewer")
    Membership.objects.create(user=viewer, agency=finance, role=Role.VIEWER)
    client.force_login(viewer)

    html = client.get("/").content.decode()
    nav = html.split('<nav aria-label="Điều hướng chính">', 1)[1].split("</nav>", 1)[0]

    assert "Nhập số liệu" not in nav
    assert "Duyệt số liệu" not in nav
    assert "Tổng quan" in nav


def test_a_reporter_and_an_approver_see_their_own_entries(client, reporter, approver):
    client.force_login(reporter)
    reporter_nav = client.get("/").content.decode().split("</nav>", 1)[0]
    client.force_login(approver)
    approver_nav = client.get("/").content.decode().split("</nav>", 1)[0]

    assert "Nhập số liệu" in reporter_nav and "Duyệt số liệu" not in reporter_nav
    assert "Duyệt số liệu" in approver_nav
