"""Officials sign in with a password and then a TOTP code, through the real pages: the second
factor is required before any officer page, a wrong or already used code is refused, guesses
are throttled, an official without a device enrols one, and the session id changes."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from dancoso.accounts import totp
from dancoso.accounts.roles import Role
from dancoso.audit.models import AuditEvent
from dancoso.core.testing import PASSWORD, current_totp, grant, make_user
from dancoso.core.tests.security.routes import routes

LOGIN = reverse("accounts:login")
SECOND = reverse("accounts:second_factor")
WORKSPACE = reverse("portal:workspace")


def sign_in_with_password(client, user, **data):
    return client.post(LOGIN, {"username": user.username, "password": PASSWORD} | data)


def wrong_code(device) -> str:
    """A 6-digit code the device does not accept now (nor in the adjacent time steps)."""
    valid = set()
    for drift in (-1, 0, 1):
        oath = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + drift)
        valid.add(f"{oath.token():06d}")
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in valid)


def test_password_then_totp_leads_to_the_workspace_with_a_new_session_id(world, commune_officer):
    client = Client()
    anonymous_key = client.session.session_key

    response = sign_in_with_password(client, commune_officer)
    assert response.status_code == 302
    assert response["Location"] == f"{SECOND}?next={WORKSPACE}"
    signed_in_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert signed_in_key != anonymous_key

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Xác thực hai lớp" in page.content.decode()
    assert client.get(WORKSPACE)["Location"].startswith(SECOND)  # not yet verified

    device = commune_officer.totpdevice_set.get()
    response = client.post(SECOND, {"token": current_totp(device), "next": WORKSPACE})
    assert response.status_code == 302 and response["Location"] == WORKSPACE
    workspace = client.get(WORKSPACE)
    assert workspace.status_code == 200
    assert "Xã Cao Lộc" in workspace.content.decode()


def test_the_second_factor_sends_back_to_the_page_asked_for_but_never_off_site(
    world, commune_officer
):
    client = Client()
    wanted = reverse("households:list")
    response = sign_in_with_password(client, commune_officer, next=wanted)
    assert response["Location"] == f"{SECOND}?next={wanted}"
    device = commune_officer.totpdevice_set.get()
    response = client.post(SECOND, {"token": current_totp(device), "next": wanted})
    assert response["Location"] == wanted

    client = Client()
    response = sign_in_with_password(client, commune_officer, next="https://evil.example/")
    assert response["Location"] == f"{SECOND}?next={WORKSPACE}"


def test_a_wrong_password_is_refused_in_vietnamese(world, commune_officer):
    client = Client()
    response = client.post(LOGIN, {"username": "canbo", "password": "sai-mat-khau-123"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_is_refused_and_the_officer_pages_stay_closed(
    world, commune_officer, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # this test is about the answer, not the throttle
    client = Client()
    sign_in_with_password(client, commune_officer)
    device = commune_officer.totpdevice_set.get()

    response = client.post(SECOND, {"token": wrong_code(device)})
    assert response.status_code == 200
    assert str(totp.CODE_WRONG) in response.content.decode()
    assert client.get(WORKSPACE)["Location"].startswith(SECOND)

    response = client.post(SECOND, {"token": "12ab"})
    assert "Mã gồm đúng 6 chữ số." in response.content.decode()

    response = client.post(SECOND, {"token": current_totp(device)})
    assert response["Location"] == WORKSPACE


def test_a_code_already_used_is_refused(world, commune_officer):
    device = commune_officer.totpdevice_set.get()
    code = current_totp(device)
    first = Client()
    sign_in_with_password(first, commune_officer)
    assert first.post(SECOND, {"token": code})["Location"] == WORKSPACE

    second = Client()  # someone who watched the code being typed
    sign_in_with_password(second, commune_officer)
    response = second.post(SECOND, {"token": code})
    assert response.status_code == 200
    assert str(totp.CODE_WRONG) in response.content.decode()
    assert second.get(WORKSPACE)["Location"].startswith(SECOND)


def test_totp_guessing_is_throttled_long_before_ten_tries(world, commune_officer):
    """After one wrong code even the right one is refused until the wait is over; the wait
    doubles with each failure, so ten guesses already cost more than eight minutes."""
    client = Client()
    sign_in_with_password(client, commune_officer)
    device = commune_officer.totpdevice_set.get()

    client.post(SECOND, {"token": wrong_code(device)})
    response = client.post(SECOND, {"token": current_totp(device)})
    assert "Nhập sai nhiều lần. Hãy chờ" in response.content.decode()
    assert client.get(WORKSPACE)["Location"].startswith(SECOND)

    waits = []
    for _ in range(9):  # wait out each delay, then guess wrong again
        device.refresh_from_db()
        wait = timedelta(seconds=2 ** (device.throttling_failure_count - 1))
        waits.append(wait.total_seconds())
        TOTPDevice.objects.filter(pk=device.pk).update(
            throttling_failure_timestamp=device.throttling_failure_timestamp - wait
        )
        client.post(SECOND, {"token": wrong_code(device)})
    device.refresh_from_db()
    assert device.throttling_failure_count == 10
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256]
    assert sum(waits) + 512 > 8 * 60  # the tenth failure imposes 512 s more
    response = client.post(SECOND, {"token": current_totp(device)})
    assert re.search(r"Hãy chờ (\d+) giây", response.content.decode())


def test_an_official_without_a_device_enrols_one(world):
    user = make_user("canbo_moi")
    grant(user, Role.COMMUNE_OFFICER, world.commune)
    client = Client()
    response = sign_in_with_password(client, user)
    assert response["Location"].startswith(SECOND)

    page = client.get(response["Location"]).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "Thiết lập xác thực hai lớp" in page
    assert "<svg" in page and totp.base32_secret(device) in page
    assert client.get(SECOND).content.decode().count(totp.base32_secret(device)) == 1  # same

    response = client.post(SECOND, {"token": wrong_code(device)})
    assert str(totp.CODE_WRONG) in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    response = client.post(SECOND, {"token": current_totp(device)})
    assert response["Location"] == WORKSPACE
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(WORKSPACE).status_code == 200
    assert AuditEvent.objects.filter(action="accounts.enrol_totp").count() == 1


def officer_routes() -> list[str]:
    found = {r.url({}) for r in routes() if r.pattern.startswith(("can-bo/", "quan-tri/"))}
    return sorted(found | {"/api/v1/"})


@pytest.mark.parametrize("path", officer_routes())
def test_a_password_only_official_is_kept_out_of_every_officer_page(world, commune_officer, path):
    client = Client()
    client.force_login(commune_officer)  # password passed, second factor not yet
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{SECOND}?next={path}"


def test_a_password_only_official_may_still_reach_the_sign_in_pages(world, commune_officer):
    client = Client()
    client.force_login(commune_officer)
    assert client.get(SECOND).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_resident_signed_in_with_a_password_needs_no_second_factor(world, resident):
    client = Client()
    response = sign_in_with_password(client, resident)
    assert response["Location"] == reverse("portal:home")
    assert client.get(WORKSPACE).status_code == 200  # told how to get a role, not redirected


def test_a_page_asked_for_with_a_query_is_reached_whole_after_the_second_factor(
    world, commune_officer
):
    wanted = f"{reverse('households:list')}?xa=6193&thon={world.other_village.pk}"
    client = Client()
    client.force_login(commune_officer)
    response = client.get(wanted)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert f'name="next" value="{wanted.replace("&", "&amp;")}"' in page.content.decode()
    device = commune_officer.totpdevice_set.get()
    response = client.post(SECOND, {"token": current_totp(device), "next": wanted})
    assert response["Location"] == wanted

    client = Client()
    response = sign_in_with_password(client, commune_officer, next=wanted)
    assert client.get(response["Location"]).context["next"] == wanted
