"""The disclosure rules over their input space (hypothesis), without a database."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancoso.core.workdays import is_working_day, working_days_between
from dancoso.disclosure import law
from dancoso.disclosure.law import Form, LawViolation, Scope

days = st.dates(min_value=date(2023, 7, 1), max_value=date(2030, 12, 31))
commune_cats = st.sampled_from(law.COMMUNE_CATEGORIES)
agency_cats = st.sampled_from(law.AGENCY_CATEGORIES)
any_cats = st.sampled_from(list(law.CATEGORIES.values()))


def test_fourteen_commune_and_twelve_agency_categories_with_their_articles():
    assert [c.number for c in law.COMMUNE_CATEGORIES] == list(range(1, 15))
    assert [c.number for c in law.AGENCY_CATEGORIES] == list(range(1, 13))
    assert law.category("xa-07").article == "Điều 11 khoản 7"
    assert law.category("cq-03").article == "Điều 46 khoản 3"


def test_unknown_and_wrong_scope_categories_are_refused():
    with pytest.raises(LawViolation) as err:
        law.category("xa-15")
    assert err.value.message == law.UNKNOWN_CATEGORY
    with pytest.raises(LawViolation) as err:
        law.category("cq-01", Scope.COMMUNE)
    assert err.value.code == "wrong_scope"


def test_a_parameter_is_dated_and_an_amendment_is_a_new_entry(monkeypatch):
    amended = (*law.PARAMS["commune_posting_days"], law.Param(45, date(2030, 1, 1), "Điều 13 mới"))
    monkeypatch.setitem(law.PARAMS, "commune_posting_days", amended)
    assert law.param("commune_posting_days", date(2029, 12, 31)).value == 30
    assert law.param("commune_posting_days", date(2030, 1, 1)).article == "Điều 13 mới"
    assert law.minimum_days(law.category("xa-02"), date(2030, 2, 1)) == 45


@given(commune_cats, days)
def test_commune_forms_follow_article_13(cat, on):
    required = {r.form: r for r in law.required_forms(cat, on)}
    assert Form.PORTAL in required
    if cat.number in {1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12}:
        assert required[Form.POSTED_OFFICE].min_days == 30
        assert required[Form.POSTED_VILLAGE].min_days == 30
    if cat.number in {4, 13}:
        assert required[Form.POSTED_OFFICE].permanent
        assert Form.POSTED_VILLAGE not in required
    if cat.number in {7, 8, 9, 10, 11, 12}:
        assert required[Form.LOUDSPEAKER].min_days == 3
        assert Form.VILLAGE_HEAD in required
    else:
        assert Form.LOUDSPEAKER not in required
    if cat.number == 14:
        assert set(required) == {Form.PORTAL}


@given(agency_cats, days, st.booleans(), st.booleans())
def test_agency_forms_follow_article_48(cat, on, intranet, letter):
    (req,) = law.required_forms(cat, on, has_intranet=intranet, staff_letter=letter)
    if intranet:
        assert (req.form, req.min_days) == (Form.AGENCY_INTRANET, 20)
    elif letter:
        assert req.form is Form.STAFF_LETTER
    else:
        assert (req.form, req.min_days) == (Form.AGENCY_POSTED, 20)


@given(any_cats, days, st.integers(min_value=0, max_value=400))
def test_a_period_is_refused_exactly_when_shorter_than_the_minimum(cat, start, length):
    end = start + timedelta(days=length)
    minimum = law.minimum_days(cat, start)
    if law.is_permanent(cat):
        with pytest.raises(LawViolation) as err:
            law.check_period(cat, start, end)
        assert "thường xuyên" in err.value.message
        law.check_period(cat, start, None)
        return
    if minimum and length + 1 < minimum:
        with pytest.raises(LawViolation) as err:
            law.check_period(cat, start, end)
        assert err.value.code == "period_too_short"
        assert f"ít nhất {minimum} ngày" in err.value.message
        assert law.earliest_end(start, minimum).strftime("%d/%m/%Y") in err.value.message
    else:
        law.check_period(cat, start, end)
    law.check_period(cat, start, None)


@given(any_cats, days, st.integers(min_value=1, max_value=30))
def test_an_end_before_the_start_is_refused(cat, start, back):
    with pytest.raises(LawViolation) as err:
        law.check_period(cat, start, start - timedelta(days=back))
    assert err.value.code == "end_before_start"


def test_thirty_days_counts_the_posting_day_as_day_one():
    cat = law.category("xa-02")
    law.check_period(cat, date(2026, 1, 1), date(2026, 1, 30))
    with pytest.raises(LawViolation) as err:
        law.check_period(cat, date(2026, 1, 1), date(2026, 1, 29))
    assert "30/01/2026" in err.value.message and "Điều 13" in err.value.message


@given(any_cats, days)
def test_the_deadline_is_five_working_days_after_the_document(cat, signed):
    due = law.deadline(cat, signed)
    assert due > signed
    assert is_working_day(due)
    assert working_days_between(signed, due) == 5


@given(commune_cats, days)
def test_leaving_out_a_required_form_is_refused_and_names_it(cat, on):
    required = [r.form for r in law.required_forms(cat, on)]
    law.check_forms(cat, required, on)
    dropped = required[-1]
    with pytest.raises(LawViolation) as err:
        law.check_forms(cat, required[:-1], on)
    assert law.FORM_LABELS[dropped].lower() in err.value.message


def test_the_deadline_skips_tet_2026():
    # Signed Friday 13/02/2026, the last working day before Tết (16–20/02/2026 off).
    assert law.deadline(law.category("xa-02"), date(2026, 2, 13)) == date(2026, 2, 27)
