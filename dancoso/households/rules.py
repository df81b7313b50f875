"""Permissions over the household register.

Commune officers and leaders manage their commune's register; province, Front and council
readers read it (masked); a village head reads and confirms links in their village; a resident
sees only their own household, and acts for it only through a confirmed link to its head or
representative.
"""

import rules
from django.db.models import Q

from dancoso.accounts.roles import REGISTER_MANAGERS, REGISTER_READERS, Role
from dancoso.accounts.rules import is_superuser, place_of
from dancoso.accounts.scope import PlacePath, active_grants, holds_role
from dancoso.places.models import Commune, Province, Village

from .models import Household, ImportJob, Member, MemberLink


def household_place(obj) -> PlacePath:
    """The map position of a household, member, link or import (needs ``commune`` loaded or
    costs one query); a province, commune or village stands for itself."""
    if isinstance(obj, Province | Commune | Village):
        return place_of(obj)
    if isinstance(obj, MemberLink):
        obj = obj.member
    if isinstance(obj, Member):
        obj = obj.household
    if isinstance(obj, ImportJob):
        return PlacePath(province_id=obj.commune.province_id, commune_id=obj.commune_id)
    return PlacePath(
        province_id=obj.commune.province_id, commune_id=obj.commune_id, village_id=obj.village_id
    )


def _roles_predicate(name, roles):
    @rules.predicate(name=name)
    def check(user, obj=None) -> bool:
        if obj is None:
            return any(g.role in roles for g in active_grants(user))
        return holds_role(user, roles, household_place(obj))

    return check


manages = _roles_predicate("manages_household_register", REGISTER_MANAGERS)
reads = _roles_predicate("reads_household_register", REGISTER_READERS)
heads_village = _roles_predicate("heads_household_village", {Role.VILLAGE_HEAD})


@rules.predicate
def belongs_to_household(user, obj=None) -> bool:
    """The user has a confirmed link to a member of this household."""
    if obj is None or not user.is_authenticated:
        return False
    if not isinstance(obj, Household | Member):
        return False
    household_id = obj.pk if isinstance(obj, Household) else obj.household_id
    return MemberLink.objects.filter(
        user_id=user.pk, status=MemberLink.Status.CONFIRMED, member__household_id=household_id
    ).exists()


@rules.predicate
def represents_household(user, obj=None) -> bool:
    """The user's confirmed link is to the head or a representative of this household."""
    if not isinstance(obj, Household) or not user.is_authenticated:
        return False
    return (
        MemberLink.objects.filter(
            user_id=user.pk,
            status=MemberLink.Status.CONFIRMED,
            member__household_id=obj.pk,
        )
        .filter(Q(member__is_head=True) | Q(member__is_representative=True))
        .exists()
    )


rules.add_perm(
    "households.view_household", is_superuser | reads | heads_village | belongs_to_household
)
rules.add_perm("households.view_household_list", is_superuser | reads | heads_village)
# Exporting reaches exactly what the list shows: a village head only their own village.
rules.add_perm("households.export_register", is_superuser | reads | heads_village)
rules.add_perm("households.add_household", is_superuser | manages)
rules.add_perm("households.change_household", is_superuser | manages)
rules.add_perm("households.move_household", is_superuser | manages)
rules.add_perm("households.import_households", is_superuser | manages)
rules.add_perm("households.view_importjob", is_superuser | manages)
rules.add_perm("households.confirm_member_link", is_superuser | manages | heads_village)
rules.add_perm("households.act_for_household", represents_household)
rules.add_perm("households.view_audit_history", is_superuser | reads)
# Any signed-in person may ask to be linked to a member; a confirmer decides.
rules.add_perm("households.request_member_link", rules.is_authenticated)
