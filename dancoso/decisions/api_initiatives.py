"""Citizen initiatives in the API (mounted at /api/v1/initiatives): propose, consent,
read the count; writes accept an ``Idempotency-Key``."""

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.responses import Status

from dancoso.core import idempotency
from dancoso.places.models import Village

from . import queries, services

router = Router(tags=["decisions"])
WRITE = {200: dict, 201: dict, 400: dict, 403: dict, 404: dict, 409: dict, 422: dict}
NOT_FOUND = {"detail": "Không tìm thấy sáng kiến."}


class InitiativeIn(Schema):
    village_id: int = Field(..., ge=1, le=2**62)
    title: str = Field(..., min_length=3, max_length=200)
    content: str = Field(..., min_length=3, max_length=5000)


def _out(initiative) -> dict:
    valid, total, needed = services.consent_status(initiative)
    return {"id": initiative.pk, "title": initiative.title, "village_id": initiative.village_id,
            "consents": valid, "households": total, "needed": needed,
            "front_approved": initiative.front_approved,
            "decision_id": initiative.decision_id}  # fmt: skip


@router.post("", response=WRITE)
def start(request, data: InitiativeIn):
    """Propose an initiative for a village where the caller represents a household."""

    def run():
        village = Village.objects.filter(pk=data.village_id).first()
        if village is None:
            return 404, {"detail": "Không tìm thấy thôn."}
        initiative = services.start_initiative(
            village, actor=request.user, title=data.title, content=data.content
        )
        return 201, _out(initiative)

    return idempotency.respond(request, run)


@router.get("/{initiative_id}", response={200: dict, 404: dict})
def detail(request, initiative_id: int):
    """An initiative with its valid consents against the 10% needed."""
    try:
        return _out(queries.get_initiative_for(request.user, initiative_id))
    except Http404:
        return Status(404, NOT_FOUND)


@router.post("/{initiative_id}/consents", response=WRITE)
def consent(request, initiative_id: int):
    """The caller's household consents to the initiative (once)."""

    def run():
        try:
            initiative = queries.get_initiative_for(request.user, initiative_id)
        except Http404:
            return 404, NOT_FOUND
        services.give_consent(initiative, actor=request.user)
        return 201, _out(initiative)

    return idempotency.respond(request, run)
