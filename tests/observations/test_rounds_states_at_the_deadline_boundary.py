"""An owed figure's state around the deadline, to the microsecond, and what a figure's history
says of when it was reported (pure: no database)."""

import datetime

from rounds_helpers import at

from plantrack.observations.choices import ObligationState, WorkflowState
from plantrack.observations.models import deadline_cutoff
from plantrack.observations.rounds import FigureHistory, moment_of, obligation_state

CUTOFF = at("2025-12-16 00:00:00")
MICROSECOND = datetime.timedelta(microseconds=1)
DRAFT, SUBMITTED = WorkflowState.DRAFT, WorkflowState.SUBMITTED
APPROVED, REJECTED = WorkflowState.APPROVED, WorkflowState.REJECTED


def test_the_deadline_day_ends_at_midnight_in_vietnam():
    cutoff = deadline_cutoff(datetime.date(2025, 12, 15))

    assert cutoff == CUTOFF
    assert cutoff.astimezone(datetime.UTC) == datetime.datetime(
        2025, 12, 15, 17, tzinfo=datetime.UTC
    )


def test_a_day_as_of_means_the_end_of_that_day():
    assert moment_of(datetime.date(2025, 12, 15)) == CUTOFF - MICROSECOND
    naive = datetime.datetime.fromisoformat("2025-12-15 09:30")

    assert moment_of(naive) == at("2025-12-15 09:30")  # read in Vietnam's time zone


def test_reported_just_before_the_cutoff_is_on_time():
    state = obligation_state(CUTOFF - MICROSECOND, CUTOFF, at("2026-01-10 08:00"), closed=False)

    assert state == ObligationState.ON_TIME


def test_reported_at_the_cutoff_or_after_is_late():
    moment = at("2026-01-10 08:00")

    assert obligation_state(CUTOFF, CUTOFF, moment, closed=False) == ObligationState.LATE
    assert obligation_state(CUTOFF + MICROSECOND, CUTOFF, moment, True) == ObligationState.LATE


def test_not_reported_is_not_due_until_the_cutoff_then_overdue():
    assert obligation_state(None, CUTOFF, CUTOFF - MICROSECOND, False) == ObligationState.NOT_DUE
    assert obligation_state(None, CUTOFF, CUTOFF, False) == ObligationState.OVERDUE


def test_not_reported_when_the_round_closed_is_never_reported():
    assert obligation_state(None, CUTOFF, at("2026-01-10 08:00"), True) == ObligationState.NEVER


def test_a_figure_counts_from_when_it_was_first_submitted():
    history = FigureHistory(
        status="estimate",
        created_at=at("2025-12-01 09:00"),
        state=APPROVED,
        changes=(
            (at("2025-12-10 10:00"), DRAFT, SUBMITTED),
            (at("2025-12-20 10:00"), SUBMITTED, APPROVED),
        ),
    )

    assert history.reported_at(at("2025-12-05 00:00")) is None  # still a draft
    assert history.reported_at(at("2025-12-10 10:00")) == at("2025-12-10 10:00")
    assert history.reported_at(at("2026-01-01 00:00")) == at("2025-12-10 10:00")


def test_a_figure_created_submitted_counts_from_its_creation():
    history = FigureHistory(status="estimate", created_at=at("2025-12-12 15:00"), state=SUBMITTED)

    assert history.reported_at(at("2025-12-12 14:59")) is None  # it did not exist yet
    assert history.reported_at(at("2025-12-12 15:00")) == at("2025-12-12 15:00")


def test_a_rejected_figure_does_not_count_until_it_is_sent_again():
    history = FigureHistory(
        status="estimate",
        created_at=at("2025-12-01 09:00"),
        state=SUBMITTED,
        changes=(
            (at("2025-12-10 10:00"), DRAFT, SUBMITTED),
            (at("2025-12-11 10:00"), SUBMITTED, REJECTED),
            (at("2025-12-12 10:00"), REJECTED, DRAFT),
            (at("2025-12-18 10:00"), DRAFT, SUBMITTED),
        ),
    )

    assert history.reported_at(at("2025-12-14 00:00")) is None
    # Sent again: it counts from its first submission, so a returned typo is not lateness.
    assert history.reported_at(at("2025-12-20 00:00")) == at("2025-12-10 10:00")


def test_a_figure_imported_approved_and_never_changed_counts_from_creation():
    history = FigureHistory(status="official", created_at=at("2025-06-01 08:00"), state=APPROVED)

    assert history.reported_at(at("2025-12-20 00:00")) == at("2025-06-01 08:00")


def test_the_calendars_last_day_has_a_cutoff():
    import datetime

    from plantrack.observations.models import deadline_cutoff
    from plantrack.observations.rounds import moment_of

    last = datetime.date.max

    assert deadline_cutoff(last).date() == last
    assert moment_of(last) < deadline_cutoff(last)
