"""The People's Committee's yearly implementation plan (kế hoạch) and its tasks (Law 10/2022
Art. 86(1): the committee organises implementation; Art. 85(2) for a province)."""

from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from dancoso.accounts.messaging import sender
from dancoso.core.actors import SystemActor
from dancoso.core.errors import DomainError

from .. import law, queries
from ..files import checked_evidence
from ..models import Plan, Resolution, Task, TaskStatus, TaskUpdate
from .common import audit, clean, require

SYSTEM = SystemActor("resolutions.flag_overdue")
PLAN_EXISTS = "Nghị quyết đã có kế hoạch năm {year}; hãy bổ sung nhiệm vụ vào kế hoạch đó."
YEAR_OUTSIDE = "Năm {year} nằm ngoài thời gian hiệu lực của nghị quyết."
DEADLINE_OUTSIDE = "Thời hạn {deadline} phải nằm trong năm {year} của kế hoạch."
ONE_ASSIGNEE = "Mỗi nhiệm vụ giao cho đúng một thôn/tổ dân phố hoặc một cơ quan, đơn vị."
ASSIGNEE_OUTSIDE = "“{unit}” không thuộc phạm vi của nghị quyết; hãy chọn đơn vị khác."
ITEM_OUTSIDE = "Biện pháp đã chọn không thuộc nghị quyết này."
OVERDUE_TEXT = "Nhiệm vụ “{title}” (kế hoạch {plan}) đã quá hạn {deadline}; hãy cập nhật tiến độ."


@transaction.atomic
def adopt_plan(actor, resolution: Resolution, *, year: int, number: str, adopted_on: date) -> Plan:
    """Adopt the plan of ``year``; one plan per resolution and year. From its adoption date on,
    a change of a target keeps history."""
    require(actor, "manage_plan", resolution)
    start, end = date(year, 1, 1), date(year, 12, 31)
    if law.period_problem(start, end, resolution.effective_from, resolution.effective_until):
        raise DomainError("year", YEAR_OUTSIDE, year=year)
    plan = Plan(resolution=resolution, year=year, number=number, adopted_on=adopted_on)
    clean(plan, exclude=["resolution"])
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise DomainError("plan_exists", PLAN_EXISTS, year=year) from None
    audit(
        "adopt_plan",
        plan,
        actor=actor,
        resolution=resolution,
        summary={"id": plan.pk, "year": year},
    )
    return plan


def _check_assignee(resolution, village, agency) -> None:
    if (village is None) == (agency is None):
        raise DomainError("assignee", ONE_ASSIGNEE)
    unit = village or agency
    if not queries.unit_in_scope(resolution, unit):
        raise DomainError("assignee", ASSIGNEE_OUTSIDE, unit=unit)


@transaction.atomic
def add_task(
    actor, plan: Plan, *, title: str, deadline: date, measure_item=None, village=None, agency=None
) -> Task:
    """Add a task to a plan, derived from one of the resolution's measure items and assigned
    to a village or an agency of its scope, due within the plan's year."""
    require(actor, "manage_plan", plan)
    resolution = plan.resolution
    _check_assignee(resolution, village, agency)
    if measure_item is not None and measure_item.group.resolution_id != resolution.pk:
        raise DomainError("measure_item", ITEM_OUTSIDE)
    if deadline.year != plan.year:
        raise DomainError(
            "deadline", DEADLINE_OUTSIDE, deadline=deadline.strftime("%d/%m/%Y"), year=plan.year
        )
    task = Task(
        plan=plan,
        measure_item=measure_item,
        title=title,
        deadline=deadline,
        village=village,
        agency=agency,
    )
    clean(task)
    task.save()
    audit(
        "add_task",
        task,
        actor=actor,
        resolution=resolution,
        summary={"id": task.pk, "plan": plan.pk},
    )
    return task


@transaction.atomic
def update_task(
    actor, task: Task, *, status: str, note: str, evidence: tuple[str, bytes] | None = None
) -> TaskUpdate:
    """The assignee (or an officer) records progress: a note, the new status, evidence."""
    require(actor, "update_task", task)
    task = Task.objects.select_for_update().select_related("plan__resolution").get(pk=task.pk)
    status = TaskStatus(status)
    update = TaskUpdate(
        task=task, status=status, note=note, author=actor if getattr(actor, "pk", None) else None
    )
    if evidence:
        checked = checked_evidence(evidence)
        update.evidence.save(checked.stored_name, ContentFile(checked.content), save=False)
        update.evidence_name = checked.display_name
    clean(update, exclude=["evidence"])
    update.save()
    task.status = status
    task.done_on = timezone.localdate() if status == TaskStatus.DONE else None
    task.save(update_fields=["status", "done_on", "updated_at"])
    audit(
        "update_task",
        task,
        actor=actor,
        resolution=task.plan.resolution,
        summary={"id": task.pk, "status": status, "update": update.pk},
    )
    return update


def flag_overdue(today: date | None = None) -> int:
    """Flag every unfinished task past its deadline, once, and notify the assignee's village
    head or agency head and staff; return how many were flagged. Run daily by a task."""
    today = today or timezone.localdate()
    flagged = 0
    overdue = queries.overdue_tasks(today)
    for task in overdue.iterator(chunk_size=500):
        with transaction.atomic():
            claimed = Task.objects.filter(pk=task.pk, overdue_notified_on__isnull=True).update(
                overdue_notified_on=today
            )
            if not claimed:
                continue  # another worker flagged it
            audit(
                "flag_overdue",
                task,
                actor=SYSTEM,
                resolution=task.plan.resolution,
                summary={"id": task.pk, "deadline": task.deadline.isoformat()},
            )
            _notify(task)
        flagged += 1
    return flagged


def _notify(task: Task) -> None:
    text = OVERDUE_TEXT.format(
        title=task.title[:80], plan=task.plan.number, deadline=task.deadline.strftime("%d/%m/%Y")
    )
    contacts = [(u.phone, u.email) for u in queries.assignee_users(task)]

    def deliver() -> None:
        for phone, email in contacts:
            if phone:
                sender().send_sms(phone, text)
            elif email:
                sender().send_email(email, "Nhiệm vụ quá hạn", text)

    transaction.on_commit(deliver)


@transaction.atomic
def request_report(actor, resolution: Resolution, *, year: int, number: str, signer: str = ""):
    """Ask for the annual report of ``year``; it is generated in the background."""
    from ..models import ReportJob
    from ..tasks import generate_report

    require(actor, "generate_report", resolution)
    if law.period_problem(
        date(year, 1, 1), date(year, 12, 31), resolution.effective_from, resolution.effective_until
    ):
        raise DomainError("year", YEAR_OUTSIDE.format(year=year))
    job = ReportJob(
        resolution=resolution,
        year=year,
        number=number,
        signer=signer,
        requested_by=actor if getattr(actor, "pk", None) else None,
    )
    clean(job, exclude=["resolution", "docx", "pdf", "xlsx"])
    job.save()
    audit(
        "request_report",
        job,
        actor=actor,
        resolution=resolution,
        summary={"id": job.pk, "year": year},
    )
    transaction.on_commit(lambda: generate_report.enqueue(job.pk))
    return job
