"""Indicators: named, documented computations over platform data, which a resolution's
targets bind to ("mandatory disclosures published on time ÷ due", "petitions answered within
the deadline ÷ received").

An indicator lives in the app whose data it reads and registers itself here when that app
loads (``register`` in the app's ``indicators.py``, imported from ``AppConfig.ready``); the
resolutions app only reads this registry, so it never imports the apps it measures.

One call computes a whole level at once — every commune of a province, every village of a
commune — because a dashboard or a report always needs a row per unit, and one grouped query
per level is what keeps a 150-commune province cheap."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

PROVINCE, COMMUNE, VILLAGE, AGENCY = "province", "commune", "village", "agency"
LEVELS = (PROVINCE, COMMUNE, VILLAGE, AGENCY)
HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


class UnknownIndicator(KeyError):
    """No indicator is registered under that code."""


@dataclass(frozen=True)
class Figure:
    """What an indicator found for one unit: numerator ÷ denominator. An empty denominator
    (nothing was due, no agency in scope) has no percentage: ``percent`` is None, never 0 or
    100, so a dashboard can say "nothing to measure" instead of a false red or green."""

    numerator: int
    denominator: int

    def __post_init__(self):
        if self.numerator < 0 or self.denominator < 0:
            raise ValueError("counts are never negative")
        if self.numerator > self.denominator:
            raise ValueError("numerator above denominator")

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (HUNDRED * self.numerator / self.denominator).quantize(
            ONE_DECIMAL, rounding=ROUND_HALF_UP
        )

    def __add__(self, other: "Figure") -> "Figure":
        return Figure(self.numerator + other.numerator, self.denominator + other.denominator)


EMPTY = Figure(0, 0)

# compute(level, unit_ids, start, end) -> {unit_id: Figure}; a unit with nothing to count may be
# left out (it reads as EMPTY). ``start`` and ``end`` are inclusive dates.
Compute = Callable[[str, Sequence[int], date, date], Mapping[int, Figure]]


@dataclass(frozen=True)
class Indicator:
    """A registered indicator. ``title`` and ``description`` are shown to officers and council
    delegates: the description says what is counted above and below the line, and on which
    article of which law the count rests."""

    code: str
    title: str
    description: str
    levels: frozenset[str]
    compute: Compute

    def figures(self, level: str, unit_ids: Sequence[int], start: date, end: date):
        """``{unit_id: Figure}`` for every unit asked for (EMPTY where nothing was counted)."""
        if level not in self.levels:
            raise ValueError(f"{self.code} is not computed for level {level!r}")
        if start > end:
            raise ValueError("period starts after it ends")
        found = self.compute(level, tuple(unit_ids), start, end)
        return {unit_id: found.get(unit_id, EMPTY) for unit_id in unit_ids}


_REGISTRY: dict[str, Indicator] = {}


def register(code: str, *, title, description, levels: Sequence[str]):
    """Decorator: register ``compute`` as the indicator ``code`` ("app.what", e.g.
    ``"disclosure.published_on_time"``). Registering the same code twice is a programming
    error, except by the same function (a module imported twice under test)."""
    unknown = set(levels) - set(LEVELS)
    if unknown or not levels:
        raise ValueError(f"unknown levels for {code}: {sorted(unknown)}")

    def decorate(compute: Compute) -> Compute:
        known = _REGISTRY.get(code)
        if known and known.compute.__qualname__ != compute.__qualname__:
            raise ValueError(f"indicator {code} is registered twice")
        _REGISTRY[code] = Indicator(code, title, description, frozenset(levels), compute)
        return compute

    return decorate


def get(code: str) -> Indicator:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise UnknownIndicator(code) from None


def registered() -> list[Indicator]:
    """Every indicator, by code."""
    return [_REGISTRY[code] for code in sorted(_REGISTRY)]
