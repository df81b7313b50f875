"""The public portal pages and the officer workspace home, as residents and officers see them."""

from datetime import date

import pytest
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from dancoso.audit.services import record
from dancoso.core.testing import login_verified, make_user
from dancoso.core.tests.html import read
from dancoso.households.models import Household, Member, MemberLink, Residence
from dancoso.places.models import Agency, Commune, Province, Village

pytestmark = pytest.mark.django_db


def commune_url(commune) -> str:
    return reverse("portal:commune", args=[commune.code])


def add_households(village, count, *, prefix="X", active=True):
    for i in range(count):
        household = Household.objects.create(
            commune=village.commune, village=village, code=f"{prefix}-{i}", is_active=active
        )
        Residence.objects.create(household=household, village=village, started_on=date(2021, 1, 1))


def assert_links_resolve(page):
    """Every link of the page goes to a page that exists (no promise of a page to come)."""
    for href in page.links:
        if href.startswith("#"):
            continue
        assert href.startswith("/"), f"unexpected external link {href}"
        try:
            resolve(href.split("?")[0])
        except Resolver404:
            pytest.fail(f"link to a page that does not exist: {href}")


# --- Public commune page -------------------------------------------------------------------


def test_commune_page_shows_name_kind_province_and_villages_with_counts(client, world):
    add_households(world.village, 2)
    add_households(world.village, 1, prefix="OLD", active=False)  # a dissolved household
    add_households(world.foreign_village, 3, prefix="BS")

    response = client.get(commune_url(world.commune))

    assert response.status_code == 200
    page = read(response)
    assert page.h1 == ["Xã Cao Lộc"]
    assert "Xã · Lạng Sơn" in page.text
    rows = response.context["villages"]
    assert [(v.name, v.get_kind_display(), v.household_count) for v in rows] == [
        ("Thôn Bản Lải", "Thôn", 3),  # CL-001 and the two new active ones
        ("Thôn Nà Sla", "Thôn", 1),
    ]
    assert response.context["household_total"] == 4
    assert "Thôn Khòn Khẻ" not in page.text  # a village of another commune


def test_commune_page_lists_its_agencies_only(client, world):
    Agency.objects.create(
        name="Trạm Y tế xã Cao Lộc",
        kind=Agency.Kind.PUBLIC_UNIT,
        province=world.province,
        commune=world.commune,
    )
    Agency.objects.create(name="Sở Nội vụ", kind=Agency.Kind.STATE_AGENCY, province=world.province)

    page = read(client.get(commune_url(world.commune)))

    assert "Trạm Y tế xã Cao Lộc (Đơn vị sự nghiệp công lập)" in page.text
    assert "Sở Nội vụ" not in page.text


def test_commune_page_describes_the_five_rights_and_what_to_do_today(client, world):
    page = read(client.get(commune_url(world.commune)))

    for right in ("Dân biết", "Dân bàn", "Dân quyết", "Dân kiểm tra", "Dân giám sát"):
        assert right in page.text
    assert "Bạn có thể làm gì hôm nay" in page.text
    assert "Liên kết tài khoản với hộ gia đình của bạn" in page.text
    assert_links_resolve(page)


def test_commune_page_shows_the_head_of_its_audit_chain(client, world):
    page = read(client.get(commune_url(world.commune)))
    assert "Mã kiểm chứng nhật ký" in page.text
    assert "Nhật ký của xã chưa ghi thay đổi nào." in page.text

    record("test.touch", actor=None, obj=world.household, commune_code=world.commune.code)
    event = record("test.touch", actor=None, obj=world.household, commune_code=world.commune.code)
    record(
        "test.touch", actor=None, obj=world.foreign_household, commune_code=world.other_commune.code
    )

    response = client.get(commune_url(world.commune))
    assert response.context["audit_head"].seq == 2
    assert event.hash in response.content.decode()
    assert "Nhật ký của xã chưa ghi thay đổi nào." not in read(response).text


