"""Permissions over village conventions (Decree 61/2023).

The village head (with the Front work committee head) proposes and runs the drafting and the
vote (Art. 7–10); the commune's officers and leaders help, receive the dossier and — as UBND
xã — recognise or refuse it (Art. 11), suspend or repeal it (Art. 12, 14). Recognised
conventions are public, and stay public with the notice once suspended or repealed.
"""

import rules

from dancoso.accounts.roles import Role
from dancoso.accounts.rules import is_superuser
from dancoso.accounts.scope import PlacePath, active_grants, holds_role
from dancoso.places.models import Commune, Village

from .models import Convention

COMMUNE_ROLES = frozenset({Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER, Role.SYSTEM_ADMIN})
VILLAGE_ROLES = frozenset({Role.VILLAGE_HEAD, Role.FRONT_HEAD})


def _village(obj) -> Village | None:
    if isinstance(obj, Convention):
        return obj.village
    return obj if isinstance(obj, Village) else None


@rules.predicate
def runs_commune(user, obj=None) -> bool:
    """The user is an officer or leader of the convention's (or village's) commune."""
    if obj is None:
        return any(g.role in COMMUNE_ROLES for g in active_grants(user))
    if isinstance(obj, Commune):
        return holds_role(
            user, COMMUNE_ROLES, PlacePath(province_id=obj.province_id, commune_id=obj.pk)
        )
    village = _village(obj)
    place = PlacePath(
        province_id=village.commune.province_id,
        commune_id=village.commune_id,
        village_id=village.pk,
    )
    return holds_role(user, COMMUNE_ROLES, place)


@rules.predicate
def heads_village(user, obj=None) -> bool:
    """The user is the village head or Front work committee head of this village."""
    if obj is None:
        return any(g.role in VILLAGE_ROLES for g in active_grants(user))
    village = _village(obj)
    return village is not None and holds_role(user, VILLAGE_ROLES, PlacePath(village_id=village.pk))


PUBLIC_STATES = frozenset(
    {Convention.State.RECOGNISED, Convention.State.SUSPENDED, Convention.State.REPEALED}
)


@rules.predicate
def is_recognised(user, obj=None) -> bool:
    """A recognised convention is public (Decree 61 Art. 15), and stays public once suspended
    or repealed, with the decision's notice (Art. 12, 14)."""
    return isinstance(obj, Convention) and obj.state in PUBLIC_STATES


rules.add_perm("conventions.manage_convention", is_superuser | runs_commune | heads_village)
rules.add_perm("conventions.recognise_convention", is_superuser | runs_commune)
# Art. 12, 14: suspension and repeal are decisions of UBND xã, like the recognition.
rules.add_perm("conventions.suspend_convention", is_superuser | runs_commune)
rules.add_perm("conventions.repeal_convention", is_superuser | runs_commune)
rules.add_perm(
    "conventions.view_convention", is_superuser | runs_commune | heads_village | is_recognised
)
