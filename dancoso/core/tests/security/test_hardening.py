"""SECURITY.md test 17, hardening: with production settings ``check --deploy`` has nothing to
say; pages carry HSTS (≥ 1 year), nosniff, a Referrer-Policy, framing denied and a CSP; cookies
are Secure, HttpOnly and SameSite; the session id changes at sign-in and dies at sign-out.

Production settings are read from ``dancoso/settings.py`` itself under a production
environment (HTTPS on, a real secret key), not restated here.
"""

import importlib.util
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from dancoso.core.testing import PASSWORD

ROOT = Path(django_settings.BASE_DIR)
SECURITY_SETTINGS = (
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY", "X_FRAME_OPTIONS", "SECURE_REDIRECT_EXEMPT",
)  # fmt: skip
ONE_YEAR = 365 * 24 * 3600


def production_env(tmp_path: Path, **changes: str) -> dict[str, str]:
    """The process environment of a production server: no test defaults, HTTPS, a long random
    key, one host, Redis, and SQLite (no DATABASE_URL) in a scratch directory."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DANCOSO_") and k not in {"DATABASE_URL", "REDIS_URL"}}  # fmt: skip
    env |= {
        "DANCOSO_SECRET_KEY": secrets.token_urlsafe(64),
        "DANCOSO_HTTPS": "1",
        "DANCOSO_ALLOWED_HOSTS": "example.vn",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DANCOSO_VAR_DIR": str(tmp_path),
    }
    return env | changes


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = check_deploy(production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS:" not in result.stdout + result.stderr


def test_check_deploy_does_complain_without_https(tmp_path):
    """The same check on a plain-HTTP configuration fails: the test above can fail."""
    result = check_deploy(production_env(tmp_path, DANCOSO_HTTPS="0"))
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_the_secret_key_must_come_from_the_environment(tmp_path):
    env = production_env(tmp_path)
    del env["DANCOSO_SECRET_KEY"]
    result = check_deploy(env)
    assert result.returncode != 0
    assert "DANCOSO_SECRET_KEY" in result.stderr


@pytest.fixture
def production(settings, monkeypatch, tmp_path):
    """The security settings ``dancoso/settings.py`` computes in production, applied here."""
    for name, value in production_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("production_settings", ROOT / "dancoso" /
                                                  "settings.py")  # fmt: skip
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in SECURITY_SETTINGS:
        setattr(settings, name, getattr(module, name))
    return module


def test_pages_carry_the_security_headers(production, world):
    response = Client().get(reverse("portal:commune", args=[world.commune.code]), secure=True)
    assert response.status_code == 200
    hsts = dict(part.strip().partition("=")[::2] for part in
                response["Strict-Transport-Security"].split(";"))  # fmt: skip
    assert int(hsts["max-age"]) >= ONE_YEAR and "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
        "no-referrer",
    }
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_plain_http_is_sent_to_https_except_the_health_check(production, db):
    response = Client().get("/xa/")
    assert response.status_code == 301 and response.url.startswith("https://")
    assert Client().get("/healthz").status_code == 200


def test_cookies_are_secure_and_the_session_id_rotates_at_sign_in_and_dies_at_sign_out(
    production, commune_officer
):
    login_url = reverse("accounts:login")
    # Over HTTPS a browser sends the page it came from; Django's CSRF check requires it.
    client = Client(enforce_csrf_checks=True, headers={"referer": f"https://testserver{login_url}"})
    page = client.get(login_url, secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    session = client.session  # an anonymous session before signing in
    session["trước đăng nhập"] = True
    session.save()
    before = session.session_key

    response = client.post(login_url, {"username": "canbo", "password": PASSWORD,
                                       "csrfmiddlewaretoken": csrf.value}, secure=True)  # fmt: skip
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
    after = cookie.value
    assert after != before and not Session.objects.filter(session_key=before).exists()

    token = client.cookies["csrftoken"].value
    out = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token}, secure=True)
    assert out.status_code == 302
    assert not Session.objects.filter(session_key=after).exists()
    stolen = Client()
    stolen.cookies["sessionid"] = after
    back = stolen.get(reverse("portal:workspace"), secure=True)
    assert back.status_code == 302 and back.url.startswith(reverse("accounts:login"))