def test_unknown_commune_is_a_vietnamese_404(client, world):
    for code in (999_999, 2**40):
        response = client.get(reverse("portal:commune", args=[code]))
        assert response.status_code == 404
        assert read(response).h1 == ["Không tìm thấy trang"]


def test_commune_page_costs_the_same_queries_whatever_the_size(
    client, world, django_assert_num_queries
):
    with django_assert_num_queries(4):  # commune, villages with counts, agencies, audit head
        client.get(commune_url(world.commune))

    for n in range(10):
        village = Village.objects.create(
            commune=world.commune, name=f"Tổ dân phố {n}", kind=Village.Kind.TO_DAN_PHO
        )
        add_households(village, 5, prefix=f"T{n}")
        Agency.objects.create(
            name=f"Trường {n}",
            kind=Agency.Kind.PUBLIC_UNIT,
            province=world.province,
            commune=world.commune,
        )
    record("test.touch", actor=None, obj=world.household, commune_code=world.commune.code)

    with django_assert_num_queries(4):
        response = client.get(commune_url(world.commune))
    assert response.context["household_total"] == 52


# --- Home and the commune list ---------------------------------------------------------------


def test_home_shows_the_home_commune_when_configured(
    client, world, settings, django_assert_num_queries
):
    settings.DANCOSO_HOME_COMMUNE = str(world.commune.code)

    with django_assert_num_queries(4):
        response = client.get(reverse("portal:home"))

    assert response.status_code == 200
    assert read(response).h1 == ["Xã Cao Lộc"]
    assert response.context["commune"] == world.commune


@pytest.mark.parametrize("configured", ["", "123456", "không-phải-số"])
def test_home_lists_communes_without_a_usable_home_commune(client, world, settings, configured):
    settings.DANCOSO_HOME_COMMUNE = configured

    response = client.get(reverse("portal:home"))

    assert response.status_code == 200
    page = read(response)
    assert page.h1 == ["Xã, phường, đặc khu"]
    assert commune_url(world.commune) in page.links
    assert commune_url(world.other_commune) in page.links
    assert_links_resolve(page)


@pytest.mark.parametrize("search", ["Cao Lộc", "cao loc", "CAO LOC", "lộc", "  cao   lộc "])
def test_commune_search_matches_with_or_without_diacritics(client, world, search):
    response = client.get(reverse("portal:communes"), {"q": search})

    names = [c.name for c in response.context["page"].object_list]
    assert names == ["Xã Cao Lộc"]


def test_commune_list_filters_by_province_and_paginates(client, world, django_assert_num_queries):
    other = Province.objects.create(code=4, name="Cao Bằng", kind="tinh", codename="cao_bang")
    for i in range(30):
        Commune.objects.create(
            code=1000 + i,
            name=f"Phường Số {i:02d}",
            kind="phuong",
            codename=f"phuong_so_{i:02d}",
            province=other,
        )

    with django_assert_num_queries(4):  # province, count, page, provinces for the filter
        response = client.get(reverse("portal:communes"), {"tinh": "4"})
    page = response.context["page"]
    assert page.paginator.count == 30
    assert len(page.object_list) == 25
    assert all(c.province_id == other.pk for c in page.object_list)

    second = client.get(reverse("portal:communes"), {"tinh": "4", "page": "2"})
    assert len(second.context["page"].object_list) == 5
    assert "Trang 2/2" in read(second).text

    everything = client.get(reverse("portal:communes"), {"tinh": "nonsense", "page": "x"})
    assert everything.status_code == 200
    assert everything.context["page"].paginator.count == 32


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(search=st.text(max_size=80), province=st.text(max_size=12), page=st.text(max_size=6))
def test_commune_list_answers_any_query_string_without_error(client, world, search, province, page):
    response = client.get(reverse("portal:communes"), {"q": search, "tinh": province, "page": page})
    assert response.status_code == 200
    assert len(response.context["search"]) <= 60


def test_commune_list_says_what_to_do_when_nothing_matches(client, world):
    page = read(client.get(reverse("portal:communes"), {"q": "zzz"}))
    assert "Không có xã, phường nào khớp" in page.text


