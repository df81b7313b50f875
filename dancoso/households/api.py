"""The household register API (mounted at /api/v1/households): the same scoped reads as the
pages, national ID numbers masked, lists paginated."""

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from dancoso.places.models import Village

from . import queries, services
from .law import EXPORT_PURPOSES, PURPOSE_TEXT_MAX, mask_national_id
from .views.exports import attachment

router = Router(tags=["households"])
PAGE_SIZE = 25
MAX_PAGE = 100_000


class HouseholdFilter(Schema):
    commune: int | None = Field(None, ge=1, le=999_999, description="Mã xã chính thức")
    village: int | None = Field(None, ge=1, le=2**62, description="Mã thôn (id)")
    search: str | None = Field(None, max_length=60, description="Một phần mã hộ hoặc tên")
    page: int = Field(1, ge=1, le=MAX_PAGE)


class HouseholdOut(Schema):
    id: int
    code: str
    commune_code: int
    village_id: int
    village_name: str
    head_name: str | None
    head_national_id_masked: str
    member_count: int


class HouseholdPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[HouseholdOut]


class MemberOut(Schema):
    id: int
    full_name: str
    date_of_birth: date | None
    gender: str
    relation: str
    is_head: bool
    is_representative: bool
    national_id_masked: str


class ResidenceOut(Schema):
    village_id: int
    village_name: str
    started_on: date
    ended_on: date | None


class HouseholdDetailOut(Schema):
    id: int
    code: str
    address: str
    commune_code: int
    village_id: int
    village_name: str
    members: list[MemberOut]
    residences: list[ResidenceOut]


class ErrorOut(Schema):
    detail: str


class ExportIn(Schema):
    commune: int | None = Field(None, ge=1, le=999_999, description="Mã xã chính thức")
    village: int | None = Field(None, ge=1, le=2**62, description="Mã thôn (id); trống: cả xã")
    format: Literal["xlsx", "csv"] = "xlsx"
    with_phones: bool = False
    purpose: str = Field(..., max_length=40, description=", ".join(EXPORT_PURPOSES))
    purpose_text: str = Field("", max_length=PURPOSE_TEXT_MAX, description="Khi mục đích là khac")


@router.get("", response={200: HouseholdPage, 404: ErrorOut})
def list_households(request, filters: Query[HouseholdFilter]):
    """Hộ gia đình of one commune (the caller's first if none is given) that the caller may see,
    25 a page."""
    commune, village, missing = _place(request.user, filters.commune, filters.village)
    if missing:
        return missing
    households = queries.households_visible_to(
        request.user, commune, village=village, search=filters.search
    )
    start = (filters.page - 1) * PAGE_SIZE
    items = [_household_out(h, commune.code) for h in households[start : start + PAGE_SIZE]]
    return {"count": households.count(), "page": filters.page, "page_size": PAGE_SIZE,
            "items": items}  # fmt: skip


@router.post("/export", response={400: ErrorOut, 404: ErrorOut})
def export_register(request, body: ExportIn):
    """Xuất sổ hộ as a file (CSV or XLSX attachment): the same service as the page, so the same
    permission, masked IDs and one audit event per export."""
    commune, village, missing = _place(request.user, body.commune, body.village)
    if missing:
        return missing
    try:
        export = services.export_register(
            commune, actor=request.user, village=village, fmt=body.format,
            with_phones=body.with_phones, purpose=body.purpose, purpose_text=body.purpose_text,
        )  # fmt: skip
    except ValidationError as exc:
        return Status(400, {"detail": " ".join(exc.messages)})
    return attachment(export)


def _place(user, commune_code: int | None, village_id: int | None):
    """The commune asked for (the caller's first visible one if none), the village asked for
    in it, and a 404 answer instead when either is not found among what the caller may see."""
    communes = queries.communes_visible_to(user)
    commune = (communes.filter(code=commune_code) if commune_code else communes).first()
    if commune is None:
        return None, None, Status(404, {"detail": "Không tìm thấy xã."})
    if village_id is None:
        return commune, None, None
    village = Village.objects.filter(pk=village_id, commune=commune).first()
    if village is None:
        return commune, None, Status(404, {"detail": "Không tìm thấy thôn."})
    return commune, village, None


@router.get("/{household_id}", response={200: HouseholdDetailOut, 404: ErrorOut})
def get_household(request, household_id: int):
    """One household with its members (IDs masked) and residence history."""
    if not 0 < household_id < 2**63:
        return Status(404, {"detail": "Không tìm thấy hộ gia đình."})
    try:
        household = queries.get_household_for(request.user, household_id)
    except Http404:
        return Status(404, {"detail": "Không tìm thấy hộ gia đình."})
    members = [
        {"id": m.pk, "full_name": m.full_name, "date_of_birth": m.date_of_birth,
         "gender": m.gender, "relation": m.relation, "is_head": m.is_head,
         "is_representative": m.is_representative, "national_id_masked": m.masked_national_id}
        for m in queries.members_of(household)
    ]  # fmt: skip
    residences = [
        {"village_id": r.village_id, "village_name": r.village.name,
         "started_on": r.started_on, "ended_on": r.ended_on}
        for r in queries.residence_history(household)
    ]  # fmt: skip
    return {"id": household.pk, "code": household.code, "address": household.address,
            "commune_code": household.commune.code, "village_id": household.village_id,
            "village_name": household.village.name, "members": members,
            "residences": residences}  # fmt: skip


def _household_out(household, commune_code: int) -> dict:
    return {"id": household.pk, "code": household.code, "commune_code": commune_code,
            "village_id": household.village_id, "village_name": household.village.name,
            "head_name": household.head_name,
            "head_national_id_masked": mask_national_id(household.head_national_id),
            "member_count": household.member_count}  # fmt: skip
