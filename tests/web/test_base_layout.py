"""Every page has the language switch, the admin link and the note on sources."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def test_page_has_a_language_switch_posting_to_set_language(client):
    response = client.get("/")

    assertContains(response, '<form class="language-switch" action="/i18n/setlang/" method="post">')
    assertContains(response, 'name="csrfmiddlewaretoken"')
    assertContains(response, '<input type="hidden" name="next" value="/">', html=True)
    assertContains(response, 'name="language" value="vi"')
    assertContains(response, 'name="language" value="en"')


def test_each_language_is_named_in_itself(client):
    for language in ("vi", "en"):
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
        response = client.get("/")

        assertContains(response, ">Tiếng Việt</button>")  # precomposed, as typed
        assertContains(response, ">English</button>")


def test_language_switch_returns_to_the_same_page(client, grdp_growth):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/indicators/grdp_growth/"})

    assert response.status_code == 302
    assert response["Location"] == "/indicators/grdp_growth/"
    assertContains(client.get("/indicators/grdp_growth/"), '<html lang="en">')


def test_page_says_where_figures_come_from(client):
    response = client.get("/")

    assertContains(response, "Số liệu lấy từ các nguồn công khai được trích dẫn")
    assertContains(response, "được ghi rõ")


def test_a_visitor_gets_a_login_link_and_no_admin_link(client, grdp_growth):
    response = client.get("/indicators/grdp_growth/")

    assertContains(response, 'href="/login/?next=/indicators/grdp_growth/"')
    assertNotContains(response, 'href="/admin/"')


def test_staff_get_the_admin_link_and_a_logout_button(client, planner):
    planner.is_staff = True
    planner.save(update_fields=["is_staff"])
    client.force_login(planner)

    response = client.get("/")

    assertContains(response, 'href="/admin/"')
    assertContains(response, "Đăng nhập: phuong")
    assertContains(response, '<form action="/logout/" method="post">')


def test_a_wrong_password_is_refused_with_a_vietnamese_message(client, planner):
    response = client.post("/login/", {"username": "phuong", "password": "sai"})

    assertContains(response, "Tên đăng nhập hoặc mật khẩu không đúng")


def test_the_base_template_renders_messages_once(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages import constants, get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(constants.SUCCESS, "Đã lưu 3 ô.")

    html = render_to_string("web/base.html", {"messages": get_messages(request)}, request)

    assert html.count("Đã lưu 3 ô.") == 1
    assert '<li class="message message-success">Đã lưu 3 ô.</li>' in html
