"""The oversight API: public reads, idempotent officer writes, scoping, the overdue list."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from dancoso.core.testing import login_verified
from dancoso.oversight import services
from dancoso.oversight.models import Recommendation

BASE = "/api/v1/oversight"


def post(client, url, body, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, data=json.dumps(body), content_type="application/json", **headers)


def test_public_boards_and_recommendations(
    client, world, approved_plan, recommendation, django_assert_num_queries
):
    with django_assert_num_queries(3):
        boards = client.get(f"{BASE}/public/communes/{world.commune.code}/boards").json()
    assert boards[0]["name"] == "Ban Thanh tra nhân dân xã Cao Lộc"
    assert {m["name"] for m in boards[0]["members"]} >= {"Hoàng Văn Dũng"}
    board_id = boards[0]["id"]
    recs = client.get(f"{BASE}/public/boards/{board_id}/recommendations").json()
    assert recs["count"] == 1 and recs["items"][0]["due_on"] == "2026-04-16"
    plans = client.get(f"{BASE}/public/boards/{board_id}/plans").json()
    assert plans[0]["activities"][0]["title"] == "Giám sát công khai ngân sách"
    assert client.get(f"{BASE}/public/communes/999999/boards").status_code == 404
    assert client.get(f"{BASE}/public/boards/{board_id + 1000}/plans").status_code == 404
    assert client.get(f"{BASE}/public/boards/{2**63}/plans").status_code in (400, 422)


def test_send_is_idempotent(client, board, board_member):
    login_verified(client, board_member)
    body = {"addressee": "commune_committee", "content": "Sửa rãnh", "received_on": "2026-04-01"}
    url = f"{BASE}/boards/{board.pk}/recommendations"
    first = post(client, url, body, key="k-1")
    assert first.status_code == 201 and first.json()["due_on"] == "2026-04-16"
    again = post(client, url, body, key="k-1")
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert post(client, url, body | {"content": "Khác"}, key="k-1").status_code == 422
    assert Recommendation.objects.count() == 1
    blank = post(client, url, body | {"content": "  "})
    assert blank.status_code == 400 and blank.json()["code"] == "content"
    assert post(client, url, body | {"addressee": "x"}).status_code in (400, 422)


def test_writes_need_the_right_person(
    client, board, recommendation, board_member, commune_chair, officer_of_other_commune
):
    answer = f"{BASE}/recommendations/{recommendation.pk}/answer"
    assert post(client, answer, {"answer": "x"}).status_code == 401
    login_verified(client, officer_of_other_commune)
    assert post(client, answer, {"answer": "x"}).status_code == 404
    body = {"addressee": "commune_committee", "content": "x", "received_on": "2026-04-01"}
    assert post(client, f"{BASE}/boards/{board.pk}/recommendations", body).status_code == 404
    login_verified(client, board_member)
    assert post(client, answer, {"answer": "x"}).status_code == 403
    login_verified(client, commune_chair)
    done = post(client, answer, {"answer": "Đã niêm yết."}, key="a-1")
    assert done.status_code == 200 and done.json()["answered_on"] == str(timezone.localdate())
    login_verified(client, board_member)
    judged = post(client, f"{BASE}/recommendations/{recommendation.pk}/judge", {"resolved": True})
    assert judged.json()["resolved"] is True


@pytest.fixture
def overdue(recommendation):
    today = timezone.localdate()
    Recommendation.objects.filter(pk=recommendation.pk).update(
        received_on=today - timedelta(days=30), due_on=today - timedelta(days=15)
    )
    return recommendation


def test_overdue_list_for_province_and_commune(
    client, world, overdue, province_officer, commune_officer, resident, django_assert_num_queries
):
    login_verified(client, province_officer)
    url = f"{BASE}/overdue?province={world.province.code}"
    client.get(url)
    with django_assert_num_queries(7):
        items = client.get(url).json()["items"]
    assert [i["id"] for i in items] == [overdue.pk] and items[0]["overdue"] is True
    login_verified(client, commune_officer)
    assert client.get(url).status_code == 403
    assert client.get(f"{BASE}/overdue?commune={world.commune.code}").json()["count"] == 1
    assert client.get(f"{BASE}/overdue?commune={world.other_commune.code}").status_code == 403
    client.force_login(resident)
    assert client.get(f"{BASE}/overdue?commune={world.commune.code}").status_code == 403


def test_answered_recommendation_leaves_the_overdue_list(
    client, world, overdue, commune_chair, province_officer
):
    services.answer_recommendation(commune_chair, overdue, answer="Đã làm", on=date.today())
    login_verified(client, province_officer)
    assert client.get(f"{BASE}/overdue?province={world.province.code}").json()["count"] == 0
