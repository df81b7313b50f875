"""The 5-working-day forwarding limit of a denunciation the commune is not competent for
(Law 25/2018 Art. 24(3)): shown from receipt until the transfer, reminded and escalated.
Desks deactivated and reactivated from the officer pages; a deactivated desk's QR page says
so and takes no rating."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import login_verified
from dancoso.core.workdays import add_working_days
from dancoso.feedback import services
from dancoso.feedback.deadlines import deadlines_of
from dancoso.feedback.models import Case, CaseAlert, DeskRating

from .factories import denunciation, report

pytestmark = pytest.mark.django_db


def forwarding(case):
    return next((d for d in deadlines_of(case) if d.name == "denunciation_forwarding"), None)


def test_a_denunciation_outside_the_communes_competence_must_be_forwarded_in_5_working_days(
    world, commune_officer
):
    case = denunciation(world.commune)
    assert forwarding(case) is None
    services.classify_case(case, actor=commune_officer, kind="to_cao", not_competent=True)
    case.refresh_from_db()
    item = forwarding(case)
    assert item.due == add_working_days(case.received_on, 5) and "Điều 24 khoản 3" in item.article
    assert case.next_due <= item.due
    services.transfer_case(
        case, actor=commune_officer, reason="Thuộc thẩm quyền tỉnh", body="Thanh tra tỉnh"
    )
    case.refresh_from_db()
    assert forwarding(case).done_on == case.transferred_on and forwarding(case).state(
        case.received_on
    ) in {"met", "late"}


def test_the_flag_only_applies_to_denunciations(world, commune_officer):
    case = report(world.commune)
    services.classify_case(case, actor=commune_officer, kind="phan_anh", not_competent=True)
    case.refresh_from_db()
    assert not case.not_competent and forwarding(case) is None


def test_the_forwarding_limit_is_reminded_then_escalated(world, commune_officer):
    case = denunciation(world.commune)
    services.classify_case(case, actor=commune_officer, kind="to_cao", not_competent=True)
    case.refresh_from_db()
    due = forwarding(case).due
    services.send_deadline_alerts(due)
    services.send_deadline_alerts(due + timedelta(days=1))
    stages = set(
        CaseAlert.objects.filter(case=case, deadline="denunciation_forwarding").values_list(
            "stage", flat=True
        )
    )
    assert stages == {"reminder", "escalation"}


def test_the_officer_page_marks_a_denunciation_not_competent(world, commune_officer):
    case = denunciation(world.commune)
    officer = login_verified(Client(), commune_officer)
    officer.post(
        reverse("feedback:case_action", args=[case.pk, "phan-loai"]),
        {"kind": "to_cao", "not_competent": "on"},
    )
    page = officer.get(reverse("feedback:case", args=[case.pk])).content.decode()
    assert "Chuyển đơn tới cơ quan có thẩm quyền" in page


def test_a_desk_is_deactivated_and_reactivated_with_one_audit_event_each(
    world, commune_officer, officer_of_other_commune
):
    desk = services.create_desk(world.commune, actor=commune_officer, name="Quầy 3")
    with pytest.raises(PermissionDeniedError):
        services.set_desk_active(desk, actor=officer_of_other_commune, active=False)
    desk = services.set_desk_active(desk, actor=commune_officer, active=False)
    assert not desk.active
    with pytest.raises(DomainError):
        services.set_desk_active(desk, actor=commune_officer, active=False)
    services.set_desk_active(desk, actor=commune_officer, active=True)
    actions = list(
        AuditEvent.objects.filter(action__contains="activate_desk").values_list("action", flat=True)
    )
    assert actions == ["feedback.deactivate_desk", "feedback.reactivate_desk"]


def test_a_deactivated_desks_qr_page_says_so_and_takes_no_rating(
    client, world, commune_officer, officer_of_other_commune
):
    desk = services.create_desk(world.commune, actor=commune_officer, name="Quầy 4")
    officer = login_verified(Client(), commune_officer)
    officer.post(reverse("feedback:desk_action", args=[desk.pk, "ngung"]))
    url = reverse("feedback:rate_desk", args=[desk.token])
    page = client.get(url).content.decode()
    assert "đã ngừng hoạt động" in page and 'name="visit_code"' not in page
    vote = {"visit_code": "CL-2026-009", "reception_score": "5", "procedure_score": "5"}
    refused = client.post(url, vote)
    assert refused.status_code == 400 and "ngừng hoạt động" in refused.content.decode()
    assert not DeskRating.objects.exists()
    assert "Mở lại quầy" in officer.get(reverse("feedback:desk", args=[desk.pk])).content.decode()
    officer.post(reverse("feedback:desk_action", args=[desk.pk, "mo-lai"]))
    assert client.post(url, vote).status_code == 200 and DeskRating.objects.count() == 1
    other = login_verified(Client(), officer_of_other_commune)
    assert other.post(reverse("feedback:desk_action", args=[desk.pk, "ngung"])).status_code == 404
    assert officer.post(reverse("feedback:desk_action", args=[desk.pk, "xoa"])).status_code == 404
    assert Case.objects.count() == 0
