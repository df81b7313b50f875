"""Residents' information to a board (Law 10/2022 Art. 34, 38, 39): anyone sends it from the
portal, named or anonymous; the board answers it, in writing to a named sender."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from dancoso.accounts.contact import normalise_email, normalise_phone
from dancoso.accounts.messaging import sender
from dancoso.core.errors import DomainError

from .. import law, queries
from ..models import Board, Tip
from .common import audit, clean, refuse, require

BOARD_CLOSED = "Ban này đã giải thể, không nhận thông tin nữa."
BAD_CONTACT = "Số điện thoại hoặc thư điện tử chưa đúng; hãy ghi lại (ví dụ 0912345678)."
ALREADY_ANSWERED = "Ban đã trả lời thông tin này."
EMPTY_ANSWER = "Hãy nhập nội dung trả lời."
ANSWER_SUBJECT = "Trả lời của {board}"
ANSWER_TEXT = "{board} trả lời thông tin mã {code}: {answer}"


def _contact(raw: str) -> str:
    raw = raw.strip()
    if not raw:
        return ""
    value = normalise_phone(raw) or normalise_email(raw)
    if value is None:
        raise DomainError("contact", BAD_CONTACT)
    return value


@transaction.atomic
def send_tip(
    board: Board, *, actor, content: str, anonymous: bool, full_name: str = "", contact: str = ""
) -> Tip:
    """Gửi thông tin cho Ban: a resident (signed in or not) tells the board something; a named
    tip needs a phone or e-mail for the written answer, an anonymous one keeps neither."""
    require(actor, "send_tip", board)
    board = Board.objects.select_related("commune").get(pk=board.pk)
    if board.dissolved_on:
        raise DomainError("dissolved", BOARD_CLOSED)
    if anonymous:
        full_name, contact = "", ""
    refuse(
        "tip",
        law.tip_problem(
            content, anonymous=anonymous, name=full_name, contact=contact, on=timezone.localdate()
        ),
    )
    tip = Tip(
        board=board,
        commune=board.commune,
        tracking_code=queries.new_tracking_code(),
        content=content.strip(),
        anonymous=anonymous,
        full_name=" ".join(full_name.split()),
        contact=_contact(contact),
    )
    clean(tip)
    tip.save()
    audit(
        "tip.send",
        tip,
        actor=actor,
        commune=board.commune,
        summary={"board": board.pk, "anonymous": anonymous},
    )
    return tip


def _deliver(tip: Tip) -> None:
    text = ANSWER_TEXT.format(board=tip.board.name, code=tip.tracking_code, answer=tip.answer)
    if "@" in tip.contact:
        sender().send_email(tip.contact, ANSWER_SUBJECT.format(board=tip.board.name), text)
    elif tip.contact:
        sender().send_sms(tip.contact, text[:480])


@transaction.atomic
def answer_tip(actor, tip: Tip, *, answer: str, on: date) -> Tip:
    """The board answers a tip: shown on the tip's tracking page, and sent to a named sender's
    phone or e-mail once the answer is committed (Art. 39)."""
    require(actor, "answer_tip", tip.board)
    tip = Tip.objects.select_for_update().select_related("board__commune").get(pk=tip.pk)
    if tip.answered_on:
        raise DomainError("answered", ALREADY_ANSWERED)
    if not answer.strip():
        raise DomainError("answer", EMPTY_ANSWER)
    tip.answer, tip.answered_on = answer.strip(), on
    clean(tip)
    tip.save(update_fields=["answer", "answered_on", "updated_at"])
    audit("tip.answer", tip, actor=actor, commune=tip.commune, summary={"board": tip.board_id})
    transaction.on_commit(lambda: _deliver(tip))
    return tip
