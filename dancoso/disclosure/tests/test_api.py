"""The disclosure API: public reads and search without sign-in, publishing for officials with
the same checks, queries pinned, and a hypothesis fuzz of every input: never a 5xx."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dancoso.core.actors import SystemActor
from dancoso.core.testing import login_verified

BASE = "/api/v1/disclosure"
SYSTEM = SystemActor("tests")


def test_public_list_detail_and_search(client, world, publish, django_assert_num_queries):
    d = publish(SYSTEM, category="xa-03", title="Kế hoạch sử dụng đất năm 2026")
    with django_assert_num_queries(3):
        body = client.get(f"{BASE}/public/communes/{world.commune.code}").json()
    assert body["count"] == 1 and body["items"][0]["title"] == d.title
    for i in range(30):
        publish(SYSTEM, title=f"Thông báo {i}")
    with django_assert_num_queries(3):
        assert len(client.get(f"{BASE}/public/communes/{world.commune.code}").json()["items"]) == 25
    detail = client.get(f"{BASE}/public/communes/{world.commune.code}/{d.public_id}").json()
    assert detail["forms"] == ["portal", "posted_office", "posted_village"]
    found = client.get(f"{BASE}/public/search", {"q": "ke hoach su dung dat"}).json()
    assert found["count"] == 1 and found["items"][0]["id"] == str(d.public_id)
    other = f"{BASE}/public/communes/{world.other_commune.code}/{d.public_id}"
    assert client.get(other).status_code == 404


def test_publishing_needs_an_official_and_follows_the_law(client, world, commune_officer, resident):
    data = {
        "commune": world.commune.code,
        "category": "xa-02",
        "title": "Dự toán 2027",
        "forms": ["posted_office", "posted_village"],
    }
    assert (
        client.post(f"{BASE}/disclosures", data, content_type="application/json").status_code == 401
    )
    client.force_login(resident)
    denied = client.post(f"{BASE}/disclosures", data, content_type="application/json")
    assert denied.status_code == 403
    client.logout()
    login_verified(client, commune_officer)
    short = {**data, "ends_on": timezone.localdate().isoformat()}
    refused = client.post(f"{BASE}/disclosures", short, content_type="application/json")
    assert refused.status_code == 400 and "30 ngày" in refused.json()["detail"]
    made = client.post(f"{BASE}/disclosures", data, content_type="application/json")
    assert made.status_code == 201 and made.json()["category"] == "xa-02"


def test_the_obligations_summary_is_for_readers_only(client, world, commune_officer, resident):
    url = f"{BASE}/communes/{world.commune.code}/obligations/2026"
    client.force_login(resident)
    assert client.get(url).status_code == 404
    client.logout()
    login_verified(client, commune_officer)
    assert client.get(url).json()["total"] == 11


text = st.text(max_size=300)
maybe_int = st.one_of(st.none(), st.integers(min_value=-(2**70), max_value=2**70), text)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    q=text,
    commune=maybe_int,
    category=st.one_of(st.none(), text),
    page=maybe_int,
    day=st.one_of(st.none(), text, st.dates().map(str)),
)
def test_fuzz_public_reads_never_fail(client, q, commune, category, page, day):
    params = {
        k: v
        for k, v in {
            "q": q,
            "commune": commune,
            "category": category,
            "page": page,
            "date_from": day,
        }.items()
        if v is not None
    }
    assert client.get(f"{BASE}/public/search", params).status_code < 500
    assert (
        client.get(
            f"{BASE}/public/communes/6193", {"page": page or 1, "category": category or ""}
        ).status_code
        < 500
    )


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    payload=st.dictionaries(
        st.sampled_from(
            [
                "commune",
                "village",
                "agency",
                "category",
                "title",
                "summary",
                "body",
                "forms",
                "starts_on",
                "ends_on",
                "document_date",
                "obligation",
                "obligation_year",
                "has_loudspeaker",
            ]
        ),
        st.one_of(
            st.none(),
            text,
            st.integers(min_value=-(2**70), max_value=2**70),
            st.booleans(),
            st.lists(text, max_size=12),
            st.dates().map(str),
        ),
    )
)
def test_fuzz_publishing_never_fails(client, world, commune_officer, payload):
    login_verified(client, commune_officer)
    payload.setdefault("commune", world.commune.code)
    response = client.post(f"{BASE}/disclosures", payload, content_type="application/json")
    assert response.status_code < 500, response.content
    assert response.status_code != 401  # the fuzz reaches the service, not the sign-in wall


def test_nul_and_control_characters_are_dropped_not_a_server_error(client, world, commune_officer):
    assert client.get(f"{BASE}/public/search", {"q": "a\x00b"}).status_code == 200
    assert client.get(f"{BASE}/public/communes/6193", {"category": "\x00"}).json()["count"] == 0
    assert client.get("/xa/6193/cong-khai/tim-kiem/", {"q": "\x00dat"}).status_code == 200
    login_verified(client, commune_officer)
    made = client.post(
        f"{BASE}/disclosures",
        {"commune": 6193, "category": "xa-14", "title": "Thông\x00 báo", "body": "<p>x\x00y</p>"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["title"] == "Thông báo"


def test_api_search_costs_the_same_whatever_the_number(
    client, world, publish, django_assert_num_queries
):
    publish(SYSTEM, title="Kế hoạch số 0")
    queries = 4  # the commune, the term look-up (search.py), the count, the page
    with django_assert_num_queries(queries):
        client.get(f"{BASE}/public/search", {"q": "ke hoach", "commune": world.commune.code})
    for i in range(30):
        publish(SYSTEM, title=f"Kế hoạch số {i + 1}")
    with django_assert_num_queries(queries):
        body = client.get(
            f"{BASE}/public/search", {"q": "ke hoach", "commune": world.commune.code}
        ).json()
    assert body["count"] == 31 and len(body["items"]) == 25
