"""Eight processes editing, approving and superseding the same figures at once, through the
API: no 500, no lost update, the revision history complete, one current figure per key
(issue 14).

Eight OS processes (``eight_writers_worker.py``, plain HTTP clients, released together),
each with a reporter's and an approver's token of Sở Công Thương, take ``STEPS`` steps on
the figures of three periods of one indicator and unit, served by pytest-django's live
server (a thread and a database connection per request). What each step does depends on
the state it reads, so the processes race: two edits of the same version, an approval and
a return of the same figure, an edit of a figure being submitted, two vintages of one key
approved at once. Every answer must be 200, 201 or a 409 the API documents; every accepted
edit is in the history at the version it was made on (two accepted edits of one version
would be a lost update); each figure's history is one revision per version, values
chained; every accepted workflow step is one revision and every revision one accepted
answer. On SQLite writers queue behind one lock, so the test needs PostgreSQL, like
``test_concurrent_creation_answers_409.py`` (the creation race alone).
"""

import json
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Membership
from plantrack.observations.choices import FigureStatus, RevisionAction, WorkflowState
from plantrack.observations.models import Observation, ObservationRevision
from plantrack.observations.vintages import record_observation

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so the processes never race",
    ),
    pytest.mark.django_db(transaction=True),
]

PROCESSES = 8
STEPS = 15
PERIODS = ("2021", "2022", "2023")
WORKER = Path(__file__).with_name("eight_writers_worker.py")
# The refusals a race may give, all 409 (api/exceptions.py, WORKFLOW_STATUS).
RACE_CODES = {"concurrent_edit", "wrong_state", "superseded", "duplicate_figure"}


@pytest.fixture
def people(django_user_model, industry):
    """Eight (reporter, approver) pairs of Sở Công Thương: (user, token) each."""
    pairs = []
    for number in range(PROCESSES):
        pair = []
        for name, role in (
            (f"bao-cao-{number}", Role.REPORTER),
            (f"duyet-{number}", Role.APPROVER),
        ):
            user = django_user_model.objects.create_user(username=name, password="pw")
            Membership.objects.create(user=user, agency=industry, role=role)
            pair.append((user, Token.objects.create(user=user).key))
        pairs.append(pair)
    return pairs


@pytest.fixture
def published(grdp_growth, province, industry):
    """The approved figure of each period, where the processes start."""
    return [
        record_observation(
            indicator=grdp_growth,
            unit=province,
            period=period,
            value=Decimal("6.5"),
            status=FigureStatus.OFFICIAL,
            source="Cục Thống kê tỉnh",
            state=WorkflowState.APPROVED,
            agency=industry,
        )[0]
        for period in PERIODS
    ]


