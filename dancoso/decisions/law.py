"""Pure rules for the matters households discuss and decide (Dân quyết; no ORM imports).

Sources: Law 10/2022/QH15 on Grassroots Democracy (in force 01/07/2023) Art. 15–24; Decree
59/2023/NĐ-CP (in force 15/08/2023) Art. 3–9; Decree 61/2023/NĐ-CP on village conventions.
Every number is a dated ``Parameter`` (``param(key, on)``), so an amendment is a new entry with
its own ``applies_from``, never an edit of an old one. Shares are exact fractions compared in
integers: ``yes * den`` against ``num * total`` — never a float.

Refusals are ``LawRefusal`` carrying a Vietnamese message constant that quotes the rule and says
what to do instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum, StrEnum
from fractions import Fraction

from dancoso.core.workdays import NO_OVERRIDES, Overrides, add_working_days

LAW_IN_FORCE = date(2023, 7, 1)  # Law 10/2022/QH15 Art. 91
DECREE_59_IN_FORCE = date(2023, 8, 15)  # Decree 59/2023/NĐ-CP Art. 28
DECREE_61_IN_FORCE = date(2023, 8, 16)  # Decree 61/2023/NĐ-CP


class LawRefusal(ValueError):
    """The law refuses the request; ``code`` is stable, ``message`` says what to fix."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(message)


class Kind(IntEnum):
    """The six matters the households decide (Law 10/2022 Art. 15)."""

    CONTRIBUTION = 1  # chủ trương và mức đóng góp xây dựng công trình công cộng
    FUND_USE = 2  # thu, chi, quản lý các khoản đóng góp và quỹ cộng đồng
    CONVENTION = 3  # nội dung hương ước, quy ước
    VILLAGE_HEAD = 4  # bầu, cho thôi làm Trưởng thôn / Tổ trưởng tổ dân phố
    BOARD_MEMBER = 5  # bầu, bãi nhiệm thành viên Ban TTND, Ban GSĐTCĐ
    SELF_MANAGED = 6  # công việc tự quản khác trong nội bộ cộng đồng


KIND_LABELS = {
    Kind.CONTRIBUTION: "Chủ trương và mức đóng góp xây dựng công trình công cộng",
    Kind.FUND_USE: "Thu, chi, quản lý các khoản đóng góp và quỹ cộng đồng",
    Kind.CONVENTION: "Nội dung hương ước, quy ước",
    Kind.VILLAGE_HEAD: "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố",
    Kind.BOARD_MEMBER: "Bầu, bãi nhiệm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư "
    "của cộng đồng",
    Kind.SELF_MANAGED: "Công việc tự quản khác trong nội bộ cộng đồng",
}
ELECTION_KINDS = frozenset({Kind.VILLAGE_HEAD, Kind.BOARD_MEMBER})


class Channel(StrEnum):
    """The forms of deciding (Law Art. 17(1)): a community meeting, ballots handed to every
    household, online voting."""

    MEETING = "meeting"
    BALLOT = "ballot"
    ONLINE = "online"


class Scope(StrEnum):
    """A matter of one village (thôn, tổ dân phố) or of the whole commune (Law Art. 16)."""

    VILLAGE = "village"
    COMMUNE = "commune"


# --- Dated parameters ----------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """An exact share of a whole: ``num/den``, reached at ``≥`` when ``inclusive`` ("từ … trở
    lên") and at ``>`` otherwise ("trên")."""

    num: int
    den: int
    inclusive: bool

    def reached(self, part: int, whole: int) -> bool:
        """Whether ``part`` of ``whole`` reaches the share. Nothing is reached of an empty
        whole (a village without households adopts nothing)."""
        if whole <= 0 or part < 0:
            return False
        if self.inclusive:
            return part * self.den >= self.num * whole
        return part * self.den > self.num * whole

    def minimum(self, whole: int) -> int:
        """The smallest part that reaches the share of ``whole`` (``whole + 1`` if none can)."""
        if whole <= 0:
            return 1
        floor = self.num * whole // self.den
        exact = floor * self.den == self.num * whole
        return floor if (self.inclusive and exact) else floor + 1

    def __str__(self) -> str:
        word = "từ" if self.inclusive else "trên"
        if Fraction(self.num, self.den) == Fraction(1, 2):
            return f"{word} 50%"
        return f"{word} {self.num}/{self.den}"


@dataclass(frozen=True)
class Parameter:
    """One number of the law, the article it comes from and the day it applies from."""

    value: object
    article: str
    applies_from: date