# --- Officer workspace -------------------------------------------------------------------------


def test_workspace_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(reverse("portal:workspace"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=/can-bo/" in response["Location"]


def pending_link(user, household):
    member = household.members.first()
    return MemberLink.objects.create(user=user, member=member, status=MemberLink.Status.PENDING)


def test_workspace_shows_a_commune_officer_their_commune_and_figures(
    client, commune_officer, world
):
    add_households(world.other_village, 2)
    claimant = make_user("xinlienket", phone="0911111111")
    pending_link(claimant, world.household)
    pending_link(make_user("khac", phone="0922222222"), world.foreign_household)

    login_verified(client, commune_officer)
    response = client.get(reverse("portal:workspace"))

    assert response.status_code == 200
    (summary,) = response.context["places"]
    assert summary.place == world.commune
    assert summary.households == 4
    assert summary.pending_links == 1
    assert summary.roles == ["Cán bộ, công chức xã"]
    page = read(response)
    assert page.h1 == ["Không gian làm việc của cán bộ"]
    assert reverse("households:list") in page.links  # the navigation
    assert reverse("households:pending_links") in page.links
    assert f"{reverse('households:list')}?xa=6193" in page.links  # the commune's register
    assert commune_url(world.commune) in page.links
    assert_links_resolve(page)


def test_workspace_of_a_village_head_counts_their_village_only(client, village_head, world):
    pending_link(make_user("a", phone="0933333333"), world.household)
    pending_link(make_user("b", phone="0944444444"), world.other_household)

    login_verified(client, village_head)
    (summary,) = client.get(reverse("portal:workspace")).context["places"]

    assert (summary.kind, summary.place, summary.households, summary.pending_links) == (
        "village",
        world.village,
        1,
        1,
    )


def test_workspace_hides_pending_links_from_those_who_cannot_confirm_them(
    client, council_delegate, world
):
    pending_link(make_user("a", phone="0933333333"), world.household)

    login_verified(client, council_delegate)
    (summary,) = client.get(reverse("portal:workspace")).context["places"]

    assert summary.households == 2
    assert summary.pending_links is None
    assert summary.may_list_households is False


def test_workspace_never_shows_another_communes_figures(client, officer_of_other_commune, world):
    login_verified(client, officer_of_other_commune)
    response = client.get(reverse("portal:workspace"))

    assert [s.place for s in response.context["places"]] == [world.other_commune]
    assert "Xã Cao Lộc" not in read(response).text


def test_workspace_of_a_province_officer_links_to_the_province(client, province_officer, world):
    login_verified(client, province_officer)
    response = client.get(reverse("portal:workspace"))

    (summary,) = response.context["places"]
    assert (summary.kind, summary.place) == ("province", world.province)
    assert f"{reverse('portal:communes')}?tinh=20" in read(response).links


def test_workspace_tells_a_resident_how_to_get_an_officer_role(client, resident):
    client.force_login(resident)
    response = client.get(reverse("portal:workspace"))

    assert response.status_code == 200
    assert response.context["places"] == []
    assert "chưa được giao vai trò cán bộ" in read(response).text


def test_workspace_query_count_does_not_grow_with_the_register(
    client, commune_officer, world, django_assert_num_queries
):
    """Session, user, TOTP device, grants, communes, household counts, link counts."""
    login_verified(client, commune_officer)
    with django_assert_num_queries(7):
        client.get(reverse("portal:workspace"))

    for n in range(5):
        village = Village.objects.create(commune=world.commune, name=f"Khu {n}")
        add_households(village, 4, prefix=f"K{n}")
        for household in Household.objects.filter(village=village):
            Member.objects.create(household=household, full_name="Người Thử", is_head=True)
            pending_link(make_user(f"u{n}-{household.pk}"), household)

    with django_assert_num_queries(7):
        response = client.get(reverse("portal:workspace"))
    (summary,) = response.context["places"]
    assert (summary.households, summary.pending_links) == (22, 20)
