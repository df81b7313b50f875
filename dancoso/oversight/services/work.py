"""A board's work: plans and activities (Art. 39, 44; D59 Art. 14, 18), recommendations and
their answers (Art. 38, 40(1)(c), 45(2), 63), escalation of overdue ones."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from dancoso.accounts.messaging import sender
from dancoso.accounts.roles import Role
from dancoso.accounts.scope import PlacePath, holds_role
from dancoso.core.errors import DomainError
from dancoso.feedback.services.intake import check_files

from .. import law
from ..models import Activity, Board, Evidence, Plan, Recommendation
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
NOT_APPROVED = "Chỉ ghi kết quả cho hoạt động của kế hoạch đã được Ban thông qua."
ALREADY_RECORDED = "Hoạt động này đã được ghi kết quả ngày {on}."
HELD_OUTSIDE = "Ngày thực hiện phải nằm trong thời gian của hoạt động ({start} – {end})."
NO_FINDINGS = "Hãy ghi nội dung đã kiểm tra, giám sát và kết quả, phát hiện."
NOT_RECORDED = "Kiến nghị chỉ gắn với hoạt động của Ban đã được ghi kết quả."


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


def _store_evidence(activity: Activity, files) -> list[Evidence]:
    """Check every file first (a bad one refuses them all), then store each under its
    server-made name."""
    try:
        checked = check_files(files, keep_location=False)
    except ValidationError as error:
        raise DomainError("files", " ".join(error.messages)) from error
    stored = []
    for item in checked:
        evidence = Evidence(
            activity=activity,
            original_name=item.display_name,
            content_type=item.content_type,
            size=len(item.content),
        )
        evidence.file.save(item.stored_name, ContentFile(item.content), save=False)
        evidence.save()
        stored.append(evidence)
    return stored


@transaction.atomic
def record_supervision(
    actor, activity: Activity, *, held_on: date, checked: str, findings: str, files=()
) -> Activity:
    """Record what an activity of an approved plan checked, when and what it found, with its
    evidence (photos, documents, scanned minutes signed on paper — JPEG, PNG or PDF, at most 5
    files of 5 MB, photos without metadata). Art. 38, 39, 43; D59 Art. 14, 18."""
    require(actor, "record_supervision", activity.plan)
    activity = (
        Activity.objects.select_for_update()
        .select_related("plan__board__commune")
        .get(pk=activity.pk)
    )
    if not activity.plan.approved_on:
        raise DomainError("not_approved", NOT_APPROVED)
    if activity.held_on:
        raise DomainError(
            "recorded", ALREADY_RECORDED.format(on=activity.held_on.strftime("%d/%m/%Y"))
        )
    if not (activity.starts_on <= held_on <= activity.ends_on):
        raise DomainError(
            "held_on",
            HELD_OUTSIDE.format(
                start=activity.starts_on.strftime("%d/%m/%Y"),
                end=activity.ends_on.strftime("%d/%m/%Y"),
            ),
        )
    if not checked.strip() or not findings.strip():
        raise DomainError("findings", NO_FINDINGS)
    activity.held_on, activity.checked, activity.findings = (
        held_on,
        checked.strip(),
        findings.strip(),
    )
    clean(activity)
    activity.save(update_fields=["held_on", "checked", "findings", "updated_at"])
    evidence = _store_evidence(activity, files)
    audit(
        "activity.record",
        activity,
        actor=actor,
        commune=activity.plan.board.commune,
        summary={"plan": activity.plan_id, "evidence": [e.pk for e in evidence]},
    )
    return activity


@transaction.atomic
def send_recommendation(
    actor,
    board: Board,
    *,
    addressee: str,
    content: str,
    received_on: date,
    activity: Activity | None = None,
) -> Recommendation:
    """Send a recommendation (confirmed by the Front where Art. 40(2), 45(1) require it), from
    a recorded activity or on its own; its due date is computed by the law: 15 days after
    receipt."""
    require(actor, "send_recommendation", board)
    if activity is not None:
        activity = Activity.objects.select_related("plan").get(pk=activity.pk)
        if activity.plan.board_id != board.pk or not activity.held_on:
            raise DomainError("activity", NOT_RECORDED)
    if not content.strip():
        raise DomainError("content", NO_CONTENT)
    if addressee not in Recommendation.Addressee.values:
        raise DomainError("addressee", "Hãy chọn cơ quan nhận kiến nghị.")
    rec = Recommendation(
        board=board,
        commune=board.commune,
        activity=activity,
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
