import pytest

from plantrack.plans.choices import SectionKind, TargetKind
from plantrack.plans.models import Target

pytestmark = pytest.mark.django_db


def test_every_target_of_the_facts_is_loaded_with_its_verbatim_phrase(demo, shown_facts):
    for plan in shown_facts["plans"]:
        for entry in plan["targets"]:
            target = Target.objects.get(
                plan__code=plan["code"], indicator__code=entry["indicator"], supersedes=None
            )
            assert target.phrase == entry["phrase"]
            assert target.kind == entry["kind"]
            assert target.target_year == entry["target_year"]
            assert target.scope_unit.code == "04"
            assert target.source


def test_targets_count_22_originals_and_5_revisions(demo, facts):
    originals = sum(len(plan["targets"]) for plan in facts["plans"])

    assert originals == 22
    assert Target.objects.filter(supersedes=None).count() == originals
    assert Target.objects.exclude(supersedes=None).count() == 5


def test_master_plan_targets_carry_the_source_of_the_facts(demo, facts):
    growth = Target.objects.get(plan__code="QH-CB-2021-2030", indicator__code="grdp_growth")

    # The facts cite the seed article by our file name; the page cites the article itself.
    cited = facts["plans"][0]["targets"][0]["source"]
    assert cited.startswith("seed article (000_")
    assert growth.source.startswith("Bản tin “Hội nghị công bố Quy hoạch tỉnh Cao Bằng")
    assert "https://viup.vn/" in growth.source and ".txt" not in growth.source
    assert growth.source.endswith(cited.split("; also ")[1])
    assert growth.measure == "growth_rate"
    assert (growth.start_year, growth.target_year) == (2021, 2030)


def test_approximate_targets_get_no_invented_tolerance(demo):
    approximate = Target.objects.filter(plan__code="QH-CB-2021-2030", comparator="~")

    assert approximate.count() == 2
    assert all(target.tolerance is None for target in approximate)


def test_a_range_keeps_its_upper_value(demo):
    target = Target.objects.get(plan__code="KH5N-CB-2026-2030", indicator__code="grdp_per_capita")

    assert (target.value, target.upper_value) == (75, 80)


def test_qualitative_targets_hang_from_the_general_objective_and_the_rest_from_targets(demo):
    for target in Target.objects.select_related("section"):
        expected = (
            SectionKind.GENERAL_OBJECTIVE
            if target.kind == TargetKind.QUALITATIVE
            else SectionKind.SPECIFIC_TARGETS
        )
        assert target.section.kind == expected, target.phrase
