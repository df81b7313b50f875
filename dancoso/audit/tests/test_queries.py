"""Reads of the audit log: verification streams, and chain pages cost one indexed query."""

import tracemalloc

from dancoso.audit.models import AuditEvent
from dancoso.audit.queries import events_of, history_of, verify_chain
from dancoso.audit.services import Entry, record, record_many

CODE = 6193
CHAIN = f"commune:{CODE}"


def bulk(n: int, action: str = "households.update_household", start: int = 0) -> None:
    record_many([Entry(action, None, ("households.household", start + i),
                       {"changed": ["address"], "ghi_chú": "x" * 200}) for i in range(n)],
                CODE)  # fmt: skip


def peak_bytes(function) -> int:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_verification_streams_instead_of_loading_the_chain(db):
    """Memory for verifying 6,000 events stays a fraction of holding them in a list."""
    bulk(6000)
    streamed = peak_bytes(lambda: verify_chain(CHAIN))
    listed = peak_bytes(lambda: list(AuditEvent.objects.filter(chain=CHAIN).order_by("seq")))
    assert verify_chain(CHAIN) == (6000, None)
    assert streamed < listed / 3, (streamed, listed)


def test_a_chain_page_is_newest_first_and_pages_by_position(db):
    bulk(30)
    first = events_of(CHAIN, limit=10)
    assert [e.seq for e in first] == list(range(30, 20, -1))
    second = events_of(CHAIN, before=first[-1].seq, limit=10)
    assert [e.seq for e in second] == list(range(20, 10, -1))
    assert events_of(CHAIN, before=1) == []


def test_a_chain_page_filters_by_action_and_by_object(db):
    bulk(5)
    record("places.rename_village", actor=None, obj=("places.village", 3), commune_code=CODE)
    bulk(5, start=5)
    renames = events_of(CHAIN, action="places.rename_village")
    assert [(e.seq, e.object_id) for e in renames] == [(6, "3")]
    about = events_of(CHAIN, object_type="households.household", object_id="7")
    assert [e.seq for e in about] == [9]
    assert events_of("commune:6199") == []


def test_page_and_history_reads_are_one_query_whatever_the_chain_length(
    db, django_assert_num_queries
):
    bulk(500)
    with django_assert_num_queries(1):
        assert len(events_of(CHAIN, limit=50)) == 50
    with django_assert_num_queries(1):
        assert len(events_of(CHAIN, action="households.update_household", before=100)) == 50
    with django_assert_num_queries(1):
        assert [e.seq for e in history_of("households.household", 42)] == [43]
