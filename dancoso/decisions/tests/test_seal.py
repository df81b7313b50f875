"""The close event's seal audits every cast (SECURITY.md test 19 for ballots, docs/security.md
§3a): committed casts counted once, rolled-back ones never; any change to the box or the
participations after close is found and the count refused; casts run side by side and a close
in the middle of them loses no acknowledged ballot (PostgreSQL)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from dancoso.audit.models import AuditEvent
from dancoso.audit.queries import verify_chain
from dancoso.audit.services import chain_for
from dancoso.core.errors import DomainError
from dancoso.decisions import counting, seal, services
from dancoso.decisions.models import Ballot, Decision, Participation
from dancoso.decisions.services.lifecycle import shuffle_ballot_box
from dancoso.decisions.tests import factories as f

TAMPERINGS = {
    "change a choice": "UPDATE decisions_ballot SET option_id = {disagree} "
    "WHERE id = (SELECT id FROM decisions_ballot WHERE decision_id = {d} LIMIT 1)",
    "delete a ballot": "DELETE FROM decisions_ballot "
    "WHERE id = (SELECT id FROM decisions_ballot WHERE decision_id = {d} LIMIT 1)",
    "add a ballot": "INSERT INTO decisions_ballot (id, decision_id, village_id, option_id, "
    "other_text, receipt_hash) SELECT '00000000-0000-4000-8000-000000000001', decision_id, "
    "village_id, option_id, '', 'forged' FROM decisions_ballot WHERE decision_id = {d} LIMIT 1",
    "change a receipt": "UPDATE decisions_ballot SET receipt_hash = 'x' "
    "WHERE id = (SELECT id FROM decisions_ballot WHERE decision_id = {d} LIMIT 1)",
    "move a participation": "UPDATE decisions_participation SET channel = 'ballot' "
    "WHERE id = (SELECT id FROM decisions_participation WHERE decision_id = {d} LIMIT 1)",
    "drop a household from the list": "DELETE FROM decisions_electorentry "
    "WHERE id = (SELECT id FROM decisions_electorentry WHERE decision_id = {d} "
    "AND household_id NOT IN (SELECT household_id FROM decisions_participation "
    "WHERE decision_id = {d}) LIMIT 1)",
}


def _closed_vote(village_head, world, n: int = 4):
    d, pairs = f.online_vote_ready(village_head, world.village, n)
    agree = f.option(d, "agree")
    for _, user in pairs[:3]:
        services.cast_ballot(d, actor=user, option_id=agree.pk)
    return services.close_voting(d, actor=village_head)


@pytest.mark.django_db
def test_the_seal_counts_committed_casts_once_and_refused_ones_never(village_head, world):
    d, pairs = f.online_vote_ready(village_head, world.village, 5)
    agree, other = f.option(d, "agree"), f.option(d, "other")
    before = AuditEvent.objects.count()
    services.cast_ballot(d, actor=pairs[0][1], option_id=agree.pk)
    services.cast_ballot(d, actor=pairs[1][1], option_id=other.pk, other_text="Làm vào tháng 12")
    for attempt in (
        lambda: services.cast_ballot(d, actor=pairs[0][1], option_id=agree.pk),  # again
        lambda: services.cast_ballot(d, actor=pairs[2][1], option_id=other.pk),  # no text
    ):
        with pytest.raises(DomainError):
            attempt()
    assert AuditEvent.objects.count() == before  # no event per cast: the chain is not queued on
    services.close_voting(d, actor=village_head)
    sealed = seal.sealed_at_close(d)
    assert sealed["participations"] == {"online": 2} and sealed["ballots"] == 2
    assert sealed == seal.box_seal(d) and seal.seal_holds(d)
    assert AuditEvent.objects.count() == before + 1


@pytest.mark.django_db
def test_the_seal_does_not_depend_on_the_order_of_the_box(village_head, world):
    d = _closed_vote(village_head, world)
    sealed = seal.box_seal(d)
    shuffle_ballot_box(d)  # new keys, new physical order, same contents
    assert seal.box_seal(d) == sealed


@pytest.mark.django_db
def test_no_seal_before_close(village_head, world):
    d, _ = f.online_vote_ready(village_head, world.village, 2)
    assert seal.sealed_at_close(d) is None and not seal.seal_holds(d)


@pytest.mark.django_db
@pytest.mark.parametrize("tampering", sorted(TAMPERINGS))
def test_a_change_after_close_is_found_and_the_count_refused(village_head, world, tampering):
    d = _closed_vote(village_head, world)
    with connection.cursor() as cursor:
        cursor.execute(TAMPERINGS[tampering].format(d=d.pk, disagree=f.option(d, "disagree").pk))
    assert not seal.seal_holds(d)
    with pytest.raises(DomainError) as exc:
        services.count_votes(d, actor=village_head)
    assert exc.value.code == "not_ready" and "niêm phong" in exc.value.message
    d.refresh_from_db()
    assert d.state == Decision.State.CLOSED and not d.result


@pytest.mark.django_db
def test_the_seal_holds_each_villages_list_and_participations(village_head, world):
    d = _closed_vote(village_head, world, n=4)
    listed = d.electorate.count()
    assert listed >= 4
    assert seal.sealed_at_close(d)["villages"] == {
        str(world.village.pk): {"electorate": listed, "channels": {"online": 3}}
    }


@pytest.mark.django_db
def test_the_count_scans_the_ballots_once_and_takes_the_rest_from_the_seal(village_head, world):
    d = _closed_vote(village_head, world, n=4)
    with CaptureQueriesContext(connection) as queries:
        result = counting.count(d)
    tables = [q["sql"] for q in queries.captured_queries]
    assert sum("decisions_ballot" in sql for sql in tables) == 1
    assert not any(
        "decisions_participation" in sql or "decisions_electorentry" in sql for sql in tables
    )
    assert (result["electorate"], result["took_part"], result["ballots"]) == (
        d.electorate.count(),
        3,
        3,
    )
    assert result == counting.recount(d)  # the rows give the same figures


@pytest.mark.django_db
def test_a_change_after_the_count_shows_in_the_recount(village_head, world):
    d = services.count_votes(_closed_vote(village_head, world), actor=village_head)
    assert counting.recount_agrees(d)
    with connection.cursor() as cursor:
        cursor.execute(TAMPERINGS["drop a household from the list"].format(d=d.pk))
    assert not counting.recount_agrees(d) and not seal.seal_holds(d)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_casts_run_side_by_side_and_a_close_among_them_loses_none(village_head, world):
    voters = 60
    d, pairs = f.online_vote_ready(village_head, world.village, voters)
    agree = f.option(d, "agree").pk
    start = threading.Barrier(21)

    def cast(i: int) -> str | None:
        if i < 20:
            start.wait()
        try:
            return services.receipt_hash(
                services.cast_ballot(d, actor=pairs[i][1], option_id=agree).code
            )
        except DomainError as exc:
            assert exc.code == "wrong_state", exc.code
            return None
        finally:
            connections.close_all()

    def close() -> None:
        start.wait()
        try:
            services.close_voting(d, actor=village_head)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=21) as pool:
        closing = pool.submit(close)
        acknowledged = [h for h in pool.map(cast, range(voters)) if h]
        closing.result()
    stored = set(Ballot.objects.filter(decision=d).values_list("receipt_hash", flat=True))
    assert set(acknowledged) == stored  # every acknowledged ballot sealed, nothing else
    assert Participation.objects.filter(decision=d).count() == len(stored)
    assert seal.seal_holds(d) and seal.sealed_at_close(d)["ballots"] == len(stored)
    assert verify_chain(chain_for(world.commune.code))[1] is None
