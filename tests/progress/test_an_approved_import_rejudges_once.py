"""An import of approved figures re-judges what they feed, once for the whole file."""

import csv
import io

import pytest

from plantrack.observations.imports import import_observations
from plantrack.observations.signals import figures_changed
from plantrack.progress.models import Judgement
from tests.progress.live_world import build_world, publish

pytestmark = pytest.mark.django_db

HEADER = ("indicator", "unit", "period", "value", "status", "source", "comment")


def content(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADER, *rows])
    return buffer.getvalue().encode()


def test_new_and_revised_figures_of_a_file_rejudge_in_one_go(
    master_plan, province, planner, settings
):
    settings.PLANTRACK_ALLOW_SELF_APPROVAL = True  # the planner approves what it imports
    world = build_world(master_plan, province)
    commune = world["communes"][0]
    publish(world["poverty"], commune, 2020, 9)  # revised by the file
    sent = []

    def listen(sender, **kwargs):
        sent.append(kwargs)

    figures_changed.connect(listen, dispatch_uid="test-import-listen")
    try:
        report = import_observations(
            content(
                [
                    ("poverty", commune.code, "2020", "8", "official", "Báo cáo năm", ""),
                    ("poverty", commune.code, "2024", "4", "official", "Báo cáo năm", ""),
                ]
            ),
            "ho-ngheo.csv",
            user=planner,
            approve=True,
        )
    finally:
        figures_changed.disconnect(dispatch_uid="test-import-listen")

    assert report.written, report.problems
    assert len(sent) == 1
    judged = Judgement.objects.get(target=world["targets"]["poverty_commune"])
    assert judged.status == "achieved"
    assert judged.components["series"] == [[2020, 8.0], [2024, 4.0]]
