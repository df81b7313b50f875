from datetime import date

import pytest
from django.db import transaction

from dancoso.accounts.messaging import LocmemSender
from dancoso.audit.models import AuditEvent
from dancoso.core.actors import SystemActor
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.oversight import law, services
from dancoso.oversight.law import BoardKind, Candidate
from dancoso.oversight.models import Membership, Recommendation

from .conftest import OK, TERM


def events(action):
    return AuditEvent.objects.filter(action=f"oversight.{action}").count()


def add_to(board, actor, full_name, *, role="member", **extra):
    """A recognised, eligible member from the start of the term (the usual case in these tests)."""
    fields = {"starts_on": TERM[0], "recognised_by": "QĐ", "candidate": OK} | extra
    return services.add_member(actor, board, full_name=full_name, role=role, **fields)


def test_form_board_audited_once(board):
    assert events("board.form") == 1


def test_second_inspection_board_refused(board, commune_officer, world):
    with pytest.raises(DomainError, match="đã có Ban"):
        services.form_board(
            commune_officer,
            world.commune,
            kind=BoardKind.COMMUNE_INSPECTION,
            name="x",
            term_start=TERM[0],
            term_end=TERM[1],
        )
    assert events("board.form") == 1


@pytest.mark.parametrize("who", ["resident", "board_member", "officer_of_other_commune"])
def test_form_board_refused(request, world, who):
    with pytest.raises(PermissionDeniedError):
        services.form_board(
            request.getfixturevalue(who),
            world.commune,
            kind=BoardKind.COMMUNE_INSPECTION,
            name="x",
            term_start=TERM[0],
            term_end=TERM[1],
        )
    assert events("board.form") == 0


def test_board_size_follows_villages(board, members, commune_officer):
    for n in ("Vi Văn A", "Vi Văn B"):
        services.add_member(
            commune_officer,
            board,
            full_name=n,
            role="member",
            starts_on=TERM[0],
            recognised_by="QĐ",
            candidate=OK,
        )
    with pytest.raises(DomainError, match="tối đa 5"):
        add_to(board, commune_officer, "Vi Văn C", role="member")
    assert events("member.add") == 5


def test_third_deputy_and_second_head_refused(board, members, commune_officer):
    add_to(board, commune_officer, "Phó 2", role="deputy")
    with pytest.raises(DomainError, match="tối đa 2 Phó"):
        add_to(board, commune_officer, "Phó 3", role="deputy")
    with pytest.raises(DomainError, match="một Trưởng ban"):
        add_to(board, commune_officer, "Trưởng 2", role="head")


def test_ineligible_member_refused(board, commune_officer):
    with pytest.raises(DomainError, match="Cán bộ, công chức"):
        services.add_member(
            commune_officer,
            board,
            full_name="Cán bộ",
            role="member",
            starts_on=TERM[0],
            recognised_by="QĐ",
            candidate=Candidate(commune_official=True),
        )
    assert not Membership.objects.exists()


def test_late_by_election_refused(board, commune_officer):
    def by_election(starts_on):
        return services.add_member(
            commune_officer,
            board,
            full_name="Bổ sung",
            role="member",
            starts_on=starts_on,
            recognised_by="QĐ",
            candidate=OK,
            by_election=True,
        )

    with pytest.raises(DomainError, match="ít nhất 6 tháng"):
        by_election(date(2030, 2, 1))
    by_election(date(2029, 12, 1))


def test_project_board_refuses_relatives(world, commune_officer):
    project = services.register_project(
        commune_officer,
        world.commune,
        name="Đường bê tông thôn Bản Lải",
        investor="UBND xã",
        contractor="Công ty Xây dựng Lạng Sơn",
        funding=["state", "people"],
        budget=2_000_000_000,
        people_contribution=300_000_000,
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 12, 1),
    )
    pboard = services.form_board(
        commune_officer,
        world.commune,
        kind=BoardKind.PROJECT_SUPERVISION,
        name="Ban GSĐTCĐ",
        term_start=date(2026, 5, 1),
        term_end=date(2026, 12, 31),
        project=project,
    )
    with pytest.raises(DomainError, match="người thân"):
        services.add_member(
            commune_officer,
            pboard,
            full_name="X",
            role="member",
            starts_on=date(2026, 5, 1),
            recognised_by="QĐ",
            candidate=Candidate(relative_of_project_party=True),
        )


def test_project_contribution_above_budget_refused(world, commune_officer):
    with pytest.raises(DomainError, match="đóng góp"):
        services.register_project(
            commune_officer,
            world.commune,
            name="x",
            investor="y",
            funding=["people"],
            budget=10,
            people_contribution=11,
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 2, 1),
        )


def test_agency_board_refused_in_small_unit(world, commune_officer):
    from dancoso.places.models import Agency

    agency = Agency.objects.create(
        name="Trường Tiểu học",
        kind=Agency.Kind.choices[0][0],
        province=world.province,
        commune=world.commune,
    )
    with pytest.raises(DomainError, match="từ 7 người"):
        services.form_board(
            commune_officer,
            world.commune,
            kind=BoardKind.AGENCY_INSPECTION,
            name="x",
            term_start=date(2026, 1, 1),
            term_end=date(2026, 1, 2),
            agency=agency,
            agency_staff=7,
        )
    b = services.form_board(
        commune_officer,
        world.commune,
        kind=BoardKind.AGENCY_INSPECTION,
        name="x",
        term_start=date(2026, 1, 1),
        term_end=date(2026, 1, 2),
        agency=agency,
        agency_staff=20,
    )
    assert b.term_end == date(2028, 1, 1)


