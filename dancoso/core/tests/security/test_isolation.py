"""SECURITY.md test 11: role × action × place. Every request for another commune's (or another
village's, or another household's) data gets 403/404 with none of that data in the answer —
pages, POST actions, imports and API included.

The routes are not listed by hand: every route of the officer workspace and the API that takes
an object id is requested with the ids of Xã Cao Lộc's objects, so a new route is covered as
soon as it exists.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from dancoso.core.testing import login_verified
from dancoso.households.models import ImportJob, MemberLink

# Routes public by law, answered to anyone for any commune (disclosures, Law 10/2022 Art. 11-13).
PUBLIC_PREFIXES = ("api/v1/disclosure/public/", "api/v1/oversight/public/")
MARKERS = ("CL-001", "Hoàng Văn Minh", "020075000111", "111")  # Cao Lộc's household CL-001
PARAM = re.compile(r"<(?:int:)?(\w+)>")


def routes(prefixes=("can-bo/", "api/v1/", "tai-khoan/")):
    """(route text, parameter names) for every parametrised route under the prefixes."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            text = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, text)
            elif (
                isinstance(entry, URLPattern)
                and PARAM.search(text)
                and text.startswith(prefixes)
                and not text.startswith(PUBLIC_PREFIXES)
            ):
                found.append(text)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


@pytest.fixture
def cao_loc_objects(world, household_head):
    household = world.household
    member = household.members.get(is_head=True)
    link = MemberLink.objects.get(member=member)
    pending = MemberLink.objects.create(
        user=household_head, member=member, status=MemberLink.Status.REJECTED
    )
    job = ImportJob.objects.create(
        commune=world.commune,
        uploaded_by=household_head,
        original_name="so-ho.csv",
        file="imports/x.csv",
    )
    return {
        "pk": household.pk,
        "household_id": household.pk,
        "id": household.pk,
        "member_pk": member.pk,
        "link": link.pk,
        "rejected": pending.pk,
        "job": job.pk,
        "code": world.commune.code,
    }


def url_for(route: str, ids: dict, household_pk: int) -> str:
    """Fill a route's parameters with Cao Lộc ids (``pk`` means the object the route is
    about: a link id under lien-ket/, an import job under nhap/, else the household)."""

    def fill(match):
        name = match.group(1)
        if name == "pk" and "lien-ket/" in route:
            return str(ids["link"])
        if name == "pk" and "nhap/" in route:
            return str(ids["job"])
        return str(ids.get(name, household_pk))

    path = PARAM.sub(fill, route)
    return "/" + path.replace("^", "").replace("$", "")


OUTSIDERS = ["officer_of_other_commune", "resident", "board_member", "council_delegate"]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_get_nothing_from_any_object_route(persona, request, client, cao_loc_objects):
    user = request.getfixturevalue(persona)
    login_verified(client, user)
    checked = 0
    for route in routes():
        if route.startswith("can-bo/nhat-ky/xa/"):
            continue  # the commune's audit page is covered below, with the commune's code
        url = url_for(route, cao_loc_objects, cao_loc_objects["pk"])
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            body = response.content.decode("utf-8", "replace")
            assert response.status_code in (403, 404, 405), (persona, method, url)
            assert not any(marker in body for marker in MARKERS[:3]), (persona, method, url)
            checked += 1
    assert checked >= 20  # the workspace and API routes were really exercised


def test_a_village_head_sees_nothing_of_another_village(world, village_head, client):
    login_verified(client, village_head)
    other = world.other_household
    assert client.get(f"/can-bo/ho-gia-dinh/{other.pk}/").status_code == 404
    listing = client.get("/can-bo/ho-gia-dinh/").content.decode()
    assert other.code not in listing and world.household.code in listing


@pytest.mark.parametrize("persona", ["officer_of_other_commune", "resident", "board_member"])
def test_lists_and_api_never_include_another_communes_households(persona, request, client, world):
    login_verified(client, request.getfixturevalue(persona))
    for url in (
        "/can-bo/ho-gia-dinh/",
        "/can-bo/ho-gia-dinh/?q=CL-001",
        f"/can-bo/ho-gia-dinh/?village={world.village.pk}",
        "/api/v1/households",
        "/api/v1/households?search=CL-001",
    ):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code in (200, 403, 404), url
        assert "Hoàng Văn Minh" not in body and "CL-001</" not in body, url


@pytest.mark.parametrize(
    "persona", ["officer_of_other_commune", "resident", "village_head", "council_delegate"]
)
def test_the_communes_audit_history_is_closed_to_outsiders(persona, request, client, world):
    login_verified(client, request.getfixturevalue(persona))
    response = client.get(f"/can-bo/nhat-ky/xa/{world.commune.code}/")
    assert response.status_code in (403, 404)


def test_an_officer_of_the_commune_does_reach_the_same_routes(
    world, commune_officer, client, cao_loc_objects
):
    """The control: the same ids work for the commune's own officer, so the 404s above are
    isolation, not broken URLs."""
    login_verified(client, commune_officer)
    assert client.get(f"/can-bo/ho-gia-dinh/{world.household.pk}/").status_code == 200
    assert client.get(f"/api/v1/households/{world.household.pk}").status_code == 200
    assert client.get(f"/can-bo/ho-gia-dinh/nhap/{cao_loc_objects['job']}/").status_code == 200


def test_another_communes_officer_cannot_touch_cao_locs_disclosures(
    world, officer_of_other_commune, commune_officer, client
):
    from dancoso.core.actors import SystemActor
    from dancoso.disclosure.services import publish_disclosure
    from dancoso.places.models import Agency

    system = SystemActor("tests")
    d = publish_disclosure(actor=system, commune=world.commune, category="xa-14", title="Họp dân")
    agency = Agency.objects.create(
        name="Trạm Y tế", kind="don_vi_su_nghiep", province=world.province, commune=world.commune
    )
    internal = publish_disclosure(actor=system, agency=agency, category="cq-06", title="Nội bộ")
    for user in (officer_of_other_commune, commune_officer):
        login_verified(client, user)
        for target in (internal, d) if user is officer_of_other_commune else (internal,):
            base = f"/can-bo/cong-khai/{target.public_id}/"
            assert client.get(base).status_code == 404
            for action in ("dinh-chinh/", "rut/", "ghi-nhan/"):
                response = client.post(base + action, {"reason": "x", "title": "x"})
                assert response.status_code == 404, (user, action)
        assert client.get(f"/can-bo/cong-khai/co-quan/{agency.pk}/").status_code == 404
        client.logout()
    login_verified(client, officer_of_other_commune)
    assert client.get(f"/can-bo/cong-khai/?xa={world.commune.code}").status_code == 404
    assert client.get(f"/can-bo/cong-khai/nghia-vu/?xa={world.commune.code}").status_code == 404
    data = {"commune": world.commune.code, "category": "xa-14", "title": "x"}
    api = client.post("/api/v1/disclosure/disclosures", data, content_type="application/json")
    assert api.status_code == 403
    summary = f"/api/v1/disclosure/communes/{world.commune.code}/obligations/2026"
    assert client.get(summary).status_code == 404
    public = f"/xa/{world.other_commune.code}/cong-khai/{d.public_id}/"
    assert client.get(public).status_code == 404
