"""Where throttles count: the client's address for rate limits and django-axes is
``REMOTE_ADDR``, or behind ``DANCOSO_TRUSTED_PROXY_COUNT`` proxies the address the outermost
trusted proxy saw. A client cannot escape a limit by writing its own X-Forwarded-For, and
behind a proxy people are not all counted as the proxy."""

import pytest
from django.test import Client, RequestFactory

from dancoso.accounts.throttling import NO_ADDRESS, axes_username, client_ip, destination_key

REAL = "203.0.113.5"


def meta(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, None, "10.0.0.1"),
        (0, "1.2.3.4", "10.0.0.1"),  # no proxy trusted: the header is the client's own words
        (1, f"1.2.3.4, {REAL}", REAL),  # nginx appended the address it saw
        (2, f"1.2.3.4, {REAL}, 10.1.1.1", REAL),
        (2, REAL, "10.0.0.1"),  # fewer entries than proxies: not trustworthy
        (1, "nonsense", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_address(settings, count, forwarded, expected):
    settings.DANCOSO_TRUSTED_PROXY_COUNT = count
    assert client_ip(meta(forwarded=forwarded)) == expected


@pytest.mark.parametrize("remote", ["", "unix:/run/gunicorn.sock"])
def test_a_request_without_a_usable_address_shares_one_bucket(settings, remote):
    settings.DANCOSO_TRUSTED_PROXY_COUNT = 0
    assert client_ip(meta(remote=remote)) == NO_ADDRESS


@pytest.mark.django_db
def test_a_public_form_without_an_address_is_limited_not_an_error(world):
    client = Client(REMOTE_ADDR="")
    response = client.get("/api/v1/feedback/track/KHONG-CO-MA")
    assert response.status_code == 404


def test_failures_are_counted_against_a_username_or_a_destination():
    assert axes_username(None, {"username": "canbo", "password": "x"}) == "canbo"
    phone = axes_username(None, {"destination": "+84 912 345 678", "code": "1"})
    assert (
        phone
        == axes_username(None, {"destination": "0912.345.678"})
        == destination_key("0912345678")
    )
    assert phone.startswith("ma:") and "912345678" not in phone
    email = axes_username(None, {"destination": "Lan@Example.VN"})
    assert email == destination_key("lan@example.vn") and "lan" not in email
    assert axes_username(None, {"nonce": "n", "code_verifier": "v"}) is None
    assert axes_username(RequestFactory().post("/", {"username": "tinh"})) == "tinh"


def ask(destination, **extra):
    return Client(**extra).post("/tai-khoan/dang-nhap-ma/", {"destination": destination})


def test_behind_a_proxy_each_person_has_their_own_limit(settings, world, outbox):
    settings.DANCOSO_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    answers = [
        ask(f"09{n:08d}", **proxy, HTTP_X_FORWARDED_FOR=REAL).status_code for n in range(201)
    ]
    assert answers.count(302) == 200 and answers[-1] == 429
    spoofed = f"198.51.100.1, {REAL}"  # a made-up address written to the left changes nothing
    assert ask("0987000111", **proxy, HTTP_X_FORWARDED_FOR=spoofed).status_code == 429
    assert ask("0987000111", **proxy, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302


def test_without_a_trusted_proxy_a_written_header_does_not_escape_the_limit(world, outbox):
    answers = [
        ask(f"09{n:08d}", REMOTE_ADDR=REAL, HTTP_X_FORWARDED_FOR=f"10.9.{n // 250}.{n % 250}")
        for n in range(201)
    ]
    assert answers[-1].status_code == 429


def test_a_failure_that_races_a_reset_is_recorded_again(db, monkeypatch):
    from axes.handlers.database import AxesDatabaseHandler
    from django.db import IntegrityError

    from dancoso.accounts.throttling import AxesHandler

    calls = []

    def flaky(self, sender, credentials, request=None, **kwargs):
        calls.append(credentials)
        if len(calls) == 1:
            raise IntegrityError("duplicate key value violates unique constraint")
        return "recorded"

    monkeypatch.setattr(AxesDatabaseHandler, "user_login_failed", flaky)
    assert AxesHandler().user_login_failed(None, {"username": "canbo"}, request=None) == "recorded"
    assert len(calls) == 2
