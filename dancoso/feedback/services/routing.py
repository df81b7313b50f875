"""Routing to the upper level (``routing_law``): a second complaint, a follow-up denunciation or
a denunciation outside the commune's competence moves to the inbox of the province's upper body
(``UpperBody``); an overdue denunciation stays and the upper body is told (Law 25/2018 Art. 38).
Run when a second-level case is filed and by the daily deadline check, as the system actor."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from dancoso.accounts.models import User
from dancoso.accounts.roles import Role
from dancoso.core.actors import SystemActor

from .. import deadlines, routing_law
from ..models import Case, UpperBody
from .common import audit, grants_over, locked, save, send_to, step, tell_sender

ACTOR = SystemActor("feedback.routing")
MOVED_STEP = "Chuyển lên {body}: {label} ({article})."
TOLD_STEP = "Đã báo {body}: {label} ({article})."
NO_BODY_STEP = (
    "{label} ({article}), nhưng tỉnh chưa khai báo cơ quan cấp trên trên hệ thống: hãy chuyển "
    "đơn bằng văn bản tới cơ quan có thẩm quyền."
)
TO_SENDER = "Hồ sơ {code} đã được chuyển lên {body} giải quyết theo quy định ({article})."
TO_UPPER = "Hồ sơ {code} của {commune}: {label} ({article}). Xem trong hộp thư của {body}."


def upper_body_of(case: Case) -> UpperBody | None:
    """The upper body registered for the case's province, or None."""
    return (
        UpperBody.objects.select_related("agency")
        .filter(province_id=case.commune.province_id)
        .first()
    )


@transaction.atomic
def route_upward(case: Case, *, today: date | None = None) -> routing_law.Route | None:
    """Send ``case`` up when a rule of ``routing_law`` says so and it has not gone up for that
    reason yet; returns the rule applied, or None. Without an upper body registered for the
    province, the case stays and a note says so once (the deadline alerts still reach the
    leader). One audit event (``feedback.route_case``) per routing."""
    today = today or timezone.localdate()
    case = locked(case)
    route = routing_law.upward_route(deadlines.facts_of(case), deadlines.deadlines_of(case), today)
    if route is None or case.route_reason == route.reason:
        return None
    body = upper_body_of(case)
    label, article = route.label, route.article
    case.route_reason, case.routed_on = route.reason, today
    fields = ["route_reason", "routed_on"]
    if body is None:
        step(case, "note", text=NO_BODY_STEP.format(label=label, article=article), public=False)
    elif route.moves:
        fields += _move(case, body, today, route)
    else:
        told = TOLD_STEP.format(body=body.agency.name, label=label, article=article)
        step(case, "note", text=told)
    save(case, fields)
    audit(
        "route_case",
        case,
        actor=ACTOR,
        summary={"reason": route.reason, "agency_id": body.agency_id if body else None},
    )
    if body is not None:
        _tell_upper(case, body, route)
    return route


def _move(case: Case, body: UpperBody, today: date, route) -> list[str]:
    case.agency, case.assigned_to = body.agency, None
    case.transferred_to, case.transferred_on = body.agency.name[:200], today
    if route.reason == routing_law.Reason.NOT_COMPETENT:  # forwarding answers the reception
        case.responded_on = case.responded_on or today
    text = MOVED_STEP.format(body=body.agency.name, label=route.label, article=route.article)
    step(case, "status", text=text)
    name = body.agency.name
    tell_sender(case, TO_SENDER.format(code=case.tracking_code, body=name, article=route.article))
    return ["agency", "assigned_to", "transferred_to", "transferred_on", "responded_on"]


def _tell_upper(case: Case, body: UpperBody, route) -> None:
    grants = grants_over(
        timezone.localdate(), {Role.AGENCY_HEAD, Role.AGENCY_STAFF}, {"agency_id": body.agency_id}
    )
    users = list(User.objects.filter(grants__in=grants).distinct())
    text = TO_UPPER.format(
        code=case.tracking_code,
        commune=case.commune.name,
        label=route.label,
        article=route.article,
        body=body.agency.name,
    )
    send_to(users, text, subject=f"Hồ sơ {case.tracking_code} chuyển lên cấp trên")
