"""Issue 4's figures for a consultation with 50,000 comments, each against a bare baseline
measured in the same run:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dancoso_bench_small \\
        .venv/bin/python bench/consultation.py [--opinions 50000] [--rounds 3] [--duration 15]

1. *Seed* (idempotent): a consultation "[bench] …" in the measured commune with 10 sections and
   ``--opinions`` comments from 500 synthetic residents (1 % hidden by moderation, 15,000
   supports), written with ``bulk_create`` — bench data, not audited. A rerun reuses it, resets
   it to "open" and drops the comments the previous run posted.
2. *Pages* — gunicorn (``--workers`` sync workers, production middleware) loaded with ``wrk``:
   ``bare`` (/bench/bare), ``draft`` (the draft page: sections with their comment counts and
   the first 20 comments), ``section`` (one section's comments), ``deep`` (the last page of
   comments, by keyset) and ``api`` (GET …/opinions). Goal: p95 of ``draft`` < 150 ms.
3. *Posting* — wrk POSTs comments through the API as one signed-in resident (the rate limits
   are off in ``bench.settings_consultation``; CSRF and every check of the service run).
   Goal: ≥ 300 comments/s; the ratio is to the bare view's requests/s. With
   ``--compare-with GIT_REF`` a second server runs that commit's code (``git archive`` into a
   temporary directory, same database) and each round posts to both in turn: a before/after
   of a change to the posting path under the same load.
4. *Export* — the consultation is closed and its comments answered in 250 groups; the
   background build (``services.build_export``, the task's body) runs in this process while a
   second thread polls the progress row as the page would. Goal: < 30 s; the baseline is the
   bare stack's floor for the same file: one query reading every comment's text and
   python-docx writing it in as many paragraphs as the report, unstyled.

Writes ``bench/results/consultation.json``. On a shared machine only the ratios mean much; the
load average at start and end is printed and stored.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load, loadgen  # noqa: E402
from bench.cpu import Meter  # noqa: E402

TITLE = "[bench] Dự thảo quy hoạch chung xã — 50.000 ý kiến"
AUTHORS = 500
SECTIONS = 10
GROUPS = 250
APP = "bench.wsgi_consultation:application"
GOALS = {"draft_p95_ms": 150, "posts_per_s": 300, "export_s": 30}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--opinions", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--duration", type=int, default=15, help="seconds per page and round")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8798)
    parser.add_argument("--commune", type=int, help="official code (default as bench/load.py)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument(
        "--compare-with",
        metavar="GIT_REF",
        help="also post to a second server running the code of GIT_REF (git archive into a "
        "temporary directory), round by round with the current code",
    )
    args = parser.parse_args()
    if not (1_000 <= args.opinions <= 1_000_000 and 0 < args.rounds <= 10):
        parser.error("--opinions 1,000–1,000,000, --rounds 1–10")
    return args


def seed(commune, n: int):
    """The bench consultation with exactly ``n`` comments, open today; its officer and the
    resident who posts."""
    from django.db import transaction
    from django.utils import timezone

    from bench.officer import SYSTEM, prepare_officer
    from dancoso.accounts.models import User
    from dancoso.accounts.roles import Role
    from dancoso.accounts.services import grant_role
    from dancoso.consultation import services
    from dancoso.consultation.models import Consultation, Opinion

    officer = prepare_officer(commune).user
    today = timezone.localdate()
    consultation = Consultation.objects.filter(commune=commune, title=TITLE).first()
    if consultation is None:
        consultation = services.create_consultation(
            commune, actor=officer, title=TITLE, summary="Dự thảo để đo hiệu năng.",
            subject="dat_dai", audience=Consultation.Audience.RESIDENTS,
            forms=["cong_thong_tin", "hop"], opens_on=today,
            closes_on=today + timedelta(days=29), plan_sent_on=today,
        )  # fmt: skip
        services.set_sections(consultation, actor=officer, sections=[
            (f"Điều {i}. Nội dung {i}", f"Quy định của điều {i} về quy hoạch chung xã.")
            for i in range(1, SECTIONS + 1)
        ])  # fmt: skip
        services.advance(consultation, "open", actor=officer, today=today)
    with transaction.atomic():
        Consultation.objects.filter(pk=consultation.pk).update(
            state="open", opens_on=today, closes_on=today + timedelta(days=29)
        )
        consultation.exports.all().delete()
        consultation.opinions.filter(number__gt=n).delete()
        consultation.opinions.update(group=None)
        consultation.groups.all().delete()
    authors = _authors(User)
    have = consultation.opinions.count()
    if have < n:
        _add_opinions(consultation, authors, have, n, Opinion)
    _recount(consultation)
    resident = authors[0]
    village = commune.villages.order_by("pk").first()
    if not resident.grants.filter(role=Role.RESIDENT, village=village).exists():
        grant_role(actor=SYSTEM, user=resident, role=Role.RESIDENT, place=village)
    consultation.refresh_from_db()
    return consultation, officer, resident


def _authors(User) -> list:
    names = [f"bench-dan-{i:03d}" for i in range(AUTHORS)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    User.objects.bulk_create(
        [User(username=u, full_name=f"Người dân {u[-3:]}") for u in names if u not in existing]
    )
    return list(User.objects.filter(username__in=names).order_by("username"))


def _add_opinions(consultation, authors, have: int, n: int, Opinion) -> None:
    from django.db import transaction
    from django.utils import timezone

    from dancoso.consultation.models import Support

    sections = list(consultation.sections.order_by("position"))
    stances = ["agree", "disagree", "other"]
    now = timezone.now()
    with transaction.atomic():
        for start in range(have + 1, n + 1, 5000):
            rows = [
                Opinion(
                    consultation=consultation, number=i, author=authors[i % AUTHORS],
                    section=None if i % 20 == 0 else sections[i % SECTIONS],
                    stance=stances[i % 3],
                    text=f"Ý kiến số {i}: đề nghị điều chỉnh vị trí và diện tích cho phù hợp "
                    f"với nhu cầu của bà con thôn {i % 27 + 1}.",
                    hidden_at=now if i % 100 == 0 else None,
                    hidden_reason="ẩn do vi phạm quy tắc" if i % 100 == 0 else "",
                )
                for i in range(start, min(start + 5000, n + 1))
            ]  # fmt: skip
            Opinion.objects.bulk_create(rows)
        first = list(consultation.opinions.filter(number__lte=5000, hidden_at__isnull=True))
        Support.objects.bulk_create(
            [Support(opinion=o, user=authors[(o.number + k) % AUTHORS]) for o in first
             for k in (1, 2, 3)],
            ignore_conflicts=True,
        )  # fmt: skip
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) consultation_opinion, consultation_support")


def _recount(consultation) -> None:
    """Set the opinion tallies the services keep (bulk-written bench rows bypass them)."""
    from django.db.models import Count, Q

    from dancoso.consultation.models import Consultation, Section

    visible = Count("opinions", filter=Q(opinions__hidden_at__isnull=True))
    for model, rows in ((Consultation, Consultation.objects.filter(pk=consultation.pk)),
                        (Section, consultation.sections.all())):  # fmt: skip
        for row in rows.annotate(t=Count("opinions"), v=visible):
            model.objects.filter(pk=row.pk).update(opinions_total=row.t, opinions_visible=row.v)


def resident_cookie(resident) -> tuple[str, str]:
    """A session for the resident and a CSRF secret, as a browser would hold them."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import _get_new_csrf_string

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(resident.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = resident.get_session_auth_hash()
    store.create()
    csrf = _get_new_csrf_string()
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    )
    return cookie, csrf


