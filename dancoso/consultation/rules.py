"""Permissions over consultations (Law 10/2022 Art. 25–28 for communes, Art. 53–55 for
agencies).

A commune's officers and leaders organise its consultations (UBND xã, Art. 28(1)); an agency's
head organises the staff consultations of that agency (Art. 55). Who may give an opinion is the
consultation's audience: residents of the place (residents, household representatives, village
heads and Front heads of its villages), household representatives (a confirmed link to a
household's head or representative), the agency's staff, or anyone signed in. Agency
consultations are internal: only that agency's staff and head read them. With no object, a
predicate answers "anywhere" (the navigation asks that).
"""

import rules
from django.db.models import Q

from dancoso.accounts.roles import Role
from dancoso.accounts.rules import is_superuser
from dancoso.accounts.scope import PlacePath, active_grants, holds_role, village_ids_with
from dancoso.households.models import MemberLink
from dancoso.places.models import Agency, Commune, Village

from .lifecycle import PUBLIC_STATES, State
from .models import Consultation, Opinion

COMMUNE_ORGANISERS = frozenset({Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER, Role.SYSTEM_ADMIN})
AGENCY_ORGANISERS = frozenset({Role.AGENCY_HEAD, Role.SYSTEM_ADMIN})
ORGANISERS = COMMUNE_ORGANISERS | AGENCY_ORGANISERS
STAFF = frozenset({Role.AGENCY_STAFF, Role.AGENCY_HEAD})
RESIDENT_VOICES = frozenset({Role.RESIDENT, Role.HOUSEHOLD_REP, Role.VILLAGE_HEAD, Role.FRONT_HEAD})


def consultation_place(obj) -> PlacePath:
    """Where a consultation (or opinion, commune, agency) sits: an agency's consultation is
    covered only by grants over that agency, a commune's by grants over the commune."""
    if isinstance(obj, Opinion):
        obj = obj.consultation
    if isinstance(obj, Agency):
        return PlacePath(agency_id=obj.pk)
    if isinstance(obj, Commune):
        return PlacePath(province_id=obj.province_id, commune_id=obj.pk)
    if isinstance(obj, Consultation):
        if obj.agency_id:
            return PlacePath(agency_id=obj.agency_id)
        return PlacePath(province_id=obj.province_id, commune_id=obj.commune_id)
    raise TypeError(f"no consultation place for {type(obj).__name__}")


def _consultation(obj):
    return obj.consultation if isinstance(obj, Opinion) else obj


@rules.predicate
def organises(user, obj=None) -> bool:
    """The user organises consultations of this commune or agency."""
    if obj is None:
        return any(g.role in ORGANISERS for g in active_grants(user))
    place = consultation_place(obj)
    roles = AGENCY_ORGANISERS if place.agency_id else COMMUNE_ORGANISERS
    return holds_role(user, roles, place)


@rules.predicate
def is_staff_of_agency(user, obj=None) -> bool:
    """The user works in the agency of this staff consultation."""
    obj = _consultation(obj)
    if not isinstance(obj, Consultation) or not obj.agency_id:
        return False
    return holds_role(user, STAFF, PlacePath(agency_id=obj.agency_id))


@rules.predicate
def is_public(user, obj=None) -> bool:
    """A commune consultation once published (open or later) is readable by everyone."""
    obj = _consultation(obj)
    return isinstance(obj, Consultation) and not obj.agency_id and obj.state in PUBLIC_STATES


@rules.predicate
def is_past_draft(user, obj=None) -> bool:
    """The consultation has been published (any state after the draft)."""
    obj = _consultation(obj)
    return isinstance(obj, Consultation) and obj.state != State.DRAFT


def _target_villages(consultation: Consultation) -> Q:
    ids = [v.pk for v in consultation.villages.all()]
    return Q(pk__in=ids) if ids else Q(commune_id=consultation.commune_id)


def _lives_in(user, consultation: Consultation) -> bool:
    if holds_role(user, RESIDENT_VOICES, consultation_place(consultation)):
        return not consultation.villages.exists()
    mine = village_ids_with(user, RESIDENT_VOICES)
    if not mine:
        return False
    return Village.objects.filter(_target_villages(consultation), pk__in=mine).exists()


def _represents_household(user, consultation: Consultation) -> bool:
    if not user.is_authenticated:
        return False
    households = Q(member__household__commune_id=consultation.commune_id)
    ids = [v.pk for v in consultation.villages.all()]
    if ids:
        households &= Q(member__household__village_id__in=ids)
    return (
        MemberLink.objects.filter(user_id=user.pk, status=MemberLink.Status.CONFIRMED)
        .filter(households)
        .filter(Q(member__is_head=True) | Q(member__is_representative=True))
        .exists()
    )


@rules.predicate
def in_audience(user, obj=None) -> bool:
    """The user belongs to the consultation's audience (see the module docstring)."""
    obj = _consultation(obj)
    if not isinstance(obj, Consultation) or not user.is_authenticated:
        return False
    audience = obj.audience
    if audience == Consultation.Audience.STAFF:
        return is_staff_of_agency(user, obj)
    if audience == Consultation.Audience.EVERYONE:
        return not obj.agency_id or is_staff_of_agency(user, obj)
    if obj.agency_id:
        return False
    if audience == Consultation.Audience.HOUSEHOLDS:
        return _represents_household(user, obj)
    return _lives_in(user, obj)


can_read = is_superuser | organises | is_public | (is_past_draft & is_staff_of_agency)

rules.add_perm("consultation.view_consultation", can_read)
rules.add_perm("consultation.view_consultation_list", is_superuser | organises)
rules.add_perm("consultation.add_consultation", is_superuser | organises)
rules.add_perm("consultation.change_consultation", is_superuser | organises)
rules.add_perm("consultation.enter_offline_opinion", is_superuser | organises)
rules.add_perm("consultation.moderate_opinion", is_superuser | organises)
rules.add_perm("consultation.answer_opinion", is_superuser | organises)
rules.add_perm("consultation.publish_synthesis", is_superuser | organises)
rules.add_perm("consultation.export_synthesis", is_superuser | organises)
rules.add_perm("consultation.post_opinion", in_audience)
rules.add_perm("consultation.support_opinion", in_audience)
rules.add_perm("consultation.follow_consultation", rules.is_authenticated & can_read)
