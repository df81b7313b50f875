"""``disclosure.published_on_time``: recurring disclosures published by their due date ÷ due in
the period, for communes, agencies and provinces."""

from datetime import date

import pytest

from dancoso.core import indicators
from dancoso.core.indicators import EMPTY, Figure
from dancoso.disclosure.law import Scope
from dancoso.disclosure.models import Disclosure
from dancoso.disclosure.obligations import OBLIGATIONS
from dancoso.places.models import Agency, Province

# Due in the second quarter of 2025: the first quarter's budget execution (15/04) and the list
# of what was disclosed in the first quarter (5 working days after 31/03).
Q2 = (date(2025, 4, 1), date(2025, 6, 30))


def disclose(world, obligation, starts_on, *, year=2025, category="xa-02", **owner):
    owner = owner or {"commune": world.commune}
    return Disclosure.objects.create(
        province=world.province,
        category=category,
        title="Công khai tình hình thực hiện ngân sách",
        starts_on=starts_on,
        obligation=obligation,
        obligation_year=year,
        **owner,
    )


@pytest.fixture
def agency(world):
    return Agency.objects.create(
        name="Trường Tiểu học Cao Lộc",
        kind="don_vi_su_nghiep",
        province=world.province,
        commune=world.commune,
    )


@pytest.fixture
def published(world, agency):
    assert OBLIGATIONS[(Scope.COMMUNE, "budget_q1")].due(2025) == date(2025, 4, 15)
    disclose(world, "budget_q1", date(2025, 4, 15))  # on its due date: on time
    disclose(world, "disclosure_list_q1", date(2025, 4, 20), category="xa-14")  # late
    withdrawn = disclose(world, "budget_q1", date(2025, 4, 2), commune=world.other_commune)
    Disclosure.objects.filter(pk=withdrawn.pk).update(status="withdrawn", withdrawn_reason="Sai số")
    # An agency's report filed under Ba Sơn: the agency's obligation, never Ba Sơn's.
    disclose(
        world,
        "budget_q1",
        date(2025, 4, 1),
        category="cq-03",
        agency=agency,
        commune=world.other_commune,
    )


def figures(level, ids, period=Q2):
    return indicators.get("disclosure.published_on_time").figures(level, ids, *period)


def test_each_commune_counts_its_obligations_due_in_the_period(world, published):
    found = figures("commune", [world.commune.pk, world.other_commune.pk])
    # Ba Sơn published nothing that stands (its only one was withdrawn): 0 of 2, not "no value".
    assert found == {world.commune.pk: Figure(1, 2), world.other_commune.pk: Figure(0, 2)}


def test_agencies_and_the_province_add_up(world, published, agency):
    assert figures("agency", [agency.pk]) == {agency.pk: Figure(1, 1)}
    elsewhere = Province.objects.create(code=4, name="Cao Bằng", kind="tinh", codename="cao_bang")
    found = figures("province", [world.province.pk, elsewhere.pk])
    assert found == {world.province.pk: Figure(2, 5), elsewhere.pk: EMPTY}


def test_nothing_due_is_no_value(world, published):
    before_the_law = (date(2023, 1, 1), date(2023, 3, 31))
    far_ahead = (date(2099, 4, 1), date(2099, 6, 30))
    for period in (before_the_law, far_ahead):
        assert figures("commune", [world.commune.pk], period)[world.commune.pk].percent is None


def test_an_obligation_published_early_counts_before_it_is_due(world):
    disclose(world, "budget_estimate", date(2098, 12, 20), year=2099)
    found = figures("commune", [world.commune.pk], (date(2099, 1, 1), date(2099, 1, 31)))
    assert found[world.commune.pk] == EMPTY  # published "in 2098" is still in the future
    disclose(world, "budget_q1", date(2025, 4, 3))
    assert figures("commune", [world.commune.pk], (date(2025, 4, 15), date(2025, 4, 15))) == {
        world.commune.pk: Figure(1, 1)
    }


def test_a_province_costs_a_fixed_number_of_queries(world, published, django_assert_num_queries):
    with django_assert_num_queries(4):  # communes, agencies, and one grouped read for each
        figures("province", [world.province.pk])
    with django_assert_num_queries(1):
        figures("commune", [world.commune.pk, world.other_commune.pk, *range(10_000, 10_150)])
