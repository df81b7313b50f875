"""Services: permission refused, rule broken, one audit event per committed write, none on
rollback; the full cycle for a commune and an agency."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from dancoso.audit.models import AuditEvent
from dancoso.consultation import law, services
from dancoso.consultation.lifecycle import State
from dancoso.consultation.models import Opinion, Support
from dancoso.core.errors import DomainError, PermissionDeniedError

from .factories import TODAY, draft_data, first_section, force_state, make_draft, make_open

pytestmark = pytest.mark.django_db


def events(action):
    return AuditEvent.objects.filter(action=f"consultation.{action}").count()


def test_an_officer_creates_a_draft_with_one_audit_event(world, commune_officer):
    consultation = make_draft(world.commune, commune_officer, sections=())
    assert consultation.state == State.DRAFT and consultation.scope == "commune"
    assert events("create_consultation") == 1
    event = AuditEvent.objects.get(action="consultation.create_consultation")
    assert event.chain == f"commune:{world.commune.code}"


@pytest.mark.parametrize(
    "persona", ["resident", "village_head", "officer_of_other_commune", "province_officer"]
)
def test_others_may_not_create(world, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        make_draft(world.commune, user)
    assert events("create_consultation") == 0


def test_a_window_shorter_than_twenty_days_is_refused_quoting_the_rule(world, commune_officer):
    with pytest.raises(ValidationError) as refused:
        make_draft(world.commune, commune_officer, closes_on=TODAY + timedelta(days=10))
    message = refused.value.message_dict["closes_on"][0]
    assert "tối thiểu 20 ngày" in message and "Điều 28 khoản 2" in message
    assert events("create_consultation") == 0


def test_an_agency_subject_is_refused_for_a_commune(world, commune_officer):
    with pytest.raises(ValidationError) as refused:
        make_draft(world.commune, commune_officer, subject="cq_chi_tieu")
    assert "Điều 25" in refused.value.message_dict["subject"][0]


def test_a_village_of_another_commune_is_refused(world, commune_officer):
    with pytest.raises(ValidationError):
        make_draft(world.commune, commune_officer, villages=[world.foreign_village])


def test_opening_needs_sections_and_a_summary(world, commune_officer):
    consultation = make_draft(world.commune, commune_officer, sections=(), summary="")
    with pytest.raises(DomainError) as refused:
        services.advance(consultation, "open", actor=commune_officer, today=TODAY)
    assert "chưa có phần nào" in refused.value.message and "tóm tắt" in refused.value.message
    assert events("open_consultation") == 0


def test_opening_late_rechecks_the_twenty_days_from_publication(world, commune_officer):
    consultation = make_draft(world.commune, commune_officer, closes_on=TODAY + timedelta(days=19))
    with pytest.raises(DomainError, match="tối thiểu 20 ngày"):
        services.advance(
            consultation, "open", actor=commune_officer, today=TODAY + timedelta(days=1)
        )
    opened = services.advance(consultation, "open", actor=commune_officer, today=TODAY)
    assert opened.state == State.OPEN and opened.published_on == TODAY


def test_a_resident_comments_on_a_section(open_consultation, resident):
    section = first_section(open_consultation)
    opinion = services.post_opinion(
        open_consultation, actor=resident, text="Đề nghị giữ lại sân bóng.", section=section
    )
    assert opinion.number == 1 and opinion.section == section
    second = services.post_opinion(
        open_consultation, actor=resident, text="Ý kiến về toàn bộ dự thảo."
    )
    assert second.number == 2 and second.section is None
    assert events("post_opinion") == 2
    summary = AuditEvent.objects.filter(action="consultation.post_opinion").first().summary
    assert "sân bóng" not in str(summary)


def test_a_resident_of_another_commune_may_not_comment(world, open_consultation):
    from dancoso.accounts.roles import Role
    from dancoso.core.testing import grant, make_user

    outsider = make_user("ngoaixa")
    grant(outsider, Role.RESIDENT, world.foreign_village)
    with pytest.raises(PermissionDeniedError):
        services.post_opinion(open_consultation, actor=outsider, text="Tôi ở xã khác.")


def test_a_consultation_of_some_villages_hears_only_them(world, commune_officer, resident):
    consultation = make_open(world.commune, commune_officer, villages=[world.other_village])
    with pytest.raises(PermissionDeniedError):
        services.post_opinion(consultation, actor=resident, text="Thôn tôi không được hỏi.")


def test_comments_only_inside_the_window(open_consultation, resident):
    with pytest.raises(DomainError, match="Đã hết thời gian"):
        services.post_opinion(
            open_consultation, actor=resident, text="Muộn rồi.", today=TODAY + timedelta(days=40)
        )
    assert not Opinion.objects.exists() and events("post_opinion") == 0


def test_comment_text_rules(open_consultation, resident):
    with pytest.raises(ValidationError):
        services.post_opinion(open_consultation, actor=resident, text="x" * 3001)
    with pytest.raises(ValidationError):
        services.post_opinion(open_consultation, actor=resident, text="  ")
    with pytest.raises(ValidationError) as refused:
        services.post_opinion(open_consultation, actor=resident, text="Ẩn danh nhé", anonymous=True)
    assert "ẩn danh" in refused.value.message_dict["anonymous"][0]


def test_anonymous_where_the_organiser_allows(world, commune_officer, resident):
    consultation = make_open(world.commune, commune_officer, allow_anonymous=True)
    opinion = services.post_opinion(
        consultation, actor=resident, text="Tôi không muốn nêu tên.", anonymous=True
    )
    assert opinion.shown_author == "Ẩn danh"


def test_support_once_per_person(open_consultation, resident, household_head):
    opinion = services.post_opinion(open_consultation, actor=resident, text="Cần thêm đèn đường.")
    services.support_opinion(opinion, actor=household_head)
    with pytest.raises(DomainError) as refused:
        services.support_opinion(opinion, actor=household_head)
    assert refused.value.message == services.ALREADY_SUPPORTED
    with pytest.raises(DomainError, match="chính mình"):
        services.support_opinion(opinion, actor=resident)
    assert Support.objects.count() == 1 and events("support_opinion") == 1


def test_offline_opinions_are_attributed(open_consultation, commune_officer, resident):
    opinion = services.enter_offline_opinion(
        open_consultation,
        actor=commune_officer,
        text="Hội nghị đề nghị lùi ranh giới 5 m.",
        source=Opinion.Source.MEETING,
        author_label="Hội nghị thôn Bản Lải",
    )
    assert opinion.shown_author == "Hội nghị thôn Bản Lải" and opinion.entered_by == commune_officer
    with pytest.raises(ValidationError):
        services.enter_offline_opinion(
            open_consultation,
            actor=commune_officer,
            text="Không tên.",
            source="paper",
            author_label="",
        )
    with pytest.raises(PermissionDeniedError):
        services.enter_offline_opinion(
            open_consultation, actor=resident, text="Tự nhập.", source="paper", author_label="Tôi"
        )


def test_moderation_hides_with_a_reason_and_never_deletes(
    open_consultation, commune_officer, resident
):
    opinion = services.post_opinion(open_consultation, actor=resident, text="Lời lẽ xúc phạm.")
    with pytest.raises(PermissionDeniedError):
        services.moderate_opinion(opinion, actor=resident)
    hidden = services.moderate_opinion(opinion, actor=commune_officer)
    assert hidden.hidden_reason == "ẩn do vi phạm quy tắc" and hidden.text == "Lời lẽ xúc phạm."
    assert Opinion.objects.filter(pk=opinion.pk).exists()
    with pytest.raises(DomainError):
        services.moderate_opinion(hidden, actor=commune_officer)
    assert events("moderate_opinion") == 1


def test_the_consultation_cannot_be_finished_while_an_opinion_is_unanswered(
    open_consultation, commune_officer, resident
):
    first = services.post_opinion(open_consultation, actor=resident, text="Giữ lại sân bóng.")
    services.post_opinion(open_consultation, actor=resident, text="Mở rộng đường 6 m.")
    with pytest.raises(DomainError, match="Chưa hết thời hạn"):
        services.advance(open_consultation, "close", actor=commune_officer, today=TODAY)
    closed = services.advance(
        open_consultation,
        "close",
        actor=commune_officer,
        today=open_consultation.closes_on + timedelta(days=1),
    )
    services.answer_opinions(
        closed,
        actor=commune_officer,
        numbers=[first.number],
        title="Sân bóng",
        verdict=law.Verdict.ACCEPTED,
        answer="Giữ nguyên sân bóng tại Điều 2.",
    )
    services.write_synthesis(closed, actor=commune_officer, text="Nhận 2 ý kiến.")
    with pytest.raises(DomainError) as refused:
        services.advance(closed, "synthesise", actor=commune_officer)
    assert "ý kiến #2 chưa được trả lời" in refused.value.message
    assert events("synthesise_consultation") == 0


def test_a_refusal_needs_an_explanation(closed_consultation, commune_officer, resident):
    force_state(closed_consultation, State.OPEN)
    services.post_opinion(closed_consultation, actor=resident, text="Bỏ khu tái định cư.")
    force_state(closed_consultation, State.CLOSED)
    with pytest.raises(ValidationError) as refused:
        services.answer_opinions(
            closed_consultation,
            actor=commune_officer,
            numbers=[1],
            title="Khu TĐC",
            verdict="khong_tiep_thu",
            answer="Không.",
        )
    assert "ít nhất 20 ký tự" in refused.value.message_dict["answer"][0]
    with pytest.raises(ValidationError):
        services.answer_opinions(
            closed_consultation,
            actor=commune_officer,
            numbers=[99],
            title="X",
            verdict="tiep_thu",
            answer="Đã sửa.",
        )
    assert events("answer_opinions") == 0


def test_full_cycle_with_a_majority_against_needs_reasons(
    open_consultation, commune_officer, resident, household_head
):
    services.post_opinion(
        open_consultation,
        actor=resident,
        text="Không đồng ý khu TĐC.",
        stance=Opinion.Stance.DISAGREE,
    )
    closed = force_state(open_consultation, State.CLOSED)
    services.answer_opinions(
        closed,
        actor=commune_officer,
        numbers=[1],
        title="Khu tái định cư",
        verdict="khong_tiep_thu",
        answer="Khu tái định cư bắt buộc theo quy hoạch tỉnh đã phê duyệt.",
    )
    services.write_synthesis(closed, actor=commune_officer, text="Nhận 1 ý kiến, không tiếp thu.")
    with pytest.raises(DomainError, match="đa số"):
        services.advance(closed, "synthesise", actor=commune_officer)
    services.write_synthesis(
        closed,
        actor=commune_officer,
        text="Nhận 1 ý kiến.",
        majority_reason="Quy hoạch tỉnh đã xác định vị trí, xã không được thay đổi.",
    )
    done = services.advance(closed, "synthesise", actor=commune_officer)
    services.revise_section(
        first_section(done),
        actor=commune_officer,
        text="Kế hoạch áp dụng cho toàn xã, trừ đất quốc phòng.",
    )
    published = services.advance(done, "publish", actor=commune_officer)
    assert published.state == State.PUBLISHED and published.synthesis_published_at
    for action in ("synthesise_consultation", "publish_consultation", "revise_section"):
        assert events(action) == 1


def test_an_agency_runs_a_staff_consultation(
    agency, agency_head, agency_staff, commune_officer, resident
):
    consultation = make_open(
        agency,
        agency_head,
        subject="cq_chi_tieu",
        audience="staff",
        closes_on=TODAY + timedelta(days=7),
    )
    assert consultation.scope == "agency"
    opinion = services.post_opinion(
        consultation, actor=agency_staff, text="Tăng mức hỗ trợ đi lại."
    )
    assert opinion.number == 1
    with pytest.raises(PermissionDeniedError):
        services.post_opinion(consultation, actor=resident, text="Tôi không làm ở trường.")
    with pytest.raises(PermissionDeniedError):
        services.moderate_opinion(opinion, actor=commune_officer)
    assert not resident.has_perm("consultation.view_consultation", consultation)


def test_a_commune_subject_is_refused_for_an_agency(agency, agency_head):
    with pytest.raises(ValidationError):
        make_draft(agency, agency_head, subject="dat_dai", audience="staff")
    with pytest.raises(ValidationError):
        make_draft(agency, agency_head, subject="cq_chi_tieu", audience="residents")


def test_nothing_is_half_saved_when_audit_fails(open_consultation, resident, monkeypatch):
    from dancoso.consultation.services import opinions

    def boom(*a, **k):
        raise RuntimeError("audit down")

    monkeypatch.setattr(opinions, "audit", boom)
    with pytest.raises(RuntimeError):
        services.post_opinion(open_consultation, actor=resident, text="Sẽ không được lưu.")
    assert not Opinion.objects.exists()


def test_draft_data_is_refused_after_opening(open_consultation, commune_officer):
    with pytest.raises(DomainError, match="sửa dự thảo"):
        services.update_consultation(
            open_consultation, actor=commune_officer, **draft_data(title="Mới")
        )


def test_followers_hear_when_the_result_is_published(
    open_consultation,
    commune_officer,
    resident,
    household_head,
    django_capture_on_commit_callbacks,
    settings,
):
    from dancoso.accounts.messaging import LocmemSender

    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"

    LocmemSender.outbox.clear()
    services.follow_consultation(open_consultation, actor=resident)
    services.follow_consultation(open_consultation, actor=household_head)
    closed = force_state(open_consultation, State.CLOSED)
    services.write_synthesis(closed, actor=commune_officer, text="Không có ý kiến.")
    services.advance(closed, "synthesise", actor=commune_officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.advance(closed, "publish", actor=commune_officer)
    assert sorted(m["to"] for m in LocmemSender.outbox) == ["0912345678", "0987654321"]
    assert "đã được công khai" in LocmemSender.outbox[0]["text"]


def test_a_commune_consultation_opens_only_once_its_plan_went_to_the_council_and_front(
    world, commune_officer
):
    consultation = make_draft(world.commune, commune_officer, plan_sent_on=None)
    with pytest.raises(DomainError, match="Điều 28 khoản 1"):
        services.advance(consultation, "open", actor=commune_officer, today=TODAY)
    services.update_consultation(consultation, actor=commune_officer, plan_sent_on=TODAY)
    assert (
        services.advance(consultation, "open", actor=commune_officer, today=TODAY).state
        == State.OPEN
    )
