"""Every page carries the security headers and a Content-Security-Policy without
'unsafe-inline' (SECURITY.md tests 12 and 17), and no page of ours contains the inline script
or style that policy would block.

The pages are found by walking the URL map, so a page added later is checked without anyone
remembering to add it here. Each is fetched as an anonymous visitor, a commune officer and a
system administrator (both with the second factor passed).
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dancoso.core.testing import add_totp, login_verified, make_user
from dancoso.core.tests.html import read

pytestmark = pytest.mark.django_db

CONVERTER_DEFAULTS = {"int": "1", "str": "1", "path": "1", "slug": "x",
                      "uuid": "00000000-0000-4000-8000-000000000001"}  # fmt: skip


def named_routes(patterns=None, namespace=""):
    """(view name, {argument: converter type}) of every named route."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name and _plain(entry):
            converters = {
                key: type(conv).__name__.removesuffix("Converter").lower()
                for key, conv in entry.pattern.converters.items()
            }
            yield f"{namespace}{entry.name}", converters


def _plain(entry: URLPattern) -> bool:
    """A ``path()`` route (regex routes such as the admin's catch-all are skipped)."""
    return hasattr(entry.pattern, "converters") and "(?P" not in str(entry.pattern)


def concrete_url(name: str, converters: dict, world) -> str:
    """The URL of a route, its arguments filled with objects of the test world (so that the
    real page renders where one exists) or a placeholder."""
    real = {
        "code": world.commune.code,
        "pk": world.household.pk,
        "household_id": world.household.pk,
        "member_pk": world.household.members.first().pk,
    }
    kwargs = {
        key: real.get(key, CONVERTER_DEFAULTS.get(kind, "1")) for key, kind in converters.items()
    }
    return reverse(name, kwargs=kwargs)


def assert_security_headers(response, url: str) -> None:
    policy = response.headers.get("Content-Security-Policy", "")
    assert policy, f"{url}: no Content-Security-Policy"
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives.get("script-src") == ["'self'"], f"{url}: {policy}"
    assert directives.get("style-src") == ["'self'"], f"{url}: {policy}"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, url
    assert directives.get("frame-ancestors") == ["'none'"], f"{url}: {policy}"
    assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    assert response.headers.get("Referrer-Policy") == "same-origin", url
    assert response.headers.get("X-Frame-Options") == "DENY", url


def assert_no_inline_code(response, url: str) -> None:
    if "text/html" not in response.headers.get("Content-Type", ""):
        return
    page = read(response)
    assert page.inline_scripts == 0, f"{url}: inline <script>"
    assert page.style_elements == 0, f"{url}: <style> element"
    assert page.style_attributes == [], f"{url}: style= on {page.style_attributes}"
    assert page.event_handlers == [], f"{url}: inline handlers {page.event_handlers}"
    assert not re.search(r"javascript:", response.content.decode(), re.I), f"{url}: javascript:"


@pytest.fixture
def visitors(client, commune_officer, django_user_model):
    from django.test import Client

    admin = make_user("quantri", is_superuser=True, is_staff=True)
    add_totp(admin)
    return {
        "anonymous": client,
        "commune officer": login_verified(Client(), commune_officer),
        "administrator": login_verified(Client(), admin),
    }


def test_every_page_carries_the_security_headers(world, visitors):
    routes = list(named_routes())
    assert len(routes) > 10  # the walk found the URL map
    checked = 0
    for name, converters in routes:
        url = concrete_url(name, converters, world)
        for who, visitor in visitors.items():
            response = visitor.get(url)
            assert response.status_code < 500, f"{url} as {who}: {response.status_code}"
            assert_security_headers(response, f"{url} as {who}")
            if not name.startswith("admin:"):  # Django's own admin markup is not ours
                assert_no_inline_code(response, f"{url} as {who}")
            checked += 1
    assert checked >= 3 * len(routes)


@pytest.mark.parametrize("url", ["/khong-co-trang-nay/", "/xa/999999/"])
def test_error_pages_carry_the_security_headers(client, world, url):
    response = client.get(url)
    assert response.status_code == 404
    assert_security_headers(response, url)
    assert_no_inline_code(response, url)


def test_the_csrf_cookie_of_a_public_page_is_http_only_and_same_site(client, world, settings):
    """The public page's forms (language switch) set the CSRF cookie: HttpOnly, SameSite=Lax,
    never readable by script (htmx gets the token from the page, not the cookie)."""
    response = client.get(reverse("portal:commune", args=[world.commune.code]))
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"
    assert csrf.value and csrf.value not in response.content.decode()  # the page has a masked copy
