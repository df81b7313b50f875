"""Services that keep a board's record: members leaving for a reason the law allows, the
Front's recognition, what an activity checked and found with its evidence."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.feedback.tests.factories import photo
from dancoso.oversight import services
from dancoso.oversight.models import Evidence

from .conftest import TERM


def events(action):
    return AuditEvent.objects.filter(action=f"oversight.{action}").count()


def test_release_needs_the_community_document(members, commune_officer):
    with pytest.raises(DomainError, match="văn bản của cộng đồng"):
        services.end_membership(
            commune_officer, members[2], ends_on=date(2026, 5, 31), reason="released"
        )
    member = services.end_membership(
        commune_officer,
        members[2],
        ends_on=date(2026, 5, 31),
        reason="released",
        document="Biên bản hội nghị thôn Bản Lải 30/05/2026",
    )
    assert member.end_reason == "released" and member.ends_on == date(2026, 5, 31)
    event = AuditEvent.objects.get(action="oversight.member.end")
    assert event.summary["reason"] == "released"


def test_unknown_reason_and_early_term_end_refused(members, commune_officer):
    with pytest.raises(DomainError, match="lý do"):
        services.end_membership(commune_officer, members[0], ends_on=date(2026, 5, 31), reason="x")
    with pytest.raises(DomainError, match="hết nhiệm kỳ"):
        services.end_membership(
            commune_officer, members[0], ends_on=date(2026, 5, 31), reason="term_ended"
        )
    services.end_membership(commune_officer, members[0], ends_on=TERM[1], reason="term_ended")
    assert events("member.end") == 1


def test_only_the_front_recognises(full_board, commune_officer, board_member):
    for who in (commune_officer, board_member):
        with pytest.raises(PermissionDeniedError):
            services.recognise_board(who, full_board, on=date(2025, 7, 10), document="QĐ 1")
    assert events("board.recognise") == 0


def test_incomplete_board_not_recognised(board, members, front_officer):
    with pytest.raises(DomainError, match="ít nhất 5") as refused:
        services.recognise_board(front_officer, board, on=date(2025, 7, 10), document="QĐ 1")
    assert "Thôn Nà Sla" in refused.value.message
    board.refresh_from_db()
    assert board.recognised_on is None and events("board.recognise") == 0


def test_front_recognises_full_board_once(full_board, front_officer):
    with pytest.raises(DomainError, match="văn bản công nhận"):
        services.recognise_board(front_officer, full_board, on=date(2025, 7, 10), document=" ")
    services.recognise_board(
        front_officer, full_board, on=date(2025, 7, 10), document="QĐ 15/QĐ-MTTQ"
    )
    with pytest.raises(DomainError, match="đã công nhận"):
        services.recognise_board(front_officer, full_board, on=date(2025, 7, 11), document="x")
    full_board.refresh_from_db()
    assert full_board.recognised_on == date(2025, 7, 10)
    assert events("board.recognise") == 1


def record(actor, activity, **extra):
    fields = {
        "held_on": date(2026, 3, 17),
        "checked": "Bảng niêm yết dự toán ngân sách tại nhà văn hóa thôn.",
        "findings": "Chưa niêm yết phần chi đầu tư.",
    } | extra
    return services.record_supervision(actor, activity, **fields)


def test_record_needs_approved_plan(plan, board_member):
    with pytest.raises(DomainError, match="đã được Ban thông qua"):
        record(board_member, plan.activities.get())


def test_record_with_photo_strips_metadata(activity, board_member):
    record(board_member, activity, files=[photo("IMG_0042.jpg")])
    activity.refresh_from_db()
    assert activity.held_on == date(2026, 3, 17)
    item = Evidence.objects.get()
    assert item.original_name == "IMG_0042.jpg" and item.content_type == "image/jpeg"
    assert "IMG_0042" not in item.file.name
    with item.file.open("rb") as handle, Image.open(handle) as image:
        assert dict(image.getexif()) == {}
    assert events("activity.record") == 1
    with pytest.raises(DomainError, match="đã được ghi kết quả"):
        record(board_member, activity)


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("x.svg", b"<svg onload='alert(1)'/>", content_type="image/svg+xml"),
        SimpleUploadedFile("../../etc/passwd.jpg", b"not an image"),
        SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024)),
    ],
    ids=["svg", "fake-jpeg", "too-big"],
)
def test_bad_evidence_refuses_the_whole_record(activity, board_member, upload):
    with pytest.raises(DomainError):
        record(board_member, activity, files=[photo(), upload])
    activity.refresh_from_db()
    assert activity.held_on is None
    assert not Evidence.objects.exists() and events("activity.record") == 0


def test_record_date_outside_activity_and_empty_findings_refused(activity, board_member):
    with pytest.raises(DomainError, match="thời gian của hoạt động"):
        record(board_member, activity, held_on=date(2026, 3, 25))
    with pytest.raises(DomainError, match="kết quả, phát hiện"):
        record(board_member, activity, findings="  ")


def test_record_refused_outside_the_workspace(activity, officer_of_other_commune, resident):
    for who in (officer_of_other_commune, resident):
        with pytest.raises(PermissionDeniedError):
            record(who, activity)


def test_recommendation_from_activity_needs_its_record(activity, board, board_member):
    with pytest.raises(DomainError, match="đã được ghi kết quả"):
        services.send_recommendation(
            board_member,
            board,
            addressee="commune_committee",
            content="Niêm yết phần chi đầu tư.",
            received_on=date(2026, 3, 20),
            activity=activity,
        )
    record(board_member, activity)
    rec = services.send_recommendation(
        board_member,
        board,
        addressee="commune_committee",
        content="Niêm yết phần chi đầu tư.",
        received_on=date(2026, 3, 20),
        activity=activity,
    )
    assert rec.activity == activity


def test_evidence_name_loses_its_folders(activity, board_member):
    record(board_member, activity, files=[photo("../../etc/bien-ban.jpg")])
    item = Evidence.objects.get()
    assert item.original_name == "bien-ban.jpg" and ".." not in item.file.name
