"""Thresholds over all households, verdicts and the meeting outlook (Law Art. 19, 21;
Decree 61 Art. 11)."""

from dataclasses import dataclass
from datetime import date

from .base import Kind, LawRefusal, Share, param, parameter

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
