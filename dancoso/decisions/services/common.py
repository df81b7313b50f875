"""Helpers shared by the decision services: the permission check, the audit record, the row
lock and the translation of a ``law.LawRefusal`` into a ``DomainError``. The acting role is
the household register's (``households.services.common.acting_role``): a decision sits on the
map by its commune and village exactly like a household."""

from contextlib import contextmanager

from django.db import connection

from dancoso.audit.services import record
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.households.services.common import acting_role

from ..law import LawRefusal
from ..lifecycle import check_allows
from ..models import Decision


def require(actor, permission: str, obj) -> None:
    """Refuse unless ``actor`` holds ``decisions.<permission>`` over ``obj``."""
    if not actor.has_perm(f"decisions.{permission}", obj):
        raise PermissionDeniedError()


def audit(action: str, decision: Decision, *, actor, summary: dict, obj=None) -> None:
    """One event in the decision's commune chain, in the caller's transaction. Summaries carry
    ids and counts, never a choice next to a household."""
    record(
        f"decisions.{action}",
        actor=actor,
        obj=obj or decision,
        summary={"decision": decision.pk, **summary},
        commune_code=decision.commune.code,
        role=acting_role(actor, decision),
    )


def locked(decision: Decision, action: str | None = None) -> Decision:
    """The decision row, locked for this transaction; with ``action``, refused unless the
    decision's state allows it (``lifecycle.ACTIONS``)."""
    row = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("commune", "village")
        .get(pk=decision.pk)
    )
    if action is not None:
        check_allows(row.state, action)
    return row


SHARED_SQL = "SELECT * FROM decisions_decision WHERE id = %s FOR SHARE"
PLAIN_SQL = "SELECT * FROM decisions_decision WHERE id = %s"


def shared(decision: Decision, action: str) -> Decision:
    """The decision row under a shared lock (``FOR SHARE``) for this transaction, refused
    unless its state allows ``action``. Casts take it, so any number of them run at once,
    while a state change (``locked``, ``FOR UPDATE``) waits for every cast in flight and the
    casts after it see the new state: nothing slips in between the check and the insert.
    SQLite serialises all writers anyway."""
    sql = SHARED_SQL if connection.vendor == "postgresql" else PLAIN_SQL
    rows = list(Decision.objects.raw(sql, [decision.pk]))
    if not rows:
        raise Decision.DoesNotExist
    check_allows(rows[0].state, action)
    return rows[0]


@contextmanager
def law_checks():
    """Turn a ``LawRefusal`` raised inside into a ``DomainError`` with the same code."""
    try:
        yield
    except LawRefusal as exc:
        raise DomainError(exc.code, exc.message) from exc
