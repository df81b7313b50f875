"""Public and officer pages: the section, a disclosure's stable page, print, attachments,
feeds, exports, search, following; query counts pinned; internal disclosures hidden."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dancoso.core.actors import SystemActor
from dancoso.core.testing import login_verified
from dancoso.disclosure import services
from dancoso.disclosure.models import Disclosure, Subscription

from .conftest import PDF_BYTES

SYSTEM = SystemActor("tests")


def index_url(world):
    return reverse("disclosure:index", args=[world.commune.code])


def detail_url(d):
    return reverse("disclosure:detail", args=[d.commune.code, d.public_id])


@pytest.fixture
def land_plan(world, publish):
    return publish(
        SYSTEM,
        category="xa-03",
        title="Kế hoạch sử dụng đất năm 2026 của xã Cao Lộc",
        summary="Diện tích đất nông nghiệp chuyển mục đích: 12,5 ha.",
        body="<p>Đất ở nông thôn tăng thêm 3 ha.</p>",
        files=[("KH.pdf", PDF_BYTES)],
    )


def test_the_commune_page_links_to_its_disclosure_section(client, world):
    assert index_url(world) in client.get(f"/xa/{world.commune.code}/").content.decode()


def test_the_section_lists_current_disclosures_by_category(client, world, publish, land_plan):
    publish(
        SYSTEM,
        title="Danh sách hộ nghèo năm 2026",
        category="xa-07",
        has_loudspeaker=False,
        forms=["posted_office", "posted_village", "village_head"],
        village=world.village,
    )
    old = publish(
        SYSTEM,
        title="Tin cũ",
        starts_on=timezone.localdate() - timedelta(days=90),
        ends_on=timezone.localdate() - timedelta(days=30),
    )
    page = client.get(index_url(world)).content.decode()
    assert "Kế hoạch sử dụng đất năm 2026" in page and "Danh sách hộ nghèo" in page
    assert old.title not in page
    only = client.get(index_url(world), {"nhom": "xa-07"}).content.decode()
    assert "Danh sách hộ nghèo" in only and "Kế hoạch sử dụng đất năm 2026" not in only
    by_village = client.get(index_url(world), {"thon": world.other_village.pk}).content.decode()
    assert "Danh sách hộ nghèo" not in by_village


def test_the_section_costs_the_same_whatever_the_number(
    client, world, publish, django_assert_num_queries
):
    publish(SYSTEM)
    with django_assert_num_queries(5):
        client.get(index_url(world))
    for i in range(30):
        publish(SYSTEM, title=f"Thông báo số {i}", village=world.village if i % 2 else None)
    with django_assert_num_queries(5):
        response = client.get(index_url(world), {"page": 2})
    assert response.status_code == 200


def test_a_disclosure_page_is_stable_printable_and_escapes_the_title(client, world, publish):
    d = publish(SYSTEM, title='<script>alert("x")</script> Quyết toán')
    page = client.get(detail_url(d)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    printed = client.get(reverse("disclosure:print", args=[world.commune.code, d.public_id]))
    assert printed.status_code == 200 and "disclosure.css" in printed.content.decode()


def test_attachments_download_with_a_safe_type_and_name(client, world, land_plan):
    a = land_plan.attachments.get()
    url = reverse(
        "disclosure:attachment", args=[world.commune.code, land_plan.public_id, a.public_id]
    )
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="kh.pdf"')
    with a.file.open("rb") as stored:  # the stored copy, cleaned of metadata at upload
        assert b"".join(response.streaming_content) == stored.read()
    other = reverse(
        "disclosure:attachment", args=[world.other_commune.code, land_plan.public_id, a.public_id]
    )
    assert client.get(other).status_code == 404


def test_a_correction_and_a_withdrawal_are_shown_publicly(
    client, world, commune_officer, land_plan
):
    services.correct_disclosure(
        land_plan,
        actor=commune_officer,
        reason="Sửa diện tích",
        summary="Diện tích chuyển mục đích: 12,8 ha.",
    )
    page = client.get(detail_url(land_plan)).content.decode()
    assert "Đã đính chính" in page and "Sửa diện tích" in page and "12,5 ha" in page
    services.withdraw_disclosure(land_plan, actor=commune_officer, reason="Thay bằng kế hoạch mới")
    page = client.get(detail_url(land_plan)).content.decode()
    assert "Thay bằng kế hoạch mới" in page and "Đất ở nông thôn tăng" not in page
    a = land_plan.attachments.get()
    url = reverse(
        "disclosure:attachment", args=[world.commune.code, land_plan.public_id, a.public_id]
    )
    assert client.get(url).status_code == 404
    listed = client.get(index_url(world), {"da-rut": "1"}).content.decode()
    assert "Thay bằng kế hoạch mới" in listed


def test_agency_disclosures_are_internal(
    client, world, agency, agency_head, agency_staff, commune_officer
):
    d = services.publish_disclosure(
        actor=agency_head, agency=agency, category="cq-06", title="Kết quả xét nâng lương quý IV"
    )
    assert (
        client.get(reverse("disclosure:detail", args=[world.commune.code, d.public_id])).status_code
        == 404
    )
    assert "nâng lương" not in client.get(index_url(world)).content.decode()
    manage = reverse("disclosure:manage", args=[d.public_id])
    login_verified(client, commune_officer)
    assert client.get(manage).status_code == 404
    assert client.get(reverse("disclosure:agency", args=[agency.pk])).status_code == 404
    client.logout()
    login_verified(client, agency_staff)
    assert (
        "nâng lương" in client.get(reverse("disclosure:agency", args=[agency.pk])).content.decode()
    )


def test_feeds_per_commune_and_category(client, world, land_plan):
    feed = client.get(reverse("disclosure:feed", args=[world.commune.code]))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Kế hoạch sử dụng đất" in feed.content.decode()
    other = client.get(reverse("disclosure:category_feed", args=[world.commune.code, "xa-02"]))
    assert "Kế hoạch sử dụng đất" not in other.content.decode()
    assert (
        client.get(
            reverse("disclosure:category_feed", args=[world.commune.code, "cq-01"])
        ).status_code
        == 404
    )


def test_open_data_exports(client, world, publish, land_plan):
    publish(SYSTEM, title='=HYPERLINK("http://evil")')
    response = client.get(reverse("disclosure:export_csv", args=[world.commune.code]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["title"] for r in rows} >= {land_plan.title, '\'=HYPERLINK("http://evil")'}
    response = client.get(reverse("disclosure:export_json", args=[world.commune.code]))
    data = json.loads(b"".join(response.streaming_content))
    assert data["commune"] == world.commune.code and len(data["disclosures"]) == 2


@pytest.mark.parametrize(
    "query",
    [
        "ke hoach su dung dat",
        "KE HOACH SU DUNG DAT",
        "kế hoach sư dụng đât",
        "sử dụng đất",
        "dat o nong thon",
    ],
)
def test_search_without_diacritics_finds_and_highlights(client, world, land_plan, query):
    url = reverse("disclosure:commune_search", args=[world.commune.code])
    page = client.get(url, {"q": query}).content.decode()
    assert "1 kết quả" in page and "<mark>" in page


def test_search_escapes_and_filters(client, world, publish, land_plan):
    publish(SYSTEM, title="<img src=x onerror=alert(1)> Kế hoạch đất đai")
    page = client.get(reverse("disclosure:search"), {"q": "<img src=x onerror=alert(1)> dat"})
    html = page.content.decode()
    assert "<img src=x" not in html and "1 kết quả" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "2 kết quả" in client.get(reverse("disclosure:search"), {"q": "dat"}).content.decode()
    other = client.get(
        reverse("disclosure:commune_search", args=[world.other_commune.code]), {"q": "dat"}
    )
    assert "0 kết quả" in other.content.decode()
    only = client.get(reverse("disclosure:search"), {"q": "dat", "nhom": "xa-03"})
    assert "1 kết quả" in only.content.decode()


def test_follow_and_unfollow(client, world, follower):
    client.force_login(follower)
    url = reverse("disclosure:follow", args=[world.commune.code])
    client.post(url, {"nhom": "xa-02"})
    client.post(url, {"nhom": "xa-02"})
    assert Subscription.objects.filter(user=follower).count() == 1
    sub = Subscription.objects.get()
    assert client.get(url).status_code == 405
    client.post(reverse("disclosure:unfollow", args=[sub.pk]))
    assert not Subscription.objects.exists()


def test_an_officer_publishes_through_the_form(client, world, commune_officer):
    login_verified(client, commune_officer)
    today = timezone.localdate()
    data = {
        "xa": world.commune.code,
        "category": "xa-02",
        "title": "Dự toán ngân sách 2027",
        "forms": ["posted_office", "posted_village"],
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=5)).isoformat(),
        "has_loudspeaker": "on",
    }
    response = client.post(reverse("disclosure:publish"), data)
    assert response.status_code == 200 and "ít nhất 30 ngày" in response.content.decode()
    assert not Disclosure.objects.exists()
    data["ends_on"] = ""
    response = client.post(reverse("disclosure:publish"), data)
    d = Disclosure.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"{d.public_id}/")
    page = client.get(response["Location"]).content.decode()
    assert "Ghi nhận" in page


def test_officer_list_is_pinned_and_scoped(
    client, world, publish, commune_officer, officer_of_other_commune, django_assert_num_queries
):
    for i in range(3):
        publish(SYSTEM, title=f"Thông báo {i}")
    login_verified(client, commune_officer)
    url = reverse("disclosure:officer_list")
    with django_assert_num_queries(8):
        assert "Thông báo 2" in client.get(url).content.decode()
    for i in range(30):
        publish(SYSTEM, title=f"Tin {i}")
    with django_assert_num_queries(8):
        assert client.get(url, {"page": 2}).status_code == 200
    client.logout()
    login_verified(client, officer_of_other_commune)
    assert client.get(url, {"xa": world.commune.code}).status_code == 404
    d = Disclosure.objects.first()
    assert client.get(reverse("disclosure:manage", args=[d.public_id])).status_code == 404


def test_obligations_checklist_page(client, world, commune_officer, publish):
    publish(SYSTEM, obligation="budget_estimate", obligation_year=timezone.localdate().year)
    login_verified(client, commune_officer)
    page = client.get(reverse("disclosure:obligations")).content.decode()
    assert "Dự toán ngân sách năm" in page and "Quá hạn" in page or "Chưa đến hạn" in page


def test_internal_attachments_reach_only_the_agency_staff(
    client, agency, agency_head, agency_staff, commune_officer
):
    d = services.publish_disclosure(
        actor=agency_head,
        agency=agency,
        category="cq-03",
        title="Dự toán",
        files=[("du-toan.pdf", PDF_BYTES)],
    )
    a = d.attachments.get()
    url = reverse("disclosure:officer_file", args=[d.public_id, a.public_id])
    login_verified(client, commune_officer)
    assert client.get(url).status_code == 404
    client.logout()
    login_verified(client, agency_staff)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_disclosure_scheduled_for_later_is_not_public_yet(
    client, world, publish, commune_officer
):
    later = publish(
        commune_officer,
        title="Lịch tiếp dân tháng sau",
        starts_on=timezone.localdate() + timedelta(days=3),
    )
    assert client.get(detail_url(later)).status_code == 404
    assert (
        "Lịch tiếp dân"
        not in client.get(reverse("disclosure:feed", args=[world.commune.code])).content.decode()
    )
    search = client.get(reverse("disclosure:search"), {"q": "lich tiep dan"}).content.decode()
    assert "0 kết quả" in search


def test_other_lists_cost_the_same_whatever_the_number(
    client, world, publish, agency, agency_head, follower, django_assert_num_queries
):
    def counts():
        client.logout()
        result = []
        for url, params in (
            (reverse("disclosure:search"), {"q": "thong bao"}),
            (reverse("disclosure:feed", args=[world.commune.code]), {}),
        ):
            # A search looks its terms up once first (typo tolerance, search.py).
            extra = 1 if "q" in params else 0
            with django_assert_num_queries(2 + extra) as ctx:
                client.get(url, params)
            result.append(len(ctx.captured_queries))
        return result

    publish(SYSTEM, title="Thông báo 0")
    first = counts()
    for i in range(30):
        publish(SYSTEM, title=f"Thông báo {i + 1}")
        services.publish_disclosure(actor=SYSTEM, agency=agency, category="cq-02", title=f"KH {i}")
    assert counts() == first
    login_verified(client, agency_head)
    with django_assert_num_queries(9):
        assert (
            client.get(reverse("disclosure:agency", args=[agency.pk]), {"page": 2}).status_code
            == 200
        )
    client.logout()
    client.force_login(follower)
    services.follow_disclosures(follower, world.commune)
    with django_assert_num_queries(6):
        client.get(reverse("disclosure:follows"))
    services.follow_disclosures(follower, world.commune, category="xa-03")
    services.follow_disclosures(follower, world.commune, village=world.village)
    with django_assert_num_queries(6):
        assert "Thôn Bản Lải" in client.get(reverse("disclosure:follows")).content.decode()


def test_a_late_disclosure_says_so(client, world, publish):
    from datetime import date

    late = publish(SYSTEM, document_date=date(2026, 3, 2), starts_on=date(2026, 3, 20))
    on_time = publish(SYSTEM, document_date=date(2026, 3, 2), starts_on=date(2026, 3, 6))
    assert "công khai sau hạn" in client.get(detail_url(late)).content.decode()
    page = client.get(detail_url(on_time)).content.decode()
    assert "09/03/2026" in page and "công khai sau hạn" not in page


def test_the_quarter_list_page(client, world, commune_officer, publish):
    from datetime import date

    publish(SYSTEM, title="Dự toán quý I", starts_on=date(2026, 2, 2))
    login_verified(client, commune_officer)
    url = reverse("disclosure:quarter_list")
    page = client.get(url, {"xa": world.commune.code, "nam": 2026, "quy": 1}).content.decode()
    assert "Dự toán quý I" in page
    response = client.post(url, {"xa": world.commune.code, "nam": 2026, "quy": 1})
    assert response.status_code == 302
    assert Disclosure.objects.filter(obligation="disclosure_list_q1").count() == 1


def test_officer_corrects_records_and_withdraws_through_the_pages(
    client, world, commune_officer, publish
):
    d = publish(commune_officer)
    login_verified(client, commune_officer)
    base = reverse("disclosure:manage", args=[d.public_id])
    refused = client.post(base + "dinh-chinh/", {"title": "Mới", "reason": ""})
    assert refused.status_code == 400 and "This field is required" not in refused.content.decode()
    fixed = client.post(
        base + "dinh-chinh/", {"title": "Dự toán (đính chính)", "reason": "Sai tên"}
    )
    assert fixed.status_code == 302
    today = timezone.localdate().isoformat()
    done = client.post(
        base + "ghi-nhan/",
        {
            "form": "posted_office",
            "done_by": "Chu Thị Mai",
            "place": "Bảng tin UBND xã",
            "done_on": today,
        },
    )
    assert done.status_code == 302 and d.form_records.count() == 1
    gone = client.post(base + "rut/", {"reason": "Nhầm văn bản"})
    assert gone.status_code == 302
    d.refresh_from_db()
    assert d.is_withdrawn and d.revision == 2
    page = client.get(base).content.decode()
    assert "Nhầm văn bản" in page and "Đính chính</button>" not in page


def test_an_agency_head_publishes_internally_through_the_form(
    client, agency, agency_head, agency_staff
):
    login_verified(client, agency_head)
    assert client.get(reverse("disclosure:officer_list")).status_code == 302  # to the agency
    form = client.get(reverse("disclosure:publish"), {"co-quan": agency.pk}).content.decode()
    assert "Điều 46" in form or "cq-01" in form
    data = {
        "co-quan": agency.pk,
        "category": "cq-09",
        "title": "Nội quy cơ quan 2027",
        "starts_on": timezone.localdate().isoformat(),
    }
    response = client.post(reverse("disclosure:publish"), data)
    assert response.status_code == 302
    d = Disclosure.objects.get()
    assert d.is_internal and d.forms == ["agency_intranet"]
    checklist = client.get(reverse("disclosure:obligations"), {"co-quan": agency.pk})
    assert "Kế hoạch công tác năm" in checklist.content.decode()
    client.logout()
    login_verified(client, agency_staff)
    assert client.post(reverse("disclosure:publish"), data).status_code == 404
    assert (
        "Nội quy cơ quan 2027"
        in client.get(reverse("disclosure:manage", args=[d.public_id])).content.decode()
    )


def test_search_filters_by_village_and_by_commune_code(client, world, publish):
    publish(SYSTEM, title="Đất thôn Bản Lải", village=world.village)
    publish(SYSTEM, title="Đất thôn Nà Sla", village=world.other_village)
    scoped = reverse("disclosure:commune_search", args=[world.commune.code])
    page = client.get(scoped, {"q": "dat", "thon": world.village.pk}).content.decode()
    assert "1 kết quả" in page and "Thôn Nà Sla</option>" in page
    site = client.get(reverse("disclosure:search"), {"q": "dat", "xa": world.other_commune.code})
    assert "0 kết quả" in site.content.decode()
    assert "2 kết quả" in client.get(reverse("disclosure:search"), {"q": "dat"}).content.decode()


def test_officer_checklist_and_quarter_pages_cost_the_same(client, world, commune_officer, publish):
    from datetime import date

    publish(SYSTEM, title="Tin đầu quý", starts_on=date(2026, 1, 5))
    login_verified(client, commune_officer)
    pages = [
        (reverse("disclosure:obligations"), {"nam": 2026}),
        (reverse("disclosure:quarter_list"), {"xa": world.commune.code, "nam": 2026, "quy": 1}),
    ]

    def counts():
        found = []
        for url, params in pages:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url, params).status_code == 200
            found.append(len(ctx.captured_queries))
        return found

    # session, user, device, grants, commune; the checklist and its summary (one query each);
    # the quarter's rows and their offline-form records
    assert counts() == [7, 7]
    for i in range(20):
        publish(
            SYSTEM,
            title=f"Tin {i}",
            starts_on=date(2026, 2, 1 + i),
            obligation="budget_estimate" if i % 2 else "",
            obligation_year=2026 if i % 2 else None,
        )
    assert counts() == [7, 7]
