"""The consultation API (mounted at /api/v1/consultations): the same scoped reads as the public
pages and the same services for commenting and supporting. Reads need no sign-in for public
commune consultations; writes use the session (CSRF checked by ninja) and the same rate limits
as the pages, and accept an ``Idempotency-Key`` header (``core.idempotency``, SECURITY.md test
3): a retried post is stored once and answered with the first answer. Every path has one
method (``POST …/opinions/new`` beside ``GET …/opinions``): the URL-map security walks resolve
one view per path."""

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import ValidationError as PayloadError

from dancoso.core import idempotency
from dancoso.places.models import Commune

from . import queries, services
from .lifecycle import State
from .views.common import throttled

router = Router(tags=["consultation"])
PAGE_SIZE = 20
MAX_PAGE = 100_000
MAX_ID = 2**62
NOT_FOUND = {"detail": queries.NOT_FOUND}
BAD_BODY = (
    'Nội dung gửi lên không hợp lệ: cần JSON {"text": "…", "section_id": số hoặc null, '
    '"stance": "agree"|"disagree"|"other", "anonymous": true|false}.'
)


class ListFilter(Schema):
    commune: int = Field(..., ge=1, le=999_999, description="Mã xã chính thức")
    page: int = Field(1, ge=1, le=MAX_PAGE)


class OpinionFilter(Schema):
    section: int | None = Field(None, ge=1, le=MAX_ID, description="Mã phần (id)")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    after: int | None = Field(
        None, ge=0, le=MAX_ID, description="Chỉ các ý kiến có số lớn hơn (đọc tiếp, thay cho page)"
    )


class ConsultationOut(Schema):
    id: int
    title: str
    state: str
    subject: str
    article: str
    audience: str
    opens_on: date
    closes_on: date
    opinion_count: int


class ConsultationPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ConsultationOut]


class SectionOut(Schema):
    id: int
    position: int
    heading: str
    body: str
    opinion_count: int


class ConsultationDetailOut(ConsultationOut):
    summary: str
    forms: list[str]
    allow_anonymous: bool
    sections: list[SectionOut]


class OpinionOut(Schema):
    number: int
    section_id: int | None
    author: str
    source: str
    stance: str
    text: str | None
    hidden_reason: str | None
    support_count: int
    verdict: str | None
    answer: str | None


class OpinionPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[OpinionOut]


class OpinionIn(Schema):
    text: str = Field(..., min_length=1, max_length=3000)
    section_id: int | None = Field(None, ge=1, le=MAX_ID)
    stance: Literal["agree", "disagree", "other"] = "other"
    anonymous: bool = False


class GroupOut(Schema):
    title: str
    verdict: str
    answer: str
    opinions: list[int]


class RevisedSectionOut(Schema):
    id: int
    heading: str
    original: str
    revised: str | None


class SynthesisOut(Schema):
    consultation_id: int
    published_at: str | None
    report: str
    majority_reason: str
    groups: list[GroupOut]
    hidden: list[int]
    sections: list[RevisedSectionOut]


class ErrorOut(Schema):
    detail: str
    code: str | None = None


class Throttled(Exception):
    """Over the rate limit: raised inside an idempotent write so the key is freed (a retry
    after the limit has passed runs), and answered 429."""


RATE_LIMITED = {"detail": "Bạn gửi quá nhiều ý kiến; hãy thử lại sau.", "code": "rate_limited"}
TOO_FAST = {"detail": "Bạn thao tác quá nhanh; hãy thử lại sau.", "code": "rate_limited"}
WRITE = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}
IDEMPOTENCY_HEADER = {
    "in": "header",
    "name": idempotency.HEADER,
    "required": False,
    "schema": {"type": "string", "maxLength": idempotency.MAX_KEY},
    "description": "Khóa chống gửi lặp: gửi lại cùng khóa nhận lại câu trả lời đầu tiên.",
}


def _idempotent(request, compute, limited: dict):
    """Run ``compute`` once per Idempotency-Key; a field error becomes a stored 400."""

    def run():
        try:
            return compute()
        except ValidationError as exc:
            return 400, {"detail": " ".join(exc.messages), "code": "invalid"}

    try:
        return idempotency.respond(request, run)
    except Throttled:
        return Status(429, limited)


def _get(request, pk: int):
    if not 0 < pk < MAX_ID:
        raise Http404
    return queries.get_consultation_for(request.user, pk)


def _out(c, count: int) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "state": c.state,
        "subject": c.subject,
        "article": c.subject_info.article,
        "audience": c.audience,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "opinion_count": count,
    }


def _opinion_out(o, published: bool) -> dict:
    answered = published and o.group is not None
    return {
        "number": o.number,
        "section_id": o.section_id,
        "author": o.shown_author,
        "source": o.source,
        "stance": o.stance,
        "text": None if o.is_hidden else o.text,
        "hidden_reason": o.hidden_reason or None,
        "support_count": o.support_count,
        "verdict": o.group.verdict if answered else None,
        "answer": o.group.answer if answered else None,
    }


@router.get("", response={200: ConsultationPage, 404: ErrorOut}, auth=None)
def list_consultations(request, filters: Query[ListFilter]):
    """Public consultations of a commune, 20 a page."""
    commune = Commune.objects.filter(code=filters.commune).first()
    if commune is None:
        return Status(404, {"detail": "Không tìm thấy xã."})
    rows = queries.public_consultations(commune)
    start = (filters.page - 1) * PAGE_SIZE
    items = [_out(c, c.opinion_count) for c in rows[start : start + PAGE_SIZE]]
    return {"count": rows.count(), "page": filters.page, "page_size": PAGE_SIZE, "items": items}


