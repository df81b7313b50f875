"""Citizens' cases: intake throughput and the officer's inbox with 200,000 cases.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dancoso_bench \\
    REDIS_URL=redis://127.0.0.1:6379/4 .venv/bin/python bench/feedback.py [--duration 20]

In one run, against the same gunicorn workers (``bench.wsgi_bench``, production middleware):

- ``bare-insert`` POST /bench/bare-insert — one INSERT of the body into a scratch table: the
  reference for intake (server + Django + one committed row);
- ``submit``      POST /api/v1/feedback/submit — a real submission (no attachment): CSRF check,
  per-address and per-contact rate limits (real, counted in Redis: every request carries a
  random client address in X-Forwarded-For, which the server trusts from one proxy, and a
  random phone number, so none is throttled), validation, the case, its sender, its first step
  and its audit event, committed before the answer;
- ``bare``        GET /bench/bare — the reference for pages;
- ``inbox``       GET /can-bo/phan-anh/?xa=<code> — the officer's inbox, page 1, with
  ``--cases`` cases in the commune (generated once by bulk insert, kept between runs).

Prints each target's req/s, p50/p95/p99 and its ratio to its reference, the EXPLAIN ANALYZE of
the inbox's page and count queries, and writes ``bench/results/feedback.json``. The issue's
targets: submissions ≥ 300/s with p99 < 300 ms; inbox p95 < 100 ms.
"""

import argparse
import json
import os
import random
import secrets
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load, loadgen  # noqa: E402
from bench.cpu import Meter  # noqa: E402

SUBMIT_SCRIPT = Path(__file__).with_name("submit.lua")
BODY = (
    '{"commune": %d, "kind": "phan_anh", "subject": "Đèn đường hỏng trước nhà văn hóa", '
    '"description": "Ba bóng đèn không sáng từ tuần trước, buổi tối rất tối.", '
    '"phone": "%%s", "place_text": "Thôn Bản Lải"}'
)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, help="default: 4 per worker")
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--direct-session", action="store_true")
    args = parser.parse_args()
    args.connections = args.connections or 4 * args.workers
    args.threads, args.rounds = 1, 1
    return args


def bench_commune():
    """The first commune of the synthetic province 99 (``generate_province``), else a bench
    province 98 with one commune made here."""
    from dancoso.places.models import Commune, Province

    found = load.pick_commune(None)
    if found is not None:
        return found
    province, _ = Province.objects.get_or_create(
        code=98, defaults={"name": "Tỉnh đo hiệu năng", "kind": "tinh", "codename": "bench"}
    )
    commune, _ = Commune.objects.get_or_create(
        code=99801,
        defaults={
            "name": "Xã Đo Hiệu Năng",
            "kind": "xa",
            "codename": "bench",
            "province": province,
        },
    )
    return commune


def generate_cases(commune, wanted: int) -> int:
    """Bulk-insert cases (and their senders) until the commune has ``wanted``: a mix of kinds
    and statuses over three years, next deadlines spread as an inbox has them. Generated data,
    written straight to the tables (not through the services) — it is a fixture, not a flow."""
    from django.db import transaction

    from dancoso.feedback.models import Case, CaseSender
    from dancoso.feedback.services.intake import new_tracking_code

    have = Case.objects.filter(commune=commune).count()
    rng, today = random.Random(have), datetime.now(UTC).date()
    kinds, statuses = list(Case.Kinds.values), list(Case.Status.values)
    while have < wanted:
        batch = []
        for _ in range(min(5000, wanted - have)):
            received = today - timedelta(days=rng.randint(0, 1100))
            status = rng.choice(statuses)
            open_ = status in ("received", "accepted", "needs_info")
            batch.append(
                Case(
                    tracking_code=new_tracking_code(),
                    commune=commune,
                    kind=rng.choice(kinds),
                    status=status,
                    subject=f"Phản ánh số {have + len(batch)}",
                    description="Nội dung sinh tự động cho phép đo.",
                    received_on=received,
                    next_due=received + timedelta(days=rng.randint(5, 60)) if open_ else None,
                )
            )
        with transaction.atomic():
            made = Case.objects.bulk_create(batch, batch_size=2500)
            CaseSender.objects.bulk_create(
                [CaseSender(case=c, full_name="Người gửi", phone="0912000111") for c in made],
                batch_size=2500,
            )
        have += len(batch)
        print(f"  … {have:,} hồ sơ")
    return have


def explain_inbox(officer, commune) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) of the queries the inbox view runs for its first page (the
    page's rows and the paginator's count), captured as Django sends them; on SQLite,
    EXPLAIN QUERY PLAN."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dancoso.feedback import queries

    with connection.cursor() as cursor:  # fresh statistics after the bulk insert
        cursor.execute("ANALYZE feedback_case" if connection.vendor == "postgresql" else "ANALYZE")
    cases = queries.inbox_for(officer, commune).select_related("sender")
    with CaptureQueriesContext(connection) as captured:
        list(queries.inbox_page(cases, 1))
    plans = {}
    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    for query in captured.captured_queries:
        if "feedback_case" not in query["sql"]:
            continue
        name = "count" if "COUNT(" in query["sql"].upper() else "page"
        with connection.cursor() as cursor:
            cursor.execute(prefix + query["sql"])
            plans[name] = [" | ".join(map(str, row)) for row in cursor.fetchall()]
    return plans


