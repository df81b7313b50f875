"""The one grouped query most indicators are made of: count the rows of a level's units and,
among them, those that meet the target — ``GROUP BY unit``, whatever the number of units.

An app's ``indicators.py`` builds the queryset of what is counted below the line (the
denominator), the condition that puts a row above it (the numerator) and the column that holds
each level's unit; :func:`ratios` turns that into ``{unit_id: Figure}``."""

from collections.abc import Sequence

from django.db.models import Count, Q, QuerySet

from .indicators import Figure


def ratios(rows: QuerySet, by: str, unit_ids: Sequence[int], met: Q) -> dict[int, Figure]:
    """``{unit: Figure(rows meeting met, rows)}`` for the units among ``unit_ids`` that have
    rows (one query). Rows are counted once even when ``met`` joins a many-valued relation."""
    found = (
        rows.filter(**{f"{by}__in": list(unit_ids)})
        .order_by()
        .values(by)
        .annotate(total=Count("pk", distinct=True), done=Count("pk", filter=met, distinct=True))
    )
    return {row[by]: Figure(row["done"], row["total"]) for row in found}
