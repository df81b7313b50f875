"""The decision pages: organiser flow without JavaScript, the household ballot, the result
sheet's visibility, isolation and pinned query counts."""

import pytest
from django.test import Client

from dancoso.core.testing import add_totp, login_verified
from dancoso.decisions import queries, services
from dancoso.decisions.law import Kind
from dancoso.decisions.models import Decision, Participation
from dancoso.decisions.tests import factories as f

pytestmark = pytest.mark.django_db
LIST = "/can-bo/quyet-dinh/"


def test_the_organiser_opens_a_matter_through_the_form(client, village_head, world):
    login_verified(client, village_head)
    assert client.get(f"{LIST}tao/").status_code == 200
    data = {
        "place": f"v:{world.village.pk}",
        "kind": "1",
        "title": "Đóng góp làm đường bê tông",
        "question": "Mỗi hộ góp 500.000 đồng làm đường?",
        "channels": ["online"],
        "voting_on": "10/06/2026",
    }
    refused = client.post(f"{LIST}tao/", data)
    assert refused.status_code == 200 and "Điều 17" in refused.content.decode()
    assert Decision.objects.count() == 0
    data["channels"] = ["meeting"]
    done = client.post(f"{LIST}tao/", data)
    d = Decision.objects.get()
    assert done.status_code == 302 and done["Location"] == f"{LIST}{d.pk}/"
    page = client.get(f"{LIST}{d.pk}/").content.decode()
    assert "Thời hạn chưa đúng luật" in page  # no notice date given


def test_a_meeting_run_from_the_pages(client, village_head, commune_officer, world):
    homes = [h for h, _ in f.village_households(world.village, 2)]
    d = f.decision(village_head, world.village, kind=Kind.SELF_MANAGED, channels=("meeting",))
    login_verified(client, village_head)
    for step in ("publish_electorate", "open_voting"):
        assert client.post(f"{LIST}{d.pk}/buoc/{step}/").status_code == 302
    for h in (world.household, *homes):
        client.post(f"{LIST}{d.pk}/diem-danh/{h.pk}/", {"present": "1"})
    page = client.get(f"{LIST}{d.pk}/").content.decode()
    assert "Có mặt 3/3 hộ" in page and "còn có thể thông qua" in page
    agree = d.options.get(role="agree")
    client.post(f"{LIST}{d.pk}/tap-phieu/", {"source": "hands", f"o{agree.pk}": "3", "invalid": "0",
                                             f"o{agree.pk + 1}": "0"})  # fmt: skip
    batch = d.batches.get()
    other = login_verified(Client(), commune_officer)
    other.post(f"{LIST}{d.pk}/tap-phieu/{batch.pk}/xac-nhan/")
    for step in ("close_voting", "count_votes", "publish_result"):
        client.post(f"{LIST}{d.pk}/buoc/{step}/")
    d.refresh_from_db()
    assert d.state == "published" and d.result["adopted"]
    sheet = Client().get(f"/quyet-dinh/{d.pk}/ket-qua/").content.decode()
    assert "3/3 đồng ý" in sheet and "Điều 21" in sheet


def test_a_household_votes_in_two_taps_and_gets_a_receipt(client, village_head, world):
    d, pairs = f.online_vote_ready(village_head, world.village, 2)
    client.force_login(pairs[0][1])
    page = client.get(f"/quyet-dinh/{d.pk}/").content.decode()
    assert "Gửi biểu quyết" in page and d.documents in page
    agree = d.options.get(role="agree")
    answer = client.post(f"/quyet-dinh/{d.pk}/bieu-quyet/", {"option": agree.pk})
    assert answer.status_code == 200 and "Mã biên nhận" in answer.content.decode()
    again = client.post(f"/quyet-dinh/{d.pk}/bieu-quyet/", {"option": agree.pk})
    assert again.status_code == 400 and "đã tham gia" in again.content.decode()
    assert "đã biểu quyết" in client.get(f"/quyet-dinh/{d.pk}/").content.decode()
    assert Participation.objects.filter(decision=d).count() == 1


