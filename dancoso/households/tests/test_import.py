"""The register import against the database: all-or-nothing, idempotent, keeps member ids and
account links, moves households with their history, and writes 10,000 rows in bulk."""

from datetime import date

import pytest
from django.utils import timezone

from dancoso.audit.models import AuditEvent
from dancoso.audit.queries import verify_chain
from dancoso.households import bulk, services
from dancoso.households.models import Household, ImportJob, Member, MemberLink, Residence
from dancoso.households.services import import_households
from dancoso.households.services import imports as import_services

from .factories import (
    big_register,
    csv_bytes,
    make_job,
    messages,
    national_id,
    row,
    run_import,
    xlsx_bytes,
)

CHAIN = "commune:6193"
MINH = "020075000111"  # world.household's head (Hoàng Văn Minh, 01/05/1975)


def minh(**changes) -> dict:
    values = dict(
        code="CL-001", village="Thôn Bản Lải", name="Hoàng Văn Minh", born="01/05/1975", nid=MINH
    )
    return row(**(values | changes))


def counts():
    return (
        Household.objects.count(),
        Member.objects.count(),
        Residence.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_valid_csv_creates_households_members_residences_and_one_event_each(
    world, commune_officer
):
    wife = national_id(900010, born=date(1982, 3, 4), male=False)
    data = csv_bytes([
        row(code="HO-1", address="Số 1", phone="0912000001"),
        row(code="HO-1", name="Lê Thị Bình", born="04/03/1982", gender="Nữ", nid=wife,
            relation="Vợ", rep="x"),
        row(code="HO-2", village="nà sla", name="Vi Văn Cường"),
    ], bom=True)  # fmt: skip
    job = run_import(world.commune, commune_officer, data)
    assert job.status == ImportJob.Status.DONE, messages(job)
    assert job.result | {} == job.result and job.result["created"] == 2
    first = Household.objects.get(commune=world.commune, code="HO-1")
    assert (first.village, first.address) == (world.village, "Số 1")
    assert first.members.get(is_head=True).phone == "0912000001"
    assert first.members.get(national_id=wife).is_representative
    second = Household.objects.get(code="HO-2")
    assert second.village == world.other_village
    assert second.residences.get().started_on == timezone.localdate()
    events = AuditEvent.objects.filter(chain=CHAIN)
    assert sorted(events.values_list("action", flat=True)) == [
        "households.create_household",
        "households.create_household",
        "households.import_households",
    ]
    assert verify_chain(CHAIN)[1] is None
    assert job.processed_rows == job.total_rows == 3 and job.percent == 100
    assert not job.file


def test_audit_summaries_hold_no_personal_data(world, commune_officer):
    nid = national_id(900011)
    run_import(world.commune, commune_officer, csv_bytes([row(nid=nid, phone="0912000002")]))
    for event in AuditEvent.objects.all():
        text = str(event.summary)
        assert nid not in text and "0912000002" not in text and "Nguyễn" not in text


def test_a_valid_xlsx_imports_the_same_way(world, commune_officer):
    nid = national_id(900012, born=date(1990, 2, 3))
    cells = [
        "HO-X",
        "Thôn Bản Lải",
        "",
        "Lò Văn Ba",
        date(1990, 2, 3),
        "Nam",
        nid,
        "",
        "Chủ hộ",
        "x",
    ]
    job = run_import(world.commune, commune_officer, xlsx_bytes([cells]), "so-ho.xlsx")
    assert job.status == ImportJob.Status.DONE, messages(job)
    assert Member.objects.get(national_id=nid).date_of_birth == date(1990, 2, 3)


def test_one_bad_row_and_nothing_is_written(world, commune_officer):
    before = counts()
    data = csv_bytes([row(code=f"HO-{n}") for n in range(5)] + [row(code="HO-9", nid="12")])
    job = run_import(world.commune, commune_officer, data)
    assert job.status == ImportJob.Status.FAILED
    assert messages(job) == ["Dòng 7: số định danh '12' không hợp lệ — phải gồm 12 chữ số"]
    assert counts() == before
    assert not job.file


def test_an_unknown_village_lists_the_communes_villages(world, commune_officer):
    job = run_import(world.commune, commune_officer, csv_bytes([row(village="Thôn Khòn Khẻ")]))
    assert messages(job) == [
        "Dòng 2: thôn 'Thôn Khòn Khẻ' không có trong Xã Cao Lộc — các "
        "thôn của xã: Thôn Bản Lải, Thôn Nà Sla"
    ]


def test_an_id_of_a_household_not_in_the_file_is_refused(world, commune_officer):
    before = counts()
    data = csv_bytes(
        [
            row(code="HO-1", name="Hoàng Văn Minh", born="01/05/1975", nid=MINH),
            row(code="HO-2", name="Vi Văn Tùng", born="01/05/1982", nid="020082000333"),
        ]
    )
    job = run_import(world.commune, commune_officer, data)
    assert messages(job) == [
        "Dòng 2: số định danh '0200...' đã thuộc một người của hộ khác không có trong tệp "
        "(hộ 'CL-001') — hãy xóa người đó khỏi hộ cũ trước, hoặc đưa cả hộ cũ vào tệp",
        "Dòng 3: số định danh '0200...' đã thuộc một người của hộ khác không có trong tệp "
        "— hãy xóa người đó khỏi hộ cũ trước, hoặc đưa cả hộ cũ vào tệp",
    ]
    assert counts() == before
    assert not any(MINH in message for message in messages(job))


def test_existing_members_keep_their_id_and_account_link(world, commune_officer, household_head):
    head = world.household.members.get(is_head=True)
    data = csv_bytes([
        minh(phone="0987000111", address="Số 5"),
        row(code="CL-001", name="Hoàng Thị Lụa", born="02/02/2005", gender="Nữ", relation="Con",
            rep=""),
    ])  # fmt: skip
    job = run_import(world.commune, commune_officer, data)
    assert job.status == ImportJob.Status.DONE, messages(job)
    head.refresh_from_db()
    assert head.phone == "0987000111"
    assert MemberLink.objects.get(user=household_head).member_id == head.pk
    assert world.household.members.count() == 2
    assert job.result["updated"] == 1 and job.result["members_added"] == 1
    world.other_household.refresh_from_db()
    assert world.other_household.members.count() == 1  # not in the file: untouched


def test_members_without_id_are_matched_by_name_and_birth_date(world, commune_officer):
    child = Member.objects.create(
        household=world.household,
        full_name="Hoàng Văn Nam",
        date_of_birth=date(2010, 6, 1),
        relation="Con",
    )
    data = csv_bytes(
        [
            minh(),
            row(
                code="CL-001",
                name="HOÀNG VĂN NAM",
                born="01/06/2010",
                relation="Con",
                rep="",
                phone="0912000003",
            ),
        ]
    )
    job = run_import(world.commune, commune_officer, data)
    assert job.status == ImportJob.Status.DONE, messages(job)
    child.refresh_from_db()
    assert child.phone == "0912000003" and child.full_name == "HOÀNG VĂN NAM"


def test_members_missing_from_the_file_are_removed(world, commune_officer):
    Member.objects.create(household=world.household, full_name="Người Đã Chuyển Đi")
    job = run_import(world.commune, commune_officer, csv_bytes([minh()]))
    assert job.result["members_removed"] == 1
    assert list(world.household.members.values_list("full_name", flat=True)) == ["Hoàng Văn Minh"]


def test_a_new_head_in_the_file_demotes_the_old_one(world, commune_officer):
    wife = national_id(900013, born=date(1978, 1, 1), male=False)
    data = csv_bytes(
        [
            minh(relation="Chồng", rep=""),
            row(code="CL-001", name="Nông Thị Hà", born="01/01/1978", gender="Nữ", nid=wife),
        ]
    )
    job = run_import(world.commune, commune_officer, data)
    assert job.status == ImportJob.Status.DONE, messages(job)
    assert world.household.members.get(is_head=True).national_id == wife
    assert not world.household.members.get(national_id=MINH).is_head


def test_a_member_can_move_to_another_household_of_the_file(world, commune_officer, household_head):
    head = world.household.members.get(is_head=True)
    hoa = world.other_household.members.get()
    data = csv_bytes([
        row(code="CL-002", village="Thôn Nà Sla", name="Lương Thị Hoa", born="01/05/1980",
            gender="", nid=hoa.national_id),
        row(code="CL-002", village="Thôn Nà Sla", name="Hoàng Văn Minh", born="01/05/1975",
            nid=MINH, relation="Chồng", rep=""),
        row(code="CL-001", name="Hoàng Văn Nam", born="01/06/2000"),
    ])  # fmt: skip
    job = run_import(world.commune, commune_officer, data)
    assert job.status == ImportJob.Status.DONE, messages(job)
    head.refresh_from_db()
    assert head.household == world.other_household and not head.is_head
    assert MemberLink.objects.get(user=household_head).member_id == head.pk


def test_a_household_whose_village_changed_is_moved_with_its_history(world, commune_officer):
    job = run_import(world.commune, commune_officer, csv_bytes([minh(village="Thôn Nà Sla")]))
    assert job.status == ImportJob.Status.DONE, messages(job)
    world.household.refresh_from_db()
    assert world.household.village == world.other_village
    history = list(
        world.household.residences.order_by("started_on", "pk").values_list(
            "village_id", "started_on", "ended_on"
        )
    )
    today = timezone.localdate()
    assert history == [
        (world.village.pk, date(2020, 1, 1), today),
        (world.other_village.pk, today, None),
    ]
    event = AuditEvent.objects.get(action="households.move_household")
    assert event.summary["from_village"] == world.village.pk
    assert job.result["moved"] == 1


def test_importing_the_same_file_twice_changes_nothing_the_second_time(world, commune_officer):
    data = big_register(30, ["Thôn Bản Lải", "Thôn Nà Sla"])
    first = run_import(world.commune, commune_officer, data)
    assert first.result["created"] == 30
    members = list(Member.objects.order_by("pk").values_list("pk", "national_id", "is_head"))
    events = AuditEvent.objects.count()
    second = run_import(world.commune, commune_officer, data)
    assert second.status == ImportJob.Status.DONE
    assert second.result["unchanged"] == 30 and second.result["members_updated"] == 0
    assert list(Member.objects.order_by("pk").values_list("pk", "national_id", "is_head")) == (
        members
    )
    assert AuditEvent.objects.count() == events + 1  # only the job's own event


def test_an_uploader_without_the_right_gets_nothing_written(world, village_head):
    before = counts()
    job = run_import(world.commune, village_head, csv_bytes([row()]))
    assert job.status == ImportJob.Status.FAILED
    assert messages(job) == [services.IMPORT_NOT_ALLOWED]
    assert counts() == before


def test_a_job_runs_only_once(world, commune_officer):
    job = make_job(world.commune, commune_officer, csv_bytes([row()]))
    import_households(job)
    again = import_households(job.pk)
    assert again.status == ImportJob.Status.DONE
    assert AuditEvent.objects.filter(action="households.import_households").count() == 1


def test_an_unexpected_error_fails_the_job_without_writing(world, commune_officer, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("020075000111 must not reach the log")

    monkeypatch.setattr(bulk, "write_plans", boom)
    before = counts()
    job = run_import(world.commune, commune_officer, csv_bytes([row()]))
    assert job.status == ImportJob.Status.FAILED
    assert messages(job) == [services.UPLOAD_FAILED]
    assert counts() == before


@pytest.mark.django_db(transaction=True)
def test_ten_thousand_rows_import_in_bulk(world, commune_officer, django_assert_max_num_queries):
    data = big_register(2500, ["Thôn Bản Lải", "Thôn Nà Sla"])
    job = make_job(world.commune, commune_officer, data)
    with django_assert_max_num_queries(400):  # bulk statements, never one per row
        import_households(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, messages(job)[:3]
    assert job.total_rows == job.processed_rows == 10_000
    assert Household.objects.filter(commune=world.commune).count() == 2500 + 2
    assert Member.objects.filter(household__code__startswith="HO-").count() == 10_000
    assert AuditEvent.objects.filter(chain=CHAIN).count() == 2501
    assert verify_chain(CHAIN)[1] is None


def test_progress_is_committed_every_500_rows_then_the_write_stage(
    world, commune_officer, monkeypatch
):
    seen = []
    real = import_services._progress

    def spy(job, **fields):
        seen.append(fields)
        real(job, **fields)

    monkeypatch.setattr(import_services, "_progress", spy)
    job = run_import(
        world.commune, commune_officer, big_register(300, ["Thôn Bản Lải"], per_household=4)
    )
    assert job.status == ImportJob.Status.DONE
    assert [f.get("processed_rows") for f in seen if "processed_rows" in f] == [500, 1000, 1200]
    assert {"total_rows": 1200} in seen and {"status": ImportJob.Status.WRITING} in seen


def test_the_demo_register_imports_as_a_system_actor(world, commune_officer):
    from dancoso.core.actors import SystemActor
    from dancoso.demo.households import register_csv
    from dancoso.places.models import Village

    names = ["Thôn Bản Lải", "Thôn Nà Sla", "Khối Tân Lập"]
    Village.objects.create(commune=world.commune, name="Khối Tân Lập", kind="khu_pho")
    job = make_job(world.commune, commune_officer, register_csv(names, 120))
    import_households(job.pk, actor=SystemActor("load_demo"))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, messages(job)[:3]
    assert job.result["created"] == 120
    event = AuditEvent.objects.get(action="households.import_households")
    assert (event.actor_label, event.actor_role) == ("system:load_demo", "system")
