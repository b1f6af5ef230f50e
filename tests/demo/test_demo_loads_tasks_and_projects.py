"""The demo's tasks: real ones with their sources, the seed's directives verbatim and
labelled illustrative where the demo assigned something; the real projects, capital empty."""

import re
from pathlib import Path

import pytest

from plantrack.investment.models import Project
from plantrack.observations.choices import RoundState
from plantrack.observations.models import ReportingRound
from plantrack.observations.rounds import round_progress
from plantrack.plans.choices import SectionKind
from plantrack.plans.models import PlanSection
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


def _speech_sentences() -> list[str]:
    """Return the sentences of the Party Secretary's speech in the seed article: the two
    paragraphs after "Phát biểu tại hội nghị" and before nothing else (the article ends
    with the speech), split at full stops."""
    text = SEED.read_text(encoding="utf-8")
    speech = text[text.index("Phát biểu tại hội nghị, Bí thư") :]
    return [s.strip() + "." for s in re.split(r"\.\s+", speech.strip().rstrip(".")) if s.strip()]


# A directive asks someone to act; the speech's other sentences state what the plan is.
DIRECTIVE_OPENINGS = re.compile(
    r"^(Yêu cầu|Để quy hoạch sớm|Tổ chức triển khai|Các cấp, ngành chủ động|Khẩn trương|"
    r"Huy động|Tập trung|Tiếp tục|Thực hiện|Tăng cường)"
)


def test_every_directive_sentence_of_the_speech_is_a_task(demo):
    directives = [s for s in _speech_sentences() if DIRECTIVE_OPENINGS.match(s)]
    assert len(directives) == 10  # more than the seven the demo had

    titles = set(Task.objects.filter(code__startswith="CT-").values_list("title", flat=True))
    key_issues = directives[0]
    assert key_issues.startswith("Yêu cầu các cấp, ngành làm tốt 6 nhóm vấn đề")
    assert titles == set(directives[1:])  # nine sentences, nine tasks, verbatim
    for task in Task.objects.filter(code__startswith="CT-"):
        assert set(task.illustrative_fields) >= {"lead_agency", "deadline", "expected_product"}


def test_the_six_key_issue_groups_each_have_their_task(demo):
    groups = PlanSection.objects.filter(kind=SectionKind.KEY_ISSUES, parent__isnull=False).order_by(
        "order"
    )
    assert groups.count() == 6
    for group in groups:
        (task,) = group.tasks.all()
        assert task.code.startswith("CY-")
        assert group.title in task.title
        assert "Yêu cầu các cấp, ngành làm tốt 6 nhóm vấn đề mang tính cốt yếu" in task.description
        assert "lead_agency" in task.illustrative_fields


def test_directives_cite_the_speech_as_a_reader_finds_it(demo):
    for task in Task.objects.filter(code__regex=r"^(CT|CY)-"):
        assert "Bí thư Tỉnh ủy Trần Hồng Minh" in task.source, task.code
        assert "Hội nghị công bố Quy hoạch tỉnh Cao Bằng" in task.source
        assert "https://viup.vn/" in task.source
        assert "ngày hội nghị không ghi trong bản tin" in task.source  # the date is unknown
        assert ".txt" not in task.source and "seed" not in task.source


def test_the_demo_round_is_open_and_past_its_deadline_with_agencies_behind(demo):
    (demo_round,) = ReportingRound.objects.all()
    assert "minh họa" in demo_round.title and "minh họa" in demo_round.note
    (progress,) = round_progress([demo_round])
    assert progress.state == RoundState.PAST_DEADLINE
    by_agency = {agency.agency.code: agency for agency in progress.agencies}
    # No 2024 figure of health or home affairs in the public facts: still owed, overdue.
    assert by_agency["SYT"].overdue == by_agency["SYT"].owed == 2
    assert by_agency["SNV"].overdue == 3
    # Published 2024 figures were entered when the demo loaded, after the deadline: late.
    assert by_agency["STC"].late == 1
    assert all(agency.behind for agency in progress.agencies)


def test_projects_are_the_published_ones_with_capital_left_empty(demo, facts):
    names = {p["name"] for p in facts["projects_real"]}
    assert set(Project.objects.values_list("name", flat=True)) == names
    assert not Project.objects.filter(total_investment__isnull=False).exists()
    expressway = Project.objects.get(code="DA-01")
    assert expressway.kind == "ppp" and expressway.start_year == 2024
    assert list(expressway.locations.values_list("unit__name", flat=True)) == ["Huyện Thạch An"]
    assert "đang thi công" in expressway.note and "under construction" not in expressway.note
