"""The indicator registry and the arithmetic every target's value rests on."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancoso.core import indicators
from dancoso.core.indicators import EMPTY, Figure


@given(st.integers(0, 10**9), st.integers(1, 10**9))
def test_a_percentage_is_between_0_and_100_and_rounds_half_up(numerator, denominator):
    numerator = min(numerator, denominator)
    percent = Figure(numerator, denominator).percent

    assert Decimal(0) <= percent <= Decimal(100)
    assert abs(percent - Decimal(100 * numerator) / denominator) <= Decimal("0.05")


def test_an_empty_denominator_has_no_percentage_not_zero():
    assert Figure(0, 0).percent is None
    assert Figure(1, 8).percent == Decimal("12.5")
    assert Figure(1, 3).percent == Decimal("33.3")
    assert Figure(2, 3).percent == Decimal("66.7")


@pytest.mark.parametrize(("numerator", "denominator"), [(3, 2), (-1, 2), (0, -1)])
def test_impossible_counts_are_refused(numerator, denominator):
    with pytest.raises(ValueError):
        Figure(numerator, denominator)


def test_figures_add_up_unit_by_unit():
    assert Figure(1, 2) + Figure(3, 4) == Figure(4, 6)
    assert EMPTY + Figure(1, 1) == Figure(1, 1)


def _counted(level, unit_ids, start, end):
    return {unit_ids[0]: Figure(1, 2)}


def test_a_registered_indicator_answers_for_every_unit_asked():
    indicators.register(
        "tests.counted", title="Đếm thử", description="Thử.", levels=[indicators.COMMUNE]
    )(_counted)
    indicator = indicators.get("tests.counted")

    found = indicator.figures("commune", [7, 8], date(2026, 1, 1), date(2026, 12, 31))

    assert found == {7: Figure(1, 2), 8: EMPTY}
    assert indicator in indicators.registered()
    with pytest.raises(ValueError, match="level"):
        indicator.figures("village", [1], date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(ValueError, match="period"):
        indicator.figures("commune", [1], date(2026, 12, 31), date(2026, 1, 1))


def test_two_indicators_under_one_code_or_unknown_levels_are_refused():
    indicators.register("tests.once", title="A", description="A.", levels=["commune"])(_counted)

    def other(level, unit_ids, start, end):
        return {}

    with pytest.raises(ValueError, match="twice"):
        indicators.register("tests.once", title="B", description="B.", levels=["commune"])(other)
    with pytest.raises(ValueError, match="levels"):
        indicators.register("tests.bad", title="C", description="C.", levels=["hamlet"])
    with pytest.raises(indicators.UnknownIndicator):
        indicators.get("tests.missing")
