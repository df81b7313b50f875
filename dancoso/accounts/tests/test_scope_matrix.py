"""SECURITY.md test 11 for the accounts predicates: every role × every place-level permission ×
places near and far — the grant's own village, another village of the same commune, the
commune itself and an agency of it, another commune of the province with its village and
agency, the province, a commune and village of another province. The expected answer is
written from the role sets and the place hierarchy (province ⊃ commune ⊃ village and agency;
an agency grant covers that agency alone), not from ``covers``."""

import pytest

from dancoso.accounts import rules as account_rules
from dancoso.accounts.roles import REGISTER_MANAGERS, REGISTER_READERS, Role
from dancoso.accounts.scope import is_official
from dancoso.core.testing import grant, make_user
from dancoso.places.models import Agency, Commune, Province, Village

PERMISSIONS = {
    "places.view_commune_workspace": REGISTER_READERS,
    "places.add_village": REGISTER_MANAGERS,
    "places.change_village": REGISTER_MANAGERS,
    "places.add_agency": REGISTER_MANAGERS | {Role.PROVINCE_OFFICER},
    "accounts.grant_role": REGISTER_MANAGERS,
}
PREDICATES = {
    account_rules.manages_registers: REGISTER_MANAGERS,
    account_rules.reads_registers: REGISTER_READERS,
    account_rules.is_province_officer: {Role.PROVINCE_OFFICER},
}
VILLAGE_LEVEL = {Role.RESIDENT, Role.HOUSEHOLD_REP, Role.VILLAGE_HEAD, Role.FRONT_HEAD}
AGENCY_LEVEL = {Role.AGENCY_HEAD, Role.AGENCY_STAFF}
PROVINCE_LEVEL = {Role.PROVINCE_OFFICER}
# Which targets each level of grant covers (the grant sits on "own village", "own commune",
# "own province" or an agency of the commune).
COMMUNE_WIDE = {"own village", "other village, same commune", "own commune", "own agency"}
COVERED = {
    "village": {"own village"},
    "commune": COMMUNE_WIDE,
    "province": COMMUNE_WIDE
    | {"other commune", "village of other commune", "agency of other commune", "own province"},
    "agency": {"own agency"},
}


def level(role) -> str:
    if role in VILLAGE_LEVEL:
        return "village"
    if role in AGENCY_LEVEL:
        return "agency"
    return "province" if role in PROVINCE_LEVEL else "commune"


@pytest.fixture
def targets(world):
    far = Province.objects.create(code=4, name="Cao Bằng", kind=Province.Kind.PROVINCE)
    far_commune = Commune.objects.create(
        code=1279, name="Xã Hòa An", kind=Commune.Kind.COMMUNE, province=far
    )
    far_village = Village.objects.create(commune=far_commune, name="Xóm Nà Rụa", kind="xom")

    def agency(name, commune):
        return Agency.objects.create(
            name=name, kind=Agency.Kind.PUBLIC_UNIT, province=commune.province, commune=commune
        )

    return {
        "own agency": agency("Trường Tiểu học Cao Lộc", world.commune),
        "agency of other commune": agency("Trạm Y tế xã Ba Sơn", world.other_commune),
        "own village": world.village,
        "other village, same commune": world.other_village,
        "own commune": world.commune,
        "other commune": world.other_commune,
        "village of other commune": world.foreign_village,
        "own province": world.province,
        "other province": far,
        "commune of other province": far_commune,
        "village of other province": far_village,
    }


def holder(targets, role):
    place = {
        "village": targets["own village"],
        "commune": targets["own commune"],
        "province": targets["own province"],
        "agency": targets["own agency"],
    }[level(role)]
    user = make_user(f"u_{role}")
    grant(user, role, place)
    return user


@pytest.mark.parametrize("role", list(Role))
def test_role_by_permission_by_place(targets, role):
    user = holder(targets, role)
    wrong = []
    for name, target in targets.items():
        covered = name in COVERED[level(role)]
        for perm, roles in PERMISSIONS.items():
            expected = covered and role in roles
            if user.has_perm(perm, target) is not expected:
                wrong.append(f"{perm} on {name}: expected {expected}")
        for predicate, roles in PREDICATES.items():
            if predicate(user, target) is not (covered and role in roles):
                wrong.append(f"{predicate.name} on {name}")
    assert not wrong, f"{role}: " + "; ".join(wrong)


@pytest.mark.parametrize("role", list(Role))
def test_role_anywhere_and_second_factor(targets, role):
    user = holder(targets, role)
    for predicate, roles in PREDICATES.items():
        assert predicate(user) is (role in roles), predicate.name
    assert is_official(user) is (role not in {Role.RESIDENT, Role.HOUSEHOLD_REP})


def test_nobody_and_no_role_have_no_power(world, targets, anonymous):
    nobody = make_user("khong_vai_tro")
    for target in targets.values():
        for perm in PERMISSIONS:
            assert not nobody.has_perm(perm, target)
            assert not anonymous.has_perm(perm, target)
    assert not is_official(nobody) and not is_official(anonymous)