def test_no_result_page_while_open_for_anyone(client, village_head, world, django_user_model):
    d, pairs = f.online_vote_ready(village_head, world.village, 2)
    root = django_user_model.objects.create_superuser("root2", password="x")
    add_totp(root)
    for who in (None, village_head, root, pairs[0][1]):
        c = Client()
        if who is not None:
            login_verified(c, who)
        for suffix in (
            "ket-qua/",
            "bien-ban/",
            "kiem-tra-bien-nhan/",
            "bien-ban-kiem-phieu.docx",
            "bien-ban-quyet-dinh.docx",
        ):
            assert c.get(f"/quyet-dinh/{d.pk}/{suffix}").status_code == 404


def test_outsiders_get_404_on_every_decision_route(
    client, village_head, world, officer_of_other_commune
):
    d = f.decision(village_head, world.village)
    login_verified(client, officer_of_other_commune)
    for url in (f"{LIST}{d.pk}/", f"/quyet-dinh/{d.pk}/", f"/api/v1/decisions/{d.pk}"):
        assert client.get(url).status_code == 404
    for url in (
        f"{LIST}{d.pk}/buoc/publish_electorate/",
        f"{LIST}{d.pk}/tap-phieu/",
        f"{LIST}{d.pk}/diem-danh/{world.household.pk}/",
        f"/quyet-dinh/{d.pk}/bieu-quyet/",
        f"/api/v1/decisions/{d.pk}/steps/open",
        f"/api/v1/decisions/{d.pk}/ballots",
    ):
        assert client.post(url).status_code == 404, url
    d.refresh_from_db()
    assert d.state == "draft"
    assert "Tổ chức ngày hội" not in client.get(LIST).content.decode()


def test_the_list_page_cost_is_pinned(client, village_head, world, django_assert_num_queries):
    login_verified(client, village_head)
    for i in range(2):
        f.decision(village_head, world.village, title=f"Nội dung {i}")
    client.get(LIST)
    with django_assert_num_queries(8):
        client.get(LIST)
    for i in range(6):
        f.decision(village_head, world.village, title=f"Nội dung mới {i}")
    with django_assert_num_queries(8):
        assert "Nội dung mới 5" in client.get(LIST).content.decode()


