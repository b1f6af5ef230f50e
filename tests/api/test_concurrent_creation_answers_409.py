"""Several requests creating the same figure at once: one wins, the others get 409 naming it.

Through ``POST /api/observations/`` and ``POST /api/imports/``, each request in its own
thread with its own database connection, all released together by a barrier. No 500
(the database's ``observation_one_current_per_key`` used to surface as ``IntegrityError``),
one current figure, and a complete history: every stored figure has its CREATED revision.
On SQLite the writers queue behind one lock (``transaction_mode`` IMMEDIATE), so the race
cannot happen there and the test needs PostgreSQL.
"""

import re
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Membership
from plantrack.observations.choices import RevisionAction
from plantrack.observations.models import Observation, ObservationRevision

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so two creations never race",
    ),
    pytest.mark.django_db(transaction=True),
]

THREADS = 8


@pytest.fixture
def reporters(django_user_model, industry):
    """Eight reporters of Sở Công Thương, each with a token."""
    tokens = []
    for number in range(THREADS):
        user = django_user_model.objects.create_user(username=f"bao-cao-{number}", password="pw")
        Membership.objects.create(user=user, agency=industry, role=Role.REPORTER)
        tokens.append(Token.objects.create(user=user).key)
    return tokens


def race(tokens, send) -> list:
    """Run ``send(client, number)`` in one thread per token at once; return the responses."""
    start = threading.Barrier(len(tokens))
    responses: list = [None] * len(tokens)

    def run(number, key):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        try:
            start.wait()
            responses[number] = send(client, number)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def figure_csv(row: str) -> SimpleUploadedFile:
    content = "indicator,unit,period,value,status,source\n" + row
    return SimpleUploadedFile("so-lieu.csv", content.encode("utf-8"), content_type="text/csv")


def assert_sound(all_responses: list, *, created: int) -> None:
    """No server error; every 409 names a stored figure; the history is complete.

    A request that starts after the winner committed is no race: it finds the figure and
    records its own value as a new vintage (``created`` too), as it would one minute later.
    """
    statuses = [response.status_code for response in all_responses]
    assert set(statuses) <= {created, 409}, statuses
    assert 409 in statuses, "no race happened in any round"
    stored = {figure.pk: figure for figure in Observation.objects.all()}
    for response in all_responses:
        if response.status_code == 409:
            body = response.json()["error"]
            assert body["code"] == "duplicate_figure"
            named = re.search(r"số liệu số (\d+)", body["message"])
            assert named is not None and int(named.group(1)) in stored, body["message"]
    # Each created answer is one stored figure; each figure has its CREATED revision, and
    # one figure per period is current, the others superseded in a chain.
    assert statuses.count(created) == len(stored)
    assert sorted(
        ObservationRevision.objects.filter(action=RevisionAction.CREATED).values_list(
            "observation_id", flat=True
        )
    ) == sorted(stored)
    for period in {figure.period for figure in stored.values()}:
        same = [figure for figure in stored.values() if figure.period == period]
        assert sum(figure.is_current for figure in same) == 1
        assert sum(figure.supersedes_id is None for figure in same) == 1


ROUNDS = ("2021", "2022", "2023")


def test_simultaneous_entries_of_one_figure_give_201_or_409_naming_the_winner(
    reporters, grdp_growth, province
):
    responses = []
    for period in ROUNDS:
        body = {"indicator": "grdp_growth", "unit": province.code, "period": period}
        responses += race(
            reporters,
            lambda client, number, body=body: client.post(
                "/api/observations/",
                {**body, "value": f"6.{number}", "source": f"Báo cáo {number}"},
                format="json",
            ),
        )

    assert_sound(responses, created=201)
    for response in responses:
        if response.status_code == 409:
            figure = response.json()["error"]["details"]["figure"]
            assert Observation.objects.filter(pk=figure).exists()


def test_simultaneous_imports_of_one_figure_give_201_or_409_naming_the_winner(
    reporters, grdp_growth, province
):
    responses = []
    for period in ROUNDS:
        responses += race(
            reporters,
            lambda client, number, period=period: client.post(
                "/api/imports/",
                {
                    "file": figure_csv(
                        f"grdp_growth,04,{period},6.{number},estimate,Báo cáo {number}\n"
                    )
                },
                format="multipart",
            ),
        )

    assert_sound(responses, created=201)
    for response in responses:
        if response.status_code == 409:
            problems = response.json()["error"]["details"]["problems"]
            assert [problem["code"] for problem in problems] == ["duplicate_figure"]
