"""Shared steps of the data-entry grid journeys (test_reporter_*.py, test_approver_*.py).

The tests open the round they need through the rounds service (``open_round``) rather than
count on the demo having one: Sở Công Thương (the demo reporter's and approver's agency)
owes its three indicators for the province for 2025, due in a month.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from plantrack.accounts.models import Agency
from plantrack.observations.rounds import Owed, open_round
from plantrack.plans.models import Indicator

AGENCY = "SCT"
GRID = f"/observations/grid/{AGENCY}/"
REVIEW = f"/observations/grid/{AGENCY}/review/"
SOURCE = "Báo cáo của Sở Công Thương gửi trong đợt báo cáo (minh họa cho thử nghiệm)"


def open_industry_round():
    """Open the round the journeys fill: Sở Công Thương's indicators for 2025."""
    agency = Agency.objects.get(code=AGENCY)
    return open_round(
        title="Đợt thử nghiệm bảng nhập số liệu năm 2025",
        period="2025",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        owed=[Owed(agency=agency, indicators=list(Indicator.objects.filter(owner=agency)))],
        user=get_user_model().objects.get(username="planner"),
    )


def log_in(browser, site, username: str, next_path: str) -> None:
    page = browser.page
    browser.open(f"/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", site.logins[username])
    page.locator("form.login-form button[type=submit]").click()
