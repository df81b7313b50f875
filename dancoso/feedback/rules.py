"""Permissions over citizens' cases and one-stop desks.

Commune officers and leaders handle their commune's inbox; an agency's staff and head handle
the agency's inbox (cases transferred to it). Extensions of a denunciation are the leader's
decision. Anyone, signed in or not, may send a case. Who may read a denunciation's sender is
``reads_sender_identity``: the officer assigned to it and the leader of its commune or agency —
not an administrator, not another officer (Law 25/2018/QH14 Art. 9(1)(b)).
"""

import rules

from dancoso.accounts.roles import Role
from dancoso.accounts.rules import is_province_officer, is_superuser, place_of
from dancoso.accounts.scope import PlacePath, active_grants, holds_role

from .models import Case, Desk, ReceptionSession, Survey
from .routing_law import MOVING

HANDLERS = frozenset(
    {Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER, Role.AGENCY_STAFF, Role.AGENCY_HEAD}
)
LEADERS = frozenset({Role.COMMUNE_LEADER, Role.AGENCY_HEAD})


def case_place(obj) -> PlacePath:
    """Where a case or desk sits: its commune, and the agency whose inbox it is in."""
    if isinstance(obj, Case):
        return PlacePath(
            province_id=obj.commune.province_id, commune_id=obj.commune_id, agency_id=obj.agency_id
        )
    if isinstance(obj, Desk | ReceptionSession):
        return PlacePath(province_id=obj.commune.province_id, commune_id=obj.commune_id)
    if isinstance(obj, Survey):
        return PlacePath(province_id=obj.province_id, commune_id=obj.commune_id)
    return place_of(obj)


def _covers_case(user, roles, obj) -> bool:
    place = case_place(obj)
    if isinstance(obj, Case) and obj.route_reason in MOVING and obj.agency_id:
        # Sent up by law (a second complaint, a follow-up or forwarded denunciation): the
        # upper body handles it, not the commune whose decision is contested.
        return holds_role(
            user, roles, PlacePath(province_id=place.province_id, agency_id=place.agency_id)
        )
    if isinstance(obj, Case) and obj.agency_id:
        # An agency's inbox: its staff, and the commune that sent it on.
        return holds_role(user, roles, place) or holds_role(
            user, roles, PlacePath(province_id=place.province_id, commune_id=place.commune_id)
        )
    return holds_role(user, roles, place)


@rules.predicate
def handles_cases(user, obj=None) -> bool:
    """The user handles citizens' cases of the object's commune or agency (anywhere, with no
    object)."""
    if obj is None:
        return any(g.role in HANDLERS for g in active_grants(user))
    return _covers_case(user, HANDLERS, obj)


@rules.predicate
def leads_cases(user, obj=None) -> bool:
    """The user leads the commune or agency the case belongs to (Chủ tịch UBND xã, thủ
    trưởng cơ quan)."""
    if obj is None:
        return any(g.role in LEADERS for g in active_grants(user))
    return _covers_case(user, LEADERS, obj)


@rules.predicate
def is_assigned(user, obj=None) -> bool:
    """The user is the officer the case is assigned to."""
    return isinstance(obj, Case) and user.is_authenticated and obj.assigned_to_id == user.pk


@rules.predicate
def is_denunciation(user, obj=None) -> bool:
    return isinstance(obj, Case) and obj.is_denunciation


SURVEY_BUILDERS = frozenset({Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER, Role.PROVINCE_OFFICER})
RESPONDENTS = frozenset({Role.RESIDENT, Role.HOUSEHOLD_REP})


def _place_role_predicate(name: str, roles) -> rules.Predicate:
    @rules.predicate(name=name)
    def check(user, obj=None) -> bool:
        if obj is None:
            return any(g.role in roles for g in active_grants(user))
        place = case_place(obj)
        # A grant over a village counts for its commune's (and province's) surveys.
        return any(g.role in roles and _within(g, place) for g in active_grants(user))

    return check


def _within(grant, place: PlacePath) -> bool:
    """Does the grant sit inside ``place`` (a province, or a commune of it)?"""
    from dancoso.places.models import Commune, Village

    if grant.province_id is not None:
        return grant.province_id == place.province_id
    if grant.commune_id is not None:
        if place.commune_id is not None:
            return grant.commune_id == place.commune_id
        return Commune.objects.filter(pk=grant.commune_id, province_id=place.province_id).exists()
    if grant.village_id is not None:
        villages = Village.objects.filter(pk=grant.village_id)
        if place.commune_id is not None:
            return villages.filter(commune_id=place.commune_id).exists()
        return villages.filter(commune__province_id=place.province_id).exists()
    return False


builds_surveys = _place_role_predicate("builds_surveys", SURVEY_BUILDERS)
answers_surveys = _place_role_predicate("answers_surveys", RESPONDENTS)

HANDLE = is_superuser | handles_cases
rules.add_perm("feedback.submit_case", rules.always_allow)
rules.add_perm("feedback.view_inbox", HANDLE)
rules.add_perm("feedback.view_case", HANDLE)
rules.add_perm("feedback.take_case", HANDLE)
rules.add_perm("feedback.classify_case", HANDLE)
rules.add_perm("feedback.assign_case", HANDLE)
rules.add_perm("feedback.transfer_case", HANDLE)
rules.add_perm("feedback.merge_case", HANDLE)
rules.add_perm("feedback.request_information", HANDLE)
rules.add_perm("feedback.answer_case", HANDLE)
rules.add_perm("feedback.close_case", HANDLE)
rules.add_perm("feedback.extend_case", is_superuser | leads_cases)
rules.add_perm("feedback.export_cases", HANDLE)
rules.add_perm("feedback.manage_desks", HANDLE)
rules.add_perm("feedback.manage_sessions", HANDLE)
rules.add_perm("feedback.manage_surveys", is_superuser | builds_surveys)
rules.add_perm("feedback.answer_survey", answers_surveys)
rules.add_perm("feedback.set_upper_body", is_superuser | is_province_officer)
# A denunciation's sender: the assigned officer and the leader only; other kinds: handlers.
rules.add_perm(
    "feedback.read_sender_identity",
    (is_denunciation & handles_cases & (is_assigned | leads_cases)) | (~is_denunciation & HANDLE),
)
