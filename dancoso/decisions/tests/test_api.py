"""The decisions API: a whole decision driven through HTTP, idempotent writes, scoping."""

import json

import pytest

from dancoso.core.testing import login_verified
from dancoso.decisions.law import Kind
from dancoso.decisions.models import Ballot, Decision
from dancoso.decisions.tests import factories as f

BASE = "/api/v1/decisions"


def post(client, url, body=None, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, data=json.dumps(body or {}), content_type="application/json", **headers)


@pytest.fixture
def organiser(client, village_head):
    return login_verified(client, village_head)


def new_decision(client, world, **extra):
    body = {
        "village_id": world.village.pk,
        "kind": 6,
        "title": "Làm sân bóng chuyền",
        "question": "Thôn làm sân bóng chuyền ở nhà văn hóa?",
        "channels": ["online", "ballot"],
        "voting_on": "2026-06-10",
        "ballot_plan_on": "2026-06-05",
    } | extra
    return post(client, BASE, body, key="create-1")


def test_create_is_idempotent_and_refuses_what_the_law_refuses(organiser, world):
    first = new_decision(organiser, world)
    assert first.status_code == 201
    again = new_decision(organiser, world)
    assert again.json() == first.json() and Decision.objects.count() == 1
    other = post(organiser, BASE, {"kind": 1}, key="create-1")
    assert other.status_code == 422
    refused = post(
        organiser,
        BASE,
        {
            "village_id": world.village.pk,
            "kind": 1,
            "title": "Đóng góp đường",
            "question": "Mỗi hộ góp 500.000 đồng?",
            "channels": ["online"],
            "voting_on": "2026-06-10",
        },
    )
    assert refused.status_code == 400 and refused.json()["code"] == "online_kind"


def test_a_whole_vote_through_the_api(client, organiser, world, commune_officer, village_head):
    pairs = f.village_households(world.village, 3)
    d = new_decision(organiser, world).json()
    url = f"{BASE}/{d['id']}"
    assert post(organiser, f"{url}/steps/publish-electorate").json()["state"] == "electorate"
    voters = []
    for _, user in pairs:
        voter = client.__class__()
        voter.force_login(user)
        voters.append(voter)
        assert post(voter, f"{url}/poll", {"wants_online": True}).status_code == 201
    assert post(organiser, f"{url}/steps/open").json()["state"] == "open"
    agree = next(o["id"] for o in d["options"] if o["role"] == "agree")
    cast = post(voters[0], f"{url}/ballots", {"option_id": agree}, key="vote-1")
    assert cast.status_code == 201 and len(cast.json()["receipt"]) == 14
    replay = post(voters[0], f"{url}/ballots", {"option_id": agree}, key="vote-1")
    assert replay.json() == cast.json() and Ballot.objects.count() == 1
    twice = post(voters[0], f"{url}/ballots", {"option_id": agree}, key="vote-2")
    assert twice.status_code == 400 and twice.json()["code"] == "already_voted"
    post(voters[1], f"{url}/ballots", {"option_id": agree})
    assert organiser.get(f"{url}/result").status_code == 400  # no interim result
    home = pairs[2][0]
    assert post(organiser, f"{url}/returns", {"household_ids": [home.pk]}).status_code == 201
    batch = post(organiser, f"{url}/batches", {"source": "paper", "counts": {agree: 2}})
    assert batch.status_code == 400 and batch.json()["code"] == "too_many"
    batch = post(organiser, f"{url}/batches", {"source": "paper", "counts": {agree: 1}}).json()
    second = login_verified(client.__class__(), commune_officer)
    confirm = post(second, f"{url}/batches/{batch['batch']}/confirm")
    assert confirm.json()["status"] == "confirmed"
    team = {"ballot_team": ["Nông Văn Đức", "Lương Thị Mến", "Chu Văn Hải"],
            "witnesses": ["Hoàng Thị Duyên", "Lăng Văn Khải"]}  # fmt: skip
    assert post(organiser, f"{url}/officers", team).status_code == 200
    for step in ("close", "count", "publish"):
        assert post(organiser, f"{url}/steps/{step}").status_code == 200
    result = organiser.get(f"{url}/result").json()
    assert result["ballots"] == 3 and result["electorate"] == 4 and result["adopted"] is True
    checked = post(voters[0], f"{url}/receipts/check", {"code": cast.json()["receipt"]})
    assert checked.json() == {"counted": True}
    assert len(organiser.get(f"{url}/receipts").json()["hashes"]) == 3


def test_another_commune_sees_nothing(client, world, village_head, officer_of_other_commune):
    d = f.decision(village_head, world.village)
    other = login_verified(client, officer_of_other_commune)
    assert other.get(f"{BASE}/{d.pk}").status_code == 404
    assert other.get(BASE).json()["count"] == 0
    assert post(other, f"{BASE}/{d.pk}/steps/publish-electorate").status_code == 404
    assert other.get(f"{BASE}/{2**63}").status_code in (404, 422)


def test_the_list_costs_the_same_whatever_its_length(
    organiser, world, village_head, django_assert_num_queries
):
    for i in range(3):
        f.decision(village_head, world.village, title=f"Nội dung {i}")
    organiser.get(BASE)
    with django_assert_num_queries(7):
        organiser.get(BASE)
    for i in range(5):
        f.decision(village_head, world.village, title=f"Nội dung thêm {i}")
    with django_assert_num_queries(7):
        assert organiser.get(BASE).json()["count"] == 8


def test_send_and_recognition_through_the_api(client, world, village_head, commune_chair):
    from dancoso.decisions.tests.test_recognition import _decided

    d = _decided(village_head, commune_chair, world, Kind.CONVENTION)
    organiser = login_verified(client, village_head)
    assert post(organiser, f"{BASE}/{d.pk}/sent", {"sent_on": "2026-06-11"}).status_code == 200
    chair = login_verified(client.__class__(), commune_chair)
    body = {"recognised": True, "on": "2026-06-15"}
    answer = post(chair, f"{BASE}/{d.pk}/recognition", body, key="r-1")
    assert answer.json()["effective_on"] == "2026-06-15"
    assert post(chair, f"{BASE}/{d.pk}/recognition", body, key="r-1").json() == answer.json()


def test_initiatives_through_the_api(client, world):
    pairs = f.village_households(world.village, 9)
    client.force_login(pairs[0][1])
    body = {"village_id": world.village.pk, "title": "Nhà để xe", "content": "Làm nhà để xe."}
    made = post(client, "/api/v1/initiatives", body, key="i-1")
    assert made.status_code == 201 and made.json()["needed"] == 1
    url = f"/api/v1/initiatives/{made.json()['id']}"
    assert post(client, f"{url}/consents").json()["consents"] == 1
    assert post(client, f"{url}/consents").json()["code"] == "already_consented"
    stranger = client.__class__()
    stranger.force_login(f.village_households(world.foreign_village, 1, prefix="Z")[0][1])
    assert stranger.get(url).status_code == 404
    assert post(stranger, f"{url}/consents").status_code == 404
