"""Who may read a case's sender, and the masked view everyone else gets.

A denunciation's sender (name, phone, e-mail, address) is readable only by the officer
assigned to it and the leader of its commune or agency; every such read is an audit event
(``feedback.read_sender_identity``). Everyone else — other officers, administrators, the
admin site, the API, exports — gets ``MASKED`` (Law 25/2018/QH14 Art. 8(3), 9(1)(b), 47(2);
SECURITY.md test 10). Senders of the other kinds are shown to the case's handlers.
"""

from dataclasses import dataclass

import rules
from django.db import transaction

from dancoso.audit.services import record

from .models import Case, CaseSender
from .redact import redact

MASKED = "•••• (được giữ bí mật)"


@dataclass(frozen=True)
class SenderView:
    """What a reader sees of a sender; ``revealed`` is False when every field is masked."""

    full_name: str
    phone: str
    email: str
    address: str
    revealed: bool


HIDDEN = SenderView(MASKED, MASKED, MASKED, MASKED, revealed=False)


def may_read_sender(user, case: Case) -> bool:
    """The one question: ``feedback.read_sender_identity`` over the case, asked of the rules
    directly — ``user.has_perm`` answers yes to every superuser, and administrators must not
    read a denouncer."""
    return bool(rules.has_perm("feedback.read_sender_identity", user, case))


def sender_for(user, case: Case, *, purpose: str = "view") -> SenderView:
    """The sender of ``case`` as ``user`` may see it. A denunciation's sender read by an
    allowed reader is logged (who, which case, why); anyone else gets ``HIDDEN``."""
    if not may_read_sender(user, case):
        return HIDDEN
    sender = CaseSender.objects.filter(case=case).first()
    if sender is None:
        return SenderView("", "", "", "", revealed=True)
    if case.is_denunciation:
        with transaction.atomic():
            record(
                "feedback.read_sender_identity",
                actor=user,
                obj=case,
                summary={"purpose": purpose},
                commune_code=case.commune.code,
            )
    return SenderView(sender.full_name, sender.phone, sender.email, sender.address, True)


def contact_of(case: Case) -> CaseSender | None:
    """The sender's contact for messages the system sends them (tracking code, questions,
    answers): used by services only, never rendered. The row already on the instance (set at
    intake) is used without a query."""
    try:
        return case.sender
    except CaseSender.DoesNotExist:
        return None


TEXT_FIELDS = ("subject", "description", "answer", "rating_reason")


def shield(user, case: Case, steps=()) -> Case:
    """Hide a denouncer's name and address wherever free text repeats them (the subject,
    the description, the answer, the rating reason, the steps) for anyone who may not read
    the sender — ``user`` None means the public status page. Changes the instances in memory
    for display only; callers never save them. Other kinds are left as they are."""
    if not case.is_denunciation or (user is not None and may_read_sender(user, case)):
        return case
    try:
        sender = case.sender
    except CaseSender.DoesNotExist:
        return case
    names = (sender.full_name, sender.address)
    for name in TEXT_FIELDS:
        setattr(case, name, redact(getattr(case, name), names))
    for item in steps:
        item.text = redact(item.text, names)
    return case
