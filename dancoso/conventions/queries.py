"""Shared reads for village conventions, scoped to what the reader may see."""

from django.db.models import Q, QuerySet
from django.http import Http404

from dancoso.accounts.scope import active_grants
from dancoso.places.models import Commune, Village

from .models import Convention, ConventionMeasure
from .rules import COMMUNE_ROLES, PUBLIC_STATES, VILLAGE_ROLES

NOT_FOUND = "Không tìm thấy hương ước, quy ước."


def managed_by(user) -> QuerySet[Convention]:
    """Conventions of the communes and villages the user works for, newest first."""
    grants = active_grants(user)
    communes = {g.commune_id for g in grants if g.role in COMMUNE_ROLES and g.commune_id}
    villages = {g.village_id for g in grants if g.role in VILLAGE_ROLES and g.village_id}
    scope = (
        Q()
        if getattr(user, "is_superuser", False)
        else (Q(village__commune_id__in=communes) | Q(village_id__in=villages))
    )
    return (
        Convention.objects.filter(scope)
        .select_related("village__commune")
        .order_by("-created_at", "-pk")
    )


def villages_managed_by(user) -> QuerySet[Village]:
    """The villages where the user may start a convention."""
    grants = active_grants(user)
    communes = {g.commune_id for g in grants if g.role in COMMUNE_ROLES and g.commune_id}
    villages = {g.village_id for g in grants if g.role in VILLAGE_ROLES and g.village_id}
    return Village.objects.filter(
        Q(commune_id__in=communes) | Q(pk__in=villages), is_active=True
    ).order_by("name")


def public_conventions(commune: Commune) -> QuerySet[Convention]:
    """A commune's recognised conventions (public, Art. 15), with those since suspended or
    repealed (their notice is public too, Art. 12, 14)."""
    return (
        Convention.objects.filter(village__commune=commune, state__in=PUBLIC_STATES)
        .select_related("village")
        .order_by("village__name", "-recognised_on")
    )


def get_convention_for(user, pk: int, permission: str = "view_convention") -> Convention:
    """The convention if ``user`` holds ``conventions.<permission>`` over it; the same 404
    for absent and not-yours."""
    convention = (
        Convention.objects.select_related("village__commune", "consultation").filter(pk=pk).first()
    )
    if convention is None or not user.has_perm(f"conventions.{permission}", convention):
        raise Http404(NOT_FOUND)
    return convention


def measures_of(convention: Convention) -> QuerySet[ConventionMeasure]:
    """The suspension and repeal decisions on a convention, oldest first (its history)."""
    return convention.measures.order_by("decided_on", "pk")


def complaint_answers_of(convention: Convention):
    """The replies that a complaint was unfounded, oldest first (officers' workspace)."""
    return convention.complaint_answers.order_by("answered_on", "pk")
