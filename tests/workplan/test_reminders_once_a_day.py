"""``plantrack remind`` sends each reminder once a day."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.vintages import record_observation
from plantrack.workplan.models import ReminderSent

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
AS_OF = datetime.date(2025, 7, 1)


@pytest.fixture
def agency_mail(industry):
    industry.email = "sct@caobang.gov.vn"
    industry.save(update_fields=["email"])
    return industry


def remind(day: datetime.date) -> str:
    out = StringIO()
    call_command("remind", f"--as-of={day.isoformat()}", stdout=out)
    return out.getvalue()


def test_an_agency_gets_its_overdue_and_due_soon_tasks_once_a_day(make_task, agency_mail):
    make_task(deadline=AS_OF - DAY, title="Rà soát quy hoạch ngành")
    make_task(deadline=AS_OF + 3 * DAY, title="Báo cáo kịch bản tăng trưởng")
    make_task(deadline=AS_OF + 90 * DAY, title="Việc còn xa")

    remind(AS_OF)
    second = remind(AS_OF)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sct@caobang.gov.vn"]
    assert "QUÁ HẠN" in message.body and "Rà soát quy hoạch ngành" in message.body
    assert "sắp đến hạn" in message.body and "Việc còn xa" not in message.body
    assert "1 thư đã gửi trước đó" in second
    remind(AS_OF + DAY)
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 2


def test_an_approver_hears_of_the_figures_waiting(approver, grdp_growth, province):
    approver.email = "an@caobang.gov.vn"
    approver.save(update_fields=["email"])
    record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2025",
        value=Decimal("7.22"),
        status=FigureStatus.ESTIMATE,
        source="Báo cáo",
        state=WorkflowState.SUBMITTED,
    )

    remind(AS_OF)
    remind(AS_OF)

    assert [m.to for m in mail.outbox] == [["an@caobang.gov.vn"]]
    assert "1 số liệu" in mail.outbox[0].body


def test_nothing_due_sends_nothing(make_task, agency_mail):
    make_task(deadline=AS_OF + 90 * DAY)
    remind(AS_OF)
    assert mail.outbox == []
