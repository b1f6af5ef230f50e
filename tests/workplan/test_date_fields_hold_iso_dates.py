"""The date fields of a task page hold their value in Vietnamese too: an <input type=date>
takes yyyy-mm-dd whatever the page's language, so the Vietnamese input format (03/12/2026)
would leave the field blank."""

import datetime

import pytest
from django.utils import translation

from plantrack.workplan.forms import MoveDeadlineForm, TaskUpdateForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_update_form_writes_its_date_as_iso_in_every_language(language):
    with translation.override(language):
        html = str(TaskUpdateForm(initial={"date": datetime.date(2026, 12, 3)})["date"])
    assert 'type="date"' in html
    assert 'value="2026-12-03"' in html


def test_the_moved_deadline_field_keeps_an_iso_value_when_the_form_is_redisplayed():
    with translation.override("vi"):
        form = MoveDeadlineForm(data={"new_deadline": "2026-12-31", "reason": ""})
        assert not form.is_valid()  # no reason: shown again with what was typed
        html = str(form["new_deadline"])
    assert 'value="2026-12-31"' in html


def test_the_vietnamese_task_page_shows_the_update_date(client, make_task, reporter):
    task = make_task(deadline=datetime.date(2026, 12, 31))
    client.force_login(reporter)
    response = client.get(f"/tasks/{task.code}/?as_of=2026-12-03")
    assert 'name="date" value="2026-12-03"' in response.content.decode()
