"""Pure rules of routing a case to the upper level: which cases the commune (or its agency)
may not keep, why, and from when. No ORM import.

- A second complaint goes to the head of the body directly above the one that made the first
  decision (Law on Complaints 02/2011/QH13 Art. 7(1), Art. 33(1)).
- A follow-up denunciation (tố cáo tiếp) goes to the head of the body directly above the one
  that resolved it (Law on Denunciations 25/2018/QH14 Art. 37(1)).
- A denunciation the commune is not competent for is forwarded within 5 working days of
  receipt (Art. 24(3)); if the officer has not forwarded it by the last day, it is forwarded to
  the upper level that day so the limit is never missed.
- A first-level denunciation whose resolution limit lapsed unresolved: the upper level asks for
  a report and may direct the resolution or resolve it itself (Art. 38); the case stays where
  it is and the upper level is told (``moves`` False).

Since 01/07/2025 there is no district level: the body directly above a commune is the
province's (its People's Committee chair, advised by the provincial inspectorate). Which body
of the province that is, is data (``UpperBody``), not code. The amendments of Law 136/2025/QH15
(from 01/07/2026) were not reported to change these rules (LAW-NOTES §3.3, UNCONFIRMED): a
change is a new ``Route`` entry with its own ``applies_from``.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .law import L02, L25, CaseFacts, Deadline, Kind


class Reason(StrEnum):
    SECOND_COMPLAINT = "second_complaint"
    FOLLOW_UP_DENUNCIATION = "followup_denunciation"
    NOT_COMPETENT = "not_competent"
    OVERDUE_DENUNCIATION = "overdue_denunciation"


@dataclass(frozen=True)
class Route:
    """Why a case goes up, in Vietnamese, the article, the day the rule applies from, and
    whether the case moves to the upper body's inbox (``moves``) or stays and the upper body
    is told."""

    reason: Reason
    label: str
    article: str
    applies_from: date
    moves: bool


UPPER_TWO_TIERS = date(2025, 7, 1)  # districts abolished: the commune's upper level is the province
ROUTES: tuple[Route, ...] = (
    Route(
        Reason.SECOND_COMPLAINT,
        "Khiếu nại lần hai thuộc thẩm quyền của thủ trưởng cơ quan cấp trên trực tiếp",
        "Luật Khiếu nại 02/2011/QH13, Điều 7 khoản 1, Điều 33 khoản 1",
        L02,
        True,
    ),
    Route(
        Reason.FOLLOW_UP_DENUNCIATION,
        "Tố cáo tiếp thuộc thẩm quyền của người đứng đầu cơ quan cấp trên trực tiếp",
        "Luật Tố cáo 25/2018/QH14, Điều 37 khoản 1",
        L25,
        True,
    ),
    Route(
        Reason.NOT_COMPETENT,
        "Tố cáo không thuộc thẩm quyền của xã, đến hạn chuyển đơn",
        "Luật Tố cáo 25/2018/QH14, Điều 24 khoản 3",
        L25,
        True,
    ),
    Route(
        Reason.OVERDUE_DENUNCIATION,
        "Tố cáo quá thời hạn giải quyết: cấp trên yêu cầu báo cáo, chỉ đạo giải quyết",
        "Luật Tố cáo 25/2018/QH14, Điều 38",
        L25,
        False,
    ),
)
ROUTE_BY_REASON = {route.reason: route for route in ROUTES}
MOVING = frozenset(route.reason for route in ROUTES if route.moves)


def _route(reason: Reason, day: date) -> Route | None:
    route = ROUTE_BY_REASON[reason]
    return route if route.applies_from <= day else None


def upward_route(facts: CaseFacts, deadlines: list[Deadline], today: date) -> Route | None:
    """The rule that sends the case with ``facts`` (and its ``deadlines``) to the upper level
    on ``today``, or None. Anonymous denunciations are never routed as denunciations (Law
    25/2018 Art. 25); a case already forwarded (``transferred_on``) is not routed again."""
    if facts.transferred_on is not None:
        return None
    named = facts.kind is Kind.DENUNCIATION and not facts.anonymous
    if facts.level == 2 and facts.kind is Kind.COMPLAINT:
        return _route(Reason.SECOND_COMPLAINT, facts.received_on)
    if facts.level == 2 and named:
        return _route(Reason.FOLLOW_UP_DENUNCIATION, facts.received_on)
    if not named:
        return None
    by_name = {d.name: d for d in deadlines}
    forwarding = by_name.get("denunciation_forwarding")
    if facts.not_competent and forwarding is not None and today >= forwarding.due:
        return _route(Reason.NOT_COMPETENT, facts.received_on)
    resolution = by_name.get("denunciation_resolution")
    if resolution is not None and resolution.done_on is None and today > resolution.due:
        return _route(Reason.OVERDUE_DENUNCIATION, resolution.due)
    return None
