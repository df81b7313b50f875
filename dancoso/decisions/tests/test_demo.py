"""The demo data for Dân quyết builds through the services and leaves a published meeting
decision and an open online vote."""

import pytest

from dancoso.accounts.roles import Role
from dancoso.core.testing import grant, make_user
from dancoso.decisions import counting, readiness
from dancoso.decisions.models import Decision
from dancoso.decisions.tests import factories as f
from dancoso.demo.decisions import load_decisions

pytestmark = pytest.mark.django_db


def test_demo_decisions(world):
    grant(make_user("truongthon"), Role.VILLAGE_HEAD, world.village)
    grant(make_user("mattran"), Role.FRONT_HEAD, world.village)
    f.village_households(world.village, 29)
    load_decisions(world.village)
    road, festival = Decision.objects.order_by("pk")
    assert road.state == "published" and road.result["adopted"] is True
    assert road.result["electorate"] == 30 and road.result["took_part"] == 24
    assert counting.recount_agrees(road) and readiness.totals_agree(road)
    assert festival.state == "open" and festival.allows_online
    assert festival.participations.count() == 11
