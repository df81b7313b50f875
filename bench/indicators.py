"""How the resolution indicators' cost grows with a province: 10 communes against 150.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dancoso_bench_indicators \\
        .venv/bin/python bench/indicators.py --rounds 5

Builds two synthetic provinces (codes 900 and 901: 10 and 150 communes, 27 villages each) with
a year of activity in every commune — recurring disclosures, citizens' cases, an inspection
board with its plan, projects with their boards, household decisions, consultations with
opinions, village conventions — inside one transaction that is rolled back at the end, so any
migrated database will do and nothing stays. For each indicator and level it prints the number
of queries and the median time as a multiple of a bare indexed query measured in the same run
(wall-clock figures on a shared machine mean little; the ratio and the query count do).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancoso.settings")
os.environ.setdefault("DANCOSO_SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from dancoso.core import indicators  # noqa: E402

YEAR = (date(2025, 1, 1), date(2025, 12, 31))
SIZES = (10, 150)
VILLAGES = 27


class Rollback(Exception):
    """Raised to undo the synthetic data."""


def build(code: int, communes: int, author):
    """A province of ``communes`` communes with a year of activity in each."""
    from dancoso.places.models import Commune, Province, Village

    province = Province.objects.create(
        code=code, name=f"Tỉnh thử {code}", kind="tinh", codename=f"tinh_thu_{code}"
    )
    made = Commune.objects.bulk_create(
        Commune(
            code=code * 10_000 + i,
            name=f"Xã thử {i}",
            kind="xa",
            codename=f"xa_thu_{code}_{i}",
            province=province,
        )
        for i in range(communes)
    )
    villages = Village.objects.bulk_create(
        Village(commune=c, name=f"Thôn {j}") for c in made for j in range(VILLAGES)
    )
    for builder in (_disclosures, _cases, _oversight, _decisions, _consultations, _conventions):
        builder(province, made, villages, author)
    return province, made, villages


def _disclosures(province, communes, villages, author):
    from dancoso.disclosure.models import Disclosure
    from dancoso.disclosure.obligations import COMMUNE_OBLIGATIONS

    rows = [
        Disclosure(
            province=province,
            commune=c,
            category=ob.category,
            title=ob.title,
            starts_on=ob.due(2025) - timedelta(days=(i + n) % 3 - 1),  # some a day late
            obligation=ob.key,
            obligation_year=2025,
        )
        for i, c in enumerate(communes)
        for n, ob in enumerate(COMMUNE_OBLIGATIONS)
    ]
    Disclosure.objects.bulk_create(rows)


def _cases(province, communes, villages, author):
    from dancoso.feedback.models import Case

    Case.objects.bulk_create(
        Case(
            tracking_code=f"B{c.code}-{n:04d}",
            commune=c,
            village=villages[(i * VILLAGES + n) % len(villages)],
            kind="phan_anh" if n % 2 else "kien_nghi",
            status="answered",
            subject="Đèn đường hỏng",
            description="Thử",
            received_on=date(2025, 1, 1) + timedelta(days=n),
            on_time=n % 5 != 0,
        )
        for i, c in enumerate(communes)
        for n in range(300)
    )


def _oversight(province, communes, villages, author):
    from dancoso.oversight.models import Board, Plan, Project

    term = {"term_start": date(2023, 7, 1), "term_end": date(2028, 6, 30)}
    boards = Board.objects.bulk_create(
        Board(kind="commune_inspection", commune=c, name="Ban TTND", **term) for c in communes
    )
    Plan.objects.bulk_create(
        Plan(
            board=b,
            period="year",
            title="Kế hoạch năm",
            starts_on=YEAR[0],
            ends_on=YEAR[1],
            approved_on=date(2025, 1, 10),
        )
        for b in boards[::2]
    )
    projects = Project.objects.bulk_create(
        Project(
            commune=c,
            name=f"Dự án {n}",
            investor="UBND xã",
            funding=["state"],
            budget=1_000_000_000,
            starts_on=date(2025, 3, 1),
            ends_on=date(2026, 3, 1),
        )
        for c in communes
        for n in range(5)
    )
    Board.objects.bulk_create(
        Board(kind="project_supervision", commune=p.commune, project=p, name="Ban GS", **term)
        for p in projects[::2]
    )


def _decisions(province, communes, villages, author):
    from dancoso.decisions.models import Decision

    Decision.objects.bulk_create(
        Decision(
            commune=v.commune,
            village=v,
            kind=6,
            title="Làm đường",
            question="Đồng ý?",
            voting_on=date(2025, 6, 1),
            state="published",
            result={"adopted": n % 3 != 0},
            created_by=author,
        )
        for n, v in enumerate(villages)
    )


def _consultations(province, communes, villages, author):
    from dancoso.consultation.models import Consultation, Opinion

    made = Consultation.objects.bulk_create(
        Consultation(
            province=province,
            commune=c,
            title="Dự thảo",
            subject="dat_dai",
            audience="residents",
            opens_on=date(2025, 3, 1),
            closes_on=date(2025, 3, 31),
            state="published" if n % 2 else "closed",
            created_by=author,
        )
        for c in communes
        for n in range(5)
    )
    Opinion.objects.bulk_create(
        Opinion(consultation=k, number=n, text="Ý kiến") for k in made for n in range(1, 21)
    )


def _conventions(province, communes, villages, author):
    from dancoso.conventions.models import Convention

    Convention.objects.bulk_create(
        Convention(
            village=v,
            kind="huong_uoc",
            title="Hương ước",
            state="recognised" if n % 4 else "drafting",
            recognised_on=date(2024, 11, 1) if n % 4 else None,
            created_by=author,
        )
        for n, v in enumerate(villages)
    )


def median_seconds(call, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def measure(places, rounds: int) -> list[dict]:
    """One row per indicator and level: queries and median time against the bare query."""
    province, communes, villages = places
    units = {
        "province": [province.pk],
        "commune": [c.pk for c in communes],
        "village": [v.pk for v in villages],
    }
    from dancoso.places.models import Commune

    baseline = median_seconds(lambda: Commune.objects.filter(province=province).count(), rounds)
    rows = [{"baseline_ms": baseline * 1000}]
    for indicator in indicators.registered():
        for level, ids in units.items():
            if level not in indicator.levels:
                continue

            def call(indicator=indicator, level=level, ids=ids):
                return indicator.figures(level, ids, *YEAR)

            with CaptureQueriesContext(connection) as queries:
                call()
            seconds = median_seconds(call, rounds)
            rows.append(
                {
                    "indicator": indicator.code,
                    "level": level,
                    "units": len(ids),
                    "queries": len(queries),
                    "ratio": seconds / baseline,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from dancoso.accounts.models import User

    results = {}
    try:
        with transaction.atomic():
            author = User.objects.create(username="bench-indicators")
            for code, size in zip((900, 901), SIZES, strict=True):
                results[size] = measure(build(code, size, author), args.rounds)
            raise Rollback
    except Rollback:
        pass
    base = [f"{results[size].pop(0)['baseline_ms']:.2f} ms" for size in SIZES]
    print(f"database: {connection.vendor}; load average: {os.getloadavg()[0]:.2f}")
    print(f"bare indexed query (10 / 150 communes): {' / '.join(base)}")
    print("| indicator | level | units (10 / 150 communes) | queries | × bare query (10 / 150) |")
    print("|---|---|---|---|---|")
    for small, large in zip(results[SIZES[0]], results[SIZES[1]], strict=True):
        print(
            f"| `{small['indicator']}` | {small['level']} | {small['units']} / {large['units']} "
            f"| {small['queries']} / {large['queries']} "
            f"| {small['ratio']:.1f} / {large['ratio']:.1f} |"
        )


if __name__ == "__main__":
    main()
