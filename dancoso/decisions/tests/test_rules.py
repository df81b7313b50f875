"""Role × action × place for decisions (the table in docs/permissions.md covers one village
decision; these cover the other places and scopes)."""

import pytest

from dancoso.accounts.roles import Role
from dancoso.core.testing import grant, make_user
from dancoso.decisions.law import Kind
from dancoso.decisions.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def front_head(world):
    user = make_user("mattran")
    grant(user, Role.FRONT_HEAD, world.village)
    return user


@pytest.fixture
def other_village_head(world):
    user = make_user("truongthon2")
    grant(user, Role.VILLAGE_HEAD, world.other_village)
    return user


def test_village_matters_belong_to_their_village(
    world, village_head, front_head, other_village_head, commune_officer, officer_of_other_commune
):
    d = f.decision(village_head, world.village)
    assert front_head.has_perm("decisions.manage_decision", d)
    assert commune_officer.has_perm("decisions.manage_decision", d)
    for outsider in (other_village_head, officer_of_other_commune):
        assert not outsider.has_perm("decisions.manage_decision", d)
        assert not outsider.has_perm("decisions.view_decision", d)
        assert not outsider.has_perm("decisions.open_decision", world.village)


def test_commune_matters_belong_to_commune_officers(
    world, village_head, commune_officer, commune_chair, province_officer
):
    d = f.decision(commune_officer, world.commune, kind=Kind.CONTRIBUTION, channels=("ballot",))
    assert commune_chair.has_perm("decisions.manage_decision", d)
    assert not village_head.has_perm("decisions.manage_decision", d)
    assert not village_head.has_perm("decisions.open_decision", world.commune)
    assert province_officer.has_perm("decisions.view_decision", d)
    assert not province_officer.has_perm("decisions.manage_decision", d)


def test_the_nav_entry_shows_to_organisers_anywhere(village_head, resident, household_head):
    assert village_head.has_perm("decisions.view_decision_list")
    assert not resident.has_perm("decisions.view_decision_list")
    assert not household_head.has_perm("decisions.open_decision")


def test_only_households_on_the_list_vote(world, village_head, household_head, resident):
    d = f.decision(village_head, world.village)
    assert not household_head.has_perm("decisions.cast_ballot", d)  # no electorate yet
    from dancoso.decisions import services

    services.publish_electorate(d, actor=village_head)
    assert household_head.has_perm("decisions.cast_ballot", d)
    assert not resident.has_perm("decisions.cast_ballot", d)
    assert not village_head.has_perm("decisions.cast_ballot", d)
