"""A board's work: plans and activities (Art. 39, 44; D59 Art. 14, 18), recommendations and
their answers (Art. 38, 40(1)(c), 45(2), 63), escalation of overdue ones."""

from datetime import date

from django.db import transaction

from dancoso.accounts.messaging import sender
from dancoso.accounts.roles import Role
from dancoso.accounts.scope import PlacePath, holds_role
from dancoso.core.errors import DomainError

from .. import law
from ..models import Activity, Board, Plan, Recommendation
from .common import audit, clean, refuse, require

PLAN_OUTSIDE_TERM = "Kế hoạch phải nằm trong nhiệm kỳ của Ban ({start} – {end})."
ACTIVITY_OUTSIDE_PLAN = "Hoạt động phải nằm trong thời gian của kế hoạch ({start} – {end})."
NOT_A_MEMBER = "{name} không là thành viên của Ban trong suốt thời gian {start} – {end}."
NO_MEMBERS = "Hãy phân công ít nhất một thành viên của Ban cho hoạt động."
APPROVED = "Kế hoạch đã được thông qua, không sửa được nữa."
DATES = "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."
NO_CONTENT = "Hãy nhập nội dung kiến nghị."
ALREADY_ANSWERED = "Kiến nghị này đã được trả lời."
NOT_ANSWERED = "Chỉ đánh giá kết quả sau khi kiến nghị đã được trả lời."
EMPTY_ANSWER = "Hãy nhập nội dung trả lời."


@transaction.atomic
def create_plan(
    actor, board: Board, *, period: str, title: str, starts_on: date, ends_on: date
) -> Plan:
    """Draft a quarterly, six-monthly, yearly or term plan inside the board's term."""
    require(actor, "manage_plan", board)
    if ends_on < starts_on:
        raise DomainError("dates", DATES)
    if starts_on < board.term_start or ends_on > board.term_end:
        raise DomainError(
            "term", PLAN_OUTSIDE_TERM.format(start=board.term_start, end=board.term_end)
        )
    plan = Plan(
        board=board, period=period, title=title.strip(), starts_on=starts_on, ends_on=ends_on
    )
    clean(plan)
    plan.save()
    audit("plan.create", plan, actor=actor, commune=board.commune, summary={"period": period})
    return plan


@transaction.atomic
def approve_plan(actor, plan: Plan, *, on: date) -> Plan:
    """Record the plan's adoption by the board (majority, Art. 39(1)); it is then fixed."""
    require(actor, "manage_plan", plan)
    plan = Plan.objects.select_for_update().select_related("board__commune").get(pk=plan.pk)
    if plan.approved_on:
        raise DomainError("approved", APPROVED)
    if not plan.activities.exists():
        raise DomainError("empty", "Kế hoạch cần ít nhất một hoạt động trước khi thông qua.")
    plan.approved_on = on
    plan.save(update_fields=["approved_on", "updated_at"])
    audit("plan.approve", plan, actor=actor, commune=plan.board.commune, summary={"id": plan.pk})
    return plan


@transaction.atomic
def add_activity(
    actor,
    plan: Plan,
    *,
    subject: str,
    title: str,
    method: str,
    starts_on: date,
    ends_on: date,
    members,
    announced_on: date | None = None,
) -> Activity:
    """Add an activity with its assigned members, who must sit on the board for the whole
    period; a specific inspection is announced ≥ 05 working days before (D59 Art. 14)."""
    require(actor, "manage_plan", plan)
    plan = Plan.objects.select_for_update().select_related("board__commune").get(pk=plan.pk)
    if plan.approved_on:
        raise DomainError("approved", APPROVED)
    if ends_on < starts_on:
        raise DomainError("dates", DATES)
    if starts_on < plan.starts_on or ends_on > plan.ends_on:
        raise DomainError(
            "period", ACTIVITY_OUTSIDE_PLAN.format(start=plan.starts_on, end=plan.ends_on)
        )
    members = list(members)
    if not members:
        raise DomainError("members", NO_MEMBERS)
    for m in members:
        if m.board_id != plan.board_id or not (m.active_on(starts_on) and m.active_on(ends_on)):
            raise DomainError(
                "member", NOT_A_MEMBER.format(name=m.full_name, start=starts_on, end=ends_on)
            )
    if announced_on is not None:
        refuse("notice", law.inspection_notice_problem(announced_on, starts_on))
    activity = Activity(
        plan=plan,
        subject=subject,
        title=title.strip(),
        method=method.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        announced_on=announced_on,
    )
    clean(activity)
    activity.save()
    activity.members.set(members)
    audit(
        "activity.add",
        activity,
        actor=actor,
        commune=plan.board.commune,
        summary={"plan": plan.pk, "members": sorted(m.pk for m in members)},
    )
    return activity


