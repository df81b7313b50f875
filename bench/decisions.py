"""Dân quyết benchmark: casting ballots with concurrent writers, and counting 1,000,000 ballots.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dancoso_bench_decisions \\
        .venv/bin/python bench/decisions.py [--writers 8] [--duration 10] [--rounds 3]

Needs a database made by ``manage.py generate_province --households 1000000 --communes 150
--villages 4000`` (docs/benchmarks.md §1 and §4). It adds its own rows (bench users, open
decisions, a 1,000,000-ballot decision) and reuses them on the next run.

**Casting.** ``--writers`` processes (true parallelism, no shared GIL), each with its own
database connection, run for ``--duration`` seconds per mode and round, each on its own voters:

- ``bare``  — one transaction inserting one ballot-shaped row into a scratch table: the cost of
  Django's connection, one INSERT and a durable commit, the floor for any write;
- ``chain`` — one transaction appending one event to a single commune's audit chain
  (``audit.services.record``): what each ballot paid, and queued on, before the seal design;
- ``cast``  — ``decisions.services.cast_ballot`` for a fresh household: permission, electorate,
  shared lock on the decision, participation + ballot, durable commit (no audit append: the
  close event's seal audits the casts, docs/security.md §3a). Voters are spread over
  ``--villages`` open decisions of different communes, as when the province votes at once.

Prints ballots/s, p50/p95/p99 and the ratios to ``bare`` measured in the same run.

**Counting.** One decision whose electorate is the 1,000,000 households of the 4,000 villages,
each having taken part and cast a ballot (written directly in SQL once); ``counting.count``
(every figure per village and the verdicts: one grouped scan of the ballots, the electorate
and participations from the close event's seal, written here once as ``close_voting`` does),
timed ``--rounds`` times, against a bare ``GROUP BY village, option`` over the same ballots;
then once the seal check the count service runs first (``seal.seal_holds``) and the EXPLAIN
ANALYZE of the ballot scan. Results go to
``bench/results/decisions.json``.
"""

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

BENCH_TAG = "bench-decisions"
COUNT_TITLE = f"{BENCH_TAG}: đếm 1.000.000 phiếu"
PREFIX = "bdq"
MODES = ("bare", "chain", "cast")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--writers", type=int, default=8, help="concurrent writer processes")
    parser.add_argument("--duration", type=float, default=10, help="seconds per mode and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--villages", type=int, default=120, help="open decisions to cast in")
    parser.add_argument("--skip-count", action="store_true", help="casting only")
    args = parser.parse_args()
    if not (0 < args.writers <= 32 and 0 < args.duration <= 120 and 0 < args.rounds <= 10):
        parser.error("writers 1–32, duration ≤ 120 s, rounds 1–10")
    return args


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancoso.settings")
    os.environ.setdefault("DANCOSO_SECRET_KEY", "bench-decisions")
    os.environ.setdefault("DANCOSO_DEBUG", "0")
    import django

    django.setup()


# --- data -------------------------------------------------------------------------------------


def bench_author():
    from dancoso.accounts.models import User

    user, _ = User.objects.get_or_create(username=f"{PREFIX}-organiser")
    return user


def voter_accounts(households) -> dict[int, int]:
    """A confirmed representative account for each household's head: {household_id: user_id}."""
    from dancoso.accounts.models import User
    from dancoso.households.models import Member, MemberLink

    heads = dict(
        Member.objects.filter(household__in=households, is_head=True).values_list(
            "household_id", "pk"
        )
    )
    User.objects.bulk_create(
        [User(username=f"{PREFIX}-{h}", password="!") for h in heads], ignore_conflicts=True
    )
    users = dict(
        User.objects.filter(username__in=[f"{PREFIX}-{h}" for h in heads]).values_list(
            "username", "pk"
        )
    )
    MemberLink.objects.bulk_create(
        [
            MemberLink(
                user_id=users[f"{PREFIX}-{h}"], member_id=m, status=MemberLink.Status.CONFIRMED
            )
            for h, m in heads.items()
        ],
        ignore_conflicts=True,
    )
    return {h: users[f"{PREFIX}-{h}"] for h in heads}


