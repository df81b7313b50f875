"""Background work of the resolutions app, run by Django's task API (django-tasks)."""

from django.utils import timezone
from django_tasks import task

from .models import ReportJob, Resolution


@task()
def refresh_dashboard(resolution_id: int, year: int) -> str:
    """Recompute one resolution's dashboard snapshot for a year."""
    from . import snapshots

    resolution = Resolution.objects.select_related("province", "commune").get(pk=resolution_id)
    return snapshots.refresh(resolution, year).computed_at.isoformat()


@task()
def refresh_all_dashboards() -> int:
    """Recompute this year's snapshot of every resolution in force (run on a schedule)."""
    from . import snapshots

    return snapshots.refresh_current(timezone.localdate())


@task()
def flag_overdue_tasks() -> int:
    """The daily check of plan tasks past their deadline (``services.flag_overdue``)."""
    from .services import flag_overdue

    return flag_overdue()


@task()
def generate_report(job_id: int) -> str:
    """Generate a report job's DOCX, PDF and XLSX annex; a failure is kept on the job."""
    from . import report

    job = ReportJob.objects.select_related("resolution__province", "resolution__commune").get(
        pk=job_id
    )
    try:
        return report.run(job).status
    except Exception as error:  # the job must show the failure, not stay "running" forever
        ReportJob.objects.filter(pk=job_id).update(
            status=ReportJob.Status.FAILED, error=str(error)[:500]
        )
        raise