def test_plan_and_activity(plan):
    assert plan.activities.count() == 1
    assert events("plan.create") == 1 and events("activity.add") == 1


def test_activity_outside_plan_or_member_refused(plan, board_member, members, commune_officer):
    with pytest.raises(DomainError, match="thời gian của kế hoạch"):
        services.add_activity(
            board_member,
            plan,
            subject="policy",
            title="t",
            method="m",
            starts_on=date(2027, 1, 5),
            ends_on=date(2027, 1, 6),
            members=members,
        )
    services.end_membership(
        commune_officer, members[2], ends_on=date(2026, 5, 31), reason="ineligible"
    )
    members[2].refresh_from_db()
    with pytest.raises(DomainError, match="không là thành viên"):
        services.add_activity(
            board_member,
            plan,
            subject="policy",
            title="t",
            method="m",
            starts_on=date(2026, 6, 1),
            ends_on=date(2026, 6, 2),
            members=[members[2]],
        )
    assert events("activity.add") == 1


def test_inspection_notice_five_working_days(plan, board_member, members):
    with pytest.raises(DomainError, match="5 ngày làm việc"):
        services.add_activity(
            board_member,
            plan,
            subject="cases",
            title="t",
            method="m",
            starts_on=date(2026, 3, 12),
            ends_on=date(2026, 3, 12),
            members=members,
            announced_on=date(2026, 3, 6),
        )


def test_plan_outside_term_refused(board, board_member):
    with pytest.raises(DomainError, match="nhiệm kỳ"):
        services.create_plan(
            board_member,
            board,
            period="year",
            title="x",
            starts_on=date(2030, 1, 1),
            ends_on=date(2030, 12, 31),
        )


def test_approve_plan_then_frozen(plan, board_member, members):
    services.approve_plan(board_member, plan, on=date(2026, 1, 10))
    with pytest.raises(DomainError, match="thông qua"):
        services.add_activity(
            board_member,
            plan,
            subject="policy",
            title="t",
            method="m",
            starts_on=date(2026, 6, 1),
            ends_on=date(2026, 6, 2),
            members=members,
        )
    with pytest.raises(DomainError):
        services.approve_plan(board_member, plan, on=date(2026, 1, 11))
    assert events("plan.approve") == 1


def test_recommendation_due_and_answer(recommendation, commune_chair, board_member):
    assert recommendation.due_on == law.answer_due(recommendation.received_on)
    with pytest.raises(PermissionDeniedError):
        services.answer_recommendation(
            board_member, recommendation, answer="x", on=date(2026, 4, 5)
        )
    with pytest.raises(DomainError, match="nội dung trả lời"):
        services.answer_recommendation(
            commune_chair, recommendation, answer=" ", on=date(2026, 4, 5)
        )
    services.answer_recommendation(
        commune_chair, recommendation, answer="Đã niêm yết.", on=date(2026, 4, 10)
    )
    services.judge_answer(board_member, recommendation, resolved=True)
    recommendation.refresh_from_db()
    assert recommendation.resolved is True
    assert events("recommendation.answer") == 1 and events("recommendation.judge") == 1


def test_answer_by_other_commune_refused(recommendation, officer_of_other_commune):
    with pytest.raises(PermissionDeniedError):
        services.answer_recommendation(
            officer_of_other_commune, recommendation, answer="x", on=date(2026, 4, 5)
        )


def test_empty_recommendation_refused(board, board_member):
    with pytest.raises(DomainError, match="nội dung kiến nghị"):
        services.send_recommendation(
            board_member,
            board,
            addressee="commune_committee",
            content="  ",
            received_on=date(2026, 4, 1),
        )
    with pytest.raises(DomainError, match="cơ quan nhận"):
        services.send_recommendation(
            board_member, board, addressee="", content="x", received_on=date(2026, 4, 1)
        )


@pytest.mark.django_db(transaction=True)
def test_escalation_once_and_messages_leader(recommendation, commune_chair, settings):
    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"
    commune_chair.email = "chutich@caoloc.example"
    commune_chair.save()
    LocmemSender.outbox.clear()
    actor = SystemActor("oversight_escalate")
    assert services.escalate_overdue(actor, today=date(2026, 4, 16)) == 0
    assert services.escalate_overdue(actor, today=date(2026, 4, 17)) == 1
    assert services.escalate_overdue(actor, today=date(2026, 4, 18)) == 0
    assert Recommendation.objects.get().escalated_on == date(2026, 4, 17)
    assert [m["to"] for m in LocmemSender.outbox] == ["chutich@caoloc.example"]
    assert events("recommendation.escalate") == 1


def test_rollback_leaves_no_event(board, commune_officer):
    with pytest.raises(RuntimeError), transaction.atomic():
        add_to(board, commune_officer, "A", role="member")
        raise RuntimeError
    assert events("member.add") == 0
