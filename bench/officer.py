"""The commune officer the load test signs in as, and the two ways it gets a session.

The account ``bench-canbo`` is made by the bench itself in the database under test: a commune
officer grant over the measured commune (through the ``grant_role`` service, so it is audited),
a confirmed TOTP device, and a fresh random password on every run that lives only in this
process's memory — no secret is committed or written to disk.

``sign_in`` goes through the real pages (password form, then the TOTP form, with CSRF tokens),
as a person would. ``direct_session`` is the fallback (``--direct-session``): it writes a session
row holding the user and the verified OTP device, which is what the real flow leaves behind.
"""

import http.cookiejar
import re
import secrets
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import transaction
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from dancoso.accounts.models import RoleGrant, User
from dancoso.accounts.roles import Role
from dancoso.accounts.services import grant_role
from dancoso.core.actors import SystemActor

USERNAME = "bench-canbo"
SYSTEM = SystemActor("bench")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Officer:
    user: User
    password: str
    device: TOTPDevice


def prepare_officer(commune) -> Officer:
    """Create or refresh ``bench-canbo``: officer of ``commune``, TOTP device, new password."""
    with transaction.atomic():
        user, _ = User.objects.get_or_create(
            username=USERNAME, defaults={"full_name": "Cán bộ đo hiệu năng (bench)"}
        )
        password = secrets.token_urlsafe(18)
        user.set_password(password)
        user.save()
        granted = RoleGrant.objects.active_on().filter(
            user=user, role=Role.COMMUNE_OFFICER, commune=commune
        )
        if not granted.exists():
            grant_role(actor=SYSTEM, user=user, role=Role.COMMUNE_OFFICER, place=commune)
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="bench", defaults={"confirmed": True}
        )
    return Officer(user, password, device)


def current_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(base: str, officer: Officer) -> str:
    """Sign in through the login and second-factor pages; return the session id. A code
    already used in this 30-second step is refused by django-otp, so on refusal wait for the
    next step and try once more."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = _get(opener, base + "/tai-khoan/dang-nhap/")
    page, url = _post(
        opener,
        base + "/tai-khoan/dang-nhap/",
        page,
        username=officer.user.username,
        password=officer.password,
    )
    if "/xac-thuc-hai-lop/" not in url:
        raise RuntimeError(f"đăng nhập bằng mật khẩu không thành công (dừng ở {url})")
    for attempt in range(2):
        if attempt:
            time.sleep(officer.device.step - time.time() % officer.device.step + 1)
        page, url = _post(opener, url, page, token=current_code(officer.device))
        if "/xac-thuc-hai-lop/" not in url:
            return next(c.value for c in jar if c.name == settings.SESSION_COOKIE_NAME)
    raise RuntimeError("mã TOTP bị từ chối hai lần")


def direct_session(officer: Officer) -> str:
    """A session row for the officer with the second factor passed, as the real flow makes."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    user = officer.user
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = officer.device.persistent_id
    store.create()
    return store.session_key


def _get(opener, url: str) -> str:
    with opener.open(url, timeout=30) as response:
        return response.read().decode("utf-8")


def _post(opener, url: str, page: str, **fields) -> tuple[str, str]:
    """Submit a form of ``page`` (its CSRF token included); return the page reached and its
    URL after redirects."""
    match = CSRF_FIELD.search(page)
    if match is None:
        raise RuntimeError(f"không thấy mã CSRF trong trang {url}")
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": match.group(1), **fields}).encode()
    request = urllib.request.Request(url, data=data, headers={"Referer": url})  # noqa: S310
    with opener.open(request, timeout=30) as response:
        return response.read().decode("utf-8"), response.geturl()
