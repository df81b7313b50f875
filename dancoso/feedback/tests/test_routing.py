"""Routing to the upper level: second complaints and follow-up denunciations land in the
province's upper body's inbox at once; a denunciation outside the commune's competence goes up
on the last day of its forwarding limit; an overdue denunciation is told upward (Art. 38).
The commune no longer handles what went up; the denouncer stays secret from the upper body's
other staff; one audit event per routing; without an upper body, the case stays with a note."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from dancoso.accounts.messaging import LocmemSender
from dancoso.audit.models import AuditEvent
from dancoso.core.testing import login_verified
from dancoso.feedback import services
from dancoso.feedback.deadlines import deadlines_of
from dancoso.feedback.models import Case

from .factories import MARKER, denunciation
from .test_followups import complaint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"
    LocmemSender.outbox.clear()
    return LocmemSender.outbox


def routings():
    return AuditEvent.objects.filter(action="feedback.route_case").count()


def test_a_second_complaint_goes_to_the_upper_body_and_leaves_the_commune(
    world, commune_officer, upper, outbox, django_capture_on_commit_callbacks
):
    agency, staff, _head = upper
    first = complaint(world.commune, commune_officer, answered_days_ago=3)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.file_follow_up(first, text="Không đồng ý với quyết định lần đầu.")
    second.refresh_from_db()
    assert second.agency_id == agency.pk and second.route_reason == "second_complaint"
    assert second.routed_on == second.received_on and routings() == 1
    acceptance = next(d for d in deadlines_of(second) if d.name == "complaint_second_acceptance")
    assert acceptance.done_on is None  # the upper body still has to accept it
    assert any(m["to"] == "0977000111" and second.tracking_code in m["text"] for m in outbox)
    assert not any(MARKER in m["text"] or "Hoàng Văn Khải" in m["text"] for m in outbox)
    commune = login_verified(Client(), commune_officer)
    assert commune.get(reverse("feedback:case", args=[second.pk])).status_code == 404
    inbox = commune.get(reverse("feedback:inbox")).content.decode()
    assert second.tracking_code not in inbox and first.tracking_code in inbox
    upper_client = login_verified(Client(), staff)
    page = upper_client.get(reverse("feedback:inbox") + f"?xa={world.commune.code}")
    assert second.tracking_code in page.content.decode()
    detail = upper_client.get(reverse("feedback:case", args=[second.pk])).content.decode()
    assert "Quyết định giải quyết lần đầu số 12" in detail and "Điều 7 khoản 1" in detail
    services.accept_case(second, actor=staff)  # the upper body handles it
    assert services.route_upward(Case.objects.get(pk=second.pk)) is None and routings() == 1


def test_without_an_upper_body_the_case_stays_with_a_note(world, commune_officer):
    first = complaint(world.commune, commune_officer, answered_days_ago=3)
    second = services.file_follow_up(first, text="Không đồng ý.")
    second.refresh_from_db()
    assert second.agency_id is None and second.route_reason == "second_complaint"
    assert second.steps.filter(text__contains="chưa khai báo cơ quan cấp trên").count() == 1
    assert services.route_upward(second) is None  # once


def test_a_denunciation_outside_competence_goes_up_on_the_last_forwarding_day(
    world, commune_officer, upper
):
    agency, staff, head = upper
    case = denunciation(world.commune)
    services.classify_case(case, actor=commune_officer, kind="to_cao", not_competent=True)
    case.refresh_from_db()
    due = next(d for d in deadlines_of(case) if d.name == "denunciation_forwarding").due
    assert services.send_deadline_alerts(due - timedelta(days=1))["routed"] == 0
    assert services.send_deadline_alerts(due)["routed"] == 1
    case.refresh_from_db()
    assert case.agency_id == agency.pk and case.transferred_on == due
    forwarding = next(d for d in deadlines_of(case) if d.name == "denunciation_forwarding")
    assert forwarding.state(due) == "met"
    assert services.send_deadline_alerts(due + timedelta(days=1))["routed"] == 0
    page = login_verified(Client(), staff).get(reverse("feedback:case", args=[case.pk]))
    assert MARKER not in page.content.decode()  # not assigned: masked
    services.assign_case(case, actor=head, officer=staff)
    page = login_verified(Client(), staff).get(reverse("feedback:case", args=[case.pk]))
    assert MARKER in page.content.decode()


def test_an_overdue_denunciation_is_told_upward_and_stays(
    world, commune_officer, upper, outbox, django_capture_on_commit_callbacks
):
    agency, _staff, _head = upper
    case = denunciation(world.commune)
    services.accept_case(case, actor=commune_officer)
    case.refresh_from_db()
    due = next(d for d in deadlines_of(case) if d.name == "denunciation_resolution").due
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_deadline_alerts(due)["routed"] == 0
        assert services.send_deadline_alerts(due + timedelta(days=1))["routed"] == 1
        assert services.send_deadline_alerts(due + timedelta(days=2))["routed"] == 0
    case.refresh_from_db()
    assert case.agency_id is None and case.route_reason == "overdue_denunciation"
    assert case.steps.filter(text__contains="Điều 38").exists()
    told = [m for m in outbox if m["to"] == "0977000222"]
    assert told and all(MARKER not in m["text"] for m in outbox)
    assert (
        login_verified(Client(), commune_officer)
        .get(reverse("feedback:case", args=[case.pk]))
        .status_code
        == 200
    )


def test_only_a_provincial_body_of_the_same_province_can_be_the_upper_body(
    world, province_officer, commune_officer
):
    from django.core.exceptions import ValidationError

    from dancoso.core.errors import PermissionDeniedError
    from dancoso.places.models import Agency

    local = Agency.objects.create(
        name="Trường tiểu học Cao Lộc",
        kind=Agency.Kind.PUBLIC_UNIT,
        province=world.province,
        commune=world.commune,
    )
    with pytest.raises(ValidationError):
        services.set_upper_body(world.province, actor=province_officer, agency=local)
    provincial = Agency.objects.create(
        name="UBND tỉnh Lạng Sơn", kind=Agency.Kind.STATE_AGENCY, province=world.province
    )
    with pytest.raises(PermissionDeniedError):
        services.set_upper_body(world.province, actor=commune_officer, agency=provincial)
    body = services.set_upper_body(world.province, actor=province_officer, agency=provincial)
    assert body.agency_id == provincial.pk
    assert AuditEvent.objects.filter(action="feedback.set_upper_body").count() == 1
