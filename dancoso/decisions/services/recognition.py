"""After the result: the community decision is sent to the commune People's Committee and the
Front committee within 5 working days (Law Art. 20(2)); conventions and village heads take
effect on the Committee's recognition, board members on the Front's, each due within 5
working days or refused in writing with reasons (Law Art. 21(2)–(3))."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.workdays import configured_overrides

from .. import law
from ..law import EffectBasis, Kind, Scope
from ..models import Decision
from ..rules import COMMITTEE, FRONT, decision_place
from .common import audit, locked, require

NOT_SENT = "Hãy ghi ngày gửi quyết định đến UBND xã và Ủy ban MTTQ xã trước."
BEFORE_VOTE = "Ngày gửi không thể trước ngày biểu quyết ({day:%d/%m/%Y})."
BEFORE_SENT = "Ngày công nhận không thể trước ngày nhận quyết định ({day:%d/%m/%Y})."
NO_RECOGNITION = "Nội dung này có hiệu lực khi được thông qua; không cần quyết định công nhận."
NOT_ADOPTED = "Nội dung không được thông qua nên không có gì để công nhận."
REASON_REQUIRED = (
    "Từ chối công nhận phải bằng văn bản và nêu rõ lý do (Luật 10/2022/QH15, Điều 21 khoản 3)."
)
ALREADY = "Đã ghi quyết định công nhận hoặc từ chối cho nội dung này."
WRONG_BODY = "{body} công nhận nội dung này; tài khoản của bạn không thuộc cơ quan đó."
BODIES = {
    EffectBasis.COMMITTEE_RECOGNITION: ("UBND xã", COMMITTEE),
    EffectBasis.COMMITTEE_DATE: ("UBND xã", COMMITTEE),
    EffectBasis.FRONT_RECOGNITION: ("Ủy ban MTTQ xã", FRONT),
}


@transaction.atomic(durable=True)
def send_decision(decision: Decision, *, actor, sent_on: date) -> Decision:
    """Gửi quyết định: the organiser records the day the community decision went to the
    commune People's Committee and Front committee; the audit event says whether it was within
    the 5 working days (Law Art. 20(2))."""
    decision = locked(decision, "send_decision")
    require(actor, "manage_decision", decision)
    if sent_on < decision.voting_on:
        raise DomainError("before_vote", BEFORE_VOTE, day=decision.voting_on)
    decision.sent_on = sent_on
    decision.save(update_fields=["sent_on", "updated_at"])
    due = law.decision_due(decision.voting_on, configured_overrides())
    audit("send_decision", decision, actor=actor, summary={"late": sent_on > due})
    return decision


def _check_body(decision: Decision, actor, basis: EffectBasis) -> None:
    from dancoso.accounts.scope import holds_role

    body, roles = BODIES[basis]
    if getattr(actor, "is_superuser", False):
        return
    if not holds_role(actor, roles, decision_place(decision)):
        raise PermissionDeniedError(WRONG_BODY.format(body=body))


@transaction.atomic(durable=True)
def record_recognition(
    decision: Decision, *, actor, recognised: bool, on: date, reason: str = ""
) -> Decision:
    """Ghi quyết định công nhận: the commune People's Committee (conventions, village heads,
    the date of a commune-wide kind 1–2) or the Front committee (board members) recognises the
    adopted decision, or refuses in writing with reasons (Law Art. 21(2)–(3))."""
    decision = locked(decision, "record_recognition")
    require(actor, "record_recognition", decision)
    basis = law.effect_basis(Kind(decision.kind), Scope(decision.scope))
    if basis == EffectBasis.ADOPTION:
        raise DomainError("no_recognition", NO_RECOGNITION)
    _check_body(decision, actor, basis)
    if not decision.result.get("adopted"):
        raise DomainError("not_adopted", NOT_ADOPTED)
    if decision.recognition:
        raise DomainError("already_recognised", ALREADY)
    if decision.sent_on is None:
        raise DomainError("not_sent", NOT_SENT)
    if on < decision.sent_on:
        raise DomainError("before_sent", BEFORE_SENT, day=decision.sent_on)
    if not recognised and not reason.strip():
        raise DomainError("reason_required", REASON_REQUIRED)
    decision.recognition = (
        Decision.Recognition.RECOGNISED if recognised else Decision.Recognition.REFUSED
    )
    decision.recognition_on = on
    decision.recognition_reason = reason.strip()
    decision.full_clean()
    decision.save(
        update_fields=["recognition", "recognition_on", "recognition_reason", "updated_at"]
    )
    due = law.recognition_due(decision.sent_on, configured_overrides())
    audit(
        "record_recognition",
        decision,
        actor=actor,
        summary={"recognised": recognised, "late": on > due},
    )
    return decision


def effective_on(decision: Decision) -> date | None:
    """The day the decision took effect, or ``None`` (not adopted, or still waiting for its
    recognition) — Law Art. 21(2)."""
    if not decision.result.get("adopted") or decision.closed_at is None:
        return None
    recognised = decision.recognition == Decision.Recognition.RECOGNISED
    return law.effect_date(
        Kind(decision.kind),
        Scope(decision.scope),
        adopted_on=timezone.localdate(decision.closed_at),
        recognised_on=decision.recognition_on if recognised else None,
        committee_date=decision.recognition_on if recognised else None,
    )
