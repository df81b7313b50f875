"""The precomputed dashboard: one ``Snapshot`` per resolution and year, refreshed by a
background task (after every reported figure or changed target, and on a schedule).

``computed_at`` is the moment the computation *started*: every figure in the snapshot was read
at or after it, so the time printed on the page ("cập nhật lúc …") never claims figures fresher
than they are. A snapshot is derived data (a cache of the indicators), not a fact anyone
recorded, so refreshing it writes no audit event. Drill-down pages below the resolution's own
scope (a commune of a provincial resolution) are computed live: they cover one commune.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from . import dashboard
from .models import Resolution, Snapshot


def refresh(resolution: Resolution, year: int) -> Snapshot:
    """Recompute and store the dashboard of ``resolution`` for ``year``."""
    started = timezone.now()
    data = dashboard.compute(resolution, year, today=timezone.localdate())
    snapshot, _ = Snapshot.objects.update_or_create(
        resolution=resolution, year=year, defaults={"computed_at": started, "data": data}
    )
    return snapshot


def current(resolution: Resolution, year: int) -> Snapshot:
    """The stored snapshot, computed now the first time it is asked for."""
    snapshot = Snapshot.objects.filter(resolution=resolution, year=year).first()
    return snapshot or refresh(resolution, year)


def refresh_later(resolution_id: int, year: int) -> None:
    """Queue a refresh once the current transaction commits."""
    from .tasks import refresh_dashboard

    transaction.on_commit(lambda: refresh_dashboard.enqueue(resolution_id, year))


def years_of(resolution: Resolution, today: date) -> list[int]:
    """The years of a resolution's validity up to this one, newest first."""
    last = min(today.year, resolution.effective_until.year if resolution.effective_until else 9999)
    return list(range(last, resolution.effective_from.year - 1, -1))


def refresh_current(today: date) -> int:
    """Recompute this year's snapshot of every resolution in force; how many were refreshed."""
    count = 0
    for resolution in Resolution.objects.select_related("province", "commune"):
        if today.year in years_of(resolution, today):
            refresh(resolution, today.year)
            count += 1
    return count
