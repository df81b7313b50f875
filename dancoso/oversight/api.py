"""The oversight API (mounted at /api/v1/oversight): the public parts under ``/public/`` (public
by law, Art. 40(2)(b): answered to anyone for any commune) — a commune's boards
with their members, a board's approved plans and its recommendations with their answers — and
the officer's writes the pages offer (send, answer, judge a recommendation) through the same
services, with ``Idempotency-Key`` (``core.idempotency``). The overdue list is for the commune's
stewards and the province's officers (the dashboards)."""

from datetime import date

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status
from ninja.security import SessionAuth

from dancoso.core import idempotency
from dancoso.core.errors import PermissionDeniedError
from dancoso.places.models import Commune, Province

from . import queries, services
from .models import Board, Recommendation

PAGE_SIZE = 25
MAX_ID = 2**63 - 1
SCOPED = {"board_id": queries.get_board_for, "rec_id": queries.get_recommendation_for}


class OversightAccess(SessionAuth):
    """Session sign-in, and — on a path with a ``board_id`` or ``rec_id`` — the same 404 for an
    object that is absent or outside the caller's workspace, before the body is read (an
    outsider learns nothing, not even which fields a body needs)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        match = getattr(request, "resolver_match", None)
        if user is None or match is None:
            return user
        for name, fetch in SCOPED.items():
            if name in match.kwargs:
                raw = str(match.kwargs[name])
                if not raw.isdecimal() or not 0 < int(raw) <= MAX_ID:
                    raise Http404
                fetch(user, int(raw))
        return user


router = Router(tags=["oversight"], auth=OversightAccess())
NOT_FOUND = {"detail": "Không tìm thấy."}
WRITE = {200: dict, 201: dict, 400: dict, 403: dict, 404: dict, 409: dict, 422: dict}
ADDRESSEES = "|".join(Recommendation.Addressee.values)


class ErrorOut(Schema):
    detail: str


class MemberOut(Schema):
    name: str
    role: str
    village: str | None


class BoardOut(Schema):
    id: int
    kind: str
    name: str
    term_start: date
    term_end: date
    recognised_on: date | None
    project: str | None
    members: list[MemberOut]


class ActivityOut(Schema):
    title: str
    subject: str
    method: str
    starts_on: date
    ends_on: date
    held_on: date | None


class PlanOut(Schema):
    id: int
    title: str
    period: str
    starts_on: date
    ends_on: date
    approved_on: date | None
    activities: list[ActivityOut]


class RecommendationOut(Schema):
    id: int
    board_id: int
    commune_code: int
    addressee: str
    content: str
    received_on: date
    due_on: date
    answered_on: date | None
    answer: str
    resolved: bool | None
    overdue: bool


class RecommendationPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[RecommendationOut]


class RecommendationIn(Schema):
    addressee: str = Field(..., pattern=f"^({ADDRESSEES})$")
    content: str = Field(..., min_length=1, max_length=5000)
    received_on: date


class AnswerIn(Schema):
    answer: str = Field(..., min_length=1, max_length=5000)


class JudgeIn(Schema):
    resolved: bool


def _board(b: Board) -> dict:
    return {
        "id": b.pk,
        "kind": b.kind,
        "name": b.name,
        "term_start": b.term_start,
        "term_end": b.term_end,
        "recognised_on": b.recognised_on,
        "project": b.project.name if b.project_id else None,
        "members": [
            {
                "name": m.full_name,
                "role": m.role,
                "village": m.village.name if m.village_id else None,
            }
            for m in b.memberships.all()
        ],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _rec(r: Recommendation, today: date) -> dict:
    """One recommendation as JSON (dates as ISO text: the idempotency cache stores the body)."""
    return {
        "id": r.pk,
        "board_id": r.board_id,
        "commune_code": r.commune.code,
        "addressee": r.addressee,
        "content": r.content,
        "received_on": _iso(r.received_on),
        "due_on": _iso(r.due_on),
        "answered_on": _iso(r.answered_on),
        "answer": r.answer,
        "resolved": r.resolved,
        "overdue": r.overdue_on(today),
    }


def _page(rows, page: int) -> dict:
    today = timezone.localdate()
    start = (page - 1) * PAGE_SIZE
    items = [_rec(r, today) for r in rows.select_related("commune")[start : start + PAGE_SIZE]]
    return {"count": rows.count(), "page": page, "page_size": PAGE_SIZE, "items": items}


@router.get(
    "/public/communes/{code}/boards", auth=None, response={200: list[BoardOut], 404: ErrorOut}
)
def commune_boards(request, code: int = Path(..., ge=1, le=999_999)):
    """A commune's working boards with their current members (public, Art. 40(2)(b))."""
    commune = Commune.objects.filter(code=code).first()
    if commune is None:
        return Status(404, NOT_FOUND)
    return [_board(b) for b in queries.public_boards(commune)[:100]]


