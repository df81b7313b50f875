"""The household API: scoped like the pages, IDs masked, paginated, queries pinned."""

import pytest

from dancoso.core.testing import login_verified
from dancoso.households.models import Household, Member

MINH = "020075000111"
LIST = "/api/v1/households"


@pytest.fixture
def api(client):
    def sign_in(user):
        return login_verified(client, user)

    return sign_in


def test_the_list_is_scoped_masked_and_paginated(world, commune_officer, api):
    body = api(commune_officer).get(LIST, {"commune": 6193}).json()
    assert body["count"] == 2 and body["page_size"] == 25
    first = body["items"][0]
    assert first["code"] == "CL-001" and first["head_national_id_masked"] == "*********111"
    assert first["member_count"] == 1 and first["head_name"] == "Hoàng Văn Minh"
    assert MINH not in str(body)


def test_a_village_head_lists_only_their_village(world, village_head, api):
    body = api(village_head).get(LIST).json()
    assert [item["code"] for item in body["items"]] == ["CL-001"]


def test_another_commune_is_not_found(world, officer_of_other_commune, api):
    client = api(officer_of_other_commune)
    assert client.get(LIST, {"commune": 6193}).status_code == 404
    assert [i["code"] for i in client.get(LIST).json()["items"]] == ["BS-001"]
    assert client.get(f"{LIST}/{world.household.pk}").status_code == 404


def test_residents_and_visitors_get_no_list(world, resident, client):
    assert client.get(LIST).status_code == 401
    login_verified(client, resident)
    assert client.get(LIST).status_code == 404


def test_filters_and_bad_parameters_are_4xx_never_5xx(world, commune_officer, api):
    client = api(commune_officer)
    assert client.get(LIST, {"search": "Hoa"}).json()["count"] == 1
    assert client.get(LIST, {"village": world.other_village.pk}).json()["count"] == 1
    assert client.get(LIST, {"village": world.foreign_village.pk}).status_code == 404
    for params in ({"page": 0}, {"page": 10**9}, {"commune": "x"}, {"search": "a" * 100}):
        assert client.get(LIST, params).status_code == 422, params
    assert client.get(LIST, {"page": 99}).json()["items"] == []
    assert client.get(f"{LIST}/{10**30}").status_code in {404, 422}


def test_one_household_with_members_and_residences(world, commune_officer, api):
    body = api(commune_officer).get(f"{LIST}/{world.household.pk}").json()
    assert body["code"] == "CL-001" and body["village_name"] == "Thôn Bản Lải"
    assert body["members"][0]["national_id_masked"] == "*********111"
    assert body["residences"] == [
        {
            "village_id": world.village.pk,
            "village_name": "Thôn Bản Lải",
            "started_on": "2020-01-01",
            "ended_on": None,
        }
    ]
    assert MINH not in str(body)


def test_a_linked_resident_reads_their_own_household(world, household_head, api):
    client = api(household_head)
    assert client.get(f"{LIST}/{world.household.pk}").status_code == 200
    assert client.get(f"{LIST}/{world.other_household.pk}").status_code == 404


def test_the_list_costs_the_same_queries_whatever_its_size(
    world, commune_officer, api, django_assert_num_queries
):
    client = api(commune_officer)
    client.get(LIST)
    with django_assert_num_queries(7) as small:
        client.get(LIST)
    for n in range(40):
        household = Household.objects.create(
            commune=world.commune, village=world.village, code=f"Y-{n:03d}"
        )
        Member.objects.create(household=household, full_name=f"Chủ {n}", is_head=True)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(client.get(LIST).json()["items"]) == 25


# --- export ---

EXPORT = "/api/v1/households/export"


def test_the_export_endpoint_sends_the_file_and_audits_it(world, commune_officer, api):
    from dancoso.audit.models import AuditEvent

    response = api(commune_officer).post(
        EXPORT, {"commune": 6193, "format": "csv", "purpose": "doi_soat"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    body = response.content.decode("utf-8-sig")
    assert "CL-001" in body and "*********111" in body and MINH not in body
    assert AuditEvent.objects.filter(action="households.export_register").count() == 1


def test_the_export_endpoint_refuses_outsiders_and_bad_purposes(
    world, officer_of_other_commune, village_head, api
):
    from dancoso.audit.models import AuditEvent

    json = {"content_type": "application/json"}
    outsider = api(officer_of_other_commune)
    assert (
        outsider.post(EXPORT, {"commune": 6193, "purpose": "doi_soat"}, **json).status_code == 404
    )
    head = api(village_head)
    other = {"commune": 6193, "village": world.other_village.pk, "purpose": "doi_soat"}
    assert head.post(EXPORT, other, **json).status_code == 403
    bad = head.post(EXPORT, {"village": world.village.pk, "purpose": "?"}, **json)
    assert bad.status_code == 400 and "mục đích" in bad.json()["detail"]
    assert not AuditEvent.objects.filter(action="households.export_register").exists()
