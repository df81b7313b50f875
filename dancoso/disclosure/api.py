"""The disclosure API (mounted at /api/v1/disclosure): under ``/public/`` the reads anyone may
make (a commune's register, one disclosure with its public history of corrections, the search
without diacritics — public by law, Art. 11–13); for officials (session + CSRF), publishing,
correcting and withdrawing — writes that accept an ``Idempotency-Key`` (``core.idempotency``) —
and the obligations summary. Same services and queries as the pages."""

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from ninja.security import SessionAuth

from dancoso.core import idempotency
from dancoso.core.schema_types import IsoDate
from dancoso.places.models import Agency

from . import law, queries, services
from .search import search_disclosures

router = Router(tags=["disclosure"])
PAGE_SIZE = 25
MAX_PAGE = 100_000
NOT_FOUND = "Không tìm thấy."
CODE = Field(..., ge=1, le=999_999, description="Mã xã chính thức")


class ErrorOut(Schema):
    detail: str
    code: str = ""


class DisclosureOut(Schema):
    id: UUID
    commune_code: int
    village: str | None
    category: str
    category_title: str
    title: str
    summary: str
    starts_on: date
    ends_on: date | None
    status: str
    corrected: bool
    url: str


class CorrectionOut(Schema):
    number: int
    corrected_at: datetime
    reason: str


class DisclosureDetailOut(DisclosureOut):
    body_html: str
    forms: list[str]
    document_date: date | None
    withdrawn_reason: str
    withdrawn_at: datetime | None
    attachments: list[str]
    corrections: list[CorrectionOut]


class DisclosurePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[DisclosureOut]


class ListFilter(Schema):
    category: str | None = Field(None, max_length=8)
    village: int | None = Field(None, ge=1, le=2**62)
    page: int = Field(1, ge=1, le=MAX_PAGE)


class SearchFilter(Schema):
    q: str = Field(..., min_length=1, max_length=200)
    commune: int | None = Field(None, ge=1, le=999_999)
    category: str | None = Field(None, max_length=8)
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)


class PublishIn(Schema):
    commune: int | None = Field(None, ge=1, le=999_999)
    village: int | None = Field(None, ge=1, le=2**62)
    agency: int | None = Field(None, ge=1, le=2**62)
    category: str = Field(..., max_length=8)
    title: str = Field(..., max_length=300)
    summary: str = Field("", max_length=2000)
    body: str = Field("", max_length=200_000)
    forms: list[str] = Field(default_factory=list, max_length=10)
    has_loudspeaker: bool = True
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    document_date: IsoDate | None = None
    obligation: str = Field("", max_length=40)
    obligation_year: int | None = Field(None, ge=2023, le=2100)


def _out(d, code: int) -> dict:
    return {
        "id": d.public_id,
        "commune_code": code,
        "village": d.village.name if d.village_id else None,
        "category": d.category,
        "category_title": law.CATEGORIES[d.category].title,
        "title": d.title,
        "summary": "" if d.is_withdrawn else d.summary,
        "starts_on": d.starts_on,
        "ends_on": d.ends_on,
        "status": d.status,
        "corrected": d.corrected_at is not None,
        "url": f"/xa/{code}/cong-khai/{d.public_id}/",
    }


def _page(rows, page: int, code_of) -> dict:
    start = (page - 1) * PAGE_SIZE
    items = [_out(d, code_of(d)) for d in rows[start : start + PAGE_SIZE]]
    return {"count": rows.count(), "page": page, "page_size": PAGE_SIZE, "items": items}


@router.get("/public/communes/{code}", response={200: DisclosurePage, 404: ErrorOut}, auth=None)
def list_disclosures(request, code: int, filters: Query[ListFilter]):
    """The disclosures of a commune in force today, newest first, 25 a page."""
    commune = queries.commune_by_code(code)
    if commune is None:
        return Status(404, {"detail": NOT_FOUND})
    village = queries.village_of(commune, filters.village) if filters.village else None
    rows = queries.public_register(commune, category=filters.category or "", village=village)
    return _page(rows, filters.page, lambda d: commune.code)


def _detail(d, code: int) -> dict:
    """One disclosure as the API shows it: a withdrawn one without its body and files; the
    public history of its corrections (when and why), newest first."""
    withdrawn = d.is_withdrawn
    files = [] if withdrawn else d.attachments.all()
    return {
        **_out(d, code),
        "body_html": "" if withdrawn else d.body_html,
        "forms": d.forms,
        "document_date": d.document_date,
        "withdrawn_reason": d.withdrawn_reason,
        "withdrawn_at": d.withdrawn_at,
        "attachments": [f"/xa/{code}/cong-khai/{d.public_id}/tep/{a.public_id}/" for a in files],
        "corrections": [
            {"number": r.number, "corrected_at": r.corrected_at, "reason": r.reason}
            for r in d.revisions.all()
        ],
    }


@router.get(
    "/public/communes/{code}/{public_id}",
    response={200: DisclosureDetailOut, 404: ErrorOut},
    auth=None,
)
def get_disclosure(request, code: int, public_id: UUID):
    """One public disclosure (a withdrawn one without its body and files), with the public
    history of its corrections."""
    try:
        d = queries.get_public_disclosure(code, public_id)
    except Http404:
        return Status(404, {"detail": NOT_FOUND})
    return _detail(d, code)


