"""Xuất sổ hộ: who may export what, one audit event without personal data, the POST-only
view answering with an attachment, a fixed query count, and nothing for another commune."""

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import PermissionDeniedError
from dancoso.core.testing import login_verified, make_user
from dancoso.households import law, services
from dancoso.households.models import Household, Member

MINH = "020075000111"
PERSONAL = ("Hoàng Văn Minh", "Lương Thị Hoa", MINH, "020180000222", "*********111")
URL = "/can-bo/ho-gia-dinh/xuat/"


def exports():
    return list(AuditEvent.objects.filter(action="households.export_register"))


def export(commune, actor, **options):
    return services.export_register(
        commune, actor=actor, **({"fmt": "csv", "purpose": "doi_soat"} | options)
    )


def rows(result) -> list[list[str]]:
    if result.filename.endswith(".xlsx"):
        book = load_workbook(io.BytesIO(result.content))
        return [[c or "" for c in r] for r in book.worksheets[0].iter_rows(values_only=True)]
    return list(csv.reader(io.StringIO(result.content.decode("utf-8-sig"), newline="")))


def add_households(world, count, start=0):
    for n in range(start, start + count):
        household = Household.objects.create(
            commune=world.commune, village=world.village, code=f"X-{n:03d}"
        )
        Member.objects.create(household=household, full_name=f"Chủ hộ {n}", is_head=True)
        Member.objects.create(household=household, full_name=f"=Con {n}", phone="0912345678")


# --- the service ---


@pytest.mark.parametrize("name", ["commune_officer", "commune_chair", "province_officer"])
def test_register_readers_export_the_whole_commune(request, world, name):
    result = export(world.commune, request.getfixturevalue(name), fmt="xlsx")
    table = rows(result)
    assert table[0][:2] == ["Mã hộ", "Thôn"] and "Số điện thoại" not in table[0]
    assert [r[0] for r in table[1:]] == ["CL-001", "CL-002"]  # code order, no other commune
    assert table[1][6] == "*********111" and MINH not in str(table)
    day = timezone.localdate().strftime("%Y%m%d")
    assert result.filename == f"so-ho-6193-ca-xa-{day}.xlsx"
    assert (
        result.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_exactly_one_audit_event_with_counts_and_purpose_but_no_personal_data(
    world, commune_officer
):
    add_households(world, 2)
    export(world.commune, commune_officer, with_phones=True, purpose="hop_cong_dong")
    (event,) = exports()
    assert event.summary == {"format": "csv", "village": None, "households": 4, "members": 6,
                             "with_phones": True, "purpose": "hop_cong_dong"}  # fmt: skip
    assert event.chain == "commune:6193" and event.actor_role == "commune_officer"
    assert not any(marker in json.dumps(event.summary, ensure_ascii=False) for marker in PERSONAL)


def test_phones_only_when_asked_and_the_other_purpose_is_kept(world, commune_officer):
    add_households(world, 1)
    without = export(world.commune, commune_officer)
    assert "0912345678" not in without.content.decode("utf-8-sig")
    with_phones = export(
        world.commune, commune_officer, with_phones=True, purpose="khac",
        purpose_text="Rà soát hộ nghèo năm 2026",
    )  # fmt: skip
    assert "0912345678" in with_phones.content.decode("utf-8-sig")
    assert "'=Con 0" in with_phones.content.decode("utf-8-sig")  # formula neutralised
    first, second = exports()
    assert first.summary["with_phones"] is False and second.summary["with_phones"] is True
    assert second.summary["purpose_text"] == "Rà soát hộ nghèo năm 2026"


def test_a_village_head_exports_their_own_village_only(world, village_head):
    result = export(world.commune, village_head, village=world.village)
    assert [r[0] for r in rows(result)[1:]] == ["CL-001"]
    assert result.filename.startswith("so-ho-6193-thon-ban-lai-")
    assert exports()[0].summary["village"] == world.village.pk
    with pytest.raises(PermissionDeniedError):
        export(world.commune, village_head, village=world.other_village)
    with pytest.raises(PermissionDeniedError):
        export(world.commune, village_head)  # the whole commune
    assert len(exports()) == 1


@pytest.mark.parametrize(
    "name", ["officer_of_other_commune", "resident", "household_head", "board_member",
             "council_delegate"],
)  # fmt: skip
def test_everyone_else_is_refused_and_nothing_is_written(request, world, name):
    user = request.getfixturevalue(name)
    for village in (None, world.village):
        with pytest.raises(PermissionDeniedError):
            export(world.commune, user, village=village)
    assert exports() == []


@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({"purpose": ""}, "purpose", law.PURPOSE_REQUIRED),
        ({"purpose": "ban_du_lieu"}, "purpose", law.PURPOSE_REQUIRED),
        ({"purpose": "khac", "purpose_text": "  "}, "purpose_text", law.PURPOSE_TEXT_REQUIRED),
        ({"purpose": "khac", "purpose_text": "Gọi 0912 345 678"}, "purpose_text",
         law.PURPOSE_HAS_NUMBER),
        ({"fmt": "pdf"}, "fmt", services.BAD_FORMAT),
    ],
)  # fmt: skip
def test_bad_choices_are_refused_in_vietnamese_with_no_event(
    world, commune_officer, options, field, message
):
    with pytest.raises(ValidationError) as refused:
        export(world.commune, commune_officer, **options)
    assert refused.value.message_dict == {field: [message]}
    assert exports() == []


