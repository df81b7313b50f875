"""Household register services: permission per persona, validation in Vietnamese, one audit
event per change, and uniqueness that survives races."""

import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.households import services
from dancoso.households.models import Household, ImportJob, Member, MemberLink

from .factories import csv_bytes, national_id, row

MINH = "020075000111"
MANAGERS = ["commune_officer", "commune_chair"]
NOT_MANAGERS = [
    "village_head",
    "resident",
    "household_head",
    "board_member",
    "council_delegate",
    "province_officer",
    "officer_of_other_commune",
]


def persona(request, name):
    return request.getfixturevalue(name)


def events(action):
    return list(AuditEvent.objects.filter(action=f"households.{action}"))


def head_data(**extra):
    return {
        "full_name": "Lục Văn Khánh",
        "date_of_birth": date(1990, 1, 1),
        "gender": "nam",
        "national_id": national_id(900100, born=date(1990, 1, 1)),
    } | extra


# --- households ---


@pytest.mark.parametrize("name", MANAGERS)
def test_managers_create_a_household_with_its_head_and_residence(request, world, name):
    actor = persona(request, name)
    household = services.create_household(
        world.commune,
        actor=actor,
        village=world.village,
        code=" CL-100 ",
        address="Số 9",
        head=head_data(),
    )
    assert household.code == "CL-100"
    head = household.members.get()
    assert head.is_head and head.relation == "Chủ hộ"
    assert household.residences.get().ended_on is None
    [event] = events("create_household")
    assert (event.chain, event.actor_id, event.object_id) == (
        "commune:6193",
        actor.pk,
        str(household.pk),
    )
    assert event.actor_role in {"commune_officer", "commune_leader"}


@pytest.mark.parametrize("name", NOT_MANAGERS)
def test_others_may_not_create_households(request, world, name):
    with pytest.raises(PermissionDeniedError):
        services.create_household(
            world.commune,
            actor=persona(request, name),
            village=world.village,
            code="CL-100",
            head=head_data(),
        )
    assert not Household.objects.filter(code="CL-100").exists()


def test_a_household_code_is_unique_in_the_commune(world, commune_officer):
    with pytest.raises(ValidationError) as refused:
        services.create_household(
            world.commune,
            actor=commune_officer,
            village=world.village,
            code="CL-001",
            head=head_data(),
        )
    assert refused.value.message_dict == {"code": [services.CODE_TAKEN.format(code="CL-001")]}


def test_a_household_is_not_created_in_a_village_of_another_commune(world, commune_officer):
    with pytest.raises(ValidationError) as refused:
        services.create_household(
            world.commune,
            actor=commune_officer,
            village=world.foreign_village,
            code="CL-100",
            head=head_data(),
        )
    assert "village" in refused.value.message_dict


def test_update_household_records_the_changed_fields_only(world, commune_officer):
    services.update_household(world.household, actor=commune_officer, address="Số 3")
    services.update_household(world.household, actor=commune_officer, address="Số 3")
    [event] = events("update_household")
    assert event.summary == {"code": "CL-001", "changed": ["address"]}


def test_a_changed_code_may_not_collide(world, commune_officer):
    with pytest.raises(ValidationError) as refused:
        services.update_household(world.household, actor=commune_officer, code="CL-002")
    assert "code" in refused.value.message_dict


@pytest.mark.parametrize("name", NOT_MANAGERS)
def test_others_may_not_edit_a_household(request, world, name):
    with pytest.raises(PermissionDeniedError):
        services.update_household(world.household, actor=persona(request, name), address="x")


# --- moving ---


def test_moving_a_household_keeps_its_residence_history(world, commune_officer):
    day = timezone.localdate() - timedelta(days=3)
    services.move_household(
        world.household, actor=commune_officer, village=world.other_village, on=day
    )
    world.household.refresh_from_db()
    assert world.household.village == world.other_village
    rows = list(
        world.household.residences.order_by("started_on").values_list(
            "village_id", "started_on", "ended_on"
        )
    )
    assert rows == [(world.village.pk, date(2020, 1, 1), day), (world.other_village.pk, day, None)]
    [event] = events("move_household")
    assert event.summary["to_village"] == world.other_village.pk


def test_a_household_cannot_move_to_another_commune(world, commune_officer):
    with pytest.raises(ValidationError) as refused:
        services.move_household(
            world.household, actor=commune_officer, village=world.foreign_village
        )
    assert refused.value.message_dict == {"village": [services.VILLAGE_OF_OTHER_COMMUNE]}


