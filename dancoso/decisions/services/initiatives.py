"""Citizen initiatives (Law 10/2022/QH15 Art. 16(3)): a household representative proposes a
matter, the village's households consent, and the village head puts it to the community once
at least 10% of ALL households consented within the last three months — or earlier with the
Front work committee's approval."""

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from dancoso.audit.services import record
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.households.models import Household
from dancoso.households.services.common import acting_role
from dancoso.places.models import Village

from .. import law
from ..law import add_months
from ..models import Consent, Decision, Initiative
from ..places import represented_household_ids
from .decisions import open_decision

ALREADY_CONSENTED = "Hộ của bạn đã đồng ý với sáng kiến này (mỗi hộ một lần)."
NOT_REACHED = (
    "Sáng kiến mới có {n}/{total} hộ đồng ý còn hiệu lực, cần ít nhất {needed} hộ (10%) hoặc "
    "Ban công tác Mặt trận đồng ý (Luật 10/2022/QH15, Điều 16 khoản 3)."
)
ALREADY_PUT = "Sáng kiến này đã được đưa ra biểu quyết."
WHICH_HOUSEHOLD = "Bạn đại diện cho nhiều hộ trong thôn: hãy chọn một hộ."


def _audit(action: str, initiative: Initiative, *, actor, summary: dict) -> None:
    record(
        f"decisions.{action}",
        actor=actor,
        obj=initiative,
        summary={"initiative": initiative.pk, **summary},
        commune_code=initiative.commune.code,
        role=acting_role(actor, initiative),
    )


def _require(actor, permission: str, obj) -> None:
    if not actor.has_perm(f"decisions.{permission}", obj):
        raise PermissionDeniedError()


def _represented(actor, village_id: int) -> list[Household]:
    ids = represented_household_ids(actor)
    return list(Household.objects.filter(village_id=village_id, pk__in=ids))


@transaction.atomic
def start_initiative(village: Village, *, actor, title: str, content: str) -> Initiative:
    """Khởi xướng sáng kiến: a representative of a household of the village proposes a matter;
    the households (the initiator's included) then consent one by one."""
    _require(actor, "start_initiative", village)
    initiative = Initiative(
        village=village,
        commune_id=village.commune_id,
        title=title.strip(),
        content=content.strip(),
        initiator=actor,
    )
    initiative.full_clean()
    initiative.save()
    initiative = Initiative.objects.select_related("commune").get(pk=initiative.pk)
    _audit("start_initiative", initiative, actor=actor, summary={"village": village.pk})
    return initiative


@transaction.atomic(durable=True)
def give_consent(initiative: Initiative, *, actor, household: Household | None = None) -> Consent:
    """Đồng ý với sáng kiến: one consent per household (a database constraint, so concurrent
    taps store one); valid for three months from today."""
    initiative = Initiative.objects.select_related("commune").get(pk=initiative.pk)
    _require(actor, "give_consent", initiative)
    homes = _represented(actor, initiative.village_id)
    if household is not None:
        homes = [h for h in homes if h.pk == household.pk]
    if not homes:
        raise PermissionDeniedError()
    if len(homes) > 1:
        raise DomainError("which_household", WHICH_HOUSEHOLD)
    try:
        with transaction.atomic():
            consent = Consent.objects.create(
                initiative=initiative, household=homes[0], given_on=timezone.localdate()
            )
    except IntegrityError as exc:
        raise DomainError("already_consented", ALREADY_CONSENTED) from exc
    _audit("give_consent", initiative, actor=actor, summary={"household": homes[0].pk})
    return consent


def consent_status(initiative: Initiative, on=None) -> tuple[int, int, int]:
    """(valid consents on ``on``, households of the village, consents needed)."""
    on = on or timezone.localdate()
    per_day = (
        Consent.objects.filter(initiative=initiative, given_on__gt=add_months(on, -4))
        .values_list("given_on")
        .annotate(n=Count("id"))
        .values_list("given_on", "n")
    )
    valid = sum(n for day, n in per_day if law.consent_valid(day, on))
    total = Household.objects.filter(village_id=initiative.village_id, is_active=True).count()
    needed = law.param("initiative_consent_share", on).minimum(total)
    return valid, total, needed


@transaction.atomic
def approve_initiative(initiative: Initiative, *, actor) -> Initiative:
    """Ban công tác Mặt trận đồng ý: the village Front work committee head lets an initiative
    below 10% go forward (Law Art. 16(3))."""
    initiative = Initiative.objects.select_related("commune").get(pk=initiative.pk)
    _require(actor, "approve_initiative", initiative.village)
    initiative.front_approved = True
    initiative.save(update_fields=["front_approved", "updated_at"])
    _audit("approve_initiative", initiative, actor=actor, summary={})
    return initiative


@transaction.atomic
def put_initiative_to_vote(initiative: Initiative, *, actor, **decision_fields) -> Decision:
    """Đưa sáng kiến ra biểu quyết: the village head opens a decision for it once the 10% of
    valid consents is reached or the Front approved."""
    initiative = (
        Initiative.objects.select_for_update().select_related("commune").get(pk=initiative.pk)
    )
    if initiative.decision_id:
        raise DomainError("already_put", ALREADY_PUT)
    valid, total, needed = consent_status(initiative)
    reached = law.initiative_reached(consents=valid, households=total, on=timezone.localdate())
    if not (reached or initiative.front_approved):
        raise DomainError("not_reached", NOT_REACHED, n=valid, total=total, needed=needed)
    decision = open_decision(actor=actor, place=initiative.village, **decision_fields)
    initiative.decision = decision
    initiative.save(update_fields=["decision", "updated_at"])
    _audit("put_initiative_to_vote", initiative, actor=actor, summary={"consents": valid})
    return decision
