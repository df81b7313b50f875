"""Household register pages: status per persona, 404 for what is not yours, CSRF and POST-only
actions, masked IDs, the import job page, and pinned query counts."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dancoso.core.testing import login_verified
from dancoso.households import services
from dancoso.households.models import Household, ImportJob, Member, MemberLink

from .factories import csv_bytes, make_job, row

MINH = "020075000111"


def url(name, *args):
    return reverse(f"households:{name}", args=args)


@pytest.fixture
def as_user(client):
    def sign_in(user):
        return login_verified(client, user)

    return sign_in


def no_inline_code(html: str) -> bool:
    scripts_without_src = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    return not scripts_without_src and ' style="' not in html


# --- the list ---


@pytest.mark.parametrize("name", ["commune_officer", "commune_chair", "province_officer"])
def test_register_readers_see_the_whole_commune(request, world, as_user, name):
    response = as_user(request.getfixturevalue(name)).get(url("list"), {"xa": 6193})
    assert response.status_code == 200
    html = response.content.decode()
    assert "CL-001" in html and "CL-002" in html and "BS-001" not in html
    assert "*********111" in html and MINH not in html
    assert no_inline_code(html)


def test_a_village_head_sees_only_their_village(world, village_head, as_user):
    html = as_user(village_head).get(url("list")).content.decode()
    assert "CL-001" in html and "CL-002" not in html


def test_an_officer_of_another_commune_gets_nothing_of_this_one(
    world, officer_of_other_commune, as_user
):
    client = as_user(officer_of_other_commune)
    assert client.get(url("list"), {"xa": 6193}).status_code == 404
    html = client.get(url("list")).content.decode()
    assert "BS-001" in html and "CL-001" not in html


@pytest.mark.parametrize("name", ["resident", "household_head", "board_member"])
def test_people_without_register_rights_are_refused_the_list(request, world, as_user, name):
    assert as_user(request.getfixturevalue(name)).get(url("list")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(world, client):
    response = client.get(url("list"))
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]


def test_search_and_village_filter(world, commune_officer, as_user):
    client = as_user(commune_officer)
    assert "CL-002" not in client.get(url("list"), {"q": "minh"}).content.decode()
    assert "CL-001" in client.get(url("list"), {"q": "Minh"}).content.decode()
    html = client.get(url("list"), {"thon": world.other_village.pk}).content.decode()
    assert "CL-002" in html and "CL-001" not in html


def add_households(world, count, start=0):
    for n in range(start, start + count):
        household = Household.objects.create(
            commune=world.commune, village=world.village, code=f"X-{n:03d}"
        )
        Member.objects.create(household=household, full_name=f"Chủ hộ {n}", is_head=True)
        Member.objects.create(household=household, full_name=f"Con {n}")


def test_the_list_costs_the_same_queries_whatever_the_number_of_households(
    world, commune_officer, as_user, django_assert_num_queries
):
    client = as_user(commune_officer)
    client.get(url("list"))  # warm the session
    add_households(world, 3)
    with django_assert_num_queries(8) as small:
        client.get(url("list"))
    add_households(world, 40, start=3)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url("list"), {"page": 2})
    assert "Con" not in response.content.decode() and response.status_code == 200


# --- one household ---


def test_the_household_page_shows_members_masked_history_and_audit(world, commune_officer, as_user):
    services.update_household(world.household, actor=commune_officer, address="Số 7")
    response = as_user(commune_officer).get(url("detail", world.household.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hoàng Văn Minh" in html and "*********111" in html and MINH not in html
    assert "Thôn Bản Lải" in html and "01/01/2020" in html
    assert "Sửa thông tin hộ" in html and "đổi địa chỉ" in html and "canbo" in html
    assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", html)
    assert no_inline_code(html)


@pytest.mark.parametrize("name, status", [
    ("officer_of_other_commune", 404), ("resident", 404), ("board_member", 404),
    ("village_head", 200), ("household_head", 200), ("province_officer", 200),
])  # fmt: skip
def test_who_may_open_a_household(request, world, as_user, name, status):
    response = as_user(request.getfixturevalue(name)).get(url("detail", world.household.pk))
    assert response.status_code == status


def test_a_village_head_does_not_open_a_household_of_another_village(world, village_head, as_user):
    assert as_user(village_head).get(url("detail", world.other_household.pk)).status_code == 404


def test_absent_and_forbidden_look_the_same(world, officer_of_other_commune, as_user):
    client = as_user(officer_of_other_commune)
    assert client.get(url("detail", 999_999)).status_code == 404
    assert client.get(url("detail", world.household.pk)).status_code == 404
    assert client.get(f"/can-bo/ho-gia-dinh/{10**30}/").status_code == 404


@pytest.mark.parametrize("name", ["edit", "move", "member_add"])
def test_edit_forms_are_404_for_readers(world, village_head, as_user, name):
    assert as_user(village_head).get(url(name, world.household.pk)).status_code == 404


def test_editing_a_household(world, commune_officer, as_user):
    client = as_user(commune_officer)
    assert client.get(url("edit", world.household.pk)).status_code == 200
    response = client.post(url("edit", world.household.pk), {"code": "CL-001", "address": "Số 8"})
    assert response.status_code == 302
    world.household.refresh_from_db()
    assert world.household.address == "Số 8"


def test_adding_a_member_shows_law_errors_beside_the_field(world, commune_officer, as_user):
    response = as_user(commune_officer).post(
        url("member_add", world.household.pk),
        {"full_name": "Hoàng Thị G", "national_id": "0201", "date_of_birth": "01/01/2000"},
    )
    assert response.status_code == 200
    assert "Số định danh &#x27;0201&#x27; không hợp lệ — phải gồm 12 chữ số." in (
        response.content.decode()
    )
    assert world.household.members.count() == 1


def test_adding_and_editing_a_member(world, commune_officer, as_user):
    client = as_user(commune_officer)
    response = client.post(
        url("member_add", world.household.pk),
        {
            "full_name": "Hoàng Thị G",
            "date_of_birth": "02/03/2004",
            "gender": "nu",
            "phone": "0912 000 007",
            "relation": "Con",
        },
    )
    assert response.status_code == 302
    member = world.household.members.get(full_name="Hoàng Thị G")
    head = world.household.members.get(is_head=True)
    page = client.get(url("member_edit", world.household.pk, head.pk)).content.decode()
    assert MINH not in page and "*********111" in page
    response = client.post(
        url("member_edit", world.household.pk, head.pk),
        {
            "full_name": "Hoàng Văn Minh",
            "date_of_birth": "01/05/1975",
            "gender": "nam",
            "national_id": "",
            "phone": "0912000008",
            "relation": "Chủ hộ",
            "is_head": "on",
        },
    )
    assert response.status_code == 302
    head.refresh_from_db()
    assert (head.national_id, head.phone) == (MINH, "0912000008")
    assert member.phone == "0912000007"


def test_moving_a_household_from_its_page(world, commune_officer, as_user):
    response = as_user(commune_officer).post(
        url("move", world.household.pk), {"village": world.other_village.pk, "on": "01/01/2025"}
    )
    assert response.status_code == 302
    world.household.refresh_from_db()
    assert world.household.village == world.other_village


def test_removing_a_member_is_post_only(world, commune_officer, as_user):
    member = Member.objects.create(household=world.household, full_name="Người Đi")
    client = as_user(commune_officer)
    assert client.get(url("member_remove", world.household.pk, member.pk)).status_code == 405
    assert client.post(url("member_remove", world.household.pk, member.pk)).status_code == 302
    assert not Member.objects.filter(pk=member.pk).exists()


def test_removing_a_member_of_another_commune_is_404(world, officer_of_other_commune, as_user):
    member = world.household.members.get()
    response = as_user(officer_of_other_commune).post(
        url("member_remove", world.household.pk, member.pk)
    )
    assert response.status_code == 404 and Member.objects.filter(pk=member.pk).exists()


# --- CSRF on every state-changing view ---


def post_views(world, link):
    member = world.household.members.get()
    return [
        url("edit", world.household.pk), url("move", world.household.pk),
        url("member_add", world.household.pk), url("member_edit", world.household.pk, member.pk),
        url("member_remove", world.household.pk, member.pk), url("create"), url("import"),
        url("link_confirm", link.pk), url("link_reject", link.pk), url("link_request"),
    ]  # fmt: skip


def test_every_change_is_refused_without_a_csrf_token(world, commune_officer, resident):
    link = MemberLink.objects.create(user=resident, member=world.household.members.get())
    client = login_verified(Client(enforce_csrf_checks=True), commune_officer)
    for address in post_views(world, link):
        assert client.post(address, {"reason": "x"}).status_code == 403, address
    link.refresh_from_db()
    assert link.status == MemberLink.Status.PENDING


@pytest.mark.parametrize("name", ["member_remove", "link_confirm", "link_reject"])
def test_actions_answer_405_to_get(world, commune_officer, resident, as_user, name):
    link = MemberLink.objects.create(user=resident, member=world.household.members.get())
    member = world.household.members.get()
    args = {"member_remove": (world.household.pk, member.pk)}.get(name, (link.pk,))
    assert as_user(commune_officer).get(url(name, *args)).status_code == 405


# --- import pages ---


def test_the_template_file_downloads(world, client):
    response = client.get(url("import_template"))
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-ho.csv"'
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("ma_ho,thon,dia_chi,ho_ten") and len(lines) == 3


def test_uploading_a_register_runs_the_import_and_shows_the_result(
    world, commune_officer, as_user, django_capture_on_commit_callbacks
):
    client = as_user(commune_officer)
    assert client.get(url("import")).status_code == 200
    upload = SimpleUploadedFile("so-ho.csv", csv_bytes([row(code="HO-77")]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("import"), {"file": upload, "xa": "6193"})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == url("import_job", job.pk)
    html = client.get(url("import_job", job.pk)).content.decode()
    assert "Đã nhập xong" in html and 'value="100"' in html
    assert Household.objects.filter(code="HO-77").exists()


def test_an_upload_of_the_wrong_type_is_explained(world, commune_officer, as_user):
    upload = SimpleUploadedFile("so-ho.pdf", b"%PDF")
    response = as_user(commune_officer).post(url("import"), {"file": upload})
    assert response.status_code == 200 and services.UPLOAD_WRONG_TYPE in response.content.decode()


@pytest.mark.parametrize(
    "name, status", [("village_head", 403), ("officer_of_other_commune", 404), ("resident", 403)]
)
def test_only_managers_open_the_upload_page(request, world, as_user, name, status):
    client = as_user(request.getfixturevalue(name))
    assert client.get(url("import"), {"xa": 6193}).status_code == status


def test_a_failed_job_lists_every_error_by_line_fifty_a_page(world, commune_officer, as_user):
    from dancoso.households.services import import_households

    job = make_job(
        world.commune, commune_officer, csv_bytes([row(code=f"HO-{n}", nid="1") for n in range(60)])
    )
    import_households(job.pk)
    client = as_user(commune_officer)
    first = client.get(url("import_job", job.pk)).content.decode()
    assert "Tệp có 60 lỗi" in first and "Không có gì được ghi" in first
    assert first.count("<li>Dòng ") == 50 and "<li>Dòng 2: số định danh" in first
    second = client.get(url("import_job", job.pk), {"page": 2}).content.decode()
    assert second.count("<li>Dòng ") == 10 and "Dòng 61:" in second


def test_a_running_job_polls_with_htmx_and_refreshes_without_javascript(
    world, commune_officer, as_user
):
    job = make_job(world.commune, commune_officer, csv_bytes([row()]))
    ImportJob.objects.filter(pk=job.pk).update(
        status="validating", total_rows=2000, processed_rows=500
    )
    client = as_user(commune_officer)
    page = client.get(url("import_job", job.pk)).content.decode()
    assert '<progress id="import-progress-bar" max="100" value="25">' in page
    assert 'hx-trigger="every 1s"' in page and "500/2000" in page and "Đang kiểm tra" in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert "Cập nhật" in page and no_inline_code(page)
    fragment = client.get(url("import_job", job.pk), HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and b"every 1s" in fragment.content
    ImportJob.objects.filter(pk=job.pk).update(status="done")
    done = client.get(url("import_job", job.pk), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
    assert "refresh" not in client.get(url("import_job", job.pk)).content.decode()


def test_a_job_of_another_commune_is_404(world, commune_officer, officer_of_other_commune, as_user):
    job = make_job(world.commune, commune_officer, csv_bytes([row()]))
    assert as_user(officer_of_other_commune).get(url("import_job", job.pk)).status_code == 404


# --- account links ---


def test_a_resident_requests_a_link_and_the_village_head_confirms(
    world, resident, village_head, client
):
    login_verified(client, resident)
    assert client.get(url("link_request")).status_code == 200
    response = client.post(url("link_request"), {"household_code": "CL-001", "national_id": MINH})
    assert response.status_code == 302 and response["Location"] == url("mine")
    assert "Chờ xác nhận" in client.get(url("mine")).content.decode()
    link = MemberLink.objects.get(user=resident)
    login_verified(client, village_head)
    assert "Hoàng Văn Minh" in client.get(url("pending_links")).content.decode()
    assert client.post(url("link_confirm", link.pk)).status_code == 302
    link.refresh_from_db()
    assert link.status == MemberLink.Status.CONFIRMED
    login_verified(client, resident)
    page = client.get(url("mine")).content.decode()
    assert "CL-001" in page and "*********111" in page and MINH not in page


def test_a_non_matching_claim_is_refused_without_saying_why(world, resident, as_user):
    response = as_user(resident).post(
        url("link_request"), {"household_code": "CL-999", "national_id": MINH}
    )
    assert response.status_code == 200
    assert "Không tìm thấy thành viên nào khớp" in response.content.decode()


def test_a_rejection_needs_a_reason(world, resident, village_head, as_user):
    link = MemberLink.objects.create(user=resident, member=world.household.members.get())
    client = as_user(village_head)
    response = client.post(url("link_reject", link.pk), {"reason": ""}, follow=True)
    assert services.REASON_REQUIRED in response.content.decode()
    client.post(url("link_reject", link.pk), {"reason": "Không đúng người"})
    link.refresh_from_db()
    assert (link.status, link.reason) == (MemberLink.Status.REJECTED, "Không đúng người")


def test_a_confirmer_of_another_commune_gets_404(
    world, resident, officer_of_other_commune, as_user
):
    link = MemberLink.objects.create(user=resident, member=world.household.members.get())
    client = as_user(officer_of_other_commune)
    assert client.post(url("link_confirm", link.pk)).status_code == 404
    assert "Hoàng Văn Minh" not in client.get(url("pending_links")).content.decode()


def test_link_requests_are_rate_limited_per_account(world, resident, as_user):
    client = as_user(resident)
    answers = [
        client.post(
            url("link_request"), {"household_code": "CL-9", "national_id": MINH}
        ).status_code
        for _ in range(11)
    ]
    assert answers == [200] * 10 + [429]
    last = client.post(url("link_request"), {"household_code": "CL-9", "national_id": MINH})
    assert last.status_code == 429 and "quá nhiều yêu cầu" in last.content.decode()
    assert client.get(url("link_request")).status_code == 200


def test_the_pending_list_is_for_confirmers_only(world, resident, as_user):
    assert as_user(resident).get(url("pending_links")).status_code == 403


def test_an_oversized_upload_is_refused(world, commune_officer, as_user, settings):
    settings.DANCOSO_IMPORT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("so-ho.csv", b"x" * 200_000)
    response = as_user(commune_officer).post(url("import"), {"file": upload, "xa": "6193"})
    assert response.status_code == 200 and "vượt giới hạn" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_upload_handler_stops_storing_past_the_limit(settings, rf):
    from django.core.files.uploadhandler import StopUpload

    from dancoso.households.views.imports import UPLOAD_SLACK, LimitedUpload

    settings.DANCOSO_IMPORT_MAX_BYTES = 1000
    small = LimitedUpload(rf.post("/"))
    small.handle_raw_input(None, {}, 900, b"b")
    assert small.receive_data_chunk(b"x" * 900, 0) == b"x" * 900
    with pytest.raises(StopUpload):
        small.receive_data_chunk(b"x" * 200, 900)  # the declared length lied
    big = LimitedUpload(rf.post("/"))
    big.handle_raw_input(None, {}, 1000 + UPLOAD_SLACK + 1, b"b")
    with pytest.raises(StopUpload):
        big.receive_data_chunk(b"x", 0)


def test_an_officer_adds_a_household_with_its_head(world, commune_officer, as_user):
    client = as_user(commune_officer)
    assert client.get(url("create"), {"xa": 6193}).status_code == 200
    response = client.post(url("create"), {
        "xa": "6193", "code": "CL-500", "address": "Số 50", "village": world.other_village.pk,
        "full_name": "Lâm Văn Hải", "date_of_birth": "03/04/1988", "gender": "nam",
        "national_id": "", "phone": ""})  # fmt: skip
    household = Household.objects.get(code="CL-500")
    assert response.status_code == 302 and response["Location"] == url("detail", household.pk)
    assert household.members.get().is_head and household.village == world.other_village
    again = client.post(
        url("create"),
        {"xa": "6193", "code": "CL-500", "village": world.village.pk, "full_name": "X"},
    )
    assert "Xã đã có hộ mang mã “CL-500”" in again.content.decode()


def test_a_reader_may_not_add_households(world, province_officer, as_user):
    assert as_user(province_officer).get(url("create"), {"xa": 6193}).status_code == 404
