"""Compare two load-test results: a big province against a small one.

    .venv/bin/python bench/report.py [BIG.json SMALL.json] [--markdown]

Defaults to ``bench/results/1m.json`` (1,000,000 households) and ``bench/results/1k.json``
(1,000 households). Prints each run's table, then the two goals of issue 2, reported and never
asserted: a page's p95 on the big province is at most 1.5 times its p95 on the small one (cost
does not grow with the province), and a page's throughput is at least half the bare view's in
the same run.
"""

import argparse
import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
PAGES = ("commune", "households")
P95_GOAL = 1.5
THROUGHPUT_GOAL = 0.5


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def median(run: dict, page: str) -> dict | None:
    return run["pages"].get(page, {}).get("median")


def run_rows(run: dict) -> list[list[str]]:
    bare = median(run, "bare")
    rows = []
    for page in ("bare", *PAGES):
        m = median(run, page)
        if m is None:
            status = run["pages"].get(page, {}).get("status", "—")
            rows.append([page, f"không đo được (HTTP {status})", "", "", "", "", ""])
            continue
        ratio = f"{m['rps'] / bare['rps']:.2f}" if bare else "—"
        rows.append([page, f"{m['rps']:.1f}", f"{m['p50']:.1f}", f"{m['p95']:.1f}",
                     f"{m['p99']:.1f}", ratio, cpu(m)])  # fmt: skip
    return rows


def cpu(m: dict) -> str:
    """Server CPU per request: gunicorn worker + PostgreSQL backend, in milliseconds."""
    if "cpu_app_ms" not in m:
        return "—"
    return f"{m['cpu_app_ms']:.2f} + {m['cpu_db_ms']:.2f}"


def cpu_growth(b: dict, s: dict) -> str:
    if "cpu_app_ms" not in b or "cpu_app_ms" not in s:
        return "—"
    return f"{(b['cpu_app_ms'] + b['cpu_db_ms']) / (s['cpu_app_ms'] + s['cpu_db_ms']):.2f}"


def goal_rows(big: dict, small: dict) -> list[list[str]]:
    rows = []
    for page in PAGES:
        b, s, bare = median(big, page), median(small, page), median(big, "bare")
        if b is None or s is None:
            rows.append([page, "—", "—", "không đo được", "—", "—", "—"])
            continue
        growth = b["p95"] / s["p95"]
        share = b["rps"] / bare["rps"] if bare else float("nan")
        rows.append([
            page, f"{s['p95']:.1f}", f"{b['p95']:.1f}",
            f"{growth:.2f} ({'đạt' if growth <= P95_GOAL else 'chưa đạt'})",
            f"{share:.2f} ({'đạt' if share >= THROUGHPUT_GOAL else 'chưa đạt'})",
            f"{s['rps'] / median(small, 'bare')['rps']:.2f}" if median(small, "bare") else "—",
            cpu_growth(b, s),
        ])  # fmt: skip
    return rows


def describe(run: dict) -> str:
    db, r = run["database"], run["run"]
    return (
        f"{run['label']}: {db['households_total']:,} hộ trong CSDL {db['name']} ({db['vendor']}); "
        f"xã đo {db['commune']['name']} (mã {db['commune']['code']}, "
        f"{db['households_in_commune']:,} hộ, {db['villages_in_commune']} thôn); "
        f"{run['started_at']}, commit {run['git_commit']}; {r['workers']} worker gunicorn, "
        f"{r['connections']} kết nối, {r['duration_s']} s × {r['rounds']} vòng, {r['tool']}, "
        f"phiên {r['session']}; tải máy lúc đầu {run['machine']['load_average_at_start']}"
    )


def table(headers: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join(fmt.format(*row) for row in [headers, *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description="So sánh hai lần đo tải.")
    parser.add_argument("big", nargs="?", type=Path, default=RESULTS / "1m.json")
    parser.add_argument("small", nargs="?", type=Path, default=RESULTS / "1k.json")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    big, small = load(args.big), load(args.small)
    run_headers = [
        "trang",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "req/s ÷ bare",
        "CPU ms/yêu cầu (app + db)",
    ]
    for run in (big, small):
        print(describe(run) + "\n")
        print(table(run_headers, run_rows(run), args.markdown) + "\n")
    goal_headers = [
        "trang", f"p95 {small['label']} ms", f"p95 {big['label']} ms",
        f"p95 {big['label']} ÷ {small['label']} (mục tiêu ≤ {P95_GOAL})",
        f"req/s ÷ bare, {big['label']} (mục tiêu ≥ {THROUGHPUT_GOAL})",
        f"req/s ÷ bare, {small['label']}",
        f"CPU/yêu cầu {big['label']} ÷ {small['label']}",
    ]  # fmt: skip
    print(table(goal_headers, goal_rows(big, small), args.markdown))


if __name__ == "__main__":
    main()
