"""In Chromium at 360 px: a resident comments on a section of an open draft; the officer
answers it, writes the synthesis and publishes it; the resident reads the answer. Every page
on the way passes axe and has no horizontal scroll."""

import re

import pytest

from dancoso.consultation.lifecycle import State
from dancoso.core.browser import assert_accessible, assert_no_horizontal_scroll, sign_in

from .factories import first_section, force_state, make_open

pytestmark = pytest.mark.browser


def _check(page):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_resident_comments_officer_answers_and_publishes(
    page, live_server, world, commune_officer, resident
):
    consultation = make_open(
        world.commune,
        commune_officer,
        summary="Dành 5 ha cho khu tái định cư. Xem https://example.org/ban-do.",
    )
    section = first_section(consultation)

    sign_in(page, live_server, resident)
    page.goto(f"{live_server.url}/lay-y-kien/xa/{world.commune.code}/")
    _check(page)
    page.get_by_role("link", name=consultation.title).click()
    page.wait_for_url(re.compile(rf"/lay-y-kien/{consultation.pk}/$"))
    _check(page)
    page.locator(f"#phan-{section.pk}").get_by_role("link", name="Góp ý phần này").click()
    page.get_by_label("Ý kiến của bạn").fill("Đề nghị giữ lại sân bóng của thôn <b>Bản Lải</b>.")
    page.get_by_label("Bạn thấy dự thảo thế nào?").select_option("disagree")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url(re.compile(rf"\?phan={section.pk}"))
    assert page.get_by_text("Đã gửi ý kiến").is_visible()
    assert page.get_by_text("thôn <b>Bản Lải</b>").is_visible()  # shown as typed, not as markup
    assert page.get_by_text("(1 ý kiến)").first.is_visible()
    _check(page)

    force_state(consultation, State.CLOSED)
    sign_in(page, live_server, commune_officer)
    page.goto(f"{live_server.url}/can-bo/lay-y-kien/{consultation.pk}/")
    _check(page)
    page.get_by_label("Số thứ tự các ý kiến (ví dụ: 1, 4, 7)").fill("1")
    page.get_by_label("Tên nhóm ý kiến").fill("Về sân bóng thôn Bản Lải")
    page.get_by_label("Kết quả").select_option("tiep_thu")
    page.get_by_label("Trả lời, giải trình").fill(
        "Giữ nguyên sân bóng; khu tái định cư dời sang phía đông."
    )
    page.get_by_role("button", name="Lưu câu trả lời").click()
    assert page.get_by_text("Đã trả lời nhóm ý kiến").is_visible()
    page.get_by_label("Nội dung báo cáo tổng hợp").fill("Nhận 1 ý kiến, tiếp thu 1.")
    page.get_by_label(re.compile("Lý do .nếu quyết định")).fill(
        "Dự thảo đã được sửa theo ý kiến, không còn trái với ý kiến đa số."
    )
    page.get_by_role("button", name="Lưu báo cáo").click()
    page.get_by_role("button", name="Hoàn thành tổng hợp").click()
    assert page.get_by_text("Đã thực hiện").is_visible()
    page.get_by_role("button", name="Công khai kết quả tổng hợp").click()
    assert page.get_by_text("Đã công khai kết quả").first.is_visible()
    _check(page)

    sign_in(page, live_server, resident)
    page.goto(f"{live_server.url}/lay-y-kien/cua-toi/")
    assert page.get_by_text("Giữ nguyên sân bóng").is_visible()
    _check(page)
    page.get_by_role("link", name="Xem trong báo cáo").click()
    assert page.get_by_role(
        "heading", name="Báo cáo tổng hợp, tiếp thu, giải trình ý kiến"
    ).is_visible()
    _check(page)


def test_the_draft_page_works_without_javascript(
    nojs_page, live_server, world, commune_officer, resident
):
    consultation = make_open(world.commune, commune_officer)
    sign_in(nojs_page, live_server, resident)
    nojs_page.goto(f"{live_server.url}/lay-y-kien/{consultation.pk}/")
    nojs_page.get_by_label("Ý kiến của bạn").fill("Không có JavaScript vẫn gửi được.")
    nojs_page.get_by_role("button", name="Gửi ý kiến").click()
    assert nojs_page.get_by_text("Không có JavaScript vẫn gửi được.").is_visible()


def test_the_officer_exports_the_report_and_watches_it_finish(
    page, live_server, world, commune_officer, resident
):
    from dancoso.consultation import services

    consultation = make_open(world.commune, commune_officer)
    services.post_opinion(consultation, actor=resident, text="Đề nghị làm đường rộng 5 m.")
    force_state(consultation, State.CLOSED)
    sign_in(page, live_server, commune_officer)
    page.goto(f"{live_server.url}/lay-y-kien/{consultation.pk}/ket-qua/")
    _check(page)
    page.get_by_label("Định dạng").select_option("pdf")
    page.get_by_role("button", name=re.compile("Xuất báo cáo")).click()
    page.wait_for_url(re.compile(rf"/lay-y-kien/{consultation.pk}/ket-qua/xuat/\d+/$"))
    assert page.get_by_role("progressbar", name="Tiến độ").is_visible()
    _check(page)
    link = page.get_by_role("link", name=re.compile("Tải báo cáo — PDF"))
    link.wait_for(timeout=30_000)  # the task runs; htmx polls the fragment every second
    _check(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"bao-cao-tong-hop-{consultation.pk}.pdf"
