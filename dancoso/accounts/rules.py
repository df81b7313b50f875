"""Permissions over places, accounts and grants (DESIGN.md convention 4).

Predicates are small ``(user, obj)`` questions. With no object, a predicate answers "anywhere"
(does the user hold the role over some place?) — that is what navigation asks.
"""

import rules

from .roles import REGISTER_MANAGERS, REGISTER_READERS, Role
from .scope import PlacePath, active_grants, holds_role


def place_of(obj) -> PlacePath:
    """The map position of a province, commune, village or agency."""
    from dancoso.places.models import Agency, Commune, Province, Village

    if isinstance(obj, Province):
        return PlacePath(province_id=obj.pk)
    if isinstance(obj, Commune):
        return PlacePath(province_id=obj.province_id, commune_id=obj.pk)
    if isinstance(obj, Village):
        return PlacePath(
            province_id=obj.commune.province_id, commune_id=obj.commune_id, village_id=obj.pk
        )
    if isinstance(obj, Agency):
        return PlacePath(province_id=obj.province_id, commune_id=obj.commune_id, agency_id=obj.pk)
    raise TypeError(f"no place for {type(obj).__name__}")


def role_predicate(name: str, roles) -> rules.Predicate:
    """A predicate true when the user holds one of ``roles`` over the object's place (or,
    with no object, anywhere)."""

    @rules.predicate(name=name)
    def check(user, obj=None) -> bool:
        if obj is None:
            return any(g.role in roles for g in active_grants(user))
        return holds_role(user, roles, place_of(obj))

    return check


is_superuser = rules.is_superuser
manages_registers = role_predicate("manages_registers", REGISTER_MANAGERS)
reads_registers = role_predicate("reads_registers", REGISTER_READERS)
is_province_officer = role_predicate("is_province_officer", {Role.PROVINCE_OFFICER})

rules.add_perm("places.view_commune_workspace", is_superuser | reads_registers)
rules.add_perm("places.add_village", is_superuser | manages_registers)
rules.add_perm("places.change_village", is_superuser | manages_registers)
rules.add_perm("places.add_agency", is_superuser | manages_registers | is_province_officer)
rules.add_perm("accounts.grant_role", is_superuser | manages_registers)
