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


def test_due_dates_of_2026_under_the_2025_budget_law():
    due = {o.key: o.due(2026) for o in ob.obligations_for(Scope.COMMUNE)}
    # The 2026 estimate was decided in December 2025: the old law (Decree 73 Art. 50(1)).
    assert due["budget_estimate"] == date(2026, 1, 30)
    # Decree 73/2026 Art. 37(3): 10 days after the 3, 6 and 9 months.
    assert due["budget_q1"] == date(2026, 4, 10)
    assert due["budget_h1"] == date(2026, 7, 10)
    assert due["budget_q3"] == date(2026, 10, 10)
    assert due["budget_year"] == date(2027, 3, 19)
    # Commune council approves before 31/03 (Law 89 Art. 71(3)), then 30 days.
    assert due["final_accounts"] == date(2027, 4, 29)
    assert due["socio_economic_plan"] == date(2026, 1, 8)


def test_due_dates_of_2025_keep_the_old_law_except_what_arises_in_2026():
    due = {o.key: o.due(2025) for o in ob.obligations_for(Scope.COMMUNE)}
    assert due["budget_q1"] == date(2025, 4, 15)  # Law 83/2015 Art. 15(1)(c): 15 days
    assert due["budget_q3"] == date(2025, 10, 15)
    # The 2025 accounts follow the new law (Decree 73 Art. 50(3)); the 2024 ones the old.
    assert "89/2025" in ob.OBLIGATIONS[(Scope.COMMUNE, "final_accounts")].rule(2025).source
    assert "83/2015" in ob.OBLIGATIONS[(Scope.COMMUNE, "final_accounts")].rule(2024).source
    assert ob.OBLIGATIONS[(Scope.COMMUNE, "budget_estimate")].due(2027) == date(2027, 1, 18)


@given(years, st.sampled_from(ob.COMMUNE_OBLIGATIONS + ob.AGENCY_OBLIGATIONS))
def test_the_rule_is_the_one_in_force_when_the_content_arises(year, obligation):
    rule = obligation.rule(year)
    assert rule.since <= obligation.arises(year) or rule is obligation.rules[0]
    later = [r for r in obligation.rules if r.since <= obligation.arises(year)]
    assert rule is (later[-1] if later else obligation.rules[0])
    if obligation.category in ("xa-02", "cq-03"):
        new = obligation.arises(year) >= date(2026, 1, 1)
        assert ("89/2025" in rule.source) is new
        assert ("83/2015" in rule.source) is not new


@given(years, st.sampled_from(["budget_q1", "budget_h1", "budget_q3"]), st.booleans())
def test_execution_reports_are_due_a_fixed_number_of_days_after_the_period(year, key, agency):
    scope = Scope.AGENCY if agency else Scope.COMMUNE
    obligation = ob.OBLIGATIONS[(scope, key)]
    quarter = {"budget_q1": 1, "budget_h1": 2, "budget_q3": 3}[key]
    end = ob.quarter_end(year, quarter)
    days = 10 if year >= 2026 else 15
    assert obligation.due(year) == end + timedelta(days=days)
    # A recorded document date changes nothing: these count from the period's end.
    assert obligation.due(year, end + timedelta(days=3)) == obligation.due(year)


@given(
    st.integers(min_value=2026, max_value=2031),
    st.sampled_from(["budget_estimate", "final_accounts", "budget_year"]),
    st.booleans(),
    st.dates(min_value=date(2025, 6, 1), max_value=date(2033, 12, 31)),
)
def test_decisions_and_reports_count_from_their_document(year, key, agency, document):
    scope = Scope.AGENCY if agency else Scope.COMMUNE
    obligation = ob.OBLIGATIONS[(scope, key)]
    if key == "budget_estimate" and year == 2026:
        return  # the 2026 estimate is under the old law (covered above)
    days = 10 if key == "budget_year" else 30
    assert obligation.due(year, document) == document + timedelta(days=days)
    # Without the document, the latest lawful day: never before the period it is about.
    assert obligation.due(year) >= date(year - 1, 12, 19)


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


@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2031, 12, 31)))
def test_a_budget_disclosure_is_due_by_the_budget_law_not_five_working_days(document):
    from dancoso.disclosure.law import category, deadline

    cat = category("xa-02")
    assert ob.disclosure_deadline(cat, document) == deadline(cat, document)
    accounts = ob.disclosure_deadline(cat, document, "final_accounts", document.year - 1)
    assert accounts == document + timedelta(days=30)
    assert ob.disclosure_deadline(cat, document, "no_such", 2026) == deadline(cat, document)
