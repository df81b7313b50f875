"""Lead times, deadlines, the village-head timeline, citizen initiative and effect (Law
Art. 16, 20–21; Decree 59 Art. 3–6)."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dancoso.core.workdays import NO_OVERRIDES, Overrides, add_working_days

from .base import Channel, Kind, Scope, param, parameter

# --- Lead times and deadlines (Decree 59 Art. 3–6; Law Art. 20–21) --------------------------


@dataclass(frozen=True)
class Schedule:
    """The dates an organiser plans: notice, documents, ballot plan and the voting day."""

    voting_on: date
    notice_on: date | None = None
    documents_on: date | None = None
    ballot_plan_on: date | None = None


LATE_NOTICE = (
    "Giấy mời họp phải gửi ít nhất {days} ngày trước hội nghị ({article}): chậm nhất ngày "
    "{latest:%d/%m/%Y}."
)
LATE_DOCUMENTS = (
    "Tài liệu phải đến từng hộ ít nhất {days} ngày trước hội nghị ({article}): chậm nhất ngày "
    "{latest:%d/%m/%Y}."
)
LATE_BALLOT_PLAN = (
    "Kế hoạch phát phiếu phải công khai ít nhất {days} ngày trước ngày phát phiếu ({article}): "
    "chậm nhất ngày {latest:%d/%m/%Y}."
)
MISSING_NOTICE = "Hãy ghi ngày gửi giấy mời họp (Nghị định 59/2023/NĐ-CP, Điều 3 khoản 1)."
MISSING_DOCUMENTS = (
    "Hãy ghi ngày gửi tài liệu đến từng hộ (Nghị định 59/2023/NĐ-CP, Điều 3 khoản 1)."
)
MISSING_BALLOT_PLAN = (
    "Hãy ghi ngày công khai kế hoạch phát phiếu (Luật 10/2022/QH15, Điều 19 khoản 2)."
)


def latest_before(key: str, day: date) -> date:
    """The last day a ``key`` lead time (days before ``day``) allows."""
    return day - timedelta(days=param(key, day))


def _lead(key: str, given: date | None, day: date, late: str, missing: str) -> list[str]:
    if given is None:
        return [missing]
    latest = latest_before(key, day)
    if given > latest:
        entry = parameter(key, day)
        return [late.format(days=entry.value, article=entry.article, latest=latest)]
    return []


def schedule_issues(kind: Kind, channels: frozenset[Channel], schedule: Schedule) -> list[str]:
    """What breaks the lead times: meeting notice ≥ 2 days and, for kinds 1–3, documents to
    every household ≥ 2 days before (Decree 59 Art. 3(1)); a ballot plan published ≥ 2 days
    before distribution (Law Art. 19(2))."""
    day = schedule.voting_on
    issues: list[str] = []
    if Channel.MEETING in channels:
        issues += _lead("meeting_notice_days", schedule.notice_on, day, LATE_NOTICE, MISSING_NOTICE)
        if kind in (Kind.CONTRIBUTION, Kind.FUND_USE, Kind.CONVENTION):
            issues += _lead(
                "documents_days", schedule.documents_on, day, LATE_DOCUMENTS, MISSING_DOCUMENTS
            )
    if Channel.BALLOT in channels:
        issues += _lead(
            "ballot_plan_days", schedule.ballot_plan_on, day, LATE_BALLOT_PLAN, MISSING_BALLOT_PLAN
        )
    return issues


def decision_due(closed_on: date, overrides: Overrides = NO_OVERRIDES) -> date:
    """The community decision reaches the commune People's Committee and Front committee
    within 5 working days of the meeting or the close of the ballot or online vote (Law
    Art. 20(2); Decree 59 Art. 3–5)."""
    return add_working_days(closed_on, param("decision_sent_working_days", closed_on), overrides)


def recognition_due(received_on: date, overrides: Overrides = NO_OVERRIDES) -> date:
    """Recognition (or a reasoned written refusal) within 5 working days of receiving the
    decision (Law Art. 21(3); Decree 59 Art. 8)."""
    return add_working_days(received_on, param("recognition_working_days", received_on), overrides)


@dataclass(frozen=True)
class Step:
    """One step of the village-head election timeline and its last day."""

    label: str
    latest: date
    article: str


def village_head_timeline(election_on: date) -> list[Step]:
    """The last days for the election plan (≥ 20 days before), the election team (≥ 10),
    the public notice (≥ 7) and the candidate list sent to the commune (≥ 15) (Decree 59
    Art. 6)."""
    steps = [
        ("Kế hoạch bầu cử của Chủ tịch UBND xã", "village_head_plan_days"),
        ("Danh sách người ứng cử gửi UBND xã", "village_head_candidates_days"),
        ("Quyết định thành lập Tổ bầu cử", "village_head_team_days"),
        ("Thông báo công khai", "village_head_notice_days"),
    ]
    return [
        Step(label, latest_before(key, election_on), parameter(key, election_on).article)
        for label, key in steps
    ]


# --- Citizen initiative (Law Art. 16(3)) ---------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has none."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 28 exists in every month


def consent_valid(given_on: date, on: date) -> bool:
    """A household's consent to a citizen initiative is valid for 3 months (Law Art. 16(3))."""
    return given_on <= on < add_months(given_on, param("initiative_consent_months", given_on))


