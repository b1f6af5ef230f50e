"""The demo's tasks: real ones with their sources, the seed's directives verbatim and
labelled illustrative where the demo assigned something; the real projects, capital empty."""

from pathlib import Path

import pytest

from plantrack.investment.models import Project
from plantrack.workplan.models import Task

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[1] / "data" / "extraction-seed-article.txt"


def test_the_published_tasks_keep_their_deadline_and_source(demo):
    par = Task.objects.get(code="TT-01")
    assert (
        par.title
        == "Các sở, ngành và UBND các xã ban hành kế hoạch cải thiện PAR-INDEX, SIPAS, PAPI"
    )
    assert par.deadline.isoformat() == "2025-07-20"
    assert par.lead_agency.name == "Sở Nội vụ"
    assert "laodong.vn" in par.source
    assert "deadline" not in par.illustrative_fields


def test_each_directive_is_a_verbatim_sentence_of_the_speech(demo):
    seed = SEED.read_text(encoding="utf-8")
    directives = Task.objects.filter(code__startswith="CT-")
    assert directives.count() == 7
    for task in directives:
        assert task.title in seed, task.code
        assert set(task.illustrative_fields) >= {"lead_agency", "deadline", "expected_product"}


def test_projects_are_the_published_ones_with_capital_left_empty(demo, facts):
    names = {p["name"] for p in facts["projects_real"]}
    assert set(Project.objects.values_list("name", flat=True)) == names
    assert not Project.objects.filter(total_investment__isnull=False).exists()
    expressway = Project.objects.get(code="DA-01")
    assert expressway.kind == "ppp" and expressway.start_year == 2024
    assert list(expressway.locations.values_list("unit__name", flat=True)) == ["Huyện Thạch An"]
