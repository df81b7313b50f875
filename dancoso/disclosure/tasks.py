"""Background work of disclosures, run by Django's task API (django-tasks)."""

from django_tasks import task

from .services import notify_followers as notify


@task()
def notify_followers(disclosure_id: int) -> int:
    """Tell the followers of a commune, village or category about a new disclosure."""
    return notify(disclosure_id)