PARAMETERS: dict[str, tuple[Parameter, ...]] = {
    "threshold_contribution": (
        Parameter(Share(2, 3, True), "Luật 10/2022/QH15, Điều 21 khoản 1", LAW_IN_FORCE),
    ),
    "threshold_other": (
        Parameter(Share(1, 2, False), "Luật 10/2022/QH15, Điều 21 khoản 1", LAW_IN_FORCE),
    ),
    "threshold_commune_villages": (
        Parameter(Share(2, 3, True), "Luật 10/2022/QH15, Điều 21 khoản 1", LAW_IN_FORCE),
    ),
    "online_poll_share": (
        Parameter(Share(1, 2, False), "Nghị định 59/2023/NĐ-CP, Điều 5 khoản 3",
                  DECREE_59_IN_FORCE),
    ),
    "convention_meeting_attendance": (
        Parameter(Share(1, 2, False), "Nghị định 61/2023/NĐ-CP, Điều 11", DECREE_61_IN_FORCE),
    ),
    "initiative_consent_share": (
        Parameter(Share(1, 10, True), "Luật 10/2022/QH15, Điều 16 khoản 3", LAW_IN_FORCE),
    ),
    "initiative_consent_months": (
        Parameter(3, "Luật 10/2022/QH15, Điều 16 khoản 3", LAW_IN_FORCE),
    ),
    "dismissal_petition_share": (
        Parameter(Share(1, 2, True), "Nghị định 59/2023/NĐ-CP, Điều 9 khoản 1",
                  DECREE_59_IN_FORCE),
    ),
    "meeting_notice_days": (
        Parameter(2, "Nghị định 59/2023/NĐ-CP, Điều 3 khoản 1", DECREE_59_IN_FORCE),
    ),
    "documents_days": (
        Parameter(2, "Nghị định 59/2023/NĐ-CP, Điều 3 khoản 1", DECREE_59_IN_FORCE),
    ),
    "ballot_plan_days": (
        Parameter(2, "Luật 10/2022/QH15, Điều 19 khoản 2; Nghị định 59/2023/NĐ-CP, Điều 4",
                  DECREE_59_IN_FORCE),
    ),
    "decision_sent_working_days": (
        Parameter(5, "Luật 10/2022/QH15, Điều 20 khoản 2", LAW_IN_FORCE),
    ),
    "recognition_working_days": (
        Parameter(5, "Luật 10/2022/QH15, Điều 21 khoản 3", LAW_IN_FORCE),
    ),
    "team_size": (
        Parameter((3, 5), "Nghị định 59/2023/NĐ-CP, Điều 3 khoản 3, Điều 4, Điều 5",
                  DECREE_59_IN_FORCE),
    ),
    "count_witnesses": (
        Parameter(2, "Nghị định 59/2023/NĐ-CP, Điều 3 khoản 4, Điều 4", DECREE_59_IN_FORCE),
    ),
    "cluster_households": (
        Parameter(200, "Luật 10/2022/QH15, Điều 18 khoản 3", LAW_IN_FORCE),
    ),
    "village_head_plan_days": (
        Parameter(20, "Nghị định 59/2023/NĐ-CP, Điều 6 khoản 1", DECREE_59_IN_FORCE),
    ),
    "village_head_team_days": (
        Parameter(10, "Nghị định 59/2023/NĐ-CP, Điều 6 khoản 2", DECREE_59_IN_FORCE),
    ),
    "village_head_notice_days": (
        Parameter(7, "Nghị định 59/2023/NĐ-CP, Điều 6 khoản 3", DECREE_59_IN_FORCE),
    ),
    "village_head_candidates_days": (
        Parameter(15, "Nghị định 59/2023/NĐ-CP, Điều 6 khoản 4", DECREE_59_IN_FORCE),
    ),
}  # fmt: skip

NOT_IN_FORCE = "Ngày {on:%d/%m/%Y} chưa có quy định cho '{key}': văn bản có hiệu lực sau ngày đó."


def parameter(key: str, on: date) -> Parameter:
    """The entry for ``key`` in force on ``on`` (the latest with ``applies_from`` ≤ ``on``)."""
    entries = [p for p in PARAMETERS[key] if p.applies_from <= on]
    if not entries:
        raise LawRefusal("not_in_force", NOT_IN_FORCE.format(on=on, key=key))
    return max(entries, key=lambda p: p.applies_from)


def param(key: str, on: date):
    """The value of ``key`` in force on ``on``."""
    return parameter(key, on).value


# --- Thresholds (Law Art. 21) --------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A share and where it comes from, as quoted on the result sheet."""

    share: Share
    article: str

    def __str__(self) -> str:
        return f"{self.share} ({self.article})"


