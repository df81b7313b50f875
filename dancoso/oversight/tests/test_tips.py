"""Residents' information to a board: named or anonymous, rate-limited, isolated by commune,
answered by the board."""

from datetime import date

import pytest
from django.urls import reverse

from dancoso.accounts.messaging import LocmemSender
from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import login_verified
from dancoso.oversight import services
from dancoso.oversight.models import Tip

MARKER = "Triệu Thị Bí Mật"


def send(board, actor, **extra):
    fields = {
        "content": "Đường bê tông thôn Bản Lải đổ mỏng hơn thiết kế.",
        "anonymous": False,
        "full_name": MARKER,
        "contact": "0912 345 678",
    } | extra
    return services.send_tip(board, actor=actor, **fields)


def test_named_tip_keeps_a_normalised_contact(board, anonymous):
    tip = send(board, anonymous)
    assert tip.contact == "0912345678" and tip.full_name == MARKER
    event = AuditEvent.objects.get(action="oversight.tip.send")
    assert MARKER not in str(event.summary) and event.summary["anonymous"] is False


def test_anonymous_tip_keeps_no_identity(board, resident):
    tip = send(board, resident, anonymous=True)
    assert (tip.full_name, tip.contact, tip.anonymous) == ("", "", True)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"contact": ""}, "số điện thoại hoặc thư điện tử để Ban trả lời"),
        ({"full_name": " "}, "họ tên"),
        ({"contact": "không có"}, "chưa đúng"),
        ({"content": "   "}, "nội dung"),
    ],
)
def test_bad_tips_refused(board, anonymous, extra, message):
    with pytest.raises(DomainError, match=message):
        send(board, anonymous, **extra)
    assert not Tip.objects.exists()


def test_dissolved_board_takes_no_tips(board, anonymous):
    board.dissolved_on = date(2026, 1, 1)
    board.save()
    with pytest.raises(DomainError, match="giải thể"):
        send(board, anonymous)


@pytest.mark.django_db(transaction=True)
def test_board_answers_and_sender_is_told(board, board_member, anonymous, settings):
    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"
    LocmemSender.outbox.clear()
    tip = send(board, anonymous, contact="nguoidan@example.vn")
    services.answer_tip(board_member, tip, answer="Ban sẽ kiểm tra ngày 10/4.", on=date(2026, 4, 3))
    assert [m["to"] for m in LocmemSender.outbox] == ["nguoidan@example.vn"]
    assert "Ban sẽ kiểm tra ngày 10/4." in LocmemSender.outbox[0]["text"]
    with pytest.raises(DomainError, match="đã trả lời"):
        services.answer_tip(board_member, tip, answer="x", on=date(2026, 4, 4))
    assert AuditEvent.objects.filter(action="oversight.tip.answer").count() == 1


@pytest.mark.parametrize("who", ["commune_officer", "officer_of_other_commune", "resident"])
def test_only_the_board_answers(request, board, anonymous, who):
    tip = send(board, anonymous)
    with pytest.raises(PermissionDeniedError):
        services.answer_tip(request.getfixturevalue(who), tip, answer="x", on=date(2026, 4, 3))


def tip_url(board):
    return reverse("oversight:send_tip", args=[board.commune.code, board.pk])


def test_public_form_gives_a_tracking_page_without_the_sender(client, board):
    data = {
        "content": "<script>alert(1)</script> rãnh tắc",
        "full_name": MARKER,
        "contact": "0912345678",
    }
    response = client.post(tip_url(board), data)
    tip = Tip.objects.get()
    assert response.url == reverse("oversight:tip", args=[tip.tracking_code]) + "?da-gui=1"
    body = client.get(response.url).content.decode()
    assert tip.tracking_code in body and "&lt;script&gt;" in body
    assert "<script>alert(1)</script>" not in body and MARKER not in body


def test_public_form_refusal_shown(client, board):
    response = client.post(tip_url(board), {"content": "Rãnh tắc", "full_name": "An"})
    assert response.status_code == 200 and "để Ban trả lời" in response.content.decode()
    assert not Tip.objects.exists()


def test_tip_form_of_another_commune_is_404(client, board, world):
    url = reverse("oversight:send_tip", args=[world.other_commune.code, board.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("oversight:tip", args=["AAAA-BBBB-CCCC"])).status_code == 404


def test_tips_rate_limited_per_address(client, board):
    data = {"content": "Rãnh tắc", "anonymous": "on"}
    codes = [client.post(tip_url(board), data).status_code for _ in range(12)]
    assert codes[:10] == [302] * 10 and codes[10:] == [429, 429]
    assert Tip.objects.count() == 10


def test_named_tips_rate_limited_per_contact_across_addresses(client, board):
    data = {"content": "Rãnh tắc", "full_name": "An", "contact": "0912345678"}
    codes = [
        client.post(tip_url(board), data, REMOTE_ADDR=f"10.0.0.{n}").status_code for n in range(7)
    ]
    assert codes == [302] * 5 + [429, 429]


def test_board_reads_and_answers_in_workspace(
    client, board, board_member, anonymous, django_assert_num_queries
):
    tips = [send(board, anonymous) for _ in range(3)]
    login_verified(client, board_member)
    url = reverse("oversight_ws:tips", args=[board.pk])
    client.get(url)
    with django_assert_num_queries(9):
        body = client.get(url).content.decode()
    assert MARKER in body
    prefix = f"tl-{tips[0].pk}"
    answer = reverse("oversight_ws:answer_tip", args=[tips[0].pk])
    assert client.post(answer, {f"{prefix}-answer": "Đã chuyển UBND xã."}).status_code == 302
    tips[0].refresh_from_db()
    assert tips[0].answered_on is not None


def test_other_commune_sees_no_tips(client, board, anonymous, officer_of_other_commune):
    tip = send(board, anonymous)
    login_verified(client, officer_of_other_commune)
    assert client.get(reverse("oversight_ws:tips", args=[board.pk])).status_code == 404
    answer = reverse("oversight_ws:answer_tip", args=[tip.pk])
    assert client.post(answer, {f"tl-{tip.pk}-answer": "x"}).status_code == 404
