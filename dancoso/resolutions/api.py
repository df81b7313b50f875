"""The resolutions API (mounted at /api/v1/resolutions): the resolutions a user may read, a
dashboard as JSON (the same figures and the same "cập nhật lúc" time as the page), and the
hand-reported figure, through the same services and scoped queries."""

from datetime import date, datetime
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import ValidationError as PydanticError

from dancoso.core.errors import DomainError

from . import dashboard, queries, services, snapshots
from .views.common import UNIT_MODELS

router = Router(tags=["resolutions"])


class ResolutionOut(Schema):
    id: int
    number: str
    title: str
    issued_on: date
    effective_from: date
    effective_until: date | None
    scope_level: str
    scope_name: str


class DashboardQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    commune: int | None = Field(None, ge=1, le=2**62, description="Id xã (nghị quyết cấp tỉnh)")


class CellOut(Schema):
    numerator: int
    denominator: int
    percent: float | None
    state: Literal["green", "amber", "red", "none"]


class UnitOut(CellOut):
    level: str
    id: int
    name: str


class QuarterOut(CellOut):
    quarter: str


class TargetOut(CellOut):
    id: int
    code: str
    text: str
    source: str
    threshold: float
    amber_from: float | None
    due: str | None
    indicator: str
    manual: bool
    origin: str
    quarters: list[QuarterOut]
    units: list[UnitOut]


class DashboardOut(Schema):
    computed_at: datetime
    year: int
    place: dict
    targets: list[TargetOut]


class FigureIn(Schema):
    unit_level: Literal["village", "agency", "commune", "province"]
    unit_id: int = Field(..., ge=1, le=2**62)
    period_start: date
    period_end: date
    numerator: int = Field(..., ge=0, le=10**9)
    denominator: int = Field(..., ge=0, le=10**9)
    note: str = Field("", max_length=2000)


class FigureOut(Schema):
    id: int
    target: str
    numerator: int
    denominator: int


class Error(Schema):
    code: str = ""
    detail: str


@router.get("", response=list[ResolutionOut])
def resolution_list(request):
    rows = queries.resolutions_visible_to(request.user)[:200]
    return [
        {
            **{
                k: getattr(r, k)
                for k in ("id", "number", "title", "issued_on", "effective_from", "effective_until")
            },
            "scope_level": r.scope_level,
            "scope_name": r.scope.name,
        }
        for r in rows
    ]


@router.get("/{pk}/dashboard", response={200: DashboardOut, 404: Error})
def resolution_dashboard(request, pk: int, filters: Query[DashboardQuery]):
    resolution = queries.get_resolution_for(request.user, pk)

    years = snapshots.years_of(resolution, timezone.localdate())
    year = filters.year or (years[0] if years else resolution.effective_from.year)
    if year not in years:
        raise Http404
    if filters.commune is not None:
        commune = (
            resolution.province and resolution.province.communes.filter(pk=filters.commune).first()
        )
        if not commune:
            raise Http404
        computed_at = timezone.now()
        data = dashboard.compute(resolution, year, place=commune)
    else:
        snapshot = snapshots.current(resolution, year)
        data, computed_at = snapshot.data, snapshot.computed_at
    return {"computed_at": computed_at, **data}


def _documented(schema) -> dict:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }


@router.post(
    "/targets/{pk}/figures",
    response={201: FigureOut, 400: Error, 404: Error},
    openapi_extra=_documented(FigureIn),
)
def report_figure(request, pk: int):
    """Report a hand-entered figure. The target is scoped to the caller (404 for another
    place's) before the body is read."""
    target = queries.get_target_for(request.user, pk, None)
    if not queries.may_report_on(request.user, target.resolution):
        raise Http404
    try:
        body = FigureIn.model_validate_json(request.body or b"{}")
    except PydanticError as error:
        return Status(400, {"code": "invalid", "detail": _invalid(error)})
    unit = UNIT_MODELS[body.unit_level].objects.filter(pk=body.unit_id).first()
    if unit is None or not request.user.has_perm("resolutions.report_figure", unit):
        raise Http404
    if not queries.unit_in_scope(target.resolution, unit):
        raise Http404  # another place's unit looks missing
    data = body.dict()
    data.pop("unit_level"), data.pop("unit_id")
    try:
        figure = services.report_figure(request.user, target, unit=unit, **data)
    except DomainError as error:
        return Status(400, {"code": error.code, "detail": error.message})
    out = {
        "id": figure.pk,
        "target": target.code,
        "numerator": figure.numerator,
        "denominator": figure.denominator,
    }
    return Status(201, out)


def _invalid(error: PydanticError) -> str:
    fields = ", ".join(".".join(map(str, e["loc"])) or "body" for e in error.errors())
    return f"Dữ liệu gửi lên không hợp lệ ({fields}); hãy kiểm tra lại."
