"""Shared reads of citizens' cases, scoped to the reader (DESIGN.md rules 5–6): an officer of
another commune gets nothing; object pages answer 404 alike for "absent" and "not yours";
lists are one query per page, sorted by the next deadline. No personal data of a sender is
read here (``secrecy.sender_for`` does that)."""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from dancoso.accounts.scope import active_grants
from dancoso.places.models import Commune

from .models import Attachment, Case, CaseStep, Desk, DeskRating
from .routing_law import MOVING
from .rules import HANDLERS

MAX_ID = 2**63 - 1
CODE = re.compile(
    r"[23456789A-HJ-NP-Z]{4}-[23456789A-HJ-NP-Z]{4}-[23456789A-HJ-NP-Z]{4}(-2)?"
)  # "-2": the second-level case of the same family (khiếu nại lần hai, tố cáo tiếp)
LIST_COLUMNS = ("commune__province", "agency", "village", "assigned_to")


def _valid_pk(pk) -> bool:
    return isinstance(pk, int) and 0 < pk <= MAX_ID


def inbox_communes(user) -> QuerySet[Commune]:
    """Communes whose inbox ``user`` may open (directly, or as an agency of the commune)."""
    if getattr(user, "is_superuser", False):
        return Commune.objects.order_by("name")
    grants = [g for g in active_grants(user) if g.role in HANDLERS]
    ids = {g.commune_id for g in grants if g.commune_id}
    agencies = {g.agency_id for g in grants if g.agency_id}
    if agencies:  # a provincial (upper) body: the communes whose cases sit in its inbox
        ids |= set(
            Case.objects.filter(agency_id__in=agencies)
            .order_by()
            .values_list("commune_id", flat=True)
            .distinct()[:500]
        )
    return Commune.objects.filter(Q(pk__in=ids) | Q(agencies__pk__in=agencies)).distinct()


def handles_an_agency_inbox(user) -> bool:
    """Whether ``user`` handles an agency's inbox (an agency of a commune, or the province's
    upper body): ``inbox_for`` then shows, and exports, only that agency's cases."""
    return any(g.role in HANDLERS and g.agency_id for g in active_grants(user))


def inbox_for(user, commune: Commune, *, status: str = "", kind: str = "") -> QuerySet[Case]:
    """The cases of ``commune`` that ``user`` handles, next deadline first: the whole commune
    for its officers, only an agency's cases for that agency's staff."""
    cases = Case.objects.filter(commune=commune)
    if not getattr(user, "is_superuser", False):
        grants = [g for g in active_grants(user) if g.role in HANDLERS]
        if not any(
            g.commune_id == commune.pk or g.province_id == commune.province_id
            for g in grants
            if not g.agency_id
        ):
            agencies = {g.agency_id for g in grants if g.agency_id}
            cases = cases.filter(agency_id__in=agencies) if agencies else Case.objects.none()
        else:  # the commune's own inbox: what the law sent up is the upper body's
            cases = cases.exclude(route_reason__in=MOVING, agency__isnull=False)
    if status in Case.Status.values:
        cases = cases.filter(status=status)
    if kind in Case.Kinds.values:
        cases = cases.filter(kind=kind)
    return cases.select_related(*LIST_COLUMNS).order_by("next_due", "-received_on", "-pk")


INBOX_COUNT_CAP = 10_000


class InboxPaginator(Paginator):
    """The inbox's paginator: it counts at most ``INBOX_COUNT_CAP`` + 1 rows instead of every
    case of the commune (an exact count of 200,000 rows scans them all on every page view;
    unordered, the bounded count stops at the cap: 3 ms against 120 in ``bench/feedback.py``).
    Pages past the cap are reached through the filters; ``capped`` makes the page say so."""

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: INBOX_COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > INBOX_COUNT_CAP


def inbox_page(cases: QuerySet[Case], number, *, per_page: int = 25):
    """One page of an inbox (a bad page number gives the nearest page, as everywhere)."""
    return InboxPaginator(cases, per_page).get_page(number)


def get_case_for(user, pk: int) -> Case:
    """One case ``user`` handles; ``Http404`` whether it is absent or not theirs."""
    case = (
        Case.objects.select_related(*LIST_COLUMNS, "commune").filter(pk=pk).first()
        if _valid_pk(pk)
        else None
    )
    if case is None or not user.has_perm("feedback.view_case", case):
        raise Http404("Không tìm thấy hồ sơ.")
    return case


