"""Permissions over resolutions, their figures, plans and dashboards (Law 10/2022 Art. 85–86).

The People's Committee implements a resolution and reports on it (Art. 85(2), 86(1)): at a
commune its officers and leaders enter the resolution, adopt the plan and report; at a province,
the province officers do the same for a provincial resolution. The council's delegates and the
Fatherland Front supervise (Art. 86(1), 87): they read the dashboard, never write. A village head
reports the figures and updates the tasks of their village; an agency head or staff member those
of their agency. With no object a predicate answers "anywhere" (navigation).
"""

import rules

from dancoso.accounts.roles import Role
from dancoso.accounts.rules import is_superuser, place_of
from dancoso.accounts.scope import PlacePath, active_grants, holds_role

from .models import ManualFigure, Plan, Resolution, Target, Task

COMMUNE_MANAGERS = frozenset({Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER, Role.SYSTEM_ADMIN})
PROVINCE_MANAGERS = frozenset({Role.PROVINCE_OFFICER})
SUPERVISORS = frozenset({Role.COUNCIL_DELEGATE, Role.FRONT_OFFICER})
VILLAGE_REPORTERS = frozenset({Role.VILLAGE_HEAD})
AGENCY_REPORTERS = frozenset({Role.AGENCY_HEAD, Role.AGENCY_STAFF})
MANAGERS = COMMUNE_MANAGERS | PROVINCE_MANAGERS
READERS = MANAGERS | SUPERVISORS


def scope_of(obj):
    """The province or commune a resolution-owned object belongs to (or the place itself)."""
    if isinstance(obj, ManualFigure):
        obj = obj.target
    if isinstance(obj, Target):
        obj = obj.resolution
    if isinstance(obj, Task):
        obj = obj.plan
    if isinstance(obj, Plan):
        obj = obj.resolution
    if isinstance(obj, Resolution):
        return obj.scope
    return obj


def _path(obj) -> PlacePath:
    return place_of(scope_of(obj))


def _anywhere(user, roles) -> bool:
    return any(g.role in roles for g in active_grants(user))


@rules.predicate
def manages(user, obj=None) -> bool:
    """The user runs the resolution for its People's Committee: a commune officer or leader
    for a commune resolution, a province officer for a provincial one."""
    if obj is None:
        return _anywhere(user, MANAGERS)
    path = _path(obj)
    roles = PROVINCE_MANAGERS if path.commune_id is None else COMMUNE_MANAGERS
    return holds_role(user, roles, path)


@rules.predicate
def reads_dashboard(user, obj=None) -> bool:
    """The user may read the targets and figures: those who run it, the council's delegates
    and the Front of the place (Art. 86(1), 87), and province officers over their communes."""
    if obj is None:
        return _anywhere(user, READERS)
    return holds_role(user, READERS, _path(obj))


@rules.predicate
def reports_for_unit(user, unit=None) -> bool:
    """The user reports for ``unit`` (a village, an agency, a commune, a province): its
    village head, its agency's head or staff, the commune's or province's officers."""
    if unit is None:
        return _anywhere(user, MANAGERS | VILLAGE_REPORTERS | AGENCY_REPORTERS)
    kind = type(unit).__name__
    if kind == "Agency":
        roles = AGENCY_REPORTERS | (COMMUNE_MANAGERS if unit.commune_id else PROVINCE_MANAGERS)
    else:
        roles = {
            "Village": VILLAGE_REPORTERS | COMMUNE_MANAGERS,
            "Commune": COMMUNE_MANAGERS,
            "Province": PROVINCE_MANAGERS,
        }.get(kind, frozenset())
    return holds_role(user, roles, place_of(unit))


@rules.predicate
def is_assignee(user, task=None) -> bool:
    """The user is the village head or agency head/staff of the unit a task is assigned to."""
    if task is None:
        return _anywhere(user, VILLAGE_REPORTERS | AGENCY_REPORTERS)
    unit = getattr(task, "village", None) or getattr(task, "agency", None)
    if unit is None:
        return False
    roles = VILLAGE_REPORTERS if task.village_id else AGENCY_REPORTERS
    return holds_role(user, roles, place_of(unit))


rules.add_perm("resolutions.view_dashboard", is_superuser | reads_dashboard)
rules.add_perm("resolutions.manage_resolution", is_superuser | manages)
rules.add_perm("resolutions.report_figure", is_superuser | reports_for_unit)
rules.add_perm("resolutions.audit_figure", is_superuser | manages)
rules.add_perm("resolutions.manage_plan", is_superuser | manages)
rules.add_perm("resolutions.update_task", is_superuser | manages | is_assignee)
rules.add_perm("resolutions.generate_report", is_superuser | manages)
