"""Helpers shared by the consultation services: the permission check, the state check, the
audit record and the row lock."""

from django.db import transaction

from dancoso.accounts.scope import active_grants, covers
from dancoso.audit.services import record
from dancoso.core.errors import DomainError, PermissionDeniedError

from ..lifecycle import allows, refusal
from ..models import Consultation
from ..rules import consultation_place


def require(actor, permission: str, obj) -> None:
    """Refuse unless ``actor`` holds ``consultation.<permission>`` over ``obj``."""
    if not actor.has_perm(f"consultation.{permission}", obj):
        raise PermissionDeniedError()


def require_state(consultation: Consultation, action: str) -> None:
    """Refuse an action the consultation's state does not allow (``lifecycle.ALLOWS``)."""
    if not allows(consultation.state, action):
        raise DomainError("wrong_state", refusal(consultation.state, action))


def acting_role(actor, consultation) -> str:
    if getattr(actor, "is_superuser", False):
        return "superuser"
    if getattr(actor, "pk", None) is None:
        return "system"
    place = consultation_place(consultation)
    return next((g.role for g in active_grants(actor) if covers(g, place)), "")


def audit(
    action: str, consultation: Consultation, *, actor, summary: dict, obj=None, role=None
) -> None:
    """One event in the consultation's commune chain (the global chain for a province-level
    agency), in the caller's transaction; ``role`` when the caller read it before taking its
    locks."""
    record(
        f"consultation.{action}",
        actor=actor,
        obj=obj or consultation,
        summary=summary,
        commune_code=consultation.audit_code,
        role=acting_role(actor, consultation) if role is None else role,
    )


def locked(consultation: Consultation) -> Consultation:
    """The consultation row, locked for this transaction (numbering, transitions)."""
    assert transaction.get_connection().in_atomic_block
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("commune", "agency", "province")
        .get(pk=consultation.pk)
    )