def threshold(kind: Kind, on: date) -> Rule:
    """The share of ALL households of the village that must agree (Law Art. 21(1)): at least
    two-thirds for kinds 1–2, more than half for kinds 3–6 — never a share of those present."""
    key = (
        "threshold_contribution"
        if kind in (Kind.CONTRIBUTION, Kind.FUND_USE)
        else "threshold_other"
    )
    entry = parameter(key, on)
    return Rule(entry.value, entry.article)


def commune_threshold(on: date) -> Rule:
    """A commune-wide matter of kind 1–2 is adopted when at least two-thirds of the villages
    adopt it (Law Art. 21(1))."""
    entry = parameter("threshold_commune_villages", on)
    return Rule(entry.value, entry.article)


@dataclass(frozen=True)
class Verdict:
    """The outcome of a count and the rule that decided it."""

    adopted: bool
    rule: Rule
    needed: int
    got: int
    of: int
    winner: str = ""

    @property
    def sentence(self) -> str:
        outcome = "được thông qua" if self.adopted else "không được thông qua"
        return f"{self.got}/{self.of} đồng ý, cần {self.needed} ({self.rule}): {outcome}."


def village_verdict(kind: Kind, *, households: int, agree: int, on: date) -> Verdict:
    """Adopted when ``agree`` of the village's ``households`` reaches the Art. 21(1) share."""
    rule = threshold(kind, on)
    return Verdict(
        adopted=rule.share.reached(agree, households),
        rule=rule,
        needed=rule.share.minimum(households),
        got=agree,
        of=households,
    )


def election_verdict(
    *, households: int, votes: dict[str, int], on: date, kind: Kind = Kind.VILLAGE_HEAD
) -> Verdict:
    """A candidate is elected with more than half of ALL households (Law Art. 21(1) para 3;
    Decree 59 Art. 7). With one vote per household at most one candidate can pass; when none
    does the commune decides a re-election (Decree 59 Art. 3(5)(d))."""
    rule = threshold(kind, on)
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    best, best_votes = ranked[0] if ranked else ("", 0)
    adopted = rule.share.reached(best_votes, households)
    return Verdict(
        adopted=adopted,
        rule=rule,
        needed=rule.share.minimum(households),
        got=best_votes,
        of=households,
        winner=best if adopted else "",
    )


def commune_verdict(village_results: list[bool], *, on: date) -> Verdict:
    """A commune-wide kind 1–2 matter: adopted when at least two-thirds of the villages adopt
    it (Law Art. 21(1))."""
    rule = commune_threshold(on)
    yes = sum(1 for adopted in village_results if adopted)
    whole = len(village_results)
    return Verdict(
        adopted=rule.share.reached(yes, whole),
        rule=rule,
        needed=rule.share.minimum(whole),
        got=yes,
        of=whole,
    )


# --- Channels (Law Art. 17, 19; Decree 59 Art. 4–5) ----------------------------------------

ONLINE_ONLY_KIND_6 = (
    'Biểu quyết trực tuyến chỉ dùng cho "công việc tự quản khác" (loại 6) — Luật 10/2022/QH15, '
    "Điều 17 khoản 2; Nghị định 59/2023/NĐ-CP, Điều 5. Hãy chọn hội nghị hoặc phát phiếu."
)
MEETING_REQUIRED = (
    "Hương ước, quy ước và việc bầu, cho thôi làm Trưởng thôn, thành viên Ban TTND, Ban GSĐTCĐ "
    "phải được quyết định tại hội nghị cộng đồng; chỉ phát phiếu khi hội nghị không đủ số hộ "
    "để đạt tỷ lệ tán thành (Luật 10/2022/QH15, Điều 17 khoản 2, Điều 19 khoản 1 điểm b). "
    "Hãy tổ chức hội nghị trước."
)
ONLINE_POLL_SHORT = (
    "Chỉ biểu quyết trực tuyến khi trên 50% tổng số hộ trong thôn chọn hình thức này "
    "(Nghị định 59/2023/NĐ-CP, Điều 5 khoản 3): mới có {yes}/{total} hộ chọn, cần {needed}."
)
COMMUNE_SCOPE_KINDS = (
    "Chỉ nội dung loại 1 và 2 (đóng góp, quỹ cộng đồng) được quyết định trên phạm vi toàn xã "
    "theo tỷ lệ số thôn (Luật 10/2022/QH15, Điều 21 khoản 1). Hãy chọn phạm vi một thôn."
)
NO_CHANNEL = "Hãy chọn ít nhất một hình thức quyết định."
COMMUNE_NO_ONLINE_MEETING = (
    "Nội dung toàn xã được lấy ý kiến bằng phiếu phát đến từng hộ do Chủ tịch UBND xã quyết "
    "định (Luật 10/2022/QH15, Điều 19 khoản 1 điểm a; họp theo cụm dân cư chưa hỗ trợ)."
)


