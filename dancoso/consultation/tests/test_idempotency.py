"""SECURITY.md test 3 on the consultation API writes: an ``Idempotency-Key`` replayed 50 times
in a row and 20 at once has one effect (one opinion, one support, one audit event); the same
key with another body gets 422; a bad key 400; a rate-limited first try frees its key."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from dancoso.audit.models import AuditEvent
from dancoso.consultation import services
from dancoso.consultation.models import Opinion, Support

from .factories import make_open

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consultations"


def post(client, url, body, key):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def test_a_comment_replayed_50_times_is_stored_once(client, open_consultation, resident):
    client.force_login(resident)
    url = f"{BASE}/{open_consultation.pk}/opinions/new"
    answers = [post(client, url, {"text": "Góp ý một lần."}, "y-kien-1") for _ in range(50)]
    assert {a.status_code for a in answers} == {201}
    assert all(a.json() == answers[0].json() for a in answers)
    assert answers[1]["Idempotent-Replayed"] == "true"
    assert Opinion.objects.filter(consultation=open_consultation).count() == 1
    assert AuditEvent.objects.filter(action="consultation.post_opinion").count() == 1
    other = post(client, url, {"text": "Nội dung khác."}, "y-kien-1")
    assert other.status_code == 422 and other.json()["code"] == "idempotency_reused"
    assert post(client, url, {"text": "x"}, "có khoảng trắng").status_code == 400
    fresh = post(client, url, {"text": "Ý kiến thứ hai."}, "y-kien-2")
    assert fresh.status_code == 201 and fresh.json()["number"] == 2


def test_a_refusal_is_replayed_not_rerun(client, open_consultation, resident):
    client.force_login(resident)
    url = f"{BASE}/{open_consultation.pk}/opinions/new"
    first = post(client, url, {"text": "x", "anonymous": True}, "an-danh")
    assert first.status_code == 400 and "ẩn danh" in first.json()["detail"]
    assert post(client, url, {"text": "x", "anonymous": True}, "an-danh").json() == first.json()
    assert not Opinion.objects.exists()


def test_a_support_replayed_50_times_counts_once(
    client, open_consultation, resident, household_head
):
    opinion = services.post_opinion(open_consultation, actor=resident, text="Nên làm.")
    client.force_login(household_head)
    url = f"{BASE}/{open_consultation.pk}/opinions/{opinion.number}/support"
    codes = {post(client, url, {}, "ung-ho").status_code for _ in range(50)}
    assert codes == {201} and Support.objects.filter(opinion=opinion).count() == 1
    again = post(client, url, {}, None)  # no key: a real second support, refused
    assert again.status_code == 400 and again.json()["code"] == "already_supported"


def test_a_throttled_try_frees_its_key(client, open_consultation, resident, monkeypatch):
    from django.core.cache import cache

    from dancoso.consultation.views import common

    client.force_login(resident)
    url = f"{BASE}/{open_consultation.pk}/opinions/new"
    with monkeypatch.context() as patched:
        patched.setattr(common, "WRITE_RATE_PER_USER", "0/h")
        assert post(client, url, {"text": "Sớm quá."}, "k").status_code == 429
    cache.clear()  # the limit has passed
    assert post(client, url, {"text": "Sớm quá."}, "k").status_code == 201


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_20_at_once_store_one_comment():
    from dancoso.accounts.roles import Role
    from dancoso.core.testing import build_world, grant, make_user

    world = build_world()
    officer = make_user("canbo_idem")
    grant(officer, Role.COMMUNE_OFFICER, world.commune)
    resident = make_user("dan_idem")
    grant(resident, Role.RESIDENT, world.village)
    consultation = make_open(world.commune, officer)
    url = f"{BASE}/{consultation.pk}/opinions/new"
    barrier, codes = threading.Barrier(20), []

    def run():
        client = Client()
        client.force_login(resident)
        try:
            barrier.wait()
            codes.append(post(client, url, {"text": "Cùng một lần gửi."}, "cung-luc").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(codes) == 20 and set(codes) <= {201, 409} and 201 in codes, codes
    assert Opinion.objects.filter(consultation=consultation).count() == 1
    assert AuditEvent.objects.filter(action="consultation.post_opinion").count() == 1
