"""Reads of the resolutions app: places for the importer, what a target was on a date, the
resolutions a user may see, plans and overdue tasks. Never writes."""

from datetime import date

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from dancoso.accounts.models import RoleGrant, User
from dancoso.places.models import Commune, Province

from .models import MeasureGroup, MeasureItem, Plan, Resolution, Target, TargetRevision, Task
from .rules import AGENCY_REPORTERS, READERS, VILLAGE_REPORTERS

TERM_FIELDS = ("text", "source", "threshold", "amber_from", "due", "indicator", "manual_reporter")


def find_place(level: str, code: int):
    """The province or commune with official ``code``, and its current and former names."""
    model = Province if level == "province" else Commune
    place = model.objects.filter(code=code).first()
    if place is None:
        return None
    return place, [place.name, *place.former_names]


def plan_started(resolution: Resolution, on: date) -> bool:
    """Has a plan of the resolution been adopted on or before ``on``?"""
    return Plan.objects.filter(resolution=resolution, adopted_on__lte=on).exists()


def terms_on(target: Target, day: date) -> dict | None:
    """What the target was on ``day``: the current terms from ``terms_since`` on, else the
    revision in force that day; None before the resolution set it."""
    if day >= target.terms_since:
        return {name: getattr(target, name) for name in TERM_FIELDS}
    revision = (
        TargetRevision.objects.filter(target=target, valid_from__lte=day, valid_until__gte=day)
        .order_by("-valid_from")
        .first()
    )
    return revision.terms if revision else None


def unit_in_scope(resolution: Resolution, unit) -> bool:
    """Is a village, agency, commune or province inside the resolution's scope?"""
    kind = type(unit).__name__
    if resolution.commune_id:
        commune_id = unit.pk if kind == "Commune" else getattr(unit, "commune_id", None)
        return commune_id == resolution.commune_id
    province_id = {
        "Province": lambda: unit.pk,
        "Commune": lambda: unit.province_id,
        "Agency": lambda: unit.province_id,
        "Village": lambda: unit.commune.province_id,
    }.get(kind, lambda: None)()
    return province_id == resolution.province_id


def resolutions_visible_to(user):
    """Resolutions of the places where the user runs or supervises them: a commune's for its
    officers, delegates and Front; a province's and its communes' for province officers."""
    if user.is_superuser:
        return Resolution.objects.select_related("province", "commune")
    from dancoso.accounts.scope import active_grants

    grants = [g for g in active_grants(user) if g.role in READERS]
    provinces = {g.province_id for g in grants if g.province_id}
    communes = {g.commune_id for g in grants if g.commune_id}
    return Resolution.objects.filter(
        Q(province_id__in=provinces)
        | Q(commune__province_id__in=provinces)
        | Q(commune_id__in=communes)
    ).select_related("province", "commune")


def get_resolution_for(user, pk: int, permission: str = "resolutions.view_dashboard"):
    """A resolution with its targets and measures, if the user holds ``permission`` over it;
    the same 404 for absent and not-yours."""
    resolution = (
        Resolution.objects.select_related("province", "commune")
        .prefetch_related(
            "targets",
            Prefetch(
                "measures",
                queryset=MeasureGroup.objects.prefetch_related(
                    Prefetch("items", queryset=MeasureItem.objects.prefetch_related("targets"))
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if resolution is None or not user.has_perm(permission, resolution):
        raise Http404
    return resolution


def get_target_for(user, pk: int, permission: str | None) -> Target:
    """A target, if the user holds ``permission`` over its resolution (None: the caller
    checks); 404 otherwise."""
    target = Target.objects.select_related("resolution__province", "resolution__commune")
    target = target.filter(pk=pk).first()
    if target is None or (permission and not user.has_perm(permission, target.resolution)):
        raise Http404
    return target


def may_report_on(user, resolution: Resolution) -> bool:
    """Does the user read the resolution, or head or staff a village or agency in its scope
    (who may report its hand-entered figures)?"""
    if user.has_perm("resolutions.view_dashboard", resolution):
        return True
    from dancoso.accounts.scope import active_grants
    from dancoso.places.models import Agency, Village

    grants = active_grants(user)
    villages = {g.village_id for g in grants if g.role in VILLAGE_REPORTERS and g.village_id}
    agencies = {g.agency_id for g in grants if g.role in AGENCY_REPORTERS and g.agency_id}
    if resolution.commune_id:
        where = {"commune_id": resolution.commune_id}
        agency_where = where
    else:
        where = {"commune__province_id": resolution.province_id}
        agency_where = {"province_id": resolution.province_id}
    return (bool(villages) and Village.objects.filter(pk__in=villages, **where).exists()) or (
        bool(agencies) and Agency.objects.filter(pk__in=agencies, **agency_where).exists()
    )


def get_plan_for(user, pk: int) -> Plan:
    plan = Plan.objects.select_related("resolution__commune", "resolution__province")
    plan = plan.filter(pk=pk).first()
    if plan is None or not user.has_perm("resolutions.view_dashboard", plan.resolution):
        raise Http404
    return plan


def tasks_of(plan: Plan):
    return plan.tasks.select_related("village", "agency", "measure_item").prefetch_related(
        "updates"
    )


def get_task_for(user, pk: int) -> Task:
    """A task the user may update (its assignee, or an officer of the place); 404 otherwise."""
    task = (
        Task.objects.select_related("plan__resolution__commune", "plan__resolution__province")
        .select_related("village__commune", "agency")
        .filter(pk=pk)
        .first()
    )
    if task is None or not user.has_perm("resolutions.update_task", task):
        raise Http404
    return task


def my_tasks(user):
    """Open tasks assigned to the villages and agencies where the user is head or staff."""
    from dancoso.accounts.scope import active_grants

    grants = active_grants(user)
    villages = {g.village_id for g in grants if g.role in VILLAGE_REPORTERS and g.village_id}
    agencies = {g.agency_id for g in grants if g.role in AGENCY_REPORTERS and g.agency_id}
    return (
        Task.objects.filter(Q(village_id__in=villages) | Q(agency_id__in=agencies))
        .select_related("plan__resolution", "village", "agency")
        .order_by("deadline", "pk")
    )


def overdue_tasks(today: date):
    """Unfinished tasks past their deadline not flagged yet (index ``task_status_deadline``)."""
    return (
        Task.objects.filter(deadline__lt=today, overdue_notified_on__isnull=True)
        .exclude(status="done")
        .select_related("plan__resolution__commune", "village", "agency")
        .order_by("deadline", "pk")
    )


def assignee_users(task: Task) -> list[User]:
    """The users to tell about a task: its village head, or its agency's head and staff."""
    if task.village_id:
        place, roles = {"village_id": task.village_id}, VILLAGE_REPORTERS
    else:
        place, roles = {"agency_id": task.agency_id}, AGENCY_REPORTERS
    grants = RoleGrant.objects.active_on(timezone.localdate()).filter(role__in=roles, **place)
    return list(User.objects.filter(grants__in=grants).distinct())
