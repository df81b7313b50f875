"""Permissions over the inspection and supervision boards (Law 10/2022 Art. 36–45, 60–63).

The commune Fatherland Front forms the boards and recognises their members (Art. 40(2), 45(1));
commune officers and leaders register projects and keep the register with it. A board's members
(and the Front, which directs them, Art. 39, 44) adopt its plans and send its recommendations.
The commune People's Committee (its officers and leaders) answers recommendations addressed to
it (Art. 40(1)(c)). Everything but the workspace is public: the boards' members, plans and
recommendations with their answers are shown on the commune portal.
"""

import rules

from dancoso.accounts.roles import Role
from dancoso.accounts.rules import is_superuser
from dancoso.accounts.scope import PlacePath, active_grants, holds_role
from dancoso.places.models import Commune, Province

from .models import Board, Plan, Recommendation

STEWARDS = frozenset(
    {Role.FRONT_OFFICER, Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER, Role.SYSTEM_ADMIN}
)
BOARD_WORKERS = frozenset(
    {Role.INSPECTION_BOARD, Role.SUPERVISION_BOARD, Role.FRONT_OFFICER, Role.SYSTEM_ADMIN}
)
FRONT = frozenset({Role.FRONT_OFFICER, Role.SYSTEM_ADMIN})
ANSWERERS = frozenset({Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER, Role.SYSTEM_ADMIN})
WORKSPACE = STEWARDS | BOARD_WORKERS
OVERDUE_READERS = STEWARDS | {Role.PROVINCE_OFFICER}


def board_commune_place(obj) -> PlacePath:
    """The commune a board, plan, recommendation or commune belongs to."""
    if isinstance(obj, Plan):
        obj = obj.board
    if isinstance(obj, Recommendation):
        return PlacePath(province_id=obj.commune.province_id, commune_id=obj.commune_id)
    if isinstance(obj, Board):
        obj = obj.commune
    if isinstance(obj, Commune):
        return PlacePath(province_id=obj.province_id, commune_id=obj.pk)
    if isinstance(obj, Province):
        return PlacePath(province_id=obj.pk)
    raise TypeError(f"no oversight place for {type(obj).__name__}")


def _holds(user, roles, obj) -> bool:
    if obj is None:
        return any(g.role in roles for g in active_grants(user))
    return holds_role(user, roles, board_commune_place(obj))


@rules.predicate
def stewards(user, obj=None) -> bool:
    """The user forms boards and keeps projects of this commune (Front, commune officers)."""
    return _holds(user, STEWARDS, obj)


@rules.predicate
def works_on_board(user, obj=None) -> bool:
    """The user sits on a board of this commune or is its Front officer."""
    return _holds(user, BOARD_WORKERS, obj)


@rules.predicate
def front_of_commune(user, obj=None) -> bool:
    """The user speaks for the commune Front committee, which recognises a board's composition
    (Art. 40(2)(b), 45(1)(a))."""
    return _holds(user, FRONT, obj)


@rules.predicate
def answers_for_commune(user, obj=None) -> bool:
    """The user answers, for the commune People's Committee, a recommendation addressed to it."""
    if (
        isinstance(obj, Recommendation)
        and obj.addressee != Recommendation.Addressee.COMMUNE_COMMITTEE
    ):
        return False
    return _holds(user, ANSWERERS, obj)


@rules.predicate
def reads_overdue(user, obj=None) -> bool:
    """The user follows unanswered recommendations: the commune's stewards for their commune,
    province officers for every commune of their province (the dashboards)."""
    return _holds(user, OVERDUE_READERS, obj)


@rules.predicate
def uses_workspace(user, obj=None) -> bool:
    """The user sees the oversight workspace of this commune."""
    return _holds(user, WORKSPACE, obj)


rules.add_perm("oversight.view_workspace", is_superuser | uses_workspace)
rules.add_perm("oversight.manage_board", is_superuser | stewards)
rules.add_perm("oversight.manage_project", is_superuser | stewards)
rules.add_perm("oversight.manage_plan", is_superuser | works_on_board)
rules.add_perm("oversight.send_recommendation", is_superuser | works_on_board)
rules.add_perm("oversight.answer_recommendation", is_superuser | answers_for_commune)
rules.add_perm("oversight.judge_answer", is_superuser | works_on_board)
rules.add_perm("oversight.recognise_board", is_superuser | front_of_commune)
rules.add_perm("oversight.record_supervision", is_superuser | works_on_board)
# Anyone may tell a board something (Art. 34, 38); the board answers it.
rules.add_perm("oversight.send_tip", rules.always_allow)
rules.add_perm("oversight.view_overdue", is_superuser | reads_overdue)
rules.add_perm("oversight.answer_tip", is_superuser | works_on_board)
