"""SECURITY.md test 10: a marker planted in a denouncer's name appears 0 times in any page,
API answer, export, e-mail, SMS, audit summary or log line — except for the officer handling
the case and their leader, whose every read is logged. The same holds for the follow-up
denunciation (tố cáo tiếp, Law 25/2018 Art. 37) the denouncer files from the status page."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from dancoso.accounts.messaging import LocmemSender
from dancoso.audit.models import AuditEvent
from dancoso.core.testing import add_totp, login_verified, make_user
from dancoso.feedback import services
from dancoso.feedback.models import Case
from dancoso.feedback.secrecy import MASKED, sender_for

from .factories import MARKER

pytestmark = pytest.mark.django_db


@pytest.fixture
def planted(
    world,
    client,
    settings,
    caplog,
    commune_officer,
    commune_chair,
    django_capture_on_commit_callbacks,
):
    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"
    LocmemSender.outbox.clear()
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        case, handler = _plant(world, client, commune_officer)
    return Case.objects.get(pk=case.pk), handler


def _plant(world, client, commune_officer):
    response = client.post(
        reverse("feedback:submit", args=[world.commune.code]),
        {
            "kind": "to_cao",
            "subject": "Thu tiền sai",
            "description": f"Tôi là {MARKER}. Thu thêm phí làm sổ đỏ.",
            "full_name": MARKER,
            "phone": "0912999888",
            "address": f"Nhà {MARKER}",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    handler = make_user("canbo_giai_quyet", full_name="Lò Văn Giải")
    from dancoso.accounts.roles import Role
    from dancoso.core.testing import grant

    grant(handler, Role.COMMUNE_OFFICER, world.commune)
    add_totp(handler)
    services.assign_case(case, actor=commune_officer, officer=handler)
    services.accept_case(case, actor=handler)
    services.answer_case(case, actor=handler, answer=f"Kết luận: ông {MARKER} tố cáo đúng.")
    services.publish_answer(case, actor=handler)  # Art. 40: published, denouncer removed
    response = client.post(
        reverse("feedback:status", args=[case.tracking_code]),
        {"follow_up_text": f"Tôi, {MARKER}, không đồng ý: kết luận bỏ sót hai lần thu."},
    )
    assert response.status_code == 302
    again = Case.objects.get(follows=case)
    services.assign_case(again, actor=commune_officer, officer=handler)
    services.accept_case(again, actor=handler)
    return case, handler


def outsiders(world, commune_officer, province_officer, officer_of_other_commune):
    admin = make_user("quantri", is_superuser=True, is_staff=True)
    add_totp(admin)
    return {
        "officer": commune_officer,
        "admin": admin,
        "province": province_officer,
        "other": officer_of_other_commune,
    }


def bodies(client, case):
    again = Case.objects.get(follows=case)
    urls = [
        reverse("feedback:case", args=[again.pk]),
        reverse("feedback:status", args=[again.tracking_code]),
        f"/api/v1/feedback/cases/{again.pk}",
        f"/api/v1/feedback/track/{again.tracking_code}",
        reverse("admin:feedback_case_change", args=[again.pk]),
        reverse("feedback:inbox"),
        reverse("feedback:case", args=[case.pk]),
        reverse("feedback:export"),
        reverse("feedback:status", args=[case.tracking_code]),
        reverse("feedback:commune", args=[case.commune.code]),
        f"/api/v1/feedback/cases/{case.pk}",
        "/api/v1/feedback/cases",
        f"/api/v1/feedback/track/{case.tracking_code}",
        reverse("admin:feedback_case_changelist"),
        reverse("admin:feedback_case_change", args=[case.pk]),
        f"/can-bo/nhat-ky/xa/{case.commune.code}/",
    ]
    return {url: client.get(url).content.decode("utf-8", "replace") for url in urls}


def test_no_one_but_the_handler_and_leader_ever_sees_the_marker(
    planted,
    world,
    commune_officer,
    commune_chair,
    province_officer,
    officer_of_other_commune,
    caplog,
    capsys,
):
    case, handler = planted
    for who, user in outsiders(
        world, commune_officer, province_officer, officer_of_other_commune
    ).items():
        assert sender_for(user, case).full_name == MASKED, who
        for url, body in bodies(login_verified(Client(), user), case).items():
            assert MARKER not in body, (who, url)
    for url, body in bodies(Client(), case).items():  # anonymous, the status page included
        assert MARKER not in body, url
    assert (
        MASKED
        in login_verified(Client(), commune_officer)
        .get(reverse("feedback:case", args=[case.pk]))
        .content.decode()
    )
    assert all(MARKER not in str(m) for m in LocmemSender.outbox)
    assert LocmemSender.outbox  # messages were sent, without the name
    assert MARKER not in caplog.text and MARKER not in capsys.readouterr().out
    assert not any(MARKER in str(e.summary) for e in AuditEvent.objects.all())


def test_the_handler_and_the_leader_see_it_and_each_read_is_logged(planted, commune_chair):
    case, handler = planted
    again = Case.objects.get(follows=case)
    for reader in (handler, commune_chair):
        for target in (case, again):
            before = AuditEvent.objects.filter(action="feedback.read_sender_identity").count()
            page = login_verified(Client(), reader).get(reverse("feedback:case", args=[target.pk]))
            assert MARKER in page.content.decode()
            reads = AuditEvent.objects.filter(action="feedback.read_sender_identity")
            assert reads.count() == before + 1 and reads.last().object_id == str(target.pk)
            assert reads.last().actor_id == reader.pk and MARKER not in str(reads.last().summary)


def test_an_export_masks_the_denouncer_even_for_the_handler(planted):
    case, handler = planted
    body = login_verified(Client(), handler).get(reverse("feedback:export")).content.decode()
    assert case.tracking_code in body and MARKER not in body and MASKED in body


def test_what_goes_up_keeps_the_denouncer_secret_from_the_upper_bodys_other_staff(
    world, commune_officer, upper, settings, caplog, capsys, django_capture_on_commit_callbacks
):
    """The new outputs of routing (test 10): a denunciation outside the commune's competence
    sent up on its forwarding day, and a follow-up denunciation typed in at the desk from a
    paper letter; the marker reaches no page, API answer, export, SMS, e-mail, log line or
    audit summary of the upper body's unassigned staff — only its assigned officer and its
    head, each read logged."""
    from datetime import timedelta

    from django.utils import timezone

    from .factories import denunciation

    settings.DANCOSO_MESSAGE_BACKEND = "dancoso.accounts.messaging.LocmemSender"
    LocmemSender.outbox.clear()
    caplog.set_level(logging.DEBUG)
    agency, staff, head = upper
    clerk = make_user("vanthu_tinh", full_name="Văn Thư Tỉnh")
    from dancoso.accounts.roles import Role
    from dancoso.core.testing import grant

    grant(clerk, Role.AGENCY_STAFF, agency)
    add_totp(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        forwarded = denunciation(world.commune, description=f"Tôi là {MARKER}, thu sai.")
        services.classify_case(forwarded, actor=commune_officer, kind="to_cao", not_competent=True)
        services.send_deadline_alerts(timezone.localdate() + timedelta(days=14))
        paper = services.take_follow_up(
            world.commune,
            actor=commune_officer,
            kind="to_cao",
            channel="letter",
            received_on=timezone.localdate(),
            text=f"Tôi, {MARKER}, tố cáo tiếp: kết luận chưa đúng.",
            first_decision="Kết luận số 3/KL-UBND",
            first_decision_on=timezone.localdate() - timedelta(days=3),
            full_name=MARKER,
            phone="0912999777",
        )
        for case in (forwarded, paper):
            services.assign_case(Case.objects.get(pk=case.pk), actor=head, officer=staff)
    cases = [Case.objects.get(pk=c.pk) for c in (forwarded, paper)]
    assert all(c.agency_id == agency.pk for c in cases)
    seen = login_verified(Client(), clerk)
    urls = [reverse("feedback:inbox") + f"?xa={world.commune.code}", reverse("feedback:export")]
    for case in cases:
        urls += [reverse("feedback:case", args=[case.pk]), f"/api/v1/feedback/cases/{case.pk}"]
        urls += [reverse("feedback:status", args=[case.tracking_code])]
    for url in urls:
        response = seen.get(url)
        assert response.status_code == 200 and MARKER not in response.content.decode(), url
    assert all(MARKER not in str(m) for m in LocmemSender.outbox) and LocmemSender.outbox
    assert MARKER not in caplog.text and MARKER not in capsys.readouterr().out
    assert not any(MARKER in str(e.summary) for e in AuditEvent.objects.all())
    for reader in (staff, head):
        before = AuditEvent.objects.filter(action="feedback.read_sender_identity").count()
        page = login_verified(Client(), reader).get(reverse("feedback:case", args=[paper.pk]))
        assert MARKER in page.content.decode()
        assert AuditEvent.objects.filter(action="feedback.read_sender_identity").count() == (
            before + 1
        )
