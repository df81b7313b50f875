"""Pure rules for resolutions, their targets and hand-reported figures. No ORM imports.

Sources: Law 10/2022/QH15 on Implementation of Grassroots Democracy (in force 01/07/2023):
Art. 5 (democracy is exercised within the Constitution and the law, and the State's measures
ensure it), Art. 8 (the five measures), Art. 85(2) (the provincial People's Council decides the
measures in its province on its People's Committee's submission), Art. 86(1) (the commune People's
Council decides them for its commune and supervises; the commune People's Committee implements
and reports). Law 72/2025/QH15 on the Organisation of Local Government (in force 01/07/2025): two
tiers, province and commune, each with its People's Council and People's Committee — so a
resolution's council and scope are a province or a commune, never a district after that date.

A resolution is a legal document: it applies from ``effective_from`` and, when a date is set,
until ``effective_until``; a target or its due date outside that window has no legal ground.
Percentages are shares of a whole: 0–100, and a part never exceeds its whole.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

LAW_IN_FORCE = date(2023, 7, 1)
TWO_TIERS_SINCE = date(2025, 7, 1)


@dataclass(frozen=True)
class Rule:
    """One legal rule, the article it rests on and the day it applies from."""

    article: str
    since: date


VALIDITY = Rule("Luật 10/2022/QH15 Điều 85 khoản 2, Điều 86 khoản 1", LAW_IN_FORCE)
SHARE = Rule("Luật 10/2022/QH15 Điều 8; Điều 86 khoản 1 (báo cáo kết quả thực hiện)", LAW_IN_FORCE)
LEVELS = Rule("Luật 72/2025/QH15 Tổ chức chính quyền địa phương, Điều 2", TWO_TIERS_SINCE)

ZERO, HUNDRED = Decimal(0), Decimal(100)

# Vietnamese messages telling the user what to fix.
UNTIL_BEFORE_FROM = (
    "Ngày hết hiệu lực ({until}) phải sau ngày có hiệu lực ({start}); hãy sửa một trong hai ngày."
)
EFFECTIVE_BEFORE_ISSUED = (
    "Ngày có hiệu lực ({start}) không thể trước ngày ban hành ({issued}); hãy sửa lại ngày."
)
DUE_OUTSIDE = (
    "Thời hạn {due} nằm ngoài thời gian hiệu lực của nghị quyết ({start} – {until}); "
    "hãy ghi một ngày trong thời gian đó."
)
NOT_A_PERCENT = "{what} phải là số phần trăm từ 0 đến 100 (đang ghi {value})."
AMBER_NOT_BELOW = (
    "Mức cảnh báo (amber_from = {amber}) phải thấp hơn mức đạt (threshold = {threshold})."
)
NUMERATOR_ABOVE = (
    "Tử số ({numerator}) không thể lớn hơn mẫu số ({denominator}): số đã đạt không vượt quá "
    "tổng số phải đạt. Hãy kiểm tra lại số liệu."
)
NEGATIVE = "Số liệu không được âm (tử số {numerator}, mẫu số {denominator})."
PERIOD_BACKWARDS = "Kỳ báo cáo phải bắt đầu trước khi kết thúc ({start} – {end})."
PERIOD_OUTSIDE = (
    "Kỳ báo cáo ({start} – {end}) nằm ngoài thời gian hiệu lực của nghị quyết ({valid}); "
    "hãy chọn kỳ trong thời gian đó."
)
NO_DISTRICT = (
    "Từ 01/07/2025 chính quyền địa phương chỉ có hai cấp (tỉnh và xã, Luật 72/2025/QH15); "
    "phạm vi nghị quyết phải là một tỉnh hoặc một xã."
)


def _dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "không thời hạn"


def within_validity(day: date, start: date, until: date | None) -> bool:
    """Is ``day`` inside the resolution's validity (Art. 85(2), 86(1): a resolution binds from
    its effective date until it expires or is replaced)?"""
    return day >= start and (until is None or day <= until)


def validity_problems(issued_on: date, start: date, until: date | None) -> list[str]:
    """What is wrong with a resolution's dates: effective before signing, or ending before it
    starts."""
    problems = []
    if start < issued_on:
        problems.append(EFFECTIVE_BEFORE_ISSUED.format(start=_dmy(start), issued=_dmy(issued_on)))
    if until is not None and until < start:
        problems.append(UNTIL_BEFORE_FROM.format(until=_dmy(until), start=_dmy(start)))
    return problems


def due_problem(due: date | None, start: date, until: date | None) -> str | None:
    """A target's due date must fall within the resolution's validity."""
    if due is None or within_validity(due, start, until):
        return None
    return DUE_OUTSIDE.format(due=_dmy(due), start=_dmy(start), until=_dmy(until))


def percent_problem(what: str, value) -> str | None:
    """A threshold or warning level is a share in percent: a number from 0 to 100."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return NOT_A_PERCENT.format(what=what, value=value)
    number = Decimal(str(value))
    if not number.is_finite() or number < ZERO or number > HUNDRED:
        return NOT_A_PERCENT.format(what=what, value=value)
    return None


def threshold_problems(threshold, amber_from=None) -> list[str]:
    """``threshold`` and the optional ``amber_from`` are percentages, amber strictly below."""
    problems = [p for p in [percent_problem("Mức đạt (threshold)", threshold)] if p]
    if amber_from is not None:
        amber = percent_problem("Mức cảnh báo (amber_from)", amber_from)
        if amber:
            problems.append(amber)
        elif not problems and Decimal(str(amber_from)) >= Decimal(str(threshold)):
            problems.append(AMBER_NOT_BELOW.format(amber=amber_from, threshold=threshold))
    return problems


def figure_problem(numerator: int, denominator: int) -> str | None:
    """A reported figure is a part of a whole: neither negative, the part never above the
    whole — so its percentage lies in 0–100 (Art. 8, 86(1): the committee reports results)."""
    if numerator < 0 or denominator < 0:
        return NEGATIVE.format(numerator=numerator, denominator=denominator)
    if numerator > denominator:
        return NUMERATOR_ABOVE.format(numerator=numerator, denominator=denominator)
    return None


def period_problem(start: date, end: date, valid_from: date, valid_until: date | None):
    """A reporting period runs forwards and overlaps the resolution's validity."""
    if end < start:
        return PERIOD_BACKWARDS.format(start=_dmy(start), end=_dmy(end))
    if end < valid_from or (valid_until is not None and start > valid_until):
        valid = f"{_dmy(valid_from)} – {_dmy(valid_until)}"
        return PERIOD_OUTSIDE.format(start=_dmy(start), end=_dmy(end), valid=valid)
    return None


class State:
    GREEN, AMBER, RED, NONE = "green", "amber", "red", "none"


def state_of(value: Decimal | None, threshold: Decimal, amber_from: Decimal | None) -> str:
    """Red / amber / green for a value against a target: green at or above the threshold,
    amber at or above ``amber_from``, red below; no value (nothing to measure) is "none",
    never a false red or green."""
    if value is None:
        return State.NONE
    if value >= threshold:
        return State.GREEN
    if amber_from is not None and value >= amber_from:
        return State.AMBER
    return State.RED
