"""Forming boards, recognising members, registering projects (Law 10/2022 Art. 36–37,
40(2), 41–42, 45(1), 60–63)."""

from datetime import date

from django.db import transaction

from dancoso.core.errors import DomainError

from .. import law, queries
from ..law import BoardKind, Candidate, EndReason, Seat
from ..models import Board, Membership, Project
from .common import audit, clean, refuse, require

NO_PROJECT = "Ban Giám sát đầu tư của cộng đồng phải gắn với một dự án của xã."
NO_AGENCY = "Ban Thanh tra nhân dân của cơ quan phải gắn với một cơ quan, đơn vị."
OUTSIDE_TERM = "Thời gian làm thành viên phải nằm trong nhiệm kỳ của Ban ({start} – {end})."
ALREADY_ENDED = "Thành viên này đã thôi tham gia Ban."
ONE_HEAD = "Ban chỉ có một Trưởng ban tại một thời điểm."
ALREADY_RECOGNISED = "Ủy ban MTTQ xã đã công nhận Ban này ngày {on}."
NO_DOCUMENT = "Hãy nhập số, ngày văn bản công nhận của Ủy ban MTTQ xã."
NOT_RECOGNISABLE = "Chưa công nhận được Ban: {problems}"


@transaction.atomic
def register_project(actor, commune, **fields) -> Project:
    """Register an investment project of the commune (Art. 41(1)); stewards only."""
    require(actor, "manage_project", commune)
    project = Project(commune=commune, **fields)
    if project.people_contribution > project.budget:
        raise DomainError("contribution", "Phần nhân dân đóng góp không thể lớn hơn tổng vốn.")
    if project.ends_on and project.starts_on and project.ends_on < project.starts_on:
        raise DomainError("dates", "Ngày hoàn thành phải sau ngày khởi công.")
    clean(project)
    project.save()
    audit("project.register", project, actor=actor, commune=commune, summary={"id": project.pk})
    return project


@transaction.atomic
def form_board(
    actor,
    commune,
    *,
    kind: BoardKind,
    name: str,
    term_start: date,
    term_end: date,
    project=None,
    agency=None,
    agency_staff: int = 0,
) -> Board:
    """Form a board (the Front, Art. 40(2), 45(1)(a); the staff conference for an agency,
    Art. 60–63). An agency board's term is two years, a commune board's the village heads'."""
    require(actor, "manage_board", commune)
    kind = BoardKind(kind)
    if kind == BoardKind.PROJECT_SUPERVISION and (
        project is None or project.commune_id != commune.pk
    ):
        raise DomainError("project", NO_PROJECT)
    if kind == BoardKind.AGENCY_INSPECTION:
        if agency is None:
            raise DomainError("agency", NO_AGENCY)
        refuse("agency_size", law.agency_board_problem(agency_staff, term_start))
        term_end = law.agency_term_end(term_start)
    if (
        kind == BoardKind.COMMUNE_INSPECTION
        and Board.objects.filter(commune=commune, kind=kind, dissolved_on__isnull=True).exists()
    ):
        raise DomainError("exists", "Xã đã có Ban Thanh tra nhân dân đang hoạt động.")
    board = Board(
        kind=kind,
        commune=commune,
        name=name,
        term_start=term_start,
        term_end=term_end,
        project=project,
        agency=agency,
    )
    if term_end <= term_start:
        raise DomainError("term", "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.")
    clean(board)
    board.save()
    audit("board.form", board, actor=actor, commune=commune, summary={"kind": kind.value})
    return board


def _check_seat(board: Board, role: str, starts_on: date, by_election: bool) -> None:
    if not (board.term_start <= starts_on < board.term_end):
        raise DomainError("term", OUTSIDE_TERM.format(start=board.term_start, end=board.term_end))
    if by_election:
        refuse("by_election", law.by_election_problem(board.term_end, starts_on))
    seated = [m for m in board.memberships.select_for_update() if m.active_on(starts_on)]
    if role == Membership.Role.HEAD and any(m.role == role for m in seated):
        raise DomainError("head", ONE_HEAD)
    if role == Membership.Role.DEPUTY:
        deputies = 1 + sum(m.role == role for m in seated)
        refuse("deputies", law.deputies_problem(BoardKind(board.kind), deputies, starts_on))
    if board.kind == BoardKind.AGENCY_INSPECTION:
        high = law.in_force(law.AGENCY_MAX_MEMBERS, starts_on)
        if len(seated) + 1 > high.value:
            raise DomainError(
                "size", law.TOO_MANY_MEMBERS.format(n=high.value, article=high.article)
            )
    if board.kind == BoardKind.COMMUNE_INSPECTION:
        n = law.inspection_board_size(board.commune.villages.count(), starts_on)
        if len(seated) + 1 > n:
            article = law.in_force(law.INSPECTION_MIN_MEMBERS, starts_on).article
            raise DomainError("size", law.TOO_MANY_MEMBERS.format(n=n, article=article))


