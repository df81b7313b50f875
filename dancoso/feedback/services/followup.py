"""Second-level cases: khiếu nại lần hai (Law on Complaints 02/2011/QH13 Art. 33, 36, 37) and
tố cáo tiếp (Law on Denunciations 25/2018/QH14 Art. 37). The sender, unsatisfied with the
first answer or not answered in time, files it from the status page with the first case's
tracking code; it becomes a new case of the same family (code ``<first code>-2``), linked to
the first, with its own deadlines. A denunciation's follow-up keeps the denouncer's identity
in ``CaseSender`` exactly as the first (only ``secrecy.sender_for`` reads it)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from dancoso.core.errors import DomainError

from .. import deadlines, followup_law, law
from ..models import Case, CaseSender
from ..queries import get_case_by_code
from .common import ALLOWED, allow, audit, locked, require, step, tell_sender
from .intake import clean_contact, clean_text, new_tracking_code, save_new
from .routing import route_upward

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


def _checked_first(first: Case, when) -> tuple[Case, str, object]:
    """Lock ``first``, check it may have a second-level case filed on ``when``, and return it
    with the word for the follow-up and the day its window opened."""
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
    return first, what, _window_start(first, when)


def _check_window(kind: str, start, filed_on, *, remote: bool) -> None:
    if kind == law.Kind.COMPLAINT:
        try:
            followup_law.check_second_complaint(start, filed_on, remote=remote)
        except ValueError as exc:
            raise DomainError("second_complaint_late", str(exc)) from exc


def _text_of(text) -> str:
    text = str(text or "").strip()[:5000]
    if not text:
        raise ValidationError({"text": TEXT_NEEDED})
    return text


@transaction.atomic
def file_follow_up(first: Case, *, text: str) -> Case:
    """Khiếu nại lần hai / tố cáo tiếp: the sender of ``first`` (holding its tracking code)
    files the second-level case. A second complaint must come within 30 days (45 in remote
    areas) of the first decision or of the lapse of its limit (Law 02/2011 Art. 33) — a late
    one is refused with the rule; a follow-up denunciation needs the conclusion or the lapse
    (Law 25/2018 Art. 37). One per case (a database constraint). It then goes to the upper
    level's inbox (``routing.route_upward``)."""
    text = _text_of(text)
    today = timezone.localdate()
    first, what, start = _checked_first(first, today)
    _check_window(first.kind, start, today, remote=first.is_remote)
    case = _create(first, what, description=text, received_on=today)
    _copy_sender(first, case)
    step(first, "status", text=STEP_TEXT.format(what=what, code=case.tracking_code))
    step(case, "status", text="")
    audit("file_follow_up", case, actor=None, summary={"follows": first.pk, "kind": case.kind})
    tell_sender(case, RECEIVED_TEXT.format(what=what, code=case.tracking_code))
    if route_upward(case) is not None:
        case.refresh_from_db()  # it may now sit in the upper body's inbox
    return case


def _create(first: Case | None, what: str, **fields) -> Case:
    """The second-level case, from ``first`` when it is on the platform (its code plus
    ``-2``; a race on the one-per-case constraint becomes a clear refusal)."""
    if first is not None:
        fields = {
            "tracking_code": f"{first.tracking_code}-2",
            "commune": first.commune,
            "agency": first.agency,
            "kind": first.kind,
            "subject": f"{what.capitalize()}: {first.subject}"[:200],
            "village": first.village,
            "is_remote": first.is_remote,
            "follows": first,
            **fields,
        }
    case = Case(level=2, channel=fields.pop("channel", Case.Channel.PORTAL), **fields)
    try:
        with transaction.atomic():
            save_new(case)
    except IntegrityError as exc:  # a race: the other request filed it first
        raise DomainError(
            "already_followed", ALREADY_FOLLOWED, what=what, tracking=case.tracking_code
        ) from exc
    return case


def _copy_sender(first: Case, case: Case) -> None:
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


PAPER_NEEDS_FIRST = (
    "Hãy ghi mã tra cứu của hồ sơ lần đầu, hoặc số, ngày của quyết định giải quyết lần đầu "
    "(hay kết luận tố cáo) và ngày người gửi nhận được."
)
FIRST_NOT_HERE = "Không có hồ sơ lần đầu với mã này ở xã đang chọn."
NAME_NEEDED = (
    "Khiếu nại lần hai và tố cáo tiếp phải ghi họ tên người gửi (Luật Khiếu nại, Điều 8, "
    "Điều 11; Luật Tố cáo, Điều 23, Điều 25)."
)
DECISION_AFTER_FILING = "Ngày nhận quyết định lần đầu không được sau ngày nhận đơn lần hai."
NOT_A_CHANNEL = "Hãy chọn kênh tiếp nhận: điện thoại, tiếp công dân, thư điện tử, đơn thư."


