"""``decisions.adopted_by_threshold``: counted matters adopted by the Art. 21 share ÷ counted
matters, read from the stored result sheet."""

from datetime import date

import pytest

from dancoso.core import indicators
from dancoso.core.indicators import EMPTY, Figure
from dancoso.core.testing import make_user
from dancoso.decisions.models import Decision

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def decided(world, place, voting_on, *, state="published", adopted=None):
    village = (
        place if place in (world.village, world.other_village, world.foreign_village) else None
    )
    return Decision.objects.create(
        commune=village.commune if village else place,
        village=village,
        scope="village" if village else "commune",
        kind=6,
        title="Làm đường bê tông ngõ xóm",
        question="Các hộ có đồng ý đóng góp làm đường không?",
        voting_on=voting_on,
        state=state,
        result={} if adopted is None else {"adopted": adopted, "villages": []},
        created_by=make_user(f"tacgia{Decision.objects.count()}"),
    )


@pytest.fixture
def decisions(world):
    decided(world, world.village, date(2026, 1, 1), adopted=True)  # first day of the year
    decided(world, world.village, date(2026, 12, 31), state="counted", adopted=False)
    decided(world, world.other_village, date(2026, 6, 1), state="open")  # still voting
    decided(world, world.commune, date(2026, 6, 1), adopted=True)  # commune-wide matter
    decided(world, world.foreign_village, date(2026, 6, 1), adopted=False)
    decided(world, world.village, date(2025, 12, 31), adopted=True)  # last year


def figures(level, ids, period=YEAR):
    return indicators.get("decisions.adopted_by_threshold").figures(level, ids, *period)


def test_each_level_counts_its_own_matters(world, decisions):
    assert figures("commune", [world.commune.pk, world.other_commune.pk]) == {
        world.commune.pk: Figure(2, 3),
        world.other_commune.pk: Figure(0, 1),
    }
    # A commune-wide matter has no village; a matter still open is not counted yet.
    assert figures("village", [world.village.pk, world.other_village.pk]) == {
        world.village.pk: Figure(1, 2),
        world.other_village.pk: EMPTY,
    }
    assert figures("province", [world.province.pk]) == {world.province.pk: Figure(2, 4)}


def test_the_period_bounds_are_inclusive(world, decisions):
    last_day = (date(2025, 12, 31), date(2025, 12, 31))
    assert figures("village", [world.village.pk], last_day) == {world.village.pk: Figure(1, 1)}


def test_one_query_per_level(world, decisions, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures("village", [world.village.pk, *range(10_000, 10_150)])
