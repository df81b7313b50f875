"""Writes about accounts: granting and ending roles."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from dancoso.audit.services import record
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.places.models import Commune

from .models import RoleGrant
from .roles import VILLAGE_ROLES, Role
from .scope import forget_grants

GRANT_DATES_REVERSED = "Ngày kết thúc vai trò phải sau ngày bắt đầu."
GRANT_WRONG_PLACE = "Vai trò “{role}” được giao theo thôn, tổ dân phố — hãy chọn một thôn."
GRANT_ALREADY_ENDED = "Vai trò này đã kết thúc."


def _commune_code(place) -> int | None:
    """The commune whose audit chain records a grant over ``place`` (none for a province)."""
    if isinstance(place, Commune):
        return place.code
    commune = getattr(place, "commune", None)  # a village, or an agency of a commune
    return commune.code if commune is not None else None


@transaction.atomic
def grant_role(
    *, actor, user, role: str, place, starts_on: date | None = None, ends_on: date | None = None
) -> RoleGrant:
    """Giao vai trò: give ``user`` ``role`` over ``place`` (province, commune, village or
    agency) from ``starts_on`` (today by default) to ``ends_on`` (open by default). The actor
    must hold ``accounts.grant_role`` over the place."""
    if not actor.has_perm("accounts.grant_role", place):
        raise PermissionDeniedError()
    starts_on = starts_on or timezone.localdate()
    if ends_on is not None and ends_on < starts_on:
        raise DomainError("grant_dates_reversed", GRANT_DATES_REVERSED)
    field = type(place)._meta.model_name
    if role in VILLAGE_ROLES - {Role.RESIDENT} and field != "village":
        raise DomainError("grant_wrong_place", GRANT_WRONG_PLACE, role=Role(role).label)
    grant = RoleGrant.objects.create(
        user=user,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        granted_by=_user_or_none(actor),
        **{field: place},
    )
    forget_grants(user)
    record(
        "accounts.grant_role",
        actor=actor,
        obj=grant,
        commune_code=_commune_code(place),
        summary={
            "user": user.pk,
            "role": role,
            "place": f"{field}:{place.pk}",
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
    )
    return grant


@transaction.atomic
def end_grant(grant: RoleGrant, *, actor, ends_on: date | None = None) -> RoleGrant:
    """Kết thúc vai trò: the grant ends on ``ends_on`` (today by default); history is kept."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if not actor.has_perm("accounts.grant_role", grant.place):
        raise PermissionDeniedError()
    ends_on = ends_on or timezone.localdate()
    if grant.ends_on is not None and grant.ends_on <= ends_on:
        raise DomainError("grant_already_ended", GRANT_ALREADY_ENDED)
    if ends_on < grant.starts_on:
        raise DomainError("grant_dates_reversed", GRANT_DATES_REVERSED)
    grant.ends_on = ends_on
    grant.save(update_fields=["ends_on", "updated_at"])
    forget_grants(grant.user)
    record(
        "accounts.end_grant",
        actor=actor,
        obj=grant,
        commune_code=_commune_code(grant.place),
        summary={"ends_on": ends_on},
    )
    return grant


def _user_or_none(actor):
    return actor if getattr(actor, "pk", None) is not None else None
