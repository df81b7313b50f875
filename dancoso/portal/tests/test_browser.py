"""The public pages and the workspace in Chromium on a 360-px phone screen: accessible (axe-core,
no serious or critical violation), nothing to scroll sideways, usable without JavaScript, and
no Content-Security-Policy violation (the ``page`` fixtures fail the test on any)."""

import pytest
from django.urls import reverse

from dancoso.core.browser import assert_accessible, assert_no_horizontal_scroll, sign_in
from dancoso.places.models import Agency

pytestmark = pytest.mark.browser


@pytest.fixture
def commune_page(live_server, world) -> str:
    record_some_history(world)
    Agency.objects.create(
        name="Trạm Y tế xã Cao Lộc",
        kind=Agency.Kind.PUBLIC_UNIT,
        province=world.province,
        commune=world.commune,
    )
    return live_server.url + reverse("portal:commune", args=[world.commune.code])


def record_some_history(world):
    from dancoso.audit.services import record

    record("test.touch", actor=None, obj=world.household, commune_code=world.commune.code)


def test_public_commune_page_on_a_phone_passes_axe(page, commune_page):
    page.goto(commune_page)

    assert page.locator("h1").inner_text() == "Xã Cao Lộc"
    assert page.locator("html").get_attribute("lang") == "vi"
    # htmx is loaded and, configured by <meta name="htmx-config">, injected no <style> (the
    # page fixture fails the test on any CSP violation).
    assert page.evaluate("() => typeof htmx === 'object' && !htmx.config.includeIndicatorStyles")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.get_by_text("Trình đơn").click()  # the menu opened, still accessible and in the screen
    assert page.get_by_role("button", name="View in English").is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_keyboard_users_can_skip_to_the_content(page, commune_page):
    page.goto(commune_page)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    assert skip.is_visible()  # hidden until focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_public_commune_page_works_without_javascript(nojs_page, commune_page):
    nojs_page.goto(commune_page)
    assert nojs_page.locator("h1").inner_text() == "Xã Cao Lộc"
    assert nojs_page.get_by_role("cell", name="Thôn Bản Lải").is_visible()
    assert_no_horizontal_scroll(nojs_page)

    nojs_page.get_by_text("Trình đơn").click()  # <details> opens with no script
    nojs_page.get_by_role("button", name="View in English").click()

    assert nojs_page.url == commune_page
    assert nojs_page.locator("html").get_attribute("lang") == "en"
    assert nojs_page.get_by_role("heading", name="Residents decide").is_visible()


def test_commune_search_works_without_javascript(nojs_page, live_server, world):
    nojs_page.goto(live_server.url + reverse("portal:communes"))

    nojs_page.get_by_label("Tên xã, phường (có dấu hoặc không dấu)").fill("ba son")
    nojs_page.get_by_role("button", name="Tìm", exact=True).click()

    assert nojs_page.get_by_role("link", name="Xã Ba Sơn").is_visible()
    assert nojs_page.get_by_role("link", name="Xã Cao Lộc").count() == 0


def test_commune_list_and_error_page_pass_axe(page, live_server, world):
    page.goto(live_server.url + reverse("portal:communes"))
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    response = page.goto(live_server.url + "/xa/999999/")
    assert response.status == 404
    assert_accessible(page)


def test_officer_workspace_on_a_phone(page, live_server, commune_officer):
    sign_in(page, live_server, commune_officer)

    page.goto(live_server.url + reverse("portal:workspace"))

    assert page.locator("h1").inner_text() == "Không gian làm việc của cán bộ"
    overview = page.get_by_role("link", name="Tổng quan")
    assert overview.get_attribute("aria-current") == "page"
    assert page.get_by_role("link", name="Sổ hộ gia đình", exact=True).is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
