"""``feedback.answered_on_time``: phản ánh, kiến nghị answered on time ÷ received, per unit."""

from datetime import date
from decimal import Decimal
from itertools import count

import pytest

from dancoso.core import indicators
from dancoso.core.indicators import EMPTY, Figure
from dancoso.feedback.models import Case
from dancoso.places.models import Agency, Commune

Q1 = (date(2026, 1, 1), date(2026, 3, 31))
CODES = count(1)


def case(commune, received_on, *, on_time=None, kind="phan_anh", status="answered", **extra):
    return Case.objects.create(
        tracking_code=f"TEST-{next(CODES):06d}",
        commune=commune,
        kind=kind,
        status=status,
        subject="Đường liên thôn sạt lở",
        description="Đoạn đường qua thôn bị sạt sau mưa lớn.",
        received_on=received_on,
        on_time=on_time,
        **extra,
    )


@pytest.fixture
def cases(world):
    agency = Agency.objects.create(
        name="Trạm Y tế xã Cao Lộc",
        kind="don_vi_su_nghiep",
        province=world.province,
        commune=world.commune,
    )
    c = world.commune
    case(c, date(2026, 1, 1), on_time=True, village=world.village)  # first day: counted
    case(c, date(2026, 3, 31), on_time=False, kind="kien_nghi", agency=agency)  # late
    case(c, date(2026, 2, 10), status="accepted", village=world.village)  # not answered yet
    case(c, date(2026, 2, 11), on_time=True, status="merged")  # merged: counted once elsewhere
    case(c, date(2026, 2, 12), status="transferred")  # answered by the competent body
    case(c, date(2026, 2, 13), on_time=True, kind="khieu_nai")  # complaints: other law
    case(c, date(2025, 12, 31), on_time=True)  # the day before the period
    case(c, date(2026, 4, 1), on_time=True)  # the day after
    case(world.other_commune, date(2026, 2, 1), on_time=True)
    return agency


def figures(level, ids, period=Q1):
    return indicators.get("feedback.answered_on_time").figures(level, ids, *period)


def test_commune_counts_its_own_cases_of_the_period_only(world, cases):
    quiet = Commune.objects.create(
        code=6200, name="Xã Yên Trạch", kind="xa", codename="xa_yen_trach", province=world.province
    )
    found = figures("commune", [world.commune.pk, world.other_commune.pk, quiet.pk])

    assert found == {
        world.commune.pk: Figure(1, 3),
        world.other_commune.pk: Figure(1, 1),
        quiet.pk: EMPTY,
    }
    assert found[quiet.pk].percent is None
    assert found[world.commune.pk].percent == Decimal("33.3")


def test_village_agency_and_province_levels(world, cases):
    assert figures("village", [world.village.pk, world.other_village.pk]) == {
        world.village.pk: Figure(1, 2),
        world.other_village.pk: EMPTY,
    }
    assert figures("agency", [cases.pk]) == {cases.pk: Figure(0, 1)}
    assert figures("province", [world.province.pk]) == {world.province.pk: Figure(2, 4)}


def test_the_period_bounds_are_inclusive(world, cases):
    whole_year = (date(2025, 12, 31), date(2026, 4, 1))
    assert figures("commune", [world.commune.pk], whole_year)[world.commune.pk] == Figure(3, 5)


def test_a_level_costs_one_query_whatever_the_units(world, cases, django_assert_num_queries):
    ids = [world.commune.pk, world.other_commune.pk, *range(10_000, 10_150)]
    with django_assert_num_queries(1):
        figures("commune", ids)