def open_decision(village, author, title: str):
    """A kind-6 online decision of ``village``, electorate published and voting open (written
    directly: the lifecycle is not what is measured)."""
    from django.utils import timezone

    from dancoso.decisions.models import Decision, ElectorEntry, Option
    from dancoso.households.models import Household

    d = Decision.objects.create(
        commune_id=village.commune_id,
        village=village,
        kind=6,
        title=title,
        question="Đo tải biểu quyết trực tuyến",
        allows_online=True,
        voting_on=date.today(),
        state=Decision.State.OPEN,
        opened_at=timezone.now(),
        created_by=author,
    )
    for i, (role, label) in enumerate(
        [("agree", "Đồng ý"), ("disagree", "Không đồng ý"), ("other", "Ý kiến khác")]
    ):
        Option.objects.create(decision=d, role=role, label=label, position=i)
    rows = Household.objects.filter(village=village, is_active=True).values_list("pk", "code")
    ElectorEntry.objects.bulk_create(
        [
            ElectorEntry(decision=d, household_id=h, village=village, household_code=c)
            for h, c in rows
        ],
        batch_size=2000,
    )
    return d


def cast_tasks(villages: int, round_no: int) -> list[tuple[int, int, int, int]]:
    """(decision, option, user, household) for every household of ``villages`` villages, one
    per commune where possible, in fresh decisions for this round."""
    from dancoso.places.models import Village

    author = bench_author()
    picked = list(Village.objects.order_by("commune_id", "pk").distinct("commune_id")[:villages])
    if len(picked) < villages:
        taken = {v.pk for v in picked}
        picked += list(
            Village.objects.exclude(pk__in=taken).order_by("pk")[: villages - len(picked)]
        )
    stamp = datetime.now(UTC).strftime("%H%M%S")
    tasks = []
    for village in picked:
        d = open_decision(village, author, f"{BENCH_TAG} {stamp} vòng {round_no}")
        agree = d.options.get(role="agree").pk
        households = list(d.electorate.values_list("household_id", flat=True))
        users = voter_accounts(households)
        tasks += [(d.pk, agree, users[h], h) for h in households if h in users]
    return tasks


# --- the writers ------------------------------------------------------------------------------


def _op_bare(task, _context):
    import uuid

    from django.db import connection, transaction

    with transaction.atomic(durable=True), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_bare_ballot (id, decision_id, village_id, option_id, receipt_hash) "
            "VALUES (%s, %s, %s, %s, %s)",
            [str(uuid.uuid4()), task[0], 1, task[1], uuid.uuid4().hex],
        )


def _op_chain(task, commune_code):
    from django.db import transaction

    from dancoso.audit.services import record

    with transaction.atomic(durable=True):
        record(
            "bench.append",
            actor=None,
            obj=("bench", task[3]),
            summary={"household": task[3]},
            commune_code=commune_code,
        )


def _op_cast(task, cache):
    from dancoso.accounts.models import User
    from dancoso.decisions import services
    from dancoso.decisions.models import Decision

    decision_id, option_id, user_id, _ = task
    decision = cache.get(decision_id) or cache.setdefault(
        decision_id, Decision.objects.get(pk=decision_id)
    )
    user = User.objects.get(pk=user_id)
    services.cast_ballot(decision, actor=user, option_id=option_id)


def writer(mode: str, tasks: list, seconds: float, extra, start, out) -> None:
    """One writer process: run ``mode`` over its tasks until time is up; report latencies."""
    setup_django()
    from django.db import connection

    operation = {"bare": _op_bare, "chain": _op_chain, "cast": _op_cast}[mode]
    context = {} if mode == "cast" else extra
    latencies, errors = [], 0
    if tasks:  # warm-up: imports, caches, the connection; not counted
        operation(tasks[0], context)
    start.wait()
    began = time.perf_counter()
    for task in tasks[1:]:
        t0 = time.perf_counter()
        if t0 - began > seconds:
            break
        try:
            operation(task, context)
        except Exception:  # noqa: BLE001 - counted and reported, the run goes on
            errors += 1
            continue
        latencies.append((time.perf_counter() - t0) * 1000)
    out.put({"latencies": latencies, "errors": errors, "elapsed": time.perf_counter() - began})
    connection.close()


