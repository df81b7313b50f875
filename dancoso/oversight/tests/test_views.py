from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dancoso.core.testing import login_verified
from dancoso.oversight import services
from dancoso.oversight.models import Recommendation


def public_url(board):
    return reverse("oversight:board", args=[board.commune.code, board.pk])


def test_public_board_page(client, plan, recommendation, board_member, django_assert_num_queries):
    services.approve_plan(board_member, plan, on=date(2026, 1, 5))
    Recommendation.objects.filter(pk=recommendation.pk).update(
        received_on=timezone.localdate() - timedelta(days=30),
        due_on=timezone.localdate() - timedelta(days=15),
    )
    with django_assert_num_queries(8):
        response = client.get(public_url(plan.board))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hoàng Văn Dũng" in body
    assert "Quá hạn chưa trả lời" in body


def test_public_list(client, board, world, django_assert_num_queries):
    with django_assert_num_queries(4):
        response = client.get(reverse("oversight:list", args=[world.commune.code]))
    assert board.name in response.content.decode()


def test_board_of_other_commune_is_404(client, board, world):
    url = reverse("oversight:board", args=[world.other_commune.code, board.pk])
    assert client.get(url).status_code == 404


def test_xss_in_recommendation_escaped(client, board, board_member):
    services.send_recommendation(
        board_member,
        board,
        addressee="commune_committee",
        content="<script>alert(1)</script>",
        received_on=date(2026, 4, 1),
    )
    body = client.get(public_url(board)).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_board_member_sends_recommendation(client, board, board_member):
    login_verified(client, board_member)
    url = reverse("oversight_ws:board", args=[board.pk])
    response = client.post(
        url,
        {
            "addressee": "commune_committee",
            "content": "Đề nghị sửa đường",
            "received_on": "2026-04-01",
        },
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    assert rec.due_on == date(2026, 4, 16)


def test_bad_recommendation_shows_message(client, board, board_member):
    login_verified(client, board_member)
    url = reverse("oversight_ws:board", args=[board.pk])
    response = client.post(
        url, {"addressee": "commune_committee", "content": "  ", "received_on": "2026-04-01"}
    )
    assert response.status_code == 200
    assert not Recommendation.objects.exists()


def test_chair_answers(client, recommendation, commune_chair):
    login_verified(client, commune_chair)
    url = reverse("oversight_ws:answer", args=[recommendation.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"answer": "Đã niêm yết dự toán."}).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.answered_on == timezone.localdate()


@pytest.mark.parametrize("who", ["officer_of_other_commune", "resident"])
def test_workspace_isolation(request, client, recommendation, who):
    user = request.getfixturevalue(who)
    if who == "resident":
        client.force_login(user)
    else:
        login_verified(client, user)
    assert (
        client.get(reverse("oversight_ws:board", args=[recommendation.board_id])).status_code == 404
    )
    assert client.get(reverse("oversight_ws:answer", args=[recommendation.pk])).status_code == 404


def test_board_member_may_not_answer(client, recommendation, board_member):
    login_verified(client, board_member)
    assert client.get(reverse("oversight_ws:answer", args=[recommendation.pk])).status_code == 403


def test_workspace_list_pinned(client, board, commune_officer, django_assert_num_queries):
    login_verified(client, commune_officer)
    client.get(reverse("oversight_ws:list"))
    with django_assert_num_queries(7):
        response = client.get(reverse("oversight_ws:list"))
    assert board.name in response.content.decode()


def test_officer_adds_member_and_refusal_shown(client, board, commune_officer, world):
    login_verified(client, commune_officer)
    url = reverse("oversight_ws:member", args=[board.pk])
    data = {
        "full_name": "Lý Văn Phúc",
        "role": "member",
        "village": world.village.pk,
        "starts_on": "2025-07-01",
        "recognised_by": "QĐ 5/QĐ-MTTQ",
        "permanent_resident": "on",
        "seat": "resident",
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, data | {"official": "on", "full_name": "Cán bộ Xã"})
    assert response.status_code == 200
    assert "Cán bộ, công chức xã" in response.content.decode()
    assert board.memberships.count() == 1


def test_board_member_may_not_add_member(client, board, board_member):
    login_verified(client, board_member)
    response = client.post(
        reverse("oversight_ws:member", args=[board.pk]),
        {
            "full_name": "X",
            "role": "member",
            "starts_on": "2025-07-01",
            "recognised_by": "QĐ",
            "permanent_resident": "on",
            "seat": "resident",
        },
    )
    assert response.status_code == 403
    assert board.memberships.count() == 0


def test_plan_activity_approve(client, board, members, board_member, django_assert_num_queries):
    login_verified(client, board_member)
    response = client.post(
        reverse("oversight_ws:new_plan", args=[board.pk]),
        {
            "period": "quarter",
            "title": "Kế hoạch quý II",
            "starts_on": "2026-04-01",
            "ends_on": "2026-06-30",
        },
    )
    plan = board.plans.get()
    assert response.url == reverse("oversight_ws:plan", args=[plan.pk])
    url = reverse("oversight_ws:plan", args=[plan.pk])
    data = {
        "subject": "project",
        "title": "Giám sát thi công đường",
        "method": "Xem hiện trường",
        "starts_on": "2026-05-04",
        "ends_on": "2026-05-08",
        "members": [members[0].pk],
    }
    assert client.post(url, data).status_code == 302
    bad = client.post(url, data | {"starts_on": "2026-07-01", "ends_on": "2026-07-02"})
    assert "thời gian của kế hoạch" in bad.content.decode()
    client.get(url)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200
    client.post(reverse("oversight_ws:approve", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.approved_on is not None


def test_board_judges_answer(client, recommendation, board_member, commune_chair):
    services.answer_recommendation(
        commune_chair, recommendation, answer="Đã làm", on=date(2026, 4, 3)
    )
    login_verified(client, board_member)
    client.post(reverse("oversight_ws:judge", args=[recommendation.pk]), {"resolved": "0"})
    recommendation.refresh_from_db()
    assert recommendation.resolved is False


def test_workspace_board_page_pinned(
    client, recommendation, members, commune_officer, django_assert_num_queries
):
    login_verified(client, commune_officer)
    url = reverse("oversight_ws:board", args=[recommendation.board_id])
    client.get(url)
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200
