"""SECURITY.md test 16: every view that could change state refuses a POST without a CSRF token
(403), pages put a token in every form they send by POST, and a GET changes nothing.

Routes come from walking the project's URL map (with the audit pages mounted), so views added
later are covered. The only exception is a route that does not accept POST at all: the
django-ninja API answers 405 there, and ninja checks the CSRF token itself on operations
that accept a write from a signed-in browser session.
"""

import logging
import re

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from dancoso.audit.models import AuditEvent
from dancoso.core.testing import login_verified

from .routes import Route, routes

pytestmark = pytest.mark.django_db

API_PREFIX = "/api/"
# Routes allowed to take a POST without a CSRF token, with the reason. Keep this list short.
EXEMPT: dict[str, str] = {}
POST_FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']?post[\"']?[^>]*>(.*?)</form>", re.I | re.S)


@pytest.fixture
def officer_client(commune_officer):
    return login_verified(Client(enforce_csrf_checks=True), commune_officer)


@pytest.fixture
def values(world):
    head = world.household.members.get(is_head=True)
    return {"pk": world.household.pk, "member_pk": head.pk, "household_id": world.household.pk,
            "code": world.commune.code,
            "public_id": "00000000-0000-4000-8000-000000000001",
            "file_id": "00000000-0000-4000-8000-000000000002"}  # fmt: skip


def all_routes() -> list[Route]:
    found = list(routes())
    assert len(found) > 20, "the URL map walk found almost nothing"
    return found


def test_every_route_refuses_a_post_without_a_token(officer_client, values, caplog):
    checked, wrong = 0, []
    for route in all_routes():
        url = route.url(values)
        if url in EXEMPT:
            continue
        assert resolve(url).func == route.callback, f"{url} does not reach {route.view}"
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
            response = officer_client.post(url, {"x": "1"})
        refused = response.status_code == 403 and any(
            r.name == "django.security.csrf" for r in caplog.records
        )
        not_a_write = url.startswith(API_PREFIX) and response.status_code == 405
        checked += 1
        if not (refused or not_a_write):
            wrong.append((url, route.view, response.status_code))
    assert wrong == [], f"accepted a POST without a CSRF token: {wrong}"
    assert checked > 20
    assert not AuditEvent.objects.exists()


def test_the_audit_verify_button_and_sign_out_are_among_the_routes(values):
    urls = {route.url(values) for route in all_routes()}
    assert "/can-bo/nhat-ky/xa/6193/kiem-tra/" in urls
    assert any(route.view.endswith("sign_out") for route in all_routes())


def test_get_requests_change_nothing_and_post_forms_carry_a_token(officer_client, values):
    """Every page reached by GET as a signed-in officer writes no audit event (so ran no
    service), and each of its POST forms holds a CSRF token."""
    before = AuditEvent.objects.count()
    missing = []
    for route in all_routes():
        url = route.url(values)
        try:
            resolve(url)
        except Resolver404:  # asserted in the test above
            continue
        response = officer_client.get(url)
        assert response.status_code < 500, f"GET {url} failed with {response.status_code}"
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode(errors="replace")
        missing += [url for form in POST_FORM.findall(html) if "csrfmiddlewaretoken" not in form]
    assert missing == [], f"POST forms without a CSRF token on: {sorted(set(missing))}"
    assert AuditEvent.objects.count() == before