def initiative_reached(*, consents: int, households: int, on: date) -> bool:
    """At least 10% of the village's households consented (Law Art. 16(3)); below that the
    Front work committee may still approve it."""
    return param("initiative_consent_share", on).reached(consents, households)


# --- Effect (Law Art. 21(2)) ----------------------------------------------------------------


class EffectBasis(StrEnum):
    """What a decision waits for before it takes effect."""

    ADOPTION = "adoption"
    COMMITTEE_DATE = "committee_date"
    COMMITTEE_RECOGNITION = "committee_recognition"
    FRONT_RECOGNITION = "front_recognition"


EFFECT_TEXT = {
    EffectBasis.ADOPTION: "Có hiệu lực khi được thông qua (Luật 10/2022/QH15, Điều 21 khoản 2).",
    EffectBasis.COMMITTEE_DATE: "Có hiệu lực từ ngày UBND xã quyết định sau khi tổng hợp kết quả "
    "các thôn (Luật 10/2022/QH15, Điều 21 khoản 2).",
    EffectBasis.COMMITTEE_RECOGNITION: "Có hiệu lực khi UBND xã ra quyết định công nhận, trong 5 "
    "ngày làm việc (Luật 10/2022/QH15, Điều 21 khoản 2–3).",
    EffectBasis.FRONT_RECOGNITION: "Có hiệu lực khi Ủy ban MTTQ xã ra quyết định công nhận, trong "
    "5 ngày làm việc (Luật 10/2022/QH15, Điều 21 khoản 2–3).",
}


def effect_basis(kind: Kind, scope: Scope) -> EffectBasis:
    """When an adopted decision takes effect (Law Art. 21(2)): kinds 1, 2, 6 of a village on
    adoption; commune-wide 1–2 on the date the People's Committee sets; the convention and the
    village head on the People's Committee's recognition; board members on the Front's."""
    if kind == Kind.CONVENTION or kind == Kind.VILLAGE_HEAD:
        return EffectBasis.COMMITTEE_RECOGNITION
    if kind == Kind.BOARD_MEMBER:
        return EffectBasis.FRONT_RECOGNITION
    if scope == Scope.COMMUNE:
        return EffectBasis.COMMITTEE_DATE
    return EffectBasis.ADOPTION


def effect_date(
    kind: Kind,
    scope: Scope,
    *,
    adopted_on: date,
    recognised_on: date | None = None,
    committee_date: date | None = None,
) -> date | None:
    """The day an adopted decision takes effect, or ``None`` while it waits for recognition
    or for the People's Committee's date (Law Art. 21(2))."""
    basis = effect_basis(kind, scope)
    if basis == EffectBasis.ADOPTION:
        return adopted_on
    if basis == EffectBasis.COMMITTEE_DATE:
        return committee_date
    return recognised_on