def run_processes(base: str, people) -> list[dict]:
    """Start the eight processes, release them together, return every answer."""
    workers = []
    for number, ((_reporter, reporter_token), (_approver, approver_token)) in enumerate(people):
        config = {
            "base": base,
            "number": number,
            "reporter": reporter_token,
            "approver": approver_token,
            "periods": PERIODS,
            "steps": STEPS,
            "seed": 14,
        }
        workers.append(
            subprocess.Popen(  # noqa: S603 -- our own script
                [sys.executable, str(WORKER), json.dumps(config)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    try:
        for worker in workers:
            assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
        for worker in workers:
            worker.stdin.write("go\n")
            worker.stdin.flush()
        answers = []
        for number, worker in enumerate(workers):
            out, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err
            answers += [answer | {"process": number} for answer in json.loads(out)]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    return answers


def kind_of(revision: ObservationRevision) -> str:
    """Name the step a revision records: created, superseded, edit, submit, approve, reject."""
    if revision.action != RevisionAction.CHANGED:
        return str(revision.action)
    if "value" in revision.changes:
        return "edit"
    old, new = revision.changes["state"]
    return {
        (WorkflowState.SUBMITTED, WorkflowState.APPROVED): "approve",
        (WorkflowState.SUBMITTED, WorkflowState.REJECTED): "reject",
    }.get((old, new), "submit" if new == WorkflowState.SUBMITTED else f"{old}->{new}")


def test_eight_processes_lose_no_update_and_keep_the_history_whole(live_server, people, published):
    answers = run_processes(live_server.url, people)

    # No server error, nothing but success or a documented refusal of a race.
    statuses = Counter(answer["status"] for answer in answers)
    assert set(statuses) <= {200, 201, 409}, [
        a for a in answers if a["status"] not in (200, 201, 409)
    ]
    refused = [answer for answer in answers if answer["status"] == 409]
    assert {answer["body"]["error"]["code"] for answer in refused} <= RACE_CODES, refused
    assert any(answer["body"]["error"]["code"] == "concurrent_edit" for answer in refused), (
        "no two edits of one version raced: the test proves nothing"
    )
    accepted = [answer for answer in answers if answer["status"] in (200, 201)]
    users = {}
    for number, ((reporter, _), (approver, _)) in enumerate(people):
        users[number] = {"reporter": reporter.pk, "approver": approver.pk}

    figures = {figure.pk: figure for figure in Observation.objects.all()}
    history: dict[int, list[ObservationRevision]] = {pk: [] for pk in figures}
    for revision in ObservationRevision.objects.order_by("id"):
        history[revision.observation_id].append(revision)

    # Each figure's history: CREATED first, then one revision per version, values chained.
    for pk, figure in figures.items():
        revisions = history[pk]
        assert [r.action for r in revisions[:1]] == [RevisionAction.CREATED], pk
        assert len(revisions) == figure.version, (pk, figure.version, len(revisions))
        for earlier, later in zip(revisions, revisions[1:], strict=False):
            assert later.old_value == earlier.new_value, (pk, later.pk)
        assert revisions[-1].new_value == figure.value, pk

    # No lost update: an accepted edit is the revision that made its version + 1, with its
    # value and by its reporter; so no two accepted edits share a version.
    edits = [answer for answer in accepted if answer["op"] == "edit"]
    assert edits, "no edit was accepted"
    for edit in edits:
        made = history[edit["figure"]][edit["seen"]]  # the revision that made seen + 1
        assert kind_of(made) == "edit", edit
        assert made.new_value == Decimal(edit["value"]), edit
        assert made.user_id == users[edit["process"]]["reporter"], edit
    # The value stored is the last accepted edit's, for every figure edited.
    last_edit = {}
    for edit in sorted(edits, key=lambda answer: answer["seen"]):
        last_edit[edit["figure"]] = Decimal(edit["value"])
    for pk, value in last_edit.items():
        assert figures[pk].value == value, pk

    # Every accepted step is one revision, and every revision but the CREATED and the
    # SUPERSEDED ones is an accepted step (who, which figure, what).
    role = {"edit": "reporter", "submit": "reporter", "approve": "approver", "reject": "approver"}
    expected = Counter(
        (answer["figure"], users[answer["process"]][role[answer["op"]]], answer["op"])
        for answer in accepted
        if answer["op"] != "create"
    )
    found = Counter(
        (revision.observation_id, revision.user_id, kind_of(revision))
        for revisions in history.values()
        for revision in revisions
        if revision.action == RevisionAction.CHANGED
    )
    assert found == expected
    created = [answer for answer in accepted if answer["op"] == "create"]
    assert all(answer["status"] == 201 for answer in created), created
    assert sorted(answer["body"]["id"] for answer in created) == sorted(
        pk for pk in figures if pk not in {figure.pk for figure in published}
    )
    for answer in created:
        first = history[answer["body"]["id"]][0]
        assert first.new_value == Decimal(answer["value"]), answer
        assert first.user_id == users[answer["process"]]["reporter"], answer

    # Per period: one current figure, approved, at the end of one chain of vintages from the
    # published figure; every figure superseded is in it, with its SUPERSEDED revision.
    for figure in published:
        same = [f for f in figures.values() if f.period == figure.period]
        current = [f for f in same if f.is_current]
        assert len(current) == 1, figure.period
        assert current[0].state == WorkflowState.APPROVED
        chain, link = [], current[0]
        while link is not None:
            chain.append(link.pk)
            link = figures.get(link.supersedes_id)
        assert chain[-1] == figure.pk
        superseded = {f.supersedes_id for f in same if f.supersedes_id is not None}
        assert superseded == set(chain[1:])
        for pk in superseded:
            assert not figures[pk].is_current
            assert RevisionAction.SUPERSEDED in [r.action for r in history[pk]], pk
    print(f"\n{len(answers)} answers: {dict(statuses)}; refused: "
          f"{dict(Counter(a['body']['error']['code'] for a in refused))}; "
          f"accepted: {dict(Counter(a['op'] for a in accepted))}")  # fmt: skip
