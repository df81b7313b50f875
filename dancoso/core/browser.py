"""Browser tests: Debian's Chromium driven by Playwright's sync API (a pytest plugin).

Fixtures: ``browser`` (one Chromium for the session), ``page`` (a fresh context per test: a
360 × 740 phone screen, Vietnamese locale, JavaScript on) and ``nojs_page`` (the same with
JavaScript off). Helpers: ``assert_accessible(page)`` runs axe-core and fails on any serious or
critical violation; ``assert_no_horizontal_scroll(page)``; ``sign_in(page, live_server, user)``
puts a verified session of ``user`` into the browser.

Every page opened through these fixtures is watched: a Content-Security-Policy violation or an
uncaught JavaScript error reported by Chromium fails the test.

Chromium is ``$DANCOSO_CHROMIUM`` or ``/usr/bin/chromium`` (``apt-get install chromium``; never
``playwright install``). Without it the browser tests are skipped — CI installs it and forbids
skips. Mark browser tests with ``@pytest.mark.browser`` and serve pages with pytest-django's
``live_server`` (which makes the test transactional).
"""

import json
import os
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PHONE = {"width": 360, "height": 740}
AXE_SOURCE_PATH = Path(__file__).parent / "tests" / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
TIMEOUT_MS = 15_000


def chromium_path() -> str | None:
    """The Chromium executable to drive, or None when it is not installed."""
    path = os.environ.get("DANCOSO_CHROMIUM") or "/usr/bin/chromium"
    return path if os.access(path, os.X_OK) else None


def pytest_collection_modifyitems(config, items):
    """Run browser tests last. Playwright's sync API keeps an asyncio loop running on the main
    thread while the browser is open, and Django refuses ORM calls from a thread with a running
    loop; running the browser tests after all others keeps that exception to them alone."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session; the test is skipped without Chromium."""
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium không có: cài bằng `apt-get install chromium` (browser tests)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # The test thread still talks to the database (fixtures, flush between tests) while
    # Playwright's loop runs on it; see pytest_collection_modifyitems.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=path, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def open_page(browser, **context_options):
    """A new context and page on a phone screen in Vietnamese; returns ``(page, problems)``
    where ``problems`` collects CSP violations and uncaught JavaScript errors."""
    options = {"viewport": PHONE, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}
    context = browser.new_context(**(options | context_options))
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(f"CSP: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"JavaScript: {error}"))
    return page, problems


def _watched(browser, **context_options):
    page, problems = open_page(browser, **context_options)
    yield page
    page.context.close()
    if problems:
        pytest.fail("Chromium reported problems on the page:\n" + "\n".join(problems))


@pytest.fixture
def page(browser):
    """A fresh browser page (own cookies) at 360 × 740 px, locale vi-VN, JavaScript on."""
    yield from _watched(browser)


@pytest.fixture
def nojs_page(browser):
    """The same as ``page`` with JavaScript switched off: pages must work without it."""
    yield from _watched(browser, java_script_enabled=False)


def assert_accessible(page, *, selector: str | None = None) -> None:
    """Run axe-core on the page (or the part matched by ``selector``) and fail on any
    violation of serious or critical impact, listing each with the elements concerned.

    axe is evaluated through the DevTools protocol, which the page's CSP does not govern, so
    the test needs no ``bypass_csp`` and the CSP stays enforced. JavaScript must be on."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE_PATH.read_text(encoding="utf-8"))
    results = page.evaluate(
        "async (selector) => await axe.run(selector ? document.querySelector(selector) : document,"
        " {resultTypes: ['violations']})",
        selector,
    )
    blocking = [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, format_violations(blocking, page.url)


def format_violations(violations: list[dict], url: str = "") -> str:
    """A readable report of axe violations: rule, impact, help text and up to five nodes."""
    lines = [f"{len(violations)} serious/critical accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation.get('helpUrl', '')})"
        )
        for node in violation.get("nodes", [])[:5]:
            target = json.dumps(node.get("target"), ensure_ascii=False)
            lines.append(f"    at {target}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


def assert_no_horizontal_scroll(page) -> None:
    """The page is no wider than the screen (nothing to scroll sideways at 360 px)."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide on a {widths[1]} px screen"


def sign_in(page, live_server, user) -> None:
    """Give the browser a signed-in session of ``user`` with the second factor passed (for
    tests about what a signed-in person sees; the sign-in flow itself has its own tests)."""
    from django.conf import settings
    from django.test import Client

    from dancoso.core.testing import login_verified

    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
