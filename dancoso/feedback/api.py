"""The citizens' cases API (mounted at /api/v1/feedback): public intake and tracking by code
(no account, rate-limited as the pages are), and the officer's inbox, case and actions through
the same services and scoped queries. A denunciation's sender is masked as on the pages."""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from django_ratelimit.core import is_ratelimited
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from ninja.utils import check_csrf
from pydantic import ValidationError as PydanticError

from dancoso.places.models import Commune

from . import queries, services
from .deadlines import deadlines_of
from .secrecy import sender_for, shield
from .views.common import (
    RATE_RATE_PER_IP,
    SUBMIT_RATE_PER_CONTACT,
    SUBMIT_RATE_PER_IP,
    TRACK_RATE_PER_IP,
    contact_key,
)
from .views.officer import ACTIONS

router = Router(tags=["feedback"])


def _body(request, schema):
    """Public writes need no account but must carry the CSRF token of one of our pages (as
    the forms do; SECURITY.md test 16), checked before the body is read; then the JSON body
    is validated against ``schema``. Returns (data, None) or (None, error response)."""
    if check_csrf(request) is not None:
        return None, Status(403, {"detail": NO_CSRF})
    try:
        return schema.model_validate_json(request.body or b"{}"), None
    except PydanticError as exc:
        return None, Status(
            400,
            {
                "detail": "Dữ liệu gửi lên không hợp lệ.",
                "fields": {
                    ".".join(map(str, e["loc"])) or "__all__": [e["msg"]] for e in exc.errors()
                },
            },
        )


def _documented(schema) -> dict:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }


PAGE_SIZE = 25
NOT_FOUND = "Không tìm thấy hồ sơ."
NO_CSRF = "Thiếu mã chống giả mạo (CSRF): hãy gửi từ trang của cổng thông tin."
TOO_MANY = "Quá nhiều yêu cầu. Hãy thử lại sau."


class ErrorOut(Schema):
    detail: str
    fields: dict[str, list[str]] | None = None


class SubmitIn(Schema):
    commune: int = Field(..., ge=1, le=999_999, description="Mã xã chính thức")
    kind: str = Field(..., max_length=12)
    subject: str = Field(..., max_length=200)
    description: str = Field(..., max_length=5000)
    full_name: str = Field("", max_length=150)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    place_text: str = Field("", max_length=200)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)


class DeadlineOut(Schema):
    name: str
    label: str
    due: date
    article: str
    done_on: date | None


class StepOut(Schema):
    status: str
    text: str


class TrackOut(Schema):
    tracking_code: str
    kind: str
    status: str
    received_on: date
    deadlines: list[DeadlineOut]
    steps: list[StepOut]
    answer: str
    satisfied: bool | None


class RatingIn(Schema):
    satisfied: bool | None = None
    reason: str = Field("", max_length=500)
    ask_review: bool = False


class SenderOut(Schema):
    full_name: str
    phone: str
    email: str
    revealed: bool


class CaseOut(Schema):
    id: int
    tracking_code: str
    kind: str
    channel: str
    status: str
    subject: str
    received_on: date
    next_due: date | None
    assigned_to_id: int | None


class CaseDetailOut(CaseOut):
    description: str
    answer: str
    deadlines: list[DeadlineOut]
    sender: SenderOut


class CasePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[CaseOut]


class InboxFilter(Schema):
    commune: int | None = Field(None, ge=1, le=999_999)
    status: str = Field("", max_length=16)
    kind: str = Field("", max_length=12)
    page: int = Field(1, ge=1, le=100_000)


class ActionIn(Schema):
    text: str = Field("", max_length=10000)
    officer: int | None = Field(None, ge=1, le=2**62)
    body: str = Field("", max_length=200)
    into: str = Field("", max_length=20)


def _invalid(exc: ValidationError):
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return Status(400, {"detail": " ".join(exc.messages), "fields": fields})


def _track_out(case) -> dict:
    steps = list(queries.public_steps(case)[:50])
    shield(None, case, steps)
    return {
        "tracking_code": case.tracking_code,
        "kind": case.kind,
        "status": case.status,
        "received_on": case.received_on,
        "deadlines": [d.__dict__ for d in deadlines_of(case)],
        "steps": [{"status": s.status, "text": s.text} for s in steps],
        "answer": case.answer,
        "satisfied": case.satisfied,
    }


@router.post(
    "/submit",
    auth=None,
    openapi_extra=_documented(SubmitIn),
    response={201: TrackOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut},
)
def submit(request):
    """Gửi phản ánh, kiến nghị without an account; answers the tracking code at once."""
    data, refused = _body(request, SubmitIn)
    if refused:
        return refused
    if is_ratelimited(
        request, group="feedback.submit", key="ip", rate=SUBMIT_RATE_PER_IP, increment=True
    ) or is_ratelimited(
        request,
        group="feedback.submit.contact",
        key=lambda g, r: _contact(data),
        rate=SUBMIT_RATE_PER_CONTACT,
        increment=True,
    ):
        return Status(429, {"detail": TOO_MANY})
    commune = Commune.objects.filter(code=data.commune).first()
    if commune is None:
        return Status(404, {"detail": "Không tìm thấy xã."})
    fields = data.dict(exclude={"commune"})
    try:
        case = services.submit_case(commune, actor=request.user, **fields)
    except ValidationError as exc:
        return _invalid(exc)
    return Status(201, _track_out(case))


