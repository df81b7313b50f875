"""The Dân quyết API (mounted at /api/v1/decisions): every organiser and voter action, so a
province system or a mobile app can drive a whole decision. Writes accept an
``Idempotency-Key`` header (``core.idempotency``); reads are scoped like the pages; results
only after the count."""

from django.http import Http404
from ninja import Query, Router
from ninja.responses import Status
from ninja.security import SessionAuth

from dancoso.conventions.models import Convention
from dancoso.core import idempotency
from dancoso.core.errors import DomainError
from dancoso.households.models import Household
from dancoso.places.models import Commune, Village

from . import queries, services
from .api_schemas import (
    AttendanceIn,
    BallotIn,
    BatchIn,
    DecisionIn,
    DecisionOut,
    DecisionPage,
    ErrorOut,
    OfficersIn,
    PollIn,
    ReceiptIn,
    RecognitionIn,
    ReturnsIn,
    SendIn,
)
from .models import Batch, Decision


class DecisionAccess(SessionAuth):
    """Session sign-in, and — on a path with a ``decision_id`` — the same 404 for a decision
    that is absent or not the caller's, before the request body is even read (so an outsider
    learns nothing, not even which fields a body needs)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        match = getattr(request, "resolver_match", None)
        if user is not None and match is not None and "decision_id" in match.kwargs:
            queries.get_decision_for(user, match.kwargs["decision_id"])
        return user


router = Router(tags=["decisions"], auth=DecisionAccess())
PAGE_SIZE = 25
NOT_FOUND = {"detail": "Không tìm thấy nội dung biểu quyết."}
WRITE = {200: dict, 201: dict, 400: dict, 403: dict, 404: dict, 409: dict, 422: dict}


def _out(d: Decision) -> dict:
    return {
        "id": d.pk,
        "title": d.title,
        "kind": d.kind,
        "scope": d.scope,
        "state": d.state,
        "commune_code": d.commune.code,
        "village_id": d.village_id,
        "question": d.question,
        "channels": sorted(d.channels),
        "voting_on": d.voting_on,
        "options": [{"id": o.pk, "role": o.role, "label": o.label} for o in d.options.all()],
        "schedule_warnings": services.schedule_warnings(d),
    }


def _json(d: Decision) -> dict:
    out = _out(d)
    out["voting_on"] = d.voting_on.isoformat()
    return out


def _decision(request, decision_id: int) -> Decision:
    return queries.get_decision_for(request.user, decision_id)


@router.get("", response={200: DecisionPage}, url_name="decisions")
def list_decisions(request, page: int = Query(1, ge=1, le=100_000)):
    """Decisions the caller may see, newest first, 25 a page."""
    rows = queries.decisions_visible_to(request.user).prefetch_related("options")
    start = (page - 1) * PAGE_SIZE
    items = [_out(d) for d in rows[start : start + PAGE_SIZE]]
    return {"count": rows.count(), "page": page, "page_size": PAGE_SIZE, "items": items}


@router.post("", response=WRITE, url_name="decisions")
def create_decision(request, data: DecisionIn):
    """Open a decision for a village (``village_id``) or a whole commune (``commune_code``)."""

    def run():
        if data.village_id:
            place = Village.objects.select_related("commune").filter(pk=data.village_id).first()
        else:
            place = Commune.objects.filter(code=data.commune_code).first()
        if place is None:
            return 404, {"detail": "Không tìm thấy thôn hoặc xã."}
        fields = data.dict(exclude={"village_id", "commune_code", "channels", "convention_id"})
        if data.convention_id:
            fields["convention"] = Convention.objects.filter(pk=data.convention_id).first()
            if fields["convention"] is None:
                return 404, {"detail": "Không tìm thấy hương ước, quy ước."}
        d = services.open_decision(
            actor=request.user, place=place, channels=set(data.channels), **fields
        )
        return 201, _json(d)

    return idempotency.respond(request, run)


@router.get("/{decision_id}", response={200: DecisionOut, 404: ErrorOut})
def get_decision(request, decision_id: int):
    """One decision with its options and the lead times its schedule breaks."""
    try:
        return _out(_decision(request, decision_id))
    except Http404:
        return Status(404, NOT_FOUND)


TRANSITIONS = {
    "publish-electorate": services.publish_electorate,
    "open": services.open_voting,
    "close": services.close_voting,
    "count": services.count_votes,
    "publish": services.publish_result,
    "carry-over": services.carry_over,
    "remind": services.remind_households,
}


def _write(request, decision_id: int, action):
    """Fetch the decision (404 alike for absent and not yours) and run ``action`` once."""

    def run():
        try:
            d = _decision(request, decision_id)
        except Http404:
            return 404, NOT_FOUND
        return action(d)

    return idempotency.respond(request, run)


@router.post("/{decision_id}/steps/{step}", response=WRITE)
def step(request, decision_id: int, step: str):
    """A lifecycle step: publish-electorate, open, close, count, publish, carry-over (to
    household ballots when the meeting cannot reach the share) or remind (message the
    households that have not taken part)."""
    if step not in TRANSITIONS:
        return Status(404, {"detail": "Không có bước này."})
    return _write(
        request,
        decision_id,
        lambda d: (200, _stepped(d, step, request.user)),
    )


def _stepped(d: Decision, step: str, actor) -> dict:
    answer = TRANSITIONS[step](d, actor=actor)
    if isinstance(answer, int):  # remind answers how many messages leave
        return {"id": d.pk, "state": d.state, "messages": answer}
    return {"id": d.pk, "state": answer.state}


def _household(pk: int | None) -> Household | None:
    if pk is None:
        return None
    household = Household.objects.filter(pk=pk).first()
    if household is None:
        raise DomainError("not_on_list", "Không tìm thấy hộ này trong danh sách.")
    return household


@router.post("/{decision_id}/poll", response=WRITE)
def answer_poll(request, decision_id: int, data: PollIn):
    """The household representative says whether to decide this matter online."""

    def act(d):
        services.answer_online_poll(
            d,
            actor=request.user,
            wants_online=data.wants_online,
            household=_household(data.household_id),
        )
        return 201, {"recorded": True}

    return _write(request, decision_id, act)


@router.post("/{decision_id}/ballots", response=WRITE)
def cast(request, decision_id: int, data: BallotIn):
    """Cast the household's one online ballot; answers the receipt code (shown once)."""

    def act(d):
        receipt = services.cast_ballot(
            d,
            actor=request.user,
            option_id=data.option_id,
            other_text=data.other_text,
            household=_household(data.household_id),
        )
        return 201, {"receipt": receipt.code}

    return _write(request, decision_id, act)