def test_a_move_cannot_predate_the_current_residence(world, commune_officer):
    with pytest.raises(ValidationError) as refused:
        services.move_household(
            world.household, actor=commune_officer, village=world.other_village, on=date(2019, 1, 1)
        )
    assert "on" in refused.value.message_dict


@pytest.mark.parametrize("name", ["village_head", "officer_of_other_commune", "household_head"])
def test_others_may_not_move_a_household(request, world, name):
    with pytest.raises(PermissionDeniedError):
        services.move_household(
            world.household, actor=persona(request, name), village=world.other_village
        )


# --- members ---


def test_adding_a_member_validates_with_the_law(world, commune_officer):
    with pytest.raises(ValidationError) as refused:
        services.add_member(
            world.household,
            actor=commune_officer,
            full_name="",
            national_id="12345",
            phone="0123",
            date_of_birth=date(2999, 1, 1),
        )
    errors = refused.value.message_dict
    assert set(errors) == {"full_name", "national_id", "phone", "date_of_birth"}
    assert errors["national_id"] == ["Số định danh '1234...' không hợp lệ — phải gồm 12 chữ số."]


def test_a_member_id_must_agree_with_the_birth_date(world, commune_officer):
    with pytest.raises(ValidationError) as refused:
        services.add_member(
            world.household,
            actor=commune_officer,
            full_name="Hoàng Văn B",
            date_of_birth=date(2001, 1, 1),
            national_id=national_id(900101, born=date(1999, 1, 1)),
        )
    assert "không khớp ngày sinh" in refused.value.message_dict["national_id"][0]


def test_a_member_is_added_and_audited(world, commune_officer):
    member = services.add_member(
        world.household,
        actor=commune_officer,
        full_name="Hoàng Thị C",
        phone="+84 912 000 004",
        gender="nu",
        relation="Con",
    )
    assert member.phone == "0912000004" and not member.is_head
    [event] = events("add_member")
    assert event.summary == {"member": member.pk, "is_head": False, "previous_head": None}


def test_a_national_id_is_used_once_in_the_whole_register(world, commune_officer):
    foreign = world.foreign_household.members.get().national_id
    with pytest.raises(ValidationError) as refused:
        services.add_member(
            world.household, actor=commune_officer, full_name="Vi Văn Tùng", national_id=foreign
        )
    assert refused.value.message_dict == {"national_id": [services.NATIONAL_ID_TAKEN]}


def test_a_lost_race_on_a_national_id_becomes_the_same_clear_message(
    world, commune_officer, monkeypatch
):
    foreign = world.foreign_household.members.get().national_id
    real_exists = QuerySet.exists
    calls = []

    def exists_after_the_check(self):  # the other writer commits between check and insert
        if self.model is Member and "national_id" in str(self.query.where):
            calls.append(1)
            if len(calls) == 1:
                return False
        return real_exists(self)

    monkeypatch.setattr(QuerySet, "exists", exists_after_the_check)
    with pytest.raises(ValidationError) as refused:
        services.add_member(
            world.household, actor=commune_officer, full_name="Vi Văn Tùng", national_id=foreign
        )
    assert refused.value.message_dict == {"national_id": [services.NATIONAL_ID_TAKEN]}
    assert len(calls) == 2  # the insert failed on the constraint, then the check explained it


def test_adding_a_new_head_demotes_the_old_one(world, commune_officer):
    old = world.household.members.get(is_head=True)
    new = services.add_member(
        world.household, actor=commune_officer, full_name="Hoàng Văn D", is_head=True
    )
    old.refresh_from_db()
    assert new.is_head and not old.is_head
    assert events("add_member")[0].summary["previous_head"] == old.pk


def test_the_only_head_cannot_be_unmarked_or_removed(world, commune_officer):
    head = world.household.members.get(is_head=True)
    with pytest.raises(ValidationError) as refused:
        services.update_member(head, actor=commune_officer, is_head=False)
    assert refused.value.message_dict == {"is_head": [services.HEAD_REQUIRED]}
    with pytest.raises(DomainError) as refused_removal:
        services.remove_member(head, actor=commune_officer)
    assert refused_removal.value.message == services.HEAD_NOT_REMOVABLE


def test_updating_a_member_records_changed_field_names(world, commune_officer):
    head = world.household.members.get(is_head=True)
    services.update_member(head, actor=commune_officer, phone="0912000005", relation="Chủ hộ")
    services.update_member(head, actor=commune_officer, phone="0912000005")
    [event] = events("update_member")
    assert event.summary == {"member": head.pk, "changed": ["phone"], "previous_head": None}
    assert "0912000005" not in str(event.summary)