@transaction.atomic
def take_follow_up(
    commune,
    *,
    actor,
    kind: str,
    channel: str,
    received_on,
    text: str,
    first_code: str = "",
    first_decision: str = "",
    first_decision_on=None,
    full_name: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    is_remote: bool = False,
) -> Case:
    """Nhập khiếu nại lần hai / tố cáo tiếp received on paper or in person: the officer links it
    to the first case by its tracking code, or — when the first decision was made off the
    platform — writes that decision's number and date and the day the sender received it
    (or the day the first-level limit lapsed). The Art. 33 window counts to the day the desk
    received it, not the day it is typed in (Law 02/2011 Art. 33; Law 25/2018 Art. 37); a
    late second complaint is refused with the rule and nothing is saved. Then it goes to the
    upper level's inbox (``routing.route_upward``)."""
    require(actor, "take_case", Case(commune=commune))
    errors = {}
    if kind not in WHAT:
        errors["kind"] = "Hãy chọn khiếu nại lần hai hoặc tố cáo tiếp."
    if channel not in Case.Channel.values or channel == Case.Channel.PORTAL:
        errors["channel"] = NOT_A_CHANNEL
    if received_on is None or received_on > timezone.localdate():
        errors["received_on"] = "Hãy ghi ngày nhận đơn (không ở tương lai)."
    if errors:
        raise ValidationError(errors)
    text = _text_of(text)
    if first_code:
        case = _paper_linked(commune, first_code, kind, channel, received_on, text)
    else:
        case = _paper_alone(
            commune,
            kind=kind,
            channel=channel,
            received_on=received_on,
            text=text,
            first_decision=clean_text(first_decision, 200),
            first_decision_on=first_decision_on,
            is_remote=is_remote,
            sender=_paper_sender(full_name, phone, email, address),
        )
    step(case, "status", actor=actor)
    audit(
        "take_follow_up",
        case,
        actor=actor,
        summary={"follows": case.follows_id, "kind": case.kind, "channel": channel},
    )
    tell_sender(case, RECEIVED_TEXT.format(what=WHAT[law.Kind(kind)], code=case.tracking_code))
    if route_upward(case) is not None:
        case.refresh_from_db()  # it may now sit in the upper body's inbox
    return case


def _paper_sender(full_name: str, phone: str, email: str, address: str) -> CaseSender:
    phone, email = clean_contact(phone, email, required=False)
    return CaseSender(
        full_name=clean_text(full_name, 150),
        phone=phone,
        email=email,
        address=clean_text(address, 255),
    )


def _paper_linked(commune, code: str, kind: str, channel: str, received_on, text: str) -> Case:
    try:
        first = get_case_by_code(code)
    except Http404 as exc:
        raise ValidationError({"first_code": FIRST_NOT_HERE}) from exc
    if first.commune_id != commune.pk:
        raise ValidationError({"first_code": FIRST_NOT_HERE})
    if first.kind != kind:
        raise ValidationError({"kind": NOT_FOLLOWABLE})
    first, what, start = _checked_first(first, received_on)
    _check_window(kind, start, received_on, remote=first.is_remote)
    case = _create(first, what, description=text, received_on=received_on, channel=channel)
    _copy_sender(first, case)
    step(first, "status", text=STEP_TEXT.format(what=what, code=case.tracking_code))
    return case


def _paper_alone(commune, *, sender: CaseSender, **data) -> Case:
    if not (data["first_decision"] and data["first_decision_on"]):
        raise ValidationError({"first_decision": PAPER_NEEDS_FIRST})
    if data["first_decision_on"] > data["received_on"]:
        raise ValidationError({"first_decision_on": DECISION_AFTER_FILING})
    if not sender.full_name:
        raise ValidationError({"full_name": NAME_NEEDED})
    what = WHAT[law.Kind(data["kind"])]
    _check_window(
        data["kind"], data["first_decision_on"], data["received_on"], remote=data["is_remote"]
    )
    case = _create(
        None,
        what,
        tracking_code=new_tracking_code(),
        commune=commune,
        subject=f"{what.capitalize()}: {data['first_decision']}"[:200],
        description=data.pop("text"),
        **data,
    )
    sender.case = case
    sender.full_clean(exclude=["case", "user"], validate_unique=False)
    sender.save(force_insert=True)
    return case
