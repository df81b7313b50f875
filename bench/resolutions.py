"""Resolution dashboards and reports on a synthetic province: cost, and how it grows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dancoso_bench \\
        .venv/bin/python bench/resolutions.py --province-code 97 --province-code 99 [--rounds 30]

Each province must exist (``manage.py generate_province --province-code 97 --communes 10 …``).
For each, the script enters (once) a provincial resolution whose targets bind to every
registered indicator plus a bench indicator that counts households with a representative per
commune and village (a grouped query over the whole register, the shape of the real ones) and a
hand-reported target, then measures, in this process, with Django's test client through the full
middleware stack:

- ``bare``: ``/bench/bare`` (no query, no template) — the baseline of this run;
- ``dashboard``: the province dashboard page once its snapshot is warm (p50/p95 of ``--rounds``);
- ``refresh``: recomputing the snapshot (what the background task does);
- ``drill``: one commune's live drill-down page;
- ``report``: the full annual report job (DOCX, PDF, XLSX annex with every commune's units).

Times are wall-clock; on a shared machine read the ratios to ``bare``, which move far less. The
table ends with the cost per commune, so two provinces of different sizes show how it grows.
"""

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
os.environ.setdefault("DANCOSO_SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from dancoso.core import indicators  # noqa: E402
from dancoso.core.actors import SystemActor  # noqa: E402
from dancoso.core.indicators import Figure  # noqa: E402
from dancoso.places.models import Commune, Province  # noqa: E402

BENCH_INDICATOR = "bench.households_with_representative"
ACTOR = SystemActor("bench_resolutions")
YEAR = date.today().year


@indicators.register(
    BENCH_INDICATOR,
    title="Hộ có người đại diện (benchmark)",
    description="Hộ gia đình có người đại diện ÷ hộ gia đình, theo xã và thôn.",
    levels=["commune", "village"],
)
def households_with_representative(level, unit_ids, start, end):
    from django.apps import apps

    household = apps.get_model("households", "Household")
    key = "commune_id" if level == "commune" else "village_id"
    rows = (
        household.objects.filter(**{f"{key}__in": unit_ids})
        .values(key)
        .annotate(
            total=Count("id", distinct=True),
            rep=Count("id", filter=Q(members__is_representative=True), distinct=True),
        )
    )
    return {r[key]: Figure(r["rep"], r["total"]) for r in rows}


def resolution_for(province):
    """The bench resolution of ``province``, entered the first time."""
    from dancoso.resolutions import importing, services
    from dancoso.resolutions.models import Resolution

    number = "BENCH/NQ-HĐND"
    found = Resolution.objects.filter(province=province, number=number).first()
    if found:
        return found
    targets = [
        {
            "code": f"T{i}",
            "text": f"Mục tiêu {ind.title}",
            "source": "Điều 2",
            "threshold": 100,
            "amber_from": 80,
            "indicator": ind.code,
        }
        for i, ind in enumerate(indicators.registered(), 1)
        if {"commune", "province"} & ind.levels
    ]
    targets.append(
        {
            "code": "TM",
            "text": "Người được giao nhiệm vụ được bồi dưỡng",
            "source": "Điều 2",
            "threshold": 100,
            "manual": {"reported_by": "commune", "unit": "percent"},
        }
    )
    fields = {
        "format": importing.FORMAT,
        "number": number,
        "title": "Nghị quyết thử nghiệm",
        "issued_on": date(YEAR, 1, 1),
        "effective_from": date(YEAR, 1, 1),
        "implementer": "Ủy ban nhân dân tỉnh",
        "supervisors": [],
        "scope_level": "province",
        "council": {"level": "province", "name": "Hội đồng nhân dân tỉnh Thử nghiệm"},
    }
    draft = importing.Draft(fields=fields, place=province, targets=targets, measures=[])
    return services.import_resolution(ACTOR, draft, filename="bench")


def signed_in_client() -> Client:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from dancoso.accounts.models import User
    from dancoso.core.testing import TOTP_KEY, login_verified

    user, _ = User.objects.get_or_create(
        username="bench-resolutions", defaults={"is_superuser": True}
    )
    if not user.totpdevice_set.exists():
        TOTPDevice.objects.create(user=user, name="default", key=TOTP_KEY, confirmed=True)
    return login_verified(Client(), user)


def timed(call, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        out.append(time.perf_counter() - start)
    return out


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def get(client, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    return response


def measure(province, client, rounds: int) -> dict:
    from dancoso.resolutions import report, snapshots
    from dancoso.resolutions.models import ReportJob

    resolution = resolution_for(province)
    communes = Commune.objects.filter(province=province).count()
    refresh = timed(lambda: snapshots.refresh(resolution, YEAR), 3)
    url = f"/can-bo/nghi-quyet/{resolution.pk}/bang-theo-doi/?nam={YEAR}"
    get(client, url)
    dashboard = timed(lambda: get(client, url), rounds)
    first = Commune.objects.filter(province=province).order_by("pk").first()
    drill = timed(lambda: get(client, f"{url}&xa={first.pk}"), max(3, rounds // 5))
    job = ReportJob.objects.create(resolution=resolution, year=YEAR, number="BENCH/BC")
    start = time.perf_counter()
    report.run(job)
    report_s = time.perf_counter() - start
    return {
        "province": province.name,
        "communes": communes,
        "targets": resolution.targets.count(),
        "refresh": statistics.median(refresh),
        "dash_p50": statistics.median(dashboard),
        "dash_p95": p95(dashboard),
        "drill_p95": p95(drill),
        "report": report_s,
    }


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--province-code", type=int, action="append", required=True)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    setup_test_environment()
    client = signed_in_client()
    get(client, "/bench/bare")
    bare = timed(lambda: get(client, "/bench/bare"), args.rounds * 2)
    bare_p95 = p95(bare)
    print(
        f"bare /bench/bare: p50 {statistics.median(bare) * 1000:.1f} ms, "
        f"p95 {bare_p95 * 1000:.1f} ms (baseline of this run; load {os.getloadavg()[0]:.1f})"
    )
    head = (
        f"{'tỉnh':<22} {'xã':>4} {'mt':>3} {'refresh s':>9} {'dash p95 ms':>11} "
        f"{'/bare':>6} {'drill p95 ms':>12} {'report s':>8} {'report ms/xã':>12}"
    )
    print(head)
    for code in args.province_code:
        province = Province.objects.filter(code=code).first()
        if province is None:
            print(f"{code}: chưa có — chạy manage.py generate_province --province-code {code}")
            continue
        r = measure(province, client, args.rounds)
        print(
            f"{r['province'][:22]:<22} {r['communes']:>4} {r['targets']:>3} "
            f"{r['refresh']:>9.2f} {r['dash_p95'] * 1000:>11.1f} "
            f"{r['dash_p95'] / bare_p95:>6.1f} {r['drill_p95'] * 1000:>12.1f} "
            f"{r['report']:>8.2f} {r['report'] / max(1, r['communes']) * 1000:>12.1f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
