"""Helpers shared by the oversight services: permission check, refusal, audit record."""

from django.core.exceptions import ValidationError

from dancoso.accounts.scope import active_grants, covers
from dancoso.audit.services import record
from dancoso.core.errors import DomainError, PermissionDeniedError

from ..rules import board_commune_place


def require(actor, permission: str, obj) -> None:
    """Refuse unless ``actor`` holds ``oversight.<permission>`` over ``obj``."""
    if not actor.has_perm(f"oversight.{permission}", obj):
        raise PermissionDeniedError()


def refuse(code: str, message: str | None) -> None:
    """Raise a ``DomainError`` when the law check returned a message."""
    if message:
        raise DomainError(code, message)


def clean(obj) -> None:
    """``full_clean()``, turned into a Vietnamese ``DomainError``."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise DomainError("invalid", " ".join(error.messages)) from error


def audit(action: str, obj, *, actor, commune, summary: dict) -> None:
    """One event in the commune's chain, in the caller's transaction (ids and fields only)."""
    place = board_commune_place(commune)
    role = (
        "system"
        if getattr(actor, "pk", None) is None
        else next((g.role for g in active_grants(actor) if covers(g, place)), "")
    )
    if getattr(actor, "is_superuser", False):
        role = "superuser"
    record(
        f"oversight.{action}",
        actor=actor,
        obj=obj,
        summary=summary,
        commune_code=commune.code,
        role=role,
    )
