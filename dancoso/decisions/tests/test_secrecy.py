"""SECURITY.md tests 1, 6, 7, 8 and 9 for Dân quyết, on real PostgreSQL connections."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from dancoso.core.errors import DomainError
from dancoso.decisions import counting, queries, readiness, services
from dancoso.decisions.models import Ballot, Participation
from dancoso.decisions.services.lifecycle import least_correlated_permutation, spearman
from dancoso.decisions.tests import factories as f

THREADS = 40  # 4 engineers share max_connections = 100; 40 threads x 5 tries = 200 at once
ATTEMPTS = 200


def _race(decision, user, option_id) -> list[str]:
    barrier = threading.Barrier(THREADS)

    def attempt(i: int) -> str:
        if i < THREADS:
            barrier.wait()
        try:
            services.cast_ballot(decision, actor=user, option_id=option_id)
            return "stored"
        except DomainError as exc:
            return exc.code
        finally:
            if i >= ATTEMPTS - THREADS:
                connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(attempt, range(ATTEMPTS)))
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_200_simultaneous_ballots_for_one_household_store_exactly_one(village_head, world):
    pairs = f.village_households(world.village, 2)
    _, user = pairs[0]
    for run in range(20):
        d = f.decision(village_head, world.village, title=f"Lần {run}")
        services.publish_electorate(d, actor=village_head)
        for _, u in pairs:
            services.answer_online_poll(d, actor=u, wants_online=True)
        services.open_voting(d, actor=village_head)
        outcomes = _race(d, user, f.option(d, "agree").pk)
        assert outcomes.count("stored") == 1, run
        assert outcomes.count("already_voted") == ATTEMPTS - 1, set(outcomes)
        assert Ballot.objects.filter(decision=d).count() == 1
        assert Participation.objects.filter(decision=d).count() == 1


def _physical_order(decision) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT receipt_hash FROM decisions_ballot WHERE decision_id = %s ORDER BY ctid",
            [decision.pk],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_after_close_the_box_does_not_follow_the_voting_order(village_head, world):
    d, pairs = f.online_vote_ready(village_head, world.village, 1000)
    agree, disagree = f.option(d, "agree"), f.option(d, "disagree")
    voted = []
    for i, (_, user) in enumerate(pairs):
        receipt = services.cast_ballot(d, actor=user, option_id=(agree if i % 3 else disagree).pk)
        voted.append(services.receipt_hash(receipt.code))
    before = _physical_order(d)
    assert abs(spearman([voted.index(h) for h in before])) > 0.99  # the heap follows voting
    services.close_voting(d, actor=village_head)
    position = {h: i for i, h in enumerate(voted)}
    after = [position[h] for h in _physical_order(d)]
    assert sorted(after) == list(range(1000))
    assert abs(spearman(after)) < 0.05
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(DISTINCT xmin::text) FROM decisions_ballot WHERE decision_id = %s",
            [d.pk],
        )
        assert cursor.fetchone()[0] == 1  # one transaction wrote them all
        cursor.execute(
            "SELECT count(*) FROM decisions_ballot b JOIN decisions_participation p "
            "ON p.xmin::text = b.xmin::text WHERE b.decision_id = %s",
            [d.pk],
        )
        assert cursor.fetchone()[0] == 0
    d = services.count_votes(d, actor=village_head)
    assert d.result["ballots"] == 1000 and readiness.totals_agree(d)
    assert counting.recount_agrees(d)
    assert sum(o["votes"] for o in d.result["villages"][0]["options"]) == 1000


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_two_tables_share_no_linking_column():
    with connection.cursor() as cursor:
        columns = {}
        for table in ("decisions_ballot", "decisions_participation"):
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
                [table],
            )
            columns[table] = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'decisions_ballot' AND column_name = 'id'"
        )
        assert cursor.fetchone()[0] == "uuid"
    shared = columns["decisions_ballot"] & columns["decisions_participation"]
    # The decision and the village (the law's counting unit) only; the ids are unrelated kinds.
    assert shared == {"id", "decision_id", "village_id"}
    for forbidden in ("household_id", "representative_id", "created_at", "channel", "user_id"):
        assert forbidden not in columns["decisions_ballot"]


def test_least_correlated_permutation_is_a_permutation():
    for n in (0, 1, 2, 10, 500):
        order = least_correlated_permutation(n)
        assert sorted(order) == list(range(n))
    assert abs(spearman(least_correlated_permutation(1000))) < 0.05
    assert spearman(list(range(10))) == 1.0


@pytest.mark.django_db
def test_no_query_pairs_a_household_and_its_choice(village_head, world):
    d, pairs = f.online_vote_ready(village_head, world.village, 3)
    services.cast_ballot(d, actor=pairs[0][1], option_id=f.option(d, "agree").pk)
    services.close_voting(d, actor=village_head)
    services.count_votes(d, actor=village_head)
    services.publish_result(d, actor=village_head)
    listed = list(queries.online_participants(d))
    assert listed and set(listed[0]) == {"code", "representative__full_name"}
