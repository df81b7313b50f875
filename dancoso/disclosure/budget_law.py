"""When budget contents must be disclosed — the sector law that prevails over the 05 working
days of Law 10/2022 Art. 12(3) and 91 — pure dates, no ORM import.

Two regimes, each a dated ``Rule`` (the later one applies to contents that come into being from
its ``since``):

* **Before 01/01/2026** — Law 83/2015/QH13 on the State Budget, Art. 15(1)(c) (as read in its
  codified text): the estimate decided and the final accounts approved within **30 days** of the
  document; quarterly and six-monthly execution within **15 days** of the period's end; the
  year's execution when it is put to the council at its mid-year session of the next year.
  Details in Circular 343/2016/TT-BTC (communes) and 61/2017/TT-BTC (budget units), not read.
* **From 01/01/2026** — Law 89/2025/QH15 on the State Budget (passed 25/06/2025, in force
  01/01/2026), Art. 15 (no time limit in the law itself, Art. 15(5) leaves it to the Government),
  and Decree 73/2026/NĐ-CP (10/03/2026, applies from budget year 2026, Art. 51), Art. 36–37: the
  estimate decided / assigned and the final accounts approved within **30 days** of the
  document (Art. 37(2)); execution of **3, 6 and 9 months within 10 days** of the period's end;
  the year's execution **within 10 days** of the report being submitted (Art. 37(3)).
  Transition (Decree 73 Art. 50): the 2024 final accounts and the 2026 estimate follow the old
  law; the 2025 final accounts follow the new one — which is what "the rule in force on the day
  the content comes into being" gives.

Sources read: the texts of Law 83/2015, Law 89/2025 and Decree 73/2026 as copied from vbpl.vn
(public repository ``leanhvu-ktnn/DANANG_CQ2Cap_KTNN``); they are not in LAW-NOTES.md.

Each rule gives two dates: ``after_document`` counts from the decision, approval or report when
the disclosure records it, and ``latest`` is the last day the law allows when it does not (the
latest lawful decision date plus the period). Where the law sets no date for the document, the
latest day is our reading and says so (UNCONFIRMED in the source text).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

OLD_SINCE = date(2023, 7, 1)  # the platform's rules start with Law 10/2022 (in force 01/07/2023)
NEW_SINCE = date(2026, 1, 1)  # Law 89/2025/QH15 Art. 77; Decree 73/2026/NĐ-CP Art. 51
LAW_83 = "Luật Ngân sách nhà nước số 83/2015/QH13 Điều 15 khoản 1 điểm c"
LAW_89 = "Luật Ngân sách nhà nước số 89/2025/QH15 Điều 15"
DECREE_73 = "Nghị định 73/2026/NĐ-CP"


@dataclass(frozen=True)
class Rule:
    """How the due date of one obligation is computed, for contents arising from ``since``."""

    since: date
    source: str
    latest: Callable[[int], date]
    after_document: Callable[[date], date] | None = None

    def due(self, year: int, document_date: date | None = None) -> date:
        """The last day to disclose the content of ``year``: counted from its document when
        the rule counts from one and the date is known, else the latest lawful day."""
        if document_date is not None and self.after_document is not None:
            return self.after_document(document_date)
        return self.latest(year)


def quarter_end(year: int, quarter: int) -> date:
    """The last day of a quarter (4 = the last day of the year)."""
    return date(year, 3 * quarter, 1).replace(day=31 if quarter in (1, 4) else 30)


def _days(n: int) -> Callable[[date], date]:
    return lambda day: day + timedelta(days=n)


def _after_period(n: int, quarter: int) -> Callable[[int], date]:
    return lambda year: quarter_end(year, quarter) + timedelta(days=n)


def _on(month: int, day: int, *, offset: int, plus: int) -> Callable[[int], date]:
    """``plus`` days after ``day/month`` of year + ``offset``."""
    return lambda year: date(year + offset, month, day) + timedelta(days=plus)


# --- Before 2026 (Law 83/2015) ----------------------------------------------------------------
# The estimate is decided before the budget year begins (31/12 at the latest): 30 days on.
OLD_DOCUMENT = f"{LAW_83}: 30 ngày kể từ ngày văn bản được ban hành"
OLD_ESTIMATE = Rule(OLD_SINCE, OLD_DOCUMENT, _on(12, 31, offset=-1, plus=30), _days(30))
# The commune's accounts are approved before the province's (before 31/12 of the next year).
OLD_ACCOUNTS = Rule(OLD_SINCE, OLD_DOCUMENT, _on(12, 30, offset=1, plus=30), _days(30))
OLD_YEAR = Rule(
    OLD_SINCE,
    f"{LAW_83}: khi trình HĐND tại kỳ họp giữa năm sau (lấy 31/07 năm sau làm hạn muộn nhất, "
    "chưa xác minh)",
    _on(7, 31, offset=1, plus=0),
    _days(0),
)


def _old_quarter(quarter: int) -> Rule:
    return Rule(OLD_SINCE, f"{LAW_83}: 15 ngày sau khi kết thúc kỳ", _after_period(15, quarter))


# --- From 2026 (Law 89/2025, Decree 73/2026) --------------------------------------------------
def _new_quarter(quarter: int) -> Rule:
    return Rule(
        NEW_SINCE,
        f"{LAW_89}; {DECREE_73} Điều 37 khoản 3: 10 ngày sau khi kết thúc kỳ báo cáo",
        _after_period(10, quarter),
    )


# Communes: the provincial council decides before 10/12 (09/12 at the latest), the commune
# council within 10 days of it (Law 89 Art. 46(6)): 19/12, and 30 days on (Decree 73 Art. 37(2)).
NEW_COMMUNE_ESTIMATE = Rule(
    NEW_SINCE,
    f"{LAW_89}, Điều 46 khoản 6; {DECREE_73} Điều 37 khoản 2: "
    "30 ngày kể từ ngày HĐND xã quyết định",
    _on(12, 19, offset=-1, plus=30),
    _days(30),
)
# Budget units: estimates are assigned before 31/12 (Law 89 Art. 46(8)), 30 days on.
NEW_UNIT_ESTIMATE = Rule(
    NEW_SINCE,
    f"{LAW_89}, Điều 46 khoản 8; {DECREE_73} Điều 37 khoản 2: 30 ngày kể từ ngày được giao dự toán",
    _on(12, 30, offset=-1, plus=30),
    _days(30),
)
# The year's report: 10 days from its submission. The law sets no date for it; we take the
# commune's accounts report to the council's standing body, before 10/03 (Decree 73 Art. 32(5)).
NEW_YEAR = Rule(
    NEW_SINCE,
    f"{LAW_89}; {DECREE_73} Điều 37 khoản 3: 10 ngày kể từ ngày trình báo cáo (khi chưa ghi ngày "
    "trình: 10 ngày sau hạn báo cáo quyết toán 10/3, chưa xác minh)",
    _on(3, 9, offset=1, plus=10),
    _days(10),
)
# Commune accounts: approved by the commune council before 31/03 (Law 89 Art. 71(3)), 30 days on.
NEW_COMMUNE_ACCOUNTS = Rule(
    NEW_SINCE,
    f"{LAW_89}, Điều 71 khoản 3; {DECREE_73} Điều 37 khoản 2: 30 ngày kể từ ngày HĐND xã phê chuẩn",
    _on(3, 30, offset=1, plus=30),
    _days(30),
)
# Budget units' accounts are approved by the unit above, with no national date read: the old
# latest day is kept (UNCONFIRMED), 30 days from the approval when it is recorded.
NEW_UNIT_ACCOUNTS = Rule(
    NEW_SINCE,
    f"{LAW_89}; {DECREE_73} Điều 37 khoản 2: 30 ngày kể từ ngày quyết toán được phê duyệt",
    _on(12, 30, offset=1, plus=30),
    _days(30),
)

# When each content comes into being: the rule in force on that day governs it.
ARISES: dict[str, Callable[[int], date]] = {
    "budget_estimate": lambda year: date(year - 1, 12, 31),
    "budget_q1": lambda year: quarter_end(year, 1),
    "budget_h1": lambda year: quarter_end(year, 2),
    "budget_q3": lambda year: quarter_end(year, 3),
    "budget_year": lambda year: date(year + 1, 1, 1),
    "final_accounts": lambda year: date(year + 1, 1, 1),
}


def budget_rules(agency: bool) -> dict[str, tuple[Rule, ...]]:
    """The dated rules of each budget obligation of a commune (or a budget unit)."""
    return {
        "budget_estimate": (OLD_ESTIMATE, NEW_UNIT_ESTIMATE if agency else NEW_COMMUNE_ESTIMATE),
        "budget_q1": (_old_quarter(1), _new_quarter(1)),
        "budget_h1": (_old_quarter(2), _new_quarter(2)),
        "budget_q3": (_old_quarter(3), _new_quarter(3)),
        "budget_year": (OLD_YEAR, NEW_YEAR),
        "final_accounts": (OLD_ACCOUNTS, NEW_UNIT_ACCOUNTS if agency else NEW_COMMUNE_ACCOUNTS),
    }
