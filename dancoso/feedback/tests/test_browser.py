"""In Chromium at 360 px: a resident sends a report from the portal, an officer answers it in
the workspace, the resident rates the answer on the status page; a visitor rates a desk by
its QR page without JavaScript. Every page passes axe (no serious or critical violation)."""

import re

import pytest

from dancoso.core.browser import assert_accessible, assert_no_horizontal_scroll, sign_in
from dancoso.feedback import services
from dancoso.feedback.models import Case

pytestmark = pytest.mark.browser


def test_report_answer_and_rating(page, browser, live_server, world, commune_officer):
    page.goto(f"{live_server.url}/phan-anh/xa/{world.commune.code}/gui/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_label("Phản ánh", exact=True).check()
    page.get_by_label("Tiêu đề").fill("Cống thoát nước bị tắc")
    page.get_by_label("Nội dung").fill("Cống trước chợ tắc, nước tràn ra đường khi mưa.")
    page.get_by_label("Số điện thoại di động").fill("0912000111")
    page.get_by_role("button", name="Gửi", exact=True).click()
    page.wait_for_url(re.compile(r"/phan-anh/tra-cuu/[A-Z0-9-]+/\?da-gui=1$"))
    case = Case.objects.get()
    assert page.get_by_text(case.tracking_code).first.is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    status_url = page.url

    officer_page = browser.new_page(viewport={"width": 360, "height": 740})
    sign_in(officer_page, live_server, commune_officer)
    officer_page.goto(f"{live_server.url}/can-bo/phan-anh/")
    assert_accessible(officer_page)
    officer_page.get_by_role("link", name=case.tracking_code).click()
    assert_accessible(officer_page)
    officer_page.get_by_role("button", name="Thụ lý", exact=True).click()
    officer_page.get_by_label("Trả lời người gửi").fill("Đã nạo vét cống ngày 02/12.")
    officer_page.get_by_role("button", name="Trả lời người gửi", exact=True).click()
    officer_page.wait_for_load_state()
    assert officer_page.get_by_text("Đã trả lời").first.is_visible()
    assert_no_horizontal_scroll(officer_page)
    officer_page.close()

    page.goto(status_url)
    assert page.get_by_text("Đã nạo vét cống").is_visible()
    page.get_by_label("Hài lòng", exact=True).check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_load_state()
    assert page.get_by_text("Bạn đã đánh giá: hài lòng").is_visible()
    assert_accessible(page)
    case.refresh_from_db()
    assert case.satisfied is True


def test_qr_rating_without_javascript(nojs_page, live_server, world, commune_officer):
    desk = services.create_desk(world.commune, actor=commune_officer, name="Quầy 1 — Tư pháp")
    nojs_page.goto(f"{live_server.url}/danh-gia/{desk.token}/?ma=HS-0001")
    assert_no_horizontal_scroll(nojs_page)
    nojs_page.locator("#id_reception_score_0").check()
    nojs_page.locator("#id_procedure_score_1").check()
    nojs_page.get_by_role("button", name="Gửi đánh giá").click()
    assert nojs_page.get_by_text("Cảm ơn bạn đã đánh giá!").is_visible()
    assert desk.ratings.get().reception_score == 5


def test_every_other_feedback_page_passes_axe_at_360_px(
    page, live_server, world, commune_officer, resident
):
    from datetime import timedelta

    from django.utils import timezone

    from .factories import report

    case = services.answer_case(report(world.commune), actor=commune_officer, answer="Đã sửa.")
    services.publish_answer(case, actor=commune_officer)
    desk = services.create_desk(world.commune, actor=commune_officer, name="Quầy 1")
    session = services.schedule_session(
        world.commune,
        actor=commune_officer,
        kind="dialogue",
        title="Đối thoại về chợ",
        starts_at=timezone.now() + timedelta(days=1),
        place="Chợ Cao Lộc",
        host="Chủ tịch xã",
    )
    services.add_item(session, actor=commune_officer, raised="Mái chợ dột")
    survey = services.open_survey(
        services.create_survey(
            world.commune,
            actor=commune_officer,
            title="Khảo sát",
            year=2026,
            questions="một | Hài lòng? | Có; Không\nnhiều | Kênh | Loa; Zalo\nthang | Điểm\n"
            "tự do | Góp ý",
        ),
        actor=commune_officer,
    )
    code = world.commune.code
    public = [
        f"/phan-anh/xa/{code}/",
        f"/phan-anh/xa/{code}/tiep-cong-dan/",
        "/phan-anh/tra-cuu/",
        f"/phan-anh/tra-cuu/{case.tracking_code}/",
        f"/danh-gia/{desk.token}/",
    ]
    for url in public:
        page.goto(live_server.url + url)
        assert_accessible(page)
        assert_no_horizontal_scroll(page)
    sign_in(page, live_server, commune_officer)
    officer = [
        "/can-bo/phan-anh/nhap/",
        "/can-bo/phan-anh/so-lieu/",
        "/can-bo/phan-anh/quay/",
        f"/can-bo/phan-anh/quay/{desk.pk}/",
        "/can-bo/phan-anh/tiep-dan/",
        f"/can-bo/phan-anh/tiep-dan/{session.pk}/",
        "/can-bo/phan-anh/khao-sat/",
        f"/can-bo/phan-anh/khao-sat/{survey.pk}/",
    ]
    for url in officer:
        page.goto(live_server.url + url)
        assert page.url.endswith(url), url
        assert_accessible(page)
        assert_no_horizontal_scroll(page)
    sign_in(page, live_server, resident)
    page.goto(f"{live_server.url}/khao-sat/{survey.pk}/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
