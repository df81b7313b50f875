"""Second-level cases: khiếu nại lần hai (Law on Complaints 02/2011/QH13 Art. 33, 36, 37) and
tố cáo tiếp (Law on Denunciations 25/2018/QH14 Art. 37). The sender, unsatisfied with the
first answer or not answered in time, files it from the status page with the first case's
tracking code; it becomes a new case of the same family (code ``<first code>-2``), linked to
the first, with its own deadlines. A denunciation's follow-up keeps the denouncer's identity
in ``CaseSender`` exactly as the first (only ``secrecy.sender_for`` reads it)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from dancoso.core.errors import DomainError

from .. import deadlines, followup_law, law
from ..models import Case, CaseSender
from .common import ALLOWED, allow, audit, locked, step, tell_sender
from .intake import save_new

NOT_FOLLOWABLE = (
    "Chỉ khiếu nại hoặc tố cáo có ghi họ tên, ở lần đầu, mới được khiếu nại lần hai hoặc tố "
    "cáo tiếp."
)
ALREADY_FOLLOWED = "Hồ sơ này đã có {what}: mã tra cứu {tracking}."
TEXT_NEEDED = "Hãy ghi lý do bạn chưa đồng ý với kết quả giải quyết lần đầu (hoặc việc quá hạn)."
WHAT = {law.Kind.COMPLAINT: "khiếu nại lần hai", law.Kind.DENUNCIATION: "tố cáo tiếp"}
STEP_TEXT = "Người gửi đã gửi {what}: hồ sơ {code}."
RECEIVED_TEXT = "Đã tiếp nhận {what} của bạn. Mã tra cứu: {code}."


def can_follow_up(case: Case) -> bool:
    """Whether ``case`` is of a kind and level that may have a second-level case (a named
    complaint or denunciation at the first level without one yet); timing is checked when
    it is filed."""
    return (
        "follow_up" in ALLOWED[case.status]
        and case.kind in WHAT
        and case.level == 1
        and not case.anonymous
        and not Case.objects.filter(follows=case).exists()
    )


def _window_start(first: Case, today):
    found = deadlines.deadlines_of(first)
    start = followup_law.follow_up_start(found, first.answered_on, today)
    if start is None:
        waiting = law.open_deadlines(found)
        due = waiting[-1].due if waiting else today
        raise DomainError(
            "follow_up_too_early",
            followup_law.FOLLOW_UP_TOO_EARLY.format(what=WHAT[law.Kind(first.kind)], due=due),
        )
    return start


@transaction.atomic
def file_follow_up(first: Case, *, text: str) -> Case:
    """Khiếu nại lần hai / tố cáo tiếp: the sender of ``first`` (holding its tracking code)
    files the second-level case. A second complaint must come within 30 days (45 in remote
    areas) of the first decision or of the lapse of its limit (Law 02/2011 Art. 33) — a late
    one is refused with the rule; a follow-up denunciation needs the conclusion or the lapse
    (Law 25/2018 Art. 37). One per case (a database constraint)."""
    first = locked(first)
    allow(first, "follow_up")
    if first.kind not in WHAT or first.level != 1 or first.anonymous:
        raise DomainError("not_followable", NOT_FOLLOWABLE)
    what = WHAT[law.Kind(first.kind)]
    existing = Case.objects.filter(follows=first).first()
    if existing is not None:
        raise DomainError(
            "already_followed", ALREADY_FOLLOWED, what=what, tracking=existing.tracking_code
        )
    text = str(text or "").strip()[:5000]
    if not text:
        raise ValidationError({"text": TEXT_NEEDED})
    today = timezone.localdate()
    start = _window_start(first, today)
    if first.kind == law.Kind.COMPLAINT:
        try:
            followup_law.check_second_complaint(start, today, remote=first.is_remote)
        except ValueError as exc:
            raise DomainError("second_complaint_late", str(exc)) from exc
    case = _create(first, text, today, what)
    step(first, "status", text=STEP_TEXT.format(what=what, code=case.tracking_code))
    step(case, "status", text="")
    audit("file_follow_up", case, actor=None, summary={"follows": first.pk, "kind": case.kind})
    tell_sender(case, RECEIVED_TEXT.format(what=what, code=case.tracking_code))
    return case


def _create(first: Case, text: str, today, what: str) -> Case:
    case = Case(
        tracking_code=f"{first.tracking_code}-2",
        commune=first.commune,
        agency=first.agency,
        kind=first.kind,
        channel=Case.Channel.PORTAL,
        subject=f"{what.capitalize()}: {first.subject}"[:200],
        description=text,
        village=first.village,
        is_remote=first.is_remote,
        received_on=today,
        follows=first,
        level=2,
    )
    try:
        with transaction.atomic():
            save_new(case)
    except IntegrityError as exc:  # a race: the other request filed it first
        raise DomainError(
            "already_followed", ALREADY_FOLLOWED, what=what, tracking=case.tracking_code
        ) from exc
    old = CaseSender.objects.filter(case=first).first()
    if old is not None:
        CaseSender.objects.create(
            case=case,
            full_name=old.full_name,
            phone=old.phone,
            email=old.email,
            address=old.address,
            user=old.user,
        )
    return case
