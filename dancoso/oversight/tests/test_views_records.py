"""The workspace pages added for projects, board formation, members leaving, the Front's
recognition and activity results with evidence."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dancoso.core.testing import login_verified
from dancoso.feedback.tests.factories import photo
from dancoso.oversight import services
from dancoso.oversight.models import Board, Evidence, Project

PROJECT = {
    "name": "Đường bê tông thôn Bản Lải",
    "investor": "UBND xã Cao Lộc",
    "contractor": "Công ty Xây dựng Lạng Sơn",
    "funding": ["state", "people"],
    "budget": "2000000000",
    "people_contribution": "300000000",
    "location": "Thôn Bản Lải",
    "starts_on": "2026-05-01",
    "ends_on": "2026-12-01",
}


def commune_url(world, name="commune"):
    return reverse(f"oversight_ws:{name}", args=[world.commune.code])


def test_officer_registers_project_and_bad_input_kept(client, world, commune_officer):
    login_verified(client, commune_officer)
    assert client.post(commune_url(world, "project"), PROJECT).status_code == 302
    project = Project.objects.get()
    assert project.funding == ["state", "people"] and project.location == "Thôn Bản Lải"
    bad = client.post(commune_url(world, "project"), PROJECT | {"people_contribution": "3e9"})
    assert bad.status_code == 200 and Project.objects.count() == 1
    bad = client.post(
        commune_url(world, "project"), PROJECT | {"people_contribution": "3000000000"}
    )
    assert "đóng góp không thể lớn hơn" in bad.content.decode()
    assert Project.objects.count() == 1


def test_commune_page_pinned_and_isolated(
    client, world, board, commune_officer, officer_of_other_commune, django_assert_num_queries
):
    login_verified(client, commune_officer)
    client.get(commune_url(world))
    with django_assert_num_queries(10):
        response = client.get(commune_url(world))
    assert board.name in response.content.decode()
    login_verified(client, officer_of_other_commune)
    assert client.get(commune_url(world)).status_code == 404
    assert client.post(commune_url(world, "project"), PROJECT).status_code == 404


def test_front_forms_project_board(client, world, commune_officer, front_officer):
    project = services.register_project(
        commune_officer,
        world.commune,
        name="Nhà văn hóa thôn Nà Sla",
        investor="UBND xã",
        funding=["people"],
        budget=900_000_000,
        people_contribution=900_000_000,
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 9, 1),
    )
    login_verified(client, front_officer)
    data = {
        "kind": "project_supervision",
        "name": "Ban Giám sát đầu tư — Nhà văn hóa Nà Sla",
        "term_start": "2026-03-01",
        "term_end": "2026-09-30",
        "project": project.pk,
    }
    response = client.post(commune_url(world, "form_board"), data)
    board = Board.objects.get()
    assert response.url == reverse("oversight_ws:board", args=[board.pk])
    assert board.project == project
    refused = client.post(commune_url(world, "form_board"), data | {"project": ""})
    assert "phải gắn với một dự án" in refused.content.decode()


def test_member_leaves_with_reason(client, members, commune_officer):
    login_verified(client, commune_officer)
    url = reverse("oversight_ws:end_member", args=[members[2].pk])
    prefix = f"thoi-{members[2].pk}"
    refused = client.post(url, {f"{prefix}-reason": "resigned", f"{prefix}-ends_on": "2026-06-01"})
    assert "văn bản của cộng đồng" in refused.content.decode()
    data = {
        f"{prefix}-reason": "resigned",
        f"{prefix}-ends_on": "2026-06-01",
        f"{prefix}-document": "Biên bản thôn Bản Lải 31/05/2026",
    }
    assert client.post(url, data).status_code == 302
    members[2].refresh_from_db()
    assert members[2].end_reason == "resigned"


def test_board_member_may_not_end_membership(client, members, board_member):
    login_verified(client, board_member)
    url = reverse("oversight_ws:end_member", args=[members[2].pk])
    prefix = f"thoi-{members[2].pk}"
    data = {f"{prefix}-reason": "died", f"{prefix}-ends_on": "2026-06-01"}
    assert client.post(url, data).status_code == 403


def test_board_page_lists_what_blocks_recognition(client, board, members, front_officer):
    login_verified(client, front_officer)
    url = reverse("oversight_ws:board", args=[board.pk])
    body = client.get(url).content.decode()
    assert "Chưa công nhận được Ban vì" in body and "Thôn Nà Sla" in body
    response = client.post(
        reverse("oversight_ws:recognise", args=[board.pk]),
        {"on": "2025-07-10", "document": "QĐ 15/QĐ-MTTQ"},
    )
    assert response.status_code == 200 and "ít nhất 5" in response.content.decode()


def test_front_recognises_on_the_page(client, full_board, front_officer):
    login_verified(client, front_officer)
    response = client.post(
        reverse("oversight_ws:recognise", args=[full_board.pk]),
        {"on": "2025-07-10", "document": "QĐ 15/QĐ-MTTQ"},
    )
    assert response.status_code == 302
    full_board.refresh_from_db()
    assert full_board.recognition_document == "QĐ 15/QĐ-MTTQ"


def record_data(**extra):
    return {
        "held_on": "2026-03-17",
        "checked": "Bảng niêm yết dự toán <script>alert(1)</script>",
        "findings": "Chưa niêm yết phần chi đầu tư.",
    } | extra


def test_record_with_photo_then_download(client, activity, board_member, django_assert_num_queries):
    login_verified(client, board_member)
    url = reverse("oversight_ws:activity", args=[activity.pk])
    response = client.post(url, record_data(files=[photo("<img src=x onerror=alert(1)>.jpg")]))
    assert response.status_code == 302
    client.get(url)
    with django_assert_num_queries(10):
        body = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    assert "<img src=x" not in body
    item = Evidence.objects.get()
    download = client.get(reverse("oversight_ws:evidence", args=[item.pk]))
    assert download["Content-Disposition"].startswith("attachment;")
    assert f"minh-chung-{activity.pk}-{item.pk}.jpg" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"\xff\xd8\xff")


def test_wrong_file_type_refused_on_the_page(client, activity, board_member):
    login_verified(client, board_member)
    url = reverse("oversight_ws:activity", args=[activity.pk])
    svg = SimpleUploadedFile("a.svg", b"<svg onload='alert(1)'/>", content_type="image/svg+xml")
    response = client.post(url, record_data(files=[svg]))
    assert response.status_code == 200
    assert "Không nhận ảnh SVG" in response.content.decode()
    activity.refresh_from_db()
    assert activity.held_on is None


@pytest.mark.parametrize("who", ["officer_of_other_commune", "resident", "anonymous"])
def test_evidence_and_activity_hidden_outside(request, client, activity, board_member, who):
    services.record_supervision(
        board_member,
        activity,
        held_on=date(2026, 3, 17),
        checked="c",
        findings="f",
        files=[photo()],
    )
    item = Evidence.objects.get()
    user = request.getfixturevalue(who)
    if who == "officer_of_other_commune":
        login_verified(client, user)
    elif who == "resident":
        client.force_login(user)
    evidence = client.get(reverse("oversight_ws:evidence", args=[item.pk]))
    page = client.get(reverse("oversight_ws:activity", args=[activity.pk]))
    expected = 302 if who == "anonymous" else 404
    assert evidence.status_code == expected and page.status_code == expected


def test_recommendation_from_activity_page(client, activity, board_member):
    services.record_supervision(
        board_member, activity, held_on=date(2026, 3, 17), checked="c", findings="f"
    )
    login_verified(client, board_member)
    response = client.post(
        reverse("oversight_ws:activity_recommendation", args=[activity.pk]),
        {
            "addressee": "commune_committee",
            "content": "Niêm yết phần chi đầu tư.",
            "received_on": "2026-03-20",
        },
    )
    assert response.status_code == 302
    assert activity.recommendations.get().due_on == date(2026, 4, 4)


def test_commune_page_is_for_stewards(client, world, board_member):
    login_verified(client, board_member)
    assert client.get(commune_url(world)).status_code == 404
