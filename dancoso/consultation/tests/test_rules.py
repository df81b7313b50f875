"""Permissions beyond the table in docs/permissions.md: drafts, agencies, household and
village audiences, and another commune's people."""

from datetime import timedelta

import pytest
from django.urls import reverse

from dancoso.consultation.lifecycle import State
from dancoso.core.testing import login_verified

from .factories import TODAY, force_state, make_draft, make_open

pytestmark = pytest.mark.django_db
PERSONAS = [
    "resident",
    "household_head",
    "village_head",
    "board_member",
    "council_delegate",
    "province_officer",
    "officer_of_other_commune",
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_is_seen_only_by_its_organisers(
    world, commune_officer, commune_chair, persona, request
):
    draft = make_draft(world.commune, commune_officer)
    assert commune_chair.has_perm("consultation.view_consultation", draft)
    assert not request.getfixturevalue(persona).has_perm("consultation.view_consultation", draft)


def test_a_households_audience_needs_a_confirmed_head(
    world, commune_officer, resident, household_head
):
    consultation = make_open(world.commune, commune_officer, audience="households")
    assert household_head.has_perm("consultation.post_opinion", consultation)
    assert not resident.has_perm("consultation.post_opinion", consultation)


def test_an_agency_consultation_stays_inside_the_agency(
    agency, agency_head, agency_staff, commune_officer, commune_chair, resident, anonymous
):
    consultation = make_open(
        agency,
        agency_head,
        subject="cq_quy_che_dan_chu",
        audience="staff",
        closes_on=TODAY + timedelta(days=10),
    )
    assert agency_staff.has_perm("consultation.view_consultation", consultation)
    assert agency_staff.has_perm("consultation.post_opinion", consultation)
    assert agency_head.has_perm("consultation.publish_synthesis", consultation)
    for outsider in (commune_officer, commune_chair, resident, anonymous):
        assert not outsider.has_perm("consultation.view_consultation", consultation)
        assert not outsider.has_perm("consultation.post_opinion", consultation)
        assert not outsider.has_perm("consultation.change_consultation", consultation)
    draft = make_draft(
        agency,
        agency_head,
        subject="cq_ke_hoach",
        audience="staff",
        closes_on=TODAY + timedelta(days=10),
    )
    assert not agency_staff.has_perm("consultation.view_consultation", draft)


def test_everyone_audience_still_needs_a_sign_in(
    world, commune_officer, province_officer, anonymous
):
    consultation = make_open(world.commune, commune_officer, audience="everyone")
    assert province_officer.has_perm("consultation.post_opinion", consultation)
    assert not anonymous.has_perm("consultation.post_opinion", consultation)


@pytest.mark.parametrize("state", [State.OPEN, State.CLOSED, State.SYNTHESISED, State.PUBLISHED])
def test_another_communes_officer_cannot_touch_any_state(
    world, commune_officer, officer_of_other_commune, state, client
):
    consultation = force_state(make_open(world.commune, commune_officer), state)
    for permission in (
        "change_consultation",
        "moderate_opinion",
        "answer_opinion",
        "publish_synthesis",
        "enter_offline_opinion",
        "post_opinion",
    ):
        assert not officer_of_other_commune.has_perm(f"consultation.{permission}", consultation)
    login_verified(client, officer_of_other_commune)
    for name in ("manage",):
        assert (
            client.get(reverse(f"consultation_ws:{name}", args=[consultation.pk])).status_code
            == 404
        )
    listing = client.get(reverse("consultation_ws:list"))
    assert consultation.title not in listing.content.decode()
