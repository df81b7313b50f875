"""The convention's full cycle for a village, its refusals and its audit trail."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from dancoso.audit.models import AuditEvent
from dancoso.consultation import services as consultation_services
from dancoso.consultation.lifecycle import State
from dancoso.consultation.tests.factories import force_state
from dancoso.conventions import services
from dancoso.conventions.models import Convention
from dancoso.core.errors import DomainError, PermissionDeniedError

pytestmark = pytest.mark.django_db
TODAY = date.today()
SECTIONS = [
    ("Điều 1. Cưới hỏi", "Tổ chức cưới văn minh, không quá 2 ngày."),
    ("Điều 2. Vệ sinh", "Mỗi hộ thu gom rác đúng ngày."),
]


def _draft(world, actor):
    return services.create_convention(
        world.village,
        actor=actor,
        kind="huong_uoc",
        title="Hương ước Thôn Bản Lải",
        drafting_team=["Lộc Văn Sơn", "Vi Thị Ngân"],
    )


def _consulted(world, village_head, commune_officer, household_head):
    convention = _draft(world, village_head)
    consultation = services.start_consultation(
        convention,
        actor=commune_officer,
        summary="Dự thảo hương ước mới.",
        sections=SECTIONS,
        opens_on=TODAY,
        closes_on=TODAY + timedelta(days=29),
    )
    consultation_services.post_opinion(
        consultation,
        actor=household_head,
        text="Cưới chỉ nên 1 ngày.",
        section=consultation.sections.get(position=1),
    )
    force_state(consultation, State.CLOSED)
    consultation_services.answer_opinions(
        consultation,
        actor=commune_officer,
        numbers=[1],
        title="Thời gian cưới",
        verdict="tiep_thu",
        answer="Sửa Điều 1: không quá 1 ngày.",
    )
    consultation_services.write_synthesis(
        consultation, actor=commune_officer, text="1 ý kiến, tiếp thu."
    )
    consultation_services.advance(consultation, "synthesise", actor=commune_officer)
    consultation_services.revise_section(
        consultation.sections.get(position=1),
        actor=commune_officer,
        text="Tổ chức cưới văn minh, không quá 1 ngày.",
    )
    consultation_services.advance(consultation, "publish", actor=commune_officer)
    convention.refresh_from_db()
    return convention


def test_full_cycle_from_draft_to_recognition(
    world, village_head, commune_officer, commune_chair, household_head
):
    convention = _consulted(world, village_head, commune_officer, household_head)
    assert convention.state == Convention.State.CONSULTING
    assert convention.consultation.audience == "households"
    assert list(convention.consultation.villages.all()) == [world.village]
    services.open_vote(convention, actor=village_head)
    voted = date(2026, 11, 6)  # a Friday
    adopted = services.record_adoption(
        convention,
        actor=village_head,
        method="meeting",
        voted_on=voted,
        total_households=80,
        attending=60,
        agreeing=55,
        decision_ref="decisions:17",
    )
    assert adopted.state == Convention.State.ADOPTED and adopted.dossier_due_on == date(
        2026, 11, 13
    )
    submitted = services.submit_dossier(
        adopted, actor=village_head, submitted_on=date(2026, 11, 10)
    )
    assert submitted.recognition_due_on == date(2026, 11, 17)
    with pytest.raises(PermissionDeniedError):
        services.recognise_convention(
            submitted, actor=village_head, decided_on=date(2026, 11, 12), number="45/QĐ-UBND"
        )
    done = services.recognise_convention(
        submitted, actor=commune_chair, decided_on=date(2026, 11, 12), number="45/QĐ-UBND"
    )
    assert done.state == Convention.State.RECOGNISED
    assert done.review_on == date(2026, 11, 18) and done.return_due_on == date(2026, 11, 16)
    assert "không quá 1 ngày" in done.text and "không quá 2 ngày" not in done.text
    actions = set(
        AuditEvent.objects.filter(action__startswith="conventions.").values_list(
            "action", flat=True
        )
    )
    assert actions == {
        f"conventions.{a}"
        for a in (
            "create_convention",
            "start_consultation",
            "open_vote",
            "record_adoption",
            "submit_dossier",
            "recognise_convention",
        )
    }


def test_not_adopted_without_more_than_half_of_all_households(
    world, village_head, commune_officer, household_head
):
    convention = _consulted(world, village_head, commune_officer, household_head)
    services.open_vote(convention, actor=village_head)
    result = services.record_adoption(
        convention,
        actor=village_head,
        method="meeting",
        voted_on=TODAY,
        total_households=80,
        attending=79,
        agreeing=40,
    )
    assert result.state == Convention.State.NOT_ADOPTED and result.dossier_due_on is None


def test_a_meeting_without_quorum_is_refused_and_nothing_saved(
    world, village_head, commune_officer, household_head
):
    convention = _consulted(world, village_head, commune_officer, household_head)
    services.open_vote(convention, actor=village_head)
    with pytest.raises(ValidationError) as refused:
        services.record_adoption(
            convention,
            actor=village_head,
            method="meeting",
            voted_on=TODAY,
            total_households=80,
            attending=40,
            agreeing=40,
        )
    assert "phát phiếu" in refused.value.message_dict["agreeing"][0]
    convention.refresh_from_db()
    assert convention.state == Convention.State.VOTING
    assert not AuditEvent.objects.filter(action="conventions.record_adoption").exists()


def test_the_vote_waits_for_the_published_synthesis(world, village_head, commune_officer):
    convention = _draft(world, village_head)
    services.start_consultation(
        convention,
        actor=commune_officer,
        summary="S.",
        sections=SECTIONS,
        opens_on=TODAY,
        closes_on=TODAY + timedelta(days=30),
    )
    with pytest.raises(DomainError, match="chưa được công khai"):
        services.open_vote(convention, actor=village_head)


def test_posting_shorter_than_thirty_days_is_refused(world, village_head, commune_officer):
    convention = _draft(world, village_head)
    with pytest.raises(ValidationError, match="ít nhất 30 ngày"):
        services.start_consultation(
            convention,
            actor=commune_officer,
            summary="S.",
            sections=SECTIONS,
            opens_on=TODAY,
            closes_on=TODAY + timedelta(days=25),
        )


@pytest.mark.parametrize(
    "persona", ["resident", "household_head", "officer_of_other_commune", "board_member"]
)
def test_others_may_not_start_a_convention(world, persona, request):
    with pytest.raises(PermissionDeniedError):
        _draft(world, request.getfixturevalue(persona))
    assert not Convention.objects.exists()


def test_refusal_needs_reasons(world, village_head, commune_officer, commune_chair, household_head):
    convention = _consulted(world, village_head, commune_officer, household_head)
    services.open_vote(convention, actor=village_head)
    services.record_adoption(
        convention,
        actor=village_head,
        method="meeting",
        voted_on=TODAY,
        total_households=10,
        attending=8,
        agreeing=6,
    )
    services.submit_dossier(convention, actor=village_head, submitted_on=TODAY)
    with pytest.raises(ValidationError):
        services.refuse_recognition(convention, actor=commune_chair, reason="Không.")
    refused = services.refuse_recognition(
        convention,
        actor=commune_chair,
        reason="Điều 2 đặt mức phạt tiền thay cho xử phạt hành chính, trái Điều 4.",
    )
    assert refused.state == Convention.State.REFUSED
