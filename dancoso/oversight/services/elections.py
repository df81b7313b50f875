"""A member elected by the village's households through the decisions capability (Law 10/2022
Art. 15(5), 21, 36(1); D59 Art. 13(1)): the recognised result creates the membership."""

from django.db import transaction

from dancoso.core.errors import DomainError
from dancoso.decisions.law import Kind, Scope
from dancoso.decisions.services import effective_on

from ..law import Candidate, Seat
from ..models import Board, Membership
from .boards import add_member

NOT_BOARD_ELECTION = (
    "Chỉ ghi nhận từ cuộc bầu thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng "
    "đồng do một thôn của xã tổ chức (Luật 10/2022 Điều 15 khoản 5)."
)
NOT_IN_FORCE = (
    "Kết quả bầu chưa có hiệu lực: cần được thông qua và được Ủy ban MTTQ xã công nhận "
    "(Luật 10/2022 Điều 21 khoản 2)."
)
NO_WINNER = "Cuộc bầu không có người trúng cử."
ALREADY_SEATED = "Người trúng cử của cuộc bầu này đã được ghi nhận vào Ban."


@transaction.atomic
def seat_elected(
    actor,
    board: Board,
    decision,
    *,
    role: str,
    candidate: Candidate,
    seat: str = Seat.RESIDENT,
    by_election: bool = False,
) -> Membership:
    """Seat the winner of a village's board-member election (kind 5), recognised by the Front,
    from the day the recognition took effect; the usual eligibility and seat checks of
    ``add_member`` apply. One membership per election."""
    if (
        decision.kind != Kind.BOARD_MEMBER
        or decision.scope != Scope.VILLAGE
        or decision.commune_id != board.commune_id
    ):
        raise DomainError("election", NOT_BOARD_ELECTION)
    starts_on = effective_on(decision)
    if starts_on is None:
        raise DomainError("not_in_force", NOT_IN_FORCE)
    winner = (decision.result.get("winner") or "").strip()
    if not winner:
        raise DomainError("no_winner", NO_WINNER)
    Board.objects.select_for_update().get(pk=board.pk)  # one seating of an election at a time
    if Membership.objects.filter(decision=decision).exists():
        raise DomainError("seated", ALREADY_SEATED)
    return add_member(
        actor,
        board,
        full_name=winner,
        role=role,
        starts_on=starts_on,
        recognised_by=f"Ủy ban MTTQ xã công nhận ngày {starts_on:%d/%m/%Y} ({decision.title})",
        candidate=candidate,
        village=decision.village,
        by_election=by_election,
        seat=seat,
        decision=decision,
    )
