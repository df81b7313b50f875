"""Recurring disclosure obligations and their states — pure rules, no ORM import.

Some contents must be disclosed again every period: the budget estimate, its execution
(3, 6, 9 months and the year), the final accounts (Law 10/2022 Art. 11(2), Art. 46(3)), the
yearly socio-economic plan (Art. 11(1)) and the quarterly list of what was disclosed
(Art. 13(2)). The timing of budget disclosures comes from the State Budget Law and its decree
(the sector law prevails, Art. 12(3), 91), in ``budget_law.py``: each due date is a dated
``Rule`` carrying its source, so an amendment is a new entry. The obligation of year ``Y`` is
about year ``Y``; some fall due in ``Y + 1``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dancoso.core.workdays import add_working_days

from .budget_law import ARISES, Rule, budget_rules, quarter_end
from .law import LAW_IN_FORCE, Category, LawViolation, Scope, deadline


def _start_of_year(year: int) -> date:
    return date(year, 1, 1)


@dataclass(frozen=True)
class Obligation:
    """A content that must be disclosed once per year (``key``), in ``category``; the rule in
    force on the day the content comes into being (``arises``) sets its due date."""

    key: str
    scope: Scope
    category: str
    title: str
    rules: tuple[Rule, ...]
    arises: Callable[[int], date] = _start_of_year

    def rule(self, year: int) -> Rule:
        """The rule governing the content of ``year`` (the first rule before any)."""
        day = self.arises(year)
        current = self.rules[0]
        for rule in self.rules:
            if rule.since <= day:
                current = rule
        return current

    def due(self, year: int, document_date: date | None = None) -> date:
        """The last day to disclose this obligation for ``year`` (counted from its document
        when the rule counts from one and ``document_date`` is known)."""
        return self.rule(year).due(year, document_date)


QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
BAD_QUARTER = "Hãy chọn quý từ I đến IV của một năm từ 2023 trở đi."


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter of a year the law applies to."""
    if quarter not in QUARTERS or not 2023 <= year <= 9998:
        raise LawViolation("bad_quarter", BAD_QUARTER)
    return date(year, 3 * quarter - 2, 1), quarter_end(year, quarter)


def _plan_due(year: int) -> date:
    # The council adopts the year's plan by 31/12 of the year before; 05 working days.
    return add_working_days(date(year - 1, 12, 31), 5)


def _list_due(quarter: int) -> Callable[[int], date]:
    return lambda year: add_working_days(quarter_end(year, quarter), 5)


BUDGET_TITLES = {
    "budget_estimate": "Dự toán ngân sách năm",
    "budget_q1": "Tình hình thực hiện ngân sách quý I (3 tháng)",
    "budget_h1": "Tình hình thực hiện ngân sách 6 tháng",
    "budget_q3": "Tình hình thực hiện ngân sách quý III (9 tháng)",
    "budget_year": "Tình hình thực hiện ngân sách cả năm",
    "final_accounts": "Quyết toán ngân sách năm",
}


def _budget(scope: Scope, category: str) -> tuple[Obligation, ...]:
    rules = budget_rules(agency=scope is Scope.AGENCY)
    return tuple(
        Obligation(key, scope, category, title, rules[key], ARISES[key])
        for key, title in BUDGET_TITLES.items()
    )


COMMUNE_OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation(
        "socio_economic_plan",
        Scope.COMMUNE,
        "xa-01",
        "Kế hoạch phát triển kinh tế – xã hội năm",
        (Rule(LAW_IN_FORCE, "Luật 10/2022/QH15 Điều 11 khoản 1, Điều 12 khoản 3", _plan_due),),
    ),
    *_budget(Scope.COMMUNE, "xa-02"),
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
    *_budget(Scope.AGENCY, "cq-03"),
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


def disclosure_deadline(
    cat: Category, document_date: date, obligation: str = "", year: int | None = None
) -> date:
    """The last day to disclose a content dated ``document_date``: the sector rule of the
    recurring obligation it fulfils (the budget law prevails, Law 10/2022 Art. 12(3), 91),
    otherwise 05 working days (Art. 12(3), 47)."""
    found = OBLIGATIONS.get((cat.scope, obligation)) if obligation and year else None
    if found is None:
        return deadline(cat, document_date)
    return found.due(year, document_date)
