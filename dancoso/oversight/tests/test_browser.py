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


def test_supervision_with_photo_then_addressee_answers(
    page, live_server, world, activity, board_member, commune_chair
):
    from dancoso.feedback.tests.factories import photo

    sign_in(page, live_server, board_member)
    page.goto(f"{live_server.url}/can-bo/giam-sat/hoat-dong/{activity.pk}/")
    _check(page)
    page.get_by_label("Ngày thực hiện").fill("2026-03-17")
    page.get_by_label("Nội dung đã kiểm tra, giám sát").fill("Bảng niêm yết dự toán ngân sách.")
    page.get_by_label("Kết quả, phát hiện").fill("Chưa niêm yết phần chi đầu tư.")
    image = photo("bang-niem-yet.jpg")
    page.get_by_label(re.compile("^Ảnh, tài liệu")).set_input_files(
        {"name": image.name, "mimeType": "image/jpeg", "buffer": image.read()}
    )
    page.get_by_role("button", name="Ghi kết quả").click()
    assert page.get_by_text("Đã ghi kết quả kiểm tra, giám sát").is_visible()
    assert page.get_by_role("link", name="bang-niem-yet.jpg").is_visible()
    _check(page)
    page.get_by_label("Gửi tới").select_option("commune_committee")
    page.get_by_label("Nội dung kiến nghị").fill("Đề nghị niêm yết phần chi đầu tư.")
    page.get_by_label("Ngày cơ quan nhận").fill("2026-03-20")
    page.get_by_role("button", name="Gửi kiến nghị").click()
    assert page.get_by_text("Đã gửi kiến nghị").is_visible()
    _check(page)

    sign_in(page, live_server, commune_chair)
    page.goto(f"{live_server.url}/can-bo/giam-sat/ban/{activity.plan.board_id}/")
    page.get_by_role("link", name="Trả lời kiến nghị").click()
    page.get_by_label("Nội dung trả lời").fill("UBND xã đã niêm yết bổ sung ngày 25/3.")
    page.get_by_role("button", name="Gửi trả lời").click()
    assert page.get_by_text("Đã gửi trả lời").is_visible()
    page.goto(f"{live_server.url}/giam-sat/{world.commune.code}/ban/{activity.plan.board_id}/")
    assert page.get_by_text("UBND xã đã niêm yết bổ sung ngày 25/3.").is_visible()
    _check(page)
