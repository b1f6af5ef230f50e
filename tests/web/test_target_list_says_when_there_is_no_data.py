"""A target without a figure says so, and never shows a made-up value."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.plans.choices import TargetKind
from plantrack.plans.models import Target

pytestmark = pytest.mark.django_db


def test_target_list_says_no_data_for_a_target_without_figures(client, growth_target):
    response = client.get("/targets/")

    assertContains(response, '<span class="no-data">Chưa có số liệu</span>', html=True)
    assertNotContains(response, 'class="label label-')  # no figure, so no figure status


def test_target_list_says_no_data_for_a_qualitative_target(client, master_plan, targets_section):
    Target.objects.create(
        plan=master_plan,
        section=targets_section,
        kind=TargetKind.QUALITATIVE,
        target_year=2030,
        phrase="đạt trình độ phát triển thuộc nhóm trung bình của vùng Trung du và miền núi Bắc Bộ",
    )

    response = client.get("/targets/")

    assertContains(response, "thuộc nhóm trung bình của vùng Trung du và miền núi Bắc Bộ")
    assertContains(response, "Chưa có số liệu")
