"""The periodic deadline check (run daily by ``manage.py feedback_alerts`` or the task):
remind the handling officer before a deadline lapses, tell the leader when it has.

Each alert is sent once per case, deadline and last day (``CaseAlert`` unique constraint), so
running the check twice a day, or on two servers, sends nothing twice. Texts carry the
tracking code and the deadline, never the sender.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from dancoso.accounts.models import User
from dancoso.accounts.roles import Role
from dancoso.core.actors import SystemActor
from dancoso.core.workdays import add_working_days, configured_overrides

from .. import deadlines
from ..models import Case, CaseAlert
from .common import audit, grants_over, send_to
from .routing import route_upward

REMIND_WORKING_DAYS = 2  # remind when the last day is at most 2 working days away
ACTOR = SystemActor("feedback.alerts")
REMINDER = "Hồ sơ {code}: hạn “{label}” là {due:%d/%m/%Y}. Hãy hoàn thành trước hạn."
ESCALATION = "Hồ sơ {code} đã quá hạn “{label}” ({due:%d/%m/%Y}). Đề nghị lãnh đạo chỉ đạo."


def _recipients(case: Case, stage: str) -> list[User]:
    if stage == CaseAlert.Stage.REMINDER and case.assigned_to_id:
        return [case.assigned_to]
    roles = (
        {Role.COMMUNE_LEADER}
        if stage == CaseAlert.Stage.ESCALATION
        else {Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER}
    )
    place = {"agency_id": case.agency_id} if case.agency_id else {"commune_id": case.commune_id}
    if case.agency_id and stage == CaseAlert.Stage.ESCALATION:
        roles = {Role.AGENCY_HEAD}
    elif case.agency_id:
        roles = {Role.AGENCY_STAFF, Role.AGENCY_HEAD}
    today = timezone.localdate()
    return list(User.objects.filter(grants__in=grants_over(today, roles, place)).distinct())


def _alert(case: Case, deadline, stage: str) -> bool:
    try:
        with transaction.atomic():
            alert = CaseAlert.objects.create(
                case=case, deadline=deadline.name, due=deadline.due, stage=stage
            )
            audit(
                "send_deadline_alert",
                case,
                actor=ACTOR,
                summary={"deadline": deadline.name, "stage": stage, "alert": alert.pk},
            )
    except IntegrityError:
        return False  # already sent
    template = REMINDER if stage == CaseAlert.Stage.REMINDER else ESCALATION
    send_to(
        _recipients(case, stage),
        template.format(code=case.tracking_code, label=deadline.label, due=deadline.due),
    )
    return True


def send_deadline_alerts(today: date | None = None) -> dict[str, int]:
    """Check every open case whose next deadline is near or past: send it to the upper level
    when ``routing_law`` says so, then remind and escalate; return how many reminders,
    escalations and routings there were. Only cases with ``next_due`` up to the reminder horizon are
    read, through the ``case_inbox_due`` index."""
    today = today or timezone.localdate()
    horizon = add_working_days(today, REMIND_WORKING_DAYS, configured_overrides())
    sent = {"reminders": 0, "escalations": 0, "routed": 0}
    cases = (
        Case.objects.filter(next_due__isnull=False, next_due__lte=horizon)
        .select_related("commune", "assigned_to")
        .order_by("next_due", "pk")
    )
    for case in cases.iterator(chunk_size=500):
        if route_upward(case, today=today) is not None:
            sent["routed"] += 1
            case = Case.objects.select_related("commune", "assigned_to").get(pk=case.pk)
        for deadline in deadlines.deadlines_of(case):
            if deadline.done_on is not None or deadline.due > horizon:
                continue
            overdue = deadline.state(today) == "overdue"
            stage = CaseAlert.Stage.ESCALATION if overdue else CaseAlert.Stage.REMINDER
            with transaction.atomic():
                if _alert(case, deadline, stage):
                    sent["escalations" if overdue else "reminders"] += 1
    return sent
