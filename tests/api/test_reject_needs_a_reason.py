"""An approver sends a figure back only with a reason, which the reporter then reads."""

import pytest
from api_helpers import error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}])
def test_a_rejection_without_a_reason_is_refused(api, approver, figures, body):
    submitted = figures["industry_submitted"]

    response = api(approver).post(f"/api/observations/{submitted.pk}/reject/", body)

    assert response.status_code == 400
    assert error(response)["code"] == "reason_required"
    submitted.refresh_from_db()
    assert submitted.state == "submitted"


def test_a_bulk_rejection_without_a_reason_is_refused(api, approver, figures):
    submitted = figures["industry_submitted"]

    response = api(approver).post("/api/observations/reject/", {"ids": [submitted.pk]})

    assert response.status_code == 400
    assert error(response)["code"] == "reason_required"


def test_the_reporter_reads_the_reason(api, approver, reporter, figures):
    submitted = figures["industry_submitted"]

    api(approver).post(
        f"/api/observations/{submitted.pk}/reject/",
        {"reason": "Số liệu 2025 chưa khớp báo cáo ước thực hiện của UBND tỉnh"},
    )
    seen = api(reporter).get(f"/api/observations/{submitted.pk}/").json()

    assert seen["state"] == "rejected"
    assert seen["review_note"] == "Số liệu 2025 chưa khớp báo cáo ước thực hiện của UBND tỉnh"