def test_a_village_of_another_commune_is_refused(world):
    admin = make_user("quantri", is_superuser=True)
    with pytest.raises(ValidationError):
        export(world.commune, admin, village=world.foreign_village)
    assert exports() == []


def test_the_service_costs_the_same_queries_whatever_the_size(
    world, commune_officer, django_assert_num_queries
):
    export(world.commune, commune_officer)  # grants now cached on the user
    add_households(world, 3)
    with django_assert_num_queries(8) as small:
        export(world.commune, commune_officer)
    add_households(world, 60, start=3)
    with django_assert_num_queries(len(small.captured_queries)):
        result = export(world.commune, commune_officer, fmt="xlsx")
    assert len(rows(result)) == 1 + 2 + 63 * 2


# --- the page ---


@pytest.fixture
def officer(client, commune_officer):
    return login_verified(client, commune_officer)


def form(**changes):
    return {"xa": "6193", "village": "", "fmt": "csv", "purpose": "gui_truong_thon"} | changes


def test_the_list_page_links_to_the_export_page_which_offers_the_form(world, officer):
    listing = officer.get("/can-bo/ho-gia-dinh/", {"thon": world.village.pk}).content.decode()
    assert f'href="{URL}?xa=6193&amp;thon={world.village.pk}"' in listing
    assert "<form" not in listing.split("hh-export")[1].split("</p>")[0]  # a link, not the form
    page = officer.get(URL, {"xa": "6193", "thon": world.village.pk})
    html = page.content.decode()
    assert page.status_code == 200 and f'action="{URL}"' in html
    assert "Kèm số điện thoại" in html and "Cả xã" in html and "Chưa xuất được" not in html
    assert f'<option value="{world.village.pk}" selected>' in html


def test_a_village_head_is_offered_their_village_only(world, village_head, client):
    login_verified(client, village_head)
    assert "hh-export" in client.get("/can-bo/ho-gia-dinh/").content.decode()
    html = client.get(URL).content.decode()
    assert world.village.name in html and "Cả xã" not in html
    assert f'value="{world.other_village.pk}"' not in html.split(URL)[1].split("</form>")[0]


def test_nobody_who_may_not_export_is_offered_it(world, resident, client):
    login_verified(client, resident)
    assert client.get(URL).status_code in (403, 404)


