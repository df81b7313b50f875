"""A resident signs in with a one-time code in Chromium on a 360-px phone screen: both steps
and the wrong-code answer are accessible (axe-core) and fit the screen. (The officials'
password + TOTP sign-in is driven in ``dancoso/portal/tests/test_browser.py``.)"""

import pytest
from django.urls import reverse

from dancoso.core.browser import assert_accessible, assert_no_horizontal_scroll

from .conftest import code_sent_to

pytestmark = pytest.mark.browser


def test_a_resident_signs_in_with_a_code_on_a_phone(page, live_server, resident, outbox):
    page.goto(live_server.url + reverse("accounts:code_login"))
    assert page.locator("h1").inner_text() == "Người dân đăng nhập"
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.get_by_label("Số điện thoại hoặc thư điện tử").fill("0912 345 678")
    page.get_by_role("button", name="Gửi mã").click()
    page.wait_for_url("**" + reverse("accounts:code_verify") + "**")
    assert "0912345678" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    code = code_sent_to(outbox, "0912345678")
    page.get_by_label("Mã 6 chữ số").fill(f"{(int(code) + 1) % 1_000_000:06d}")
    page.get_by_role("button", name="Đăng nhập").click()
    field = page.get_by_label("Mã 6 chữ số")
    assert field.get_attribute("aria-invalid") == "true"
    assert "Mã không đúng hoặc đã hết hạn" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    field.fill(code)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + reverse("portal:home"))
    page.get_by_text("Trình đơn").click()
    assert page.get_by_text("Đang đăng nhập:").is_visible()
    assert "Nông Thị Lan" in page.content()
    assert_accessible(page)