def page_targets(consultation) -> list[dict]:
    section = consultation.sections.order_by("position").first()
    last = consultation.opinions.order_by("-number").values_list("number", flat=True).first()
    base = f"/lay-y-kien/{consultation.pk}/"
    return [
        {"name": "bare", "path": "/bench/bare"},
        {"name": "draft", "path": base},
        {"name": "section", "path": f"{base}?phan={section.pk}"},
        {"name": "deep", "path": f"{base}?sau={last - 20}"},
        {"name": "api", "path": f"/api/v1/consultations/{consultation.pk}/opinions"},
    ]


def measure_pages(base: str, master: int, targets: list[dict], args) -> None:
    for target in targets:
        target.update(cookie=None, rounds=[])
    load.run_targets(base, Meter(master), targets, args)


def measure_posts(servers: dict, consultation, cookie: str, csrf: str, args) -> dict:
    """Comments posted through the API for ``--duration`` seconds per round, to each server
    in turn within a round (``servers``: name → (base URL, gunicorn master pid)), so the
    current code and ``--compare-with`` meet the same load on the shared machine."""
    os.environ.update(
        BENCH_STATS=str(loadgen.STATS_SCRIPT),
        BENCH_BODY=json.dumps(
            {"text": "Đề nghị mở rộng đường vào thôn lên 5 m.", "stance": "agree"}
        ),
        BENCH_CSRF=csrf,
    )
    path = f"/api/v1/consultations/{consultation.pk}/opinions/new"
    rounds = {name: [] for name in servers}
    for number in range(1, args.rounds + 1):
        for name, (base, master) in servers.items():
            meter = Meter(master)
            meter.start()
            result = _wrk_post(base + path, cookie, args)
            result |= meter.stop(result["requests"])
            rounds[name].append(result)
            print(f"  vòng {number} {name:<11} {result['rps']:>8.1f} ý kiến/s  p95 "
                  f"{result['p95']:>7.1f} ms  không-201: {result['not_200']}")  # fmt: skip
    return {
        name: {"rounds": done, "median": load.summary_of({"rounds": done})}
        for name, done in rounds.items()
    }


