"""Reads of the oversight app: a commune's boards for the portal, the workspace lists, and the
summary the resolution indicators read."""

import secrets
from datetime import date

from django.db.models import Count, F, Prefetch, Q
from django.http import Http404

from . import law
from .law import BoardKind
from .models import Activity, Board, Evidence, Membership, Plan, Project, Recommendation, Tip
from .rules import board_commune_place


def public_boards(commune):
    """A commune's boards still working, with their members: public (Art. 40(2)(b): the Front
    announces the composition to the people)."""
    return (
        Board.objects.filter(commune=commune, dissolved_on__isnull=True)
        .select_related("project")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(ends_on__isnull=True).select_related("village"),
            )
        )
    )


def get_public_board(commune, pk: int) -> Board:
    """One board of the commune, or 404 (same for absent and another commune's)."""
    board = public_boards(commune).filter(pk=pk).first()
    if board is None:
        raise Http404
    return board


def current_plan(board: Board, today: date) -> Plan | None:
    """The approved plan covering ``today``, with its activities and their members."""
    return (
        Plan.objects.filter(
            board=board, approved_on__isnull=False, starts_on__lte=today, ends_on__gte=today
        )
        .prefetch_related("activities__members")
        .order_by("ends_on")
        .first()
    )


def recommendations_of(board: Board):
    """The board's recommendations with their answers, newest first (public)."""
    return Recommendation.objects.filter(board=board).order_by("-received_on", "-pk")


def get_board_for(user, pk: int) -> Board:
    """A board the user may work on; the same 404 for absent and not-yours."""
    board = Board.objects.select_related("commune", "project").filter(pk=pk).first()
    if board is None or not user.has_perm("oversight.view_workspace", board):
        raise Http404
    return board


def get_plan_for(user, pk: int) -> Plan:
    """A plan of a board the user may work on; 404 otherwise."""
    plan = Plan.objects.select_related("board__commune").filter(pk=pk).first()
    if plan is None or not user.has_perm("oversight.view_workspace", plan):
        raise Http404
    return plan


def get_recommendation_for(user, pk: int) -> Recommendation:
    """A recommendation of a commune whose workspace the user sees; 404 otherwise."""
    rec = Recommendation.objects.select_related("commune", "board").filter(pk=pk).first()
    if rec is None or not user.has_perm("oversight.view_workspace", rec):
        raise Http404
    return rec


def workspace_boards(user):
    """The boards of every commune where the user holds a workspace role."""
    from dancoso.accounts.scope import commune_ids_with

    from .rules import WORKSPACE

    if user.is_superuser:
        return Board.objects.select_related("commune")
    return Board.objects.filter(commune_id__in=commune_ids_with(user, WORKSPACE)).select_related(
        "commune"
    )


def projects_of(commune):
    """The commune's registered projects, newest first."""
    return Project.objects.filter(commune=commune).select_related("decision")


def composition_of(board: Board, on: date, memberships=None) -> law.Composition:
    """The board's members seated on ``on`` as ``law.issues_before_recognition`` reads them:
    counts, seats, and (for the commune board) the villages with no member — two queries, one
    when the page already holds ``memberships``."""
    rows = board.memberships.all() if memberships is None else memberships
    seated = [m for m in rows if m.active_on(on)]
    villages = dict(board.commune.villages.values_list("pk", "name"))
    represented = {m.village_id for m in seated}
    return law.Composition(
        members=len(seated),
        deputies=sum(m.role == Membership.Role.DEPUTY for m in seated),
        seats=tuple(law.Seat(m.seat) for m in seated),
        unrepresented_villages=tuple(
            sorted(name for pk, name in villages.items() if pk not in represented)
        ),
        villages=len(villages),
    )


def get_activity_for(user, pk: int) -> Activity:
    """An activity of a board the user may work on; 404 otherwise."""
    activity = Activity.objects.select_related("plan__board__commune").filter(pk=pk).first()
    if activity is None or not user.has_perm("oversight.view_workspace", activity.plan):
        raise Http404
    return activity


def get_evidence_for(user, pk: int) -> Evidence:
    """An evidence file of a board the user may work on; 404 otherwise (never public: photos
    and scanned minutes may show people)."""
    item = Evidence.objects.select_related("activity__plan__board__commune").filter(pk=pk).first()
    if item is None or not user.has_perm("oversight.view_workspace", item.activity.plan):
        raise Http404
    return item


def workspace_communes(user):
    """The communes whose projects and boards the user keeps (the Front, commune officers and
    leaders; a superuser, who holds no grant, reaches a commune from its boards)."""
    from dancoso.accounts.scope import commune_ids_with
    from dancoso.places.models import Commune

    from .rules import STEWARDS

    return Commune.objects.filter(pk__in=commune_ids_with(user, STEWARDS)).order_by("name")


