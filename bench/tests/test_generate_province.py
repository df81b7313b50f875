"""``manage.py generate_province``: what the benchmark province contains, that nobody in it can
be a real person, that it is audited once per commune, and that it refuses to run twice.
Runs on SQLite (``bulk_create``) and, with DATABASE_URL, on PostgreSQL (``COPY``)."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from dancoso.audit.models import AuditEvent
from dancoso.audit.queries import verify_chain
from dancoso.households.law import PROVINCE_BIRTH_CODES, cross_check_national_id
from dancoso.households.models import Household, Member, Residence
from dancoso.places.models import Commune, Province, Village

pytestmark = pytest.mark.django_db


def generate(**options):
    defaults = {"households": 60, "communes": 2, "villages": 5, "seed": 7, "stdout": None}
    call_command("generate_province", **(defaults | options))


def test_the_province_has_the_asked_shape():
    generate()
    province = Province.objects.get(code=99)
    assert province.name == "Tỉnh Thử nghiệm"
    communes = list(Commune.objects.filter(province=province).order_by("code"))
    assert [c.code for c in communes] == [990001, 990002]
    assert [c.villages.count() for c in communes] == [3, 2]
    assert Household.objects.count() == 60
    per_village = Counter(Household.objects.values_list("village_id", flat=True))
    assert sorted(per_village.values()) == [12] * 5
    mismatched = [
        h
        for h in Household.objects.select_related("village")
        if h.village.commune_id != h.commune_id
    ]
    assert mismatched == []


def test_every_household_has_one_open_residence_in_its_village_and_one_to_six_members():
    generate()
    for household in Household.objects.prefetch_related("residences", "members"):
        residences = list(household.residences.all())
        assert len(residences) == 1
        assert residences[0].ended_on is None
        assert residences[0].village_id == household.village_id
        members = list(household.members.all())
        assert 1 <= len(members) <= 6
        assert sum(m.is_head for m in members) == 1
        assert all(len(m.full_name.split()) >= 3 for m in members)
    assert Residence.objects.count() == 60


def test_national_ids_are_well_formed_unique_and_cannot_be_real():
    generate(households=300)
    members = list(Member.objects.all())
    ids = [m.national_id for m in members]
    assert len(set(ids)) == len(ids)
    for member in members:
        assert len(member.national_id) == 12 and member.national_id.isdigit()
        assert member.national_id[:3] == "099"
        assert member.national_id[:3] not in PROVINCE_BIRTH_CODES
        assert (
            cross_check_national_id(
                member.national_id, date_of_birth=member.date_of_birth, gender=member.gender
            )
            == []
        )
        assert member.phone == ""


def test_one_audit_event_per_commune_summarises_what_was_written():
    generate()
    events = AuditEvent.objects.filter(action="places.generate_synthetic")
    assert events.filter(chain="global").count() == 1
    for commune in Commune.objects.filter(province__code=99):
        event = events.get(chain=f"commune:{commune.code}")
        assert event.summary["synthetic"] is True
        assert event.summary["households"] == commune.households.count()
        assert event.summary["members"] == Member.objects.filter(household__commune=commune).count()
        assert verify_chain(event.chain)[1] is None
    assert events.count() == 3


def test_a_second_run_on_the_same_province_is_refused_and_writes_nothing():
    generate()
    before = (Household.objects.count(), AuditEvent.objects.count())
    with pytest.raises(CommandError, match="đã có xã"):
        generate()
    assert (Household.objects.count(), AuditEvent.objects.count()) == before


def test_another_synthetic_province_gets_its_own_codes_and_ids():
    generate()
    generate(province_code=98, households=20, communes=1, villages=2)
    assert Commune.objects.filter(code=980001, province__code=98).exists()
    assert (
        Member.objects.filter(national_id__startswith="098").count()
        == Member.objects.filter(household__commune__code=980001).count()
    )


@pytest.mark.parametrize(
    "options",
    [
        {"communes": 3, "villages": 2},
        {"households": 0},
        {"province_code": 1},
    ],
)
def test_impossible_requests_are_refused(options):
    with pytest.raises(CommandError):
        generate(**options)
    assert not Village.objects.exists()


def test_the_same_seed_gives_the_same_people():
    generate(seed=11)
    first = list(Member.objects.order_by("id").values_list("full_name", "date_of_birth"))
    Member.objects.all().delete()
    Residence.objects.all().delete()
    Household.objects.all().delete()
    Village.objects.all().delete()
    Commune.objects.filter(province__code=99).delete()
    generate(seed=11)
    again = list(Member.objects.order_by("id").values_list("full_name", "date_of_birth"))
    assert again == first


def test_it_writes_with_copy_on_postgresql_and_bulk_create_elsewhere(capsys):
    call_command("generate_province", households=10, communes=1, villages=1)
    method = "COPY (PostgreSQL)" if connection.vendor == "postgresql" else "bulk_create"
    assert method in capsys.readouterr().out
