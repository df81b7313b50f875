"""Shared reads of disclosures: the public register of a commune, an agency's internal list,
the officer's list, one disclosure fetched for a reader (the same 404 for absent and not
yours), and the yearly obligations checklist that feeds the "100% disclosed" indicator."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Min, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from dancoso.accounts.roles import REGISTER_MANAGERS, Role
from dancoso.accounts.scope import active_grants
from dancoso.places.models import Agency, Commune, Village

from .budget_law import Rule
from .law import CATEGORIES, Scope
from .models import Attachment, Disclosure, DisclosureRevision, FormRecord
from .obligations import DONE_STATES, Obligation, State, obligations_for, quarter_bounds, state


def get_commune(code) -> Commune:
    """A commune by its official code, or 404."""
    return get_object_or_404(Commune.objects.select_related("province"), code=code)


def commune_by_code(code) -> Commune | None:
    """A commune by an official code typed in a query string, or None."""
    code = str(code or "")
    if not code.isdigit() or len(code) > 9:
        return None
    return Commune.objects.filter(code=int(code)).select_related("province").first()


def public_register(commune: Commune, *, category: str = "", village=None, current=True):
    """The public disclosures of a commune (its own and its villages'), newest first; with
    ``current`` only those in force today, otherwise every published or withdrawn one."""
    rows = Disclosure.objects.public().in_commune(commune).select_related("village")
    rows = rows.current() if current else rows.started()
    if category:
        rows = rows.filter(category=category) if category in CATEGORIES else rows.none()
    if village is not None:
        rows = rows.filter(village=village)
    return rows


def withdrawn_in(commune: Commune):
    """Withdrawn public disclosures of a commune: the public trace of each withdrawal."""
    return (
        Disclosure.objects.public()
        .in_commune(commune)
        .filter(status=Disclosure.Status.WITHDRAWN)
        .select_related("village")
        .order_by("-withdrawn_at", "-id")
    )


def village_of(commune: Commune, village_id) -> Village | None:
    """One village of the commune from a query-string id, or None (never another commune's)."""
    try:
        return commune.villages.get(pk=int(village_id))
    except (TypeError, ValueError, Village.DoesNotExist):
        return None


def _detail_queryset():
    return Disclosure.objects.select_related(
        "commune__province", "village", "agency"
    ).prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.filter(formrecord__isnull=True)),
        Prefetch("revisions", queryset=DisclosureRevision.objects.order_by("-number")),
        Prefetch("form_records", queryset=FormRecord.objects.select_related("photo")),
    )


def get_public_disclosure(commune_code: int, public_id) -> Disclosure:
    """A public disclosure of the commune by its stable id; agency-internal ones, and ids of
    another commune, are 404."""
    return get_object_or_404(
        _detail_queryset().public().started(), commune__code=commune_code, public_id=public_id
    )


def get_disclosure_for(user, public_id) -> Disclosure:
    """A disclosure an official may manage, or an agency disclosure its staff may read; the
    same 404 for absent and not yours."""
    disclosure = _detail_queryset().filter(public_id=public_id).first()
    if disclosure is None:
        raise Http404
    if disclosure.is_internal:
        allowed = user.has_perm("disclosure.view_internal_disclosure", disclosure)
    else:
        allowed = user.has_perm("disclosure.record_form", disclosure)
    if not allowed:
        raise Http404
    return disclosure


def agencies_of(user):
    """The agencies whose internal disclosures ``user`` may read (staff or head)."""
    ids = {
        g.agency_id
        for g in active_grants(user)
        if g.agency_id and g.role in (Role.AGENCY_HEAD, Role.AGENCY_STAFF)
    }
    return Agency.objects.filter(pk__in=ids).order_by("name")


def get_agency_for(user, agency_id) -> Agency:
    """An agency whose staff ``user`` belongs to, or 404."""
    agency = Agency.objects.filter(pk=agency_id).select_related("commune").first()
    if agency is None or not user.has_perm("disclosure.view_internal_disclosure", agency):
        raise Http404
    return agency


