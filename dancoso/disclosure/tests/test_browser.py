"""In Chromium at 360 px: an officer publishes a disclosure through the form (a too-short
period is refused first, quoting the law), and a resident finds it by typing without
diacritics; every page on the way passes axe and has no sideways scroll. Without JavaScript
the section and the search work the same."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from dancoso.core.browser import assert_accessible, assert_no_horizontal_scroll, sign_in

pytestmark = pytest.mark.browser


def check(page):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_an_officer_publishes_and_a_resident_finds_it_without_diacritics(
    page, browser, live_server, world, commune_officer
):
    sign_in(page, live_server, commune_officer)
    page.goto(f"{live_server.url}/can-bo/cong-khai/")
    check(page)
    page.get_by_role("link", name="Công khai thông tin mới").click()
    page.wait_for_url("**/can-bo/cong-khai/moi/**")
    check(page)
    page.get_by_label("Nhóm nội dung (theo Luật)").select_option("xa-03")
    page.get_by_label("Tiêu đề").fill("Kế hoạch sử dụng đất năm 2027 của xã Cao Lộc")
    page.get_by_label("Tóm tắt").fill(
        "Danh mục công trình, dự án và diện tích đất chuyển mục đích."
    )
    page.get_by_label("Niêm yết tại trụ sở HĐND, UBND xã").check()
    page.get_by_label("Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng thôn").check()
    too_soon = timezone.localdate() + timedelta(days=7)
    page.get_by_label("Ngày kết thúc (để trống nếu thường xuyên)").fill(too_soon.isoformat())
    page.get_by_role("button", name="Công khai").click()
    assert page.get_by_role("alert").get_by_text("ít nhất 30 ngày liên tục").is_visible()
    check(page)
    page.get_by_label("Ngày kết thúc (để trống nếu thường xuyên)").fill("")
    page.get_by_role("button", name="Công khai").click()
    page.wait_for_url(re.compile(r"/can-bo/cong-khai/[0-9a-f-]{36}/$"))
    assert page.get_by_text("Đã công khai").first.is_visible()
    check(page)

    resident = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    other = resident.new_page()
    other.goto(f"{live_server.url}/xa/{world.commune.code}/")
    other.get_by_role("link", name=re.compile("Xem thông tin xã đã công khai")).click()
    other.wait_for_url(f"**/xa/{world.commune.code}/cong-khai/")
    check(other)
    other.get_by_label(re.compile("Tìm trong thông tin công khai")).fill("ke hoach su dung dat")
    other.get_by_role("button", name="Tìm").click()
    other.wait_for_url("**/tim-kiem/**")
    assert other.locator("mark").first.inner_text() == "Kế"
    check(other)
    other.get_by_role("link", name=re.compile("năm 2027 của xã Cao Lộc")).click()
    other.wait_for_url(re.compile(r"/cong-khai/[0-9a-f-]{36}/$"))
    assert other.get_by_role("heading", name="Kế hoạch sử dụng đất năm 2027 của xã Cao Lộc")
    check(other)
    resident.close()


def test_the_section_and_search_work_without_javascript(nojs_page, live_server, world, publish):
    from dancoso.core.actors import SystemActor

    publish(SystemActor("tests"), category="xa-03", title="Kế hoạch sử dụng đất năm 2026")
    nojs_page.goto(f"{live_server.url}/xa/{world.commune.code}/cong-khai/")
    nojs_page.get_by_label(re.compile("Tìm trong thông tin công khai")).fill("su dung dat")
    nojs_page.get_by_role("button", name="Tìm").click()
    nojs_page.wait_for_url("**/tim-kiem/**")
    assert nojs_page.get_by_text("1 kết quả").is_visible()


def test_a_typo_still_finds_it_and_the_checklist_cites_the_2025_budget_law(
    page, browser, live_server, world, publish, commune_officer
):
    from dancoso.core.actors import SystemActor

    publish(SystemActor("tests"), category="xa-03", title="Kế hoạch sử dụng đất năm 2026")
    page.goto(f"{live_server.url}/xa/{world.commune.code}/cong-khai/")
    page.get_by_label(re.compile("Tìm trong thông tin công khai")).fill("ke hoach su dung dta")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_url("**/tim-kiem/**")
    assert page.get_by_role("link", name=re.compile("Kế hoạch sử dụng đất năm 2026")).is_visible()
    check(page)
    sign_in(page, live_server, commune_officer)
    page.goto(f"{live_server.url}/can-bo/cong-khai/nghia-vu/?xa={world.commune.code}&nam=2026")
    row = page.get_by_role("row", name=re.compile("quý I \\(3 tháng\\) 2026"))
    assert "10/04/2026" in row.inner_text() and "73/2026/NĐ-CP" in row.inner_text()
    check(page)
