"""The officer's actions on a case: classify, accept or refuse, assign, transfer, merge, ask
for more information, answer, extend, close, and turn an anonymous denunciation into an
inspection lead. Each checks the permission of its name and the status (``ALLOWED``), writes,
and leaves one audit event; the sender hears of it by SMS or e-mail (no names in texts)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dancoso.accounts.scope import holds_role
from dancoso.core.errors import DomainError
from dancoso.places.models import Agency

from .. import deadlines, law
from ..models import Case
from ..rules import HANDLERS, case_place
from .common import allow, audit, locked, require, save, step, tell_sender

REASON_REQUIRED = "Hãy ghi lý do (người gửi sẽ đọc lý do này)."
TEXT_REQUIRED = "Hãy ghi nội dung."
NOT_A_HANDLER = "Người được giao phải là cán bộ giải quyết hồ sơ của xã hoặc cơ quan này."
SAME_CASE = "Không thể gộp một hồ sơ với chính nó."
OTHER_COMMUNE = "Chỉ gộp được với hồ sơ của cùng xã."
MERGE_CHAIN = "Hồ sơ đích đã được gộp vào hồ sơ khác; hãy gộp vào hồ sơ {code}."
NOT_ANONYMOUS = "Chỉ đơn tố cáo nặc danh mới chuyển thành nguồn tin thanh tra."
ANONYMOUS_NOT_ACCEPTED = law.ANONYMOUS_DENUNCIATION
EXTEND_ONLY_DENUNCIATION = (
    "Chỉ tố cáo đã thụ lý mới được gia hạn giải quyết (Luật Tố cáo, Điều 30)."
)
TRANSFER_TARGET = "Hãy chọn cơ quan nhận hoặc ghi tên cơ quan có thẩm quyền."


def _reason(text: str, field: str = "reason") -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: REASON_REQUIRED if field == "reason" else TEXT_REQUIRED})
    return text[:5000]


def _status(case: Case, status: str, actor, *, text: str = "", public: bool = True) -> None:
    case.status = status
    step(case, "status", actor=actor, text=text, public=public)


def _respond(case: Case, today) -> None:
    case.responded_on = case.responded_on or today


@transaction.atomic
def classify_case(
    case: Case,
    *,
    actor,
    kind: str,
    village=None,
    is_complex=False,
    especially_complex=False,
    is_remote=False,
    several_places=False,
    not_competent=False,
) -> Case:
    """Phân loại: fix the kind and the facts the deadlines depend on (complex, remote area,
    several places; a denunciation the commune is not competent for, which must be
    forwarded within 5 working days of receipt, Law 25/2018 Art. 24(3))."""
    case = locked(case)
    require(actor, "classify_case", case)
    allow(case, "classify")
    if kind not in set(law.Kind):
        raise ValidationError({"kind": "Hãy chọn đúng loại."})
    if village is not None and village.commune_id != case.commune_id:
        raise ValidationError({"village": "Thôn không thuộc xã của hồ sơ."})
    changed = {
        "kind": kind,
        "village_id": getattr(village, "pk", None),
        "is_complex": is_complex,
        "especially_complex": especially_complex,
        "is_remote": is_remote,
        "several_places": several_places,
        "not_competent": bool(not_competent) and kind == law.Kind.DENUNCIATION,
    }
    fields = [name for name, value in changed.items() if getattr(case, name) != value]
    for name in fields:
        setattr(case, name, changed[name])
    save(case, [f.removesuffix("_id") for f in fields])
    audit("classify_case", case, actor=actor, summary={"fields": fields, "kind": kind})
    return case


@transaction.atomic
def accept_case(case: Case, *, actor) -> Case:
    """Thụ lý: the case will be resolved; the resolution deadline starts today. An anonymous
    denunciation cannot be accepted as one (Law 25/2018 Art. 25)."""
    case = locked(case)
    require(actor, "classify_case", case)
    allow(case, "accept")
    if case.kind == law.Kind.DENUNCIATION and case.anonymous:
        raise DomainError("anonymous_denunciation", ANONYMOUS_NOT_ACCEPTED)
    today = timezone.localdate()
    case.accepted_on = today
    _respond(case, today)
    _status(case, Case.Status.ACCEPTED, actor)
    save(case, ["accepted_on", "responded_on", "status"])
    audit("accept_case", case, actor=actor)
    tell_sender(case, f"Hồ sơ {case.tracking_code} đã được thụ lý và đang được giải quyết.")
    return case


@transaction.atomic
def refuse_case(case: Case, *, actor, reason: str) -> Case:
    """Không thụ lý: the case is not admissible or not this body's; the sender is told why
    (Law 42/2013 Art. 28; Law 02/2011 Art. 11)."""
    case = locked(case)
    require(actor, "classify_case", case)
    allow(case, "refuse")
    reason = _reason(reason)
    _respond(case, timezone.localdate())
    _status(case, Case.Status.REFUSED, actor, text=reason)
    save(case, ["responded_on", "status"])
    audit("refuse_case", case, actor=actor)
    tell_sender(case, f"Hồ sơ {case.tracking_code} không được thụ lý. Lý do: {reason}")
    return case


@transaction.atomic
def assign_case(case: Case, *, actor, officer) -> Case:
    """Giao xử lý: put the case in one officer's hands (they, and the leader, then see a
    denunciation's sender)."""
    case = locked(case)
    require(actor, "assign_case", case)
    allow(case, "assign")
    if officer is None or not holds_role(officer, HANDLERS, case_place(case)):
        raise ValidationError({"officer": NOT_A_HANDLER})
    case.assigned_to = officer
    step(case, "note", actor=actor, text="", public=False)
    save(case, ["assigned_to"])
    audit("assign_case", case, actor=actor, summary={"officer_id": officer.pk})
    return case


