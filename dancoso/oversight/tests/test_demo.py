"""The demo boards build through the services: a recorded supervision and a resident's tip
besides the members, plan and recommendations; loading twice changes nothing."""

import pytest

from dancoso.accounts.roles import Role
from dancoso.core.testing import grant, make_user
from dancoso.demo.oversight import load_oversight
from dancoso.oversight.models import Activity, Board, Tip

pytestmark = pytest.mark.django_db


def test_demo_oversight(world):
    grant(make_user("canbomattran"), Role.FRONT_OFFICER, world.commune)
    grant(make_user("thanhtra"), Role.INSPECTION_BOARD, world.commune)
    grant(make_user("chutich"), Role.COMMUNE_LEADER, world.commune)
    villages = [world.village, world.other_village]
    load_oversight(world.commune, villages)
    assert Activity.objects.filter(held_on__isnull=False).count() == 1
    assert Tip.objects.get().anonymous is True
    boards = Board.objects.count()
    load_oversight(world.commune, villages)
    assert Board.objects.count() == boards and Tip.objects.count() == 1
