"""Helpers shared by the decision services: the permission check, the audit record, the row
lock and the translation of a ``law.LawRefusal`` into a ``DomainError``."""

from contextlib import contextmanager

from dancoso.accounts.scope import active_grants, covers
from dancoso.audit.services import record
from dancoso.core.errors import DomainError, PermissionDeniedError

from ..law import LawRefusal
from ..lifecycle import check_allows
from ..models import Decision
from ..rules import decision_place


def require(actor, permission: str, obj) -> None:
    """Refuse unless ``actor`` holds ``decisions.<permission>`` over ``obj``."""
    if not actor.has_perm(f"decisions.{permission}", obj):
        raise PermissionDeniedError()


def acting_role(actor, obj) -> str:
    """The role in which ``actor`` acts (the first active grant covering the decision)."""
    if getattr(actor, "is_superuser", False):
        return "superuser"
    if getattr(actor, "pk", None) is None:
        return "system"
    place = decision_place(obj)
    return next((g.role for g in active_grants(actor) if covers(g, place)), "")


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


@contextmanager
def law_checks():
    """Turn a ``LawRefusal`` raised inside into a ``DomainError`` with the same code."""
    try:
        yield
    except LawRefusal as exc:
        raise DomainError(exc.code, exc.message) from exc
