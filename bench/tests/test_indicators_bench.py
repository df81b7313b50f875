"""bench/indicators.py builds its synthetic provinces and measures every indicator at every
level it computes, each in a fixed number of queries."""

import pytest

from bench import indicators as bench
from dancoso.core import indicators
from dancoso.core.testing import make_user


@pytest.mark.django_db
def test_the_bench_measures_every_indicator_in_a_few_queries():
    places = bench.build(900, 2, make_user("bench"))
    rows = bench.measure(places, rounds=1)

    assert rows[0]["baseline_ms"] > 0
    measured = {(row["indicator"], row["level"]) for row in rows[1:]}
    expected = {
        (i.code, level)
        for i in indicators.registered()
        for level in ("province", "commune", "village")
        if level in i.levels and not i.code.startswith("tests.")
    }
    assert expected <= measured
    assert all(row["queries"] <= 4 for row in rows[1:])
    assert {row["units"] for row in rows[1:] if row["level"] == "village"} == {2 * bench.VILLAGES}
