"""The five kinds and their time limits: pure, no database; hypothesis over the calendar,
with weekends, Tết and year ends pinned by examples."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancoso.core.workdays import Overrides, is_working_day, working_days_between
from dancoso.feedback import law
from dancoso.feedback.law import CaseFacts, Kind, Unit

DAYS = st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31))


def names(deadlines):
    return {d.name: d.due for d in deadlines}


def test_every_kind_is_explained_in_plain_vietnamese_with_its_law():
    assert set(law.KINDS) == set(Kind)
    for info in law.KINDS.values():
        assert info.label and len(info.explanation) > 60 and len(info.what_next) > 60
        assert "Luật" in info.law and "Điều" in info.law


def test_every_limit_cites_an_article_and_a_date():
    for item in law.LIMITS:
        assert "Điều" in item.article or "sửa đổi" in item.article, item
        assert item.applies_from >= date(2012, 7, 1)
    pairs = [(item.name, item.applies_from) for item in law.LIMITS]
    assert len(pairs) == len(set(pairs)), "two entries of one name from the same day"


def test_the_2025_amendment_is_a_new_dated_entry_not_an_edit():
    assert law.chair_reception_requirement(date(2026, 6, 30)) == "ít nhất 1 ngày mỗi tuần"
    assert law.chair_reception_requirement(date(2026, 7, 1)) == "ít nhất 2 ngày mỗi tháng"
    with pytest.raises(LookupError):
        law.limit_on("reception_answer", date(2014, 6, 30))


@given(start=DAYS, count=st.integers(min_value=1, max_value=40))
def test_a_working_day_period_counts_exactly_that_many_working_days(start, count):
    end = law.due_date(start, count, Unit.WORKING_DAYS)
    assert is_working_day(end)
    assert working_days_between(start, end) == count


@given(start=DAYS, count=st.integers(min_value=1, max_value=90))
def test_a_calendar_period_ends_on_its_day_or_the_next_working_day(start, count):
    end = law.due_date(start, count, Unit.DAYS)
    plain = start + timedelta(days=count)
    assert end >= plain and is_working_day(end)
    assert all(not is_working_day(plain + timedelta(days=i)) for i in range((end - plain).days))


@given(start=DAYS)
def test_calendar_days_never_end_later_than_the_same_number_of_working_days(start):
    assert law.due_date(start, 10, Unit.DAYS) <= law.due_date(start, 10, Unit.WORKING_DAYS)


def test_reception_answer_across_new_year():
    # Thu 31/12/2026 + 10 working days: 01/01/2027 is a holiday, two weekends.
    [answer] = law.case_deadlines(CaseFacts(Kind.REPORT, date(2026, 12, 31)))
    assert answer.due == date(2027, 1, 15)
    assert "Điều 28" in answer.article


def test_reception_answer_across_tet_2027():
    # Tết At Mui: Thu 04/02 to Wed 10/02/2027 off.
    [answer] = law.case_deadlines(CaseFacts(Kind.PROPOSAL, date(2027, 2, 1)))
    assert answer.due == date(2027, 2, 22)


def test_complaint_acceptance_in_calendar_days_rolls_past_tet():
    # 10 calendar days from 28/01/2027 land on Sun 07/02, inside Tết: next working day 11/02.
    due = names(law.case_deadlines(CaseFacts(Kind.COMPLAINT, date(2027, 1, 28))))
    assert due["complaint_acceptance"] == date(2027, 2, 11)
    assert due["reception_answer"] == date(2027, 2, 18)


@pytest.mark.parametrize(
    ("complex_", "remote", "days", "name"),
    [
        (False, False, 30, "complaint_resolution"),
        (True, False, 45, "complaint_resolution_complex"),
        (False, True, 45, "complaint_resolution_remote"),
        (True, True, 60, "complaint_resolution_remote_complex"),
    ],
)
def test_complaint_resolution_by_complexity_and_place(complex_, remote, days, name):
    accepted = date(2026, 3, 2)  # a Monday
    facts = CaseFacts(
        Kind.COMPLAINT, date(2026, 2, 25), accepted_on=accepted, complex=complex_, remote=remote
    )
    due = names(law.case_deadlines(facts))
    assert due[name] == law.due_date(accepted, days, Unit.DAYS)


def test_complaint_decision_is_sent_within_three_working_days():
    facts = CaseFacts(
        Kind.COMPLAINT,
        date(2026, 3, 1),
        accepted_on=date(2026, 3, 5),
        resolved_on=date(2026, 4, 29),
    )
    # Wed 29/04/2026: 30/04 and 01/05 are holidays, then a weekend.
    assert names(law.case_deadlines(facts))["complaint_decision_sending"] == date(2026, 5, 6)


def test_denunciation_limits_and_extensions():
    facts = CaseFacts(Kind.DENUNCIATION, date(2026, 8, 28), accepted_on=date(2026, 9, 10))
    due = names(law.case_deadlines(facts))
    # Fri 28/08/2026 + 7 working days: 31/08, 01/09, 02/09 off.
    assert due["denunciation_registration"] == date(2026, 9, 11)
    assert due["denunciation_acceptance_notice"] == date(2026, 9, 17)
    assert due["denunciation_resolution"] == date(2026, 10, 12)  # Sat 10/10 → Mon 12/10
    twice = names(law.case_deadlines(CaseFacts(**{**facts.__dict__, "extensions": 2})))
    assert twice["denunciation_resolution"] == law.due_date(date(2026, 9, 10), 90, Unit.DAYS)
    several = names(law.case_deadlines(CaseFacts(**{**facts.__dict__, "several_places": True})))
    assert several["denunciation_registration_several"] == date(2026, 9, 16)


def test_denunciation_publication_within_seven_working_days():
    facts = CaseFacts(
        Kind.DENUNCIATION,
        date(2026, 1, 5),
        accepted_on=date(2026, 1, 12),
        resolved_on=date(2026, 2, 10),
    )
    # Tue 10/02/2026 + 7 working days, Tết 16–20/02 in between.
    assert names(law.case_deadlines(facts))["denunciation_publication"] == date(2026, 2, 26)


def test_anonymous_denunciations_and_suggestions_carry_no_denunciation_limits():
    anonymous = law.case_deadlines(CaseFacts(Kind.DENUNCIATION, date(2026, 5, 4), anonymous=True))
    assert [d.name for d in anonymous] == ["reception_answer"]
    assert law.case_deadlines(CaseFacts(Kind.SUGGESTION, date(2026, 5, 4))) == []


@given(received=DAYS, kind=st.sampled_from(list(Kind)))
def test_deadlines_fall_after_receipt_on_working_days_in_order(received, kind):
    found = law.case_deadlines(CaseFacts(kind, received))
    assert all(d.due > received and is_working_day(d.due) for d in found)
    assert [d.due for d in found] == sorted(d.due for d in found)


def test_operator_overrides_move_a_deadline():
    extra = Overrides(days_off=frozenset({date(2026, 3, 3)}))
    plain = law.due_date(date(2026, 3, 2), 1, Unit.WORKING_DAYS)
    moved = law.due_date(date(2026, 3, 2), 1, Unit.WORKING_DAYS, extra)
    assert (plain, moved) == (date(2026, 3, 3), date(2026, 3, 4))


@given(learned=DAYS, gap=st.integers(min_value=0, max_value=200))
def test_complaints_are_time_barred_after_ninety_days(learned, gap):
    filed = learned + timedelta(days=gap)
    assert law.complaint_within_time(learned, filed) == (
        filed <= law.due_date(learned, 90, Unit.DAYS)
    )
    assert law.complaint_within_time(learned, filed, obstacle_days=gap)


def test_extensions_once_for_complex_twice_for_especially_complex():
    law.check_extension(0, especially_complex=False)
    with pytest.raises(ValueError, match="tối đa 1 lần"):
        law.check_extension(1, especially_complex=False)
    law.check_extension(1, especially_complex=True)
    with pytest.raises(ValueError, match="tối đa 2 lần"):
        law.check_extension(2, especially_complex=True)


@pytest.mark.parametrize(
    ("people", "expected"), [(1, (0, 0)), (5, (1, 2)), (10, (1, 2)), (11, (1, 5)), (300, (1, 5))]
)
def test_group_representatives(people, expected):
    assert law.group_representatives(people) == expected


def test_deadline_states_and_the_on_time_rule():
    facts = CaseFacts(Kind.REPORT, date(2026, 3, 2), responded_on=date(2026, 3, 20))
    [answer] = law.case_deadlines(facts)
    assert answer.due == date(2026, 3, 16) and answer.state(date(2026, 3, 1)) == "late"
    assert not law.on_time([answer]) and law.open_deadlines([answer]) == []
    [waiting] = law.case_deadlines(CaseFacts(Kind.REPORT, date(2026, 3, 2)))
    assert waiting.state(date(2026, 3, 16)) == "open"
    assert waiting.state(date(2026, 3, 17)) == "overdue"
    assert law.on_time([waiting]) and law.open_deadlines([waiting]) == [waiting]


def test_chair_reception_shortfall_by_week_then_by_month():
    week = {date(2026, 6, 22), date(2026, 6, 24), date(2026, 6, 15)}
    assert law.chair_reception_shortfall(date(2026, 6, 25), week) == (2, 1, "tuần")
    month = {date(2026, 7, 3), date(2026, 6, 30), date(2026, 8, 1)}
    assert law.chair_reception_shortfall(date(2026, 7, 20), month) == (1, 2, "tháng")
    assert law.chair_reception_shortfall(date(2026, 12, 31), {date(2026, 12, 1)}) == (1, 2, "tháng")
