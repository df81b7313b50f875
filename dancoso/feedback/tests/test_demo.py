"""The demo data for citizens' cases builds through the services: a second complaint linked
to its first, a denunciation waiting to be forwarded, a deactivated desk."""

import pytest

from dancoso.accounts.roles import Role
from dancoso.core.testing import grant, make_user
from dancoso.demo.feedback import load_feedback
from dancoso.feedback.deadlines import deadlines_of
from dancoso.feedback.models import Case, Desk

pytestmark = pytest.mark.django_db


def test_demo_feedback(world):
    grant(make_user("canbo"), Role.COMMUNE_OFFICER, world.commune)
    grant(make_user("chutich"), Role.COMMUNE_LEADER, world.commune)
    load_feedback(world.commune)
    second = Case.objects.get(level=2, follows__isnull=False)
    assert second.follows.kind == "khieu_nai" and second.tracking_code.endswith("-2")
    paper = Case.objects.get(level=2, follows__isnull=True)
    assert paper.first_decision and paper.channel == "reception"
    assert second.agency.name == paper.agency.name == "Thanh tra tỉnh Lạng Sơn"
    outside = Case.objects.get(not_competent=True)
    assert any(d.name == "denunciation_forwarding" for d in deadlines_of(outside))
    assert Desk.objects.filter(active=False).count() == 1
    load_feedback(world.commune)  # idempotent
    assert Case.objects.filter(level=2).count() == 2