@contextmanager
def code_of(ref: str | None):
    """The tree of git ``ref`` unpacked in a temporary directory (None: nothing)."""
    if ref is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="dancoso-bench-") as tree:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", ref], cwd=ROOT, check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", tree], input=archive.stdout, check=True)
        yield Path(tree)


def _wrk_post(url: str, cookie: str, args) -> dict:
    script = Path(__file__).with_name("post.lua")
    original = loadgen.STATS_SCRIPT
    loadgen.STATS_SCRIPT = script
    try:
        return loadgen.run_wrk(url, seconds=args.duration, connections=args.connections,
                               threads=args.threads, cookie=cookie)  # fmt: skip
    finally:
        loadgen.STATS_SCRIPT = original


def answer_all(consultation, officer) -> None:
    """Close the consultation and answer its comments in ``GROUPS`` groups (bench data)."""
    from django.db import transaction

    from dancoso.consultation.models import Consultation, OpinionGroup

    with transaction.atomic():
        Consultation.objects.filter(pk=consultation.pk).update(state="closed")
        top = consultation.opinions.order_by("-number").values_list("number", flat=True).first()
        size = top // GROUPS + 1
        for g in range(GROUPS):
            group = OpinionGroup.objects.create(
                consultation=consultation, title=f"Nhóm ý kiến {g + 1}", verdict="tiep_thu",
                answer=f"Tiếp thu nhóm {g + 1}: sửa dự thảo theo hướng đề nghị.",
                answered_by=officer,
            )  # fmt: skip
            consultation.opinions.filter(
                number__gt=g * size, number__lte=(g + 1) * size, hidden_at__isnull=True
            ).update(group=group)


