"""Registering the upper body of a province (``UpperBody``): where the cases a commune may not
keep go (``routing_law``). A provincial officer or an operator (``manage.py
feedback_upper_body``) sets it; one audit event in the provincial chain."""

from django.core.exceptions import ValidationError
from django.db import transaction

from dancoso.audit.services import record
from dancoso.places.models import Agency, Province

from ..models import UpperBody
from .common import require

NOT_PROVINCIAL = "Cơ quan cấp trên phải là cơ quan cấp tỉnh của chính tỉnh này."


@transaction.atomic
def set_upper_body(province: Province, *, actor, agency: Agency) -> UpperBody:
    """Make ``agency`` (a body of ``province`` itself, not of one of its communes) the upper
    level that receives second complaints, follow-up denunciations and denunciations outside
    a commune's competence (Law 02/2011 Art. 7, 33; Law 25/2018 Art. 24, 37, 38)."""
    require(actor, "set_upper_body", province)
    if agency.province_id != province.pk or agency.commune_id is not None:
        raise ValidationError({"agency": NOT_PROVINCIAL})
    body, _created = UpperBody.objects.select_for_update().update_or_create(
        province=province, defaults={"agency": agency}
    )
    record(
        "feedback.set_upper_body",
        actor=actor,
        obj=body,
        summary={"province": province.code, "agency_id": agency.pk},
    )
    return body
