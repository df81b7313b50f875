"""The one indexed helper every permission asks: "does this user hold role R over place P today?"

A user's active grants are read once per request (one indexed query) and kept on the user
object, so a page that checks a hundred rows costs one query, not a hundred.
"""

from dataclasses import dataclass

from django.utils import timezone

from .models import RoleGrant
from .roles import OFFICIAL_ROLES


@dataclass(frozen=True)
class PlacePath:
    """Where an object sits on the map: its province, commune, village and agency ids."""

    province_id: int | None = None
    commune_id: int | None = None
    village_id: int | None = None
    agency_id: int | None = None


@dataclass(frozen=True)
class GrantView:
    role: str
    province_id: int | None
    commune_id: int | None
    village_id: int | None
    agency_id: int | None


def active_grants(user) -> tuple[GrantView, ...]:
    """The user's grants in force today, cached on the user object for this request."""
    if not getattr(user, "is_authenticated", False):
        return ()
    cached = getattr(user, "_dancoso_grants", None)
    today = timezone.localdate()
    if cached is not None and cached[0] == today:
        return cached[1]
    rows = (
        RoleGrant.objects.active_on(today)
        .filter(user_id=user.pk)
        .values_list("role", "province_id", "commune_id", "village_id", "agency_id")
    )
    grants = tuple(GrantView(*row) for row in rows)
    user._dancoso_grants = (today, grants)
    return grants


def forget_grants(user) -> None:
    """Drop the cached grants (after a grant changes within the same request)."""
    if hasattr(user, "_dancoso_grants"):
        del user._dancoso_grants


def covers(grant: GrantView, place: PlacePath) -> bool:
    """Does a grant's place contain ``place``? Province ⊃ commune ⊃ village; agencies alone."""
    if grant.province_id is not None:
        return grant.province_id == place.province_id
    if grant.commune_id is not None:
        return grant.commune_id == place.commune_id
    if grant.village_id is not None:
        return grant.village_id == place.village_id
    return grant.agency_id is not None and grant.agency_id == place.agency_id


def holds_role(user, roles, place: PlacePath) -> bool:
    """True when the user holds one of ``roles`` over ``place`` today."""
    return any(g.role in roles and covers(g, place) for g in active_grants(user))


def commune_ids_with(user, roles) -> set[int]:
    """Ids of communes where the user holds one of ``roles`` directly on the commune."""
    return {g.commune_id for g in active_grants(user) if g.role in roles and g.commune_id}


def province_ids_with(user, roles) -> set[int]:
    return {g.province_id for g in active_grants(user) if g.role in roles and g.province_id}


def village_ids_with(user, roles) -> set[int]:
    return {g.village_id for g in active_grants(user) if g.role in roles and g.village_id}


def is_official(user) -> bool:
    """Officials must sign in with a second factor."""
    if getattr(user, "is_superuser", False) or getattr(user, "is_staff", False):
        return True
    return any(g.role in OFFICIAL_ROLES for g in active_grants(user))
