"""A board member elected by the village's households through decisions (kind 5): the Front's
recognition of the result creates the membership; nothing before it does."""

from datetime import date

import pytest
from django.urls import reverse

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError
from dancoso.core.testing import login_verified
from dancoso.decisions import services as decisions
from dancoso.decisions.law import Kind
from dancoso.decisions.tests import factories as f
from dancoso.oversight import queries, services

from .conftest import OK


def counted(actor, confirmer, world, kind=Kind.BOARD_MEMBER, candidates=("Nông Thị Mai",)):
    """A village meeting that elects (or decides) by show of hands, through the decisions
    services, counted and published."""
    homes = [h for h, _ in f.village_households(world.village, 2)] + [world.household]
    d = f.decision(
        actor, world.village, kind=kind, channels=("meeting",), candidates=list(candidates)
    )
    decisions.publish_electorate(d, actor=actor)
    decisions.open_voting(d, actor=actor)
    for h in homes:
        decisions.record_attendance(d, actor=actor, household=h, present=True)
    first = d.options.order_by("position").first()
    batch = decisions.enter_batch(d, actor=actor, source="hands", counts={first.pk: 3})
    decisions.confirm_batch(batch, actor=confirmer)
    for step in (decisions.close_voting, decisions.count_votes, decisions.publish_result):
        step(d, actor=actor)
    decisions.send_decision(d, actor=actor, sent_on=date(2026, 6, 10))
    d.refresh_from_db()
    return d


@pytest.fixture
def election(village_head, commune_officer, world):
    return counted(village_head, commune_officer, world)


def test_recognised_election_seats_the_winner(board, election, front_officer, commune_officer):
    with pytest.raises(DomainError, match="chưa có hiệu lực"):
        services.seat_elected(commune_officer, board, election, role="member", candidate=OK)
    election = decisions.record_recognition(
        election, actor=front_officer, recognised=True, on=date(2026, 6, 12)
    )
    member = services.seat_elected(commune_officer, board, election, role="member", candidate=OK)
    assert (member.full_name, member.village, member.starts_on) == (
        "Nông Thị Mai",
        election.village,
        date(2026, 6, 12),
    )
    assert member.decision == election
    with pytest.raises(DomainError, match="đã được ghi nhận"):
        services.seat_elected(commune_officer, board, election, role="member", candidate=OK)
    assert AuditEvent.objects.filter(action="oversight.member.add").count() == 1


def test_refused_recognition_seats_nobody(board, election, front_officer, commune_officer):
    election = decisions.record_recognition(
        election,
        actor=front_officer,
        recognised=False,
        on=date(2026, 6, 12),
        reason="Người trúng cử là cán bộ xã.",
    )
    with pytest.raises(DomainError, match="chưa có hiệu lực"):
        services.seat_elected(commune_officer, board, election, role="member", candidate=OK)
    assert not board.memberships.exists()


def test_other_matters_are_not_board_elections(
    board, village_head, commune_officer, world, front_officer
):
    d = counted(village_head, commune_officer, world, kind=Kind.SELF_MANAGED, candidates=())
    with pytest.raises(DomainError, match="Chỉ ghi nhận từ cuộc bầu"):
        services.seat_elected(commune_officer, board, d, role="member", candidate=OK)


def test_officer_seats_the_winner_from_the_board_page(
    client, board, election, front_officer, commune_officer
):
    decisions.record_recognition(
        election, actor=front_officer, recognised=True, on=date(2026, 6, 12)
    )
    login_verified(client, commune_officer)
    page = client.get(reverse("oversight_ws:board", args=[board.pk])).content.decode()
    assert election.title in page
    response = client.post(
        reverse("oversight_ws:elected", args=[board.pk]),
        {
            "bau-decision": election.pk,
            "bau-role": "member",
            "bau-seat": "resident",
            "bau-permanent_resident": "on",
        },
    )
    assert response.status_code == 302
    assert board.memberships.get().full_name == "Nông Thị Mai"
    assert not queries.elections_for(commune_officer, board).exists()