def get_case_by_code(code: str) -> Case:
    """The case a tracking code opens (the status page, no account); ``Http404`` otherwise."""
    code = re.sub(r"\s", "", str(code or "")).upper()
    if len(code) == 12:
        code = f"{code[:4]}-{code[4:8]}-{code[8:]}"
    case = (
        Case.objects.select_related("commune", "follows").filter(tracking_code=code).first()
        if CODE.fullmatch(code)
        else None
    )
    if case is None:
        raise Http404("Không tìm thấy hồ sơ với mã này.")
    return case


def public_steps(case: Case) -> QuerySet[CaseStep]:
    """The steps a sender sees on the status page."""
    return case.steps.filter(public=True).order_by("at", "pk")


def all_steps(case: Case) -> QuerySet[CaseStep]:
    return case.steps.select_related("actor").order_by("at", "pk")


def attachments_of(case: Case) -> QuerySet[Attachment]:
    return case.attachments.order_by("pk")


def get_attachment_for(user, pk: int) -> Attachment:
    """A file of a case ``user`` handles; 404 otherwise."""
    item = (
        Attachment.objects.select_related("case__commune").filter(pk=pk).first()
        if _valid_pk(pk)
        else None
    )
    if item is None or not user.has_perm("feedback.view_case", item.case):
        raise Http404("Không tìm thấy tệp.")
    return item


def published_answers(commune: Commune) -> QuerySet[Case]:
    """Answers published on the portal (personal data already removed), newest first."""
    return (
        Case.objects.filter(commune=commune, published=True)
        .only("tracking_code", "kind", "subject", "public_answer", "published_on", "commune_id")
        .order_by("-published_on", "-pk")
    )


def desks_of(user, commune: Commune) -> QuerySet[Desk]:
    if not user.has_perm("feedback.manage_desks", commune):
        return Desk.objects.none()
    return (
        Desk.objects.filter(commune=commune)
        .select_related("officer", "commune")
        .annotate(rating_count=Count("ratings"))
        .order_by("name", "pk")
    )


def get_desk_for(user, pk: int) -> Desk:
    desk = (
        Desk.objects.select_related("commune__province", "officer").filter(pk=pk).first()
        if _valid_pk(pk)
        else None
    )
    if desk is None or not user.has_perm("feedback.manage_desks", desk):
        raise Http404("Không tìm thấy quầy.")
    return desk


def get_desk_by_token(token: str) -> Desk:
    desk = Desk.objects.select_related("commune").filter(token=str(token)[:40]).first()
    if desk is None:
        raise Http404("Mã QR không còn dùng được.")
    return desk


@dataclass(frozen=True)
class Summary:
    """What the resolution indicators read: volume, on-time share and satisfaction of a
    commune's cases received in a period, by kind, channel and village, and its QR ratings."""

    total: int
    answered: int
    on_time: int
    rated: int
    satisfied: int
    by_kind: dict[str, int]
    by_channel: dict[str, int]
    by_village: dict[str, int]
    desk_ratings: int
    desk_satisfied: int
    by_agency: dict[str, int] = field(default_factory=dict)
    survey_responses: int = 0
    survey_satisfaction: float | None = None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None

    @property
    def desk_satisfaction_rate(self) -> float | None:
        return self.desk_satisfied / self.desk_ratings if self.desk_ratings else None


def feedback_summary(commune: Commune, period: tuple[date, date]) -> Summary:
    """Figures of ``commune`` for cases received from ``period[0]`` to ``period[1]``
    (inclusive): volume by kind, channel, village and agency; answered on time; satisfaction
    from answers, from desk ratings given then and from the surveys of the period's last year.
    A fixed number of aggregate queries, whatever the volume; public figures, no personal
    data; merged duplicates are not counted twice. The resolution indicators read this."""
    start, end = period
    cases = Case.objects.filter(commune=commune, received_on__range=(start, end)).exclude(
        status=Case.Status.MERGED
    )
    totals = cases.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(on_time__isnull=False)),
        on_time=Count("pk", filter=Q(on_time=True)),
        rated=Count("pk", filter=Q(satisfied__isnull=False)),
        satisfied=Count("pk", filter=Q(satisfied=True)),
    )

    def by(field):
        rows = cases.values(field).annotate(n=Count("pk")).order_by(field)
        return {str(row[field] or ""): row["n"] for row in rows}

    ratings = DeskRating.objects.filter(
        desk__commune=commune, created_at__date__range=(start, end)
    ).aggregate(
        n=Count("pk"), good=Count("pk", filter=Q(reception_score__gte=4, procedure_score__gte=4))
    )
    responses, survey_share = survey_satisfaction(commune, end.year)
    return Summary(
        by_kind=by("kind"),
        by_channel=by("channel"),
        by_village=by("village__name"),
        by_agency=by("agency__name"),
        desk_ratings=ratings["n"],
        desk_satisfied=ratings["good"],
        survey_responses=responses,
        survey_satisfaction=survey_share,
        **totals,
    )


