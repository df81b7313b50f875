"""Putting a matter to the households: open a decision with its kind, question, options,
schedule and the channels the law allows (Law 10/2022/QH15 Art. 15–17, 19, 21)."""

from datetime import date

from django.db import transaction

from dancoso.core.errors import DomainError
from dancoso.places.models import Commune, Village

from .. import law
from ..law import Channel, Kind, Scope
from ..models import Decision, Option
from .common import audit, law_checks, require
from .conventions import check_convention

CANDIDATE_REQUIRED = "Hãy ghi ít nhất một người ứng cử (Nghị định 59/2023/NĐ-CP, Điều 6 khoản 4)."
DUPLICATE_OPTION = 'Hai phương án trùng tên: "{label}". Hãy sửa cho khác nhau.'
OPTIONS_FIXED = (
    "Nội dung biểu quyết có các phương án Đồng ý / Không đồng ý / Ý kiến khác (Nghị định "
    "59/2023/NĐ-CP, Điều 5 khoản 4); chỉ bầu cử mới ghi danh sách người ứng cử."
)
PLACE_REQUIRED = "Hãy chọn thôn (nội dung một thôn) hoặc xã (nội dung toàn xã)."


def _options(kind: Kind, channels: frozenset[Channel], candidates: list[str]) -> list[tuple]:
    if kind in law.ELECTION_KINDS:
        names = [c.strip() for c in candidates if c.strip()]
        if not names:
            raise DomainError("candidate_required", CANDIDATE_REQUIRED)
        for name in names:
            if names.count(name) > 1:
                raise DomainError("duplicate_option", DUPLICATE_OPTION, label=name)
        return [(Option.Role.CANDIDATE, name) for name in names]
    if candidates:
        raise DomainError("options_fixed", OPTIONS_FIXED)
    roles = [Option.Role.AGREE, Option.Role.DISAGREE]
    if Channel.ONLINE in channels or Channel.BALLOT in channels:
        roles.append(Option.Role.OTHER)
    return [(role, role.label) for role in roles]


@transaction.atomic
def open_decision(
    *,
    actor,
    place: Village | Commune,
    kind: int,
    title: str,
    question: str,
    channels: set[str],
    voting_on: date,
    documents: str = "",
    candidates: list[str] | None = None,
    notice_on: date | None = None,
    documents_on: date | None = None,
    ballot_plan_on: date | None = None,
    convention=None,
) -> Decision:
    """Đưa nội dung ra bàn và quyết định: the village head (with the Front work committee) for
    a village, a commune officer or leader for any village or the whole commune (Law Art. 16).
    The law refuses a channel the kind does not allow, quoting the rule (Art. 17, 19). A
    kind-3 matter may name the village convention it adopts (``services.conventions``)."""
    if not isinstance(place, Village | Commune):
        raise DomainError("place_required", PLACE_REQUIRED)
    require(actor, "open_decision", place)
    scope = Scope.VILLAGE if isinstance(place, Village) else Scope.COMMUNE
    chosen = frozenset(Channel(c) for c in channels)
    with law_checks():
        kind = Kind(kind)
        law.check_scope(kind, scope)
        law.check_channels(kind, scope, chosen)
        # read for its refusal: a schedule dated before the law's lead times apply has none
        law.schedule_issues(
            kind,
            chosen,
            law.Schedule(voting_on, notice_on, documents_on, ballot_plan_on),
        )
    options = _options(kind, chosen, candidates or [])
    check_convention(convention, kind=kind, village=place if scope == Scope.VILLAGE else None)
    decision = Decision(
        commune=place if scope == Scope.COMMUNE else place.commune,
        village=place if scope == Scope.VILLAGE else None,
        scope=scope,
        kind=int(kind),
        title=title.strip(),
        question=question.strip(),
        documents=documents.strip(),
        allows_meeting=Channel.MEETING in chosen,
        allows_ballot=Channel.BALLOT in chosen,
        allows_online=Channel.ONLINE in chosen,
        voting_on=voting_on,
        notice_on=notice_on,
        documents_on=documents_on,
        ballot_plan_on=ballot_plan_on,
        created_by=actor,
        convention=convention,
    )
    decision.full_clean()
    decision.save()
    rows = [
        Option(decision=decision, role=r, label=lab, position=i)
        for i, (r, lab) in enumerate(options)
    ]
    for row in rows:
        row.full_clean(exclude=["decision"], validate_unique=False)
    Option.objects.bulk_create(rows)
    audit(
        "open_decision",
        decision,
        actor=actor,
        summary={"kind": int(kind), "scope": scope.value, "channels": sorted(chosen)},
    )
    return decision


def schedule_of(decision: Decision) -> law.Schedule:
    """The decision's planned dates as the law module reads them."""
    return law.Schedule(
        voting_on=decision.voting_on,
        notice_on=decision.notice_on,
        documents_on=decision.documents_on,
        ballot_plan_on=decision.ballot_plan_on,
    )


def schedule_warnings(decision: Decision) -> list[str]:
    """The lead times the decision's schedule breaks (Decree 59 Art. 3(1); Law Art. 19(2))."""
    return law.schedule_issues(Kind(decision.kind), decision.channels, schedule_of(decision))
