"""Decree 61/2023 Art. 12 and 14 (suspension, repeal) over their input space (hypothesis)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancoso.conventions import law
from dancoso.core.workdays import is_working_day, working_days_between

days = st.dates(min_value=date(2023, 8, 16), max_value=date(2035, 12, 31))
parts = st.lists(st.sampled_from(["Điều 1", "Điều 2", "Điều 3", "Điều 4 khoản 2"]), max_size=4)
grounds = st.sampled_from(sorted(law.GROUNDS))
measures = st.sampled_from([law.SUSPEND, law.REPEAL])


@given(days)
def test_deadlines_are_three_and_five_working_days(received):
    suspend, repeal = law.measure_due(law.SUSPEND, received), law.measure_due(law.REPEAL, received)
    assert working_days_between(received, suspend) == 3 and is_working_day(suspend)
    assert working_days_between(received, repeal) == 5 and is_working_day(repeal)


def _check(measure, code, named, received, *, redo=1, suspensions=(), repealed=()):
    return law.check_measure(
        measure,
        code,
        named,
        received_on=received,
        decided_on=received,
        redo_by=received + timedelta(days=redo) if redo else None,
        suspensions=suspensions,
        repealed=repealed,
    )


@given(measures, grounds, parts, days)
def test_the_extent_follows_the_ground(measure, code, named, received):
    """A ground of the other measure is refused; a partial ground needs parts, a whole ground
    refuses them — whatever the input."""
    ground = law.GROUNDS[code]
    lapsed = (
        law.Suspension(law.WHOLE, (), received - timedelta(days=1)),
        law.Suspension(law.PART, tuple(named), received - timedelta(days=1)),
    )
    wrong_measure = ground.measure != measure
    wrong_extent = (ground.extent == law.PART) != bool(named)
    if wrong_measure or wrong_extent:
        with pytest.raises(ValueError):
            _check(measure, code, named, received, suspensions=lapsed)
        return
    found, cleaned = _check(measure, code, named, received, suspensions=lapsed)
    assert found is ground and list(cleaned) == list(dict.fromkeys(named))


@given(days, st.integers(-5, 0))
def test_a_suspension_needs_a_redo_deadline_after_the_decision(received, offset):
    with pytest.raises(ValueError, match="thời hạn xây dựng lại"):
        _check(law.SUSPEND, "procedure", [], received, redo=offset)
    with pytest.raises(ValueError, match="thời hạn xây dựng lại"):
        _check(law.SUSPEND, "procedure", [], received, redo=None)


@given(days, st.integers(-30, 30))
def test_repeal_for_a_lapsed_suspension_needs_its_deadline_passed(decided, offset):
    redo_by = decided + timedelta(days=offset)
    earlier = (law.Suspension(law.WHOLE, (), redo_by),)
    if redo_by < decided:
        _check(law.REPEAL, "not_redone", [], decided, redo=None, suspensions=earlier)
    else:
        with pytest.raises(ValueError, match="quá thời hạn"):
            _check(law.REPEAL, "not_redone", [], decided, redo=None, suspensions=earlier)


def test_partial_repeal_names_only_lapsed_suspended_parts():
    day = date(2026, 6, 1)
    earlier = (law.Suspension(law.PART, ("Điều 3",), day - timedelta(days=1)),)
    _, cleaned = _check(law.REPEAL, "not_amended", ["  điều   3 "], day, redo=None,
                        suspensions=earlier)  # fmt: skip
    assert cleaned == ("điều 3",)
    with pytest.raises(ValueError, match="“Điều 4” chưa bị đình chỉ"):
        _check(law.REPEAL, "not_amended", ["Điều 4"], day, redo=None, suspensions=earlier)
    with pytest.raises(ValueError, match="đã bị bãi bỏ"):
        _check(law.SUSPEND, "content", ["Điều 3"], day, repealed=("Điều 3",))


def test_a_decision_cannot_precede_what_triggered_it():
    with pytest.raises(ValueError, match="không được trước"):
        law.check_measure(
            law.REPEAL, "unlawful", [], received_on=date(2026, 5, 2), decided_on=date(2026, 5, 1)
        )


def test_every_ground_cites_its_article_and_has_a_legal_extent():
    assert {g.measure for g in law.GROUNDS.values()} == {law.SUSPEND, law.REPEAL}
    for ground in law.GROUNDS.values():
        assert "Nghị định 61/2023/NĐ-CP" in ground.article and ground.extent in {
            law.WHOLE,
            law.PART,
        }
    assert law.current(law.SUSPENSION_WORKING_DAYS, date(2026, 1, 1)).since == date(2023, 8, 16)


@given(
    st.dictionaries(
        st.sampled_from(
            [f"dinh-chi-{f}" for f in ("ground", "parts", "reasons", "trigger", "received_on",
                                       "decided_on", "number", "redo_by")]
        ),
        st.text(max_size=40),
    )
)  # fmt: skip
def test_the_suspension_form_takes_any_input_without_breaking(data):
    from dancoso.conventions.forms import SuspendForm

    form = SuspendForm(data)
    if form.is_valid():
        assert form.cleaned_data["ground"] in law.GROUNDS
        assert all(p.strip() for p in form.cleaned_data["parts"])
    else:
        assert form.errors
