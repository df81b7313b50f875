"""Decree 61/2023 rules over their input space (hypothesis)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancoso.conventions import law
from dancoso.core.workdays import is_working_day, working_days_between

days = st.dates(min_value=date(2023, 8, 16), max_value=date(2035, 12, 31))
sizes = st.integers(min_value=1, max_value=2000)


@given(days, st.integers(0, 60))
def test_posting_lasts_thirty_days(opens, extra):
    closes = opens + timedelta(days=extra)
    if extra + 1 >= 30:
        law.check_posting(opens, closes)
    else:
        with pytest.raises(ValueError, match="ít nhất 30 ngày"):
            law.check_posting(opens, closes)


@given(sizes, st.data())
def test_adopted_at_a_meeting_exactly_when_more_than_half_of_all_households_agree(total, data):
    attending = data.draw(st.integers(total // 2 + 1, total))
    agreeing = data.draw(st.integers(0, attending))
    result = law.adoption(method="meeting", total=total, attending=attending, agreeing=agreeing)
    assert result.adopted == (2 * agreeing > total)


@given(sizes, st.data())
def test_a_meeting_of_half_or_fewer_cannot_vote(total, data):
    attending = data.draw(st.integers(0, total // 2))
    with pytest.raises(ValueError, match="phát phiếu"):
        law.adoption(method="meeting", total=total, attending=attending, agreeing=0)


@given(sizes, st.data())
def test_ballots_only_after_a_failed_meeting(total, data):
    returned = data.draw(st.integers(0, total))
    agreeing = data.draw(st.integers(0, returned))
    failed = data.draw(st.integers(0, total // 2))
    result = law.adoption(
        method="ballot",
        total=total,
        attending=returned,
        agreeing=agreeing,
        meeting_attending=failed,
    )
    assert result.adopted == (2 * agreeing > total)
    with pytest.raises(ValueError, match="Chỉ phát phiếu"):
        law.adoption(
            method="ballot",
            total=total,
            attending=returned,
            agreeing=agreeing,
            meeting_attending=total // 2 + 1,
        )
    with pytest.raises(ValueError):
        law.adoption(method="ballot", total=total, attending=returned, agreeing=agreeing)


def test_impossible_figures_are_refused():
    with pytest.raises(ValueError, match="không hợp lệ"):
        law.adoption(method="meeting", total=10, attending=11, agreeing=6)
    with pytest.raises(ValueError, match="lớn hơn 0"):
        law.adoption(method="meeting", total=0, attending=0, agreeing=0)


@given(days)
def test_deadlines_are_working_days(start):
    for due, n in (
        (law.dossier_due(start), 5),
        (law.recognition_due(start), 5),
        (law.return_due(start), 2),
    ):
        assert working_days_between(start, due) == n and is_working_day(due)


def test_the_recognition_deadline_skips_tet():
    # Tết 2026: 16–20 February are days off.
    assert law.recognition_due(date(2026, 2, 13)) == date(2026, 2, 27)


@given(days)
def test_the_next_review_is_the_next_18_november(after):
    review = law.next_review(after)
    assert (review.month, review.day) == (11, 18) and review > after
    assert (review - after).days <= 366
