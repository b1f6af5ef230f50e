"""The review screen lists the least sure candidates first; the text keeps its order."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _listed_orders(response) -> list[int]:
    return [int(order) for order in re.findall(r'<article id="candidate-(\d+)"', response.text)]


def test_candidates_are_listed_by_confidence_lowest_first(client, planner, seed_run):
    confidences = {1: 0.95, 2: 0.4, 3: 0.95, 4: 0.7}
    for order, confidence in confidences.items():
        seed_run.candidates.filter(order=order).update(confidence=confidence)
    client.force_login(planner)

    response = client.get(reverse("extraction:review", args=[seed_run.pk]))

    assert _listed_orders(response) == [2, 4, 1, 3]  # ties keep the text order
    marks = [int(mark) for mark in re.findall(r'<mark id="mark-(\d+)">', response.text)]
    assert marks == [1, 2, 3, 4]


def test_equally_sure_candidates_are_listed_in_text_order(client, planner, seed_run):
    seed_run.candidates.update(confidence=0.9)
    client.force_login(planner)

    response = client.get(reverse("extraction:review", args=[seed_run.pk]))

    assert _listed_orders(response) == [1, 2, 3, 4]
