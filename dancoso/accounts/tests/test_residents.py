"""Residents sign in with a one-time code sent by SMS or e-mail: request, verify, and every way
a code stops working (wrong, expired, used, replaced, guessed too often); requests and
verifications are rate limited with the Vietnamese 429 page, never a server error."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dancoso.accounts import codes
from dancoso.accounts.models import OneTimeCode, User
from dancoso.accounts.views import SESSION_DESTINATION
from dancoso.audit.models import AuditEvent

from .conftest import code_sent_to

CODE_LOGIN = reverse("accounts:code_login")
VERIFY = reverse("accounts:code_verify")
HOME = reverse("portal:home")
TOO_MANY = "Bạn đã gửi quá nhiều yêu cầu"


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def other_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_a_resident_signs_in_with_a_code_sent_by_sms(world, resident, outbox, ask_code):
    client = Client()
    response = ask_code(client, "+84 912 345 678")
    anonymous_key = client.cookies["sessionid"].value
    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next={HOME}"
    assert [m["channel"] for m in outbox] == ["sms"] and outbox[0]["to"] == "0912345678"
    assert "hiệu lực 10 phút" in outbox[0]["text"]
    assert "0912345678" in client.get(VERIFY).content.decode()

    response = client.post(VERIFY, {"token": code_sent_to(outbox, "0912345678")})
    assert response.status_code == 302 and response["Location"] == HOME
    assert signed_in_user(client) == resident
    assert client.cookies["sessionid"].value != anonymous_key  # the session id rotated
    stored = OneTimeCode.objects.get()
    assert stored.used_at is not None and code_sent_to(outbox, "0912345678") not in stored.code_hash


def test_a_first_sign_in_by_e_mail_opens_an_account(world, outbox, ask_code):
    client = Client()
    ask_code(client, "  Lan.Nong@Example.VN ")
    assert outbox[0]["channel"] == "email" and outbox[0]["to"] == "lan.nong@example.vn"
    assert outbox[0]["subject"] == "Mã đăng nhập dancoso"

    client.post(VERIFY, {"token": code_sent_to(outbox, "lan.nong@example.vn")})
    user = signed_in_user(client)
    assert user.email == "lan.nong@example.vn" and not user.has_usable_password()
    event = AuditEvent.objects.get(action="accounts.open_resident_account")
    assert event.summary == {"channel": "email"} and "lan" not in str(event.summary)


def test_the_answer_does_not_tell_whether_an_account_exists(world, resident, outbox, ask_code):
    known = ask_code(Client(), "0912345678")
    unknown = ask_code(Client(), "0977000111")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert not User.objects.filter(phone="0977000111").exists()  # opened only when signing in


@pytest.mark.parametrize("typed", ["", "0123", "012345678901", "ai đó", "091234567x", "a@b"])
def test_what_is_neither_a_mobile_nor_an_address_is_refused_in_vietnamese(
    world, outbox, ask_code, typed
):
    response = ask_code(Client(), typed)
    assert response.status_code == 200
    assert "Hãy nhập số điện thoại di động" in response.content.decode() or not typed
    assert outbox == [] and not OneTimeCode.objects.exists()


def test_a_wrong_code_is_refused_and_the_right_one_still_works(world, resident, outbox, ask_code):
    client = Client()
    ask_code(client, "0912345678")
    code = code_sent_to(outbox, "0912345678")
    response = client.post(VERIFY, {"token": other_code(code)})
    assert response.status_code == 200
    assert str(codes.CODE_WRONG) in response.content.decode()
    assert signed_in_user(client) is None
    assert client.post(VERIFY, {"token": code})["Location"] == HOME


def test_an_expired_code_is_refused(world, resident, outbox, ask_code):
    client = Client()
    ask_code(client, "0912345678")
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(VERIFY, {"token": code_sent_to(outbox, "0912345678")})
    assert str(codes.CODE_WRONG) in response.content.decode()
    assert signed_in_user(client) is None


def test_a_code_lives_ten_minutes(world, outbox, ask_code):
    before = timezone.now()
    ask_code(Client(), "0912345678")
    after = timezone.now()
    expires_at = OneTimeCode.objects.get().expires_at
    assert before + timedelta(minutes=10) <= expires_at <= after + timedelta(minutes=10)


def test_a_used_code_is_refused(world, resident, outbox, ask_code):
    client = Client()
    ask_code(client, "0912345678")
    code = code_sent_to(outbox, "0912345678")
    client.post(VERIFY, {"token": code})

    replay = Client()  # someone else who saw the SMS, with the destination in their session
    session = replay.session
    session[SESSION_DESTINATION] = "0912345678"
    session.save()
    response = replay.post(VERIFY, {"token": code})
    assert str(codes.CODE_WRONG) in response.content.decode()
    assert signed_in_user(replay) is None


def test_a_new_code_voids_the_earlier_one(world, resident, outbox, ask_code):
    client = Client()
    ask_code(client, "0912345678")
    first = code_sent_to(outbox, "0912345678")
    ask_code(client, "0912345678")
    second = code_sent_to(outbox, "0912345678")
    if first != second:
        assert str(codes.CODE_WRONG) in client.post(VERIFY, {"token": first}).content.decode()
    assert client.post(VERIFY, {"token": second})["Location"] == HOME


def test_code_guessing_stops_after_five_tries(world, resident, outbox, ask_code):
    """SECURITY.md test 14: the code is dead after 5 wrong tries, well before 10."""
    client = Client()
    ask_code(client, "0912345678")
    code = code_sent_to(outbox, "0912345678")
    for _ in range(5):
        response = client.post(VERIFY, {"token": other_code(code)})
        assert response.status_code in (200, 429)
    response = client.post(VERIFY, {"token": code})
    assert response.status_code in (200, 429)
    assert signed_in_user(client) is None
    assert OneTimeCode.objects.get().used_at is not None


def test_verifying_without_asking_first_goes_back_to_step_one(world):
    response = Client().post(VERIFY, {"token": "123456"})
    assert response.status_code == 302 and response["Location"] == CODE_LOGIN


def test_one_destination_gets_at_most_five_codes_an_hour(world, outbox, ask_code):
    answers = [ask_code(Client(), "0912 345 678").status_code for _ in range(6)]
    assert answers == [302] * 5 + [429]
    assert len(outbox) == 5
    # the same number written another way is the same destination
    response = ask_code(Client(), "+84912345678")
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert ask_code(Client(), "0987000111").status_code == 302  # other people are unaffected


def test_one_address_gets_at_most_two_hundred_code_requests_an_hour(world, outbox, ask_code):
    client = Client(REMOTE_ADDR="203.113.0.7")
    answers = [ask_code(client, f"09{n:08d}").status_code for n in range(201)]
    assert answers[:200] == [302] * 200 and answers[200] == 429
    assert len(outbox) == 200
    other = Client(REMOTE_ADDR="203.113.0.8")
    assert ask_code(other, "0912345678").status_code == 302


def test_one_address_gets_at_most_three_hundred_verifications_an_hour(world, outbox, ask_code):
    client = Client(REMOTE_ADDR="203.113.0.9")
    ask_code(client, "0912345678")
    answers = [client.post(VERIFY, {"token": "x"}).status_code for _ in range(301)]
    assert answers[:300] == [200] * 300
    assert answers[300] == 429
    response = client.post(VERIFY, {"token": code_sent_to(outbox, "0912345678")})
    assert response.status_code == 429 and TOO_MANY in response.content.decode()
    assert "Mã lỗi: 429" in response.content.decode()


def test_an_official_signing_in_with_a_code_still_needs_the_second_factor(
    world, commune_officer, outbox, ask_code
):
    commune_officer.phone = "0911222333"
    commune_officer.save()
    client = Client()
    ask_code(client, "0911222333")
    client.post(VERIFY, {"token": code_sent_to(outbox, "0911222333")})
    assert signed_in_user(client) == commune_officer
    response = client.get(reverse("portal:workspace"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor"))
