"""A planner accepts, edits or rejects each candidate; the decision is kept."""

from decimal import Decimal

import pytest
from django.urls import reverse
from extraction_helpers import candidate_form
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def _post(client, run, candidate, data):
    url = reverse("extraction:review_candidate", args=[run.pk, candidate.pk])
    return client.post(url, data)


def test_the_extractor_proposes_matches_and_a_new_indicator(seed_run, registry):
    growth, per_capita, budget, poverty = seed_run.candidates.all()

    assert growth.indicator == registry["grdp_growth"]
    assert per_capita.indicator == registry["grdp_per_capita"]
    assert budget.indicator == registry["budget_revenue"]
    assert poverty.indicator is None
    assert poverty.new_indicator_code == "ty_le_ho_ngheo_da_chieu"
    assert 0.6 <= growth.match_confidence <= 1
    assert poverty.extracted["value"] == -4


def test_accepting_keeps_the_values_and_records_who(client, planner, seed_run):
    client.force_login(planner)
    candidate = seed_run.candidates.first()

    response = _post(client, seed_run, candidate, candidate_form(candidate, "accept"))

    assert response.status_code == 302
    assert response["Location"].endswith("#candidate-1")
    candidate.refresh_from_db()
    assert (candidate.state, candidate.reviewed_by) == ("accepted", planner)
    assert candidate.value == Decimal("9.72")


def test_editing_changes_the_values_but_not_what_was_extracted(client, planner, seed_run):
    client.force_login(planner)
    candidate = seed_run.candidates.get(order=2)

    _post(
        client,
        seed_run,
        candidate,
        candidate_form(candidate, "save", value="101.7", comparator="="),
    )

    candidate.refresh_from_db()
    assert (candidate.state, candidate.value, candidate.comparator) == (
        "pending",
        Decimal("101.7"),
        "=",
    )
    assert candidate.extracted["value"] == 102
    assert candidate.extracted["comparator"] == "~"


def test_choosing_another_indicator_or_a_new_one(client, planner, seed_run, registry):
    client.force_login(planner)
    poverty = seed_run.candidates.get(order=4)

    _post(
        client,
        seed_run,
        poverty,
        candidate_form(
            poverty,
            "accept",
            new_indicator_code="poverty_rate_multidimensional",
            new_indicator_name="Tỷ lệ hộ nghèo đa chiều",
        ),
    )
    budget = seed_run.candidates.get(order=3)
    _post(
        client,
        seed_run,
        budget,
        candidate_form(budget, "save", indicator=registry["grdp_growth"].pk),
    )

    poverty.refresh_from_db()
    budget.refresh_from_db()
    assert (poverty.state, poverty.new_indicator_code) == (
        "accepted",
        "poverty_rate_multidimensional",
    )
    assert budget.indicator == registry["grdp_growth"]


def test_rejecting_needs_no_valid_values(client, planner, seed_run):
    client.force_login(planner)
    candidate = seed_run.candidates.first()

    _post(client, seed_run, candidate, candidate_form(candidate, "reject", value="không phải số"))

    candidate.refresh_from_db()
    assert candidate.state == "rejected"
    assert candidate.value == Decimal("9.72")


def test_accepting_without_an_indicator_is_refused_with_a_message(client, planner, seed_run):
    client.force_login(planner)
    poverty = seed_run.candidates.get(order=4)

    response = _post(
        client, seed_run, poverty, candidate_form(poverty, "accept", new_indicator_code="")
    )

    assertContains(response, "Chọn một chỉ số có sẵn hoặc đặt mã cho chỉ số mới", status_code=400)
    poverty.refresh_from_db()
    assert poverty.state == "pending"


def test_a_range_upside_down_is_refused(client, planner, seed_run):
    client.force_login(planner)
    candidate = seed_run.candidates.get(order=2)

    response = _post(
        client, seed_run, candidate, candidate_form(candidate, "save", upper_value="90")
    )

    assertContains(response, "Cận trên của khoảng phải không nhỏ hơn giá trị", status_code=400)


def test_numbers_show_and_parse_the_vietnamese_way(client, planner, seed_run):
    client.force_login(planner)
    candidate = seed_run.candidates.get(order=1)

    page = client.get(reverse("extraction:review", args=[seed_run.pk]))
    _post(client, seed_run, candidate, candidate_form(candidate, "save", value="9,8"))

    assertContains(page, f'name="c{candidate.pk}-value" value="9,72"')
    candidate.refresh_from_db()
    assert candidate.value == Decimal("9.8")


def test_a_value_that_is_not_a_number_is_refused(client, planner, seed_run):
    client.force_login(planner)
    candidate = seed_run.candidates.get(order=1)

    response = _post(client, seed_run, candidate, candidate_form(candidate, "save", value="9,7,2"))

    assertContains(response, "“9,7,2” không phải là một số.", status_code=400)
