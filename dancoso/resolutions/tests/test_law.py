from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dancoso.resolutions import law

numbers = st.one_of(
    st.integers(-1000, 1000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
)


@given(numbers)
def test_percent_accepted_exactly_in_0_to_100(value):
    inside = Decimal(str(value)).is_finite() and 0 <= Decimal(str(value)) <= 100
    assert (law.percent_problem("x", value) is None) == inside


@given(st.integers(0, 100), st.integers(0, 100))
def test_amber_must_be_below_threshold(threshold, amber):
    problems = law.threshold_problems(threshold, amber)
    assert bool(problems) == (amber >= threshold)


@given(st.integers(-5, 10_000), st.integers(-5, 10_000))
def test_figure_part_never_above_whole_nor_negative(numerator, denominator):
    ok = 0 <= numerator <= denominator
    assert (law.figure_problem(numerator, denominator) is None) == ok


def test_figure_refusal_says_what_to_fix():
    assert "không thể lớn hơn mẫu số" in law.figure_problem(5, 4)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)),
    st.integers(0, 800),
    st.one_of(st.none(), st.integers(0, 800)),
)
def test_due_within_validity(start, offset, length):
    due = start + timedelta(days=offset) if offset < 400 else start - timedelta(days=offset - 399)
    until = None if length is None else start + timedelta(days=length)
    inside = due >= start and (until is None or due <= until)
    assert (law.due_problem(due, start, until) is None) == inside


def test_validity_problems():
    assert law.validity_problems(date(2025, 1, 1), date(2025, 1, 1), None) == []
    assert len(law.validity_problems(date(2025, 2, 1), date(2025, 1, 1), date(2024, 1, 1))) == 2


def test_period_must_overlap_validity():
    start = date(2025, 1, 1)
    assert law.period_problem(date(2025, 3, 1), date(2025, 3, 31), start, None) is None
    assert law.period_problem(date(2024, 3, 1), date(2024, 3, 31), start, None)
    assert law.period_problem(date(2025, 3, 31), date(2025, 3, 1), start, None)


def test_state_thresholds():
    t, a = Decimal(100), Decimal(90)
    assert law.state_of(Decimal(100), t, a) == law.State.GREEN
    assert law.state_of(Decimal("95.5"), t, a) == law.State.AMBER
    assert law.state_of(Decimal(10), t, a) == law.State.RED
    assert law.state_of(Decimal(95), t, None) == law.State.RED
    assert law.state_of(None, t, a) == law.State.NONE
