"""``conventions.recognised``: villages with a recognised convention ÷ active villages."""

from datetime import date

import pytest

from dancoso.conventions.models import Convention
from dancoso.core import indicators
from dancoso.core.indicators import EMPTY, Figure
from dancoso.core.testing import make_user
from dancoso.places.models import Commune, Village

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def convention(village, author, state, recognised_on=None):
    return Convention.objects.create(
        village=village,
        kind="huong_uoc",
        title=f"Hương ước {village.name}",
        state=state,
        recognised_on=recognised_on,
        created_by=author,
    )


@pytest.fixture
def conventions(world):
    author = make_user("soanthao")
    convention(world.village, author, "recognised", date(2026, 12, 31))  # the last day counts
    convention(world.village, author, "recognised", date(2024, 11, 18))  # counted once
    convention(world.other_village, author, "refused")
    convention(world.foreign_village, author, "recognised", date(2027, 1, 1))  # after the year
    Village.objects.create(commune=world.commune, name="Thôn cũ", is_active=False)


def figures(level, ids, period=YEAR):
    return indicators.get("conventions.recognised").figures(level, ids, *period)


def test_villages_of_each_commune(world, conventions):
    quiet = Commune.objects.create(
        code=6200, name="Xã Yên Trạch", kind="xa", codename="xa_yen_trach", province=world.province
    )
    found = figures("commune", [world.commune.pk, world.other_commune.pk, quiet.pk])
    # The inactive village is not counted; Ba Sơn's convention is recognised only next year.
    assert found == {
        world.commune.pk: Figure(1, 2),
        world.other_commune.pk: Figure(0, 1),
        quiet.pk: EMPTY,
    }
    later = figures("commune", [world.other_commune.pk], (YEAR[0], date(2027, 1, 1)))
    assert later[world.other_commune.pk] == Figure(1, 1)


def test_village_and_province_levels(world, conventions):
    assert figures("village", [world.village.pk, world.other_village.pk]) == {
        world.village.pk: Figure(1, 1),
        world.other_village.pk: Figure(0, 1),
    }
    assert figures("province", [world.province.pk]) == {world.province.pk: Figure(1, 3)}


def test_one_query_per_level(world, conventions, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures("commune", [world.commune.pk, *range(10_000, 10_150)])
