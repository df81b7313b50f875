"""Scoped reads of the register."""

from types import SimpleNamespace

import pytest
from django.http import Http404

from dancoso.households import queries, services
from dancoso.households.models import Member, MemberLink


def codes(households):
    return [h.code for h in households]


def test_readers_see_the_commune_with_counts_and_head_names(world, commune_officer):
    Member.objects.create(household=world.household, full_name="Hoàng Văn Con")
    rows = list(queries.households_visible_to(commune_officer, world.commune))
    assert codes(rows) == ["CL-001", "CL-002"]
    assert (rows[0].member_count, rows[0].head_name, rows[0].head_national_id) == (
        2,
        "Hoàng Văn Minh",
        "020075000111",
    )


def test_scope_per_persona(
    world, village_head, officer_of_other_commune, resident, province_officer
):
    assert codes(queries.households_visible_to(village_head, world.commune)) == ["CL-001"]
    assert codes(queries.households_visible_to(officer_of_other_commune, world.commune)) == []
    assert codes(queries.households_visible_to(resident, world.commune)) == []
    assert len(codes(queries.households_visible_to(province_officer, world.commune))) == 2


def test_search_matches_code_or_a_members_name(world, commune_officer):
    assert codes(queries.households_visible_to(commune_officer, world.commune, search="Hoa")) == [
        "CL-002"
    ]
    assert codes(
        queries.households_visible_to(commune_officer, world.commune, search="cl-001")
    ) == ["CL-001"]


def test_get_household_for_is_404_for_absent_and_forbidden(world, officer_of_other_commune):
    for pk in (world.household.pk, 987654):
        with pytest.raises(Http404):
            queries.get_household_for(officer_of_other_commune, pk)


def test_pending_links_for_each_confirmer(
    world, resident, village_head, commune_officer, officer_of_other_commune
):
    here = MemberLink.objects.create(user=resident, member=world.household.members.get())
    there = MemberLink.objects.create(user=resident, member=world.other_household.members.get())
    assert list(queries.pending_links_for(village_head)) == [here]
    assert list(queries.pending_links_for(commune_officer)) == [here, there]
    assert list(queries.pending_links_for(officer_of_other_commune)) == []


def test_communes_visible_to(world, village_head, province_officer, resident):
    assert list(queries.communes_visible_to(village_head)) == [world.commune]
    assert set(queries.communes_visible_to(province_officer)) == {
        world.commune,
        world.other_commune,
    }
    assert list(queries.communes_visible_to(resident)) == []


def test_history_is_shown_in_vietnam_time_with_village_names(world, commune_officer):
    services.move_household(world.household, actor=commune_officer, village=world.other_village)
    [event] = queries.household_history(world.household)
    [shown] = queries.describe_events([event])
    assert shown["action"] == "Chuyển thôn" and shown["actor"] == "canbo"
    assert shown["summary"] == "từ Thôn Bản Lải sang Thôn Nà Sla"
    fake = SimpleNamespace(
        occurred_at="2026-01-01T17:30:00.000000+00:00",
        actor_label="a",
        action="households.update_household",
        summary={"changed": ["address", "code"]},
    )
    [late] = queries.describe_events([fake])
    assert late["time"] == "02/01/2026 00:30" and late["summary"] == "đổi địa chỉ, mã hộ"


def test_residence_history_newest_first(world, commune_officer):
    services.move_household(world.household, actor=commune_officer, village=world.other_village)
    villages = [r.village for r in queries.residence_history(world.household)]
    assert villages == [world.other_village, world.village]