def check_scope(kind: Kind, scope: Scope) -> None:
    """Only kinds 1–2 have a commune-wide rule over villages (Law Art. 21(1))."""
    if scope == Scope.COMMUNE and kind not in (Kind.CONTRIBUTION, Kind.FUND_USE):
        raise LawRefusal("commune_scope_kind", COMMUNE_SCOPE_KINDS)


def check_channels(kind: Kind, scope: Scope, channels: frozenset[Channel]) -> None:
    """The channels a matter may be opened with (Law Art. 17(2), 19(1)): online only for kind
    6; kinds 3–5 at a meeting (ballots only by the fallback ``meeting_fallback``); a
    commune-wide matter by household ballots (Art. 19(1)(a))."""
    if not channels:
        raise LawRefusal("no_channel", NO_CHANNEL)
    if Channel.ONLINE in channels and kind != Kind.SELF_MANAGED:
        raise LawRefusal("online_kind", ONLINE_ONLY_KIND_6)
    if kind in (Kind.CONVENTION, Kind.VILLAGE_HEAD, Kind.BOARD_MEMBER) and (
        channels != {Channel.MEETING}
    ):
        raise LawRefusal("meeting_required", MEETING_REQUIRED)
    if scope == Scope.COMMUNE and channels != {Channel.BALLOT}:
        raise LawRefusal("commune_ballot", COMMUNE_NO_ONLINE_MEETING)


def online_poll_passed(*, chose_online: int, households: int, on: date) -> bool:
    """More than half of ALL households chose online voting (Decree 59 Art. 5(3))."""
    return param("online_poll_share", on).reached(chose_online, households)


def check_online_poll(*, chose_online: int, households: int, on: date) -> None:
    """Refuse to open online voting until the poll passed (Decree 59 Art. 5(3))."""
    share: Share = param("online_poll_share", on)
    if not share.reached(chose_online, households):
        raise LawRefusal(
            "online_poll",
            ONLINE_POLL_SHORT.format(
                yes=chose_online, total=households, needed=share.minimum(households)
            ),
        )


# --- The meeting and its fallback (Law Art. 19(1)(b); Decree 61 Art. 11) ------------------


@dataclass(frozen=True)
class MeetingOutlook:
    """Whether a meeting can still adopt the matter with the households present."""

    reachable: bool
    present: int
    households: int
    needed: int
    rule: Rule


def meeting_outlook(kind: Kind, *, households: int, present: int, on: date) -> MeetingOutlook:
    """Can the households present reach the Art. 21(1) share of ALL households, even if every
    one of them agreed? For a village convention the meeting must also be attended by more
    than half of the households (Decree 61 Art. 11). If not, the matter goes to ballots handed
    to every household (Law Art. 19(1)(b))."""
    rule = threshold(kind, on)
    needed = rule.share.minimum(households)
    if kind == Kind.CONVENTION:
        attendance: Share = param("convention_meeting_attendance", on)
        needed = max(needed, attendance.minimum(households))
    return MeetingOutlook(
        reachable=households > 0 and present >= needed,
        present=present,
        households=households,
        needed=needed,
        rule=rule,
    )


def still_reachable(
    kind: Kind, *, households: int, present: int, agree: int, counted: int, on: date
) -> bool:
    """During a count at the meeting: can ``agree`` plus the ``present - counted`` households
    not yet counted still reach the share?"""
    remaining = max(0, present - counted)
    return threshold(kind, on).share.reached(agree + remaining, households)


FALLBACK_NOT_NEEDED = (
    "Số hộ có mặt ({present}/{households}) đủ để đạt tỷ lệ tán thành, nên không chuyển sang "
    "phát phiếu (Luật 10/2022/QH15, Điều 19 khoản 1 điểm b). Hãy tiến hành biểu quyết."
)


def check_fallback(kind: Kind, *, households: int, present: int, on: date) -> None:
    """A meeting is carried over to household ballots only when it could not reach the share
    with the households present (Law Art. 19(1)(b))."""
    outlook = meeting_outlook(kind, households=households, present=present, on=on)
    if outlook.reachable:
        raise LawRefusal(
            "fallback_not_needed",
            FALLBACK_NOT_NEEDED.format(present=present, households=households),
        )


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
