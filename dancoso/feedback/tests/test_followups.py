"""Second-level cases: khiếu nại lần hai (Law 02/2011 Art. 33, 36, 37) and tố cáo tiếp (Law
25/2018 Art. 37) — filed from the first case's status page, linked to it, with their own
deadlines and reminders; a late second complaint refused with the rule; one per case."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError
from dancoso.core.testing import login_verified
from dancoso.feedback import services
from dancoso.feedback.deadlines import deadlines_of
from dancoso.feedback.models import Case, CaseAlert, CaseSender

from .factories import denunciation, report

pytestmark = pytest.mark.django_db


def complaint(commune, officer, *, answered_days_ago=0, remote=False):
    case = report(commune, kind="khieu_nai", full_name="Hoàng Văn Khải")
    if remote:
        services.classify_case(case, actor=officer, kind="khieu_nai", is_remote=True)
    services.accept_case(case, actor=officer)
    services.answer_case(case, actor=officer, answer="Quyết định giải quyết lần đầu số 12")
    day = timezone.localdate() - timedelta(days=answered_days_ago)
    Case.objects.filter(pk=case.pk).update(answered_on=day, resolved_on=day, accepted_on=day)
    return Case.objects.get(pk=case.pk)


def events(action):
    return AuditEvent.objects.filter(action=f"feedback.{action}").count()


def test_a_second_complaint_is_a_linked_case_with_second_level_deadlines(world, commune_officer):
    first = complaint(world.commune, commune_officer, answered_days_ago=5)
    second = services.file_follow_up(first, text="Quyết định lần đầu chưa xem xét biên bản đo đạc.")
    assert second.level == 2 and second.follows_id == first.pk
    assert second.tracking_code == f"{first.tracking_code}-2" and second.kind == "khieu_nai"
    assert CaseSender.objects.get(case=second).full_name == "Hoàng Văn Khải"
    assert events("file_follow_up") == 1
    names = {d.name for d in deadlines_of(second)}
    assert names == {"reception_answer", "complaint_second_acceptance"}
    acceptance = next(d for d in deadlines_of(second) if d.name == "complaint_second_acceptance")
    assert "Điều 36" in acceptance.article and second.next_due is not None
    services.accept_case(second, actor=commune_officer)
    second.refresh_from_db()
    resolution = next(d for d in deadlines_of(second) if "resolution" in d.name)
    assert resolution.name == "complaint_second_resolution" and "Điều 37" in resolution.article
    assert (resolution.due - second.accepted_on).days >= 45
    assert first.steps.filter(text__contains=second.tracking_code).exists()


def test_a_late_second_complaint_is_refused_with_the_rule_and_nothing_saved(world, commune_officer):
    first = complaint(world.commune, commune_officer, answered_days_ago=40)
    before = events("file_follow_up")
    with pytest.raises(DomainError) as refused:
        services.file_follow_up(first, text="Tôi không đồng ý.")
    assert "Điều 33" in refused.value.message and "30 ngày" in refused.value.message
    assert not Case.objects.filter(level=2).exists() and events("file_follow_up") == before


def test_remote_areas_have_45_days_to_file_a_second_complaint(world, commune_officer):
    first = complaint(world.commune, commune_officer, answered_days_ago=40, remote=True)
    second = services.file_follow_up(first, text="Tôi không đồng ý.")
    assert second.is_remote
    services.accept_case(second, actor=commune_officer)
    second.refresh_from_db()
    resolution = next(d for d in deadlines_of(second) if "resolution" in d.name)
    assert resolution.name == "complaint_second_resolution_remote"
    assert (resolution.due - second.accepted_on).days >= 60
    late = complaint(world.commune, commune_officer, answered_days_ago=60, remote=True)
    with pytest.raises(DomainError, match="45 ngày"):
        services.file_follow_up(late, text="Tôi không đồng ý.")


def test_a_lapsed_first_level_opens_the_window_and_an_early_one_is_refused(world, commune_officer):
    case = report(world.commune, kind="khieu_nai", full_name="Hoàng Văn Khải")
    services.accept_case(case, actor=commune_officer)
    with pytest.raises(DomainError, match="Chưa thể gửi khiếu nại lần hai"):
        services.file_follow_up(case, text="Quá lâu.")
    Case.objects.filter(pk=case.pk).update(accepted_on=timezone.localdate() - timedelta(days=40))
    second = services.file_follow_up(Case.objects.get(pk=case.pk), text="Quá hạn chưa giải quyết.")
    assert second.follows_id == case.pk


def test_one_follow_up_per_case_and_only_for_named_complaints_and_denunciations(
    world, commune_officer
):
    first = complaint(world.commune, commune_officer, answered_days_ago=1)
    second = services.file_follow_up(first, text="Không đồng ý.")
    with pytest.raises(DomainError, match=second.tracking_code):
        services.file_follow_up(first, text="Lần nữa.")
    with pytest.raises(DomainError):
        services.file_follow_up(second, text="Lần ba.")  # level 2: the court, not a third case
    plain = report(world.commune)
    services.answer_case(plain, actor=commune_officer, answer="Đã sửa đèn")
    with pytest.raises(DomainError):
        services.file_follow_up(plain, text="Không đồng ý.")
    with pytest.raises(ValidationError):
        services.file_follow_up(
            complaint(world.commune, commune_officer, answered_days_ago=1), text="  "
        )
    assert Case.objects.filter(level=2).count() == 1


def test_a_follow_up_denunciation_has_its_review_and_resolution_limits(world, commune_officer):
    first = denunciation(world.commune)
    services.accept_case(first, actor=commune_officer)
    services.answer_case(first, actor=commune_officer, answer="Kết luận: không có vi phạm.")
    again = services.file_follow_up(first, text="Kết luận bỏ sót hai lần thu tiền.")
    assert again.is_denunciation and again.level == 2
    review = next(d for d in deadlines_of(again) if d.name == "denunciation_followup_review")
    assert "Điều 37" in review.article
    services.accept_case(again, actor=commune_officer)
    again.refresh_from_db()
    names = {d.name for d in deadlines_of(again)}
    assert "denunciation_followup_resolution" in names and "denunciation_resolution" not in names


def test_second_level_deadlines_are_reminded_and_escalated(world, commune_officer):
    first = complaint(world.commune, commune_officer, answered_days_ago=1)
    second = services.file_follow_up(first, text="Không đồng ý.")
    acceptance = next(d for d in deadlines_of(second) if d.name == "complaint_second_acceptance")
    services.send_deadline_alerts(acceptance.due)
    services.send_deadline_alerts(acceptance.due + timedelta(days=1))
    stages = set(
        CaseAlert.objects.filter(case=second, deadline="complaint_second_acceptance").values_list(
            "stage", flat=True
        )
    )
    assert stages == {"reminder", "escalation"}


def test_the_status_page_files_and_links_the_second_complaint(client, world, commune_officer):
    first = complaint(world.commune, commune_officer, answered_days_ago=3)
    url = reverse("feedback:status", args=[first.tracking_code])
    assert "Khiếu nại lần hai" in client.get(url).content.decode()
    response = client.post(url, {"follow_up_text": "<b>Không đồng ý</b> với quyết định."})
    second = Case.objects.get(level=2)
    assert response.status_code == 302 and second.tracking_code in response["Location"]
    page = client.get(reverse("feedback:status", args=[second.tracking_code])).content.decode()
    assert first.tracking_code in page and "Thụ lý khiếu nại lần hai" in page
    assert "Điều 36" in page
    assert second.tracking_code in client.get(url).content.decode()
    track = client.post(reverse("feedback:track"), {"code": second.tracking_code})
    assert track.status_code == 302
    officer = login_verified(Client(), commune_officer)
    detail = officer.get(reverse("feedback:case", args=[second.pk])).content.decode()
    assert first.tracking_code in detail and "&lt;b&gt;" in detail


def test_the_status_page_refuses_a_late_second_complaint_with_the_rule(
    client, world, commune_officer
):
    first = complaint(world.commune, commune_officer, answered_days_ago=50)
    url = reverse("feedback:status", args=[first.tracking_code])
    response = client.post(url, {"follow_up_text": "Không đồng ý."})
    assert response.status_code == 400 and "Điều 33" in response.content.decode()
    assert not Case.objects.filter(level=2).exists()
