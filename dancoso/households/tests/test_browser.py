"""In Chromium: an officer signs in through the real forms (password, then TOTP), finds a
household in the register, and every page on the way passes axe at 360 px."""

import re

import pytest

from dancoso.core.browser import assert_accessible, assert_no_horizontal_scroll
from dancoso.core.testing import PASSWORD, current_totp

pytestmark = pytest.mark.browser


def test_officer_signs_in_with_totp_and_finds_a_household(
    page, live_server, world, commune_officer
):
    page.goto(f"{live_server.url}/can-bo/ho-gia-dinh/")
    assert "/tai-khoan/dang-nhap/" in page.url  # the register is behind sign-in
    assert_accessible(page)

    page.get_by_label("Tên đăng nhập").fill(commune_officer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/tai-khoan/xac-thuc-hai-lop/**")
    assert_accessible(page)

    page.get_by_label("Mã 6 chữ số").fill(
        "000000" if current_totp(commune_officer.totpdevice_set.get()) != "000000" else "111111"
    )
    page.get_by_role("button", name="Xác nhận").click()
    assert page.get_by_text("Mã xác thực không đúng").is_visible()
    page.wait_for_timeout(1200)  # each failure makes the next try wait (1 s after the first)

    page.get_by_label("Mã 6 chữ số").fill(current_totp(commune_officer.totpdevice_set.get()))
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(re.compile(r"/can-bo/ho-gia-dinh/$"))
    assert page.get_by_text(world.household.code).first.is_visible()
    assert "020075000111" not in page.content()  # national ID numbers are masked
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.get_by_role("link", name=world.household.code).first.click()
    page.wait_for_url(re.compile(rf"/can-bo/ho-gia-dinh/{world.household.pk}/$"))
    assert page.get_by_text("Hoàng Văn Minh").first.is_visible()
    assert_accessible(page)


def test_an_officer_exports_the_register_of_a_village_at_360_px(page, live_server, world,
                                                                 commune_officer):  # fmt: skip
    from dancoso.core.browser import sign_in

    sign_in(page, live_server, commune_officer)
    page.goto(f"{live_server.url}/can-bo/ho-gia-dinh/")
    page.get_by_role("link", name="Xuất sổ hộ (Excel, CSV)").click()
    page.wait_for_url("**/xuat/?xa=*")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    form = page.locator("form.hh-export-form")
    form.get_by_label("Thôn, tổ dân phố").select_option(label=world.village.name)
    form.get_by_label("Khác", exact=True).check()
    form.get_by_role("button", name="Xuất tệp").click()
    page.wait_for_url("**/xuat/")
    assert page.get_by_text("hãy ghi rõ dùng danh sách để làm gì").is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    form = page.locator("form.hh-export-form")
    form.get_by_label("Gửi trưởng thôn").check()
    form.get_by_label("CSV (mở được bằng Excel)").check()
    with page.expect_download() as download:
        form.get_by_role("button", name="Xuất tệp").click()
    assert re.fullmatch(r"so-ho-6193-thon-ban-lai-\d{8}\.csv", download.value.suggested_filename)
    content = download.value.path().read_text(encoding="utf-8-sig")
    assert "CL-001" in content and "CL-002" not in content and "020075000111" not in content