def test_making_another_member_head_transfers_headship(world, commune_officer):
    old = world.household.members.get(is_head=True)
    child = services.add_member(world.household, actor=commune_officer, full_name="Hoàng Văn E")
    services.update_member(child, actor=commune_officer, is_head=True)
    assert list(world.household.members.filter(is_head=True)) == [child]
    old.refresh_from_db()
    assert not old.is_head


def test_removing_a_member_ends_their_account_links(world, commune_officer, resident):
    child = services.add_member(world.household, actor=commune_officer, full_name="Hoàng Văn F")
    MemberLink.objects.create(user=resident, member=child)
    services.remove_member(child, actor=commune_officer)
    assert not Member.objects.filter(pk=child.pk).exists()
    assert not MemberLink.objects.filter(user=resident).exists()
    assert events("remove_member")[0].summary == {"member": child.pk}


@pytest.mark.parametrize("name", NOT_MANAGERS)
def test_others_may_not_change_members(request, world, name):
    actor = persona(request, name)
    head = world.household.members.get(is_head=True)
    with pytest.raises(PermissionDeniedError):
        services.add_member(world.household, actor=actor, full_name="X")
    with pytest.raises(PermissionDeniedError):
        services.update_member(head, actor=actor, phone="0912000006")
    assert not AuditEvent.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_adds_of_one_national_id_store_it_once():
    from dancoso.core.testing import build_world, grant, make_user

    world = build_world()
    officer = make_user("canbo_dua", email=None)
    grant(officer, "commune_officer", world.commune)
    households = [world.household, world.other_household] * 4
    number = national_id(900102)
    barrier = threading.Barrier(len(households))
    outcomes = []

    def add(household):
        try:
            barrier.wait()
            services.add_member(household, actor=officer, full_name="Người Đua", national_id=number)
            outcomes.append("stored")
        except ValidationError as exc:
            outcomes.append(exc.message_dict["national_id"][0])
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(h,)) for h in households]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("stored") == 1
    assert outcomes.count(services.NATIONAL_ID_TAKEN) == len(households) - 1
    assert Member.objects.filter(national_id=number).count() == 1


# --- account links ---


def test_a_resident_claims_a_member_by_code_and_national_id(world, resident):
    link = services.request_member_link(
        actor=resident, household_code="cl-001", national_id=MINH[:6] + " " + MINH[6:]
    )
    assert link.status == MemberLink.Status.PENDING
    assert link.member == world.household.members.get(is_head=True)
    [event] = events("request_member_link")
    assert event.summary == {"link": link.pk, "member": link.member_id}


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(world, resident):
    answers = []
    for code, number in [("CL-002", MINH), ("CL-999", MINH), ("CL-001", "020075999999")]:
        with pytest.raises(DomainError) as refused:
            services.request_member_link(actor=resident, household_code=code, national_id=number)
        answers.append(refused.value.message)
    assert answers == [services.LINK_NO_MATCH] * 3
    assert not MemberLink.objects.exists()


def test_a_malformed_number_is_explained(world, resident):
    with pytest.raises(ValidationError) as refused:
        services.request_member_link(actor=resident, household_code="CL-001", national_id="12")
    assert "12 chữ số" in refused.value.message_dict["national_id"][0]


def test_a_claim_is_not_sent_twice_nor_for_a_member_linked_to_someone_else(
    world, resident, household_head
):
    with pytest.raises(DomainError) as refused:
        services.request_member_link(actor=resident, household_code="CL-001", national_id=MINH)
    assert refused.value.message == services.LINK_TAKEN
    hoa = world.other_household.members.get()
    services.request_member_link(
        actor=resident, household_code="CL-002", national_id=hoa.national_id
    )
    with pytest.raises(DomainError) as again:
        services.request_member_link(
            actor=resident, household_code="CL-002", national_id=hoa.national_id
        )
    assert again.value.message == services.LINK_PENDING


def test_an_anonymous_visitor_cannot_claim(world, anonymous):
    with pytest.raises(PermissionDeniedError):
        services.request_member_link(actor=anonymous, household_code="CL-001", national_id=MINH)


@pytest.fixture
def claim(world, resident):
    return services.request_member_link(actor=resident, household_code="CL-001", national_id=MINH)


@pytest.mark.parametrize("name", ["village_head", "commune_officer", "commune_chair"])
def test_the_village_head_or_an_officer_confirms_a_claim(request, world, resident, claim, name):
    assert not resident.has_perm("households.act_for_household", world.household)
    link = services.decide_member_link(claim, actor=persona(request, name), approve=True)
    assert link.status == MemberLink.Status.CONFIRMED and link.decided_at is not None
    del resident._dancoso_grants
    assert resident.has_perm("households.act_for_household", world.household)
    assert events("decide_member_link")[0].summary["decision"] == "confirmed"


