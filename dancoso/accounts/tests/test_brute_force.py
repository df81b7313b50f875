"""SECURITY.md test 14, brute force: an account attacked from 10 addresses locks after at most
5 failures; 200 real people behind one mobile-network address are not blocked; the lock-out
page is Vietnamese; locks are by username (and username + address), never by address alone.
Wrong one-time codes count against their phone or address, not against every resident."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from dancoso.accounts.models import User
from dancoso.accounts.throttling import destination_key
from dancoso.core.testing import PASSWORD, make_user

from .conftest import code_sent_to

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:code_verify")
LOCKED = "Tài khoản tạm bị khóa đăng nhập"
VILLAGE_ADDRESS = "113.160.1.1"  # one carrier-grade NAT address for a whole village


def attempt(username, password, ip):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(LOGIN, {"username": username, "password": password})
    return client, response


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_configuration_locks_by_username_and_never_by_address_alone():
    assert settings.AXES_FAILURE_LIMIT <= 5
    assert "username" in settings.AXES_LOCKOUT_PARAMETERS
    assert ["username", "ip_address"] in settings.AXES_LOCKOUT_PARAMETERS
    assert "ip_address" not in settings.AXES_LOCKOUT_PARAMETERS
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_an_account_attacked_from_ten_addresses_locks_after_five_failures(world, commune_officer):
    answers = [
        attempt("canbo", f"doan-sai-{n}", f"198.51.100.{n}")[1].status_code for n in range(1, 11)
    ]
    assert answers[:4] == [200] * 4  # the form again, with its error
    assert answers[4:] == [429] * 6  # the fifth failure locks, whatever the address

    client, response = attempt("canbo", PASSWORD, "198.51.100.77")  # the owner, elsewhere
    assert response.status_code == 429 and not signed_in(client)


def test_the_locked_out_page_is_vietnamese_and_says_how_long(world, commune_officer):
    for n in range(5):
        _, response = attempt("canbo", "doan-sai", f"198.51.100.{n}")
    html = response.content.decode()
    assert response.status_code == 429
    assert LOCKED in html and "15 phút" in html and 'lang="vi"' in html
    assert "canbo" not in html


def test_the_lock_lifts_after_the_cool_off(world, commune_officer):
    for n in range(5):
        attempt("canbo", "doan-sai", f"198.51.100.{n}")
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time
                                 - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))  # fmt: skip
    client, response = attempt("canbo", PASSWORD, "198.51.100.1")
    assert response.status_code == 302 and signed_in(client)


def test_a_success_wipes_the_earlier_failures(world, commune_officer):
    for _ in range(4):
        attempt("canbo", "doan-sai", VILLAGE_ADDRESS)
    assert signed_in(attempt("canbo", PASSWORD, VILLAGE_ADDRESS)[0])
    for _ in range(4):
        attempt("canbo", "doan-sai", VILLAGE_ADDRESS)
    assert signed_in(attempt("canbo", PASSWORD, VILLAGE_ADDRESS)[0])


def test_a_guesser_behind_the_village_address_locks_only_the_account_attacked(world):
    victim, neighbour = make_user("nan_nhan"), make_user("hang_xom")
    for _ in range(6):
        attempt(victim.username, "doan-sai", VILLAGE_ADDRESS)
    assert not signed_in(attempt(victim.username, PASSWORD, VILLAGE_ADDRESS)[0])
    assert signed_in(attempt(neighbour.username, PASSWORD, VILLAGE_ADDRESS)[0])
    assert AccessAttempt.objects.get(username=victim.username).ip_address == VILLAGE_ADDRESS


def test_two_hundred_people_behind_one_address_are_not_blocked(world):
    """Each of 200 villagers mistypes once, then signs in: 200 failures from one address."""
    hashed = make_user("mau").password
    users = User.objects.bulk_create(
        User(username=f"dan{n:03d}", password=hashed) for n in range(200)
    )
    admitted = 0
    for user in users:
        _, typo = attempt(user.username, PASSWORD + "x", VILLAGE_ADDRESS)
        assert typo.status_code == 200
        client, response = attempt(user.username, PASSWORD, VILLAGE_ADDRESS)
        admitted += response.status_code == 302 and signed_in(client)
    assert admitted == 200


@pytest.fixture
def code_session(outbox, ask_code):
    def start(destination, ip):
        client = Client(REMOTE_ADDR=ip)
        ask_code(client, destination)
        return client, code_sent_to(outbox, destination)

    return start


def test_wrong_codes_of_some_residents_do_not_lock_out_the_others(world, code_session):
    for n in range(6):  # six people each mistype their code once, from their own phones
        client, code = code_session(f"09120000{n:02d}", f"100.64.0.{n}")
        client.post(VERIFY, {"token": f"{(int(code) + 1) % 1_000_000:06d}"})
    client, code = code_session("0987654321", "100.64.1.1")
    response = client.post(VERIFY, {"token": code})
    assert response.status_code == 302 and signed_in(client)


def test_five_wrong_codes_lock_that_phone_from_any_address(world, code_session, caplog):
    """Asking for a fresh code does not buy fresh guesses: four wrong tries on the first
    code, one on the second, and the right second code is refused from yet another address."""
    client, code = code_session("0912345678", "100.64.0.1")
    for n in range(4):
        client.post(
            VERIFY, {"token": f"{(int(code) + 1) % 1_000_000:06d}"}, REMOTE_ADDR=f"10.0.0.{n}"
        )
    client, code = code_session("0912345678", "100.64.0.2")
    client.post(VERIFY, {"token": f"{(int(code) + 1) % 1_000_000:06d}"})
    response = client.post(VERIFY, {"token": code}, REMOTE_ADDR="100.64.9.9")
    assert response.status_code == 429 and not signed_in(client)
    assert LOCKED in response.content.decode()
    assert AccessAttempt.objects.filter(username=destination_key("0912345678")).exists()
    assert "AXES: Locking out" in caplog.text and "912345678" not in caplog.text  # the key only
    assert not AccessAttempt.objects.filter(username__contains="912345678").exists()
    other, code = code_session("0987654321", "100.64.0.1")
    assert signed_in(other) is False and other.post(VERIFY, {"token": code}).status_code == 302


def test_a_right_code_wipes_the_earlier_wrong_ones(world, resident, code_session):
    for _ in range(2):  # twice: four typos, then the right code
        client, code = code_session("0912345678", "100.64.0.1")
        for _ in range(4):
            client.post(VERIFY, {"token": f"{(int(code) + 1) % 1_000_000:06d}"})
        assert client.post(VERIFY, {"token": code}).status_code == 302
        assert signed_in(client)
