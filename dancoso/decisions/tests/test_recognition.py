"""Sending the decision and its recognition (Law Art. 20–21)."""

from datetime import date

import pytest
from django.utils import timezone

from dancoso.accounts.roles import Role
from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import grant, make_user
from dancoso.decisions import services
from dancoso.decisions.law import Kind
from dancoso.decisions.tests import factories as f

pytestmark = pytest.mark.django_db


def _decided(actor, confirmer, world, kind, candidates=None):
    homes = [h for h, _ in f.village_households(world.village, 2)] + [world.household]
    d = f.decision(actor, world.village, kind=kind, channels=("meeting",), candidates=candidates)
    services.publish_electorate(d, actor=actor)
    services.open_voting(d, actor=actor)
    for h in homes:
        services.record_attendance(d, actor=actor, household=h, present=True)
    first = d.options.order_by("position").first()
    batch = services.enter_batch(d, actor=actor, source="hands", counts={first.pk: 3})
    services.confirm_batch(batch, actor=confirmer)
    for step in (services.close_voting, services.count_votes, services.publish_result):
        step(d, actor=actor)
    d.refresh_from_db()
    return d


def test_a_village_head_takes_effect_on_the_committees_recognition(
    village_head, commune_officer, commune_chair, world
):
    d = _decided(village_head, commune_officer, world, Kind.VILLAGE_HEAD, ["Lộc Văn Sơn"])
    assert d.result["adopted"] and services.effective_on(d) is None
    with pytest.raises(DomainError) as exc:
        services.record_recognition(d, actor=commune_chair, recognised=True, on=date(2026, 6, 12))
    assert exc.value.code == "not_sent"
    services.send_decision(d, actor=village_head, sent_on=date(2026, 6, 11))
    with pytest.raises(PermissionDeniedError):
        services.record_recognition(d, actor=village_head, recognised=True, on=date(2026, 6, 12))
    with pytest.raises(DomainError) as exc:
        services.record_recognition(d, actor=commune_chair, recognised=False, on=date(2026, 6, 12))
    assert exc.value.code == "reason_required"
    d = services.record_recognition(d, actor=commune_chair, recognised=True, on=date(2026, 6, 12))
    assert services.effective_on(d) == date(2026, 6, 12)
    with pytest.raises(DomainError):
        services.record_recognition(d, actor=commune_chair, recognised=True, on=date(2026, 6, 13))
    events = AuditEvent.objects.filter(action="decisions.record_recognition")
    assert events.count() == 1 and events.get().summary["late"] is False


def test_board_members_are_recognised_by_the_front(village_head, commune_officer, world):
    d = _decided(village_head, commune_officer, world, Kind.BOARD_MEMBER, ["Vy Thị Thu"])
    services.send_decision(d, actor=village_head, sent_on=date(2026, 6, 10))
    with pytest.raises(PermissionDeniedError, match="MTTQ"):
        services.record_recognition(d, actor=commune_officer, recognised=True, on=date(2026, 6, 11))
    front = make_user("canbomattran")
    grant(front, Role.FRONT_OFFICER, world.commune)
    d = services.record_recognition(
        d,
        actor=front,
        recognised=False,
        on=date(2026, 6, 25),
        reason="Người trúng cử là cán bộ xã.",
    )
    assert services.effective_on(d) is None
    event = AuditEvent.objects.get(action="decisions.record_recognition")
    assert event.summary == {"decision": d.pk, "recognised": False, "late": True}


def test_kind_6_takes_effect_when_adopted(village_head, commune_officer, commune_chair, world):
    d = _decided(village_head, commune_officer, world, Kind.SELF_MANAGED)
    assert services.effective_on(d) == timezone.localdate(d.closed_at)
    services.send_decision(d, actor=village_head, sent_on=date(2026, 6, 20))
    assert AuditEvent.objects.get(action="decisions.send_decision").summary["late"] is True
    with pytest.raises(DomainError) as exc:
        services.record_recognition(d, actor=commune_chair, recognised=True, on=date(2026, 6, 21))
    assert exc.value.code == "no_recognition"
    with pytest.raises(DomainError):
        services.send_decision(d, actor=village_head, sent_on=date(2026, 6, 1))