def run_mode(mode: str, tasks: list, writers: int, seconds: float, extra=None) -> dict:
    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(writers + 1), ctx.Queue()
    procs = [
        ctx.Process(target=writer, args=(mode, tasks[i::writers], seconds, extra, start, out))
        for i in range(writers)
    ]
    for p in procs:
        p.start()
    start.wait()
    reports = [out.get() for _ in procs]
    for p in procs:
        p.join()
    latencies = sorted(x for r in reports for x in r["latencies"])
    elapsed = max(r["elapsed"] for r in reports)
    return summarise(latencies, elapsed, sum(r["errors"] for r in reports))


def summarise(latencies: list[float], elapsed: float, errors: int) -> dict:
    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    if not latencies:
        return {"ops": 0, "rps": 0.0, "errors": errors}
    return {
        "ops": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": round(latencies[-1], 1),
        "errors": errors,
    }


def prepare_bare_table() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_bare_ballot (id uuid PRIMARY KEY, decision_id int, "
            "village_id int, option_id int, receipt_hash varchar(64) UNIQUE)"
        )


def casting(args) -> list[dict]:
    from dancoso.places.models import Commune

    prepare_bare_table()
    commune_code = Commune.objects.order_by("code").values_list("code", flat=True).first()
    rounds = []
    for round_no in range(args.rounds):
        tasks = cast_tasks(args.villages, round_no)
        row = {"round": round_no + 1, "voters": len(tasks)}
        for mode in MODES:
            row[mode] = run_mode(mode, tasks, args.writers, args.duration, commune_code)
            print(f"  vòng {round_no + 1} {mode}: {row[mode]}", flush=True)
        rounds.append(row)
    return rounds


# --- counting ---------------------------------------------------------------------------------


