"""Working days in Viet Nam, for every deadline the law counts in "ngày làm việc".

Working days exclude Saturdays, Sundays and public holidays (Labour Code 45/2019/QH14
Art. 111–112): 1 January, five days of Tết, the Hùng Kings' day (10th day of the 3rd lunar
month), 30 April, 1 May, 2 September and one adjacent day, and the days the Government moves
each year (a Saturday worked to bridge a holiday). The ``holidays`` package (country ``VN``)
knows the lunar dates and the announced swaps; a swap it does not know yet is data, passed as
``Overrides`` (the operator's ``DANCOSO_HOLIDAY_OVERRIDES`` file, see docs/operator.md), never
an edit of this code.

Pure functions, no database. "n working days after d" counts from the day after ``d`` (the day
a decision is signed is not the first day of its time limit).
"""

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import holidays


@dataclass(frozen=True)
class Overrides:
    """Days the package does not know: extra days off and weekend days declared worked."""

    days_off: frozenset[date] = field(default_factory=frozenset)
    days_worked: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def from_file(cls, path: str | Path) -> "Overrides":
        """Read ``{"days_off": ["2027-01-02", ...], "days_worked": [...]}`` (ISO dates)."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            days_off=frozenset(date.fromisoformat(d) for d in data.get("days_off", [])),
            days_worked=frozenset(date.fromisoformat(d) for d in data.get("days_worked", [])),
        )


NO_OVERRIDES = Overrides()


@lru_cache(maxsize=1)
def configured_overrides() -> Overrides:
    """The operator's overrides (``settings.DANCOSO_HOLIDAY_OVERRIDES``), read once."""
    from django.conf import settings

    path = settings.DANCOSO_HOLIDAY_OVERRIDES
    return Overrides.from_file(path) if path else NO_OVERRIDES


@lru_cache(maxsize=64)
def _vn_year(year: int) -> holidays.HolidayBase:
    return holidays.VN(years=year)


def is_working_day(day: date, overrides: Overrides = NO_OVERRIDES) -> bool:
    """Whether public offices work on ``day`` (Labour Code Art. 111–112)."""
    if day in overrides.days_off:
        return False
    if day in overrides.days_worked:
        return True
    return _vn_year(day.year).is_working_day(day)


def add_working_days(start: date, count: int, overrides: Overrides = NO_OVERRIDES) -> date:
    """The date that is ``count`` working days after ``start`` (``count`` ≥ 0; 0 gives
    ``start`` itself, or the next working day when ``start`` is a day off)."""
    if count < 0:
        raise ValueError("count must be >= 0")
    day = start
    if count == 0:
        while not is_working_day(day, overrides):
            day += timedelta(days=1)
        return day
    while count:
        day += timedelta(days=1)
        if is_working_day(day, overrides):
            count -= 1
    return day


def working_days_between(start: date, end: date, overrides: Overrides = NO_OVERRIDES) -> int:
    """How many working days lie after ``start`` up to and including ``end`` (0 if
    ``end`` ≤ ``start``): the days spent of a time limit that began on ``start``."""
    days = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        days += is_working_day(day, overrides)
    return days
