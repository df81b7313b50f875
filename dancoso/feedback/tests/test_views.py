"""Pages: the public form, the status page and rating, the QR rating page, rate limits at the
documented numbers (429 in Vietnamese, never 5xx), the officer inbox (query count pinned),
the case page and its actions, the QR code, the task and the command."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dancoso.core.testing import login_verified
from dancoso.feedback import services
from dancoso.feedback.models import Case, DeskRating

from .factories import report

pytestmark = pytest.mark.django_db
FORM = {
    "kind": "phan_anh",
    "subject": "Rác ở đầu cầu",
    "description": "Rác tồn đọng ba ngày.",
    "phone": "0912000111",
}


def test_a_visitor_sends_a_report_and_lands_on_its_status_page(client, world):
    url = reverse("feedback:submit", args=[world.commune.code])
    page = client.get(url).content.decode()
    assert "Tố cáo" in page and "Tiếp theo" in page  # the kinds explained
    response = client.post(url, FORM | {"subject": "<script>alert(1)</script>"})
    case = Case.objects.get()
    assert response.status_code == 302 and case.tracking_code in response["Location"]
    status = client.get(response["Location"]).content.decode()
    assert "Đã tiếp nhận" in status and "<script>alert(1)" not in status
    assert "sessionid" not in client.cookies  # no session made for a visitor
    assert "Điều 28" in status  # the deadline with its article


def test_bad_input_comes_back_beside_the_field(client, world):
    response = client.post(
        reverse("feedback:submit", args=[world.commune.code]), FORM | {"phone": ""}
    )
    assert response.status_code == 200 and "số điện thoại" in response.content.decode()
    assert not Case.objects.exists()


def test_tracking_by_code_and_unknown_codes(client, world):
    case = report(world.commune)
    found = client.post(reverse("feedback:track"), {"code": case.tracking_code.replace("-", "")})
    assert found.status_code == 302
    missing = client.post(reverse("feedback:track"), {"code": "2222-2222-2222"})
    assert "Không có hồ sơ" in missing.content.decode()
    assert client.get(reverse("feedback:status", args=["2222-2222-2222"])).status_code == 404


def test_the_resident_rates_the_answer_on_the_status_page(client, world, commune_officer):
    case = services.answer_case(report(world.commune), actor=commune_officer, answer="Đã dọn.")
    url = reverse("feedback:status", args=[case.tracking_code])
    assert client.post(url, {"satisfied": "0"}).status_code == 400  # a reason is needed
    assert client.post(url, {"satisfied": "0", "reason": "Chưa sạch"}).status_code == 302
    case.refresh_from_db()
    assert case.satisfied is False and case.rating_reason == "Chưa sạch"


@pytest.fixture
def no_challenge(monkeypatch):
    from dancoso.feedback import challenge

    monkeypatch.setattr(challenge, "BURST_RATE", "1000/10m")


def test_submissions_are_limited_per_phone_at_the_documented_rate(client, world, no_challenge):
    url = reverse("feedback:submit", args=[world.commune.code])
    codes = [client.post(url, FORM).status_code for _ in range(6)]
    assert codes == [302] * 5 + [429]
    assert "5 phản ánh mỗi giờ" in client.post(url, FORM).content.decode()
    other = client.post(url, FORM | {"phone": "0912000222"})
    assert other.status_code == 302  # another number is counted apart


def test_submissions_are_limited_per_address(client, world, no_challenge):
    url = reverse("feedback:submit", args=[world.commune.code])
    codes = [client.post(url, FORM | {"phone": f"09120{n:05d}"}).status_code for n in range(21)]
    assert codes.count(302) == 20 and codes[-1] == 429


def test_a_burst_from_one_address_gets_the_small_question(client, world):
    from django.core import signing

    from dancoso.feedback import challenge

    url = reverse("feedback:submit", args=[world.commune.code])
    sent = [client.post(url, FORM | {"phone": f"091200011{n}"}).status_code for n in range(3)]
    assert sent == [302, 302, 302]
    asked = client.get(url).content.decode()
    assert "Câu hỏi chống gửi tự động" in asked and "cộng" in asked
    refused = client.post(url, FORM | {"phone": "0912000119"})
    assert refused.status_code == 400 and Case.objects.count() == 3
    token = re.search(r'name="challenge_token" value="([^"]+)"', refused.content.decode())[1]
    answer = signing.loads(token, salt=challenge.SALT)["s"]
    wrong = client.post(
        url,
        FORM
        | {"phone": "0912000119", "challenge_token": token, "challenge_answer": str(answer + 1)},
    )
    assert wrong.status_code == 400
    good = {"phone": "0912000119", "challenge_token": token, "challenge_answer": str(answer)}
    assert client.post(url, FORM | good).status_code == 302
    assert client.post(url, FORM | good).status_code == 400  # a token answers once
    assert Case.objects.count() == 4


def test_qr_rating_once_per_visit_code(client, world, commune_officer):
    desk = services.create_desk(
        world.commune, actor=commune_officer, name="Quầy 1", officer=commune_officer
    )
    url = reverse("feedback:rate_desk", args=[desk.token])
    assert "CL-2026-001" in client.get(url + "?ma=CL-2026-001").content.decode()
    vote = {"visit_code": "cl-2026-001", "reception_score": "5", "procedure_score": "4"}
    assert "Cảm ơn" in client.post(url, vote).content.decode()
    again = client.post(url, vote)
    assert again.status_code == 400 and "đã được đánh giá" in again.content.decode()
    assert DeskRating.objects.count() == 1
    assert client.get(reverse("feedback:rate_desk", args=["khong-co"])).status_code == 404


def test_the_printable_qr_is_an_svg_made_on_the_server(world, commune_officer):
    desk = services.create_desk(world.commune, actor=commune_officer, name="Quầy 2")
    officer = login_verified(Client(), commune_officer)
    svg = officer.get(reverse("feedback:desk_qr", args=[desk.pk]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert b"<script" not in svg.content
    page = officer.get(reverse("feedback:desk", args=[desk.pk])).content.decode()
    assert desk.token in page


def test_the_inbox_costs_the_same_whatever_the_number_of_cases(
    world, commune_officer, django_assert_num_queries
):
    officer = login_verified(Client(), commune_officer)
    url = reverse("feedback:inbox")
    report(world.commune)
    officer.get(url)
    with django_assert_num_queries(7):
        first = officer.get(url)
    for _ in range(30):
        report(world.commune)
    with django_assert_num_queries(7):
        officer.get(url)
    assert first.status_code == 200


def test_the_officer_answers_through_the_case_page(world, commune_officer):
    case = report(world.commune)
    officer = login_verified(Client(), commune_officer)
    page = officer.get(reverse("feedback:case", args=[case.pk])).content.decode()
    assert "0912000111" in page  # a report's sender is shown to its handlers
    officer.post(reverse("feedback:case_action", args=[case.pk, "thu-ly"]))
    officer.post(reverse("feedback:case_action", args=[case.pk, "tra-loi"]), {"text": "Xong"})
    case.refresh_from_db()
    assert case.status == Case.Status.ANSWERED and case.answer == "Xong"
    wrong = officer.post(reverse("feedback:case_action", args=[case.pk, "thu-ly"]), follow=True)
    assert "không thể thụ lý" in wrong.content.decode()
    assert officer.get(reverse("feedback:case_action", args=[case.pk, "thu-ly"])).status_code == 405


def test_the_public_commune_page_shows_figures_and_published_answers(
    client, world, commune_officer
):
    case = services.answer_case(
        report(world.commune, full_name="Hứa Thị Mơ"),
        actor=commune_officer,
        answer="Bà Hứa Thị Mơ: đã sửa đèn.",
    )
    services.publish_answer(case, actor=commune_officer)
    page = client.get(reverse("feedback:commune", args=[world.commune.code])).content.decode()
    assert "đã sửa đèn" in page and "Hứa Thị Mơ" not in page and "100 %" in page


def test_the_alert_command_and_task_run(world, capsys):
    from dancoso.feedback.tasks import send_alerts

    report(world.commune)
    call_command("feedback_alerts")
    assert "Đã nhắc" in capsys.readouterr().out
    assert send_alerts.enqueue().return_value == {"reminders": 0, "escalations": 0, "routed": 0}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.fixed_dictionaries(
        {
            key: st.text(max_size=300)
            for key in (
                "kind",
                "subject",
                "description",
                "full_name",
                "phone",
                "email",
                "latitude",
                "longitude",
                "village",
            )
        }
    )
)
def test_any_input_to_the_public_form_gets_a_page_never_a_server_error(client, world, data):
    from django.core.cache import cache

    cache.clear()
    response = client.post(
        reverse("feedback:submit", args=[world.commune.code]),
        {k: v.replace("\x00", "") for k, v in data.items()},
    )
    assert response.status_code in (200, 302)
    status = client.post(reverse("feedback:track"), {"code": data["subject"].replace("\x00", "")})
    assert status.status_code in (200, 302)
