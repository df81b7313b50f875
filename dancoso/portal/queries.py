"""Reads for the public portal and the officer workspace home (DESIGN.md rule 6).

Every function answers in a fixed number of queries, whatever the size of the province: the
commune page costs four, the commune list three, the workspace home five.
"""

import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from dancoso.accounts.roles import OFFICIAL_ROLES, Role
from dancoso.accounts.scope import active_grants
from dancoso.audit.models import AuditChainHead
from dancoso.audit.queries import head_of
from dancoso.audit.services import chain_for
from dancoso.core.text import fold
from dancoso.households.models import Household, MemberLink
from dancoso.places.models import Agency, Commune, Province, Village

SEARCH_MAX = 60
AGENCIES_SHOWN = 50
MAX_CODE = 2**31 - 1  # a larger number in a URL is no commune (and must not overflow a query)


# --- Public pages -----------------------------------------------------------------------------


def home_commune() -> Commune | None:
    """The commune named by ``settings.DANCOSO_HOME_COMMUNE`` (its official code), or None
    when the setting is empty, not a number, or names no loaded commune."""
    code = str(settings.DANCOSO_HOME_COMMUNE).strip()
    if not code.isdecimal() or not 0 < int(code) <= MAX_CODE:
        return None
    return Commune.objects.select_related("province").filter(code=int(code)).first()


def get_commune(code: int) -> Commune:
    """A commune by its official code, with its province; 404 when there is none."""
    commune = (
        Commune.objects.select_related("province").filter(code=code).first()
        if 0 < code <= MAX_CODE
        else None
    )
    if commune is None:
        raise Http404("Không tìm thấy xã, phường.")
    return commune


def villages_with_counts(commune: Commune) -> QuerySet[Village]:
    """The commune's active villages, each with ``household_count`` (active households), in
    one aggregated query."""
    return (
        Village.objects.filter(commune=commune, is_active=True)
        .annotate(household_count=Count("households", filter=Q(households__is_active=True)))
        .order_by("name")
    )


def agencies_of(commune: Commune) -> list[Agency]:
    """The first ``AGENCIES_SHOWN`` agencies attached to the commune, by name."""
    return list(Agency.objects.filter(commune=commune).order_by("name")[:AGENCIES_SHOWN])


def audit_head(commune: Commune) -> AuditChainHead | None:
    """The head of the commune's audit chain (position and hash), shown on its public page so
    that a rewrite of the log is detectable (SECURITY.md, audit)."""
    return head_of(chain_for(commune.code))


def clean_search(text: str) -> str:
    """A search box's text made safe to query: no control characters (PostgreSQL refuses a NUL
    byte), spaces collapsed, at most ``SEARCH_MAX`` characters."""
    printable = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(printable.split())[:SEARCH_MAX]


def communes_matching(search: str = "", province: Province | None = None) -> QuerySet[Commune]:
    """Communes whose name contains ``search`` (with or without diacritics, matched against
    the official ``codename``), optionally in one province, ordered by province then name."""
    communes = Commune.objects.select_related("province")
    if province is not None:
        communes = communes.filter(province=province)
    search = clean_search(search)
    if search:
        folded = fold(search).replace(" ", "_")
        communes = communes.filter(Q(name__icontains=search) | Q(codename__icontains=folded))
    return communes.order_by("province__code", "name", "pk")


def provinces() -> QuerySet[Province]:
    return Province.objects.order_by("name").only("code", "name")


def province_by_code(code: str) -> Province | None:
    """The province with this official code; None for an empty or unknown value (the code
    comes from the query string)."""
    code = (code or "").strip()
    if not code.isdecimal() or not 0 < int(code) <= MAX_CODE:
        return None
    return Province.objects.filter(code=int(code)).first()


# --- Officer workspace ------------------------------------------------------------------------


PLACE_MODELS = {"province": Province, "commune": Commune, "village": Village}


@dataclass
class PlaceSummary:
    """One place where the user holds official roles, with its figures."""

    kind: str  # "province", "commune" or "village"
    place: object
    roles: list[str] = field(default_factory=list)
    households: int | None = None
    pending_links: int | None = None
    may_list_households: bool = False

    @property
    def commune_code(self) -> int | None:
        if self.kind == "commune":
            return self.place.code
        return self.place.commune.code if self.kind == "village" else None


def workspace_places(user) -> list[PlaceSummary]:
    """The provinces, communes and villages where ``user`` holds an official role today, each
    with its count of active households and, where the user may confirm them, of account
    links waiting for confirmation."""
    grants = [g for g in active_grants(user) if g.role in OFFICIAL_ROLES]
    by_place: dict[tuple[str, int], list[str]] = {}
    for g in grants:
        for kind, pk in (
            ("province", g.province_id),
            ("commune", g.commune_id),
            ("village", g.village_id),
        ):
            if pk is not None:
                by_place.setdefault((kind, pk), []).append(Role(g.role).label)
    ids = {kind: [pk for (k, pk) in by_place if k == kind] for kind in PLACE_MODELS}
    places = _load_places(ids)
    households, links = _counts(ids["commune"], ids["village"])
    summaries = []
    for (kind, pk), roles in by_place.items():
        place = places[kind].get(pk)
        if place is None:
            continue
        summary = PlaceSummary(kind=kind, place=place, roles=sorted(set(roles)))
        if kind != "province":
            summary.households = households.get((kind, pk), 0)
            summary.may_list_households = user.has_perm("households.view_household_list", place)
            if user.has_perm("households.confirm_member_link", place):
                summary.pending_links = links.get((kind, pk), 0)
        summaries.append(summary)
    order = {"province": 0, "commune": 1, "village": 2}
    return sorted(summaries, key=lambda s: (order[s.kind], s.place.name))


def _load_places(ids: dict[str, list[int]]) -> dict[str, dict[int, object]]:
    """Load the granted places, one query per kind that occurs."""
    loaded: dict[str, dict[int, object]] = {kind: {} for kind in PLACE_MODELS}
    related = {"province": (), "commune": ("province",), "village": ("commune__province",)}
    for kind, model in PLACE_MODELS.items():
        if ids[kind]:
            rows = model.objects.select_related(*related[kind]).filter(pk__in=ids[kind])
            loaded[kind] = {row.pk: row for row in rows}
    return loaded


def _counts(commune_ids: list[int], village_ids: list[int]):
    """Active households and pending links per commune and per village: one grouped query
    each, summed here (a commune has at most a few hundred villages)."""
    if not commune_ids and not village_ids:
        return {}, {}
    in_scope = Q(commune_id__in=commune_ids) | Q(village_id__in=village_ids)
    household_rows = (
        Household.objects.filter(in_scope, is_active=True)
        .values_list("commune_id", "village_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    link_rows = (
        MemberLink.objects.filter(
            Q(member__household__commune_id__in=commune_ids)
            | Q(member__household__village_id__in=village_ids),
            status=MemberLink.Status.PENDING,
        )
        .values_list("member__household__commune_id", "member__household__village_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _tally(household_rows), _tally(link_rows)


def _tally(rows) -> dict[tuple[str, int], int]:
    totals: dict[tuple[str, int], int] = {}
    for commune_id, village_id, n in rows:
        totals[("commune", commune_id)] = totals.get(("commune", commune_id), 0) + n
        totals[("village", village_id)] = totals.get(("village", village_id), 0) + n
    return totals
