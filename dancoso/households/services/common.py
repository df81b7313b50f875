"""Helpers shared by the household register services: the permission check, the acting role,
the audit record and the household row lock."""

from dancoso.accounts.scope import active_grants, covers
from dancoso.audit.services import record
from dancoso.core.errors import PermissionDeniedError

from ..models import Household
from ..rules import household_place


def require(actor, permission: str, obj) -> None:
    """Refuse with ``PermissionDeniedError`` unless ``actor`` holds ``households.<permission>``
    over ``obj`` (the one permission function, ``rules.py``)."""
    if not actor.has_perm(f"households.{permission}", obj):
        raise PermissionDeniedError()


def acting_role(actor, obj) -> str:
    """The role in which ``actor`` acts on ``obj`` (the first active grant covering it)."""
    if getattr(actor, "is_superuser", False):
        return "superuser"
    if getattr(actor, "pk", None) is None:
        return "system"
    place = household_place(obj)
    return next((g.role for g in active_grants(actor) if covers(g, place)), "")


def audit(action: str, household: Household, *, actor, summary: dict, obj=None) -> None:
    """One event in the household's commune chain, in the caller's transaction."""
    record(
        f"households.{action}",
        actor=actor,
        obj=obj or household,
        summary=summary,
        commune_code=household.commune.code,
        role=acting_role(actor, household),
    )


def locked(household: Household) -> Household:
    """The household row, locked for this transaction (member and move services)."""
    return (
        Household.objects.select_for_update(of=("self",))
        .select_related("commune", "village")
        .get(pk=household.pk)
    )


def sentence(message: str) -> str:
    """A law.py message (written to follow "Dòng 12: ") as a sentence for a form field."""
    return message[:1].upper() + message[1:] + "."
