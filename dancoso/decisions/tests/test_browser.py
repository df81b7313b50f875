"""In Chromium at 360 px: an organiser opens a small vote, two households vote online from
their phones, a paper batch is entered and confirmed by a second person, and the result and
the online minutes appear. Every page passes axe."""

import re

import pytest

from dancoso.core.browser import (
    assert_accessible,
    assert_no_horizontal_scroll,
    open_page,
    sign_in,
)
from dancoso.decisions.models import Decision
from dancoso.decisions.tests import factories as f

pytestmark = pytest.mark.browser


def checked(page) -> None:
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def step(page, label: str) -> None:
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def test_a_small_vote_online_and_on_paper(
    page, browser, live_server, world, village_head, commune_officer
):
    pairs = f.village_households(world.village, 2)
    sign_in(page, live_server, village_head)
    page.goto(f"{live_server.url}/can-bo/quyet-dinh/tao/")
    checked(page)
    page.get_by_label("Loại việc").select_option("6")
    page.get_by_label("Tên nội dung").fill("Trồng cây xanh đường vào thôn")
    page.get_by_label("Nội dung đưa ra biểu quyết").fill("Mỗi hộ trồng 5 cây keo ven đường?")
    page.get_by_label("Tài liệu gửi các hộ").fill("Dự kiến trồng vào tháng 7.")
    page.get_by_label("Phát phiếu lấy ý kiến đến từng hộ").check()
    page.get_by_label("Biểu quyết trực tuyến (chỉ loại 6)").check()
    page.get_by_label("Ngày biểu quyết").fill("10/06/2026")
    page.get_by_label("Ngày công khai kế hoạch phát phiếu").fill("05/06/2026")
    step(page, "Tạo nội dung")
    page.wait_for_url(re.compile(r"/can-bo/quyet-dinh/\d+/$"))
    decision = Decision.objects.get()
    checked(page)
    step(page, "Công bố danh sách hộ")

    phones = []
    for _, user in pairs:
        phone, problems = open_page(browser)
        sign_in(phone, live_server, user)
        phone.goto(f"{live_server.url}/quyet-dinh/{decision.pk}/")
        checked(phone)
        step(phone, "Có, biểu quyết trực tuyến")
        phones.append((phone, problems))

    page.reload()
    step(page, "Mở biểu quyết")
    assert page.get_by_text("Đang biểu quyết").first.is_visible()

    for phone, _ in phones:
        phone.reload()
        phone.get_by_label("Đồng ý", exact=True).check()  # tap 1
        step(phone, "Gửi biểu quyết")  # tap 2
        assert phone.get_by_text("Mã biên nhận").first.is_visible()
        checked(phone)

    page.reload()
    page.get_by_role("button", name=f"Đã nộp phiếu {world.household.code}").click()
    page.wait_for_load_state()
    page.get_by_label("Loại tập phiếu").select_option("paper")
    page.get_by_label("Không đồng ý").fill("1")
    step(page, "Nhập tập phiếu")
    checked(page)

    second, problems = open_page(browser)
    sign_in(second, live_server, commune_officer)
    second.goto(f"{live_server.url}/can-bo/quyet-dinh/{decision.pk}/")
    step(second, "Xác nhận (người thứ hai)")
    assert second.get_by_text("Đã xác nhận tập phiếu").is_visible()

    page.reload()
    page.get_by_text("Ghi thư ký, Ban kiểm phiếu, Tổ phát phiếu, người chứng kiến").click()
    page.get_by_label("Tổ phát phiếu (3–5 người").fill("Nông Văn Đức\nLương Thị Mến\nChu Văn Hải")
    page.get_by_label("Đại diện hộ chứng kiến").fill("Hoàng Thị Duyên\nLăng Văn Khải")
    step(page, "Ghi người kiểm phiếu")
    checked(page)
    for label in ("Kết thúc biểu quyết", "Kiểm phiếu", "Công bố kết quả"):
        step(page, label)
    page.get_by_role("link", name="Xem phiếu kết quả").click()
    page.wait_for_load_state()
    assert page.get_by_text("2/3 đồng ý").first.is_visible()
    assert page.get_by_text("Lăng Văn Khải").first.is_visible()
    checked(page)
    page.go_back()
    page.get_by_role("link", name="Biên bản biểu quyết trực tuyến").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đại diện hộ đã tham gia trực tuyến").is_visible()
    checked(page)
    for phone, phone_problems in [*phones, (second, problems)]:
        phone.context.close()
        assert phone_problems == []


def test_a_household_votes_without_javascript(nojs_page, live_server, world, village_head):
    d, pairs = f.online_vote_ready(village_head, world.village, 2)
    sign_in(nojs_page, live_server, pairs[0][1])
    nojs_page.goto(f"{live_server.url}/quyet-dinh/{d.pk}/")
    nojs_page.get_by_label("Ý kiến khác", exact=True).check()
    nojs_page.get_by_label("Ý kiến khác của hộ").fill("Nên làm vào mùa khô")
    step(nojs_page, "Gửi biểu quyết")
    assert nojs_page.get_by_text("Mã biên nhận").first.is_visible()
    assert d.participations.count() == 1


def test_the_secretary_scans_attendance_cards(page, live_server, world, village_head):
    from dancoso.decisions import cards, services
    from dancoso.decisions.law import Kind

    homes = [h for h, _ in f.village_households(world.village, 3)]
    d = f.decision(village_head, world.village, kind=Kind.SELF_MANAGED, channels=("meeting",))
    services.publish_electorate(d, actor=village_head)
    services.open_voting(d, actor=village_head)
    sign_in(page, live_server, village_head)
    page.goto(f"{live_server.url}/can-bo/quyet-dinh/{d.pk}/")
    field = page.get_by_label("Quét hoặc gõ mã thẻ điểm danh")
    for _ in range(2):  # a keyboard-wedge scanner types the code and presses Enter; twice
        field = page.get_by_label("Quét hoặc gõ mã thẻ điểm danh")
        field.fill(cards.card_code(homes[0].pk))
        field.press("Enter")
        page.wait_for_load_state()
    assert page.get_by_text("đã được điểm danh trước đó").is_visible()
    assert page.get_by_text("Có mặt 1/4 hộ").is_visible()
    checked(page)
    page.get_by_label("Quét hoặc gõ mã thẻ điểm danh").fill(
        cards.card_code(world.other_household.pk)
    )
    page.get_by_label("Quét hoặc gõ mã thẻ điểm danh").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_text(world.other_village.name).first.is_visible()
    page.get_by_role("link", name="In thẻ điểm danh của các hộ").click()
    page.wait_for_load_state()
    assert page.locator(".dq-card svg").count() == 4
    checked(page)