def measure_export(consultation, officer) -> dict:
    """Time the background build while polling its progress like the page; then the floor."""
    from dancoso.consultation.models import SynthesisExport
    from dancoso.consultation.services import build_export

    consultation.refresh_from_db()
    job = SynthesisExport.objects.create(
        consultation=consultation, requested_by=officer, total=consultation.opinions.count()
    )
    seen, stop = [], threading.Event()

    def poll():
        from django.db import connection

        while not stop.is_set():
            row = SynthesisExport.objects.filter(pk=job.pk).values("status", "processed").get()
            seen.append((round(time.perf_counter() - began, 2), row["status"], row["processed"]))
            stop.wait(0.5)
        connection.close()

    began = time.perf_counter()
    watcher = threading.Thread(target=poll)
    watcher.start()
    build_export(job.pk)
    seconds = time.perf_counter() - began
    stop.set()
    watcher.join()
    job.refresh_from_db()
    floor = bare_docx_seconds(consultation)
    steps = sorted({p for _, _, p in seen})
    print(
        f"  xuất báo cáo: {seconds:.1f} s ({job.status}, {job.file.size:,} byte); "
        f"nền (1 truy vấn + python-docx): {floor:.1f} s; tiến độ thấy {len(steps)} mức"
    )
    return {
        "seconds": round(seconds, 2),
        "status": job.status,
        "bytes": job.file.size if job.file else 0,
        "bare_seconds": round(floor, 2),
        "progress_seen": seen[:: max(1, len(seen) // 20)],
        "distinct_progress_values": len(steps),
    }


def bare_docx_seconds(consultation) -> float:
    """The floor for the same file: one query for every comment's text, and python-docx
    writing them in as many paragraphs as the report uses (``export.LINES_PER_BLOCK`` lines
    each) with no styling and no Decree 30 frame."""
    import io

    from docx import Document

    from dancoso.consultation.export import LINES_PER_BLOCK

    began = time.perf_counter()
    texts = list(consultation.opinions.order_by("number").values_list("text", flat=True))
    out = Document()
    for i in range(0, len(texts), LINES_PER_BLOCK):
        out.add_paragraph("\n".join(texts[i : i + LINES_PER_BLOCK]))
    out.save(io.BytesIO())
    return time.perf_counter() - began


def report(pages: dict, posts: dict, exported: dict, compared: dict) -> list[str]:
    bare = pages["bare"]["median"]
    lines = [f"{'đo':<10} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'/bare':>6}"]
    for name, page in [*pages.items(), ("post", posts), *compared.items()]:
        m = page["median"]
        if m is None:
            lines.append(f"{name:<10} — không đo được: HTTP {page.get('status')}")
            continue
        lines.append(f"{name:<10} {m['rps']:>9.1f} {m['p50']:>8.1f} {m['p95']:>8.1f} "
                     f"{m['p99']:>8.1f} {m['rps'] / bare['rps']:>6.2f}")  # fmt: skip
    draft, post = pages["draft"]["median"], posts["median"]
    lines += [
        "",
        f"Trang dự thảo p95 {draft['p95']:.1f} ms (mục tiêu < {GOALS['draft_p95_ms']} ms): "
        + ("đạt" if draft["p95"] < GOALS["draft_p95_ms"] else "chưa đạt"),
        f"Gửi ý kiến {post['rps']:.1f}/s (mục tiêu ≥ {GOALS['posts_per_s']}/s): "
        + ("đạt" if post["rps"] >= GOALS["posts_per_s"] else "chưa đạt"),
        f"Xuất báo cáo {exported['seconds']:.1f} s (mục tiêu < {GOALS['export_s']} s): "
        + ("đạt" if exported["seconds"] < GOALS["export_s"] else "chưa đạt")
        + f"; ÷ nền {exported['seconds'] / max(exported['bare_seconds'], 0.01):.2f}",
    ]
    return lines


def main() -> None:
    args = arguments()
    load.RESULTS.mkdir(parents=True, exist_ok=True)
    load.configure_environment()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_consultation"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)
    commune = load.pick_commune(args.commune)
    started, host = datetime.now(UTC), load.machine()
    print(f"Tải máy lúc đầu {host['load_average_at_start']} — máy dùng chung: chỉ tỷ lệ với "
          "nền là đáng tin.")  # fmt: skip
    began = time.perf_counter()
    consultation, officer, resident = seed(commune, args.opinions)
    print(
        f"Dữ liệu: {consultation.opinions.count():,} ý kiến ({time.perf_counter() - began:.0f} s)"
    )
    log = Path(tempfile.gettempdir()) / "dancoso-bench-consultation-server.log"
    targets = page_targets(consultation)
    with ExitStack() as stack:
        base, master = stack.enter_context(load.gunicorn(args.workers, args.port, log, app=APP))
        servers = {"post": (base, master)}
        other = stack.enter_context(code_of(args.compare_with))
        if other is not None:
            other_log = log.with_name("dancoso-bench-consultation-compared.log")
            servers[f"post@{args.compare_with}"] = stack.enter_context(
                load.gunicorn(args.workers, args.port + 1, other_log, app=APP, root=other)
            )
        measure_pages(base, master, targets, args)
        cookie, csrf = resident_cookie(resident)
        posting = measure_posts(servers, consultation, cookie, csrf, args)
    posts, compared = posting.pop("post"), posting
    answer_all(consultation, officer)
    exported = measure_export(consultation, officer)
    host["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    pages = {t["name"]: {"path": t["path"], "status": t["status"], "rounds": t["rounds"],
                         "median": load.summary_of(t)} for t in targets}  # fmt: skip
    results = {
        "label": "consultation", "started_at": started.isoformat(timespec="seconds"),
        "git_commit": load.git_commit(), "machine": host, "opinions": args.opinions,
        "commune": commune.code, "database": load.database_facts(commune)["vendor"],
        "run": {"workers": args.workers, "connections": args.connections,
                "duration_s": args.duration, "rounds": args.rounds, "tool": loadgen.tool()},
        "pages": pages, "posts": posts, "posts_compared": compared, "export": exported,
        "goals": GOALS,
    }  # fmt: skip
    out = load.RESULTS / "consultation.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("\n" + "\n".join(report(pages, posts, exported, compared)))
    print(f"Tải máy lúc cuối {host['load_average_at_end']}. Đã ghi {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
