"""In Chromium at 360 px: a village head opens a convention draft, then the public page of a
recognised convention; both pass axe with no horizontal scroll."""

import re
from datetime import date

import pytest

from dancoso.conventions.models import Convention
from dancoso.core.browser import assert_accessible, assert_no_horizontal_scroll, sign_in

pytestmark = pytest.mark.browser


def test_village_head_drafts_and_the_public_reads(page, live_server, world, village_head):
    sign_in(page, live_server, village_head)
    page.goto(f"{live_server.url}/can-bo/huong-uoc/them/")
    assert_accessible(page)
    page.get_by_label("Tên hương ước, quy ước").fill("Hương ước Thôn Bản Lải")
    page.get_by_label("Tổ soạn thảo (mỗi người một dòng)").fill("Lộc Văn Sơn\nVi Thị Ngân")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/can-bo/huong-uoc/\d+/$"))
    assert page.get_by_text("Lộc Văn Sơn, Vi Thị Ngân").is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    recognised = Convention.objects.create(
        village=world.village, kind="huong_uoc", title="Hương ước Thôn Nà Sla",
        state=Convention.State.RECOGNISED, created_by=village_head, recognised_on=date(2026, 3, 2),
        recognition_number="12/QĐ-UBND", review_on=date(2026, 11, 18),
        text="Điều 1. Việc cưới\nTổ chức cưới văn minh, không quá 1 ngày.",
    )  # fmt: skip
    page.goto(f"{live_server.url}/huong-uoc/xa/{world.commune.code}/")
    assert_accessible(page)
    page.get_by_role("link", name="Hương ước Thôn Nà Sla").click()
    page.wait_for_url(re.compile(rf"/huong-uoc/{recognised.pk}/$"))
    assert page.get_by_text("12/QĐ-UBND").is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_the_commune_suspends_a_part_and_the_public_sees_the_notice(
    page, live_server, world, village_head, commune_chair
):
    convention = Convention.objects.create(
        village=world.village, kind="huong_uoc", title="Hương ước Thôn Nà Sla",
        state=Convention.State.RECOGNISED, created_by=village_head, recognised_on=date(2026, 3, 2),
        recognition_number="12/QĐ-UBND", review_on=date(2026, 11, 18),
        text="Điều 3. Phạt\nPhạt tiền hộ vi phạm.",
    )  # fmt: skip
    sign_in(page, live_server, commune_chair)
    page.goto(f"{live_server.url}/can-bo/huong-uoc/{convention.pk}/")
    page.get_by_text("Đình chỉ thi hành (Điều 12 Nghị định 61/2023)").click()
    assert_accessible(page)
    form = page.locator("form", has=page.get_by_role("button", name="Ghi quyết định đình chỉ"))
    form.get_by_label("Căn cứ").select_option("content")
    form.get_by_label("Các điều, khoản (mỗi dòng một điều; bỏ trống nếu toàn bộ)").fill("Điều 3")
    form.get_by_label("Lý do").fill("Điều 3 đặt mức phạt tiền thay cho xử phạt hành chính.")
    form.get_by_label("Ngày nhận kiến nghị hoặc phát hiện qua rà soát").fill("01/06/2026")
    form.get_by_label("Ngày quyết định").fill("03/06/2026")
    form.get_by_label("Số quyết định").fill("20/QĐ-UBND")
    form.get_by_label("Thời hạn xây dựng lại hoặc sửa đổi, bổ sung").fill("01/07/2026")
    form.get_by_role("button", name="Ghi quyết định đình chỉ").click()
    assert page.get_by_text("Đã ghi quyết định đình chỉ thi hành").is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/huong-uoc/{convention.pk}/")
    assert page.get_by_text("Quyết định số 20/QĐ-UBND ngày 03/06/2026").is_visible()
    assert page.get_by_text("Các điều, khoản: Điều 3").is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