@router.post("/{decision_id}/attendance", response=WRITE)
def attendance(request, decision_id: int, data: AttendanceIn):
    """Tick (or untick) a household present at the meeting; answers the live outlook."""

    def act(d):
        household = _household(data.household_id)
        services.record_attendance(d, actor=request.user, household=household, present=data.present)
        outlook = services.meeting_outlook(d)
        return 200, {
            "present": outlook.present,
            "needed": outlook.needed,
            "reachable": outlook.reachable,
        }

    return _write(request, decision_id, act)


@router.post("/{decision_id}/returns", response=WRITE)
def returns(request, decision_id: int, data: ReturnsIn):
    """Record the households whose paper ballot came back."""

    def act(d):
        homes = list(Household.objects.filter(pk__in=data.household_ids))
        if len(homes) != len(set(data.household_ids)):
            raise DomainError("not_on_list", "Có mã hộ không tồn tại trong danh sách.")
        return 201, {"recorded": services.record_return(d, actor=request.user, households=homes)}

    return _write(request, decision_id, act)


@router.post("/{decision_id}/batches", response=WRITE)
def enter_batch(request, decision_id: int, data: BatchIn):
    """Enter a batch of paper ballots or a show of hands: counts per option id, invalid."""

    def act(d):
        village = Village.objects.filter(pk=data.village_id).first() if data.village_id else None
        batch = services.enter_batch(
            d,
            actor=request.user,
            source=data.source,
            counts={str(k): v for k, v in data.counts.items()},
            invalid=data.invalid,
            village=village,
        )
        return 201, {"batch": batch.pk, "ballots": batch.total, "status": batch.status}

    return _write(request, decision_id, act)


@router.post("/{decision_id}/batches/{batch_id}/confirm", response=WRITE)
def confirm_batch(request, decision_id: int, batch_id: int):
    """A second, different person confirms a batch; its ballots enter the box."""

    def act(d):
        batch = Batch.objects.filter(pk=batch_id, decision=d).first()
        if batch is None:
            return 404, {"detail": "Không tìm thấy tập phiếu."}
        batch = services.confirm_batch(batch, actor=request.user)
        return 200, {"batch": batch.pk, "status": batch.status}

    return _write(request, decision_id, act)


@router.post("/{decision_id}/officers", response=WRITE)
def officers(request, decision_id: int, data: OfficersIn):
    """Record the secretary, counting board, ballot team and count witnesses."""

    def act(d):
        d = services.record_officers(d, actor=request.user, **data.dict(exclude_none=True))
        return 200, {"id": d.pk, "ballot_team": d.ballot_team, "witnesses": d.witnesses,
                     "counting_board": d.counting_board, "secretary": d.secretary}  # fmt: skip

    return _write(request, decision_id, act)


@router.post("/{decision_id}/sent", response=WRITE)
def sent(request, decision_id: int, data: SendIn):
    """Record the day the decision went to the commune People's Committee and Front."""

    def act(d):
        d = services.send_decision(d, actor=request.user, sent_on=data.sent_on)
        return 200, {"id": d.pk, "sent_on": d.sent_on.isoformat()}

    return _write(request, decision_id, act)


@router.post("/{decision_id}/recognition", response=WRITE)
def recognition(request, decision_id: int, data: RecognitionIn):
    """Record the recognition by the People's Committee or the Front, or its refusal."""

    def act(d):
        d = services.record_recognition(
            d, actor=request.user, recognised=data.recognised, on=data.on, reason=data.reason
        )
        effective = services.effective_on(d)
        return 200, {
            "id": d.pk,
            "recognition": d.recognition,
            "effective_on": effective.isoformat() if effective else None,
        }

    return _write(request, decision_id, act)


@router.get("/{decision_id}/result", response={200: dict, 400: ErrorOut, 404: ErrorOut})
def result(request, decision_id: int):
    """The result sheet: every figure and the verdict with its rule — after the count only."""
    try:
        d = _decision(request, decision_id)
    except Http404:
        return Status(404, NOT_FOUND)
    return queries.result_for(request.user, d)


@router.get("/{decision_id}/receipts", response={200: dict, 400: ErrorOut, 404: ErrorOut})
def receipts(request, decision_id: int):
    """The published list of receipt hashes (SHA-256), sorted; no household, no choice."""
    try:
        d = _decision(request, decision_id)
    except Http404:
        return Status(404, NOT_FOUND)
    return {"hashes": queries.receipt_hashes(d)}


@router.post("/{decision_id}/receipts/check", response={200: dict, 400: ErrorOut, 404: ErrorOut})
def check_receipt(request, decision_id: int, data: ReceiptIn):
    """Whether a ballot with this receipt code was counted (published decisions)."""
    try:
        d = _decision(request, decision_id)
    except Http404:
        return Status(404, NOT_FOUND)
    return {"counted": queries.receipt_counted(d, data.code)}
