"""Correcting and withdrawing through the API: the reason required, the public history of
corrections, permissions checked in the services (the village head may see but not correct),
another commune's or agency's disclosure 404 (SECURITY.md test 11), and the Idempotency-Key
(test 3): 50 replays and 20 at once make one correction, one audit event."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dancoso.audit.models import AuditEvent
from dancoso.core.actors import SystemActor
from dancoso.core.testing import login_verified
from dancoso.disclosure.models import Disclosure, DisclosureRevision

BASE = "/api/v1/disclosure"
SYSTEM = SystemActor("tests")


def post(client, url, body, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, data=json.dumps(body), content_type="application/json", **headers)


def corrections(d):
    return f"{BASE}/disclosures/{d.public_id}/corrections"


def withdrawal(d):
    return f"{BASE}/disclosures/{d.public_id}/withdrawal"


@pytest.fixture
def budget(world, publish):
    return publish(SYSTEM, title="Dự toán ngân sách xã năm 2027")


def test_an_officer_corrects_and_the_history_is_public(client, world, commune_officer, budget):
    login_verified(client, commune_officer)
    missing = post(client, corrections(budget), {"reason": "  ", "title": "Dự toán 2027"})
    assert missing.status_code == 400 and "lý do" in missing.json()["detail"]
    same = post(client, corrections(budget), {"reason": "Sửa", "title": budget.title})
    assert same.status_code == 400 and same.json()["code"] == "nothing_changed"
    done = post(
        client,
        corrections(budget),
        {"reason": "Sai tổng chi", "body": "<p>Tổng chi 12,6 tỷ đồng.<script>x()</script></p>"},
    )
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["corrected"] is True and "<script" not in body["body_html"]
    assert [c["reason"] for c in body["corrections"]] == ["Sai tổng chi"]
    client.logout()
    public = client.get(f"{BASE}/public/communes/{world.commune.code}/{budget.public_id}").json()
    assert public["corrections"][0]["reason"] == "Sai tổng chi"
    assert public["corrections"][0]["number"] == 1
    events = AuditEvent.objects.filter(action="disclosure.correct_disclosure")
    assert events.count() == 1


def test_withdrawal_needs_a_reason_and_leaves_a_public_trace(
    client, world, commune_officer, budget
):
    login_verified(client, commune_officer)
    assert post(client, withdrawal(budget), {"reason": ""}).status_code == 400
    assert post(client, withdrawal(budget), {}).status_code == 422  # the schema wants a reason
    done = post(client, withdrawal(budget), {"reason": "Ban hành nhầm kỳ"})
    assert done.status_code == 200 and done.json()["status"] == "withdrawn"
    again = post(client, withdrawal(budget), {"reason": "Lần nữa"})
    assert again.status_code == 400 and again.json()["code"] == "withdrawn"
    fix = post(client, corrections(budget), {"reason": "Sửa", "title": "Khác"})
    assert fix.status_code == 400 and fix.json()["code"] == "withdrawn"
    client.logout()
    public = client.get(f"{BASE}/public/communes/{world.commune.code}/{budget.public_id}").json()
    assert public["withdrawn_reason"] == "Ban hành nhầm kỳ" and public["withdrawn_at"]
    assert public["body_html"] == "" and public["attachments"] == []
    assert AuditEvent.objects.filter(action="disclosure.withdraw_disclosure").count() == 1


def test_who_may_correct_and_withdraw(
    client, world, publish, budget, resident, village_head, officer_of_other_commune
):
    body = {"reason": "Thử", "title": "Đổi tiêu đề"}
    assert post(client, corrections(budget), body).status_code == 401
    assert post(client, withdrawal(budget), {"reason": "x"}).status_code == 401
    for outsider in (resident, officer_of_other_commune):
        login_verified(client, outsider)
        for url, data in ((corrections(budget), body), (withdrawal(budget), {"reason": "x"})):
            answer = post(client, url, data)
            assert answer.status_code == 404 and "Dự toán" not in answer.content.decode()
        client.logout()
    # The village head records the forms of the village's disclosures, so sees this one,
    # but the correct and withdraw permissions are refused in the service.
    in_village = publish(SYSTEM, title="Dự toán thôn", village=world.village)
    login_verified(client, village_head)
    assert post(client, corrections(budget), body).status_code == 404
    assert post(client, corrections(in_village), body).status_code == 403
    assert post(client, withdrawal(in_village), {"reason": "x"}).status_code == 403
    in_village.refresh_from_db()
    assert in_village.title == "Dự toán thôn" and not in_village.is_withdrawn
    assert not AuditEvent.objects.filter(action__startswith="disclosure.correct").exists()


def test_an_agency_disclosure_is_corrected_only_by_its_head(
    client, agency, agency_head, agency_staff, commune_officer
):
    from dancoso.disclosure import services

    internal = services.publish_disclosure(
        actor=agency_head,
        agency=agency,
        category="cq-06",
        title="Kết quả bình xét thi đua quý III",
        forms=["agency_intranet"],
    )
    body = {"reason": "Bổ sung tên", "summary": "Danh sách đầy đủ."}
    login_verified(client, commune_officer)  # the commune's officer: not the agency's
    assert post(client, corrections(internal), body).status_code == 404
    client.logout()
    login_verified(client, agency_staff)  # reads it, may not correct it
    assert post(client, corrections(internal), body).status_code == 403
    client.logout()
    login_verified(client, agency_head)
    done = post(client, corrections(internal), body)
    assert done.status_code == 200 and done.json()["summary"] == "Danh sách đầy đủ."


def test_an_unknown_id_and_a_malformed_one_are_clean_refusals(client, commune_officer):
    login_verified(client, commune_officer)
    unknown = "/api/v1/disclosure/disclosures/00000000-0000-0000-0000-000000000000/withdrawal"
    assert post(client, unknown, {"reason": "x"}).status_code == 404
    malformed = f"{BASE}/disclosures/not-a-uuid/withdrawal"
    assert post(client, malformed, {"reason": "x"}).status_code == 404
    # No body at all: still the 404 of "not yours", never which fields a body needs.
    assert client.post(unknown).status_code == 404


def test_a_key_replayed_50_times_makes_one_correction(client, commune_officer, budget):
    login_verified(client, commune_officer)
    body = {"reason": "Sai số liệu", "title": "Dự toán ngân sách xã năm 2027 (đã sửa)"}
    answers = [post(client, corrections(budget), body, key="sua-1") for _ in range(50)]
    assert {a.status_code for a in answers} == {200}
    assert all(a.json() == answers[0].json() for a in answers)
    assert answers[1]["Idempotent-Replayed"] == "true"
    assert DisclosureRevision.objects.filter(disclosure=budget).count() == 1
    assert AuditEvent.objects.filter(action="disclosure.correct_disclosure").count() == 1
    other = post(client, corrections(budget), {**body, "reason": "Khác"}, key="sua-1")
    assert other.status_code == 422
    bad = post(client, corrections(budget), body, key="có khoảng trắng")
    assert bad.status_code == 400


def test_a_refusal_is_replayed_too(client, commune_officer, budget):
    login_verified(client, commune_officer)
    first = post(client, withdrawal(budget), {"reason": " "}, key="rut-1")
    again = post(client, withdrawal(budget), {"reason": " "}, key="rut-1")
    assert first.status_code == again.status_code == 400
    assert Disclosure.objects.get(pk=budget.pk).status == "published"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_20_simultaneous_requests_with_one_key_make_one_withdrawal(world, commune_officer):
    from dancoso.disclosure import services

    d = services.publish_disclosure(
        actor=SYSTEM,
        commune=world.commune,
        category="xa-02",
        title="Công khai quyết toán 2025",
        forms=["posted_office", "posted_village"],
    )
    signed_in = Client()
    login_verified(signed_in, commune_officer)
    barrier = threading.Barrier(20)

    def attempt(_):
        client = Client()
        client.cookies = signed_in.cookies
        barrier.wait()
        try:
            return post(client, withdrawal(d), {"reason": "Trùng lặp"}, key="rut-cung-luc")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(attempt, range(20)))
    codes = sorted(a.status_code for a in answers)
    assert set(codes) <= {200, 409} and codes.count(200) >= 1
    assert AuditEvent.objects.filter(action="disclosure.withdraw_disclosure").count() == 1
    assert Disclosure.objects.get(pk=d.pk).withdrawn_reason == "Trùng lặp"


text = st.text(max_size=300)
value = st.one_of(
    st.none(), text, st.integers(min_value=-(2**70), max_value=2**70), st.booleans(),
    st.lists(text, max_size=3),
)  # fmt: skip


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    payload=st.dictionaries(st.sampled_from(["reason", "title", "summary", "body", "x"]), value),
    action=st.sampled_from(["corrections", "withdrawal"]),
    key=st.one_of(st.none(), st.text(max_size=220)),
)
def test_fuzz_corrections_and_withdrawals_never_fail(
    client, commune_officer, budget, payload, action, key
):
    login_verified(client, commune_officer)
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    try:
        response = client.post(
            f"{BASE}/disclosures/{budget.public_id}/{action}",
            data=json.dumps(payload),
            content_type="application/json",
            **headers,
        )
    except ValueError:  # a header the test client itself refuses (newline): never sent
        return
    assert response.status_code < 500, response.content
