"""The synthesis report's web page is read 50 opinions at a time by keyset: group by group with
each group's answer, then the opinions without one, every opinion exactly once whichever way
the reader walks, the totals of the whole report on every page, and a query count that does
not grow with the number of opinions or the depth of the page."""

import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dancoso.consultation import queries, services
from dancoso.consultation.lifecycle import State
from dancoso.consultation.models import Opinion

from .factories import force_state

pytestmark = pytest.mark.django_db
LINK = re.compile(r'href="\?(sau|truoc)=(\d+)#tra-loi"')
ITEM = re.compile(r'id="y-kien-(\d+)"')


def _post(consultation, user, n):
    for i in range(n):
        services.post_opinion(consultation, actor=user, text=f"Ý kiến số {i + 1}.")


def _answer(consultation, numbers, title):
    services.answer_opinions(
        consultation,
        actor=consultation.created_by,
        numbers=numbers,
        title=title,
        verdict="khong_tiep_thu",
        answer=f"Giải trình cho {title}.",
    )


def _links(html, kind):
    return [int(n) for k, n in LINK.findall(html) if k == kind]


@pytest.fixture
def report(open_consultation, resident):
    """130 opinions, #5 hidden; group A answers 3, 60 and 120, group B 10–39; the rest wait."""
    _post(open_consultation, resident, 130)
    services.moderate_opinion(
        open_consultation.opinions.get(number=5),
        actor=open_consultation.created_by,
        reason="ẩn do vi phạm quy tắc",
    )
    consultation = force_state(open_consultation, State.CLOSED)
    _answer(consultation, [120, 3, 60], "Nhóm A")
    _answer(consultation, list(range(10, 40)), "Nhóm B")
    return force_state(consultation, State.PUBLISHED)


def test_next_links_walk_the_report_group_by_group(client, report):
    url = reverse("consultation:synthesis", args=[report.pk])
    seen, pages, query = [], [], ""
    while True:
        html = client.get(url + query).content.decode()
        pages.append(html)
        seen += [int(n) for n in ITEM.findall(html)]
        following = _links(html, "sau")
        if not following:
            break
        query = f"?sau={following[0]}"
    rest = [n for n in range(1, 131) if n not in {3, 60, 120} and not 10 <= n < 40]
    assert seen == [3, 60, 120, *range(10, 40), *rest]
    assert len(pages) == 3
    for html in pages:  # the totals of the whole report head every page
        assert "130 ý kiến, kể cả ý kiến bị ẩn" in html and "Tổng số 129 ý kiến." in html
    assert "Giải trình cho Nhóm A." in pages[0] and "Giải trình cho Nhóm B." in pages[0]
    assert "Ý kiến bị ẩn: ẩn do vi phạm quy tắc" in pages[0]
    assert "Ý kiến số 5." not in "".join(pages)
    previous = client.get(f"{url}?truoc={_links(pages[2], 'truoc')[0]}").content.decode()
    assert ITEM.findall(previous) == ITEM.findall(pages[1])


def test_a_page_that_opens_inside_a_group_repeats_its_answer(client, report):
    url = reverse("consultation:synthesis", args=[report.pk])
    html = client.get(f"{url}?sau=20").content.decode()
    assert [int(n) for n in ITEM.findall(html)][:3] == [21, 22, 23]
    assert "Giải trình cho Nhóm B." in html and "Giải trình cho Nhóm A." not in html


@pytest.mark.parametrize("seed", range(4))
def test_every_walk_reads_each_opinion_once_in_report_order(open_consultation, resident, seed):
    rng = random.Random(seed)
    _post(open_consultation, resident, 23)
    consultation = force_state(open_consultation, State.CLOSED)
    numbers = list(range(1, 24))
    rng.shuffle(numbers)
    cut = sorted(rng.sample(range(1, 22), 3))
    for i, chunk in enumerate([numbers[: cut[0]], numbers[cut[0] : cut[1]]]):
        _answer(consultation, chunk, f"Nhóm {i}")
    expected = [o.number for o in queries.synthesis_opinions(consultation)]
    assert sorted(expected) == list(range(1, 24))
    opinions = queries.synthesis_opinions(consultation)

    def page(**cursor):
        return queries.keyset_page(opinions, size=4, seek=queries.synthesis_seek, **cursor)

    forward, current = [], page()
    while True:
        forward += [o.number for o in current.object_list]
        if current.after is None:
            break
        current = page(after=current.after)
    assert forward == expected
    backward = [o.number for o in current.object_list]
    while current.before is not None:
        current = page(before=current.before)
        backward = [o.number for o in current.object_list] + backward
    assert backward == expected


def test_the_page_costs_the_same_deep_or_shallow(client, open_consultation, resident):
    _post(open_consultation, resident, 3)
    consultation = force_state(open_consultation, State.CLOSED)
    _answer(consultation, [1], "Nhóm A")
    force_state(consultation, State.PUBLISHED)
    url = reverse("consultation:synthesis", args=[consultation.pk])
    small = {}
    for kind, query in (("first", ""), ("next", "?sau=2"), ("previous", "?truoc=3")):
        with CaptureQueriesContext(connection) as queries_run:
            client.get(url + query)
        small[kind] = len(queries_run.captured_queries)
    force_state(consultation, State.OPEN)
    _post(consultation, resident, 120)
    force_state(consultation, State.CLOSED)
    _answer(consultation, list(range(40, 90)), "Nhóm B")
    force_state(consultation, State.PUBLISHED)
    for kind, query in (("first", ""), ("next", "?sau=60"), ("previous", "?truoc=100")):
        with CaptureQueriesContext(connection) as large:
            client.get(url + query)
        assert len(large.captured_queries) == small[kind], query


@pytest.mark.parametrize("bad", ["-1", "abc", "9" * 12, "999999", "²"])
def test_a_bad_cursor_reads_from_the_start(client, report, bad):
    url = reverse("consultation:synthesis", args=[report.pk])
    html = client.get(f"{url}?sau={bad}").content.decode()
    assert [int(n) for n in ITEM.findall(html)][:3] == [3, 60, 120]
    assert client.get(f"{url}?truoc={bad}").status_code == 200


def test_the_page_is_still_hidden_before_publication(client, open_consultation, resident):
    _post(open_consultation, resident, 1)
    url = reverse("consultation:synthesis", args=[open_consultation.pk])
    assert client.get(f"{url}?sau=1").status_code == 404
    assert Opinion.objects.filter(consultation=open_consultation).count() == 1
