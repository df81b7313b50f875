"""The fixed cast of test users (DESIGN.md convention 11), loaded as a pytest plugin.

A small world: province Lạng Sơn with Xã Cao Lộc (two villages, households) and a second
commune, Xã Ba Sơn, whose officer must never see Cao Lộc's data. Personas are fixtures:
``resident``, ``household_head``, ``village_head``, ``commune_officer``, ``commune_chair``,
``board_member``, ``council_delegate``, ``province_officer``, ``officer_of_other_commune``,
``anonymous``. Officials come with a confirmed TOTP device; ``login_verified(client, user)``
signs one in with the second factor already passed.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

PASSWORD = "mat-khau-thu-nghiem-2026"  # noqa: S105 - test accounts only
TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238 test secret, hex


@dataclass
class World:
    province: object
    commune: object
    other_commune: object
    village: object
    other_village: object
    foreign_village: object
    household: object
    other_household: object
    foreign_household: object


def make_user(username: str, **extra):
    from dancoso.accounts.models import User

    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    return user


def grant(user, role, place, **dates):
    from dancoso.accounts.models import RoleGrant
    from dancoso.accounts.scope import forget_grants
    from dancoso.places.models import Agency, Commune, Province, Village

    field = {Province: "province", Commune: "commune", Village: "village", Agency: "agency"}[
        type(place)
    ]
    forget_grants(user)
    return RoleGrant.objects.create(user=user, role=role, **{field: place}, **dates)


def add_totp(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="default", key=TOTP_KEY, confirmed=True)


def current_totp(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login_verified(client, user):
    """Sign ``user`` in on the test client with the second factor passed."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    device = user.totpdevice_set.first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def build_world() -> World:
    from dancoso.households.models import Household, Member, Residence
    from dancoso.places.models import Commune, Province, Village

    province = Province.objects.create(
        code=20, name="Lạng Sơn", kind=Province.Kind.PROVINCE, codename="lang_son"
    )
    commune = Commune.objects.create(
        code=6193,
        name="Xã Cao Lộc",
        kind=Commune.Kind.COMMUNE,
        codename="xa_cao_loc",
        province=province,
    )
    other = Commune.objects.create(
        code=6199,
        name="Xã Ba Sơn",
        kind=Commune.Kind.COMMUNE,
        codename="xa_ba_son",
        province=province,
    )
    village = Village.objects.create(commune=commune, name="Thôn Bản Lải", kind="thon")
    other_village = Village.objects.create(commune=commune, name="Thôn Nà Sla", kind="thon")
    foreign_village = Village.objects.create(commune=other, name="Thôn Khòn Khẻ", kind="thon")

    def household(code, vil, head_name, national_id, born):
        h = Household.objects.create(commune=vil.commune, village=vil, code=code)
        Residence.objects.create(household=h, village=vil, started_on=date(2020, 1, 1))
        Member.objects.create(
            household=h,
            full_name=head_name,
            date_of_birth=date(born, 5, 1),
            national_id=national_id,
            is_head=True,
            is_representative=True,
            relation="Chủ hộ",
        )
        return h

    return World(
        province=province,
        commune=commune,
        other_commune=other,
        village=village,
        other_village=other_village,
        foreign_village=foreign_village,
        household=household("CL-001", village, "Hoàng Văn Minh", "020075000111", 1975),
        other_household=household("CL-002", other_village, "Lương Thị Hoa", "020180000222", 1980),
        foreign_household=household("BS-001", foreign_village, "Vi Văn Tùng", "020082000333", 1982),
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


def _official(username, role, place, **extra):
    user = make_user(username, **extra)
    grant(user, role, place)
    add_totp(user)
    return user


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def resident(world):
    from dancoso.accounts.roles import Role

    user = make_user("nguoidan", phone="0912345678", full_name="Nông Thị Lan")
    grant(user, Role.RESIDENT, world.village)
    return user


@pytest.fixture
def household_head(world):
    """A resident whose account is confirmed as the head of ``world.household``."""
    from dancoso.accounts.roles import Role
    from dancoso.households.models import MemberLink

    user = make_user("chuho", phone="0987654321", full_name="Hoàng Văn Minh")
    grant(user, Role.RESIDENT, world.village)
    head = world.household.members.get(is_head=True)
    MemberLink.objects.create(user=user, member=head, status=MemberLink.Status.CONFIRMED)
    return user


@pytest.fixture
def village_head(world):
    from dancoso.accounts.roles import Role

    return _official("truongthon", Role.VILLAGE_HEAD, world.village, full_name="Lộc Văn Sơn")


@pytest.fixture
def commune_officer(world):
    from dancoso.accounts.roles import Role

    return _official("canbo", Role.COMMUNE_OFFICER, world.commune, full_name="Chu Thị Mai")


@pytest.fixture
def commune_chair(world):
    from dancoso.accounts.roles import Role

    return _official("chutich", Role.COMMUNE_LEADER, world.commune, full_name="Hà Văn Nam")


@pytest.fixture
def board_member(world):
    from dancoso.accounts.roles import Role

    return _official("thanhtra", Role.INSPECTION_BOARD, world.commune, full_name="Vy Thị Thu")


@pytest.fixture
def council_delegate(world):
    from dancoso.accounts.roles import Role

    return _official("daibieu", Role.COUNCIL_DELEGATE, world.commune, full_name="Triệu Văn An")


@pytest.fixture
def province_officer(world):
    from dancoso.accounts.roles import Role

    return _official("tinh", Role.PROVINCE_OFFICER, world.province, full_name="Đinh Thị Hằng")


@pytest.fixture
def officer_of_other_commune(world):
    from dancoso.accounts.roles import Role

    return _official("canbo_baso", Role.COMMUNE_OFFICER, world.other_commune)