def report_facts(board: Board, start: date, end: date) -> dict:
    """What a board's report for ``start``–``end`` states, read in four queries: members seated
    in the window, plans overlapping it, activities held in it with their evidence counts, and
    the recommendations received in it."""
    return {
        "members": [
            m
            for m in board.memberships.select_related("village")
            if m.starts_on <= end and (m.ends_on is None or m.ends_on >= start)
        ],
        "plans": list(
            board.plans.filter(starts_on__lte=end, ends_on__gte=start).order_by("starts_on")
        ),
        "activities": list(
            Activity.objects.filter(plan__board=board, held_on__gte=start, held_on__lte=end)
            .annotate(evidence_count=Count("evidence"))
            .order_by("held_on", "pk")
        ),
        "recommendations": list(
            Recommendation.objects.filter(
                board=board, received_on__gte=start, received_on__lte=end
            ).order_by("received_on", "pk")
        ),
    }


def elections_for(user, board: Board):
    """The board-member elections (kind 5) of the board's villages that the Front recognised
    and whose winner is not seated yet, as decisions lets ``user`` see them."""
    from dancoso.decisions.law import Kind, Scope
    from dancoso.decisions.models import Decision
    from dancoso.decisions.queries import decisions_visible_to

    seated = Membership.objects.filter(decision__isnull=False).values("decision_id")
    return (
        decisions_visible_to(user)
        .filter(
            commune=board.commune_id,
            kind=Kind.BOARD_MEMBER,
            scope=Scope.VILLAGE,
            recognition=Decision.Recognition.RECOGNISED,
        )
        .exclude(pk__in=seated)
        .order_by("-recognition_on", "-pk")
    )


TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_tracking_code() -> str:
    """12 random characters (about 60 bits) in groups of four: unguessable, easy to read."""
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def tip_by_code(code: str) -> Tip:
    """A tip as its sender follows it (content and answer, never the sender); 404 otherwise."""
    tip = Tip.objects.select_related("board", "commune").filter(tracking_code=code).first()
    if tip is None:
        raise Http404
    return tip


def tips_of(board: Board):
    """The board's tips, unanswered first, newest first (workspace only: they carry senders)."""
    return Tip.objects.filter(board=board).order_by(F("answered_on").asc(nulls_first=True), "-pk")


def overdue_recommendations(*, today: date, province=None, commune=None):
    """Recommendations past their due date with no answer, oldest due first, in one province
    or one commune, with their board and commune (one query a page; the index on commune,
    answered_on, due_on serves it)."""
    rows = Recommendation.objects.filter(answered_on__isnull=True, due_on__lt=today)
    if commune is not None:
        rows = rows.filter(commune=commune)
    else:
        rows = rows.filter(commune__province=province)
    return rows.select_related("board", "commune").order_by("due_on", "pk")


def public_board_exists(board_id: int) -> bool:
    """Whether a working (not dissolved) board has this id."""
    return Board.objects.filter(pk=board_id, dissolved_on__isnull=True).exists()


def approved_plans(board_id: int):
    """A public board's approved plans with their activities, newest first."""
    return (
        Plan.objects.filter(
            board_id=board_id, board__dissolved_on__isnull=True, approved_on__isnull=False
        )
        .prefetch_related("activities")
        .order_by("-starts_on", "-pk")
    )


def public_recommendations(board_id: int):
    """A public board's recommendations with their answers, newest first (board dissolved or
    absent: none)."""
    return Recommendation.objects.filter(
        board_id=board_id, board__dissolved_on__isnull=True
    ).order_by("-received_on", "-pk")


def place_of(obj):
    """Re-exported for views: the place path of a board or recommendation."""
    return board_commune_place(obj)


def oversight_summary(commune, year: int) -> dict:
    """For the resolution indicators: boards with an approved yearly plan for ``year`` and
    recommendations received in ``year`` answered by their due date (Art. 39, 40(1)(c))."""
    boards = Board.objects.filter(
        commune=commune, term_start__year__lte=year, term_end__year__gte=year
    )
    with_plan = (
        boards.filter(
            plans__period=Plan.Period.YEAR,
            plans__approved_on__isnull=False,
            plans__starts_on__year=year,
        )
        .distinct()
        .count()
    )
    recs = Recommendation.objects.filter(commune=commune, received_on__year=year).aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(answered_on__isnull=False)),
        on_time=Count("pk", filter=Q(answered_on__lte=F("due_on"))),
    )
    return {
        "boards": boards.count(),
        "inspection_boards": boards.filter(kind=BoardKind.COMMUNE_INSPECTION).count(),
        "boards_with_annual_plan": with_plan,
        "recommendations": recs["total"],
        "answered": recs["answered"],
        "answered_on_time": recs["on_time"],
    }
