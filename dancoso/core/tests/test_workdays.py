"""Working-day arithmetic: weekends, lunar holidays, announced swaps and operator overrides."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from dancoso.core.workdays import (
    Overrides,
    add_working_days,
    configured_overrides,
    is_working_day,
    working_days_between,
)

days = st.dates(min_value=date(2023, 1, 1), max_value=date(2030, 12, 31))


def test_weekends_and_tet_are_days_off():
    assert not is_working_day(date(2026, 2, 14))  # Saturday
    assert not is_working_day(date(2026, 2, 17))  # Mùng 1 Tết Bính Ngọ
    assert is_working_day(date(2026, 2, 23))


def test_a_swapped_saturday_is_worked_and_its_bridge_day_is_off():
    assert is_working_day(date(2025, 4, 26))  # Saturday worked to bridge 30/4–1/5/2025
    assert not is_working_day(date(2025, 5, 2))


def test_five_working_days_across_the_reunification_holiday():
    # Signed Thursday 24/4/2025: Fri 25, Sat 26 (worked), Mon 28, Tue 29, then 30/4–4/5 off.
    assert add_working_days(date(2025, 4, 24), 5) == date(2025, 5, 5)


def test_zero_days_lands_on_the_next_working_day():
    assert add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 23), 0) == date(2026, 2, 23)


def test_overrides_win_over_the_package():
    extra = Overrides(
        days_off=frozenset({date(2026, 3, 2)}), days_worked=frozenset({date(2026, 3, 7)})
    )
    assert not is_working_day(date(2026, 3, 2), extra)
    assert is_working_day(date(2026, 3, 7), extra)


def test_overrides_are_read_from_the_operator_file(tmp_path, settings):
    path = tmp_path / "overrides.json"
    path.write_text('{"days_off": ["2027-01-04"], "days_worked": ["2027-01-09"]}')
    settings.DANCOSO_HOLIDAY_OVERRIDES = str(path)
    configured_overrides.cache_clear()
    try:
        assert configured_overrides() == Overrides(
            days_off=frozenset({date(2027, 1, 4)}), days_worked=frozenset({date(2027, 1, 9)})
        )
    finally:
        configured_overrides.cache_clear()


@given(days, st.integers(min_value=1, max_value=40))
def test_adding_then_counting_gives_back_the_count(start, count):
    end = add_working_days(start, count)
    assert is_working_day(end)
    assert working_days_between(start, end) == count
    assert working_days_between(start, end - timedelta(days=1)) == count - 1


@given(days, st.integers(min_value=1, max_value=30), st.integers(min_value=1, max_value=30))
def test_more_working_days_end_strictly_later(start, a, b):
    if a < b:
        assert add_working_days(start, a) < add_working_days(start, b)
