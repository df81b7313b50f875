"""SECURITY.md test 19: exactly one audit event per committed write, none for a rolled-back one,
bulk writes included; the head moves only with committed events; concurrent writers in one
commune never fork the chain."""

import itertools
import threading

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dancoso.audit.models import AuditChainHead, AuditEvent
from dancoso.audit.queries import head_of, verify_chain
from dancoso.audit.services import Entry, chain_for, record, record_many
from dancoso.core.actors import SystemActor
from dancoso.places.models import Village

ACTOR = SystemActor("kiem-thu")
codes = itertools.count(100_000)


class Abort(Exception):
    """A write that fails after its audit event was recorded."""


def write(code: int, n: int = 0) -> None:
    record("places.rename_village", actor=ACTOR, obj=("places.village", n),
           summary={"to": f"Thôn {n}"}, commune_code=code)  # fmt: skip


def committed_positions(code: int) -> list[int]:
    return list(AuditEvent.objects.filter(chain=chain_for(code)).values_list("seq", flat=True)
                .order_by("seq"))  # fmt: skip


# (events recorded, committed?, events in a nested block that is rolled back)
transactions = st.lists(
    st.tuples(st.integers(0, 4), st.booleans(), st.integers(0, 2)), min_size=1, max_size=8
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(transactions)
def test_one_event_per_committed_record_and_none_for_rolled_back_ones(db, plan):
    code = next(codes)
    expected = 0
    for recorded, commits, nested in plan:
        try:
            with transaction.atomic():
                for i in range(recorded):
                    write(code, i)
                try:
                    with transaction.atomic():
                        for i in range(nested):
                            write(code, 100 + i)
                        raise Abort
                except Abort:
                    pass
                if not commits:
                    raise Abort
        except Abort:
            pass
        expected += recorded if commits else 0
    assert committed_positions(code) == list(range(1, expected + 1))
    head = head_of(chain_for(code))
    assert (head.seq if head else 0) == expected
    assert verify_chain(chain_for(code)) == (expected, None)


def test_a_write_that_fails_after_recording_leaves_neither_change_nor_event(world):
    """The audit event shares the write's transaction: both stay or both go."""
    before = head_of(chain_for(world.commune.code))
    with pytest.raises(Abort), transaction.atomic():
        village = Village.objects.create(commune=world.commune, name="Thôn Mới")
        record("places.create_village", actor=ACTOR, obj=village, commune_code=world.commune.code)
        raise Abort
    assert not Village.objects.filter(name="Thôn Mới").exists()
    assert not AuditEvent.objects.filter(object_type="places.village").exists()
    assert head_of(chain_for(world.commune.code)) == before


@given(st.lists(st.integers(0, 30), min_size=1, max_size=4))
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_bulk_writes_give_one_event_per_entry_at_consecutive_positions(db, sizes):
    code = next(codes)
    for size in sizes:
        entries = [
            Entry("households.update_household", ACTOR, ("households.household", i))
            for i in range(size)
        ]
        events = record_many(entries, code)
        assert len(events) == size
    total = sum(sizes)
    assert committed_positions(code) == list(range(1, total + 1))
    assert verify_chain(chain_for(code)) == (total, None)


def test_an_empty_bulk_write_creates_nothing(db):
    assert record_many([], 424242) == []
    assert not AuditChainHead.objects.filter(chain=chain_for(424242)).exists()


def test_events_written_outside_a_transaction_commit_on_their_own(transactional_db):
    write(7)
    write(7, 1)
    assert committed_positions(7) == [1, 2]


def test_a_rolled_back_transaction_on_a_real_commit_path(transactional_db):
    """The same rules with real COMMIT and ROLLBACK (not savepoints inside a test transaction)."""
    with transaction.atomic(durable=True):
        write(8)
        record_many([Entry("households.update_household", ACTOR, ("households.household", 1)),
                     Entry("households.update_household", ACTOR, ("households.household", 2))],
                    8)  # fmt: skip
    with pytest.raises(Abort), transaction.atomic(durable=True):
        write(8, 9)
        raise Abort
    assert committed_positions(8) == [1, 2, 3]
    assert head_of(chain_for(8)).seq == 3


@pytest.mark.postgres
def test_twenty_writers_at_once_leave_one_valid_chain(transactional_db):
    """20 threads append to one commune's chain at the same moment, twice: first racing to
    create the chain's head, then queueing on its row lock."""
    code, threads_per_round = 6193, 20
    for round_ in range(2):
        barrier = threading.Barrier(threads_per_round)
        errors = []

        def append(n, barrier=barrier, errors=errors, round_=round_):
            try:
                barrier.wait(timeout=10)
                with transaction.atomic(durable=True):
                    write(code, round_ * 100 + n)
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=append, args=(n,)) for n in range(threads_per_round)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
    total = 2 * threads_per_round
    assert committed_positions(code) == list(range(1, total + 1))
    assert verify_chain(chain_for(code)) == (total, None)
    assert sorted(AuditEvent.objects.values_list("object_id", flat=True)) == sorted(
        str(r * 100 + n) for r in range(2) for n in range(threads_per_round)
    )
