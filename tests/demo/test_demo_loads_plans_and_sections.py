import datetime

import pytest

from plantrack.plans.choices import PlanKind, PlanStatus, SectionKind
from plantrack.plans.models import Plan, PlanSection

pytestmark = pytest.mark.django_db

MASTER = "QH-CB-2021-2030"


def test_demo_loads_the_three_plans_of_the_facts(demo, facts):
    plans = {plan.code: plan for plan in Plan.objects.select_related("scope_unit")}

    assert set(plans) == {plan["code"] for plan in facts["plans"]}
    assert plans[MASTER].kind == PlanKind.MASTER_PLAN
    assert plans["KH5N-CB-2026-2030"].kind == PlanKind.FIVE_YEAR_PLAN
    assert plans["KH-CB-2025"].kind == PlanKind.ANNUAL_PLAN
    assert plans[MASTER].status == PlanStatus.IN_FORCE
    assert plans["KH5N-CB-2026-2030"].status == PlanStatus.IN_FORCE
    assert plans["KH-CB-2025"].status == PlanStatus.ENDED
    assert all(plan.scope_unit.code == "04" for plan in plans.values())


def test_master_plan_keeps_its_decision_period_vision_and_sources(demo):
    plan = Plan.objects.get(code=MASTER)

    assert plan.decision == "1486/QĐ-TTg"
    assert plan.decision_date == datetime.date(2023, 11, 24)
    assert (plan.period_start, plan.period_end, plan.vision_year) == (2021, 2030, 2050)
    assert plan.issuer.startswith("Thủ tướng Chính phủ")
    assert len(plan.sources) == 3
    assert "6.700,3 km²" in plan.note


def test_annual_plan_without_a_full_date_gets_no_decision_date(demo):
    assert Plan.objects.get(code="KH-CB-2025").decision_date is None


def test_master_plan_sections_follow_the_decisions_order(demo):
    top = PlanSection.objects.filter(plan__code=MASTER, parent=None).order_by("order")

    assert [section.kind for section in top] == [
        SectionKind.GENERAL_OBJECTIVE,
        SectionKind.SPECIFIC_TARGETS,
        SectionKind.BREAKTHROUGHS,
        SectionKind.KEY_TASKS,
        SectionKind.SECTOR_ORIENTATION,
        SectionKind.KEY_ISSUES,
    ]
    assert all(section.source for section in PlanSection.objects.filter(plan__code=MASTER))


def test_general_objective_is_the_decisions_text_with_its_source(demo, facts):
    master = facts["plans"][0]
    section = PlanSection.objects.get(plan__code=MASTER, kind=SectionKind.GENERAL_OBJECTIVE)

    assert section.text == master["general_objective"]
    assert section.source == master["general_objective_source"]


def test_breakthroughs_say_they_are_partial(demo, facts):
    section = PlanSection.objects.get(plan__code=MASTER, kind=SectionKind.BREAKTHROUGHS)

    wording = facts["plans"][0]["breakthroughs_partial"].replace(
        " (the other two were not found)", ""
    )
    assert wording in section.text
    assert "hai khâu còn lại chưa tìm thấy" in section.text
    assert "not found" not in section.text and "caobang-facts" not in section.source
    assert "một phần" in section.title


@pytest.mark.parametrize(
    ("kind", "key", "count"),
    [
        (SectionKind.KEY_TASKS, "key_tasks_from_seed", 4),
        (SectionKind.SECTOR_ORIENTATION, "sector_presentations_from_seed", 7),
        (SectionKind.KEY_ISSUES, "key_issue_groups_from_seed", 6),
    ],
)
def test_seed_lists_become_one_child_section_each_in_order(demo, facts, kind, key, count):
    parent = PlanSection.objects.get(plan__code=MASTER, kind=kind, parent=None)
    children = list(parent.children.order_by("order"))

    assert len(children) == count
    assert [child.title.lower() for child in children] == [
        item.lower() for item in facts["plans"][0][key]
    ]
    # The seed article as a reader finds it (title, where published, address), not our file.
    assert all("viup.vn" in child.source and ".txt" not in child.source for child in children)


def test_key_tasks_are_the_seed_sentences_verbatim(demo, facts):
    parent = PlanSection.objects.get(plan__code=MASTER, kind=SectionKind.KEY_TASKS, parent=None)

    titles = list(parent.children.order_by("order").values_list("title", flat=True))

    assert titles == facts["plans"][0]["key_tasks_from_seed"]


@pytest.mark.parametrize("code", ["KH5N-CB-2026-2030", "KH-CB-2025"])
def test_five_year_and_annual_plans_have_one_main_targets_section(demo, code):
    sections = PlanSection.objects.filter(plan__code=code)

    assert [(s.kind, s.title) for s in sections] == [
        (SectionKind.SPECIFIC_TARGETS, "Các chỉ tiêu chủ yếu")
    ]
    assert sections[0].source
