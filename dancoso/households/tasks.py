"""Background work of the household register, run by Django's task API (django-tasks)."""

from django_tasks import task

from .services import import_households


@task()
def run_import(job_id: int) -> str:
    """Run one register import (``services.import_households``) and return its status."""
    return import_households(job_id).status
