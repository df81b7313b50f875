"""Reminders: while a vote is open, the organiser sends one message to the representative of
each household on the list that has not taken part yet, through the platform's sender
(``accounts.messaging``: SMS, else e-mail). Messages leave after the transaction commits."""

from django.db import transaction
from django.db.models import Q

from dancoso.accounts.messaging import sender
from dancoso.accounts.models import User
from dancoso.households.models import MemberLink

from ..models import Decision, ElectorEntry, Participation
from .common import audit, locked, require

REMINDER = (
    '{place}: nội dung "{title}" đang được biểu quyết. Hộ của bạn chưa tham gia. Xem tài '
    "liệu và cách biểu quyết tại mục Việc hộ gia đình quyết định: /quyet-dinh/{pk}/"
)


def _recipients(decision: Decision) -> list[User]:
    waiting = ElectorEntry.objects.filter(decision=decision).exclude(
        household_id__in=Participation.objects.filter(decision=decision).values("household_id")
    )
    links = (
        MemberLink.objects.filter(
            status=MemberLink.Status.CONFIRMED,
            member__household_id__in=waiting.values("household_id"),
        )
        .filter(Q(member__is_head=True) | Q(member__is_representative=True))
        .filter(Q(user__phone__isnull=False) | Q(user__email__isnull=False))
        .select_related("user")
        .order_by("member__household_id", "id")
    )
    chosen: dict[int, User] = {}
    for link in links:
        chosen.setdefault(link.member.household_id, link.user)
    return list(chosen.values())


@transaction.atomic(durable=True)
def remind_households(decision: Decision, *, actor) -> int:
    """Nhắc các hộ chưa biểu quyết: one message per household still waiting; by an organiser,
    while voting is open. Returns how many messages will be sent."""
    decision = locked(decision, "remind_households")
    require(actor, "manage_decision", decision)
    users = _recipients(decision)
    place = decision.village.name if decision.village else decision.commune.name
    text = REMINDER.format(place=place, title=decision.title, pk=decision.pk)

    def send() -> None:
        out = sender()
        for user in users:
            if user.phone:
                out.send_sms(user.phone, text)
            else:
                out.send_email(user.email, decision.title, text)

    transaction.on_commit(send)
    audit("remind_households", decision, actor=actor, summary={"messages": len(users)})
    return len(users)
