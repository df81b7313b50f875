"""The figures of a resolution for a place and a year: every target with its value,
threshold, state, quarter trend and a row per unit one level down (province → communes;
commune → villages and agencies).

Values come from the target's indicator (``dancoso.core.indicators``, one grouped call per
level) or, for a hand-reported target, from the latest ``ManualFigure`` of each unit within
the period, marked "báo cáo, không tính tự động". The result is plain JSON-safe data: the
snapshot table stores it and the page, the API, the XLSX and the report read it the same way.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dancoso.core import indicators
from dancoso.core.indicators import EMPTY, Figure
from dancoso.places.models import Agency, Commune, Village

from . import law, queries
from .models import ManualFigure, Resolution, Target

MANUAL_LABEL = "báo cáo, không tính tự động"


@dataclass(frozen=True)
class Unit:
    level: str
    pk: int
    name: str


def quarters(year: int) -> list[tuple[str, date, date]]:
    ends = [(3, 31), (6, 30), (9, 30), (12, 31)]
    return [(f"Q{i}", date(year, m - 2, 1), date(year, m, d)) for i, (m, d) in enumerate(ends, 1)]


def units_below(place) -> list[Unit]:
    """The units one level below a province (its communes) or a commune (villages, agencies)."""
    if type(place).__name__ == "Province":
        rows = Commune.objects.filter(province=place).order_by("name").values_list("pk", "name")
        return [Unit("commune", pk, name) for pk, name in rows]
    villages = Village.objects.filter(commune=place, is_active=True).order_by("name")
    agencies = Agency.objects.filter(commune=place).order_by("name")
    return [Unit("village", pk, n) for pk, n in villages.values_list("pk", "name")] + [
        Unit("agency", pk, n) for pk, n in agencies.values_list("pk", "name")
    ]


def units_in_province(province) -> list[Unit]:
    """Every village and agency of a province, named with their commune (the report annex)."""
    villages = Village.objects.filter(commune__province=province, is_active=True)
    villages = villages.order_by("commune__name", "name").values_list("pk", "name", "commune__name")
    agencies = Agency.objects.filter(province=province).order_by("name")
    agencies = agencies.values_list("pk", "name", "commune__name")
    return [Unit("village", pk, f"{n} ({c})") for pk, n, c in villages] + [
        Unit("agency", pk, f"{n} ({c})" if c else n) for pk, n, c in agencies
    ]


def _level_of(place) -> str:
    return "province" if type(place).__name__ == "Province" else "commune"


def _indicator_figures(indicator, place, units, start, end):
    """(top figure, {(level, pk): figure}) from one grouped call per level."""
    by_unit = {}
    for level in {u.level for u in units}:
        if level not in indicator.levels:
            continue
        ids = [u.pk for u in units if u.level == level]
        for pk, figure in indicator.figures(level, ids, start, end).items():
            by_unit[(level, pk)] = figure
    top_level = _level_of(place)
    if top_level in indicator.levels:
        top = indicator.figures(top_level, [place.pk], start, end)[place.pk]
    else:
        top = sum(by_unit.values(), EMPTY)
    return top, by_unit


def _manual_figures(target: Target, place, start, end, roll_up: bool = True):
    """The latest figure each unit reported for a period inside [start, end]; the top figure
    sums the units (or is the place's own report when the place itself reports)."""
    rows = (
        ManualFigure.objects.filter(target=target, period_start__gte=start, period_end__lte=end)
        .order_by("period_end", "pk")
        .values_list(
            "unit_level", "commune_id", "village_id", "agency_id", "numerator", "denominator"
        )
    )
    latest: dict[tuple[str, int], Figure] = {}
    own = None
    for level, commune_id, village_id, agency_id, numerator, denominator in rows:
        figure = Figure(numerator, denominator)
        pk = {"village": village_id, "agency": agency_id, "commune": commune_id}.get(level)
        if pk is None or (level == "commune" and pk == place.pk):
            own = figure
            continue
        latest[(level, pk)] = figure
    if type(place).__name__ == "Province" and roll_up:
        by_commune: dict[tuple[str, int], Figure] = {}
        commune_of = dict(
            Village.objects.filter(pk__in=[k[1] for k in latest if k[0] == "village"]).values_list(
                "pk", "commune_id"
            )
        )
        for (level, pk), figure in latest.items():
            key = ("commune", pk if level == "commune" else commune_of.get(pk))
            if key[1] is not None:
                by_commune[key] = by_commune.get(key, EMPTY) + figure
        latest = by_commune
    top = own if own is not None else sum(latest.values(), EMPTY)
    return top, latest


def _figures(target: Target, place, units, start, end, roll_up: bool = True):
    if target.is_manual:
        return _manual_figures(target, place, start, end, roll_up)
    return _indicator_figures(indicators.get(target.indicator), place, units, start, end)


def _cell(figure: Figure, threshold: Decimal, amber: Decimal | None) -> dict:
    percent = figure.percent
    return {
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "percent": None if percent is None else float(percent),
        "state": law.state_of(percent, threshold, amber),
    }


def target_row(
    target: Target, place, units: list[Unit], year: int, today: date, *, annex: bool = False
) -> dict:
    """One target's line: its terms on the last day measured, the value over the year so
    far, one value per quarter begun, and a value per unit. For the report ``annex`` the
    units are every village and agency of a province, not rolled up, and no quarters."""
    start, end = date(year, 1, 1), min(date(year, 12, 31), today)
    terms = queries.terms_on(target, end) or queries.terms_on(target, target.terms_since)
    threshold = Decimal(str(terms["threshold"]))
    amber = None if terms["amber_from"] is None else Decimal(str(terms["amber_from"]))
    top, by_unit = _figures(target, place, units, start, end, roll_up=not annex)
    trend = []
    for label, q_start, q_end in [] if annex else quarters(year):
        if q_start > end:
            break
        q_top, _ = _figures(target, place, units, q_start, min(q_end, end))
        trend.append({"quarter": label, **_cell(q_top, threshold, amber)})
    return {
        "id": target.pk,
        "code": target.code,
        "text": terms["text"],
        "source": terms["source"],
        "threshold": float(threshold),
        "amber_from": None if amber is None else float(amber),
        "due": terms["due"].isoformat() if isinstance(terms["due"], date) else terms["due"],
        "indicator": terms["indicator"],
        "manual": bool(terms["manual_reporter"]),
        "origin": MANUAL_LABEL if terms["manual_reporter"] else terms["indicator"],
        **_cell(top, threshold, amber),
        "quarters": trend,
        "units": [
            {
                "level": u.level,
                "id": u.pk,
                "name": u.name,
                **_cell(by_unit.get((u.level, u.pk), EMPTY), threshold, amber),
            }
            for u in units
        ],
    }


def compute(resolution: Resolution, year: int, *, place=None, today: date | None = None) -> dict:
    """The dashboard of ``resolution`` for ``year`` at ``place`` (its scope, or a commune of a
    provincial resolution when drilling down)."""
    place = place or resolution.scope
    today = today or date.today()
    units = units_below(place)
    targets = list(resolution.targets.all())
    return {
        "resolution": {"id": resolution.pk, "number": resolution.number, "title": resolution.title},
        "year": year,
        "place": {"level": _level_of(place), "id": place.pk, "name": place.name},
        "targets": [target_row(t, place, units, year, today) for t in targets],
    }
