"""In Chromium at 360 px: an officer types in a second complaint received on paper against a
first decision made off the platform — a late one is refused beside the form with the rule —
and the upper body's officer finds it in their inbox and accepts it. Every page passes axe."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from dancoso.core.browser import assert_accessible, assert_no_horizontal_scroll, sign_in
from dancoso.feedback.models import Case

pytestmark = pytest.mark.browser


def test_paper_second_complaint_goes_to_the_upper_body(
    page, browser, live_server, world, commune_officer, upper
):
    _agency, staff, _head = upper
    sign_in(page, live_server, commune_officer)
    page.goto(f"{live_server.url}/can-bo/phan-anh/")
    page.get_by_role("link", name="Nhập khiếu nại lần hai, tố cáo tiếp").click()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    today = timezone.localdate()
    page.get_by_label("Khiếu nại lần hai", exact=True).check()
    page.get_by_label("Kênh tiếp nhận").select_option("letter")
    page.get_by_label("Ngày nhận đơn").fill(today.isoformat())
    page.get_by_label("Hoặc: số, ngày quyết định giải quyết lần đầu").fill(
        "Quyết định số 9/QĐ-UBND"
    )
    page.get_by_label("Ngày người gửi nhận quyết định lần đầu").fill(
        (today - timedelta(days=50)).isoformat()
    )
    page.get_by_label("Họ và tên người gửi").fill("Hoàng Văn Khải")
    page.get_by_label("Nội dung đơn").fill("Không đồng ý với mức bồi thường.")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    page.wait_for_load_state()
    assert page.get_by_text("Điều 33").first.is_visible()  # 50 days: late, refused
    assert not Case.objects.exists()
    assert_accessible(page)
    page.get_by_label("Ngày người gửi nhận quyết định lần đầu").fill(
        (today - timedelta(days=10)).isoformat()
    )
    page.get_by_role("button", name="Lưu hồ sơ").click()
    page.wait_for_url(re.compile(r"/can-bo/phan-anh/nhap-lan-hai/\?xa="))
    case = Case.objects.get()
    assert page.get_by_text(case.tracking_code).first.is_visible()
    assert case.level == 2 and case.agency_id is not None

    upper_page = browser.new_page(viewport={"width": 360, "height": 740})
    sign_in(upper_page, live_server, staff)
    upper_page.goto(f"{live_server.url}/can-bo/phan-anh/")
    assert_accessible(upper_page)
    upper_page.get_by_role("link", name=case.tracking_code).click()
    assert upper_page.get_by_text("Khiếu nại lần hai").first.is_visible()
    assert upper_page.locator("dd", has_text="9/QĐ-UBND").first.is_visible()
    assert_accessible(upper_page)
    assert_no_horizontal_scroll(upper_page)
    upper_page.get_by_role("button", name="Thụ lý", exact=True).click()
    upper_page.wait_for_load_state()
    case.refresh_from_db()
    assert case.status == Case.Status.ACCEPTED
    upper_page.close()
