"""Background work of the feedback app, run by Django's task API (django-tasks)."""

from django_tasks import task

from .services import send_deadline_alerts


@task()
def send_alerts() -> dict[str, int]:
    """The daily deadline check (``services.send_deadline_alerts``)."""
    return send_deadline_alerts()


@task()
def read_mail() -> int:
    """Read the feedback mailbox (``mailbox.read_mailbox``)."""
    from .mailbox import read_mailbox

    return read_mailbox()
