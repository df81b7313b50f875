"""What a household representative does: answer whether to decide online, and cast the
household's one online ballot (Decree 59/2023/NĐ-CP Art. 5)."""

import hashlib
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.households.models import Household

from ..models import Ballot, Decision, OnlinePollAnswer, Option, Participation
from ..queries import represented_households
from .common import audit, locked, require, shared

ALREADY_VOTED = (
    "Hộ của bạn đã tham gia biểu quyết nội dung này (mỗi hộ một phiếu, dù bằng hình thức nào). "
    "Phiếu đã được ghi nhận; không thể biểu quyết lại."
)
NOT_ONLINE = "Nội dung này không biểu quyết trực tuyến. Hãy tham dự hội nghị hoặc nộp phiếu."
BAD_OPTION = "Hãy chọn một trong các phương án của nội dung này."
OTHER_TEXT_REQUIRED = 'Bạn chọn "Ý kiến khác": hãy ghi ý kiến của mình (tối đa 500 ký tự).'
OTHER_TEXT_TOO_LONG = "Ý kiến khác dài quá 500 ký tự; hãy viết ngắn lại."
WHICH_HOUSEHOLD = "Bạn đại diện cho nhiều hộ: hãy chọn hộ bạn biểu quyết thay."
POLL_ALREADY = "Hộ của bạn đã trả lời câu hỏi này."
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class Receipt:
    """What the voter keeps: a code, shown once. Only its hash is stored, on the ballot."""

    code: str


def receipt_hash(code: str) -> str:
    """SHA-256 of a receipt code, as stored and published (case and dashes ignored)."""
    clean = code.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(clean.encode()).hexdigest()


def new_receipt_code() -> str:
    """12 random characters (60 bits), in groups of four."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _household_for(decision: Decision, actor, household: Household | None) -> Household:
    mine = list(represented_households(actor, decision))
    if household is not None:
        mine = [h for h in mine if h.pk == household.pk]
    if not mine:
        raise PermissionDeniedError()
    if len(mine) > 1:
        raise DomainError("which_household", WHICH_HOUSEHOLD)
    return mine[0]


@transaction.atomic(durable=True)
def answer_online_poll(
    decision: Decision, *, actor, wants_online: bool, household: Household | None = None
) -> OnlinePollAnswer:
    """Hỏi ý kiến hình thức trực tuyến: the representative says whether the household wants
    to decide this matter online; voting opens online only when more than half of ALL
    households said yes (Decree 59 Art. 5(3))."""
    decision = locked(decision, "answer_online_poll")
    require(actor, "answer_online_poll", decision)
    if not decision.allows_online:
        raise DomainError("not_online", NOT_ONLINE)
    home = _household_for(decision, actor, household)
    try:
        with transaction.atomic():
            answer = OnlinePollAnswer.objects.create(
                decision=decision, household=home, wants_online=wants_online
            )
    except IntegrityError as exc:
        raise DomainError("poll_already", POLL_ALREADY) from exc
    audit("answer_online_poll", decision, actor=actor, summary={"household": home.pk})
    return answer


def _check_choice(decision: Decision, option_id: int, other_text: str) -> Option:
    option = decision.options.filter(pk=option_id).first()
    if option is None:
        raise DomainError("bad_option", BAD_OPTION)
    text = other_text.strip()
    if option.role == Option.Role.OTHER and not text:
        raise DomainError("other_text_required", OTHER_TEXT_REQUIRED)
    if len(text) > 500:
        raise DomainError("other_text_too_long", OTHER_TEXT_TOO_LONG)
    return option


@transaction.atomic(durable=True)
def cast_ballot(
    decision: Decision,
    *,
    actor,
    option_id: int,
    other_text: str = "",
    household: Household | None = None,
) -> Receipt:
    """Biểu quyết trực tuyến: the household's representative casts its one ballot. The
    participation (unique per household and decision) and the ballot (no household, user or
    time) are written in this one transaction; a second attempt by any channel is refused.
    Returns the receipt code, whose hash alone is stored.

    Casts hold the decision row in share mode, so they run side by side, and append nothing to
    the commune's audit chain: each is audited once, inside the seal of the close event
    (``seal.py``), so ballots never queue on the chain's head lock."""
    decision = shared(decision, "cast_ballot")
    require(actor, "cast_ballot", decision)
    if not decision.allows_online:
        raise DomainError("not_online", NOT_ONLINE)
    home = _household_for(decision, actor, household)
    option = _check_choice(decision, option_id, other_text)
    try:  # no savepoint: a refusal rolls the whole transaction back anyway
        Participation.objects.create(
            decision=decision,
            household=home,
            village_id=home.village_id,
            channel="online",
            representative=actor,
        )
    except IntegrityError as exc:
        raise DomainError("already_voted", ALREADY_VOTED) from exc
    code = new_receipt_code()
    Ballot.objects.create(
        decision=decision,
        village_id=home.village_id,
        option=option,
        other_text=other_text.strip() if option.role == Option.Role.OTHER else "",
        receipt_hash=receipt_hash(code),
    )
    return Receipt(code)