def internal_register(agency: Agency):
    """An agency's internal disclosures, newest first (read only by its staff)."""
    return Disclosure.objects.filter(agency=agency)


def managed_communes(user):
    """Communes where ``user`` publishes disclosures (officer or leader of the commune)."""
    if user.is_superuser:
        return Commune.objects.none()
    ids = {
        g.commune_id for g in active_grants(user) if g.role in REGISTER_MANAGERS and g.commune_id
    }
    return Commune.objects.filter(pk__in=ids).select_related("province").order_by("name")


def officer_register(commune: Commune):
    """Every public disclosure of a commune for its officers, withdrawn ones included."""
    return Disclosure.objects.public().in_commune(commune).select_related("village")


# --- Obligations checklist --------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistRow:
    """One recurring obligation of a year: its due date, the rule (and source) that set it,
    its state and first disclosure date."""

    obligation: Obligation
    rule: Rule
    due: date
    state: State
    published_on: date | None


def _owner_filter(owner) -> Q:
    return Q(agency=owner) if isinstance(owner, Agency) else Q(commune=owner, agency__isnull=True)


def obligation_checklist(owner, year: int, *, today: date | None = None) -> list[ChecklistRow]:
    """The recurring obligations of a commune (or an agency) for ``year``, each with its due
    date and state. The due date counts from the document (decision, approval, report) a
    fulfilling disclosure records, where the rule counts from one. A disclosure counts from
    the day its period starts; a withdrawn one does not count. One query."""
    today = today or timezone.localdate()
    scope = Scope.AGENCY if isinstance(owner, Agency) else Scope.COMMUNE
    found = {
        key: (first, document)
        for key, first, document in Disclosure.objects.filter(
            _owner_filter(owner), obligation_year=year
        )
        .filter(status=Disclosure.Status.PUBLISHED)
        .exclude(obligation="")
        .values("obligation")
        .annotate(first=Min("starts_on"), document=Min("document_date"))
        .values_list("obligation", "first", "document")
    }
    rows = []
    for ob in obligations_for(scope):
        published, document = found.get(ob.key, (None, None))
        rule = ob.rule(year)
        due = rule.due(year, document)
        rows.append(ChecklistRow(ob, rule, due, state(due, published, today), published))
    return rows


def obligation_summary(owner, year: int, *, today: date | None = None) -> dict:
    """Counts for the "100% disclosed" indicator of a commune or agency for ``year``:
    ``total``, one count per state (``on_time``, ``late``, ``overdue``, ``not_yet_due``),
    ``due`` (obligations whose date has come or that are done), ``done`` and
    ``percent_done`` (done ÷ due × 100, None when nothing is due yet). One query."""
    rows = obligation_checklist(owner, year, today=today)
    counts = {s.value: 0 for s in State}
    for row in rows:
        counts[row.state.value] += 1
    done = sum(counts[s.value] for s in DONE_STATES)
    due = done + counts[State.OVERDUE.value]
    return {
        "total": len(rows),
        **counts,
        "done": done,
        "due": due,
        "percent_done": round(100 * done / due, 1) if due else None,
    }


def category_counts(commune: Commune) -> list[tuple[str, str, int]]:
    """(code, title, number of current disclosures) for each commune category. One query."""
    from django.db.models import Count

    counts = dict(
        public_register(commune)
        .order_by()
        .values("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    return [
        (c.code, c.title, counts.get(c.code, 0))
        for c in CATEGORIES.values()
        if c.scope is Scope.COMMUNE
    ]


def disclosed_in_quarter(commune: Commune, year: int, quarter: int):
    """The commune's public disclosures whose period began in the quarter, oldest first, with
    their offline-form records (two queries) — the list Art. 13(2) asks for each quarter."""
    first, last = quarter_bounds(year, quarter)
    return (
        Disclosure.objects.public()
        .in_commune(commune)
        .filter(starts_on__range=(first, last))
        .select_related("village")
        .prefetch_related("form_records")
        .order_by("starts_on", "id")
    )
