"""Permissions over household decisions (Law 10/2022/QH15 Art. 16, 18; Decree 59 Art. 3–5).

Organisers: the village head and the village Front work committee head for a village matter,
commune officers and leaders for any matter of their commune (the commune chair puts
commune-wide matters, Art. 16(1)). Readers: the commune's register readers. Voters: the
representative of a household in the electorate (a confirmed link to its head or representative,
``households.act_for_household``). No role reads a result before the count — not even a
superuser: that is enforced in ``queries.result_for``, not by a permission.
"""

import rules

from dancoso.accounts.roles import REGISTER_READERS, Role
from dancoso.accounts.rules import is_superuser
from dancoso.accounts.scope import PlacePath, active_grants, holds_role

from .places import represented_household_ids

VILLAGE_ORGANISERS = frozenset({Role.VILLAGE_HEAD, Role.FRONT_HEAD})
COMMUNE_ORGANISERS = frozenset({Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER})
ORGANISERS = VILLAGE_ORGANISERS | COMMUNE_ORGANISERS
RESIDENTS = frozenset({Role.RESIDENT, Role.HOUSEHOLD_REP})
# Who records the recognition by the commune People's Committee or the Front (Law Art. 21(2)).
COMMITTEE = frozenset({Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER})
FRONT = frozenset({Role.FRONT_OFFICER})


def decision_place(obj) -> PlacePath:
    """The map position of a decision (``commune`` loaded), or of a village or commune."""
    from dancoso.places.models import Commune, Village

    if isinstance(obj, Village):
        return PlacePath(obj.commune.province_id, obj.commune_id, obj.pk)
    if isinstance(obj, Commune):
        return PlacePath(obj.province_id, obj.pk)
    return PlacePath(obj.commune.province_id, obj.commune_id, obj.village_id)


def _roles_predicate(name: str, roles) -> rules.Predicate:
    @rules.predicate(name=name)
    def check(user, obj=None) -> bool:
        if obj is None:
            return any(g.role in roles for g in active_grants(user))
        return holds_role(user, roles, decision_place(obj))

    return check


organises = _roles_predicate("organises_decision", ORGANISERS)
reads = _roles_predicate("reads_decisions", REGISTER_READERS)
lives_there = _roles_predicate("lives_in_decision_place", RESIDENTS)
for_committee = _roles_predicate("records_for_committee", COMMITTEE)
for_front = _roles_predicate("records_for_front", FRONT)


@rules.predicate
def in_electorate(user, obj=None) -> bool:
    """The user represents a household on this decision's electorate."""
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    return obj.electorate.filter(household_id__in=represented_household_ids(user)).exists()


@rules.predicate
def represents_village_household(user, obj=None) -> bool:
    """The user represents a household of the village (an initiative's, or the village)."""
    from dancoso.households.models import Household

    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    village_id = getattr(obj, "village_id", None) or obj.pk
    return Household.objects.filter(
        village_id=village_id, pk__in=represented_household_ids(user)
    ).exists()


fronts_village = _roles_predicate("heads_village_front", frozenset({Role.FRONT_HEAD}))

rules.add_perm("decisions.start_initiative", represents_village_household)
rules.add_perm("decisions.give_consent", represents_village_household)
rules.add_perm("decisions.approve_initiative", is_superuser | fronts_village)
rules.add_perm("decisions.open_decision", is_superuser | organises)
rules.add_perm("decisions.manage_decision", is_superuser | organises)
rules.add_perm("decisions.confirm_batch", is_superuser | organises)
rules.add_perm(
    "decisions.view_decision", is_superuser | organises | reads | lives_there | in_electorate
)
rules.add_perm("decisions.view_decision_list", is_superuser | organises | reads)
rules.add_perm("decisions.record_recognition", is_superuser | for_committee | for_front)
rules.add_perm("decisions.cast_ballot", in_electorate)
rules.add_perm("decisions.answer_online_poll", in_electorate)
