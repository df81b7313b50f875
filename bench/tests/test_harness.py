"""The bench harness: the bare view exists only in the bench URL map, and the report computes
the two goals of issue 2 from saved results."""

import pytest
from django.urls import Resolver404, resolve

from bench import report, urls_bench
from dancoso import urls as product_urls


def test_the_product_has_no_bench_route():
    with pytest.raises(Resolver404):
        resolve("/bench/bare")


def test_the_bench_url_map_is_the_product_map_plus_the_bare_views():
    assert urls_bench.urlpatterns[2:] == product_urls.urlpatterns
    assert resolve("/bench/bare", urlconf="bench.urls_bench").func is urls_bench.bare
    insert = resolve("/bench/bare-insert", urlconf="bench.urls_bench").func
    assert insert is urls_bench.bare_insert
    with pytest.raises(Resolver404):
        resolve("/bench/bare-insert")


@pytest.mark.django_db
@pytest.mark.urls("bench.urls_bench")
def test_the_bare_view_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/bench/bare")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def run(label: str, bare_rps: float, pages: dict[str, tuple[float, float]]) -> dict:
    medians = {"bare": {"rps": bare_rps, "p50": 1, "p95": 2, "p99": 3, "max": 4}}
    for name, (rps, p95) in pages.items():
        medians[name] = {"rps": rps, "p50": p95 / 2, "p95": p95, "p99": p95, "max": p95}
    return {"label": label, "pages": {n: {"median": m, "status": 200} for n, m in medians.items()}}


def test_report_marks_each_goal_met_or_not():
    big = run("1m", 1000, {"commune": (600, 30.0), "households": (100, 100.0)})
    small = run("1k", 1000, {"commune": (650, 25.0), "households": (300, 40.0)})
    rows = {row[0]: row for row in report.goal_rows(big, small)}
    assert rows["commune"][3] == "1.20 (đạt)"
    assert rows["commune"][4] == "0.60 (đạt)"
    assert rows["households"][3] == "2.50 (chưa đạt)"
    assert rows["households"][4] == "0.10 (chưa đạt)"


def test_report_says_when_a_page_could_not_be_measured():
    big = run("1m", 1000, {"commune": (600, 30.0)})
    big["pages"]["households"] = {"median": None, "status": 404}
    small = run("1k", 1000, {"commune": (650, 25.0), "households": (300, 40.0)})
    rows = {row[0]: row for row in report.goal_rows(big, small)}
    assert rows["households"][3] == "không đo được"
    assert "HTTP 404" in report.run_rows(big)[2][1]
