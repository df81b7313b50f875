"""Fixtures of the feedback tests: the province's upper body and its staff (routing)."""

import pytest

from dancoso.accounts.roles import Role
from dancoso.core.actors import SystemActor
from dancoso.core.testing import add_totp, grant, make_user
from dancoso.feedback import services
from dancoso.places.models import Agency


@pytest.fixture
def upper(world):
    """Thanh tra tỉnh, registered as the upper body, with an officer and a head."""
    agency = Agency.objects.create(
        name="Thanh tra tỉnh Lạng Sơn", kind=Agency.Kind.STATE_AGENCY, province=world.province
    )
    services.set_upper_body(world.province, actor=SystemActor("test"), agency=agency)
    staff = make_user("thanhtratinh", full_name="Lăng Văn Tú", phone="0977000111")
    grant(staff, Role.AGENCY_STAFF, agency)
    add_totp(staff)
    head = make_user("chanhthanhtra", full_name="Mã Thị Hoa", phone="0977000222")
    grant(head, Role.AGENCY_HEAD, agency)
    add_totp(head)
    return agency, staff, head
