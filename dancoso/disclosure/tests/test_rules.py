"""Agency cells of the permission table (no agency persona in docs/permissions.md): only the
agency's head publishes and sees the checklist; head and staff read internal disclosures;
no commune, province or other agency role reaches them."""

import pytest

from dancoso.accounts.roles import Role
from dancoso.core.testing import _official
from dancoso.disclosure.models import Disclosure

AGENCY_PERMS = {
    "disclosure.publish_disclosure": {"agency_head"},
    "disclosure.correct_disclosure": {"agency_head"},
    "disclosure.withdraw_disclosure": {"agency_head"},
    "disclosure.view_obligations": {"agency_head"},
    "disclosure.view_internal_disclosure": {"agency_head", "agency_staff"},
    "disclosure.use_workspace": {"agency_head", "agency_staff"},
}
PERSONAS = [
    "agency_head",
    "agency_staff",
    "commune_officer",
    "commune_chair",
    "province_officer",
    "village_head",
    "resident",
    "staff_of_other_agency",
]


@pytest.fixture
def staff_of_other_agency(world):
    from dancoso.places.models import Agency

    other = Agency.objects.create(
        name="Trường Tiểu học Cao Lộc",
        kind=Agency.Kind.PUBLIC_UNIT,
        province=world.province,
        commune=world.commune,
    )
    return _official("gv", Role.AGENCY_HEAD, other)


@pytest.mark.parametrize("permission", sorted(AGENCY_PERMS))
@pytest.mark.parametrize("name", PERSONAS)
def test_agency_cells(request, agency, permission, name):
    user = request.getfixturevalue(name)
    internal = Disclosure(agency=agency, province_id=agency.province_id, commune=agency.commune)
    expected = name in AGENCY_PERMS[permission]
    assert user.has_perm(permission, agency) is expected
    assert user.has_perm(permission, internal) is expected


def test_an_agency_disclosure_is_not_a_commune_one_for_commune_permissions(agency_head, world):
    assert not agency_head.has_perm("disclosure.publish_disclosure", world.commune)