@router.get("/{consultation_id}", response={200: ConsultationDetailOut, 404: ErrorOut}, auth=None)
def get_consultation(request, consultation_id: int):
    """One consultation with its sections and the number of opinions on each."""
    try:
        c = _get(request, consultation_id)
    except Http404:
        return Status(404, NOT_FOUND)
    sections = [
        {
            "id": s.pk,
            "position": s.position,
            "heading": s.heading,
            "body": s.body,
            "opinion_count": s.opinion_count,
        }
        for s in queries.sections_with_counts(c)
    ]
    return {
        **_out(c, c.opinions_visible),
        "summary": c.summary,
        "forms": c.forms,
        "allow_anonymous": c.allow_anonymous,
        "sections": sections,
    }


@router.get("/{consultation_id}/opinions", response={200: OpinionPage, 404: ErrorOut}, auth=None)
def list_opinions(request, consultation_id: int, filters: Query[OpinionFilter]):
    """Opinions in number order (hidden ones with their reason instead of their text), and
    their answers once the synthesis is published. ``after=<number>`` reads on from an
    opinion (keyset: the cost of any page is that of the first)."""
    try:
        c = _get(request, consultation_id)
    except Http404:
        return Status(404, NOT_FOUND)
    section = None
    if filters.section is not None:
        section = c.sections.filter(pk=filters.section).first()
        if section is None:
            return Status(404, {"detail": "Không tìm thấy phần này của dự thảo."})
    rows = queries.opinions_of(c, section=section)
    start = (filters.page - 1) * PAGE_SIZE
    published = c.state == State.PUBLISHED
    window = (
        rows.filter(number__gt=filters.after)[:PAGE_SIZE]
        if filters.after is not None
        else rows[start : start + PAGE_SIZE]
    )
    items = [_opinion_out(o, published) for o in window]
    count = (section or c).opinions_total  # the tallies, not a count of every opinion
    return {"count": count, "page": filters.page, "page_size": PAGE_SIZE, "items": items}


@router.post(
    "/{consultation_id}/opinions/new",
    response={201: OpinionOut, **WRITE},
    openapi_extra={
        "parameters": [IDEMPOTENCY_HEADER],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": OpinionIn.model_json_schema()}},
        },
    },
)
def post_opinion(request, consultation_id: int):
    """Gửi ý kiến on a section (``section_id``) or the whole draft. The body is read after the
    consultation is found, so a consultation one may not see answers 404 whatever the body."""

    def compute():
        try:
            c = _get(request, consultation_id)
        except Http404:
            return 404, NOT_FOUND
        try:
            payload = OpinionIn.model_validate_json(request.body or b"{}")
        except PayloadError:
            return 400, {"detail": BAD_BODY, "code": "invalid"}
        if throttled(request, "consultation.post_opinion"):
            raise Throttled
        section = None
        if payload.section_id is not None:
            section = c.sections.filter(pk=payload.section_id).first()
            if section is None:
                return 400, {"detail": "Phần được chọn không thuộc dự thảo này.", "code": "section"}
        opinion = services.post_opinion(
            c,
            actor=request.user,
            text=payload.text,
            section=section,
            stance=payload.stance,
            anonymous=payload.anonymous,
        )
        opinion.support_count = 0
        return 201, _opinion_out(opinion, False)

    return _idempotent(request, compute, RATE_LIMITED)


@router.post(
    "/{consultation_id}/opinions/{number}/support",
    response={201: ErrorOut, **WRITE},
    openapi_extra={"parameters": [IDEMPOTENCY_HEADER]},
)
def support_opinion(request, consultation_id: int, number: int):
    """Ủng hộ một ý kiến (once per person; a replayed key answers 201 again, a second support
    without the key is refused with 400 ``already_supported``)."""

    def compute():
        try:
            c = _get(request, consultation_id)
        except Http404:
            return 404, NOT_FOUND
        opinion = c.opinions.filter(number=number).first() if 0 < number < MAX_ID else None
        if opinion is None:
            return 404, {"detail": "Không tìm thấy ý kiến."}
        if throttled(request, "consultation.support_opinion"):
            raise Throttled
        services.support_opinion(opinion, actor=request.user)
        return 201, {"detail": "Đã ủng hộ ý kiến.", "code": "supported"}

    return _idempotent(request, compute, TOO_FAST)


@router.get("/{consultation_id}/synthesis", response={200: SynthesisOut, 404: ErrorOut}, auth=None)
def get_synthesis(request, consultation_id: int):
    """The published synthesis: each group's verdict and answer with its opinion numbers, the
    hidden opinions, and the revised draft beside the original."""
    try:
        c = _get(request, consultation_id)
    except Http404:
        return Status(404, NOT_FOUND)
    if not queries.synthesis_visible(request.user, c):
        return Status(404, NOT_FOUND)
    groups = [
        {
            "title": g.title,
            "verdict": g.verdict,
            "answer": g.answer,
            "opinions": [o.number for o in g.opinions.all()],
        }
        for g in queries.synthesis_groups(c)
    ]
    hidden = list(
        c.opinions.filter(hidden_at__isnull=False)
        .order_by("number")
        .values_list("number", flat=True)
    )
    sections = [
        {
            "id": s.pk,
            "heading": s.heading,
            "original": s.body,
            "revised": s.revised_body if s.is_revised else None,
        }
        for s in c.sections.order_by("position")
    ]
    published = c.synthesis_published_at.isoformat() if c.synthesis_published_at else None
    return {
        "consultation_id": c.pk,
        "published_at": published,
        "report": c.synthesis_text,
        "majority_reason": c.majority_reason,
        "groups": groups,
        "hidden": hidden,
        "sections": sections,
    }
