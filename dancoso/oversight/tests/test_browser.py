"""In Chromium at 360 px: a board member sends a recommendation to the commune People's
Committee, the commune chair answers it, and anyone reads the answer on the board's public
page. Every page passes axe and has no horizontal scroll."""

import re

import pytest

from dancoso.core.browser import assert_accessible, assert_no_horizontal_scroll, sign_in

pytestmark = pytest.mark.browser


def _check(page):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_board_sends_chair_answers_public_reads(
    page, live_server, world, board, members, board_member, commune_chair
):
    sign_in(page, live_server, board_member)
    page.goto(f"{live_server.url}/can-bo/giam-sat/ban/{board.pk}/")
    _check(page)
    page.get_by_label("Gửi tới").select_option("commune_committee")
    page.get_by_label("Nội dung kiến nghị").fill("Đề nghị sửa rãnh thoát nước <b>thôn Bản Lải</b>.")
    page.get_by_label("Ngày cơ quan nhận").fill("2026-04-01")
    page.get_by_role("button", name="Gửi kiến nghị").click()
    assert page.get_by_text("Đã gửi kiến nghị").is_visible()
    assert page.get_by_text("<b>thôn Bản Lải</b>").is_visible()
    _check(page)
    page.get_by_text("Lập kế hoạch", exact=True).first.click()
    page.get_by_label("Loại kế hoạch").select_option("quarter")
    page.get_by_label("Tên kế hoạch").fill("Kế hoạch quý II")
    page.locator("#id_starts_on").last.fill("2026-04-01")
    page.locator("#id_ends_on").fill("2026-06-30")
    page.get_by_role("button", name="Lập kế hoạch").click()
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/$"))
    _check(page)

    sign_in(page, live_server, commune_chair)
    page.goto(f"{live_server.url}/can-bo/giam-sat/ban/{board.pk}/")
    page.get_by_role("link", name="Trả lời kiến nghị").click()
    page.wait_for_url(re.compile(r"/tra-loi/$"))
    _check(page)
    page.get_by_label("Nội dung trả lời").fill("UBND xã sẽ sửa rãnh trong tháng 5.")
    page.get_by_role("button", name="Gửi trả lời").click()
    assert page.get_by_text("Đã gửi trả lời").is_visible()

    page.goto(f"{live_server.url}/giam-sat/{world.commune.code}/ban/{board.pk}/")
    assert page.get_by_text("UBND xã sẽ sửa rãnh trong tháng 5.").is_visible()
    assert page.get_by_text("Hoàng Văn Dũng").is_visible()
    _check(page)