@transaction.atomic
def transfer_case(
    case: Case, *, actor, reason: str, agency: Agency | None = None, body: str = ""
) -> Case:
    """Chuyển đơn: send the case to the competent body, with a reason the sender reads. To an
    agency on the platform it lands in that agency's inbox; to another body by name it leaves
    the platform (Law 42/2013 Art. 28; Law 25/2018 Art. 24(3))."""
    case = locked(case)
    require(actor, "transfer_case", case)
    allow(case, "transfer")
    reason = _reason(reason)
    if agency is None and not (body or "").strip():
        raise ValidationError({"agency": TRANSFER_TARGET})
    _respond(case, timezone.localdate())
    case.transferred_on = timezone.localdate()
    if agency is not None:
        case.agency, case.assigned_to = agency, None
        case.transferred_to = agency.name
        step(case, "status", actor=actor, text=f"Chuyển {agency.name}: {reason}")
        fields = ["agency", "assigned_to", "transferred_to", "responded_on", "transferred_on"]
    else:
        case.transferred_to = body.strip()[:200]
        _status(case, Case.Status.TRANSFERRED, actor, text=f"{case.transferred_to}: {reason}")
        fields = ["transferred_to", "responded_on", "status", "transferred_on"]
    save(case, fields)
    audit("transfer_case", case, actor=actor, summary={"agency_id": getattr(agency, "pk", None)})
    tell_sender(
        case, f"Hồ sơ {case.tracking_code} đã được chuyển {case.transferred_to}. Lý do: {reason}"
    )
    return case


@transaction.atomic
def merge_case(case: Case, *, actor, into: Case) -> Case:
    """Gộp hồ sơ trùng: a duplicate is closed into the case that will be answered; its sender
    follows that one through its own code."""
    case = locked(case)
    require(actor, "merge_case", case)
    allow(case, "merge")
    if into.pk == case.pk:
        raise ValidationError({"into": SAME_CASE})
    if into.commune_id != case.commune_id:
        raise ValidationError({"into": OTHER_COMMUNE})
    if into.duplicate_of_id:
        raise ValidationError({"into": MERGE_CHAIN.format(code=into.duplicate_of.tracking_code)})
    case.duplicate_of = into
    _respond(case, timezone.localdate())
    _status(case, Case.Status.MERGED, actor, text=f"Gộp vào hồ sơ {into.tracking_code}")
    save(case, ["duplicate_of", "responded_on", "status"])
    audit("merge_case", case, actor=actor, summary={"into": into.pk})
    return case


@transaction.atomic
def request_information(case: Case, *, actor, question: str) -> Case:
    """Đề nghị bổ sung: ask the sender for what is missing; they reply on the status page."""
    case = locked(case)
    require(actor, "request_information", case)
    allow(case, "request_information")
    question = _reason(question, "question")
    _status(case, Case.Status.NEEDS_INFO, actor, text=question)
    save(case, ["status"])
    audit("request_information", case, actor=actor)
    tell_sender(case, f"Hồ sơ {case.tracking_code} cần bổ sung: {question}")
    return case


