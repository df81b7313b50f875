"""Load test on loopback: the public commune page, an officer's household list, and a bare view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dancoso_bench \\
        .venv/bin/python bench/load.py --label 1m [--workers 2] [--duration 20]

Starts gunicorn on 127.0.0.1 with ``--workers`` sync workers serving ``bench.wsgi_bench`` (the
product's URL map plus ``/bench/bare``) against ``DATABASE_URL``, signs the bench officer in
through the real password + TOTP pages, then, in the same run and against the same workers,
loads each of

- ``bare``        /bench/bare — a view that returns "ok": the cost of server + Django alone;
- ``commune``     /xa/<code>/ — the public home page of the measured commune;
- ``households``  /can-bo/ho-gia-dinh/?xa=<code> — the officer's household list (page 1),

for ``--duration`` seconds each (after a short warm-up), ``--rounds`` times, with ``wrk`` (or
the asyncio fallback). Prints a table with the ratio of each page's throughput to the bare
view's, writes ``bench/results/<label>.json``, and stops the server. ``bench/report.py``
compares two result files (for example 1,000,000 against 1,000 households).
"""

import argparse
import json
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402
from bench.cpu import Meter  # noqa: E402

METRICS = ("rps", "p50", "p90", "p95", "p99", "max", "cpu_app_ms", "cpu_db_ms")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--label", required=True, help="name of the result file, e.g. 1m or 1k")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, help="default: 2 per worker")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--duration", type=int, default=20, help="seconds per page and round")
    parser.add_argument("--warmup", type=int, default=3, help="seconds per page, not counted")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--append", action="store_true",
                        help="add these rounds to bench/results/<label>.json")  # fmt: skip
    parser.add_argument(
        "--commune",
        type=int,
        help="official code; default: the first "
        "commune of the synthetic province 99, else the first commune",
    )
    parser.add_argument(
        "--direct-session",
        action="store_true",
        help="write a verified session instead of signing in",
    )
    args = parser.parse_args()
    args.connections = args.connections or 2 * args.workers
    if not (0 < args.duration <= 600 and 0 < args.rounds <= 10 and 0 < args.workers <= 16):
        parser.error("duration 1–600 s, rounds 1–10, workers 1–16")
    return args


