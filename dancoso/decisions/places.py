"""Which households belong to a decision's place today (the register, for the snapshot)."""

from django.db.models import QuerySet

from dancoso.households.models import Household

from .models import Decision


def households_of(decision: Decision) -> QuerySet[Household]:
    """The active households of the decision's village, or of every village of its commune."""
    rows = Household.objects.filter(is_active=True, commune_id=decision.commune_id)
    if decision.village_id:
        rows = rows.filter(village_id=decision.village_id)
    return rows


def represented_household_ids(user) -> QuerySet:
    """Ids of the active households ``user`` represents: a confirmed link to the head or a
    representative (the one definition every predicate, query and service here uses)."""
    from django.db.models import Q

    from dancoso.households.models import MemberLink

    return (
        MemberLink.objects.filter(
            user_id=user.pk,
            status=MemberLink.Status.CONFIRMED,
            member__household__is_active=True,
        )
        .filter(Q(member__is_head=True) | Q(member__is_representative=True))
        .values("member__household_id")
    )
