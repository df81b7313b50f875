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
from datetime import date
from enum import IntEnum, StrEnum
from fractions import Fraction

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
