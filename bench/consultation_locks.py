"""How long a comment post holds the locks that other posts queue on — the ceiling of posts per
second to one consultation whatever the hardware — for the current code and an older commit,
in the same run:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dancoso_bench_small \\
        .venv/bin/python bench/consultation_locks.py [--compare-with GIT_REF] [--posts 300]

Every post to a consultation waits for the one before it twice: on the consultation's row (its
number and tallies) and on the commune's audit chain head. Both are held until the commit, so
the time from taking the first of them to the commit is the serial part of a post, and 1 / that
time is how many posts a second one consultation can take with any number of workers. The run
calls ``services.post_opinion`` ``--posts`` times in this process on the bench consultation of
``bench/consultation.py`` (seeded if missing, its posted comments dropped first) and times, for
each post, the whole call, the consultation lock (from ``locked()`` or the numbering ``UPDATE``
to the commit) and the chain head lock (from ``SELECT … FOR UPDATE`` on the head to the commit).
With ``--compare-with`` the same run is repeated by a child process on that commit's code
(``git archive`` into a temporary directory). Only ratios mean much on a shared machine; the
serial fraction (lock time ÷ whole call) is what the design changes.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--opinions", type=int, default=50_000)
    parser.add_argument("--commune", type=int)
    parser.add_argument("--compare-with", metavar="GIT_REF")
    parser.add_argument("--tree", help=argparse.SUPPRESS)  # the child's code
    return parser.parse_args()


def _instrument(marks: dict) -> None:
    """Note when a post takes each lock (whichever way the code in use takes it)."""
    from dancoso.audit import services as audit
    from dancoso.consultation.services import opinions

    def stamp(module, name, key):
        original = getattr(module, name, None)
        if original is None:
            return

        def wrapped(*args, **kwargs):
            marks.setdefault(key, time.perf_counter())
            return original(*args, **kwargs)

        setattr(module, name, wrapped)

    stamp(opinions, "locked", "consultation")  # before: the row lock at the start
    stamp(opinions, "_take_number", "consultation")  # after: the numbering UPDATE at the end
    stamp(audit, "_locked_head", "chain")


def measure(args) -> dict:
    from bench import load

    load.configure_environment()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_consultation"
    import django

    django.setup()
    from bench.consultation import seed
    from dancoso.consultation import services

    commune = load.pick_commune(args.commune)
    consultation, _, resident = seed(commune, args.opinions)
    marks: dict = {}
    _instrument(marks)
    whole, consultation_lock, chain_lock = [], [], []
    for i in range(args.posts):
        marks.clear()
        start = time.perf_counter()
        services.post_opinion(consultation, actor=resident, text=f"Ý kiến đo khóa {i}.")
        end = time.perf_counter()
        whole.append(end - start)
        consultation_lock.append(end - marks["consultation"])
        chain_lock.append(end - marks["chain"])

    def ms(values):
        return round(statistics.median(values) * 1000, 2)

    return {
        "posts": args.posts,
        "whole_ms": ms(whole),
        "consultation_lock_ms": ms(consultation_lock),
        "chain_lock_ms": ms(chain_lock),
        "serial_fraction": round(
            statistics.median(consultation_lock) / statistics.median(whole), 3
        ),
        "ceiling_posts_per_s": round(1 / statistics.median(consultation_lock), 1),
    }


def child(tree: Path, args) -> dict:
    """The same measurement by a child process on the code in ``tree``."""
    command = [sys.executable, __file__, "--tree", str(tree),
               "--posts", str(args.posts), "--opinions", str(args.opinions)]  # fmt: skip
    if args.commune:
        command += ["--commune", str(args.commune)]
    done = subprocess.run(command, cwd=tree, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    args = arguments()
    if args.tree:  # the child: measure the code of the archived tree, print JSON
        sys.path.insert(0, args.tree)
        print(json.dumps(measure(args)))
        return
    sys.path.insert(0, str(ROOT))
    results = {"current": measure(args)}
    if args.compare_with:
        with tempfile.TemporaryDirectory(prefix="dancoso-bench-") as tree:
            archive = subprocess.run(["git", "archive", "--format=tar", args.compare_with],
                                     cwd=ROOT, check=True, capture_output=True)  # fmt: skip
            subprocess.run(["tar", "-x", "-C", tree], input=archive.stdout, check=True)
            results[args.compare_with] = child(Path(tree), args)
    print(f"Tải máy {[round(x, 2) for x in os.getloadavg()]} — máy dùng chung: so sánh tỷ lệ.")
    print(f"{'mã':<12} {'cả lượt ms':>10} {'khóa đợt ms':>11} {'khóa chuỗi ms':>13} "
          f"{'tỷ lệ tuần tự':>13} {'trần ý kiến/s':>13}")  # fmt: skip
    for name, r in results.items():
        print(f"{name:<12} {r['whole_ms']:>10} {r['consultation_lock_ms']:>11} "
              f"{r['chain_lock_ms']:>13} {r['serial_fraction']:>13} "
              f"{r['ceiling_posts_per_s']:>13}")  # fmt: skip


if __name__ == "__main__":
    main()
