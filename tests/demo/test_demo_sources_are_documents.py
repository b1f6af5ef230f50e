"""What the demo shows a reader names documents they can find, in Vietnamese: no file of
ours ("seed/000_….txt", "caobang-facts.json"), no English working note, and a five-year
plan's news paraphrase says it is one."""

import re

import pytest

from plantrack.investment.models import Project
from plantrack.observations.models import Observation
from plantrack.plans.models import Indicator, Plan, PlanSection, Target
from plantrack.workplan.models import Task

pytestmark = pytest.mark.django_db

OUR_FILES = re.compile(r"\.txt\b|\.json\b|\.md\b|repo copy|seed article|tai_lieu_noi_bo|seed/")
ENGLISH_NOTE = re.compile(r"\b(the|of|and|as reported|estimate|were|not found)\b")


def shown_texts():
    for model, fields in (
        (Target, ("phrase", "source", "note")),
        (PlanSection, ("source", "text")),
        (Plan, ("note",)),
        (Indicator, ("source",)),
        (Observation, ("source", "comment")),
        (Task, ("source",)),
        (Project, ("source",)),
    ):
        for row in model.objects.all():
            for name in fields:
                value = getattr(row, name, "") or ""
                if value:
                    yield f"{model.__name__} {row.pk} {name}", value


def test_no_source_names_a_file_of_ours(demo):
    named = [(where, text) for where, text in shown_texts() if OUR_FILES.search(text)]

    assert named == []


def test_notes_and_comments_are_vietnamese(demo):
    english = [
        (where, text)
        for where, text in shown_texts()
        if not where.endswith("source") and ENGLISH_NOTE.search(re.sub(r"https?://\S+", "", text))
    ]

    assert english == []


def test_a_news_paraphrase_says_it_is_not_the_resolutions_wording(demo):
    for target in Target.objects.filter(plan__code="KH5N-CB-2026-2030"):
        assert target.phrase.endswith("(diễn đạt lại theo tin đưa)"), target.phrase
        assert "chưa tìm được nguyên văn nghị quyết" in target.note