def configure_environment() -> None:
    """The server and this process share one configuration: the bench settings over plain
    HTTP on loopback, a per-run secret key unless one is given, static files collected into a
    scratch directory."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
    os.environ["DANCOSO_HTTPS"] = "0"
    os.environ["DANCOSO_DEBUG"] = "0"
    os.environ.setdefault("DANCOSO_ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("DANCOSO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DANCOSO_STATIC_ROOT", "/tmp/dancoso-bench-static")  # noqa: S108
    if not os.environ.get("DATABASE_URL"):
        print("Chú ý: không có DATABASE_URL — đo trên SQLite mặc định (var/dancoso.sqlite3).")


def pick_commune(code: int | None):
    from dancoso.places.models import Commune

    communes = Commune.objects.select_related("province")
    if code is not None:
        return communes.get(code=code)
    return (
        communes.filter(province__code=99).order_by("code").first()
        or communes.order_by("code").first()
    )


def database_facts(commune) -> dict:
    from django.db import connection

    from dancoso.households.models import Household, Member

    return {
        "vendor": connection.vendor,
        "name": str(connection.settings_dict["NAME"]).rsplit("/", 1)[-1],
        "households_total": Household.objects.count(),
        "members_total": Member.objects.count(),
        "households_in_commune": Household.objects.filter(commune=commune).count(),
        "villages_in_commune": commune.villages.count(),
        "commune": {"code": commune.code, "name": commune.name, "province": commune.province.name},
    }


@contextmanager
def gunicorn(
    workers: int,
    port: int,
    log_path: Path,
    app: str = "bench.wsgi_bench:application",
    root: Path = ROOT,
):
    """Run gunicorn (on the code in ``root``) in its own process group for the duration of
    the block; stop it after."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"Cổng {port} đang được dùng: chọn --port khác.")
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--chdir",
        str(root),
        "--error-logfile",
        "-",
    ]
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=log, cwd=root, start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_ready(base + "/healthz", server)
            yield base, server.pid
        finally:
            server.terminate()  # gunicorn's master stops its workers on SIGTERM
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_ready(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn dừng khi khởi động; xem nhật ký máy chủ.")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out: not up yet
            time.sleep(0.3)
    raise SystemExit(f"gunicorn chưa trả lời {url} sau {timeout:.0f} giây.")


def probe(url: str, cookie: str | None) -> tuple[int, int]:
    """Status and size of one GET, redirects not followed (a redirect to sign-in is a fail)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback, http)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


def session_cookie(base: str, commune, direct: bool) -> tuple[str, str]:
    from django.conf import settings

    from bench.officer import direct_session, prepare_officer, sign_in

    officer = prepare_officer(commune)
    if direct:
        return f"{settings.SESSION_COOKIE_NAME}={direct_session(officer)}", "direct"
    return f"{settings.SESSION_COOKIE_NAME}={sign_in(base, officer)}", "login+totp"


def run_targets(base: str, meter: Meter, targets: list[dict], args) -> None:
    """Check each page answers 200, warm up, then measure round by round (pages interleaved,
    so a disturbance on the shared machine hits them alike)."""
    for target in targets:
        target["status"], target["bytes"] = probe(base + target["path"], target["cookie"])
        print(
            f"  {target['name']:<11} {target['path']} → HTTP {target['status']}, "
            f"{target['bytes']:,} byte"
        )
    live = [t for t in targets if t["status"] == 200]
    for target in live:
        if args.warmup:
            measure(base, target, args, seconds=args.warmup)
    for number in range(1, args.rounds + 1):
        for target in live:
            meter.start()
            result = measure(base, target, args, seconds=args.duration)
            result |= meter.stop(result["requests"])
            target["rounds"].append(result)
            print(
                f"  vòng {number} {target['name']:<11} {result['rps']:>8.1f} req/s  "
                f"p95 {result['p95']:>7.1f} ms  CPU/yêu cầu {result.get('cpu_app_ms', 0):.2f} "
                f"+ {result.get('cpu_db_ms', 0):.2f} ms  không-200: {result['not_200']}"
            )


def measure(base: str, target: dict, args, *, seconds: int) -> dict:
    return loadgen.measure(
        base + target["path"],
        seconds=seconds,
        connections=args.connections,
        threads=args.threads,
        cookie=target["cookie"],
    )


def summary_of(target: dict) -> dict | None:
    if not target["rounds"]:
        return None
    return {
        m: round(statistics.median(r[m] for r in target["rounds"]), 3)
        for m in METRICS
        if all(m in r for r in target["rounds"])
    }


def machine() -> dict:
    memory = Path("/proc/meminfo").read_text().split()[1] if Path("/proc/meminfo").exists() else 0
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(int(memory) / 2**20, 1),
        "cpu": model,
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def git_commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return result.stdout.strip() or "unknown"


def print_table(results: dict) -> None:
    bare = results["pages"].get("bare", {}).get("median")
    print(f"\n{'trang':<11} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'/bare':>6}")
    for name, page in results["pages"].items():
        median = page.get("median")
        if median is None:
            print(f"{name:<11} — không đo được: HTTP {page['status']} ({page['path']})")
            continue
        ratio = f"{median['rps'] / bare['rps']:.2f}" if bare else "—"
        print(
            f"{name:<11} {median['rps']:>9.1f} {median['p50']:>8.1f} {median['p95']:>8.1f} "
            f"{median['p99']:>8.1f} {ratio:>6}"
        )


def prepare(args):
    """Set up Django in this process, collect static files, pick the commune; return it with
    the facts about the database."""
    configure_environment()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)
    commune = pick_commune(args.commune)
    if commune is None:
        raise SystemExit("Chưa có xã nào: chạy load_places hoặc generate_province trước.")
    facts = database_facts(commune)
    print(
        f"Cơ sở dữ liệu {facts['name']} ({facts['vendor']}): {facts['households_total']:,} hộ;"
        f" đo xã {commune.name} (mã {commune.code}, {facts['households_in_commune']:,} hộ)."
    )
    return commune, facts


def serve_and_measure(args, commune) -> tuple[list[dict], str]:
    """Start the server, get the officer's session, load the three pages, stop the server."""
    log = Path(tempfile.gettempdir()) / f"dancoso-bench-{args.label}-server.log"
    print(f"Nhật ký máy chủ: {log}")
    with gunicorn(args.workers, args.port, log) as (base, master):
        cookie, session_kind = session_cookie(base, commune, args.direct_session)
        targets = [
            {"name": "bare", "path": "/bench/bare", "cookie": None},
            {"name": "commune", "path": f"/xa/{commune.code}/", "cookie": None},
            {"name": "households", "path": f"/can-bo/ho-gia-dinh/?xa={commune.code}",
             "cookie": cookie},
        ]  # fmt: skip
        for target in targets:
            target["rounds"] = []
        run_targets(base, Meter(master), targets, args)
    return targets, session_kind


def merged(old: dict, new: dict) -> dict:
    """``new`` with the rounds of an earlier result of the same label added (``--append``):
    medians are then taken over all rounds. Refused if the database or commune differ."""
    same = ("name", "households_total", "commune")
    if any(old["database"][k] != new["database"][k] for k in same):
        raise SystemExit("--append: kết quả cũ đo trên CSDL hoặc xã khác; đổi --label.")
    for name, page in new["pages"].items():
        page["rounds"] = old["pages"].get(name, {}).get("rounds", []) + page["rounds"]
        page["median"] = summary_of(page)
    new["sessions"] = old.get("sessions", []) + new["sessions"]
    new["run"]["rounds"] = sum(s["rounds"] for s in new["sessions"])
    new["started_at"] = old["started_at"]
    return new


def main() -> None:
    args = arguments()
    RESULTS.mkdir(parents=True, exist_ok=True)
    commune, facts = prepare(args)
    started, host = datetime.now(UTC), machine()
    targets, session_kind = serve_and_measure(args, commune)
    host["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results = {
        "label": args.label,
        "started_at": started.isoformat(timespec="seconds"),
        "git_commit": git_commit(),
        "machine": host,
        "sessions": [{"started_at": started.isoformat(timespec="seconds"),
                      "git_commit": git_commit(), "load_average": host["load_average_at_start"],
                      "rounds": args.rounds}],
        "database": facts,
        "run": {
            "workers": args.workers, "connections": args.connections, "threads": args.threads,
            "duration_s": args.duration, "warmup_s": args.warmup, "rounds": args.rounds,
            "tool": loadgen.tool(), "session": session_kind,
            "redis": bool(os.environ.get("REDIS_URL")),
        },
        "pages": {
            t["name"]: {"path": t["path"], "status": t["status"], "bytes": t["bytes"],
                        "rounds": t["rounds"], "median": summary_of(t)}
            for t in targets
        },
    }  # fmt: skip
    out = RESULTS / f"{args.label}.json"
    if args.append and out.exists():
        results = merged(json.loads(out.read_text(encoding="utf-8")), results)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\nĐã ghi {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