@transaction.atomic
def send_recommendation(
    actor, board: Board, *, addressee: str, content: str, received_on: date
) -> Recommendation:
    """Send a recommendation (confirmed by the Front where Art. 40(2), 45(1) require it); its
    due date is computed by the law: 15 days after receipt."""
    require(actor, "send_recommendation", board)
    if not content.strip():
        raise DomainError("content", NO_CONTENT)
    if addressee not in Recommendation.Addressee.values:
        raise DomainError("addressee", "Hãy chọn cơ quan nhận kiến nghị.")
    rec = Recommendation(
        board=board,
        commune=board.commune,
        addressee=addressee,
        content=content.strip(),
        received_on=received_on,
        due_on=law.answer_due(received_on),
    )
    clean(rec)
    rec.save()
    audit(
        "recommendation.send",
        rec,
        actor=actor,
        commune=board.commune,
        summary={"board": board.pk, "addressee": addressee},
    )
    return rec


def _locked(rec: Recommendation) -> Recommendation:
    return Recommendation.objects.select_for_update().select_related("commune").get(pk=rec.pk)


@transaction.atomic
def answer_recommendation(actor, rec: Recommendation, *, answer: str, on: date) -> Recommendation:
    """The addressee answers in the platform (commune People's Committee, Art. 40(1)(c))."""
    require(actor, "answer_recommendation", rec)
    rec = _locked(rec)
    if rec.answered_on:
        raise DomainError("answered", ALREADY_ANSWERED)
    if not answer.strip():
        raise DomainError("answer", EMPTY_ANSWER)
    if on < rec.received_on:
        raise DomainError("dates", "Ngày trả lời không thể trước ngày nhận kiến nghị.")
    rec.answer, rec.answered_on = answer.strip(), on
    clean(rec)
    rec.save(update_fields=["answer", "answered_on", "updated_at"])
    audit(
        "recommendation.answer",
        rec,
        actor=actor,
        commune=rec.commune,
        summary={"on_time": law.answered_on_time(rec.received_on, on)},
    )
    return rec


@transaction.atomic
def judge_answer(actor, rec: Recommendation, *, resolved: bool) -> Recommendation:
    """The board records whether the answer resolved the issue."""
    require(actor, "judge_answer", rec)
    rec = _locked(rec)
    if not rec.answered_on:
        raise DomainError("not_answered", NOT_ANSWERED)
    rec.resolved = resolved
    rec.save(update_fields=["resolved", "updated_at"])
    audit(
        "recommendation.judge",
        rec,
        actor=actor,
        commune=rec.commune,
        summary={"resolved": resolved},
    )
    return rec


def _leaders(commune):
    from dancoso.accounts.models import RoleGrant

    grants = RoleGrant.objects.filter(role=Role.COMMUNE_LEADER, commune=commune).select_related(
        "user"
    )
    place = PlacePath(province_id=commune.province_id, commune_id=commune.pk)
    return [g.user for g in grants if holds_role(g.user, {Role.COMMUNE_LEADER}, place)]


ESCALATION_SUBJECT = "Kiến nghị quá hạn chưa được trả lời"
ESCALATION_BODY = (
    "Kiến nghị số {pk} của {board} gửi Ủy ban nhân dân xã đã quá hạn trả lời ({due}) theo "
    "Luật Thực hiện dân chủ ở cơ sở. Xin đồng chí chỉ đạo trả lời trên dancoso."
)


def escalate_overdue(actor, *, today: date) -> int:
    """Escalate every unanswered recommendation past its due date, once: mark it and message
    the commune's leaders (``accounts.messaging``). Returns how many were escalated."""
    pending = Recommendation.objects.filter(
        answered_on__isnull=True, escalated_on__isnull=True, due_on__lt=today
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(pending):
        with transaction.atomic():
            rec = (
                Recommendation.objects.select_for_update()
                .select_related("board", "commune")
                .get(pk=pk)
            )
            if rec.escalated_on or rec.answered_on:
                continue
            rec.escalated_on = today
            rec.save(update_fields=["escalated_on", "updated_at"])
            audit(
                "recommendation.escalate",
                rec,
                actor=actor,
                commune=rec.commune,
                summary={"due": rec.due_on.isoformat()},
            )
            body = ESCALATION_BODY.format(
                pk=rec.pk, board=rec.board.name, due=rec.due_on.isoformat()
            )
            for leader in _leaders(rec.commune):
                if leader.email:
                    transaction.on_commit(
                        lambda to=leader.email, text=body: sender().send_email(
                            to, ESCALATION_SUBJECT, text
                        )
                    )
            count += 1
    return count
