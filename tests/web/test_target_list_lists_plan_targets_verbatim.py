"""/targets/ reads as the decision reads: plan facts, its sections and verbatim targets."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.plans.choices import SectionKind
from plantrack.plans.models import PlanSection

pytestmark = pytest.mark.django_db


def test_target_list_shows_each_target_with_its_verbatim_phrase(
    client, growth_target, per_capita_target
):
    response = client.get("/targets/")

    assertContains(
        response,
        "tốc độ tăng trưởng kinh tế (GRDP) bình quân thời kỳ 2021 - 2030 đạt 9,72%/năm",
    )
    assertContains(response, "GRDP bình quân/người khoảng 102 triệu đồng/người (giá hiện hành)")
    assertContains(response, "Tăng trưởng bình quân")  # the kind's label


def test_target_list_shows_the_plan_decision_issuer_period_and_vision(client, master_plan):
    master_plan.issuer = "Thủ tướng Chính phủ"
    master_plan.save(update_fields=["issuer"])

    response = client.get("/targets/")

    assertContains(response, "Quy hoạch tỉnh Cao Bằng thời kỳ 2021 - 2030, tầm nhìn đến năm 2050")
    assertContains(response, "1486/QĐ-TTg")
    assertContains(response, "Thủ tướng Chính phủ")
    assertContains(response, "2021–2030")
    assertContains(response, "<dd>2050</dd>", html=True)


def test_years_are_never_written_with_a_thousands_separator(client, growth_target, settings):
    settings.NUMBER_GROUPING = 3  # what makes 6.700,3 possible must not give 2.030

    for language in ("vi", "en"):
        client.post("/i18n/setlang/", {"language": language, "next": "/targets/"})
        response = client.get("/targets/")

        assertNotContains(response, "2.030")
        assertNotContains(response, "2,030")
        assertNotContains(response, "2.021")
        assertNotContains(response, "2,021")


def test_targets_sit_under_their_section_in_the_section_tree(client, master_plan, growth_target):
    subsection = PlanSection.objects.create(
        plan=master_plan,
        parent=growth_target.section,
        kind=SectionKind.SPECIFIC_TARGETS,
        number="- ",
        title="Về kinh tế",
        text="Các chỉ tiêu về kinh tế của tỉnh.",
    )
    growth_target.section = subsection
    growth_target.save(update_fields=["section"])

    html = client.get("/targets/").content.decode()

    parent_heading = html.index("Mục tiêu, chỉ tiêu cụ thể")
    child_heading = html.index("Về kinh tế")
    phrase = html.index(growth_target.phrase)
    assert parent_heading < child_heading < phrase
    assert '<h4 id="section-' in html  # the subsection's heading is one level down
    assert "Các chỉ tiêu về kinh tế của tỉnh." in html


def test_a_long_section_text_can_be_collapsed(client, targets_section):
    targets_section.text = "Phát triển kinh tế nhanh, bền vững. " * 40
    targets_section.save(update_fields=["text"])

    response = client.get("/targets/")

    assertContains(response, '<details class="section-text" lang="vi">')
