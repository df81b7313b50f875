"""Helpers of the case services: the permission check, the acting role, the audit record, the
row lock, the deadline refresh and messages to the sender after commit."""

from django.db import IntegrityError, transaction

from dancoso.accounts.messaging import sender
from dancoso.accounts.models import RoleGrant, User
from dancoso.accounts.scope import active_grants, covers
from dancoso.audit.services import record
from dancoso.core.actors import SystemActor
from dancoso.core.errors import DomainError, PermissionDeniedError

from .. import deadlines
from ..models import Case, CaseStep
from ..rules import case_place
from ..secrecy import contact_of

PUBLIC = SystemActor("public")  # a sender with no account, in the audit log
NOT_NOW = "Hồ sơ đang ở trạng thái “{status}”: không thể {action} lúc này."

# Which actions each status allows (DESIGN.md rule 8: lifecycles declared as data).
ALLOWED: dict[str, set[str]] = {
    Case.Status.RECEIVED: {
        "classify",
        "accept",
        "refuse",
        "assign",
        "transfer",
        "merge",
        "request_information",
        "answer",
        "make_inspection_lead",
        "follow_up",
    },
    Case.Status.NEEDS_INFO: {
        "follow_up",
        "classify",
        "accept",
        "refuse",
        "assign",
        "transfer",
        "merge",
        "request_information",
        "add_information",
        "answer",
    },
    Case.Status.ACCEPTED: {
        "classify",
        "assign",
        "transfer",
        "merge",
        "request_information",
        "answer",
        "extend",
        "follow_up",
    },
    Case.Status.ANSWERED: {"close", "rate", "publish", "assign", "follow_up"},
    Case.Status.CLOSED: {"rate", "publish", "follow_up"},
    Case.Status.REFUSED: {"close"},
    Case.Status.TRANSFERRED: set(),
    Case.Status.MERGED: set(),
    Case.Status.INSPECTION_LEAD: set(),
}
ACTION_WORDS = {
    "classify": "phân loại",
    "accept": "thụ lý",
    "refuse": "từ chối thụ lý",
    "assign": "giao cán bộ",
    "transfer": "chuyển đi",
    "merge": "gộp",
    "request_information": "đề nghị bổ sung",
    "add_information": "bổ sung thông tin",
    "answer": "trả lời",
    "close": "kết thúc",
    "extend": "gia hạn",
    "rate": "đánh giá",
    "publish": "công khai",
    "make_inspection_lead": "chuyển thành nguồn tin thanh tra",
    "follow_up": "gửi khiếu nại lần hai hoặc tố cáo tiếp",
}


def require(actor, permission: str, obj) -> None:
    """Refuse with ``PermissionDeniedError`` unless ``actor`` holds ``feedback.<permission>``."""
    if not actor.has_perm(f"feedback.{permission}", obj):
        raise PermissionDeniedError()


def allow(case: Case, action: str) -> None:
    """Refuse an action the case's status does not allow."""
    if action not in ALLOWED[case.status]:
        raise DomainError(
            "wrong_status", NOT_NOW, status=case.get_status_display(), action=ACTION_WORDS[action]
        )


def acting_role(actor, case: Case) -> str:
    if getattr(actor, "is_superuser", False):
        return "superuser"
    if getattr(actor, "pk", None) is None:
        return "system" if actor is not None else "public"
    place = case_place(case)
    return next((g.role for g in active_grants(actor) if covers(g, place)), "")


def audit(action: str, case: Case, *, actor, summary: dict | None = None) -> None:
    """One event in the case's commune chain; summaries carry ids and field names only."""
    if not getattr(actor, "is_authenticated", False):
        actor = PUBLIC
    record(
        f"feedback.{action}",
        actor=actor,
        obj=case,
        summary=summary or {},
        commune_code=case.commune.code,
        role=acting_role(actor, case),
    )


def locked(case: Case) -> Case:
    """The case row, locked for this transaction."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("commune__province", "agency")
        .get(pk=case.pk)
    )


def save(case: Case, fields: list[str]) -> None:
    """Validate, recompute the next deadline and save the named fields."""
    case.next_due = deadlines.next_due(case)
    case.full_clean(
        exclude=["commune", "agency", "village", "assigned_to", "duplicate_of", "follows"]
    )
    case.save(update_fields=[*fields, "next_due", "updated_at"])


def step(case: Case, type_: str, *, actor=None, text: str = "", public: bool = True) -> None:
    """Add a line to the case's history (its status at that moment)."""
    CaseStep.objects.create(
        case=case,
        type=type_,
        status=case.status,
        text=text,
        public=public,
        actor=actor if getattr(actor, "pk", None) else None,
    )


def tell_sender(case: Case, text: str) -> None:
    """Send ``text`` to the sender's phone or e-mail after commit. Texts carry the tracking
    code and the news, never a name."""
    contact = contact_of(case)
    if contact is None or not (contact.phone or contact.email):
        return
    phone, email = contact.phone, contact.email

    def send() -> None:
        if phone:
            sender().send_sms(phone, text)
        else:
            sender().send_email(email, f"Hồ sơ {case.tracking_code}", text)

    transaction.on_commit(send)


def save_once(obj, code: str, message: str, **params) -> None:
    """Save a row whose uniqueness the database guards; a duplicate (a race included) becomes
    a clear ``DomainError`` instead of an error page."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise DomainError(code, message, **params) from exc


def grants_over(today, roles, place):
    """Role grants in force on ``today`` with one of ``roles`` over ``place`` (field filters)."""
    return RoleGrant.objects.active_on(today).filter(role__in=roles, **place)


def send_to(users: list[User], text: str, subject: str = "Nhắc hạn hồ sơ") -> None:
    """Send ``text`` to each user's phone (else e-mail) after commit."""
    contacts = [(u.phone, u.email) for u in users if u.phone or u.email]

    def deliver() -> None:
        for phone, email in contacts:
            if phone:
                sender().send_sms(phone, text)
            else:
                sender().send_email(email, subject, text)

    transaction.on_commit(deliver)