def _contact(data: SubmitIn) -> str:
    class Fake:
        POST = {"phone": data.phone, "email": data.email}

    return contact_key(None, Fake)


@router.get("/track/{code}", auth=None, response={200: TrackOut, 404: ErrorOut, 429: ErrorOut})
def track(request, code: str):
    """Tình trạng hồ sơ by its tracking code: no personal data."""
    if is_ratelimited(
        request, group="feedback.track", key="ip", rate=TRACK_RATE_PER_IP, increment=True
    ):
        return Status(429, {"detail": TOO_MANY})
    try:
        return _track_out(queries.get_case_by_code(code))
    except Http404:
        return Status(404, {"detail": NOT_FOUND})


@router.post(
    "/track/{code}/rating",
    auth=None,
    openapi_extra=_documented(RatingIn),
    response={200: TrackOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut},
)
def rate(request, code: str):
    """Đánh giá câu trả lời (and ask for review once), by tracking code."""
    if check_csrf(request) is not None:
        return Status(403, {"detail": NO_CSRF})
    if is_ratelimited(
        request, group="feedback.rate", key="ip", rate=RATE_RATE_PER_IP, increment=True
    ):
        return Status(429, {"detail": TOO_MANY})
    try:
        case = queries.get_case_by_code(code)
    except Http404:
        return Status(404, {"detail": NOT_FOUND})
    data, refused = _body(request, RatingIn)
    if refused:
        return refused
    if data.satisfied is None:
        return Status(400, {"detail": "Hãy cho biết bạn có hài lòng hay không."})
    try:
        case = services.rate_answer(
            case, satisfied=data.satisfied, reason=data.reason, ask_review=data.ask_review
        )
    except ValidationError as exc:
        return _invalid(exc)
    return _track_out(case)


@router.get("/cases", response={200: CasePage, 404: ErrorOut})
def inbox(request, filters: Query[InboxFilter]):
    """The inbox of one commune (the caller's first if none is given), next deadline first.
    ``count`` stops at 10,001 (more than 10,000 cases: use the filters)."""
    communes = queries.inbox_communes(request.user)
    commune = (communes.filter(code=filters.commune) if filters.commune else communes).first()
    if commune is None:
        return Status(404, {"detail": "Không tìm thấy xã."})
    cases = queries.inbox_for(request.user, commune, status=filters.status, kind=filters.kind)
    start = (filters.page - 1) * PAGE_SIZE
    return {
        "count": queries.InboxPaginator(cases, PAGE_SIZE).count,  # capped at 10,001
        "page": filters.page,
        "page_size": PAGE_SIZE,
        "items": [
            shield(request.user, c)
            for c in cases.select_related("sender")[start : start + PAGE_SIZE]
        ],
    }


@router.get("/cases/{case_id}", response={200: CaseDetailOut, 404: ErrorOut})
def case_detail(request, case_id: int):
    """One case with its deadlines; the sender as ``secrecy.sender_for`` allows (logged)."""
    try:
        case = queries.get_case_for(request.user, case_id)
    except Http404:
        return Status(404, {"detail": NOT_FOUND})
    sender = sender_for(request.user, case, purpose="api")
    shield(request.user, case)
    out = CaseOut.from_orm(case).dict()
    return {
        **out,
        "description": case.description,
        "answer": case.answer,
        "deadlines": [d.__dict__ for d in deadlines_of(case)],
        "sender": {
            "full_name": sender.full_name,
            "phone": sender.phone,
            "email": sender.email,
            "revealed": sender.revealed,
        },
    }


@router.post(
    "/cases/{case_id}/actions/{action}",
    openapi_extra=_documented(ActionIn),
    response={200: CaseOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def act(request, case_id: int, action: str):
    """One officer action (thu-ly, tu-choi, giao, chuyen, gop, bo-sung, tra-loi, gia-han,
    ket-thuc, cong-khai, phan-loai, nguon-tin) through its service."""
    try:
        case = queries.get_case_for(request.user, case_id)
    except Http404:
        return Status(404, {"detail": NOT_FOUND})
    run = ACTIONS.get(action)
    if run is None:
        return Status(404, {"detail": "Không có thao tác này."})
    data, refused = _body(request, ActionIn)
    if refused:
        return refused
    payload = data.dict()
    payload["officer"] = str(payload["officer"] or "")
    try:
        return run(case, request.user, payload)
    except ValidationError as exc:
        return _invalid(exc)
