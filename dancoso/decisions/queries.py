"""Shared reads of decisions, scoped to what the reader may see; the result only after the
count (organisers) or after publication (everyone) — never while voting is open, for any role,
superuser included (SECURITY.md test 8)."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from dancoso.accounts.roles import REGISTER_READERS
from dancoso.accounts.scope import active_grants, commune_ids_with, province_ids_with
from dancoso.core.errors import DomainError
from dancoso.households.models import Household

from .models import Ballot, Decision, ElectorEntry, Participation
from .places import represented_household_ids
from .rules import ORGANISERS, RESIDENTS

MAX_ID = 2**63 - 1
NO_INTERIM = (
    "Chưa có kết quả: kết quả chỉ được tính sau khi kết thúc biểu quyết và kiểm phiếu, "
    "không ai xem được kết quả giữa chừng."
)
RESULT_STATES = (Decision.State.COUNTED, Decision.State.PUBLISHED)


def decisions_visible_to(user) -> QuerySet[Decision]:
    """Decisions ``user`` may open: organisers' and readers' places, residents' villages, and
    the decisions whose electorate holds a household the user represents."""
    rows = Decision.objects.select_related("commune", "village")
    if getattr(user, "is_superuser", False):
        return rows
    if not getattr(user, "is_authenticated", False):
        return rows.none()
    grants = active_grants(user)
    roles = ORGANISERS | RESIDENTS | REGISTER_READERS
    where = Q(commune_id__in=commune_ids_with(user, roles))
    where |= Q(commune__province_id__in=province_ids_with(user, roles))
    villages = {g.village_id for g in grants if g.village_id and g.role in roles}
    where |= Q(village_id__in=villages)
    where |= Q(
        pk__in=ElectorEntry.objects.filter(household__in=_households_of(user)).values("decision_id")
    )
    return rows.filter(where)


def _households_of(user) -> QuerySet:
    return represented_household_ids(user)


def get_decision_for(user, pk) -> Decision:
    """One decision, or the same 404 for absent and not visible."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk <= MAX_ID:
        raise Http404
    decision = decisions_visible_to(user).filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


def get_published_decision(pk) -> Decision:
    """A decision whose result is published (public pages), or 404."""
    decision = (
        Decision.objects.select_related("commune", "village")
        .filter(pk=pk, state=Decision.State.PUBLISHED)
        .first()
    )
    if decision is None:
        raise Http404
    return decision


def decision_list(user, *, state: str | None = None) -> QuerySet[Decision]:
    """The list page: visible decisions with their electorate and participation counts (one
    query with subqueries, whatever the number of rows)."""
    electorate = (
        ElectorEntry.objects.filter(decision=OuterRef("pk"))
        .values("decision")
        .annotate(n=Count("id"))
        .values("n")
    )
    took_part = (
        Participation.objects.filter(decision=OuterRef("pk"))
        .values("decision")
        .annotate(n=Count("id"))
        .values("n")
    )
    rows = decisions_visible_to(user).annotate(
        electorate_count=Subquery(electorate), took_part_count=Subquery(took_part)
    )
    return rows.filter(state=state) if state else rows


def represented_households(user, decision: Decision) -> QuerySet[Household]:
    """The households on the decision's electorate that ``user`` represents (confirmed link to
    the head or a representative)."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return Household.objects.none()
    return Household.objects.filter(
        pk__in=_households_of(user),
    ).filter(pk__in=ElectorEntry.objects.filter(decision=decision).values("household_id"))


def household_took_part(decision: Decision, household: Household) -> bool:
    """Whether the household already took part (any channel)."""
    return Participation.objects.filter(decision=decision, household=household).exists()


def result_for(user, decision: Decision) -> dict:
    """The counted result: organisers see it once counted, everyone once published; before the
    count nobody does — the superuser included."""
    if decision.state not in RESULT_STATES or not decision.result:
        raise DomainError("no_interim", NO_INTERIM)
    if decision.state == Decision.State.COUNTED and not user.has_perm(
        "decisions.manage_decision", decision
    ):
        raise DomainError("no_interim", NO_INTERIM)
    return decision.result


def online_participants(decision: Decision) -> QuerySet:
    """The representatives who took part online, for the minutes (Decree 59 Art. 5(5)) — the
    household code and the representative's name, never a choice."""
    code = ElectorEntry.objects.filter(
        decision=decision, household_id=OuterRef("household_id")
    ).values("household_code")[:1]
    return (
        Participation.objects.filter(decision=decision, channel="online")
        .annotate(code=Subquery(code))
        .values("code", "representative__full_name")
        .order_by("code")
    )


def receipt_hashes(decision: Decision) -> list[str]:
    """The published list of receipt hashes, sorted (never in voting order); only after the
    result is published."""
    if decision.state != Decision.State.PUBLISHED:
        raise DomainError("no_interim", NO_INTERIM)
    return list(
        Ballot.objects.filter(decision=decision)
        .order_by("receipt_hash")
        .values_list("receipt_hash", flat=True)
    )


def receipt_counted(decision: Decision, code: str) -> bool:
    """Whether a ballot with this receipt code is in the counted box (published decisions)."""
    from .services.voting import receipt_hash

    if decision.state != Decision.State.PUBLISHED:
        raise DomainError("no_interim", NO_INTERIM)
    return Ballot.objects.filter(decision=decision, receipt_hash=receipt_hash(code)).exists()


def initiatives_visible_to(user) -> QuerySet:
    """Initiatives of the villages where ``user`` represents a household, organises or reads."""
    from dancoso.households.models import Household as H

    from .models import Initiative

    rows = Initiative.objects.select_related("village", "commune")
    if getattr(user, "is_superuser", False):
        return rows
    if not getattr(user, "is_authenticated", False):
        return rows.none()
    roles = ORGANISERS | RESIDENTS | REGISTER_READERS
    where = Q(commune_id__in=commune_ids_with(user, roles))
    where |= Q(commune__province_id__in=province_ids_with(user, roles))
    where |= Q(village_id__in={g.village_id for g in active_grants(user) if g.village_id})
    where |= Q(village_id__in=H.objects.filter(pk__in=_households_of(user)).values("village_id"))
    return rows.filter(where)


def get_initiative_for(user, pk):
    """One initiative, or the same 404 for absent and not visible."""
    if not isinstance(pk, int) or not 0 < pk <= MAX_ID:
        raise Http404
    initiative = initiatives_visible_to(user).filter(pk=pk).first()
    if initiative is None:
        raise Http404
    return initiative


def papers_for(user, decision: Decision) -> tuple:
    """The tally minutes and the community decision (``papers``) from the STORED result
    sheet, for whoever may see the result (``result_for``: never while voting is open)."""
    from . import papers

    result = result_for(user, decision)
    return papers.tally_minutes(decision, result), papers.community_decision(decision, result)
