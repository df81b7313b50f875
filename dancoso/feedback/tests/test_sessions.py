"""Citizen-reception sessions and dialogues: scheduled and published, record of who came and
what was raised and promised, follow-up cases; permissions, one audit event per write."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import login_verified
from dancoso.feedback import services
from dancoso.feedback.models import Case, ReceptionSession

pytestmark = pytest.mark.django_db


def schedule(world, actor, **extra):
    data = {
        "kind": "reception",
        "title": "Tiếp công dân định kỳ",
        "starts_at": timezone.now() + timedelta(days=2),
        "place": "Hội trường UBND xã",
        "host": "Chủ tịch UBND xã",
    } | extra
    return services.schedule_session(world.commune, actor=actor, **data)


def test_a_session_from_schedule_to_follow_up(world, commune_officer, client):
    session = schedule(world, commune_officer, publish=False)
    page = reverse("feedback:sessions_public", args=[world.commune.code])
    assert "Tiếp công dân định kỳ" not in client.get(page).content.decode()
    services.publish_session(session, actor=commune_officer)
    assert "Tiếp công dân định kỳ" in client.get(page).content.decode()
    services.add_attendee(
        session,
        actor=commune_officer,
        full_name="Hoàng Thị Ánh",
        village=world.village,
        represents=6,
    )
    item = services.add_item(
        session,
        actor=commune_officer,
        raised="Đường vào thôn lầy lội",
        promised="Đưa vào kế hoạch bê tông hóa",
        responsible="Phòng Kinh tế",
    )
    with pytest.raises(DomainError, match="chưa diễn ra"):
        services.mark_held(session, actor=commune_officer)
    ReceptionSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(hours=2)
    )
    session = services.mark_held(session, actor=commune_officer, summary="12 ý kiến")
    case = services.open_follow_up(item, actor=commune_officer)
    assert case.channel == Case.Channel.RECEPTION and case.session == session
    with pytest.raises(DomainError, match="đã có hồ sơ"):
        services.open_follow_up(item, actor=commune_officer)
    public = client.get(page).content.decode()
    assert "Đưa vào kế hoạch" in public and "6 người dự" in public
    assert "Hoàng Thị Ánh" not in public  # attendees' names stay in the workspace


def test_every_session_write_leaves_one_event_and_outsiders_are_refused(
    world, commune_officer, officer_of_other_commune, resident
):
    before = AuditEvent.objects.count()
    session = schedule(world, commune_officer)
    services.add_item(session, actor=commune_officer, raised="Điện chập chờn")
    services.cancel_session(session, actor=commune_officer, reason="Mưa lũ")
    assert AuditEvent.objects.count() == before + 3
    for actor in (officer_of_other_commune, resident):
        with pytest.raises(PermissionDeniedError):
            schedule(world, actor)
    with pytest.raises(DomainError):
        services.add_item(session, actor=commune_officer, raised="Sau khi hủy")
    with pytest.raises(ValidationError):
        schedule(world, commune_officer, starts_at=timezone.now() - timedelta(days=1))
    with pytest.raises(ValidationError):
        schedule(world, commune_officer, title=" ")
    assert AuditEvent.objects.count() == before + 3


def test_officer_pages_schedule_and_record(world, commune_officer):
    officer = login_verified(Client(), commune_officer)
    when = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = officer.post(
        reverse("feedback:sessions"),
        {
            "kind": "dialogue",
            "title": "Đối thoại về đường liên thôn",
            "starts_at": when,
            "place": "Nhà văn hóa thôn Bản Lải",
            "host": "Chủ tịch UBND xã",
            "publish": "on",
        },
    )
    session = ReceptionSession.objects.get()
    assert response.status_code == 302 and session.kind == "dialogue"
    url = reverse("feedback:session_action", args=[session.pk, "y-kien"])
    officer.post(url, {"raised": "Xin làm rãnh thoát nước", "due_on": "2027-03-01"})
    assert session.items.get().due_on.isoformat() == "2027-03-01"
    bad = officer.post(url, {"raised": "x", "due_on": "khong-phai-ngay"}, follow=True)
    assert "Ngày không đúng" in bad.content.decode()
    assert officer.get(reverse("feedback:session", args=[session.pk])).status_code == 200