def scratch_table() -> None:
    from django.db import connection

    kind = "bigserial" if connection.vendor == "postgresql" else "integer"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS bench_bare_insert (id {kind} PRIMARY KEY, body text)"
        )
        cursor.execute("DELETE FROM bench_bare_insert")


def measure_post(base: str, path: str, body: str, args, seconds: int) -> dict:
    """wrk with ``submit.lua``: the body template, path and CSRF pair travel as Lua globals."""
    import subprocess

    csrf = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret
    prelude = Path(tempfile.gettempdir()) / f"dancoso-bench-submit-{os.getpid()}.lua"
    prelude.write_text(
        f"wrk_body_template = {json.dumps(body, ensure_ascii=False)}\n"
        f"wrk_path = {json.dumps(path)}\nwrk_csrf = {json.dumps(csrf)}\n"
        + SUBMIT_SCRIPT.read_text(),
        encoding="utf-8",
    )
    command = ["wrk", "-t1", f"-c{args.connections}", f"-d{seconds}s", "--timeout", "30s"]
    output = subprocess.run(
        [*command, "-s", str(prelude), base + path],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    prelude.unlink()
    line = next(x for x in output.splitlines() if x.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    elapsed = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / elapsed, 1),
        **{k: round(v / 1000, 2) for k, v in raw["latency_us"].items() if k != "mean"},
        "not_201": raw["not_200"],
    }


def run(args, commune) -> dict:
    log = Path(tempfile.gettempdir()) / "dancoso-bench-feedback-server.log"
    print(f"Nhật ký máy chủ: {log}")
    results = {}
    with load.gunicorn(args.workers, args.port, log) as (base, master):
        meter = Meter(master)
        body = BODY % commune.code
        for name, path in (
            ("bare-insert", "/bench/bare-insert"),
            ("submit", "/api/v1/feedback/submit"),
        ):
            if args.warmup:
                measure_post(base, path, body, args, args.warmup)
            meter.start()
            result = measure_post(base, path, body, args, args.duration)
            results[name] = result | meter.stop(result["requests"])
            print(
                f"  {name:<12} {result['rps']:>8.1f} req/s  p99 {result['p99']:>7.1f} ms  "
                f"không-201: {result['not_201']}"
            )
        cookie, _kind = load.session_cookie(base, commune, args.direct_session)
        for name, path, sent in (
            ("bare", "/bench/bare", None),
            ("inbox", f"/can-bo/phan-anh/?xa={commune.code}", cookie),
        ):
            status, size = load.probe(base + path, sent)
            if status != 200:
                raise SystemExit(f"{path} trả về HTTP {status}")
            loadgen.measure(
                base + path, seconds=args.warmup or 1, connections=args.connections, cookie=sent
            )
            meter.start()
            result = loadgen.measure(
                base + path, seconds=args.duration, connections=args.connections, cookie=sent
            )
            results[name] = result | meter.stop(result["requests"]) | {"bytes": size}
            print(f"  {name:<12} {result['rps']:>8.1f} req/s  p95 {result['p95']:>7.1f} ms")
    return results


def main() -> None:
    args = arguments()
    os.environ["DANCOSO_TRUSTED_PROXY_COUNT"] = "1"  # the per-address limits see X-Forwarded-For
    load.configure_environment()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)
    from bench.officer import prepare_officer

    host = load.machine()
    commune = bench_commune()
    print(f"Xã đo: {commune.name} (mã {commune.code}); sinh hồ sơ tới {args.cases:,}…")
    total = generate_cases(commune, args.cases)
    scratch_table()
    officer = prepare_officer(commune).user
    plans = explain_inbox(officer, commune)
    for name, lines in plans.items():
        print(f"\nEXPLAIN {name}:\n  " + "\n  ".join(lines))
    results = run(args, commune)
    host["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    ratios = {
        "submit/bare-insert rps": round(
            results["submit"]["rps"] / results["bare-insert"]["rps"], 3
        ),
        "inbox/bare rps": round(results["inbox"]["rps"] / results["bare"]["rps"], 3),
    }
    print(f"\n{'đích':<12} {'req/s':>9} {'p50':>8} {'p95':>8} {'p99':>8}")
    for name, r in results.items():
        print(f"{name:<12} {r['rps']:>9.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f}")
    for name, value in ratios.items():
        print(f"{name}: {value}")
    print(
        f"Mục tiêu: submit ≥ 300/s và p99 < 300 ms → {results['submit']['rps']:.0f}/s, "
        f"p99 {results['submit']['p99']:.0f} ms; inbox p95 < 100 ms → "
        f"{results['inbox']['p95']:.0f} ms. Tải máy lúc đầu {host['load_average_at_start']}."
    )
    out = load.RESULTS / "feedback.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "git_commit": load.git_commit(),
                "machine": host,
                "cases_in_commune": total,
                "run": {
                    "workers": args.workers,
                    "connections": args.connections,
                    "duration_s": args.duration,
                },
                "results": results,
                "ratios": ratios,
                "explain": plans,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"Đã ghi {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
