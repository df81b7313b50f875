"""Recurring obligations and their states (pure, hypothesis over dates)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from dancoso.disclosure import obligations as ob
from dancoso.disclosure.law import CATEGORIES, Scope
from dancoso.disclosure.obligations import State

days = st.dates(min_value=date(2023, 7, 1), max_value=date(2032, 12, 31))
years = st.integers(min_value=2024, max_value=2031)


def test_every_obligation_names_a_category_of_its_scope_and_a_source():
    for o in ob.COMMUNE_OBLIGATIONS + ob.AGENCY_OBLIGATIONS:
        assert CATEGORIES[o.category].scope is o.scope
        assert o.rule(2026).source


def test_due_dates_of_2026():
    due = {o.key: o.due(2026) for o in ob.obligations_for(Scope.COMMUNE)}
    assert due["budget_estimate"] == date(2026, 1, 30)
    assert due["budget_q1"] == date(2026, 4, 15)
    assert due["budget_h1"] == date(2026, 7, 15)
    assert due["budget_q3"] == date(2026, 10, 15)
    assert due["budget_year"] == date(2027, 1, 15)
    assert due["socio_economic_plan"] == date(2026, 1, 8)


@given(years)
def test_quarterly_dues_are_ordered_within_the_year(year):
    due = {o.key: o.due(year) for o in ob.obligations_for(Scope.COMMUNE)}
    assert due["budget_estimate"] < due["budget_q1"] < due["budget_h1"] < due["budget_q3"]
    assert due["budget_q3"] < due["budget_year"] < due["final_accounts"]


@given(days, days, days)
def test_state_is_exactly_one_of_four_and_consistent(due, published, today):
    result = ob.state(due, published, today)
    if published <= today:
        assert result in ob.DONE_STATES
        assert (result is State.ON_TIME) == (published <= due)
    else:
        assert result in {State.OVERDUE, State.NOT_YET_DUE}
        assert (result is State.OVERDUE) == (today > due)


@given(days, days)
def test_nothing_published_is_overdue_after_the_due_date(due, today):
    assert ob.state(due, None, today) is (State.OVERDUE if today > due else State.NOT_YET_DUE)


@given(days)
def test_publishing_on_the_due_date_is_on_time_and_the_day_after_is_late(due):
    after = due + timedelta(days=1)
    assert ob.state(due, due, after) is State.ON_TIME
    assert ob.state(due, after, after) is State.LATE
