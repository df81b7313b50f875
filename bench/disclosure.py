"""Disclosure pages as the register grows: 5,000 → 50,000 → 500,000 disclosures.

    createdb -h 127.0.0.1 -U postgres dancoso_disclosure_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/dancoso_disclosure_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_province --households 2000 --communes 100 --villages 800
    .venv/bin/python bench/disclosure.py --sizes 5000,50000,500000

For each size the register is topped up to that many disclosures spread over the synthetic
province's communes and villages (bulk insert, folded search text as the services write it,
then ``ANALYZE``), gunicorn is started as in ``bench/load.py`` and, in the same run against the
same workers, ``wrk`` loads:

- ``bare``    /bench/bare — the server and Django alone (the baseline of the ratios);
- ``list``    /xa/<code>/cong-khai/ — the public section of the measured commune, page 1;
- ``search``  /xa/<code>/cong-khai/tim-kiem/?q=ke+hoach+su+dung+dat — search without marks;
- ``typo``    the same search with one wrong letter ("dung dta");
- ``detail``  /xa/<code>/cong-khai/<id>/ — one disclosure's page.

It prints p95 and the throughput ratio to ``bare`` per page and size, the p95 growth from the
first size to the last, and the EXPLAIN ANALYZE of the list, count and search queries at the
last size; results go to ``bench/results/disclosure.json``. Goals (issue 3): list and search
p95 < 100 ms, detail p95 < 50 ms at 500,000 disclosures on PostgreSQL.
"""

import argparse
import json
import random
import signal
import sys
import tempfile
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load, loadgen  # noqa: E402
from bench.cpu import Meter  # noqa: E402

ALL_WORDS = (
    "INSERT INTO disclosure_searchword (word) SELECT word FROM ts_stat("
    "'SELECT search_vector FROM disclosure_disclosure WHERE agency_id IS NULL') "
    "WHERE length(word) <= 100 ON CONFLICT DO NOTHING"
)
QUERY = "ke hoach su dung dat"
TYPO = "ke hoach su dung dta"
SUBJECTS = (
    "Kế hoạch sử dụng đất",
    "Dự toán ngân sách xã",
    "Quyết toán ngân sách",
    "Danh sách hộ nghèo, hộ cận nghèo",
    "Phương án bồi thường, hỗ trợ, tái định cư",
    "Kết quả lấy phiếu tín nhiệm",
    "Thông báo gọi công dân nhập ngũ",
    "Mức thu phí chợ",
    "Thủ tục đăng ký khai sinh",
    "Kế hoạch phát triển kinh tế – xã hội",
    "Hỗ trợ khắc phục hậu quả bão số 3",
    "Công trình đường liên thôn",
)
CATEGORIES = ("xa-03", "xa-02", "xa-02", "xa-07", "xa-03", "xa-10", "xa-09", "xa-12", "xa-13",
              "xa-01", "xa-08", "xa-03")  # fmt: skip


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5000,50000,500000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page and round")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--port", type=int, default=8863)
    args = parser.parse_args()
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    args.direct_session = True
    return args


def province_places():
    from dancoso.places.models import Commune, Village

    communes = list(Commune.objects.filter(province__code=99).order_by("code"))
    if not communes:
        raise SystemExit("Chưa có tỉnh thử nghiệm 99: chạy generate_province trước (xem đầu tệp).")
    villages: dict[int, list[int]] = {}
    for village_id, commune_id in Village.objects.filter(commune__in=communes).values_list(
        "id", "commune_id"
    ):
        villages.setdefault(commune_id, []).append(village_id)
    return communes, villages


def _row(rng: random.Random, commune, villages, today: date):
    from dancoso.core.text import fold
    from dancoso.disclosure import law
    from dancoso.disclosure.models import Disclosure

    pick = rng.randrange(len(SUBJECTS))
    category = law.CATEGORIES[CATEGORIES[pick]]
    year = rng.choice((2024, 2025, 2026))
    title = f"{SUBJECTS[pick]} năm {year} — đợt {rng.randint(1, 40)}"
    summary = f"{commune.name} công khai {SUBJECTS[rng.randrange(len(SUBJECTS))].lower()}."
    starts = today - timedelta(days=rng.randint(0, 900))
    open_ended = category.number in law.POSTED_PERMANENTLY or rng.random() < 0.5
    ends = None if open_ended else starts + timedelta(days=rng.randint(30, 430))
    return Disclosure(
        public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
        province_id=commune.province_id,
        commune=commune,
        village_id=rng.choice(villages) if villages and rng.random() < 0.3 else None,
        category=category.code,
        title=title,
        summary=summary,
        body_html=f"<p>{summary}</p>",
        search_text=fold(f"{title} {summary} {summary} {category.title}"),
        forms=["portal", "posted_office", "posted_village"],
        starts_on=starts,
        ends_on=ends,
        status="withdrawn" if rng.random() < 0.02 else "published",
        withdrawn_reason="Thay bằng bản mới",
        published_at=datetime.now(UTC),
    )  # fmt: skip


def top_up(size: int, communes, villages) -> int:
    """Add disclosures until the register holds ``size``; return how many were added."""
    from django.db import connection, transaction

    from dancoso.disclosure.models import Disclosure

    have = Disclosure.objects.count()
    rng, today = random.Random(have), date.today()  # noqa: DTZ011 — the server's day is fine
    for start in range(have, size, 5000):
        batch = [
            _row(rng, communes[i % len(communes)], villages.get(communes[i % len(communes)].pk),
                 today)
            for i in range(start, min(size, start + 5000))
        ]  # fmt: skip
        for d in batch:
            if d.status == "published":
                d.withdrawn_reason = ""
        with transaction.atomic():
            Disclosure.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the services add each disclosure's words
            cursor.execute(ALL_WORDS)
            cursor.execute("ANALYZE disclosure_searchword")
        cursor.execute("VACUUM (ANALYZE) disclosure_disclosure")  # as autovacuum would
    return max(0, size - have)


