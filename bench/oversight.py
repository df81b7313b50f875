"""Oversight timings (issue 7): a board's public page and the province's list of overdue
recommendations, with every commune of the synthetic province holding two boards, 20 projects
and 200 recommendations.

    createdb -h 127.0.0.1 -U postgres dancoso_oversight_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dancoso_oversight_bench \\
        .venv/bin/python bench/oversight.py [--communes 150] [--requests 300] [--rounds 3]

Migrates the database, makes the synthetic province (``generate_province``, code 99, a few
households a commune: the pages measured do not read households) and the oversight data once
(bulk inserts: synthetic data, not product writes), then, in-process through Django's test
client with the production middleware and settings (``bench.settings_bench``, DEBUG off), times
in each round ``--requests`` requests of

- ``bare``      /bench/bare — a view that returns "ok": the cost of Django and its middleware;
- ``board``     /giam-sat/<code>/ban/<pk>/ — a commune People's Inspection Board's public page
  (members, current plan, recommendations page 1);
- ``overdue``   /api/v1/oversight/overdue?province=99 — the province officer's list of
  recommendations unanswered past their due date (page 1, with the total).

Prints p50 and p95 per page and their ratio to the bare view measured in the same round (the
figure that survives a loaded machine), writes ``bench/results/oversight.json``.
"""

