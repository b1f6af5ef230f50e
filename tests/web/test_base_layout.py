"""Every page has the language switch, the admin link and the note on sources."""

import pytest
from pytest_django.asserts import assertContains

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


def test_page_links_to_the_admin_and_says_where_figures_come_from(client):
    response = client.get("/")

    assertContains(response, 'href="/admin/"')
    assertContains(response, "Số liệu lấy từ các nguồn công khai được trích dẫn")
    assertContains(response, "được ghi rõ")