def targets_for(commune) -> list[dict]:
    from urllib.parse import urlencode

    from dancoso.disclosure.models import Disclosure

    one = Disclosure.objects.filter(commune=commune, status="published").order_by("-id").first()
    section = f"/xa/{commune.code}/cong-khai/"
    return [
        {"name": "bare", "path": "/bench/bare", "cookie": None},
        {"name": "list", "path": section, "cookie": None},
        {"name": "search", "path": f"{section}tim-kiem/?{urlencode({'q': QUERY})}", "cookie": None},
        {"name": "typo", "path": f"{section}tim-kiem/?{urlencode({'q': TYPO})}", "cookie": None},
        {"name": "detail", "path": f"{section}{one.public_id}/", "cookie": None},
    ]


def measure_size(args, commune) -> dict:
    log = Path(tempfile.gettempdir()) / "dancoso-bench-disclosure-server.log"
    targets = targets_for(commune)
    for target in targets:
        target["rounds"] = []
    with load.gunicorn(args.workers, args.port, log) as (base, master):
        load.run_targets(base, Meter(master), targets, args)
    return {t["name"]: {"path": t["path"], "status": t["status"], "median": load.summary_of(t),
                        "rounds": t["rounds"]} for t in targets}  # fmt: skip


def explain(commune) -> dict:
    """EXPLAIN ANALYZE of the list page's page and count queries and of the search."""
    from django.db import connection

    from dancoso.disclosure.queries import public_register
    from dancoso.disclosure.search import search_disclosures

    plans = {}
    queries = {
        "list": public_register(commune)[:25],
        "list_count": None,
        "search": search_disclosures(QUERY, commune=commune)[:25],
        "typo": search_disclosures(TYPO, commune=commune)[:25],
    }
    for name, qs in queries.items():
        if qs is None:
            sql, params = public_register(commune).values("id").query.sql_with_params()
            sql = f"SELECT count(*) FROM ({sql}) counted"  # noqa: S608 — Django's own SQL
        else:
            sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plans[name] = [row[0] for row in cursor.fetchall()]
    return plans


def report(sizes: dict, commune, facts_by_size: dict) -> None:
    print(f"\nXã đo: {commune.name} (mã {commune.code}); máy dùng chung, đang tải: xem tải máy.")
    columns = ("số tin", "trang", "req/s", "p50", "p95", "÷bare", "mục tiêu")
    print("{:>8} {:<7} {:>8} {:>7} {:>7} {:>6} {:>9}".format(*columns))
    goals = {"list": 100, "search": 100, "typo": 100, "detail": 50}
    for size, pages in sizes.items():
        bare = pages["bare"]["median"]
        for name, page in pages.items():
            m = page["median"]
            if m is None:
                print(f"{size:>8} {name:<7} không đo được (HTTP {page['status']})")
                continue
            goal = goals.get(name)
            verdict = "" if goal is None else ("đạt" if m["p95"] < goal else "chưa đạt")
            print(f"{size:>8} {name:<7} {m['rps']:>8.1f} {m['p50']:>7.1f} {m['p95']:>7.1f} "
                  f"{m['rps'] / bare['rps']:>6.3f} {verdict:>9}")  # fmt: skip
        print(f"{'':>8} ({facts_by_size[size]} tin trong xã đo)")
    first, last = min(sizes), max(sizes)
    for name in ("list", "search", "typo", "detail"):
        a, b = sizes[first][name]["median"], sizes[last][name]["median"]
        if a and b:
            print(f"p95 {name}: {a['p95']:.1f} → {b['p95']:.1f} ms ({b['p95'] / a['p95']:.2f}×)")


def main() -> None:
    args = arguments()
    # A SIGTERM (a stopped run) unwinds like an error, so the server is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    load.configure_environment()
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    from dancoso.disclosure.models import Disclosure

    if connection.vendor != "postgresql":
        print("Chú ý: mục tiêu của issue 3 đo trên PostgreSQL; đây là", connection.vendor)
    call_command("collectstatic", interactive=False, verbosity=0)
    communes, villages = province_places()
    commune = communes[0]
    started, host = datetime.now(UTC), load.machine()
    sizes, in_commune = {}, {}
    for size in args.sizes:
        added = top_up(size, communes, villages)
        in_commune[size] = Disclosure.objects.filter(commune=commune).count()
        loadavg = load.machine()["load_average_at_start"]
        print(f"\n== {size:,} tin công khai (thêm {added:,}); tải máy {loadavg}")
        sizes[size] = measure_size(args, commune)
    plans = explain(commune)
    host["load_average_at_end"] = load.machine()["load_average_at_start"]
    out = load.RESULTS / "disclosure.json"
    load.RESULTS.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "started_at": started.isoformat(timespec="seconds"), "git_commit": load.git_commit(),
        "machine": host, "tool": loadgen.tool(), "commune": commune.code,
        "disclosures_in_commune": in_commune, "sizes": sizes, "explain": plans,
        "run": {"workers": args.workers, "connections": args.connections,
                "duration_s": args.duration, "rounds": args.rounds},
    }, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")  # fmt: skip
    report(sizes, commune, in_commune)
    for name, lines in plans.items():
        print(f"\nEXPLAIN ANALYZE {name}:\n  " + "\n  ".join(lines))
    print(f"\nĐã ghi {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