@pytest.mark.parametrize(
    "name", ["officer_of_other_commune", "board_member", "resident", "council_delegate"]
)
def test_others_may_not_decide_a_claim(request, world, claim, name):
    with pytest.raises(PermissionDeniedError):
        services.decide_member_link(claim, actor=persona(request, name), approve=True)


def test_the_head_of_another_village_may_not_decide(world, claim):
    from dancoso.core.testing import add_totp, grant, make_user

    other_head = make_user("truongthon2", email=None)
    grant(other_head, "village_head", world.other_village)
    add_totp(other_head)
    with pytest.raises(PermissionDeniedError):
        services.decide_member_link(claim, actor=other_head, approve=True)


def test_a_rejection_needs_a_reason_and_a_decision_is_final(world, claim, village_head):
    with pytest.raises(ValidationError) as refused:
        services.decide_member_link(claim, actor=village_head, approve=False, reason="  ")
    assert refused.value.message_dict == {"reason": [services.REASON_REQUIRED]}
    services.decide_member_link(claim, actor=village_head, approve=False, reason="Sai người")
    with pytest.raises(DomainError) as again:
        services.decide_member_link(claim, actor=village_head, approve=True)
    assert again.value.message == services.LINK_DECIDED


def test_nobody_confirms_their_own_claim(world, village_head):
    link = services.request_member_link(
        actor=village_head, household_code="CL-001", national_id=MINH
    )
    with pytest.raises(DomainError) as refused:
        services.decide_member_link(link, actor=village_head, approve=True)
    assert refused.value.message == services.LINK_SELF


def test_a_member_is_confirmed_for_one_account_only(world, claim, village_head, commune_officer):
    from dancoso.core.testing import make_user

    other = make_user("nguoikhac", email=None)
    second = MemberLink.objects.create(user=other, member=claim.member)
    services.decide_member_link(claim, actor=village_head, approve=True)
    with pytest.raises(DomainError) as refused:
        services.decide_member_link(second, actor=commune_officer, approve=True)
    assert refused.value.message == services.LINK_TAKEN


# --- starting an import ---


def upload(name="so-ho.csv", data=None):
    return SimpleUploadedFile(name, data if data is not None else csv_bytes([row()]))


def test_an_upload_is_stored_under_a_server_made_name_and_imported_on_commit(
    world, commune_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_import(
            world.commune, actor=commune_officer, upload=upload("../../Sổ hộ <b>.csv")
        )
    job.refresh_from_db()
    assert job.original_name == "Sổ hộ <b>.csv"
    assert job.status == ImportJob.Status.DONE
    assert Household.objects.filter(code="HO-1").exists()
    assert events("start_import")[0].summary == {"bytes": len(csv_bytes([row()])), "type": "csv"}


def test_an_upload_of_the_wrong_type_or_too_big_is_refused(world, commune_officer, settings):
    with pytest.raises(ValidationError) as wrong:
        services.start_import(world.commune, actor=commune_officer, upload=upload("a.exe"))
    assert wrong.value.message_dict == {"file": [services.UPLOAD_WRONG_TYPE]}
    settings.DANCOSO_IMPORT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as big:
        services.start_import(world.commune, actor=commune_officer, upload=upload())
    assert "vượt giới hạn" in big.value.message_dict["file"][0]
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("name", ["village_head", "officer_of_other_commune", "province_officer"])
def test_only_managers_may_upload(request, world, name):
    with pytest.raises(PermissionDeniedError):
        services.start_import(world.commune, actor=persona(request, name), upload=upload())


def test_a_village_head_links_an_account_at_the_desk(world, village_head, resident):
    from dancoso.audit.queries import history_of
    from dancoso.households.services import link_at_desk

    head = world.household.members.get(is_head=True)
    link = link_at_desk(head, actor=village_head, user=resident)
    assert link.status == "confirmed" and link.decided_by == village_head
    assert resident.has_perm("households.act_for_household", world.household)
    assert history_of("households.household", world.household.pk).last().action == (
        "households.link_at_desk"
    )
    with pytest.raises(DomainError):
        link_at_desk(head, actor=village_head, user=resident)


def test_a_village_head_cannot_link_at_the_desk_in_another_village(world, village_head, resident):
    from dancoso.households.services import link_at_desk

    head = world.other_household.members.get(is_head=True)
    with pytest.raises(PermissionDeniedError):
        link_at_desk(head, actor=village_head, user=resident)
