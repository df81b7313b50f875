from datetime import date

import pytest

from dancoso.oversight import services
from dancoso.oversight.law import BoardKind, Candidate

TERM = (date(2025, 7, 1), date(2030, 6, 30))
OK = Candidate()


@pytest.fixture
def board(world, commune_officer):
    return services.form_board(
        commune_officer,
        world.commune,
        kind=BoardKind.COMMUNE_INSPECTION,
        name="Ban Thanh tra nhân dân xã Cao Lộc",
        term_start=TERM[0],
        term_end=TERM[1],
    )


@pytest.fixture
def members(board, commune_officer, world):
    names = ["Hoàng Văn Dũng", "Lý Thị Hằng", "Nông Văn Tài"]
    roles = ["head", "deputy", "member"]
    return [
        services.add_member(
            commune_officer,
            board,
            full_name=n,
            role=r,
            starts_on=TERM[0],
            recognised_by="Quyết định 12/QĐ-MTTQ",
            candidate=OK,
            village=world.village,
        )
        for n, r in zip(names, roles, strict=True)
    ]


@pytest.fixture
def plan(board, board_member, members):
    plan = services.create_plan(
        board_member,
        board,
        period="year",
        title="Kế hoạch năm 2026",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
    )
    services.add_activity(
        board_member,
        plan,
        subject="disclosure",
        title="Giám sát công khai ngân sách",
        method="Xem hồ sơ, hỏi cán bộ",
        starts_on=date(2026, 3, 16),
        ends_on=date(2026, 3, 20),
        members=members[:2],
        announced_on=date(2026, 3, 6),
    )
    return plan


@pytest.fixture
def recommendation(board, board_member):
    return services.send_recommendation(
        board_member,
        board,
        addressee="commune_committee",
        content="Đề nghị công khai dự toán ngân sách tại nhà văn hóa.",
        received_on=date(2026, 4, 1),
    )


@pytest.fixture
def front_officer(world):
    """The commune Fatherland Front's officer, who forms boards and recognises them."""
    from dancoso.accounts.roles import Role
    from dancoso.core.testing import add_totp, grant, make_user

    user = make_user("mattran", full_name="Lương Thị Hoa")
    grant(user, Role.FRONT_OFFICER, world.commune)
    add_totp(user)
    return user


@pytest.fixture
def full_board(board, members, commune_officer, world):
    """The commune board with its five members (two villages, so five), both villages
    represented: ready for the Front's recognition."""
    for name in ("Vi Văn Sơn", "Hà Thị Lan"):
        services.add_member(
            commune_officer,
            board,
            full_name=name,
            role="member",
            starts_on=TERM[0],
            recognised_by="Quyết định 12/QĐ-MTTQ",
            candidate=OK,
            village=world.other_village,
        )
    return board


@pytest.fixture
def approved_plan(plan, board_member):
    services.approve_plan(board_member, plan, on=date(2026, 1, 5))
    plan.refresh_from_db()
    return plan


@pytest.fixture
def activity(approved_plan):
    return approved_plan.activities.get()
