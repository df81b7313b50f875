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