def count_decision():
    """The 1,000,000-ballot decision: every active household of the database in its electorate,
    each with a participation and a ballot (option by household id; 1 in 50 invalid)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from dancoso.decisions.models import Decision, Option
    from dancoso.places.models import Commune

    existing = Decision.objects.filter(title=COUNT_TITLE).first()
    if existing:
        return existing
    with transaction.atomic():
        d = Decision.objects.create(
            commune=Commune.objects.order_by("code").first(),
            scope="commune",
            kind=6,
            title=COUNT_TITLE,
            question="Đo tốc độ kiểm phiếu",
            allows_online=True,
            voting_on=date.today(),
            state=Decision.State.CLOSED,
            opened_at=timezone.now(),
            closed_at=timezone.now(),
            created_by=bench_author(),
        )
        options = [
            Option.objects.create(decision=d, role=role, label=label, position=i).pk
            for i, (role, label) in enumerate(
                [("agree", "Đồng ý"), ("disagree", "Không đồng ý"), ("other", "Ý kiến khác")]
            )
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO decisions_electorentry (decision_id, household_id, village_id, "
                "household_code) SELECT %s, id, village_id, code FROM households_household "
                "WHERE is_active",
                [d.pk],
            )
            cursor.execute(
                "INSERT INTO decisions_participation (decision_id, household_id, village_id, "
                "channel) SELECT %s, id, village_id, 'online' FROM households_household "
                "WHERE is_active",
                [d.pk],
            )
            cursor.execute(
                "INSERT INTO decisions_ballot (id, decision_id, village_id, option_id, other_text, "
                "receipt_hash) SELECT gen_random_uuid(), %s, village_id, CASE "
                "WHEN id %% 50 = 0 THEN NULL WHEN id %% 5 < 3 THEN %s WHEN id %% 5 = 3 THEN %s "
                "ELSE %s END, '', md5(random()::text) || md5(id::text) "
                "FROM households_household WHERE is_active ORDER BY random()",
                [d.pk, *options],
            )
    with connection.cursor() as cursor:
        for table in ("decisions_electorentry", "decisions_participation", "decisions_ballot"):
            cursor.execute(f"ANALYZE {table}")
    return d


def sealed(d):
    """The close event with its seal, as ``close_voting`` writes it (the box was written
    directly, so it is sealed here, once): the count reads the per-village figures from it."""
    from django.db import transaction

    from dancoso.audit.services import record
    from dancoso.decisions import seal

    if seal.sealed_at_close(d) is None:
        with transaction.atomic():
            box = seal.box_seal(d)
            record(
                seal.CLOSE_ACTION,
                actor=None,
                obj=d,
                summary={"decision": d.pk, "ballots": box["ballots"], "seal": box},
                commune_code=d.commune.code,
            )
    return d


def ballot_scan_plan(d) -> list[str]:
    """EXPLAIN ANALYZE of the one query ``count()`` runs on the ballots (the scan nodes)."""
    from django.db import connection
    from django.db.models import Count

    from dancoso.decisions.models import Ballot

    query = (
        Ballot.objects.filter(decision=d)
        .values_list("village_id", "option_id")
        .annotate(n=Count("id"))
        .values_list("village_id", "option_id", "n")
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    return [line.strip() for line in plan if "Scan" in line or "Execution" in line]


def counting_rounds(rounds: int) -> dict:
    from django.db import connection

    from dancoso.decisions import counting, seal

    d = sealed(count_decision())
    facts = {
        "ballots": d.ballots.count(),
        "villages": d.electorate.values("village_id").distinct().count(),
    }
    bare, full, result = [], [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT village_id, option_id, count(*) FROM decisions_ballot "
                "WHERE decision_id = %s GROUP BY 1, 2",
                [d.pk],
            )
            cursor.fetchall()
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        result = counting.count(d)
        full.append(time.perf_counter() - t0)
    assert result["ballots"] == facts["ballots"]
    t0 = time.perf_counter()
    assert seal.seal_holds(d)
    facts["seal_check_s"] = round(time.perf_counter() - t0, 3)
    facts["ballot_scan_plan"] = ballot_scan_plan(d)
    facts |= {
        "bare_s": [round(x, 3) for x in bare],
        "count_s": [round(x, 3) for x in full],
        "median_bare_s": round(statistics.median(bare), 3),
        "median_count_s": round(statistics.median(full), 3),
    }
    facts["ratio"] = round(facts["median_count_s"] / facts["median_bare_s"], 2)
    return facts


# --- report -----------------------------------------------------------------------------------


def median_of(rounds: list[dict], mode: str, metric: str) -> float:
    return round(statistics.median(r[mode].get(metric, 0) for r in rounds), 1)


def print_casting(rounds: list[dict], writers: int) -> None:
    print(f"\nBỏ phiếu: {writers} tiến trình ghi đồng thời, trung vị {len(rounds)} vòng")
    print("| cách ghi | lượt/s | p50 ms | p95 ms | p99 ms | lượt/s ÷ bare | p99 ÷ bare |")
    print("|---|---|---|---|---|---|---|")
    base_rps, base_p99 = median_of(rounds, "bare", "rps"), median_of(rounds, "bare", "p99")
    for mode in MODES:
        rps, p99 = median_of(rounds, mode, "rps"), median_of(rounds, mode, "p99")
        print(
            f"| {mode} | {rps} | {median_of(rounds, mode, 'p50')} | "
            f"{median_of(rounds, mode, 'p95')} | {p99} | {rps / base_rps:.2f} | "
            f"{p99 / base_p99:.2f} |"
        )


def print_counting(facts: dict) -> None:
    print(
        f"\nKiểm phiếu: {facts['ballots']:,} phiếu, {facts['villages']:,} thôn — "
        f"count() {facts['median_count_s']} s, GROUP BY trần {facts['median_bare_s']} s, "
        f"tỉ lệ {facts['ratio']} (mục tiêu count() < 2 s); kiểm dấu niêm phong (một lần, "
        f"trước khi kiểm phiếu) {facts['seal_check_s']} s"
    )
    print("Kế hoạch quét phiếu: " + " / ".join(facts["ballot_scan_plan"]))


def main() -> None:
    args = arguments()
    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("Cần PostgreSQL: đặt DATABASE_URL (xem docs/benchmarks.md §4).")
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": os.popen("git -C " + str(ROOT) + " rev-parse --short HEAD").read().strip(),  # noqa: S605
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_at_start": [round(x, 2) for x in os.getloadavg()],
        "writers": args.writers,
        "duration": args.duration,
    }
    print(f"Tải máy lúc đầu: {result['load_at_start']}", flush=True)
    result["casting"] = casting(args)
    print_casting(result["casting"], args.writers)
    if not args.skip_count:
        result["counting"] = counting_rounds(args.rounds)
        print_counting(result["counting"])
    result["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "decisions.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"Tải máy lúc cuối: {result['load_at_end']}; kết quả: bench/results/decisions.json")


if __name__ == "__main__":
    main()
