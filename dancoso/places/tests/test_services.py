import pytest
from django.core.management import call_command

from dancoso.audit.models import AuditEvent
from dancoso.audit.queries import history_of, verify_chain
from dancoso.core.actors import SystemActor
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.places import services
from dancoso.places.models import Agency, Commune, Province, Village

SYSTEM = SystemActor("tests")


@pytest.mark.django_db
def test_load_places_imports_the_official_map_once():
    first = services.load_places(actor=SYSTEM)
    assert (first["provinces"].created, first["communes"].created) == (34, 3321)
    assert Province.objects.count() == 34 and Commune.objects.count() == 3321
    cao_loc = Commune.objects.select_related("province").get(code=6193)
    assert (cao_loc.name, cao_loc.kind, cao_loc.province.name) == ("Xã Cao Lộc", "xa", "Lạng Sơn")
    assert set(Commune.objects.values_list("kind", flat=True)) == {"xa", "phuong", "dac_khu"}
    events = AuditEvent.objects.count()

    second = services.load_places(actor=SYSTEM)
    assert second["communes"].unchanged == 3321 and second["provinces"].unchanged == 34
    assert AuditEvent.objects.count() == events  # nothing changed, nothing recorded


@pytest.mark.django_db
def test_the_63_provinces_before_the_2025_merger_are_all_found_by_name():
    services.load_places(actor=SYSTEM)
    names = {}
    for province in Province.objects.all():
        for name in (province.name.removeprefix("Thành phố "), *province.former_names):
            names.setdefault(name, province.code)
    assert len(names) == 63
    assert names["Sóc Trăng"] == names["Hậu Giang"] == 92  # now Thành phố Cần Thơ
    assert names["Bình Dương"] == 79 and names["Bắc Kạn"] == 19
    assert Province.objects.get(code=20).former_names == []  # Lạng Sơn was not merged


@pytest.mark.django_db
def test_load_places_repairs_a_changed_name_and_the_command_reports_it(capsys):
    services.load_places(actor=SYSTEM)
    Commune.objects.filter(code=6193).update(name="Tên sai")
    call_command("load_places")
    assert Commune.objects.get(code=6193).name == "Xã Cao Lộc"
    assert "1 cập nhật" in capsys.readouterr().out


def test_officer_adds_a_village_with_an_audit_event(world, commune_officer):
    village = services.create_village(
        world.commune, actor=commune_officer, name="  Thôn   Nà Pàn ", kind=Village.Kind.THON
    )
    assert village.name == "Thôn Nà Pàn"
    [event] = history_of("places.village", village.pk)
    assert (event.action, event.actor_id, event.chain) == (
        "places.create_village",
        commune_officer.pk,
        "commune:6193",
    )
    assert verify_chain("commune:6193")[1] is None


def test_duplicate_village_name_gets_a_clear_message(world, commune_officer):
    with pytest.raises(DomainError) as error:
        services.create_village(
            world.commune, actor=commune_officer, name="Thôn Bản Lải", kind="thon"
        )
    assert error.value.code == "village_name_taken"
    assert "Thôn Bản Lải" in error.value.message


@pytest.mark.parametrize(
    "persona", ["officer_of_other_commune", "village_head", "resident", "council_delegate"]
)
def test_only_the_communes_managers_add_villages(world, persona, request):
    actor = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        services.create_village(world.commune, actor=actor, name="Thôn Mới", kind="thon")
    assert not Village.objects.filter(name="Thôn Mới").exists()


def test_renaming_keeps_the_former_name(world, commune_chair):
    village = services.rename_village(world.village, actor=commune_chair, name="Thôn Bản Lải Mới")
    assert village.former_names == ["Thôn Bản Lải"]
    assert history_of("places.village", village.pk).get().summary == {
        "from": "Thôn Bản Lải",
        "to": "Thôn Bản Lải Mới",
    }


def test_agency_attached_to_a_commune_of_another_province_is_refused(world):
    other_province = Province.objects.create(
        code=1, name="Hà Nội", kind="thanh_pho", codename="ha_noi"
    )
    with pytest.raises(DomainError) as error:
        services.create_agency(
            actor=SYSTEM,
            province=other_province,
            commune=world.commune,
            name="Trường X",
            kind="don_vi_su_nghiep",
        )
    assert error.value.code == "agency_wrong_province"
    assert not Agency.objects.exists()


def test_province_officer_cannot_add_agencies_in_another_province(world, province_officer):
    other_province = Province.objects.create(
        code=1, name="Hà Nội", kind="thanh_pho", codename="ha_noi"
    )
    with pytest.raises(PermissionDeniedError):
        services.create_agency(
            actor=province_officer,
            province=other_province,
            commune=None,
            name="Sở X",
            kind="co_quan_nha_nuoc",
        )


def test_province_officer_adds_a_province_level_agency(world, province_officer):
    agency = services.create_agency(
        actor=province_officer,
        province=world.province,
        commune=None,
        name="Sở Nội vụ",
        kind="co_quan_nha_nuoc",
        staff_count=80,
    )
    assert agency.commune is None
    assert history_of("places.agency", agency.pk).get().chain == "global"
