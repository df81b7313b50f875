"""The draft page reads opinions by number (keyset): next and previous links that walk every
opinion once, counts per section that include what moderation hid, and a query count that does
not grow with the number of opinions or the depth of the page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dancoso.consultation import queries, services
from dancoso.consultation.models import Opinion

from .factories import first_section

pytestmark = pytest.mark.django_db
LINK = re.compile(r'href="\?(?:phan=(\w+)&amp;)?(sau|truoc)=(\d+)#y-kien"')


def _post(consultation, user, n, section=None):
    for i in range(n):
        services.post_opinion(consultation, actor=user, text=f"Ý kiến {i}.", section=section)


def _walk(client, url, query=""):
    seen, pages = [], 0
    while True:
        html = client.get(url + query).content.decode()
        seen += [int(n) for n in re.findall(r'id="y-kien-(\d+)"', html)]
        pages += 1
        following = [m for m in LINK.findall(html) if m[1] == "sau"]
        if not following:
            return seen, pages, html
        phan = following[0][0]
        query = f"?{'phan=' + phan + '&' if phan else ''}sau={following[0][2]}"


def test_next_links_walk_every_opinion_once_and_back(client, open_consultation, resident):
    _post(open_consultation, resident, 45)
    services.moderate_opinion(Opinion.objects.get(number=7), actor=open_consultation.created_by)
    url = reverse("consultation:detail", args=[open_consultation.pk])
    seen, pages, last = _walk(client, url)
    assert seen == list(range(1, 46)) and pages == 3
    before = [m for m in LINK.findall(last) if m[1] == "truoc"]
    html = client.get(f"{url}?truoc={before[0][2]}").content.decode()
    assert re.findall(r'id="y-kien-(\d+)"', html) == [str(n) for n in range(21, 41)]
    assert "45 ý kiến" in html  # the hidden one is listed (with its reason) and counted


def test_a_sections_pages_keep_the_section(client, open_consultation, resident):
    section = first_section(open_consultation)
    _post(open_consultation, resident, 25, section=section)
    _post(open_consultation, resident, 3)
    url = reverse("consultation:detail", args=[open_consultation.pk])
    seen, pages, _ = _walk(client, url, f"?phan={section.pk}")
    assert len(seen) == 25 and pages == 2
    open_consultation.refresh_from_db()
    sections, totals = queries.draft_counts(open_consultation)
    assert totals == {section.pk: 25, sections[1].pk: 0, None: 3}
    assert [s.opinion_count for s in sections] == [25, 0]
    services.moderate_opinion(
        open_consultation.opinions.get(number=1), actor=open_consultation.created_by
    )
    open_consultation.refresh_from_db()
    sections, totals = queries.draft_counts(open_consultation)
    assert totals[section.pk] == 25 and sections[0].opinion_count == 24
    assert open_consultation.opinions_visible == 27


@pytest.mark.parametrize("bad", ["-1", "abc", "9" * 12, "1e3", "²", "١٢"])
def test_a_bad_cursor_reads_the_first_page(client, open_consultation, resident, bad):
    _post(open_consultation, resident, 2)
    url = reverse("consultation:detail", args=[open_consultation.pk])
    assert client.get(f"{url}?sau={bad}").status_code == 200


def test_the_page_costs_the_same_deep_or_shallow(client, open_consultation, resident):
    _post(open_consultation, resident, 3)
    url = reverse("consultation:detail", args=[open_consultation.pk])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _post(open_consultation, resident, 40)
    for query in ("", "?sau=30", "?truoc=20"):
        with CaptureQueriesContext(connection) as large:
            client.get(url + query)
        assert len(large.captured_queries) == len(small.captured_queries), query


def test_the_api_reads_on_after_a_number(client, open_consultation, resident):
    _post(open_consultation, resident, 25)
    base = f"/api/v1/consultations/{open_consultation.pk}/opinions"
    items = client.get(f"{base}?after=20").json()["items"]
    assert [o["number"] for o in items] == [21, 22, 23, 24, 25]