@router.get(
    "/public/boards/{board_id}/plans", auth=None, response={200: list[PlanOut], 404: ErrorOut}
)
def board_plans(request, board_id: int = Path(..., ge=1, le=MAX_ID)):
    """A public board's approved plans with their activities, newest first."""
    if not queries.public_board_exists(board_id):
        return Status(404, NOT_FOUND)
    plans = queries.approved_plans(board_id)[:50]
    return [
        {
            "id": p.pk,
            "title": p.title,
            "period": p.period,
            "starts_on": p.starts_on,
            "ends_on": p.ends_on,
            "approved_on": p.approved_on,
            "activities": list(p.activities.all()),
        }
        for p in plans
    ]


@router.get(
    "/public/boards/{board_id}/recommendations",
    auth=None,
    response={200: RecommendationPage, 404: ErrorOut},
)
def board_recommendations(
    request,
    board_id: int = Path(..., ge=1, le=MAX_ID),
    page: int = Query(1, ge=1, le=100_000),
):
    """A public board's recommendations with their answers, 25 a page."""
    if not queries.public_board_exists(board_id):
        return Status(404, NOT_FOUND)
    return _page(queries.public_recommendations(board_id), page)


@router.get("/overdue", response={200: RecommendationPage, 403: ErrorOut, 404: ErrorOut})
def overdue(
    request,
    province: int | None = Query(None, ge=1, le=999),
    commune: int | None = Query(None, ge=1, le=999_999),
    page: int = Query(1, ge=1, le=100_000),
):
    """Unanswered recommendations past their due date in a province (its officers) or a
    commune (its stewards), oldest due first."""
    place = (
        Commune.objects.filter(code=commune).first()
        if commune is not None
        else Province.objects.filter(code=province).first()
    )
    if place is None:
        return Status(404, NOT_FOUND)
    if not request.user.has_perm("oversight.view_overdue", place):
        return Status(403, {"detail": PermissionDeniedError().message})
    key = "commune" if isinstance(place, Commune) else "province"
    rows = queries.overdue_recommendations(today=timezone.localdate(), **{key: place})
    return _page(rows, page)


def _write(request, lookup, action):
    def run():
        try:
            obj = lookup()
        except Http404:
            return 404, NOT_FOUND
        return action(obj)

    return idempotency.respond(request, run)


@router.post("/boards/{board_id}/recommendations", response=WRITE)
def send_recommendation(
    request, data: RecommendationIn, board_id: int = Path(..., ge=1, le=MAX_ID)
):
    """A board sends a recommendation; its due date follows the law (15 days)."""

    def action(board):
        rec = services.send_recommendation(request.user, board, **data.dict())
        return 201, _rec(rec, timezone.localdate())

    return _write(request, lambda: queries.get_board_for(request.user, board_id), action)


@router.post("/recommendations/{rec_id}/answer", response=WRITE)
def answer_recommendation(request, data: AnswerIn, rec_id: int = Path(..., ge=1, le=MAX_ID)):
    """The addressee answers a recommendation, dated today."""

    def action(rec):
        rec = services.answer_recommendation(
            request.user, rec, answer=data.answer, on=timezone.localdate()
        )
        return 200, _rec(rec, timezone.localdate())

    return _write(request, lambda: queries.get_recommendation_for(request.user, rec_id), action)


@router.post("/recommendations/{rec_id}/judge", response=WRITE)
def judge_answer(request, data: JudgeIn, rec_id: int = Path(..., ge=1, le=MAX_ID)):
    """The board records whether the answer resolved the issue."""

    def action(rec):
        rec = services.judge_answer(request.user, rec, resolved=data.resolved)
        return 200, _rec(rec, timezone.localdate())

    return _write(request, lambda: queries.get_recommendation_for(request.user, rec_id), action)