@transaction.atomic
def add_member(
    actor,
    board: Board,
    *,
    full_name: str,
    role: str,
    starts_on: date,
    recognised_by: str,
    candidate: Candidate,
    village=None,
    user=None,
    by_election: bool = False,
    seat: str = Seat.RESIDENT,
    decision=None,
) -> Membership:
    """Recognise a member elected offline or by the decisions capability (Art. 36, 37, 42,
    40(2)(b)); refuses ineligible people, a full board, a third deputy, a late by-election."""
    require(actor, "manage_board", board)
    board = Board.objects.select_for_update().select_related("commune").get(pk=board.pk)
    problems = law.eligibility_problems(BoardKind(board.kind), candidate)
    if problems:
        raise DomainError("eligibility", " ".join(problems))
    if village is not None and village.commune_id != board.commune_id:
        raise DomainError("village", "Thôn được chọn không thuộc xã của Ban.")
    _check_seat(board, role, starts_on, by_election)
    member = Membership(
        board=board,
        full_name=full_name.strip(),
        role=role,
        village=village,
        user=user,
        starts_on=starts_on,
        recognised_by=recognised_by.strip(),
        seat=Seat(seat),
        decision=decision,
    )
    clean(member)
    member.save()
    audit(
        "member.add",
        member,
        actor=actor,
        commune=board.commune,
        summary={"board": board.pk, "role": role, "by_election": by_election},
    )
    return member


@transaction.atomic
def end_membership(
    actor, member: Membership, *, ends_on: date, reason: str, document: str = ""
) -> Membership:
    """Record that a member left the board for one of the reasons the law allows
    (``law.EndReason``: released or let go by the electing community on the Front's request,
    no longer eligible, died, term over, project ended — Art. 36(2), 37, 41(1), 42); a release or
    resignation needs the community's document."""
    require(actor, "manage_board", member.board)
    member = (
        Membership.objects.select_for_update().select_related("board__commune").get(pk=member.pk)
    )
    if member.ends_on is not None:
        raise DomainError("ended", ALREADY_ENDED)
    if ends_on < member.starts_on:
        raise DomainError("dates", "Ngày thôi phải sau ngày bắt đầu.")
    try:
        reason = EndReason(reason)
    except ValueError as error:
        raise DomainError("reason", "Hãy chọn lý do thôi làm thành viên.") from error
    problems = law.end_problems(
        BoardKind(member.board.kind),
        reason,
        ends_on=ends_on,
        term_end=member.board.term_end,
        document=document,
    )
    if problems:
        raise DomainError("reason", " ".join(problems))
    member.ends_on, member.end_reason = ends_on, reason.value
    member.end_document = document.strip()
    clean(member)
    member.save(update_fields=["ends_on", "end_reason", "end_document", "updated_at"])
    audit(
        "member.end",
        member,
        actor=actor,
        commune=member.board.commune,
        summary={"board": member.board_id, "reason": reason.value},
    )
    return member


@transaction.atomic
def recognise_board(actor, board: Board, *, on: date, document: str) -> Board:
    """The commune Front committee recognises the board's composition (Art. 40(2)(b),
    45(1)(a)) once ``law.issues_before_recognition`` finds nothing missing on ``on``; the board
    then shows as recognised on the portal. Front officers only."""
    require(actor, "recognise_board", board)
    board = Board.objects.select_for_update().select_related("commune").get(pk=board.pk)
    if board.recognised_on:
        raise DomainError(
            "recognised", ALREADY_RECOGNISED.format(on=board.recognised_on.strftime("%d/%m/%Y"))
        )
    if not document.strip():
        raise DomainError("document", NO_DOCUMENT)
    problems = law.issues_before_recognition(
        BoardKind(board.kind), queries.composition_of(board, on), on
    )
    if problems:
        raise DomainError("composition", NOT_RECOGNISABLE.format(problems=" ".join(problems)))
    board.recognised_on, board.recognition_document = on, document.strip()
    clean(board)
    board.save(update_fields=["recognised_on", "recognition_document", "updated_at"])
    audit("board.recognise", board, actor=actor, commune=board.commune, summary={"id": board.pk})
    return board