@router.get("/public/search", response={200: DisclosurePage, 404: ErrorOut}, auth=None)
def search(request, filters: Query[SearchFilter]):
    """Search public disclosures without diacritics, most relevant first, 25 a page."""
    commune = None
    if filters.commune is not None:
        commune = queries.commune_by_code(filters.commune)
        if commune is None:
            return Status(404, {"detail": NOT_FOUND})
    rows = search_disclosures(
        filters.q,
        commune=commune,
        category=filters.category or "",
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    return _page(rows, filters.page, lambda d: d.commune.code)


def _owner(request, data: PublishIn) -> dict:
    if data.agency is not None:
        agency = Agency.objects.filter(pk=data.agency).select_related("commune").first()
        if agency is None:
            raise Http404
        return {"agency": agency}
    commune = queries.commune_by_code(data.commune) if data.commune else None
    if commune is None:
        raise Http404
    village = queries.village_of(commune, data.village) if data.village else None
    if data.village and village is None:
        raise Http404
    return {"commune": commune, "village": village, "has_loudspeaker": data.has_loudspeaker}


@router.post(
    "/disclosures",
    response={
        201: DisclosureDetailOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
)
def publish(request, data: PublishIn):
    """Publish a disclosure (officials; the publish service's checks, no attachments here);
    accepts an ``Idempotency-Key``."""

    def run():
        try:
            owner = _owner(request, data)
        except Http404:
            return 404, {"detail": NOT_FOUND, "code": "not_found"}
        fields = data.dict(exclude={"commune", "village", "agency", "has_loudspeaker"})
        try:
            d = services.publish_disclosure(actor=request.user, **owner, **fields)
        except ValidationError as exc:
            return 400, {"detail": " ".join(exc.messages), "code": "invalid"}
        return 201, _detail(d, _code(d))

    return idempotency.respond(request, run)


def _code(d) -> int:
    return d.commune.code if d.commune_id else 0


class ReasonIn(Schema):
    reason: str = Field(..., max_length=1000)


class CorrectionIn(ReasonIn):
    title: str | None = Field(None, max_length=300)
    summary: str | None = Field(None, max_length=2000)
    body: str | None = Field(None, max_length=200_000)


class DisclosureAccess(SessionAuth):
    """Session sign-in and, on a path with a ``public_id``, the same 404 for a disclosure that
    is absent, malformed or not the caller's — before the body is read, so an outsider learns
    nothing, not even which fields a body needs."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        match = getattr(request, "resolver_match", None)
        if user is not None and match is not None and "public_id" in match.kwargs:
            try:
                public_id = UUID(str(match.kwargs["public_id"]))
            except ValueError as exc:
                raise Http404 from exc
            queries.get_disclosure_for(user, public_id)
        return user


WRITE = {
    200: DisclosureDetailOut,
    400: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


def _write(request, public_id: UUID, action):
    """Fetch the disclosure the caller manages (the same 404 for absent and not yours), run
    ``action`` once per ``Idempotency-Key`` and answer with the disclosure as it now is."""

    def run():
        try:
            d = queries.get_disclosure_for(request.user, public_id)
        except Http404:
            return 404, {"detail": NOT_FOUND, "code": "not_found"}
        try:
            d = action(d)
        except ValidationError as exc:
            return 400, {"detail": " ".join(exc.messages), "code": "invalid"}
        d = queries.get_disclosure_for(request.user, d.public_id)
        return 200, _detail(d, _code(d))

    return idempotency.respond(request, run)


@router.post("/disclosures/{public_id}/corrections", response=WRITE, auth=DisclosureAccess())
def correct(request, public_id: UUID, data: CorrectionIn):
    """Đính chính: correct the title, summary or body (each given part replaces the current
    one) with a required reason; the replaced text stays in the public history."""
    fields = data.dict()
    return _write(
        request,
        public_id,
        lambda d: services.correct_disclosure(d, actor=request.user, **fields),
    )


@router.post("/disclosures/{public_id}/withdrawal", response=WRITE, auth=DisclosureAccess())
def withdraw(request, public_id: UUID, data: ReasonIn):
    """Rút: withdraw a disclosure with a required reason; its title, date and reason stay
    public, its body and files do not."""
    return _write(
        request,
        public_id,
        lambda d: services.withdraw_disclosure(d, actor=request.user, reason=data.reason),
    )


class SummaryOut(Schema):
    total: int
    on_time: int
    late: int
    overdue: int
    not_yet_due: int
    done: int
    due: int
    percent_done: float | None


@router.get("/communes/{code}/obligations/{year}", response={200: SummaryOut, 404: ErrorOut})
def obligations(request, code: int, year: int):
    """The counts of a commune's recurring obligations for a year (the "100% disclosed"
    indicator), for those who may read the checklist."""
    commune = queries.commune_by_code(code)
    if commune is None or not 2023 <= year <= 2100:
        return Status(404, {"detail": NOT_FOUND})
    if not request.user.has_perm("disclosure.view_obligations", commune):
        return Status(404, {"detail": NOT_FOUND})
    return queries.obligation_summary(commune, year)
