"""The demo conventions build through the services: a recognised hương ước with one article
suspended (and its public notice), and a quy ước being consulted."""

import pytest

from dancoso.accounts.roles import Role
from dancoso.conventions.models import Convention
from dancoso.core.testing import grant, make_user
from dancoso.demo.conventions import load_conventions

pytestmark = pytest.mark.django_db


def test_demo_conventions(world):
    grant(make_user("canbo"), Role.COMMUNE_OFFICER, world.commune)
    grant(make_user("chutich"), Role.COMMUNE_LEADER, world.commune)
    grant(make_user("truongthon"), Role.VILLAGE_HEAD, world.village)
    other = world.commune.villages.exclude(pk=world.village.pk).first() or world.village
    load_conventions(world.commune, [world.village, other])
    recognised = Convention.objects.get(title="Hương ước Thôn Bản Lải")
    assert recognised.state == Convention.State.RECOGNISED
    measure = recognised.measures.get()
    assert measure.parts == ["Điều 4. Xử lý vi phạm"] and not measure.is_late
    assert Convention.objects.get(title__startswith="Quy ước").state == "consulting"
    load_conventions(world.commune, [world.village, other])  # idempotent
    assert Convention.objects.count() == 2