def test_the_export_answers_an_attachment(world, officer):
    response = officer.post(URL, form())
    assert response.status_code == 200
    day = timezone.localdate().strftime("%Y%m%d")
    assert response["Content-Disposition"] == f'attachment; filename="so-ho-6193-ca-xa-{day}.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert "*********111" in response.content.decode("utf-8-sig")
    assert len(exports()) == 1


def test_get_shows_the_form_and_writes_nothing(world, officer):
    response = officer.get(URL, form())
    assert response.status_code == 200 and "Content-Disposition" not in response
    assert exports() == []


def test_a_post_without_the_csrf_token_is_refused(world, commune_officer):
    client = login_verified(Client(enforce_csrf_checks=True), commune_officer)
    assert client.post(URL, form()).status_code == 403
    assert exports() == []


def test_bad_input_is_shown_beside_the_form(world, officer):
    response = officer.post(URL, form(purpose="khac", purpose_text=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert law.PURPOSE_TEXT_REQUIRED.replace("“", "&ldquo;")[:20] in html or (
        "hãy ghi rõ dùng danh sách" in html
    )
    assert "CL-001" not in html and exports() == []
    html = officer.post(URL, form(purpose="")).content.decode()
    assert law.PURPOSE_REQUIRED in html


def test_the_view_costs_the_same_queries_whatever_the_size(
    world, officer, django_assert_num_queries
):
    officer.post(URL, form())  # warm the session
    add_households(world, 3)
    with django_assert_num_queries(14) as small:
        officer.post(URL, form())
    add_households(world, 60, start=3)
    with django_assert_num_queries(len(small.captured_queries)):
        response = officer.post(URL, form(fmt="xlsx"))
    assert response.status_code == 200


# --- isolation (SECURITY.md test 11) ---


def test_an_officer_of_another_commune_gets_nothing_of_this_one(
    world, officer_of_other_commune, client
):
    login_verified(client, officer_of_other_commune)
    for data in (form(), form(village=str(world.village.pk))):
        response = client.post(URL, data)
        assert response.status_code == 404
        assert not any(m in response.content.decode() for m in PERSONAL + ("CL-001",))
    # Their own commune with one of Cao Lộc's villages: not a choice, no data.
    response = client.post(URL, form(xa="6199", village=str(world.village.pk)))
    assert response.status_code == 400 and "CL-001" not in response.content.decode()
    own = client.post(URL, form(xa="6199"))
    assert own.status_code == 200 and "BS-001" in own.content.decode("utf-8-sig")
    assert "CL-001" not in own.content.decode("utf-8-sig")
    assert [e.chain for e in exports()] == ["commune:6199"]


def test_a_village_head_cannot_export_another_village(world, village_head, client):
    login_verified(client, village_head)
    for village in (str(world.other_village.pk), ""):
        response = client.post(URL, form(village=village))
        assert response.status_code == 400 and "CL-002" not in response.content.decode()
    assert exports() == []


@pytest.mark.parametrize("name", ["resident", "board_member", "council_delegate"])
def test_people_without_register_rights_are_refused(request, world, client, name):
    login_verified(client, request.getfixturevalue(name))
    response = client.post(URL, form())
    assert response.status_code in (403, 404) and "CL-001" not in response.content.decode()
    assert exports() == []


def test_the_communes_log_describes_the_export(world, commune_officer):
    from dancoso.households.queries import describe_events

    export(world.commune, commune_officer, village=world.village, fmt="xlsx", with_phones=True)
    (line,) = describe_events(exports())
    assert line["action"] == "Xuất sổ hộ"
    assert line["summary"] == (
        "XLSX Thôn Bản Lải: 1 hộ, 1 người, kèm số điện thoại; mục đích: Đối soát sổ hộ"
    )


def test_the_export_shows_on_the_communes_audit_page(world, officer):
    officer.post(URL, form(purpose="hop_cong_dong"))
    html = officer.get("/can-bo/nhat-ky/xa/6193/").content.decode()
    assert "Xuất sổ hộ" in html and "CSV cả xã: 2 hộ, 2 người; mục đích: Họp cộng đồng" in html
