"""The resident's side of an answered case, through the tracking code (no account): rate the
answer, ask for review once; and the officer's publication of an answer with personal data
removed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dancoso.core.errors import DomainError

from ..law import Kind
from ..models import Case
from ..redact import redact
from ..secrecy import contact_of
from .common import allow, audit, locked, require, save, step

REASON_NEEDED = "Hãy cho biết vì sao bạn chưa hài lòng, để cán bộ xem xét lại."
ALREADY_RATED = "Bạn đã đánh giá câu trả lời này rồi."
REVIEW_ONCE = "Mỗi hồ sơ chỉ được đề nghị xem xét lại một lần."
REVIEW_NEEDS_UNSATISFIED = "Chỉ đề nghị xem xét lại khi bạn chưa hài lòng với câu trả lời."
NOT_PUBLISHABLE = (
    "Quyết định giải quyết khiếu nại không công khai theo cách này; chỉ câu trả lời phản ánh, "
    "kiến nghị, góp ý và kết luận tố cáo được công khai trên cổng."
)

REVIEW_STEP = "Người gửi đề nghị xem xét lại"


def _reviewed(case: Case) -> bool:
    return case.steps.filter(type="status", text=REVIEW_STEP).exists()


@transaction.atomic
def rate_answer(case: Case, *, satisfied: bool, reason: str = "", ask_review: bool = False) -> Case:
    """Đánh giá câu trả lời: the sender rates it once (satisfied or not, with a reason when
    not); when not satisfied they may ask, once, for the case to be looked at again — it
    goes back to the inbox as accepted."""
    case = locked(case)
    allow(case, "rate")
    if case.satisfied is not None:
        raise DomainError("already_rated", ALREADY_RATED)
    reason = " ".join((reason or "").split())[:500]
    if not satisfied and not reason:
        raise ValidationError({"reason": REASON_NEEDED})
    if ask_review and satisfied:
        raise DomainError("review_needs_unsatisfied", REVIEW_NEEDS_UNSATISFIED)
    if ask_review and _reviewed(case):
        raise DomainError("review_once", REVIEW_ONCE)
    case.satisfied, case.rating_reason = satisfied, reason
    fields = ["satisfied", "rating_reason"]
    if ask_review:
        case.review_requested, case.status = True, Case.Status.ACCEPTED
        case.accepted_on = case.accepted_on or timezone.localdate()
        step(case, "status", text=REVIEW_STEP)
        fields += ["review_requested", "status", "accepted_on"]
    save(case, fields)
    audit("rate_answer", case, actor=None, summary={"satisfied": satisfied, "review": ask_review})
    return case


@transaction.atomic
def request_review(case: Case, *, reason: str) -> Case:
    """Đề nghị xem xét lại, after an unsatisfied rating: once per case."""
    case = locked(case)
    allow(case, "rate")
    if case.satisfied is not False:
        raise DomainError("review_needs_unsatisfied", REVIEW_NEEDS_UNSATISFIED)
    if case.review_requested or _reviewed(case):
        raise DomainError("review_once", REVIEW_ONCE)
    case.review_requested, case.status = True, Case.Status.ACCEPTED
    step(case, "from_sender", text=" ".join((reason or "").split())[:2000], public=False)
    step(case, "status", text=REVIEW_STEP)
    save(case, ["review_requested", "status"])
    audit("request_review", case, actor=None)
    return case


@transaction.atomic
def publish_answer(case: Case, *, actor, text: str | None = None) -> Case:
    """Công khai câu trả lời: an answer to a report, proposal or suggestion — or a
    denunciation's conclusion, within 7 working days (Law 25/2018 Art. 40) — goes on the
    portal with phone numbers, e-mail addresses, identity numbers and the sender's name
    removed (for a denunciation the denouncer is never revealed, Art. 40, 8(3)). Complaint
    decisions are not published this way."""
    case = locked(case)
    require(actor, "answer_case", case)
    allow(case, "publish")
    if case.kind not in (Kind.REPORT, Kind.PROPOSAL, Kind.SUGGESTION, Kind.DENUNCIATION):
        raise DomainError("not_publishable", NOT_PUBLISHABLE)
    contact = contact_of(case)
    names = (contact.full_name, contact.address) if contact else ()
    case.public_answer = redact(text if text is not None else case.answer, names)
    case.published, case.published_on = True, timezone.localdate()
    save(case, ["public_answer", "published", "published_on"])
    audit("publish_answer", case, actor=actor)
    return case