def public_sessions(commune: Commune) -> QuerySet:
    """Published sessions of a commune, latest first, with their matters raised (prefetched)."""
    from .models import ReceptionSession

    return (
        ReceptionSession.objects.filter(commune=commune, published=True)
        .prefetch_related("items")
        .order_by("-starts_at", "-pk")
    )


def sessions_of(user, commune: Commune) -> QuerySet:
    """All sessions of a commune for its officers (none for anyone else), latest first."""
    from .models import ReceptionSession

    if not user.has_perm("feedback.manage_sessions", commune):
        return ReceptionSession.objects.none()
    return (
        ReceptionSession.objects.filter(commune=commune)
        .annotate(item_count=Count("items"))
        .order_by("-starts_at", "-pk")
    )


def get_session_for(user, pk: int):
    """One session ``user`` manages; ``Http404`` whether absent or not theirs."""
    from .models import ReceptionSession

    session = (
        ReceptionSession.objects.select_related("commune__province").filter(pk=pk).first()
        if _valid_pk(pk)
        else None
    )
    if session is None or not user.has_perm("feedback.manage_sessions", session):
        raise Http404("Không tìm thấy buổi tiếp.")
    return session


def chair_days(commune: Commune) -> set[date]:
    """The days on which the commune chair held a reception session (for the law's minimum)."""
    from django.utils import timezone

    from .models import ReceptionSession

    rows = ReceptionSession.objects.filter(
        commune=commune,
        status=ReceptionSession.Status.HELD,
        chaired_by_chair=True,
        kind=ReceptionSession.Kind.RECEPTION,
    ).values_list("starts_at", flat=True)[:400]
    return {timezone.localtime(moment).date() for moment in rows}


def surveys_of(user, commune: Commune) -> QuerySet:
    """Surveys of the commune and of its province that ``user`` builds, newest first."""
    from .survey_models import Survey

    if not user.has_perm("feedback.manage_surveys", commune):
        return Survey.objects.none()
    return (
        Survey.objects.filter(
            Q(commune=commune) | Q(commune__isnull=True, province_id=commune.province_id)
        )
        .annotate(response_count=Count("responses"))
        .order_by("-year", "-pk")
    )


def get_survey_for(user, pk: int):
    """A survey ``user`` builds; ``Http404`` otherwise."""
    from .survey_models import Survey

    survey = (
        Survey.objects.select_related("commune", "province").filter(pk=pk).first()
        if _valid_pk(pk)
        else None
    )
    if survey is None or not user.has_perm("feedback.manage_surveys", survey):
        raise Http404("Không tìm thấy phiếu khảo sát.")
    return survey


def get_open_survey(pk: int):
    """An open survey (the answer page); ``Http404`` otherwise."""
    from .survey_models import Survey

    survey = (
        Survey.objects.select_related("commune", "province")
        .filter(pk=pk, status=Survey.Status.OPEN)
        .first()
        if _valid_pk(pk)
        else None
    )
    if survey is None:
        raise Http404("Không tìm thấy phiếu khảo sát đang mở.")
    return survey


def survey_satisfaction(commune: Commune, year: int) -> tuple[int, float | None]:
    """Answers to the commune's (and its province's) surveys of ``year`` and the share of
    scale answers at 4–5 across them (the survey part of the satisfaction indicator)."""
    from .survey_models import Question, SurveyResponse

    responses = SurveyResponse.objects.filter(
        Q(survey__commune=commune)
        | Q(survey__commune__isnull=True, survey__province_id=commune.province_id),
        survey__year=year,
    )
    scale_ids = {
        str(pk)
        for pk in Question.objects.filter(
            survey__responses__in=responses, kind="scale"
        ).values_list("pk", flat=True)
    }
    values = [
        v
        for answers in responses.values_list("answers", flat=True)[:50000]
        for key, v in answers.items()
        if key in scale_ids
    ]
    share = sum(v >= 4 for v in values) / len(values) if values else None
    return responses.count(), share


def handlers_of(case: Case) -> QuerySet:
    """The officers a case can be assigned to: handlers of its commune, or of its agency when
    it sits in an agency's inbox (grants in force today)."""
    from django.utils import timezone

    from dancoso.accounts.models import RoleGrant, User

    place = {"agency_id": case.agency_id} if case.agency_id else {"commune_id": case.commune_id}
    grants = RoleGrant.objects.active_on(timezone.localdate()).filter(role__in=HANDLERS, **place)
    return User.objects.filter(pk__in=grants.values("user_id")).order_by("full_name", "pk")
