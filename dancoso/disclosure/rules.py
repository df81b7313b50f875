"""Permissions over disclosures (Law 10/2022/QH15 Art. 11–14, 46–48).

Commune officers and leaders publish, correct and withdraw the disclosures of their commune and
its villages (UBND xã discloses, Art. 14); the head of an agency those of the agency (Art. 46);
a village head records the offline forms done in their village. Agency-internal disclosures are
read only by that agency's staff and head. Public disclosures need no permission to read.
"""

import rules

from dancoso.accounts.roles import REGISTER_MANAGERS, REGISTER_READERS, Role
from dancoso.accounts.rules import is_superuser, place_of
from dancoso.accounts.scope import PlacePath, active_grants, holds_role
from dancoso.places.models import Agency, Commune, Village

from .models import Disclosure

AGENCY_MEMBERS = frozenset({Role.AGENCY_HEAD, Role.AGENCY_STAFF})


def disclosure_place(obj) -> PlacePath:
    """Where a disclosure sits: an agency disclosure belongs to the agency alone (no commune
    or province role covers it); others to their commune and village. Places stand for
    themselves."""
    if isinstance(obj, Commune | Village):
        return place_of(obj)
    if isinstance(obj, Agency):
        return PlacePath(agency_id=obj.pk)
    if obj.agency_id is not None:
        return PlacePath(agency_id=obj.agency_id)
    return PlacePath(
        province_id=obj.province_id, commune_id=obj.commune_id, village_id=obj.village_id
    )


def _is_agency_thing(obj) -> bool:
    return isinstance(obj, Agency) or (isinstance(obj, Disclosure) and obj.agency_id is not None)


def _predicate(name: str, roles, *, agency: bool):
    @rules.predicate(name=name)
    def check(user, obj=None) -> bool:
        if obj is None:
            return any(g.role in roles for g in active_grants(user))
        if _is_agency_thing(obj) is not agency:
            return False
        return holds_role(user, roles, disclosure_place(obj))

    return check


manages_commune = _predicate("manages_commune_disclosures", REGISTER_MANAGERS, agency=False)
reads_commune = _predicate("reads_commune_disclosures", REGISTER_READERS, agency=False)
heads_village = _predicate("heads_disclosure_village", {Role.VILLAGE_HEAD}, agency=False)
heads_agency = _predicate("heads_disclosing_agency", {Role.AGENCY_HEAD}, agency=True)
works_in_agency = _predicate("works_in_disclosing_agency", AGENCY_MEMBERS, agency=True)

publishes = is_superuser | manages_commune | heads_agency

rules.add_perm("disclosure.publish_disclosure", publishes)
rules.add_perm("disclosure.correct_disclosure", publishes)
rules.add_perm("disclosure.withdraw_disclosure", publishes)
rules.add_perm("disclosure.record_form", publishes | heads_village)
rules.add_perm("disclosure.view_internal_disclosure", is_superuser | works_in_agency)
rules.add_perm("disclosure.view_obligations", is_superuser | reads_commune | heads_agency)
rules.add_perm("disclosure.follow_disclosures", rules.is_authenticated)
# The workspace entry: publishers and agency staff (one navigation item, one permission).
rules.add_perm("disclosure.use_workspace", publishes | works_in_agency)
