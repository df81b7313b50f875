"""Shared reads for consultations, scoped to what the reader may see; never write."""

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from dancoso.accounts.scope import active_grants
from dancoso.places.models import Agency, Commune

from .lifecycle import State
from .models import (
    Attachment,
    Consultation,
    Opinion,
    OpinionGroup,
    Section,
    Support,
    SynthesisExport,
)
from .rules import AGENCY_ORGANISERS, COMMUNE_ORGANISERS, STAFF

NOT_FOUND = "Không tìm thấy đợt lấy ý kiến."


def _with_counts(consultations: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return consultations.select_related("commune", "agency").annotate(
        opinion_count=F("opinions_visible")
    )


def public_consultations(commune: Commune) -> QuerySet[Consultation]:
    """A commune's published consultations (open first, newest first) with opinion counts."""
    return _with_counts(Consultation.objects.public().in_commune(commune)).order_by(
        "-opens_on", "-pk"
    )


def organised_by(user) -> QuerySet[Consultation]:
    """Consultations of the communes and agencies the user organises (the workspace list)."""
    grants = active_grants(user)
    communes = {g.commune_id for g in grants if g.role in COMMUNE_ORGANISERS and g.commune_id}
    agencies = {g.agency_id for g in grants if g.role in AGENCY_ORGANISERS and g.agency_id}
    if getattr(user, "is_superuser", False):
        scope = Q()
    else:
        scope = Q(commune_id__in=communes, agency__isnull=True) | Q(agency_id__in=agencies)
    return _with_counts(Consultation.objects.filter(scope)).order_by("-created_at", "-pk")


def organiser_places(user) -> list[Commune | Agency]:
    """The communes and agencies in which the user may open a consultation."""
    grants = active_grants(user)
    communes = Commune.objects.filter(
        pk__in={g.commune_id for g in grants if g.role in COMMUNE_ORGANISERS and g.commune_id}
    )
    agencies = Agency.objects.filter(
        pk__in={g.agency_id for g in grants if g.role in AGENCY_ORGANISERS and g.agency_id}
    )
    return [*communes.order_by("name")[:50], *agencies.order_by("name")[:50]]


def get_consultation_for(user, pk: int, permission: str = "view_consultation") -> Consultation:
    """The consultation if ``user`` holds ``consultation.<permission>`` over it; the same 404
    for absent and not-yours."""
    consultation = (
        Consultation.objects.select_related("commune", "agency", "province").filter(pk=pk).first()
    )
    if consultation is None or not user.has_perm(f"consultation.{permission}", consultation):
        raise Http404(NOT_FOUND)
    return consultation


def draft_counts(consultation: Consultation) -> tuple[list[Section], dict]:
    """The draft's sections in order, each with its number of visible opinions, and the number
    of all opinions (hidden ones included) per section id (``None``: on the whole draft). One
    query: the tallies the opinion services keep, never a count over the opinions."""
    sections = list(consultation.sections.order_by("position"))
    totals = {s.pk: s.opinions_total for s in sections}
    totals[None] = consultation.opinions_total - sum(totals.values())
    for section in sections:
        section.opinion_count = section.opinions_visible
    return sections, totals


def sections_with_counts(consultation: Consultation) -> list[Section]:
    """The draft's sections in order, each with its number of visible opinions."""
    return draft_counts(consultation)[0]


def opinions_of(consultation: Consultation, *, section: Section | None = None, whole=False):
    """Opinions in number order with their support counts, hidden ones included (the page
    shows the moderation reason in their place). The support count is a subquery per row
    shown, so a page of 20 costs the same with 50,000 opinions as with 50."""
    supports = (
        Support.objects.filter(opinion=OuterRef("pk"))
        .order_by()
        .values("opinion")
        .annotate(n=Count("pk"))
        .values("n")
    )
    opinions = (
        Opinion.objects.filter(consultation=consultation)
        .select_related("author", "section", "group")
        .annotate(support_count=Coalesce(Subquery(supports, output_field=IntegerField()), 0))
        .order_by("number")
    )
    if section is not None:
        opinions = opinions.filter(section=section)
    elif whole:
        opinions = opinions.filter(section__isnull=True)
    return opinions


@dataclass(frozen=True)
class KeysetPage:
    """A page of opinions read by number (keyset): ``before`` / ``after`` are the numbers to
    put in the previous / next links, None at either end."""

    object_list: list
    count: int
    before: int | None
    after: int | None


def _by_number(opinions: QuerySet[Opinion], number: int, *, forward: bool):
    """Opinions after (or, newest first, before) opinion ``number`` in number order."""
    if forward:
        return opinions.filter(number__gt=number)
    return opinions.filter(number__lt=number).order_by("-number")


def keyset_page(
    opinions: QuerySet[Opinion],
    *,
    after=None,
    before=None,
    size=20,
    count: int | None = None,
    seek=_by_number,
) -> KeysetPage:
    """The ``size`` opinions after number ``after`` (or before ``before``; else the first),
    with the total for the heading (``count`` when the caller knows it). ``seek`` continues
    the queryset's order from an opinion number (number order unless told). Never OFFSET:
    the last page of 50,000 costs as the first."""
    if before is not None:
        rows = list(seek(opinions, before, forward=False)[: size + 1])[::-1]
        more_before, rows = len(rows) > size, rows[-size:]
        more_after = True
    else:
        start = seek(opinions, after, forward=True) if after is not None else opinions
        rows = list(start[: size + 1])
        more_after, rows = len(rows) > size, rows[:size]
        more_before = after is not None and after > 0
    return KeysetPage(
        object_list=rows,
        count=opinions.count() if count is None else count,
        before=rows[0].number if rows and more_before else None,
        after=rows[-1].number if rows and more_after else None,
    )


def supported_by(user, opinions) -> set[int]:
    """Ids of the given opinions ``user`` already supports (one query)."""
    if not user.is_authenticated:
        return set()
    return set(
        Opinion.objects.filter(pk__in=[o.pk for o in opinions], supports__user=user).values_list(
            "pk", flat=True
        )
    )


def is_following(user, consultation: Consultation) -> bool:
    """Whether the user follows the consultation (one indexed query)."""
    return user.is_authenticated and consultation.followers.filter(user=user).exists()


def attachments_of(consultation: Consultation) -> QuerySet[Attachment]:
    """The consultation's attachments in upload order."""
    return consultation.attachments.order_by("pk")


def get_attachment_for(user, consultation_pk: int, pk: int) -> Attachment:
    """An attachment of a consultation the user may read (the same 404 otherwise)."""
    consultation = get_consultation_for(user, consultation_pk)
    attachment = consultation.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404(NOT_FOUND)
    return attachment


def synthesis_groups(consultation: Consultation) -> QuerySet[OpinionGroup]:
    """The answered groups, each with its opinions (two queries)."""
    opinions = Opinion.objects.select_related("section", "author").order_by("number")
    return consultation.groups.order_by("pk").prefetch_related(
        Prefetch("opinions", queryset=opinions)
    )


def synthesis_opinions(consultation: Consultation) -> QuerySet[Opinion]:
    """Every opinion of the synthesis report, answered ones group by group (in the order the
    groups were made, by number within a group), then those without an answer; hidden ones
    stay in place with their reason. Read by ``synthesis_seek`` pages on the
    (consultation, group, number) index."""
    return (
        Opinion.objects.filter(consultation=consultation)
        .select_related("section", "author", "group")
        .order_by(F("group").asc(nulls_last=True), "number")
    )


def synthesis_seek(opinions: QuerySet[Opinion], number: int, *, forward: bool):
    """Continue the synthesis order from opinion ``number`` (the cursor of ``?sau=`` /
    ``?truoc=``): its group decides where the rest of the report lies. An unknown number
    reads from the start."""
    pivot = opinions.filter(number=number).values_list("group_id", flat=True)
    if not pivot:
        return opinions if forward else opinions.none()
    group = pivot[0]
    if forward:
        if group is None:
            return opinions.filter(group__isnull=True, number__gt=number)
        return opinions.filter(
            Q(group=group, number__gt=number) | Q(group__gt=group) | Q(group__isnull=True)
        )
    backwards = opinions.order_by(F("group").desc(nulls_first=True), "-number")
    if group is None:
        return backwards.filter(Q(group__isnull=True, number__lt=number) | Q(group__isnull=False))
    return backwards.filter(Q(group=group, number__lt=number) | Q(group__lt=group))


def synthesis_visible(user, consultation: Consultation) -> bool:
    """The synthesis report is public once published; organisers see it while they write it."""
    if consultation.state == State.PUBLISHED:
        return True
    return consultation.state in {State.CLOSED, State.SYNTHESISED} and user.has_perm(
        "consultation.answer_opinion", consultation
    )


def own_opinions(user) -> QuerySet[Opinion]:
    """The opinions the user gave, newest first, with what happened to them."""
    if not user.is_authenticated:
        return Opinion.objects.none()
    return (
        Opinion.objects.filter(author=user)
        .select_related("consultation", "section", "group")
        .order_by("-created_at", "-pk")
    )


def staff_consultations(user) -> QuerySet[Consultation]:
    """Published consultations of the agencies the user works in (Art. 53), newest first."""
    agencies = {g.agency_id for g in active_grants(user) if g.role in STAFF and g.agency_id}
    if not agencies:
        return Consultation.objects.none()
    return (
        Consultation.objects.filter(agency_id__in=agencies)
        .exclude(state=State.DRAFT)
        .select_related("agency")
        .order_by("-opens_on", "-pk")
    )


def stance_totals(consultation: Consultation) -> dict:
    """Counts of visible opinions by stance and of answers by verdict (one query each)."""
    visible = consultation.opinions.filter(hidden_at__isnull=True)
    stances = dict(visible.values_list("stance").annotate(n=Count("pk")).values_list("stance", "n"))
    verdicts = dict(
        visible.filter(group__isnull=False)
        .values_list("group__verdict")
        .annotate(n=Count("pk"))
        .values_list("group__verdict", "n")
    )
    return {"stances": stances, "verdicts": verdicts, "total": sum(stances.values())}


def latest_export(consultation: Consultation, fmt: str = "docx", *, done: bool = False):
    """The newest background export of the synthesis in ``fmt`` (a finished one with
    ``done``); for a published synthesis only one built after publication counts."""
    rows = consultation.exports.filter(format=fmt)
    if done:
        rows = rows.filter(status=SynthesisExport.Status.DONE)
    if consultation.synthesis_published_at:
        rows = rows.filter(created_at__gte=consultation.synthesis_published_at)
    return rows.order_by("-pk").first()


def get_export_for(user, consultation_pk: int, pk: int) -> SynthesisExport:
    """An export of a synthesis the user may read (the same 404 for absent and not-yours)."""
    consultation = get_consultation_for(user, consultation_pk)
    job = consultation.exports.filter(pk=pk).first()
    if job is None or not synthesis_visible(user, consultation):
        raise Http404(NOT_FOUND)
    job.consultation = consultation
    return job
