"""Writing to the audit log. Every service of every app calls ``record`` inside its transaction.

``record`` locks the chain head row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite takes its
write lock at BEGIN IMMEDIATE), appends the event with the next position and moves the head, so
concurrent writers in one commune queue up and never fork the chain.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import IntegrityError, transaction

from .chain import GENESIS_HASH, event_hash, normalise
from .models import AuditChainHead, AuditEvent

GLOBAL_CHAIN = "global"


def chain_for(commune_code: int | None) -> str:
    """The chain of a commune (by its official code), or the global chain."""
    return f"commune:{commune_code}" if commune_code else GLOBAL_CHAIN


@dataclass
class Entry:
    """One event to append; ``obj`` may be a model instance or ``(type, id)``."""

    action: str
    actor: Any
    obj: Any
    summary: dict = field(default_factory=dict)
    role: str = ""


def record(
    action: str,
    *,
    actor: Any,
    obj: Any,
    summary: dict | None = None,
    commune_code: int | None = None,
    role: str = "",
) -> AuditEvent:
    """Append one event to the commune's chain and return it."""
    return record_many([Entry(action, actor, obj, summary or {}, role)], commune_code)[0]


def record_many(entries: list[Entry], commune_code: int | None = None) -> list[AuditEvent]:
    """Append several events to one chain under a single lock (bulk imports): one event per
    entry, in order, at consecutive positions. Nothing is written for an empty list."""
    if not entries:
        return []
    chain = chain_for(commune_code)
    with transaction.atomic():
        head = _locked_head(chain)
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        events = []
        for entry in entries:
            event = _build(entry, chain=chain, seq=head.seq + 1, prev_hash=head.hash, when=now)
            head.seq, head.hash = event.seq, event.hash
            events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=1000)
        head.save(update_fields=["seq", "hash"])
    return events


def _build(entry: Entry, *, chain: str, seq: int, prev_hash: str, when: str) -> AuditEvent:
    object_type, object_id = _describe(entry.obj)
    fields = {
        "chain": chain,
        "seq": seq,
        "occurred_at": when,
        "actor_id": getattr(entry.actor, "pk", None),
        "actor_label": _actor_label(entry.actor),
        "actor_role": entry.role,
        "action": entry.action,
        "object_type": object_type,
        "object_id": object_id,
        "summary": normalise(entry.summary),
        "prev_hash": prev_hash,
    }
    _check_lengths(fields)
    return AuditEvent(**fields, hash=event_hash(fields))


def _check_lengths(fields: dict) -> None:
    """Refuse what PostgreSQL would refuse, on SQLite too (it does not enforce max_length)."""
    for name in ("action", "object_type", "object_id", "actor_role"):
        limit = AuditEvent._meta.get_field(name).max_length
        if len(fields[name]) > limit:
            raise ValueError(f"audit {name} longer than {limit} characters: {fields[name]!r}")


def _describe(obj: Any) -> tuple[str, str]:
    if isinstance(obj, tuple):
        return obj[0], str(obj[1])
    if obj.pk is None:
        raise ValueError("audit events are about saved objects: save it first")
    return obj._meta.label_lower, str(obj.pk)


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    if hasattr(actor, "get_username"):
        return actor.get_username()[:150]
    return str(actor)[:150]


def _locked_head(chain: str) -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(chain=chain).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(chain=chain, seq=0, hash=GENESIS_HASH)
    except IntegrityError:
        pass  # another writer created it first; lock theirs
    return AuditChainHead.objects.select_for_update().get(chain=chain)
