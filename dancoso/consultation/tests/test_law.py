"""The consultation rules over their input space (hypothesis), without a database."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancoso.consultation import law
from dancoso.consultation.law import Refused

opening_days = st.dates(min_value=date(2023, 7, 1), max_value=date(2035, 12, 31))
lengths = st.integers(min_value=0, max_value=400)


def test_nine_commune_subjects_and_eleven_agency_subjects_each_cite_their_article():
    assert len(law.COMMUNE_SUBJECTS) == 9
    assert len(law.AGENCY_SUBJECTS) == 11
    assert [s.article for s in law.COMMUNE_SUBJECTS] == [f"Điều 25 khoản {n}" for n in range(1, 10)]
    assert [s.article for s in law.AGENCY_SUBJECTS] == [f"Điều 53 khoản {n}" for n in range(1, 12)]
    assert len(law.SUBJECTS) == 20


def test_eight_forms_each_labelled():
    assert len(law.Form) == 8
    assert set(law.FORM_LABELS) == set(law.Form)


@given(opening_days, lengths)
def test_a_commune_window_is_accepted_exactly_when_it_lasts_twenty_days(opens, extra):
    closes = opens + timedelta(days=extra)
    if extra + 1 >= 20:
        law.check_window(opens, closes, "commune")
    else:
        with pytest.raises(Refused) as refused:
            law.check_window(opens, closes, "commune")
        assert "tối thiểu 20 ngày" in refused.value.message
        assert f"{law.earliest_close(opens, 'commune'):%d/%m/%Y}" in refused.value.message


@given(opening_days)
def test_the_earliest_close_is_itself_allowed_and_the_day_before_is_not(opens):
    earliest = law.earliest_close(opens, "commune")
    assert law.duration_days(opens, earliest) == 20
    law.check_window(opens, earliest, "commune")
    with pytest.raises(Refused):
        law.check_window(opens, earliest - timedelta(days=1), "commune")


@given(opening_days, st.integers(min_value=0, max_value=30))
def test_an_agency_sets_its_own_period(opens, extra):
    law.check_window(opens, opens + timedelta(days=extra), "agency")


@given(opening_days, st.integers(min_value=1, max_value=100))
def test_closing_before_opening_is_refused_for_every_scope(opens, back):
    for scope in ("commune", "agency"):
        with pytest.raises(Refused, match="phải sau ngày bắt đầu"):
            law.check_window(opens, opens - timedelta(days=back), scope)


def test_before_the_law_no_consultation():
    with pytest.raises(Refused) as refused:
        law.check_window(date(2023, 6, 30), date(2023, 8, 30), "commune")
    assert refused.value.message == law.NOT_IN_FORCE


def test_a_later_amendment_is_a_new_entry_that_applies_from_its_date(monkeypatch):
    amended = law.MinimumDuration(30, date(2030, 1, 1), "giả định sửa đổi", "commune")
    monkeypatch.setattr(law, "MINIMUM_DURATIONS", (*law.MINIMUM_DURATIONS, amended))
    assert law.minimum_duration("commune", date(2029, 12, 31)).days == 20
    assert law.minimum_duration("commune", date(2030, 1, 1)).days == 30


def test_subjects_belong_to_their_scope():
    assert law.check_subject("dat_dai", "commune").article == "Điều 25 khoản 2"
    with pytest.raises(Refused, match="Điều 53"):
        law.check_subject("dat_dai", "agency")
    with pytest.raises(Refused, match="Điều 25"):
        law.check_subject("cq_chi_tieu", "commune")
    with pytest.raises(Refused):
        law.check_subject("khong-co", "commune")


def test_forms():
    assert law.check_forms(["cong_thong_tin", "hop", "hop"], "dat_dai") == [
        law.Form.PORTAL,
        law.Form.MEETING,
    ]
    with pytest.raises(Refused) as refused:
        law.check_forms([], "dat_dai")
    assert refused.value.message == law.NO_FORM
    with pytest.raises(Refused):
        law.check_forms(["doi_thoai_nguoi_anh_huong"], "dat_dai")
    assert law.check_forms(["doi_thoai_nguoi_anh_huong"], "nghia_vu")


@given(st.sampled_from(list(law.Verdict)), st.text(max_size=60))
def test_every_answer_needs_text_and_a_refusal_needs_a_real_explanation(verdict, text):
    stripped = text.strip()
    ok = bool(stripped) and (verdict == law.Verdict.ACCEPTED or len(stripped) >= 20)
    if ok:
        assert law.check_answer(verdict, text) == verdict
    else:
        with pytest.raises(Refused):
            law.check_answer(verdict, text)


@given(st.lists(st.tuples(st.integers(1, 10_000), st.booleans()), unique_by=lambda t: t[0]))
def test_every_unanswered_opinion_is_named_once_in_order(opinions):
    issues = law.unanswered(opinions)
    expected = sorted(n for n, answered in opinions if not answered)
    assert issues == [f"ý kiến #{n} chưa được trả lời" for n in expected]


@given(st.integers(0, 500), st.integers(0, 500), st.text(max_size=40))
def test_a_decision_against_the_majority_states_its_reasons(agree, disagree, reason):
    if disagree > agree and len(reason.strip()) < 20:
        with pytest.raises(Refused, match="phải nêu rõ lý do"):
            law.check_majority_reason(agree, disagree, reason)
    else:
        law.check_majority_reason(agree, disagree, reason)