def test_free_text_is_escaped(client, village_head, world):
    d = f.decision(village_head, world.village, title="<script>alert(1)</script>",
                   documents="<img src=x onerror=alert(1)>")  # fmt: skip
    services.publish_electorate(d, actor=village_head)
    login_verified(client, village_head)
    page = client.get(f"{LIST}{d.pk}/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_the_household_answers_the_online_poll_from_its_page(client, village_head, world):
    pairs = f.village_households(world.village, 2)
    d = f.decision(village_head, world.village)
    services.publish_electorate(d, actor=village_head)
    client.force_login(pairs[0][1])
    page = client.get(f"/quyet-dinh/{d.pk}/").content.decode()
    assert "biểu quyết trực tuyến?" in page
    answer = client.post(f"/quyet-dinh/{d.pk}/hinh-thuc/", {"wants_online": "1"})
    assert answer.status_code == 302 and answer["Location"] == f"/quyet-dinh/{d.pk}/"
    assert d.poll_answers.get().wants_online is True
    assert "Hộ bạn đã trả lời" in client.get(f"/quyet-dinh/{d.pk}/").content.decode()
    assert client.get("/quyet-dinh/").status_code == 200


def test_the_manage_page_cost_is_pinned_and_shows_the_timeline(
    client, village_head, world, django_assert_num_queries
):
    f.village_households(world.village, 3)
    d = f.decision(
        village_head, world.village, kind=Kind.VILLAGE_HEAD, channels=("meeting",),
        candidates=["Lộc Văn Sơn"],
    )  # fmt: skip
    services.publish_electorate(d, actor=village_head)
    login_verified(client, village_head)
    page = client.get(f"{LIST}{d.pk}/").content.decode()
    assert "Lịch bầu Trưởng thôn" in page and "21/05/2026" in page  # 20 days before 10/06
    with django_assert_num_queries(17):
        client.get(f"{LIST}{d.pk}/")
    f.village_households(world.village, 20, prefix="M")
    services.change_electorate(
        d, actor=village_head, add=list(world.village.households.filter(code__startswith="M-"))
    )
    with django_assert_num_queries(17):
        assert "M-00019" in client.get(f"{LIST}{d.pk}/").content.decode()


def test_send_and_recognise_from_the_manage_page(client, village_head, commune_chair, world):
    from dancoso.decisions.tests.test_recognition import _decided

    d = _decided(village_head, commune_chair, world, Kind.CONVENTION)
    login_verified(client, village_head)
    client.post(f"{LIST}{d.pk}/gui-quyet-dinh/", {"sent_on": "11/06/2026"})
    chair = login_verified(Client(), commune_chair)
    page = chair.get(f"{LIST}{d.pk}/").content.decode()
    assert "Ghi quyết định công nhận" in page
    chair.post(f"{LIST}{d.pk}/cong-nhan/", {"recognised": "1", "on": "15/06/2026"})
    d.refresh_from_db()
    assert (d.sent_on.isoformat(), d.recognition) == ("2026-06-11", "recognised")
    assert "15/06/2026" in chair.get(f"{LIST}{d.pk}/").content.decode()


def test_an_initiative_from_proposal_to_the_vote(client, village_head, world):
    pairs = f.village_households(world.village, 9)  # 10 households: 1 consent is 10 %
    client.force_login(pairs[0][1])
    answer = client.post(
        "/quyet-dinh/sang-kien/",
        {
            "village": world.village.pk,
            "title": "Làm nhà để xe",
            "content": "Nhà để xe ở nhà văn hóa.",
        },
    )
    initiative = queries.initiatives_visible_to(pairs[0][1]).get()
    assert answer["Location"] == f"/quyet-dinh/sang-kien/{initiative.pk}/"
    client.post(f"/quyet-dinh/sang-kien/{initiative.pk}/dong-y/")
    page = client.get(f"/quyet-dinh/sang-kien/{initiative.pk}/").content.decode()
    assert "1/10 hộ đồng ý" in page
    head = login_verified(Client(), village_head)
    form = head.get(f"{LIST}tao/?sang-kien={initiative.pk}").content.decode()
    assert "Làm nhà để xe" in form
    done = head.post(f"{LIST}tao/", {
        "sang-kien": initiative.pk, "place": f"v:{world.village.pk}", "kind": "6",
        "title": "Làm nhà để xe", "question": "Đồng ý làm nhà để xe?", "channels": ["meeting"],
        "voting_on": "10/06/2026", "notice_on": "05/06/2026",
    })  # fmt: skip
    assert done.status_code == 302
    initiative.refresh_from_db()
    assert initiative.decision is not None
    other = login_verified(
        Client(), f.village_households(world.foreign_village, 1, prefix="Z")[0][1]
    )
    assert other.get(f"/quyet-dinh/sang-kien/{initiative.pk}/").status_code == 404


def test_receipts_only_on_published_votes_and_drafts_only_for_organisers(
    client, village_head, world, resident
):
    d, pairs = f.online_vote_ready(village_head, world.village, 2)
    services.cast_ballot(d, actor=pairs[0][1], option_id=d.options.get(role="agree").pk)
    services.close_voting(d, actor=village_head)
    services.count_votes(d, actor=village_head)
    head = login_verified(Client(), village_head)
    assert head.get(f"/quyet-dinh/{d.pk}/ket-qua/").status_code == 200  # counted: organisers
    assert head.post(f"/quyet-dinh/{d.pk}/kiem-tra-bien-nhan/", {"code": "ABCD"}).status_code == 404
    draft = f.decision(village_head, world.village, title="Bản nháp")
    client.force_login(resident)
    assert client.get(f"/quyet-dinh/{draft.pk}/").status_code == 404
    assert head.get(f"/quyet-dinh/{draft.pk}/").status_code == 200


def test_odd_numbers_in_forms_are_refused_not_crashed(client, village_head, world):
    d, pairs = f.online_vote_ready(village_head, world.village, 2)
    client.force_login(pairs[0][1])
    for value in ("¹", "9" * 30, "-1", ""):
        assert client.post(f"/quyet-dinh/{d.pk}/bieu-quyet/", {"option": value}).status_code == 400
    head = login_verified(Client(), village_head)
    assert head.get(f"{LIST}tao/?sang-kien=¹").status_code == 200
    assert head.get(f"{LIST}tao/?sang-kien={'9' * 30}").status_code == 200