import argparse
import json
import logging
import os
import platform
import secrets
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PROVINCE = 99
PROJECTS, RECOMMENDATIONS, MEMBERS = 20, 200, 5


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--communes", type=int, default=150)
    parser.add_argument("--requests", type=int, default=300, help="per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not (0 < args.communes <= 3321 and 0 < args.requests <= 10_000 and 0 < args.rounds <= 10):
        parser.error("communes 1–3321, requests 1–10000, rounds 1–10")
    return args


def configure() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
    os.environ["DANCOSO_HTTPS"] = "0"
    os.environ["DANCOSO_DEBUG"] = "0"
    os.environ.setdefault("DANCOSO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("DANCOSO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DANCOSO_STATIC_ROOT", "/tmp/dancoso-bench-static")  # noqa: S108
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    # The request log still runs for every request; only its lines are not printed here.
    logging.getLogger("dancoso.request").setLevel(logging.WARNING)


def province(communes: int):
    """The synthetic province, made once."""
    from django.core.management import call_command

    from dancoso.places.models import Province

    found = Province.objects.filter(code=PROVINCE).first()
    if found is None:
        call_command(
            "generate_province",
            households=communes * 20,
            communes=communes,
            villages=communes * 4,
            province_code=PROVINCE,
        )
        found = Province.objects.get(code=PROVINCE)
    return found


def _boards(commune, villages, term):
    from dancoso.oversight.law import BoardKind
    from dancoso.oversight.models import Board, Membership, Project

    projects = Project.objects.bulk_create(
        Project(
            commune=commune,
            name=f"Dự án {n + 1} — {commune.name}",
            investor="Ủy ban nhân dân xã",
            funding=["state", "people"],
            budget=1_000_000_000 + n,
            people_contribution=100_000_000,
            starts_on=term[0],
            ends_on=term[1],
        )
        for n in range(PROJECTS)
    )
    inspection = Board.objects.create(
        kind=BoardKind.COMMUNE_INSPECTION,
        commune=commune,
        name=f"Ban Thanh tra nhân dân {commune.name}",
        term_start=term[0],
        term_end=term[1],
        recognised_on=term[0],
    )
    supervision = Board.objects.create(
        kind=BoardKind.PROJECT_SUPERVISION,
        commune=commune,
        project=projects[0],
        name=f"Ban Giám sát đầu tư — {projects[0].name}",
        term_start=term[0],
        term_end=term[1],
    )
    roles = ["head", "deputy", "member", "member", "member"]
    Membership.objects.bulk_create(
        Membership(
            board=board,
            full_name=f"Thành viên {n + 1}",
            village=villages[n % len(villages)] if villages else None,
            role=roles[n],
            starts_on=term[0],
            recognised_by="QĐ công nhận",
        )
        for board in (inspection, supervision)
        for n in range(MEMBERS)
    )
    return inspection, supervision


def _work(commune, boards, today):
    """An approved yearly plan with three activities, and 200 recommendations: a third
    answered, a third overdue, a third not yet due."""
    from dancoso.oversight.models import Activity, Plan, Recommendation

    inspection = boards[0]
    year = date(today.year, 1, 1)
    plan = Plan.objects.create(
        board=inspection,
        period="year",
        title=f"Kế hoạch năm {today.year}",
        starts_on=year,
        ends_on=date(today.year, 12, 31),
        approved_on=year,
    )
    Activity.objects.bulk_create(
        Activity(
            plan=plan,
            subject="disclosure",
            title=f"Giám sát {n + 1}",
            method="Xem hồ sơ",
            starts_on=year,
            ends_on=date(today.year, 12, 31),
        )
        for n in range(3)
    )
    rows = []
    for n in range(RECOMMENDATIONS):
        received = today - timedelta(days=5 + n % 60)
        answered = received + timedelta(days=3) if n % 3 == 0 else None
        rows.append(
            Recommendation(
                board=boards[n % 2],
                commune=commune,
                addressee="commune_committee",
                content=f"Kiến nghị số {n + 1} của {commune.name}.",
                received_on=received,
                due_on=received + timedelta(days=15),
                answered_on=answered,
                answer="Đã xử lý." if answered else "",
            )
        )
    Recommendation.objects.bulk_create(rows)


def seed(prov) -> None:
    """Two boards, 20 projects, 200 recommendations in every commune of ``prov`` (once)."""
    from django.db import transaction
    from django.utils import timezone

    from dancoso.oversight.models import Board
    from dancoso.places.models import Commune

    today = timezone.localdate()
    term = (today - timedelta(days=365), today + timedelta(days=3 * 365))
    communes = Commune.objects.filter(province=prov).prefetch_related("villages").order_by("code")
    for commune in communes:
        if Board.objects.filter(commune=commune).exists():
            continue
        with transaction.atomic():
            boards = _boards(commune, list(commune.villages.all()[:MEMBERS]), term)
            _work(commune, boards, today)


def officer(prov):
    """The province officer who reads the overdue list, signed in with the second factor."""
    from django.test import Client

    from dancoso.accounts.models import RoleGrant, User
    from dancoso.accounts.roles import Role
    from dancoso.core.testing import add_totp, login_verified

    user, made = User.objects.get_or_create(username="bench-oversight-province")
    if made:
        RoleGrant.objects.create(user=user, role=Role.PROVINCE_OFFICER, province=prov)
        add_totp(user)
    return login_verified(Client(), user)


def timings(client, url: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} trả {response.status_code}")
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    args = arguments()
    configure()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from dancoso.oversight.law import BoardKind
    from dancoso.oversight.models import Board, Recommendation

    call_command("migrate", verbosity=0)
    prov = province(args.communes)
    seed(prov)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE oversight_recommendation")
            cursor.execute("ANALYZE oversight_board, places_commune")
    board = (
        Board.objects.filter(commune__province=prov, kind=BoardKind.COMMUNE_INSPECTION)
        .select_related("commune")
        .order_by("commune__code")[args.communes // 2]
    )
    pages = {
        "bare": (Client(), "/bench/bare"),
        "board": (Client(), f"/giam-sat/{board.commune.code}/ban/{board.pk}/"),
        "overdue": (officer(prov), f"/api/v1/oversight/overdue?province={PROVINCE}"),
    }
    rounds = []
    for _ in range(args.rounds):
        measured = {}
        for name, (client, url) in pages.items():
            timings(client, url, 10)  # warm-up
            values = timings(client, url, args.requests)
            measured[name] = {"p50": statistics.median(values), "p95": p95(values)}
        for name in ("board", "overdue"):
            for k in ("p50", "p95"):
                measured[name][f"{k}_ratio"] = measured[name][k] / measured["bare"][k]
        rounds.append(measured)
    facts = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "communes": Board.objects.filter(commune__province=prov)
        .values("commune")
        .distinct()
        .count(),
        "recommendations": Recommendation.objects.filter(commune__province=prov).count(),
        "load_at_start": list(os.getloadavg()),
        "python": platform.python_version(),
        "requests_per_round": args.requests,
    }
    print(json.dumps(facts, ensure_ascii=False))
    print("| page | p50 ms | p95 ms | p50 ÷ bare | p95 ÷ bare |")
    print("|---|---|---|---|---|")
    for name in pages:
        p50s = [r[name]["p50"] for r in rounds]
        p95s = [r[name]["p95"] for r in rounds]
        ratio = (
            (
                f"{statistics.median(r[name]['p50_ratio'] for r in rounds):.1f}",
                f"{statistics.median(r[name]['p95_ratio'] for r in rounds):.1f}",
            )
            if name != "bare"
            else ("1", "1")
        )
        print(
            f"| {name} | {statistics.median(p50s):.1f} | {statistics.median(p95s):.1f} "
            f"| {ratio[0]} | {ratio[1]} |"
        )
    out = ROOT / "bench" / "results" / "oversight.json"
    out.write_text(json.dumps({"facts": facts, "rounds": rounds}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
