"""The feedback API: public intake and tracking (CSRF token needed, rate-limited), rating,
the officer's inbox (query count pinned), case with the sender masked, actions."""

import json

import pytest
from django.test import Client

from dancoso.core.testing import login_verified
from dancoso.feedback import services
from dancoso.feedback.models import Case

from .factories import MARKER, denunciation, report

pytestmark = pytest.mark.django_db
BODY = {
    "commune": 6193,
    "kind": "kien_nghi",
    "subject": "Lắp camera ở ngã ba",
    "description": "Ngã ba Bản Lải hay xảy ra va chạm.",
    "phone": "0912000333",
}


def public_client():
    client = Client(enforce_csrf_checks=True)
    client.get("/phan-anh/tra-cuu/")  # the page sets the CSRF cookie
    return client, client.cookies["csrftoken"].value


def post(client, url, body, token=None):
    headers = {"HTTP_X_CSRFTOKEN": token} if token else {}
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def test_public_intake_needs_the_csrf_token_then_answers_the_code(world):
    client, token = public_client()
    assert post(client, "/api/v1/feedback/submit", BODY).status_code == 403
    response = post(client, "/api/v1/feedback/submit", BODY, token)
    assert response.status_code == 201
    code = response.json()["tracking_code"]
    tracked = client.get(f"/api/v1/feedback/track/{code}").json()
    assert tracked["status"] == "received" and tracked["deadlines"][0]["name"] == "reception_answer"
    bad = post(client, "/api/v1/feedback/submit", BODY | {"phone": ""}, token)
    assert bad.status_code == 400 and "phone" in bad.json()["fields"]
    assert post(client, "/api/v1/feedback/submit", {"commune": "x"}, token).status_code == 400
    assert client.get("/api/v1/feedback/track/ZZZZ").status_code == 404


def test_public_intake_is_rate_limited_per_phone(world):
    client, token = public_client()
    codes = [post(client, "/api/v1/feedback/submit", BODY, token).status_code for _ in range(6)]
    assert codes == [201] * 5 + [429]


def test_rating_through_the_api(world, commune_officer):
    case = services.answer_case(report(world.commune), actor=commune_officer, answer="Xong")
    client, token = public_client()
    url = f"/api/v1/feedback/track/{case.tracking_code}/rating"
    assert post(client, url, {}, token).status_code == 400
    assert post(client, url, {"satisfied": False}, token).status_code == 400
    done = post(client, url, {"satisfied": False, "reason": "Chưa sửa", "ask_review": True}, token)
    assert done.status_code == 200 and done.json()["status"] == "accepted"


def test_officer_inbox_case_and_actions(world, commune_officer, django_assert_num_queries):
    client = login_verified(Client(), commune_officer)
    report(world.commune)
    secret = denunciation(world.commune)
    client.get("/api/v1/feedback/cases")
    with django_assert_num_queries(7):
        page = client.get("/api/v1/feedback/cases").json()
    assert page["count"] == 2
    for _ in range(10):
        report(world.commune)
    with django_assert_num_queries(7):
        assert client.get("/api/v1/feedback/cases").json()["count"] == 12
    detail = client.get(f"/api/v1/feedback/cases/{secret.pk}").json()
    assert detail["sender"]["revealed"] is False and MARKER not in json.dumps(detail)
    accepted = post(client, f"/api/v1/feedback/cases/{secret.pk}/actions/thu-ly", {})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    again = post(client, f"/api/v1/feedback/cases/{secret.pk}/actions/thu-ly", {})
    assert again.status_code == 400 and again.json()["code"] == "wrong_status"
    refused = post(client, f"/api/v1/feedback/cases/{secret.pk}/actions/gia-han", {"text": "x"})
    assert refused.status_code == 403  # extensions are the leader's
    assert Case.objects.get(pk=secret.pk).extensions == 0