@transaction.atomic
def add_information(case: Case, *, text: str) -> Case:
    """Bổ sung: the sender answers a question, through the tracking code (no account)."""
    case = locked(case)
    allow(case, "add_information")
    text = _reason(text, "text")
    case.status = Case.Status.ACCEPTED if case.accepted_on else Case.Status.RECEIVED
    step(case, "from_sender", text=text, public=False)
    save(case, ["status"])
    audit("add_information", case, actor=None)
    return case


@transaction.atomic
def answer_case(case: Case, *, actor, answer: str) -> Case:
    """Trả lời: the answer (or decision) goes to the sender; it settles whether the case was
    handled on time."""
    case = locked(case)
    require(actor, "answer_case", case)
    allow(case, "answer")
    if case.kind == law.Kind.DENUNCIATION and case.anonymous:
        raise DomainError("anonymous_denunciation", ANONYMOUS_NOT_ACCEPTED)
    answer = _reason(answer, "answer")
    today = timezone.localdate()
    _respond(case, today)
    case.answer, case.answered_on = answer, today
    case.resolved_on = case.resolved_on or today
    if case.review_requested:  # a new answer after a review: the sender rates it afresh
        case.satisfied, case.rating_reason = None, ""
    case.review_requested = False
    case.on_time = law.on_time(deadlines.deadlines_of(case))
    _status(case, Case.Status.ANSWERED, actor)
    save(
        case,
        [
            "answer",
            "answered_on",
            "resolved_on",
            "responded_on",
            "status",
            "on_time",
            "review_requested",
            "satisfied",
            "rating_reason",
        ],
    )
    audit("answer_case", case, actor=actor, summary={"on_time": case.on_time})
    tell_sender(
        case,
        f"Hồ sơ {case.tracking_code} đã có câu trả lời. Mời bạn xem và đánh giá bằng mã tra cứu.",
    )
    return case


@transaction.atomic
def extend_case(case: Case, *, actor, reason: str) -> Case:
    """Gia hạn giải quyết tố cáo: the leader extends by 30 days, once for a complex case,
    twice for an especially complex one (Law 25/2018 Art. 30(1))."""
    case = locked(case)
    require(actor, "extend_case", case)
    allow(case, "extend")
    if not case.is_denunciation or case.accepted_on is None:
        raise DomainError("not_extendable", EXTEND_ONLY_DENUNCIATION)
    reason = _reason(reason)
    try:
        law.check_extension(case.extensions, especially_complex=case.especially_complex)
    except ValueError as exc:
        raise DomainError("too_many_extensions", str(exc)) from exc
    case.extensions += 1
    step(case, "status", actor=actor, text=f"Gia hạn lần {case.extensions}: {reason}")
    save(case, ["extensions"])
    audit("extend_case", case, actor=actor, summary={"extensions": case.extensions})
    tell_sender(case, f"Thời hạn giải quyết hồ sơ {case.tracking_code} được gia hạn 30 ngày.")
    return case


@transaction.atomic
def close_case(case: Case, *, actor) -> Case:
    """Kết thúc: no further step is expected (the sender may still rate the answer)."""
    case = locked(case)
    require(actor, "close_case", case)
    allow(case, "close")
    _status(case, Case.Status.CLOSED, actor)
    save(case, ["status"])
    audit("close_case", case, actor=actor)
    return case


@transaction.atomic
def make_inspection_lead(case: Case, *, actor, reason: str) -> Case:
    """Chuyển thành nguồn tin thanh tra: an anonymous denunciation is not handled as one, but
    its specific, verifiable content may start an inspection (Law 25/2018 Art. 25)."""
    case = locked(case)
    require(actor, "classify_case", case)
    allow(case, "make_inspection_lead")
    if not (case.kind == law.Kind.DENUNCIATION and case.anonymous):
        raise DomainError("not_anonymous", NOT_ANONYMOUS)
    reason = _reason(reason)
    _respond(case, timezone.localdate())
    _status(case, Case.Status.INSPECTION_LEAD, actor, text=reason, public=False)
    save(case, ["responded_on", "status"])
    audit("make_inspection_lead", case, actor=actor)
    return case
