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
