"""An agency updates only the tasks it leads; planners update all."""

import pytest

from plantrack.accounts.choices import Action
from plantrack.workplan.models import Task

pytestmark = pytest.mark.django_db


def test_a_reporter_updates_only_its_agencys_tasks(make_task, reporter, health):
    own = make_task()
    make_task(agency=health)

    assert list(Task.objects.for_user(reporter, Action.CHANGE)) == [own]


def test_a_planner_updates_every_task(make_task, planner, health):
    make_task()
    make_task(agency=health)

    assert Task.objects.for_user(planner, Action.CHANGE).count() == 2


def test_an_anonymous_visitor_updates_nothing_but_sees_all(make_task, client):
    from django.contrib.auth.models import AnonymousUser

    make_task()
    assert not Task.objects.for_user(AnonymousUser(), Action.CHANGE).exists()
    assert Task.objects.for_user(AnonymousUser()).count() == 1


def test_a_viewer_of_the_lead_agency_reads_but_does_not_update(
    make_task, industry, django_user_model
):
    from plantrack.accounts.choices import Role
    from plantrack.accounts.models import Membership

    viewer = django_user_model.objects.create_user("xem", password="pw-xem")
    Membership.objects.create(user=viewer, agency=industry, role=Role.VIEWER)
    make_task()

    assert not Task.objects.for_user(viewer, Action.CHANGE).exists()
