"""Reads of the audit log: a chain's events, an object's history, and chain verification.

Lists use keyset pagination on the sequence number (``before``), never ``OFFSET`` or ``COUNT``,
so a page costs the same on the first day and on a chain of millions of events.
"""

from collections.abc import Iterator, Mapping

from django.db.models import QuerySet

from .chain import GENESIS_HASH, HASHED_FIELDS, Break, verify
from .models import AuditChainHead, AuditEvent

VERIFY_CHUNK = 1000


def history_of(object_type: str, object_id: str | int) -> QuerySet[AuditEvent]:
    """Every event about one object, oldest first (uses the ``audit_object`` index)."""
    return AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id)).order_by(
        "chain", "seq"
    )


def head_of(chain: str) -> AuditChainHead | None:
    """The chain's head row (last position and hash), or None before its first event."""
    return AuditChainHead.objects.filter(chain=chain).first()


def events_of(
    chain: str,
    *,
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    before: int | None = None,
    limit: int = 50,
) -> list[AuditEvent]:
    """Up to ``limit`` events of one chain, newest first, optionally of one action or about one
    object, older than position ``before``. One indexed query whatever the chain's length."""
    events = AuditEvent.objects.filter(chain=chain)
    if action:
        events = events.filter(action=action)
    if object_type:
        events = events.filter(object_type=object_type, object_id=object_id)
    if before is not None:
        events = events.filter(seq__lt=before)
    return list(events.order_by("-seq")[:limit])


def verify_chain(chain: str, anchors: Mapping[int, str] | None = None) -> tuple[int, Break | None]:
    """Re-hash a whole chain from its first event and compare it with its head and with any
    published ``anchors`` (position → hash). Streams rows in chunks: memory stays flat on a
    chain of millions of events, and the walk stops at the first break."""
    head = head_of(chain)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    events = (
        AuditEvent.objects.filter(chain=chain)
        .order_by("seq", "id")
        .values(*HASHED_FIELDS, "id", "hash")
        .iterator(chunk_size=VERIFY_CHUNK)
    )
    return verify(chain, events, head_seq, head_hash, anchors)


def all_chains() -> Iterator[str]:
    """Every chain that has a head or an event (an event without a head is itself a break)."""
    heads = set(AuditChainHead.objects.values_list("chain", flat=True))
    events = set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    yield from sorted(heads | events)
