"""Helpers shared by the resolution services: permission check, refusal, clean, audit."""

from django.core.exceptions import ValidationError

from dancoso.accounts.rules import place_of
from dancoso.accounts.scope import active_grants, covers
from dancoso.audit.services import record
from dancoso.core.errors import DomainError, PermissionDeniedError

from ..rules import scope_of


def require(actor, permission: str, obj) -> None:
    """Refuse unless ``actor`` holds ``resolutions.<permission>`` over ``obj``."""
    if not actor.has_perm(f"resolutions.{permission}", obj):
        raise PermissionDeniedError()


def refuse(code: str, message: str | None) -> None:
    """Raise a ``DomainError`` when a law check returned a message."""
    if message:
        raise DomainError(code, message)


def clean(obj, exclude=None) -> None:
    """``full_clean()``, turned into a Vietnamese ``DomainError``."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise DomainError("invalid", " ".join(error.messages)) from error


def _role(actor, obj) -> str:
    if getattr(actor, "is_superuser", False):
        return "superuser"
    if getattr(actor, "pk", None) is None:
        return "system"
    place = place_of(scope_of(obj))
    return next((g.role for g in active_grants(actor) if covers(g, place)), "")


def audit(action: str, obj, *, actor, resolution, summary: dict) -> None:
    """One event, in the caller's transaction, on the chain of the resolution's commune (the
    global chain for a provincial resolution). Summaries carry ids, codes and field names."""
    record(
        f"resolutions.{action}",
        actor=actor,
        obj=obj,
        summary=summary,
        commune_code=resolution.audit_commune_code,
        role=_role(actor, resolution),
    )
