"""Recurring disclosure obligations and their states — pure rules, no ORM import.

Some contents must be disclosed again every period: the budget estimate, its execution each
quarter, six months and year, the final accounts (Law 10/2022 Art. 11(2), Art. 46(3)), the
yearly socio-economic plan (Art. 11(1)) and the quarterly list of what was disclosed
(Art. 13(2)). The timing of budget disclosures comes from the State Budget Law and the
Ministry of Finance circulars (the sector law prevails, Art. 12(3), 91): each due date is a
dated ``Rule`` carrying its source, so an amendment is a new entry. The obligation of year
``Y`` is about year ``Y``; some fall due early in ``Y + 1``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dancoso.core.workdays import add_working_days

from .law import LAW_IN_FORCE, LawViolation, Scope

BUDGET_LAW = "Luật Ngân sách nhà nước số 83/2015/QH13 Điều 15 khoản 4"
BUDGET_CIRCULAR = "Thông tư 343/2016/TT-BTC (xã) và 61/2017/TT-BTC (đơn vị dự toán)"


@dataclass(frozen=True)
class Rule:
    """How to compute the due date of an obligation for a year, from ``since`` on."""

    since: date
    source: str
    due: Callable[[int], date]


@dataclass(frozen=True)
class Obligation:
    """A content that must be disclosed once per year (``key``), in ``category``."""

    key: str
    scope: Scope
    category: str
    title: str
    rules: tuple[Rule, ...]

    def rule(self, year: int) -> Rule:
        """The rule in force on 1 January of ``year`` (the first rule before any)."""
        current = self.rules[0]
        for rule in self.rules:
            if rule.since <= date(year, 1, 1):
                current = rule
        return current

    def due(self, year: int) -> date:
        """The last day to disclose this obligation for ``year``."""
        return self.rule(year).due(year)


QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
BAD_QUARTER = "Hãy chọn quý từ I đến IV của một năm từ 2023 trở đi."


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter of a year the law applies to."""
    if quarter not in QUARTERS or not 2023 <= year <= 9998:
        raise LawViolation("bad_quarter", BAD_QUARTER)
    return date(year, 3 * quarter - 2, 1), _quarter_end(year, quarter)


def _quarter_end(year: int, quarter: int) -> date:
    return date(year, 3 * quarter, 1).replace(day=31 if quarter in (1, 4) else 30)


def _after_period(days: int, quarter: int) -> Callable[[int], date]:
    """``days`` calendar days after the end of ``quarter`` (4 = the whole year)."""
    return lambda year: _quarter_end(year, quarter) + timedelta(days=days)


def _estimate_due(year: int) -> date:
    # The council decides the estimate by 31/12 of the year before; disclosed within 30 days.
    return date(year - 1, 12, 31) + timedelta(days=30)


def _accounts_due(year: int) -> date:
    # Final accounts of ``year`` are approved during ``year + 1``; disclosed by its end.
    return date(year + 1, 12, 31)


def _plan_due(year: int) -> date:
    # The council adopts the year's plan by 31/12 of the year before; 05 working days.
    return add_working_days(date(year - 1, 12, 31), 5)


def _list_due(quarter: int) -> Callable[[int], date]:
    return lambda year: add_working_days(_quarter_end(year, quarter), 5)


def _budget(scope: Scope, category: str, prefix: str) -> tuple[Obligation, ...]:
    def ob(key, title, due, source):
        return Obligation(
            f"{prefix}{key}", scope, category, title, (Rule(LAW_IN_FORCE, source, due),)
        )

    quarterly = f"{BUDGET_CIRCULAR}: 15 ngày sau khi kết thúc kỳ"
    return (
        ob("budget_estimate", "Dự toán ngân sách năm", _estimate_due, f"{BUDGET_LAW}: 30 ngày"),
        ob("budget_q1", "Tình hình thực hiện ngân sách quý I", _after_period(15, 1), quarterly),
        ob("budget_h1", "Tình hình thực hiện ngân sách 6 tháng", _after_period(15, 2), quarterly),
        ob("budget_q3", "Tình hình thực hiện ngân sách quý III", _after_period(15, 3), quarterly),
        ob("budget_year", "Tình hình thực hiện ngân sách cả năm", _after_period(15, 4), quarterly),
        ob("final_accounts", "Quyết toán ngân sách năm", _accounts_due, f"{BUDGET_LAW}: 30 ngày"),
    )


COMMUNE_OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation(
        "socio_economic_plan",
        Scope.COMMUNE,
        "xa-01",
        "Kế hoạch phát triển kinh tế – xã hội năm",
        (Rule(LAW_IN_FORCE, "Luật 10/2022/QH15 Điều 11 khoản 1, Điều 12 khoản 3", _plan_due),),
    ),
    *_budget(Scope.COMMUNE, "xa-02", ""),
    *(
        Obligation(
            f"disclosure_list_q{q}",
            Scope.COMMUNE,
            "xa-14",
            f"Danh mục thông tin đã công khai quý {QUARTERS[q]}",
            (
                Rule(
                    LAW_IN_FORCE, "Luật 10/2022/QH15 Điều 13 khoản 2, Điều 12 khoản 3", _list_due(q)
                ),
            ),
        )
        for q in (1, 2, 3, 4)
    ),
)
AGENCY_OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation(
        "work_plan",
        Scope.AGENCY,
        "cq-02",
        "Kế hoạch công tác năm",
        (Rule(LAW_IN_FORCE, "Luật 10/2022/QH15 Điều 46 khoản 2, Điều 47", _plan_due),),
    ),
    *_budget(Scope.AGENCY, "cq-03", ""),
)
OBLIGATIONS: dict[tuple[Scope, str], Obligation] = {
    (o.scope, o.key): o for o in COMMUNE_OBLIGATIONS + AGENCY_OBLIGATIONS
}


def obligations_for(scope: Scope) -> tuple[Obligation, ...]:
    """The recurring obligations of a commune or of an agency."""
    return COMMUNE_OBLIGATIONS if scope is Scope.COMMUNE else AGENCY_OBLIGATIONS


class State(StrEnum):
    """Where an obligation stands."""

    ON_TIME = "on_time"  # đã công khai đúng hạn
    LATE = "late"  # đã công khai nhưng trễ hạn
    OVERDUE = "overdue"  # quá hạn, chưa công khai
    NOT_YET_DUE = "not_yet_due"  # chưa đến hạn


STATE_LABELS = {
    State.ON_TIME: "Đã công khai đúng hạn",
    State.LATE: "Đã công khai, trễ hạn",
    State.OVERDUE: "Quá hạn, chưa công khai",
    State.NOT_YET_DUE: "Chưa đến hạn",
}
DONE_STATES = frozenset({State.ON_TIME, State.LATE})


def state(due: date, published_on: date | None, today: date) -> State:
    """The state of an obligation due on ``due``, first disclosed on ``published_on`` (None
    when no standing disclosure fulfils it: a withdrawn one, or one whose period lapsed before
    it was ever in force, does not count), seen on ``today``. A disclosure dated after today
    is not yet made."""
    if published_on is not None and published_on <= today:
        return State.ON_TIME if published_on <= due else State.LATE
    return State.OVERDUE if today > due else State.NOT_YET_DUE
