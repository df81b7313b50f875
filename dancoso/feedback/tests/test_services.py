"""Case services: intake from the portal and by officers, the officer's actions, ratings,
publication, alerts; permission refused, rule broken, one audit event per write, none on
rollback."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from dancoso.accounts.messaging import LocmemSender
from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.feedback import services
from dancoso.feedback.models import Case, CaseAlert, CaseSender

from .factories import denunciation, photo, report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"
    LocmemSender.outbox.clear()
    return LocmemSender.outbox


def actions(prefix="feedback."):
    return list(
        AuditEvent.objects.filter(action__startswith=prefix).values_list("action", flat=True)
    )


def test_an_anonymous_visitor_sends_a_report_and_gets_the_code_by_sms(
    world, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = report(world.commune)
    assert case.status == Case.Status.RECEIVED and case.channel == "portal"
    assert len(case.tracking_code) == 14 and case.tracking_code.count("-") == 2
    assert case.next_due is not None
    assert actions() == ["feedback.submit_case"]
    assert outbox[0]["to"] == "0912000111" and case.tracking_code in outbox[0]["text"]


def test_tracking_codes_differ():
    from dancoso.feedback.services.intake import new_tracking_code

    assert len({new_tracking_code() for _ in range(500)}) == 500


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"phone": ""}, "phone"),
        ({"phone": "12345"}, "phone"),
        ({"subject": "  "}, "subject"),
        ({"kind": "xyz"}, "kind"),
        ({"latitude": "48.8", "longitude": "2.3"}, "latitude"),
        ({"email": "khong-phai-thu"}, "email"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_saved(world, extra, field):
    with pytest.raises(ValidationError) as caught:
        report(world.commune, **extra)
    assert field in caught.value.message_dict
    assert not Case.objects.exists() and not actions()


def test_a_village_of_another_commune_is_refused(world):
    with pytest.raises(ValidationError, match="không thuộc xã"):
        report(world.commune, village=world.foreign_village)


def test_photos_lose_their_metadata_unless_location_is_shared(world):
    plain = report(world.commune, files=[photo()])
    stored = plain.attachments.get()
    with Image.open(stored.file.path) as image:
        assert dict(image.getexif()) == {}
    assert stored.original_name == "anh.jpg" and stored.file.name.endswith(".jpg")
    assert "anh" not in stored.file.name  # a server-made name
    shared = report(world.commune, files=[photo()], share_location=True)
    with Image.open(shared.attachments.get().file.path) as image:
        exif = image.getexif()
        assert 0x010F not in exif and exif.get_ifd(0x8825)


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("x.svg", b"<svg onload=alert(1)>", content_type="image/svg+xml"),
        SimpleUploadedFile("../../etc/passwd.jpg", b"not a jpeg at all"),
        SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024)),
    ],
)
def test_wrong_or_oversized_files_refuse_the_whole_submission(world, upload):
    with pytest.raises(ValidationError) as caught:
        report(world.commune, files=[upload])
    assert "files" in caught.value.message_dict and not Case.objects.exists()


def test_a_storage_failure_keeps_the_case_with_a_note(world, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(FileSystemStorage, "_save", broken)
    case = report(world.commune, files=[photo()])
    case.refresh_from_db()
    assert "Chưa lưu được tệp" in case.intake_note and not case.attachments.exists()


def test_a_signed_in_resident_is_linked_as_sender(world, resident):
    case = report(world.commune, actor=resident)
    assert CaseSender.objects.get(case=case).user == resident


def test_an_anonymous_denunciation_is_not_handled_as_one(world, commune_officer):
    case = report(world.commune, kind="to_cao")
    assert case.anonymous and [d.name for d in _deadlines(case)] == ["reception_answer"]
    with pytest.raises(DomainError, match="Điều 25"):
        services.accept_case(case, actor=commune_officer)
    lead = services.make_inspection_lead(case, actor=commune_officer, reason="Nội dung cụ thể")
    assert lead.status == Case.Status.INSPECTION_LEAD and lead.next_due is None


def _deadlines(case):
    from dancoso.feedback.deadlines import deadlines_of

    return deadlines_of(case)


def test_officer_typed_intake_by_phone(world, commune_officer, resident):
    day = timezone.localdate() - timedelta(days=2)
    case = services.take_case(
        world.commune,
        actor=commune_officer,
        channel="phone",
        received_on=day,
        kind="kien_nghi",
        subject="Xin lắp đèn",
        description="Đường vào thôn tối.",
    )
    assert case.channel == "phone" and case.received_on == day
    with pytest.raises(PermissionDeniedError):
        services.take_case(
            world.commune,
            actor=resident,
            channel="phone",
            kind="gop_y",
            subject="x",
            description="y",
        )
    with pytest.raises(ValidationError, match="tương lai"):
        services.take_case(
            world.commune,
            actor=commune_officer,
            channel="phone",
            received_on=day + timedelta(days=5),
            kind="gop_y",
            subject="x",
            description="y",
        )


def test_the_whole_flow_accept_answer_rate_review(
    world, commune_officer, outbox, django_capture_on_commit_callbacks
):
    case = report(world.commune)
    with django_capture_on_commit_callbacks(execute=True):
        case = services.accept_case(case, actor=commune_officer)
        case = services.answer_case(case, actor=commune_officer, answer="Đã thay bóng đèn.")
    assert case.status == Case.Status.ANSWERED and case.on_time is True
    assert "câu trả lời" in outbox[-1]["text"]
    with pytest.raises(ValidationError):
        services.rate_answer(case, satisfied=False)
    case = services.rate_answer(case, satisfied=False, reason="Mới sáng một bóng", ask_review=True)
    assert case.status == Case.Status.ACCEPTED and case.review_requested
    case = services.answer_case(case, actor=commune_officer, answer="Đã thay đủ ba bóng.")
    assert case.satisfied is None  # the new answer is rated afresh
    with pytest.raises(DomainError, match="một lần"):
        services.rate_answer(case, satisfied=False, reason="Vẫn tối", ask_review=True)
    services.rate_answer(case, satisfied=True)
    with pytest.raises(DomainError, match="đã đánh giá"):
        services.rate_answer(case, satisfied=True)
    assert actions().count("feedback.rate_answer") == 2


def test_each_write_leaves_exactly_one_event(world, commune_officer, commune_chair):
    case = denunciation(world.commune)
    steps = [
        lambda c: services.classify_case(
            c, actor=commune_officer, kind="to_cao", especially_complex=True
        ),
        lambda c: services.assign_case(c, actor=commune_officer, officer=commune_officer),
        lambda c: services.accept_case(c, actor=commune_officer),
        lambda c: services.extend_case(c, actor=commune_chair, reason="Phức tạp"),
        lambda c: services.request_information(c, actor=commune_officer, question="Ngày nào?"),
        lambda c: services.add_information(c, text="Ngày 3/5"),
        lambda c: services.answer_case(c, actor=commune_officer, answer="Kết luận: đúng một phần"),
        lambda c: services.close_case(c, actor=commune_officer),
    ]
    for run in steps:
        before = AuditEvent.objects.count()
        case = run(case)
        assert AuditEvent.objects.count() == before + 1
    assert case.extensions == 1 and case.status == Case.Status.CLOSED


def test_refused_permission_and_rollback_leave_no_event(
    world, officer_of_other_commune, commune_officer, resident
):
    case = report(world.commune)
    before = AuditEvent.objects.count()
    for actor in (officer_of_other_commune, resident, AnonymousUser()):
        with pytest.raises(PermissionDeniedError):
            services.accept_case(case, actor=actor)
    with pytest.raises(PermissionDeniedError):  # extensions are the leader's
        services.extend_case(case, actor=commune_officer, reason="x")
    with pytest.raises(ValidationError):
        services.refuse_case(case, actor=commune_officer, reason=" ")
    with pytest.raises(DomainError, match="trạng thái"):
        services.close_case(case, actor=commune_officer)
    assert AuditEvent.objects.count() == before
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED


def test_extensions_stop_at_the_law_limit(world, commune_officer, commune_chair):
    case = services.accept_case(denunciation(world.commune), actor=commune_officer)
    services.extend_case(case, actor=commune_chair, reason="Phức tạp")
    with pytest.raises(DomainError, match="tối đa 1 lần"):
        services.extend_case(case, actor=commune_chair, reason="Lần hai")


def test_transfer_merge_and_refuse(world, commune_officer):
    from dancoso.places.models import Agency

    school = Agency.objects.create(
        name="Trường Tiểu học Cao Lộc",
        province=world.province,
        commune=world.commune,
        kind=Agency.Kind.choices[0][0],
    )
    moved = services.transfer_case(
        report(world.commune),
        actor=commune_officer,
        agency=school,
        reason="Thuộc thẩm quyền nhà trường",
    )
    assert moved.agency == school and moved.status == Case.Status.RECEIVED
    away = services.transfer_case(
        report(world.commune),
        actor=commune_officer,
        body="Công an tỉnh",
        reason="Có dấu hiệu tội phạm",
    )
    assert away.status == Case.Status.TRANSFERRED
    first, second = report(world.commune), report(world.commune)
    merged = services.merge_case(second, actor=commune_officer, into=first)
    assert merged.duplicate_of == first and merged.status == Case.Status.MERGED
    with pytest.raises(ValidationError):
        services.merge_case(first, actor=commune_officer, into=first)
    refused = services.refuse_case(report(world.commune), actor=commune_officer, reason="Trùng")
    assert refused.status == Case.Status.REFUSED and refused.responded_on


def test_assignment_only_to_a_handler_of_the_commune(
    world, commune_officer, officer_of_other_commune
):
    with pytest.raises(ValidationError, match="cán bộ giải quyết"):
        services.assign_case(
            report(world.commune), actor=commune_officer, officer=officer_of_other_commune
        )


def test_a_published_conclusion_meets_the_denunciation_publication_deadline(world, commune_officer):
    from .factories import MARKER

    case = services.accept_case(denunciation(world.commune), actor=commune_officer)
    case = services.answer_case(case, actor=commune_officer, answer=f"{MARKER} tố cáo đúng.")
    assert "denunciation_publication" in {d.name for d in _deadlines(case) if not d.done_on}
    case = services.publish_answer(case, actor=commune_officer)
    assert MARKER not in case.public_answer and case.published_on
    assert all(d.done_on for d in _deadlines(case)) and case.next_due is None


def test_published_answers_lose_personal_data(world, commune_officer):
    case = report(world.commune, full_name="Lăng Văn Tú")
    services.answer_case(
        case,
        actor=commune_officer,
        answer="Ông Lăng Văn Tú (0912000111, tu@example.vn) đã được hướng dẫn.",
    )
    case = services.publish_answer(case, actor=commune_officer)
    assert "Lăng Văn Tú" not in case.public_answer and "0912000111" not in case.public_answer
    assert "tu@example.vn" not in case.public_answer and "[đã ẩn]" in case.public_answer
    complaint = report(world.commune, kind="khieu_nai", full_name="A B C")
    services.answer_case(complaint, actor=commune_officer, answer="Quyết định số 1")
    with pytest.raises(DomainError):
        services.publish_answer(complaint, actor=commune_officer)


def test_alerts_remind_before_and_escalate_after_once(
    world, commune_officer, commune_chair, outbox, django_capture_on_commit_callbacks
):
    commune_chair.phone = "0988000999"
    commune_chair.save()
    case = report(world.commune)
    services.assign_case(case, actor=commune_officer, officer=commune_officer)
    due = Case.objects.get(pk=case.pk).next_due
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_deadline_alerts(due - timedelta(days=30)) == {
            "reminders": 0,
            "escalations": 0,
            "routed": 0,
        }
        assert services.send_deadline_alerts(due)["reminders"] == 1
        assert services.send_deadline_alerts(due)["reminders"] == 0  # once
        late = services.send_deadline_alerts(due + timedelta(days=1))
    assert late == {"reminders": 0, "escalations": 1, "routed": 0}
    assert CaseAlert.objects.filter(case=case).count() == 2
    assert outbox[-1]["to"] == "0988000999" and case.tracking_code in outbox[-1]["text"]
    assert actions().count("feedback.send_deadline_alert") == 2
    services.answer_case(case, actor=commune_officer, answer="Xong")
    assert services.send_deadline_alerts(due + timedelta(days=9)) == {
        "reminders": 0,
        "escalations": 0,
        "routed": 0,
    }


def test_a_complaint_shows_whether_it_is_within_ninety_days(world, commune_officer):
    from django.test import Client

    from dancoso.core.testing import login_verified

    today = timezone.localdate()
    late = report(world.commune, kind="khieu_nai", learned_on=today - timedelta(days=120))
    fresh = report(world.commune, kind="khieu_nai", learned_on=today - timedelta(days=10))
    assert (late.complaint_in_time, fresh.complaint_in_time) == (False, True)
    assert report(world.commune, learned_on=today).learned_on is None  # only for complaints
    with pytest.raises(ValidationError, match="tương lai"):
        report(world.commune, kind="khieu_nai", learned_on=today + timedelta(days=1))
    page = login_verified(Client(), commune_officer).get(f"/can-bo/phan-anh/{late.pk}/")
    assert "quá 90 ngày" in page.content.decode()
