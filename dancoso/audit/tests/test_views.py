"""An officer reads the audit history of the commune they may see (/can-bo/nhat-ky/): the whole
chain newest first, filtered by action or object, its head, and "verify now". Anyone else gets
the same 404 as for a commune that does not exist."""

from datetime import UTC, datetime
from unittest.mock import patch

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from dancoso.audit import guard
from dancoso.audit.models import AuditEvent
from dancoso.audit.queries import head_of
from dancoso.audit.services import Entry, record, record_many
from dancoso.core.testing import login_verified
from dancoso.core.tests.html import read

pytestmark = pytest.mark.django_db


def log_url(commune, **query) -> str:
    url = reverse("audit:commune", args=[commune.code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def verify_url(commune) -> str:
    return reverse("audit:verify", args=[commune.code])


def fill(commune, n: int, start: int = 0) -> None:
    record_many([Entry("households.update_household", None, ("households.household", start + i),
                       {"changed": ["address"]}, "system") for i in range(n)],
                commune.code)  # fmt: skip


@pytest.fixture
def as_officer(client, commune_officer):
    return login_verified(client, commune_officer)


def test_the_officer_reads_the_commune_chain_newest_first(as_officer, world, commune_officer):
    at = datetime(2026, 3, 1, 17, 30, 5, tzinfo=UTC)  # 00:30:05 next day in Hà Nội
    with patch("dancoso.audit.services.datetime") as clock:
        clock.now.return_value = at
        record("places.rename_village", actor=commune_officer, obj=world.village,
               summary={"from": "Bản Lải", "to": "Bản Lải Mới"}, commune_code=world.commune.code,
               role="commune_officer")  # fmt: skip
    record("households.update_household", actor=commune_officer, obj=world.household,
           summary={"changed": ["address"]}, commune_code=world.commune.code,
           role="commune_officer")  # fmt: skip
    record("places.rename_village", actor=None, obj=world.foreign_village,
           summary={"to": "BÍ MẬT XÃ KHÁC"}, commune_code=world.other_commune.code)  # fmt: skip

    response = as_officer.get(log_url(world.commune))

    assert response.status_code == 200
    page = read(response)
    assert page.h1 == ["Nhật ký thay đổi của Xã Cao Lộc"]
    rows = response.context["rows"]
    assert [r["event"].seq for r in rows] == [2, 1]
    newest, oldest = rows
    assert (newest["action"], newest["object"], newest["summary"]) == (
        "Sửa thông tin hộ",
        "Hộ gia đình",
        "đổi địa chỉ",
    )
    assert newest["object_url"] == reverse("households:detail", args=[world.household.pk])
    assert oldest["time"] == "02/03/2026 00:30:05"
    assert (oldest["role"], oldest["summary"]) == ("Cán bộ, công chức xã",
                                                   "từ: Bản Lải; thành: Bản Lải Mới")  # fmt: skip
    head = head_of(f"commune:{world.commune.code}")
    for text in ("02/03/2026 00:30:05", "canbo", "Cán bộ, công chức xã", "Đổi tên thôn",
                 "Vị trí 1", "Vị trí 2", head.hash, newest["event"].hash[:12]):  # fmt: skip
        assert text in page.text
    assert "BÍ MẬT XÃ KHÁC" not in response.content.decode()
    assert page.inline_scripts == 0 and page.style_attributes == []


def test_the_province_officer_reads_every_commune_of_the_province(client, world, province_officer):
    fill(world.other_commune, 3)
    response = login_verified(client, province_officer).get(log_url(world.other_commune))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3


@pytest.mark.parametrize(
    "persona", ["officer_of_other_commune", "village_head", "resident", "household_head"]
)
def test_anyone_else_gets_the_same_404_as_for_a_missing_commune(client, world, persona, request):
    fill(world.commune, 2)
    login_verified(client, request.getfixturevalue(persona))
    for url in (log_url(world.commune), "/can-bo/nhat-ky/xa/999999/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Xã Cao Lộc" not in response.content.decode()
    assert client.post(verify_url(world.commune)).status_code == 404


def test_numbers_too_large_for_the_database_are_just_missing(as_officer):
    assert as_officer.get("/can-bo/nhat-ky/xa/99999999999999999999/").status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world):
    response = client.get(log_url(world.commune))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_pages_go_back_by_position_and_keep_the_filter(as_officer, world):
    fill(world.commune, 120)
    first = as_officer.get(log_url(world.commune))
    seqs = [r["event"].seq for r in first.context["rows"]]
    assert seqs == list(range(120, 70, -1))
    assert first.context["older"] == 71
    second = as_officer.get(log_url(world.commune, truoc=71))
    assert [r["event"].seq for r in second.context["rows"]] == list(range(70, 20, -1))
    third = as_officer.get(log_url(world.commune, truoc=21))
    assert [r["event"].seq for r in third.context["rows"]] == list(range(20, 0, -1))
    assert third.context["older"] is None
    assert "truoc=71" in first.content.decode() and "Cũ hơn" not in third.content.decode()
    assert (
        as_officer.get(log_url(world.commune, truoc="abc")).context["rows"][0]["event"].seq == 120
    )


def test_filter_by_action_and_by_object(as_officer, world, commune_officer):
    fill(world.commune, 5)
    record("places.rename_village", actor=commune_officer, obj=world.village,
           summary={"to": "Mới"}, commune_code=world.commune.code)  # fmt: skip
    by_action = as_officer.get(log_url(world.commune, **{"hanh-dong": "places.rename_village"}))
    assert [r["event"].seq for r in by_action.context["rows"]] == [6]
    by_object = as_officer.get(log_url(world.commune, loai="households.household", ma="3"))
    assert [r["event"].object_id for r in by_object.context["rows"]] == ["3"]
    assert "Chỉ hiện lịch sử của: Hộ gia đình #3." in read(by_object).text
    nothing = as_officer.get(log_url(world.commune, **{"hanh-dong": "x" * 500}))
    assert nothing.status_code == 200 and nothing.context["rows"] == []


@pytest.mark.parametrize("events", [3, 300])
def test_the_page_costs_the_same_queries_whatever_the_chain_length(
    as_officer, world, events, django_assert_num_queries
):
    fill(world.commune, events)
    record("places.rename_village", actor=None, obj=world.village, summary={"to": "X"},
           commune_code=world.commune.code)  # fmt: skip
    record("households.move_household", actor=None, obj=world.household,
           summary={"from_village": world.village.pk, "to_village": world.other_village.pk},
           commune_code=world.commune.code)  # fmt: skip
    as_officer.get(log_url(world.commune))  # warm the session
    # session, user, OTP device, commune, role grants, events, head, village names
    with django_assert_num_queries(8):
        response = as_officer.get(log_url(world.commune))
    assert response.status_code == 200
    assert "từ Thôn Bản Lải sang Thôn Nà Sla" in response.context["rows"][0]["summary"]


def test_verify_now_reports_an_intact_chain(as_officer, world):
    fill(world.commune, 4)
    response = as_officer.post(verify_url(world.commune), follow=True)
    assert response.redirect_chain[-1][0] == log_url(world.commune)
    assert "Nhật ký toàn vẹn: đã kiểm tra lại 4 sự kiện" in read(response).text


def test_verify_now_names_the_first_broken_event(as_officer, world):
    fill(world.commune, 6)
    victim = AuditEvent.objects.get(chain=f"commune:{world.commune.code}", seq=3)
    guard.maintenance(connection, True)
    AuditEvent.objects.filter(pk=victim.pk).update(actor_label="kẻ giả mạo")
    text = read(as_officer.post(verify_url(world.commune), follow=True)).text
    assert "Nhật ký KHÔNG toàn vẹn" in text
    assert f"hỏng tại vị trí 3 (sự kiện #{victim.pk})" in text


def test_verify_now_only_by_post_with_a_csrf_token(world, commune_officer):
    client = login_verified(Client(enforce_csrf_checks=True), commune_officer)
    assert client.get(verify_url(world.commune)).status_code == 405
    assert client.post(verify_url(world.commune)).status_code == 403
    page = client.get(log_url(world.commune))
    token = page.context["csrf_token"]
    response = client.post(verify_url(world.commune), {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302


def test_verify_now_is_rate_limited_per_user(as_officer, world):
    fill(world.commune, 1)
    for _ in range(6):
        assert "Nhật ký toàn vẹn" in read(as_officer.post(verify_url(world.commune),
                                                          follow=True)).text  # fmt: skip
    text = read(as_officer.post(verify_url(world.commune), follow=True)).text
    assert "Hãy đợi một phút rồi thử lại" in text
    assert "Nhật ký toàn vẹn" not in text


def test_the_index_takes_a_one_commune_officer_straight_to_the_log(as_officer, world):
    response = as_officer.get(reverse("audit:index"))
    assert response.status_code == 302 and response.url == log_url(world.commune)


def test_the_index_lists_a_province_officers_communes(client, world, province_officer):
    response = login_verified(client, province_officer).get(reverse("audit:index"))
    assert response.status_code == 200
    assert [c.name for c in response.context["page"]] == ["Xã Ba Sơn", "Xã Cao Lộc"]


def test_the_index_explains_when_there_is_nothing_to_read(client, resident):
    response = login_verified(client, resident).get(reverse("audit:index"))
    assert "chưa được giao vai trò đọc sổ sách" in read(response).text
