"""Reads of the audit log: an object's history and whole-chain verification."""

from collections.abc import Iterator

from django.db.models import QuerySet

from .chain import GENESIS_HASH, Break, verify
from .models import AuditChainHead, AuditEvent


def history_of(object_type: str, object_id: str | int) -> QuerySet[AuditEvent]:
    """Every event about one object, oldest first (uses the ``audit_object`` index)."""
    return AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id)).order_by(
        "chain", "seq"
    )


def head_of(chain: str) -> AuditChainHead | None:
    return AuditChainHead.objects.filter(chain=chain).first()


def verify_chain(chain: str) -> tuple[int, Break | None]:
    """Re-hash a whole chain from its first event; streams, so it works on millions of rows."""
    head = head_of(chain)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    events = (
        event.as_hashed()
        for event in AuditEvent.objects.filter(chain=chain).order_by("seq", "id").iterator(2000)
    )
    return verify(chain, events, head_seq, head_hash)


def all_chains() -> Iterator[str]:
    heads = set(AuditChainHead.objects.values_list("chain", flat=True))
    events = set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    yield from sorted(heads | events)
