"""Role grants: given and ended through the services, over a village, commune, province or
agency, with dates (a grant not yet started or already ended gives no power), one audit event
each, and the grants read once per request however many questions are asked."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from dancoso.accounts import services
from dancoso.accounts.models import RoleGrant, User
from dancoso.accounts.roles import Role
from dancoso.accounts.rules import place_of
from dancoso.accounts.scope import active_grants, holds_role, is_official
from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import make_user
from dancoso.places.models import Agency

TODAY = timezone.localdate


@pytest.fixture
def newcomer(db):
    return make_user("nguoimoi", full_name="Lý Thị Hạnh")


@pytest.fixture
def agency(world):
    return Agency.objects.create(
        name="Trạm Y tế xã Cao Lộc",
        kind=Agency.Kind.PUBLIC_UNIT,
        province=world.province,
        commune=world.commune,
    )


def fresh(user):
    """The user as the next request loads it: no grants cached yet."""
    return User.objects.get(pk=user.pk)


def grant_events():
    return list(AuditEvent.objects.filter(action="accounts.grant_role"))


def test_a_commune_officer_makes_a_village_head(world, commune_officer, newcomer):
    grant = services.grant_role(
        actor=commune_officer, user=newcomer, role=Role.VILLAGE_HEAD, place=world.village
    )
    assert grant.village == world.village and grant.starts_on == TODAY() and grant.ends_on is None
    assert grant.granted_by == commune_officer
    user = fresh(newcomer)
    assert holds_role(user, {Role.VILLAGE_HEAD}, place_of(world.village))
    assert not holds_role(user, {Role.VILLAGE_HEAD}, place_of(world.other_village))
    assert is_official(user)
    [event] = grant_events()
    assert event.chain == "commune:6193" and event.actor_id == commune_officer.pk
    assert event.summary["role"] == "village_head"
    assert event.summary["place"] == f"village:{world.village.pk}"
    assert "Hạnh" not in str(event.summary)


def test_grants_over_a_commune_and_an_agency(world, commune_chair, newcomer, agency):
    services.grant_role(
        actor=commune_chair, user=newcomer, role=Role.COMMUNE_OFFICER, place=world.commune
    )
    services.grant_role(actor=commune_chair, user=newcomer, role=Role.AGENCY_HEAD, place=agency)
    user = fresh(newcomer)
    assert holds_role(user, {Role.COMMUNE_OFFICER}, place_of(world.other_village))
    assert holds_role(user, {Role.AGENCY_HEAD}, place_of(agency))
    assert not holds_role(user, {Role.AGENCY_HEAD}, place_of(world.commune))
    assert [e.summary["place"] for e in grant_events()] == [
        f"commune:{world.commune.pk}",
        f"agency:{agency.pk}",
    ]


def test_a_superuser_grants_over_a_province_on_the_global_chain(world, newcomer):
    admin = User.objects.create_superuser(username="quantri", password="x" * 12)
    services.grant_role(
        actor=admin, user=newcomer, role=Role.PROVINCE_OFFICER, place=world.province
    )
    user = fresh(newcomer)
    for place in (world.province, world.commune, world.other_commune, world.foreign_village):
        assert holds_role(user, {Role.PROVINCE_OFFICER}, place_of(place))
    assert grant_events()[0].chain == "global"


@pytest.mark.parametrize(
    "name", ["officer_of_other_commune", "village_head", "resident", "province_officer"]
)
def test_people_who_do_not_manage_the_commune_cannot_grant_in_it(request, world, newcomer, name):
    actor = request.getfixturevalue(name)
    with pytest.raises(PermissionDeniedError):
        services.grant_role(actor=actor, user=newcomer, role=Role.RESIDENT, place=world.village)
    assert not RoleGrant.objects.filter(user=newcomer).exists() and not grant_events()


def test_a_commune_officer_cannot_grant_over_the_province(world, commune_officer, newcomer):
    with pytest.raises(PermissionDeniedError):
        services.grant_role(
            actor=commune_officer, user=newcomer, role=Role.PROVINCE_OFFICER, place=world.province
        )


def test_village_roles_need_a_village(world, commune_officer, newcomer):
    with pytest.raises(DomainError) as refused:
        services.grant_role(
            actor=commune_officer, user=newcomer, role=Role.VILLAGE_HEAD, place=world.commune
        )
    assert refused.value.code == "grant_wrong_place"
    assert "hãy chọn một thôn" in str(refused.value.message)
    assert not grant_events()


def test_an_end_before_the_start_is_refused(world, commune_officer, newcomer):
    with pytest.raises(DomainError) as refused:
        services.grant_role(
            actor=commune_officer,
            user=newcomer,
            role=Role.COMMUNE_OFFICER,
            place=world.commune,
            starts_on=TODAY(),
            ends_on=TODAY() - timedelta(days=1),
        )
    assert refused.value.code == "grant_dates_reversed"
    assert not RoleGrant.objects.filter(user=newcomer).exists()


def test_a_grant_is_ended_with_its_history_kept(world, commune_officer, newcomer):
    grant = services.grant_role(
        actor=commune_officer,
        user=newcomer,
        role=Role.COMMUNE_OFFICER,
        place=world.commune,
        starts_on=TODAY() - timedelta(days=30),
    )
    services.end_grant(grant, actor=commune_officer, ends_on=TODAY() - timedelta(days=1))
    grant.refresh_from_db()
    assert grant.ends_on == TODAY() - timedelta(days=1)
    assert not holds_role(fresh(newcomer), {Role.COMMUNE_OFFICER}, place_of(world.commune))
    [event] = AuditEvent.objects.filter(action="accounts.end_grant")
    assert event.chain == "commune:6193" and event.object_id == str(grant.pk)

    with pytest.raises(DomainError) as refused:
        services.end_grant(grant, actor=commune_officer)
    assert refused.value.code == "grant_already_ended"
    assert AuditEvent.objects.filter(action="accounts.end_grant").count() == 1


def test_only_a_manager_of_the_place_ends_a_grant(world, commune_officer, officer_of_other_commune):
    grant = RoleGrant.objects.get(user=commune_officer)
    with pytest.raises(PermissionDeniedError):
        services.end_grant(grant, actor=officer_of_other_commune)
    grant.refresh_from_db()
    assert grant.ends_on is None
    assert not AuditEvent.objects.filter(action="accounts.end_grant").exists()


DAYS = st.integers(min_value=-400, max_value=400)


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=DAYS, length=st.one_of(st.none(), st.integers(min_value=0, max_value=800)))
def test_a_grant_gives_power_exactly_between_its_dates(world, newcomer, start, length):
    starts_on = TODAY() + timedelta(days=start)
    ends_on = None if length is None else starts_on + timedelta(days=length)
    RoleGrant.objects.filter(user=newcomer).delete()
    RoleGrant.objects.create(
        user=newcomer,
        role=Role.COMMUNE_OFFICER,
        commune=world.commune,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    in_force = starts_on <= TODAY() and (ends_on is None or TODAY() <= ends_on)
    user = fresh(newcomer)
    assert holds_role(user, {Role.COMMUNE_OFFICER}, place_of(world.village)) is in_force
    assert user.has_perm("places.add_village", world.commune) is in_force
    assert is_official(user) is in_force


def test_grants_are_read_once_however_many_questions(
    world, commune_officer, django_assert_num_queries
):
    user = fresh(commune_officer)
    places = [world.commune, world.other_commune, world.village, world.foreign_village]
    with django_assert_num_queries(1):
        for _ in range(25):
            for place in places:
                user.has_perm("places.change_village", place)
                user.has_perm("households.view_household_list", place)
            is_official(user)
    assert len(active_grants(user)) == 1


def test_a_page_asks_for_the_grants_once(world, commune_officer, client):
    """The household list checks many rows and the navigation many entries: the grants
    table is still read once in the whole request."""
    from dancoso.core.testing import login_verified

    login_verified(client, commune_officer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/can-bo/ho-gia-dinh/", {"xa": 6193}).status_code == 200
    grant_reads = [q for q in queries.captured_queries if "accounts_rolegrant" in q["sql"]]
    assert len(grant_reads) == 1
