"""Only planners and admins use the review screen: reporters get 404, visitors log in."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def _pages(run):
    candidate = run.candidates.first()
    return [
        ("get", reverse("extraction:upload")),
        ("get", reverse("extraction:review", args=[run.pk])),
        ("post", reverse("extraction:review_candidate", args=[run.pk, candidate.pk])),
        ("post", reverse("extraction:import", args=[run.pk])),
    ]


def test_a_planner_opens_the_upload_and_review_pages(client, planner, seed_run):
    client.force_login(planner)

    assert client.get(reverse("extraction:upload")).status_code == 200
    assert client.get(reverse("extraction:review", args=[seed_run.pk])).status_code == 200


def test_a_superuser_may_use_it_too(admin_client, seed_run):
    assert admin_client.get(reverse("extraction:review", args=[seed_run.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["reporter", "approver", "other_reporter"])
def test_other_members_get_404_on_every_page(client, request, persona, seed_run):
    client.force_login(request.getfixturevalue(persona))

    for method, url in _pages(seed_run):
        assert getattr(client, method)(url).status_code == 404, url


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, seed_run):
    for method, url in _pages(seed_run):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next="), url


def test_the_nav_link_shows_only_to_those_who_may_use_it(client, planner, reporter):
    link = f'href="{reverse("extraction:upload")}"'

    assertNotContains(client.get("/"), link)
    client.force_login(reporter)
    assertNotContains(client.get("/"), link)
    client.force_login(planner)
    assertContains(client.get("/"), link)


def test_nothing_is_written_by_a_refused_request(client, reporter, seed_run):
    client.force_login(reporter)
    candidate = seed_run.candidates.first()

    client.post(reverse("extraction:import", args=[seed_run.pk]))

    candidate.refresh_from_db()
    assert candidate.state == "pending"
    assert seed_run.plan.targets.count() == 0
